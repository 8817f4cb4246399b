import type { KObject, Node, NodeCondition } from '../api/types'
import { parseQuantity } from '../api/quantity'
import type { ImageFacts } from './image-model'
import { hexDigest } from './hex'

/**
 * What a kubelet writes about its node: the Node it registers (`initialNode`) and the status
 * setters it runs at every heartbeat (`pkg/kubelet/nodestatus/setters.go`). Pure functions
 * over plain data; the kubelet does the API calls.
 */

export interface NodeIdentity {
  name: string
  ip: string
  podCIDR: string
  cpu: string
  memory: string
  pods: string
}

/** What the node runs (`kubectl get nodes -o wide`, `kubectl describe node`). Playground values, kind-like. */
export const NODE_INFO = {
  kubeletVersion: 'v1.33.1',
  containerRuntimeVersion: 'containerd://2.1.1',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.8.0-60-generic',
  architecture: 'amd64',
  operatingSystem: 'linux',
} as const

/** Node-level disk the playground reports; never a constraint in the simulation. */
const EPHEMERAL_STORAGE = '102626232Ki'

/** `nodeStatusMaxImages`. */
const MAX_IMAGES = 50

/** The Ready condition while the runtime's first status check is pending (`runtimeState.runtimeErrors`). */
export const NOT_READY_MESSAGE = 'container runtime status check may not have completed yet'

/** The Node a kubelet creates when it registers (`initialNode` + the status setters). */
export function initialNode(id: NodeIdentity): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels: {
        'beta.kubernetes.io/arch': NODE_INFO.architecture,
        'beta.kubernetes.io/os': NODE_INFO.operatingSystem,
        'kubernetes.io/arch': NODE_INFO.architecture,
        'kubernetes.io/hostname': id.name,
        'kubernetes.io/os': NODE_INFO.operatingSystem,
      },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: id.podCIDR, podCIDRs: [id.podCIDR] },
    status: {},
  }
}

/**
 * Capacity and allocatable. Playground: kube-reserved, system-reserved and the eviction
 * thresholds are zero, so allocatable equals capacity (REFERENCE 6.0).
 */
export function capacity(id: NodeIdentity): Record<string, string> {
  return {
    cpu: parseQuantity(id.cpu).canonical,
    'ephemeral-storage': EPHEMERAL_STORAGE,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: parseQuantity(id.memory).canonical,
    pods: parseQuantity(id.pods).canonical,
  }
}

export interface StatusContext {
  id: NodeIdentity
  /** RFC 3339 now. */
  now: string
  runtimeReady: boolean
  images: ImageFacts[]
  /** Records `Node <name> status is now: <event>` (kubelet `recordNodeStatusEvent`). */
  recordEvent(reason: string): void
}

/** Run every setter on a copy of the node's status; returns the new status. */
export function setNodeStatus(node: Node, c: StatusContext): NonNullable<Node['status']> {
  const old = node.status ?? {}
  const cap = capacity(c.id)
  const machine = hexDigest(`machine/${c.id.name}`, 32)
  const conditions = [...(old.conditions ?? [])].map((x) => ({ ...x }))
  setPressure(conditions, 'MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory', c)
  setPressure(conditions, 'DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure', c)
  setPressure(conditions, 'PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID', c)
  setReady(conditions, c)
  return {
    ...old,
    capacity: cap,
    allocatable: { ...cap },
    conditions,
    addresses: [
      { type: 'InternalIP', address: c.id.ip },
      { type: 'Hostname', address: c.id.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: machine,
      systemUUID: uuidFrom(hexDigest(`system/${c.id.name}`, 32)),
      bootID: uuidFrom(hexDigest(`boot/${c.id.name}`, 32)),
      kernelVersion: NODE_INFO.kernelVersion,
      osImage: NODE_INFO.osImage,
      containerRuntimeVersion: NODE_INFO.containerRuntimeVersion,
      kubeletVersion: NODE_INFO.kubeletVersion,
      operatingSystem: NODE_INFO.operatingSystem,
      architecture: NODE_INFO.architecture,
    },
    images: c.images.slice(0, MAX_IMAGES).map((i) => ({ names: [i.imageID, i.ref.canonical], sizeBytes: i.sizeBytes })),
  } as NonNullable<Node['status']>
}

/** The node's conditions in the order the kubelet appends them: pressure conditions, then Ready. */
function setPressure(conds: NodeCondition[], type: string, reason: string, message: string, event: string, c: StatusContext): void {
  let cond = conds.find((x) => x.type === type)
  if (!cond) conds.push((cond = { type, status: 'Unknown', lastTransitionTime: c.now }))
  cond.lastHeartbeatTime = c.now
  // The simulated nodes never run short of memory, disk or PIDs.
  if (cond.status !== 'False') {
    cond.status = 'False'
    cond.reason = reason
    cond.message = message
    cond.lastTransitionTime = c.now
    c.recordEvent(event)
  }
}

/** `ReadyCondition`: Ready once the runtime answered; `NodeReady`/`NodeNotReady` events on a change (not on the first post). */
function setReady(conds: NodeCondition[], c: StatusContext): void {
  const next: NodeCondition = c.runtimeReady
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: c.now, lastTransitionTime: c.now }
    : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: NOT_READY_MESSAGE, lastHeartbeatTime: c.now, lastTransitionTime: c.now }
  const i = conds.findIndex((x) => x.type === 'Ready')
  if (i < 0) {
    conds.push(next)
    return
  }
  if (conds[i].status === next.status) next.lastTransitionTime = conds[i].lastTransitionTime
  else c.recordEvent(next.status === 'True' ? 'NodeReady' : 'NodeNotReady')
  conds[i] = next
}

function uuidFrom(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** The object events about a node point at: the kubelet's `nodeRef` uses the node name as uid. */
export function nodeRef(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } }
}
