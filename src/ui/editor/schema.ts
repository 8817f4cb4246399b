/**
 * The Kubernetes fields the editor completes, per kind: a small hand-written slice of the
 * OpenAPI schema (core/v1 and apps/v1) covering what the playground simulates — object
 * metadata, pod specs with containers, ports, resources and probes, the workload controllers'
 * replicas/selector/template/strategy, and Services. Enumerations are Kubernetes' own values.
 */
export type Field =
  | { t: 'string' | 'int' | 'bool' | 'quantity' | 'intOrString'; values?: readonly string[] }
  | { t: 'map' } // free keys (labels, annotations, selectors)
  | { t: 'list' } // a list of scalars (command, args)
  | { t: 'object'; fields: Fields }
  | { t: 'objects'; fields: Fields } // a list of objects (containers, ports)

export type Fields = Readonly<Record<string, Field>>

const str = (values?: readonly string[]): Field => ({ t: 'string', values })
const int: Field = { t: 'int' }
const bool: Field = { t: 'bool', values: ['true', 'false'] }
const map: Field = { t: 'map' }
const list: Field = { t: 'list' }
const obj = (fields: Fields): Field => ({ t: 'object', fields })
const objs = (fields: Fields): Field => ({ t: 'objects', fields })
const quantity: Field = { t: 'quantity' }
const intOrString: Field = { t: 'intOrString' }

export const METADATA = obj({ name: str(), namespace: str(), labels: map, annotations: map, generateName: str() })

const RESOURCES = obj({ requests: obj({ cpu: quantity, memory: quantity }), limits: obj({ cpu: quantity, memory: quantity }) })

const HANDLER: Fields = {
  exec: obj({ command: list }),
  httpGet: obj({ path: str(), port: intOrString, scheme: str(['HTTP', 'HTTPS']), host: str() }),
  tcpSocket: obj({ port: intOrString }),
}

const PROBE = obj({
  ...HANDLER,
  initialDelaySeconds: int,
  periodSeconds: int,
  timeoutSeconds: int,
  successThreshold: int,
  failureThreshold: int,
  terminationGracePeriodSeconds: int,
})

export const CONTAINER: Fields = {
  name: str(),
  image: str(),
  imagePullPolicy: str(['Always', 'IfNotPresent', 'Never']),
  command: list,
  args: list,
  workingDir: str(),
  ports: objs({ name: str(), containerPort: int, protocol: str(['TCP', 'UDP', 'SCTP']), hostPort: int }),
  env: objs({ name: str(), value: str() }),
  resources: RESOURCES,
  livenessProbe: PROBE,
  readinessProbe: PROBE,
  startupProbe: PROBE,
  lifecycle: obj({ postStart: obj(HANDLER), preStop: obj(HANDLER) }),
  volumeMounts: objs({ name: str(), mountPath: str(), readOnly: bool }),
}

export const POD_SPEC = obj({
  containers: objs(CONTAINER),
  initContainers: objs(CONTAINER),
  restartPolicy: str(['Always', 'OnFailure', 'Never']),
  nodeName: str(),
  nodeSelector: map,
  terminationGracePeriodSeconds: int,
  activeDeadlineSeconds: int,
  serviceAccountName: str(),
  schedulerName: str(),
  priorityClassName: str(),
  dnsPolicy: str(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']),
  hostNetwork: bool,
  tolerations: objs({ key: str(), operator: str(['Exists', 'Equal']), value: str(), effect: str(['NoSchedule', 'PreferNoSchedule', 'NoExecute']), tolerationSeconds: int }),
  volumes: objs({ name: str(), emptyDir: obj({ medium: str(['', 'Memory']), sizeLimit: quantity }) }),
})

const TEMPLATE = obj({ metadata: METADATA, spec: POD_SPEC })

const LABEL_SELECTOR = obj({ matchLabels: map, matchExpressions: objs({ key: str(), operator: str(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: list }) })

const SERVICE_SPEC = obj({
  type: str(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
  selector: map,
  ports: objs({ name: str(), protocol: str(['TCP', 'UDP', 'SCTP']), port: int, targetPort: intOrString, nodePort: int, appProtocol: str() }),
  clusterIP: str(['None']),
  externalName: str(),
  externalIPs: list,
  externalTrafficPolicy: str(['Cluster', 'Local']),
  internalTrafficPolicy: str(['Cluster', 'Local']),
  sessionAffinity: str(['None', 'ClientIP']),
  publishNotReadyAddresses: bool,
  loadBalancerIP: str(),
  loadBalancerSourceRanges: list,
})

/** The kinds the editor knows well, with their apiVersion and top-level fields. */
export const KINDS: Readonly<Record<string, { apiVersion: string; fields: Fields }>> = {
  Pod: { apiVersion: 'v1', fields: { spec: POD_SPEC } },
  Deployment: {
    apiVersion: 'apps/v1',
    fields: {
      spec: obj({
        replicas: int,
        selector: LABEL_SELECTOR,
        template: TEMPLATE,
        strategy: obj({ type: str(['RollingUpdate', 'Recreate']), rollingUpdate: obj({ maxSurge: intOrString, maxUnavailable: intOrString }) }),
        minReadySeconds: int,
        revisionHistoryLimit: int,
        progressDeadlineSeconds: int,
        paused: bool,
      }),
    },
  },
  ReplicaSet: { apiVersion: 'apps/v1', fields: { spec: obj({ replicas: int, selector: LABEL_SELECTOR, template: TEMPLATE, minReadySeconds: int }) } },
  ReplicationController: { apiVersion: 'v1', fields: { spec: obj({ replicas: int, selector: map, template: TEMPLATE, minReadySeconds: int }) } },
  Service: { apiVersion: 'v1', fields: { spec: SERVICE_SPEC } },
  Namespace: { apiVersion: 'v1', fields: {} },
}

/** Fields every object has. */
export const TOP: Fields = { apiVersion: str(), kind: str(), metadata: METADATA }

/** The field at `path` (keys, and `[]` for "an item of this list") in `kind`, if the schema knows it. */
export function fieldAt(kind: string | undefined, path: readonly string[]): Field | undefined {
  let f: Field = obj({ ...TOP, ...(kind ? KINDS[kind]?.fields : {}) })
  for (const seg of path) {
    if (seg === '[]') {
      if (f.t !== 'objects') return undefined
      f = obj(f.fields)
    } else if (f.t === 'object') {
      const next: Field | undefined = f.fields[seg]
      if (!next) return undefined
      f = next
    } else return undefined
  }
  return f
}
