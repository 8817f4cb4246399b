import type { Pod } from '../api/types'
import { isPodActive, isPodReady, maxContainerRestarts, parseTime, podDeletionCost, podReadyCondition } from './pod-utils'

/**
 * Which pods a ReplicaSet deletes first when it scales down: `ActivePodsWithRanks.Less` and
 * `getPodsToDelete` (`pkg/controller/controller_utils.go`, `pkg/controller/replicaset/replica_set.go`),
 * with the PodDeletionCost and LogarithmicScaleDown gates on (their defaults). REFERENCE 4.1.
 *
 * @example
 *   const victims = podsToDelete(active, related, 2, Date.parse('2026-01-01T00:10:00Z'))
 *   victims.map(v => `${v.pod.metadata.name} (rank ${v.rank})`)
 */

export interface RankedPod {
  pod: Pod
  /** Active related pods on the same node (itself included): "doubled up" pods go first. */
  rank: number
}

/** `podPhaseToOrdinal`: Pending < Unknown < Running; any other phase counts as 0. */
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }
const phaseOrdinal = (p: Pod) => PHASE_ORDINAL[p.status?.phase ?? ''] ?? 0

/** The Ready condition's transition time when Ready, else Go's zero time. */
function podReadyTime(pod: Pod): number | undefined {
  const c = podReadyCondition(pod)
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined
}

/** `afterOrZero`: t1 after t2; a zero time counts as after any other ("newest"). */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined
  return t1 > t2
}

/** floor(log2(d)) of a duration in nanoseconds; −1 for d ≤ 0 (`logarithmicRankDiff`). */
export function log2Rank(durationMs: number): number {
  if (durationMs <= 0) return -1
  // Exact integer log2 of ms·10⁶ (Go: int64(math.Log2(float64(ns)))).
  return (BigInt(Math.round(durationMs)) * 1_000_000n).toString(2).length - 1
}

/**
 * Rules 6 and 8: the more recent time first; with LogarithmicScaleDown, times in the same
 * power-of-two age bucket are equal and the pod UIDs decide (a pseudo-random spread).
 */
function newerFirst(a: Pod, b: Pod, ta: number | undefined, tb: number | undefined, now: number | undefined): boolean {
  if (now === undefined || ta === undefined || tb === undefined) return afterOrZero(ta, tb)
  const diff = log2Rank(now - ta) - log2Rank(now - tb)
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '')
  return diff < 0
}

/**
 * `ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`. The first rule
 * that tells the pods apart decides:
 * 1 unassigned, 2 phase, 3 not ready, 4 lower deletion cost, 5 higher rank,
 * 6 (both ready) more recently ready, 7 more restarts, 8 newer.
 */
export function lessActivePodsWithRanks(a: RankedPod, b: RankedPod, now: number | undefined): boolean {
  const pi = a.pod
  const pj = b.pod
  const ni = pi.spec?.nodeName ?? ''
  const nj = pj.spec?.nodeName ?? ''
  if (ni !== nj && (ni === '' || nj === '')) return ni === ''
  if (phaseOrdinal(pi) !== phaseOrdinal(pj)) return phaseOrdinal(pi) < phaseOrdinal(pj)
  const ri = isPodReady(pi)
  const rj = isPodReady(pj)
  if (ri !== rj) return !ri
  const ci = podDeletionCost(pi)
  const cj = podDeletionCost(pj)
  if (ci !== cj) return ci < cj
  if (a.rank !== b.rank) return a.rank > b.rank
  if (ri && rj) {
    const ti = podReadyTime(pi)
    const tj = podReadyTime(pj)
    if (ti !== tj) return newerFirst(pi, pj, ti, tj, now)
  }
  const xi = maxContainerRestarts(pi)
  const xj = maxContainerRestarts(pj)
  if (xi.regular !== xj.regular) return xi.regular > xj.regular
  if (xi.sidecar !== xj.sidecar) return xi.sidecar > xj.sidecar
  const ki = parseTime(pi.metadata.creationTimestamp)
  const kj = parseTime(pj.metadata.creationTimestamp)
  if (ki !== kj) return newerFirst(pi, pj, ki, kj, now)
  return false
}

/**
 * `getPodsRankedByRelatedPodsOnSameNode`: each pod's rank is the number of *active* related
 * pods on its node. Related pods are those of every ReplicaSet sharing this one's controller
 * (a Deployment's old and new ReplicaSets); a ReplicaSet without a controller has none, so all
 * its ranks are 0 (`getReplicaSetsWithSameController` returns nil).
 */
export function rankPods(pods: Pod[], related: Pod[]): RankedPod[] {
  const onNode = new Map<string, number>()
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1)
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }))
}

/** Sort into deletion order (stable, so equal pods keep their input order, as Go's small-slice sort does). */
export function sortForDeletion(ranked: RankedPod[], now: number | undefined): RankedPod[] {
  return [...ranked].sort((a, b) => (lessActivePodsWithRanks(a, b, now) ? -1 : lessActivePodsWithRanks(b, a, now) ? 1 : 0))
}

/**
 * `getPodsToDelete`: the first `diff` pods in deletion order. When every pod goes, upstream
 * skips the sort; ranks are still reported for the UI.
 */
export function podsToDelete(active: Pod[], related: Pod[], diff: number, now: number | undefined): RankedPod[] {
  const ranked = rankPods(active, related)
  return (diff < active.length ? sortForDeletion(ranked, now) : ranked).slice(0, diff)
}
