import type { KObject, Pod } from '../../api/types'
import { fromEqualityMap, fromLabelSelector, matches, type Selector } from '../../api/selector'
import { isPodReady, maxContainerRestarts, parseTime, podReadyCondition } from '../../controllers/pod-utils'
import type { CommandContext } from '../command'
import { KubectlError } from '../errors'
import { ACTOR, resolveType } from '../resources'

/**
 * The pod behind `POD` or `TYPE/NAME` for `logs` and `exec` (kubectl
 * `polymorphichelpers.SelectorsForObject` + `GetFirstPod`): a pod is itself; a Deployment,
 * ReplicaSet, ReplicationController or Service stands for the first of its pods in the
 * verb's order — `podutils.ByLogging` for logs (running, ready, longest ready first),
 * `sort.Reverse(ActivePods)` for exec. kubectl waits up to `--pod-running-timeout` (20 s)
 * for a pod to appear; the playground cannot wait, so it fails at once with kubectl's
 * timeout text.
 */
export function podForObject(ctx: CommandContext, arg: string, order: 'logging' | 'active', verb: 'logs' | 'exec'): { pod: Pod; count: number } {
  const api = ctx.host.ctx.api
  if (!arg.includes('/')) return { pod: api.get('pods', ctx.namespace, arg, { actor: ACTOR }) as Pod, count: 1 }
  const [type, name] = arg.split('/', 2)
  const def = resolveType(ctx, type)
  const obj = api.get(def.resource, def.namespaced ? ctx.namespace : undefined, name, { actor: ACTOR })
  if (def.kind === 'Pod') return { pod: obj as Pod, count: 1 }
  const selector = selectorsForObject(obj, verb)
  const pods = (api.list('pods', ctx.namespace, { actor: ACTOR, filter: (p) => matches(selector, p.metadata.labels) }).items as Pod[]).slice()
  if (pods.length === 0) throw new KubectlError('timed out waiting for the condition')
  pods.sort(order === 'logging' ? byLogging : (a, b) => activePodsCompare(b, a))
  return { pod: pods[0], count: pods.length }
}

/** `SelectorsForObject`: the pod selector of a workload or Service. */
function selectorsForObject(obj: KObject, verb: 'logs' | 'exec'): Selector | 'nothing' {
  let sel: Selector | 'nothing' | undefined
  switch (obj.kind) {
    case 'ReplicationController':
      sel = fromEqualityMap(obj.spec?.selector)
      break
    case 'ReplicaSet':
    case 'Deployment':
      sel = fromLabelSelector(obj.spec?.selector)
      break
    case 'Service':
      if (obj.spec?.selector == null) throw new KubectlError(`invalid service '${obj.metadata.name}': Service is defined without a selector`)
      sel = fromEqualityMap(obj.spec.selector)
      break
  }
  if (!sel) {
    const what = `selector for *v1.${obj.kind} not implemented`
    throw new KubectlError(verb === 'logs' ? `cannot get the logs from *v1.${obj.kind}: ${what}` : `cannot attach to *v1.${obj.kind}: ${what}`)
  }
  return sel
}

const PHASE: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }
const phase = (p: Pod) => PHASE[p.status?.phase ?? ''] ?? 0
const readyTime = (p: Pod) => (isPodReady(p) ? parseTime(podReadyCondition(p)?.lastTransitionTime) : undefined)
/** `afterOrZero`: t1 after t2, a zero time being after everything. */
const afterOrZero = (t1: number | undefined, t2: number | undefined) => (t1 === undefined || t2 === undefined ? t1 === undefined : t1 > t2)
const restarts = (p: Pod) => maxContainerRestarts(p)
const created = (p: Pod) => parseTime(p.metadata.creationTimestamp)

/** `compareMaxContainerRestarts`: more restarts first (regular containers, then sidecars). */
function compareRestarts(a: Pod, b: Pod): number {
  const ra = restarts(a)
  const rb = restarts(b)
  if (ra.regular !== rb.regular) return ra.regular > rb.regular ? -1 : 1
  if (ra.sidecar !== rb.sidecar) return ra.sidecar > rb.sidecar ? -1 : 1
  return 0
}

/** `podutils.ByLogging.Less` as a comparator. */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? ''
  const nb = b.spec?.nodeName ?? ''
  if (na !== nb && (!na || !nb)) return na ? -1 : 1
  if (phase(a) !== phase(b)) return phase(a) > phase(b) ? -1 : 1
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? -1 : 1
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a)) ? -1 : 1
  const r = compareRestarts(a, b)
  if (r) return r
  if (created(a) !== created(b)) return afterOrZero(created(b), created(a)) ? -1 : 1
  return 0
}

/** `podutils.ActivePods.Less` (less active first) as a comparator. */
export function activePodsCompare(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? ''
  const nb = b.spec?.nodeName ?? ''
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1
  if (phase(a) !== phase(b)) return phase(a) < phase(b) ? -1 : 1
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a) ? -1 : 1
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(a), readyTime(b)) ? -1 : 1
  const r = compareRestarts(a, b)
  if (r) return r
  if (created(a) !== created(b)) return afterOrZero(created(a), created(b)) ? -1 : 1
  return 0
}

/** `podcmd.AllContainerNames`: regular, then ephemeral `(ephem)`, then init `(init)`. */
export function allContainerNames(pod: Pod): string {
  const eph = ((pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`)
  return [...pod.spec.containers.map((c) => c.name), ...eph, ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ')
}

/** `podcmd.FindContainerByName`: regular, init or ephemeral. */
export function hasContainer(pod: Pod, name: string): boolean {
  const eph = (pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? []
  return [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...eph].some((c) => c.name === name)
}

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container'

/**
 * `podcmd.FindOrDefaultContainerByName` with no name given: the
 * `kubectl.kubernetes.io/default-container` annotation, else the first container, saying
 * `Defaulted container "a" out of: a, b` on stderr when there was a choice.
 */
export function defaultContainer(ctx: CommandContext, pod: Pod, quiet: boolean): string {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION]
  if (annotated) {
    if (!hasContainer(pod, annotated)) throw new KubectlError(`container ${annotated} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`)
    return annotated
  }
  const first = pod.spec.containers[0]
  if (!first) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`)
  const eph = (pod.spec as { ephemeralContainers?: unknown[] }).ephemeralContainers ?? []
  if (!quiet && (pod.spec.containers.length > 1 || (pod.spec.initContainers ?? []).length > 0 || eph.length > 0))
    ctx.out.err(`Defaulted container "${first.name}" out of: ${allContainerNames(pod)}\n`)
  return first.name
}
