import type { KObject } from './api/types'
import { deepCopy } from './api/types'

/**
 * Turning a stored object back into the manifest a person would have written: what
 * `kubectl get -o yaml` shows minus everything the cluster filled in, so the result can be
 * applied to another (real) cluster. Used by the exporter (`export.ts`) and by the editor
 * ("Edit" opens the object without status and server-set fields).
 *
 * What goes, and why:
 * - `status`: written by controllers and kubelets, never by a person (and ignored on create).
 * - metadata `uid`, `resourceVersion`, `generation`, `creationTimestamp`, `deletion*`,
 *   `managedFields`, `selfLink`: set by the API server (REFERENCE 2.2); a `resourceVersion`
 *   in a manifest would even make the apply a conditional update that fails with a 409.
 * - `ownerReferences`: uids of objects in *this* cluster, meaningless elsewhere.
 * - the `kubectl.kubernetes.io/last-applied-configuration` annotation (kubectl rewrites it on
 *   the next apply) and the Deployment controller's `deployment.kubernetes.io/*` annotations.
 * - the `kubernetes.io/metadata.name` label the API server puts on every Namespace, and the
 *   finalizers controllers add (garbage collector, service load-balancer cleanup).
 * - Service `clusterIP`/`clusterIPs` (allocated from this cluster's range, which the target's
 *   may not contain) unless `None` (headless, a user choice), and `healthCheckNodePort`.
 * - Pod `spec.nodeName` unless the person wrote it (the scheduler's binding sets it), the
 *   DefaultTolerationSeconds admission tolerations (added again on create), the Priority
 *   admission's `priority`, and ServiceAccount admission's `kube-api-access-*` volumes.
 *
 * Defaults the API server filled in (`imagePullPolicy`, `dnsPolicy`, …) stay: they are valid
 * input, and they are what the object really is.
 */
export interface CleanResult {
  object: KObject
  /** Things a reader should know about this manifest (become `#` comments above it). */
  notes: string[]
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** Annotations the cluster writes on objects (the Deployment controller, `deployment/util`). */
const SERVER_ANNOTATIONS = [LAST_APPLIED, 'deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas']

const SERVER_META = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'ownerReferences'] as const

/** Finalizers the cluster adds itself: the garbage collector's, and the service LB controller's (`service.kubernetes.io/load-balancer-cleanup`). */
const SERVER_FINALIZERS = new Set(['foregroundDeletion', 'orphan', 'service.kubernetes.io/load-balancer-cleanup'])

/** `--default-not-ready-toleration-seconds` tolerations (DefaultTolerationSeconds admission). */
const DEFAULT_TOLERATION_KEYS = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'])

/**
 * A copy of `obj` as a manifest: no status, no server-set fields.
 *
 * @example
 *   cleanManifest(svc).object.spec.clusterIP   // undefined (allocated by the cluster)
 */
export function cleanManifest(obj: KObject): CleanResult {
  const o = deepCopy(obj) as KObject
  const notes: string[] = []
  const applied = lastApplied(obj)
  delete o.status
  const meta = o.metadata ?? (o.metadata = {})
  for (const k of SERVER_META) delete (meta as Record<string, unknown>)[k]
  if (meta.annotations) {
    for (const k of SERVER_ANNOTATIONS) delete meta.annotations[k]
    if (Object.keys(meta.annotations).length === 0) delete meta.annotations
  }
  if (meta.finalizers) {
    meta.finalizers = meta.finalizers.filter((f) => !SERVER_FINALIZERS.has(f))
    if (meta.finalizers.length === 0) delete meta.finalizers
  }
  // The generated name is the name now; keeping generateName as well is harmless but misleading.
  if (meta.name && meta.generateName) delete meta.generateName

  if (o.kind === 'Namespace') cleanNamespace(o)
  if (o.kind === 'Service') cleanService(o, applied, notes)
  if (o.kind === 'Pod') cleanPodSpec(o, applied, notes)
  return { object: o, notes }
}

/** The object as its last `kubectl apply` wrote it, if it was applied. */
function lastApplied(obj: KObject): KObject | undefined {
  const text = obj.metadata?.annotations?.[LAST_APPLIED]
  if (!text) return undefined
  try {
    return JSON.parse(text) as KObject
  } catch {
    return undefined
  }
}

function cleanNamespace(o: KObject): void {
  const labels = o.metadata.labels
  if (labels && labels['kubernetes.io/metadata.name'] === o.metadata.name) {
    delete labels['kubernetes.io/metadata.name']
    if (Object.keys(labels).length === 0) delete o.metadata.labels
  }
  // spec.finalizers is always ["kubernetes"] (defaulted); nothing else may be set there.
  if (o.spec && (o.spec.finalizers ?? []).every((f: string) => f === 'kubernetes')) delete o.spec
}

function cleanService(o: KObject, applied: KObject | undefined, notes: string[]): void {
  const spec = o.spec
  if (!spec) return
  if (spec.clusterIP !== 'None') {
    delete spec.clusterIP
    delete spec.clusterIPs
  }
  delete spec.healthCheckNodePort
  const ports: { nodePort?: number; port?: number; name?: string }[] = spec.ports ?? []
  if (!ports.some((p) => p.nodePort !== undefined)) return
  if (applied) {
    // The person's manifest says which nodePorts were chosen by hand; the rest were allocated.
    const wanted = new Set<string>()
    for (const p of (applied.spec?.ports ?? []) as { nodePort?: number; port?: number; name?: string }[])
      if (p.nodePort !== undefined) wanted.add(portKey(p))
    for (const p of ports) if (p.nodePort !== undefined && !wanted.has(portKey(p))) delete p.nodePort
    return
  }
  // Not applied: nothing tells an allocated nodePort from a chosen one. Keep it, say so.
  const kept = ports.filter((p) => p.nodePort !== undefined).map((p) => p.nodePort)
  notes.push(`nodePort ${kept.join(', ')} kept: it may have been allocated by the playground; delete it to let the target cluster choose one.`)
}

const portKey = (p: { port?: number; name?: string }) => `${p.name ?? ''}/${p.port ?? ''}`

function cleanPodSpec(o: KObject, applied: KObject | undefined, notes: string[]): void {
  const spec = o.spec
  if (!spec) return
  if (spec.nodeName && !applied?.spec?.nodeName) {
    if (!applied) notes.push(`spec.nodeName ${spec.nodeName} left out: the scheduler chose it; on the target cluster the scheduler picks again.`)
    delete spec.nodeName
  }
  if (Array.isArray(spec.tolerations)) {
    spec.tolerations = spec.tolerations.filter(
      (t: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }) =>
        !(t.key && DEFAULT_TOLERATION_KEYS.has(t.key) && t.operator === 'Exists' && t.effect === 'NoExecute' && t.tolerationSeconds === 300),
    )
    if (spec.tolerations.length === 0) delete spec.tolerations
  }
  // Priority admission computes it from priorityClassName; a mismatch is Forbidden on create.
  delete spec.priority
  if (Array.isArray(spec.volumes)) {
    const generated = new Set<string>(spec.volumes.filter((v: { name: string }) => v.name.startsWith('kube-api-access-')).map((v: { name: string }) => v.name))
    if (generated.size) {
      spec.volumes = spec.volumes.filter((v: { name: string }) => !generated.has(v.name))
      if (spec.volumes.length === 0) delete spec.volumes
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        if (!Array.isArray(c.volumeMounts)) continue
        c.volumeMounts = c.volumeMounts.filter((m: { name: string }) => !generated.has(m.name))
        if (c.volumeMounts.length === 0) delete c.volumeMounts
      }
    }
  }
}
