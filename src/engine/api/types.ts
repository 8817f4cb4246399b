/**
 * The API objects the playground simulates, shaped exactly like Kubernetes' JSON
 * (core/v1, apps/v1, events). Only the fields the simulation uses are typed; anything
 * else a user writes is kept verbatim (objects are plain JSON), so nothing is lost.
 */

export type Labels = Record<string, string>

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Labels
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
}

/** Any API object: `apiVersion`, `kind`, `metadata`, and whatever the kind defines. */
export interface KObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any
}

export interface ResourceList {
  cpu?: string
  memory?: string
  pods?: string
  [name: string]: string | undefined
}

export interface ContainerPort {
  name?: string
  containerPort: number
  protocol?: 'TCP' | 'UDP' | 'SCTP'
  hostPort?: number
}

export interface Container {
  name: string
  image: string
  command?: string[]
  args?: string[]
  ports?: ContainerPort[]
  env?: { name: string; value?: string }[]
  resources?: { requests?: ResourceList; limits?: ResourceList }
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never'
  terminationMessagePath?: string
  terminationMessagePolicy?: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any
}

export interface Toleration {
  key?: string
  operator?: 'Exists' | 'Equal'
  value?: string
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | ''
  tolerationSeconds?: number
}

export interface Taint {
  key: string
  value?: string
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
  timeAdded?: string
}

export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
  nodeName?: string
  nodeSelector?: Record<string, string>
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  terminationGracePeriodSeconds?: number
  dnsPolicy?: string
  schedulerName?: string
  tolerations?: Toleration[]
  hostname?: string
  subdomain?: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any
}

export type ConditionStatus = 'True' | 'False' | 'Unknown'

export interface PodCondition {
  type: string
  status: ConditionStatus
  reason?: string
  message?: string
  lastProbeTime?: string | null
  lastTransitionTime?: string
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string }
  running?: { startedAt?: string }
  terminated?: {
    exitCode: number
    containerID?: string
    reason?: string
    message?: string
    startedAt?: string
    finishedAt?: string
  }
}

export interface ContainerStatus {
  name: string
  image: string
  imageID?: string
  containerID?: string
  ready: boolean
  started?: boolean
  restartCount: number
  state: ContainerState
  lastState?: ContainerState
}

export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'
  conditions?: PodCondition[]
  hostIP?: string
  hostIPs?: { ip: string }[]
  podIP?: string
  podIPs?: { ip: string }[]
  startTime?: string
  containerStatuses?: ContainerStatus[]
  initContainerStatuses?: ContainerStatus[]
  qosClass?: string
  reason?: string
  message?: string
}

export interface Pod extends KObject {
  kind: 'Pod'
  spec: PodSpec
  status?: PodStatus
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta
  spec: PodSpec
}

export interface LabelSelectorRequirement {
  key: string
  operator: string
  values?: string[]
}

export interface LabelSelectorSpec {
  matchLabels?: Labels
  matchExpressions?: LabelSelectorRequirement[]
}

export interface ReplicaSetCondition {
  type: string
  status: ConditionStatus
  reason?: string
  message?: string
  lastTransitionTime?: string
}

export interface ReplicaSet extends KObject {
  kind: 'ReplicaSet'
  spec: {
    replicas?: number
    minReadySeconds?: number
    selector: LabelSelectorSpec
    template: PodTemplateSpec
  }
  status?: {
    replicas: number
    fullyLabeledReplicas?: number
    readyReplicas?: number
    availableReplicas?: number
    observedGeneration?: number
    conditions?: ReplicaSetCondition[]
  }
}

export interface NodeCondition {
  type: string
  status: ConditionStatus
  reason?: string
  message?: string
  lastHeartbeatTime?: string
  lastTransitionTime?: string
}

export interface Node extends KObject {
  kind: 'Node'
  spec: {
    podCIDR?: string
    podCIDRs?: string[]
    unschedulable?: boolean
    taints?: Taint[]
  }
  status?: {
    capacity?: ResourceList
    allocatable?: ResourceList
    conditions?: NodeCondition[]
    addresses?: { type: string; address: string }[]
    nodeInfo?: Record<string, string>
    images?: { names: string[]; sizeBytes?: number }[]
    daemonEndpoints?: { kubeletEndpoint?: { Port: number } }
    phase?: string
  }
}

export interface Namespace extends KObject {
  kind: 'Namespace'
  spec?: { finalizers?: string[] }
  status?: { phase?: 'Active' | 'Terminating' }
}

export interface ObjectReference {
  kind?: string
  namespace?: string
  name?: string
  uid?: string
  apiVersion?: string
  resourceVersion?: string
  fieldPath?: string
}

/** core/v1 Event, as `kubectl describe` and `kubectl get events` read it. */
export interface KEvent extends KObject {
  kind: 'Event'
  involvedObject: ObjectReference
  reason: string
  message: string
  type: 'Normal' | 'Warning'
  source: { component: string; host?: string }
  count: number
  firstTimestamp: string
  lastTimestamp: string
  reportingComponent?: string
}

/** Namespaced object key as client-go's MetaNamespaceKeyFunc writes it. */
export function objectKey(o: { metadata: ObjectMeta }): string {
  const ns = o.metadata.namespace
  return ns ? `${ns}/${o.metadata.name}` : `${o.metadata.name}`
}

/** Deep copy for JSON-shaped objects: objects from caches are never mutated (client-go rule). */
export function deepCopy<T>(o: T): T {
  return structuredClone(o)
}
