import type { KObject, Toleration } from '../api/types'
import type { KindDef } from '../api/kinds/kind'
import { qualifiedResource } from '../api/kinds/kind'
import { forbidden, notFound } from './errors'

/** The slice of the API server admission plugins may read. */
interface AdmissionView {
  peek(resource: string, namespace: string | undefined, name: string): KObject | undefined
}

/** `--default-not-ready-toleration-seconds` / `--default-unreachable-toleration-seconds`. */
export const DEFAULT_TOLERATION_SECONDS = 300

/**
 * The admission chain for what the playground serves, in Kubernetes' order
 * (REFERENCE 2.5): NamespaceLifecycle, ServiceAccount, TaintNodesByCondition,
 * DefaultTolerationSeconds. Mutates and returns `obj` (a private copy), or throws.
 */
export function admit(api: AdmissionView, def: KindDef, obj: KObject, old: KObject | undefined): KObject {
  if (!old) namespaceLifecycle(api, def, obj)
  if (def.kind === 'Pod' && !old) serviceAccount(obj)
  if (def.kind === 'Node' && !old) taintNodesByCondition(obj)
  if (def.kind === 'Pod') defaultTolerationSeconds(obj)
  return obj
}

/** NamespaceLifecycle: the namespace must exist and not be terminating. */
function namespaceLifecycle(api: AdmissionView, def: KindDef, obj: KObject): void {
  if (!def.namespaced) return
  const nsName = obj.metadata.namespace as string
  const ns = api.peek('namespaces', undefined, nsName)
  if (!ns) throw notFound('namespaces', nsName)
  if (ns.status?.phase === 'Terminating' && def.kind !== 'Event')
    throw forbidden(qualifiedResource(def), obj.metadata.name ?? '', `unable to create new content in namespace ${nsName} because it is being terminated`)
}

/** ServiceAccount: pods run as `default` unless they name another. */
function serviceAccount(pod: KObject): void {
  const spec = pod.spec ?? (pod.spec = {})
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default'
  if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName
}

/** TaintNodesByCondition: a node starts `not-ready:NoSchedule` until the node lifecycle controller sees it Ready. */
function taintNodesByCondition(node: KObject): void {
  const spec = node.spec ?? (node.spec = {})
  const taints = spec.taints ?? []
  if (!taints.some((t: { key: string; effect: string }) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule'))
    spec.taints = [...taints, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]
}

/**
 * DefaultTolerationSeconds (`plugin/pkg/admission/defaulttolerationseconds`): tolerate
 * not-ready and unreachable NoExecute taints for 300 s unless the pod already does.
 */
function defaultTolerationSeconds(pod: KObject): void {
  const spec = pod.spec ?? (pod.spec = {})
  const tols: Toleration[] = spec.tolerations ?? []
  const tolerates = (key: string) =>
    tols.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect))
  const add: Toleration[] = []
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'])
    if (!tolerates(key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS })
  if (add.length) spec.tolerations = [...tols, ...add]
}
