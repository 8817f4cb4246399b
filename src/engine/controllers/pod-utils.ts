import type { KObject, OwnerReference, Pod, PodCondition } from '../api/types'

/**
 * Small pod predicates every controller shares, as Kubernetes defines them
 * (`pkg/api/v1/pod/util.go`, `pkg/controller/controller_utils.go`).
 *
 * Times are Unix milliseconds (what `Date.parse` returns for the RFC 3339 strings the API
 * server writes); a controller passes `VIRTUAL_EPOCH_MS + clock.now()` as "now".
 *
 * @example
 *   isPodAvailable(pod, 10, Date.parse('2026-01-01T00:00:30Z')) // Ready for more than 10 s?
 */

/** `controller.kubernetes.io/pod-deletion-cost` (PodDeletionCost, beta and on since 1.22). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost'

/** A metav1.Time as Unix ms; `undefined` is Go's zero time. */
export function parseTime(ts: string | null | undefined): number | undefined {
  if (!ts) return undefined
  const t = Date.parse(ts)
  return Number.isNaN(t) ? undefined : t
}

/** `controller.IsPodActive`: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: KObject): boolean {
  const phase = pod.status?.phase
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp
}

export function podReadyCondition(pod: KObject): PodCondition | undefined {
  return (pod.status?.conditions as PodCondition[] | undefined)?.find((c) => c.type === 'Ready')
}

/** `podutil.IsPodReady`: the Ready condition is True. */
export function isPodReady(pod: KObject): boolean {
  return podReadyCondition(pod)?.status === 'True'
}

/**
 * `podutil.IsPodAvailable`: Ready, and (minReadySeconds is 0, or Ready has been True since
 * *strictly before* now − minReadySeconds).
 */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false
  if (minReadySeconds === 0) return true
  const since = parseTime(podReadyCondition(pod)?.lastTransitionTime)
  return since !== undefined && since + minReadySeconds * 1000 < now
}

/** `metav1.GetControllerOf`: the owner reference with `controller: true`. */
export function controllerOf(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true)
}

/** `controller.PodKey`: `namespace/name`. */
export function podKey(pod: KObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`
}

/**
 * `maxContainerRestarts`: the highest restartCount among regular containers, and separately
 * among sidecars (init containers with `restartPolicy: Always`), which only break ties.
 */
export function maxContainerRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0
  let sidecar = 0
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0)
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name))
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0)
  return { regular, sidecar }
}

/**
 * `helper.GetDeletionCostFromPodAnnotations`: an int32; a missing or invalid value counts as 0
 * ("+10" and "008" are invalid: the first character must be '-', a lone '0', or 1–9).
 */
export function podDeletionCost(pod: KObject): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST]
  if (v === undefined || v === '') return 0
  const validFirst = v[0] === '-' || v === '0' || (v[0] >= '1' && v[0] <= '9')
  if (!validFirst || !/^-?[0-9]+$/.test(v)) return 0
  const n = Number(v)
  return n >= -2147483648 && n <= 2147483647 ? n : 0
}
