import type { ReplicaSet } from '../../api/types'

/**
 * Small ReplicaSet list helpers the deployment controller leans on
 * (`pkg/controller/controller_utils.go`, `pkg/controller/deployment/util/deployment_util.go`).
 * Inputs are never mutated: sorts return new arrays.
 *
 * @example
 *   sum(filterActive(all), specReplicas) // Σ spec.replicas of the RSes that have any
 */

/** `*(rs.Spec.Replicas)`: the ReplicaSet kind defaults it to 1, so a missing value is 1. */
export function specReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1
}

export const statusReplicas = (rs: ReplicaSet): number => rs.status?.replicas ?? 0
export const readyReplicas = (rs: ReplicaSet): number => rs.status?.readyReplicas ?? 0
export const availableReplicas = (rs: ReplicaSet): number => rs.status?.availableReplicas ?? 0

/** Σ over the (possibly absent) ReplicaSets: `GetReplicaCountForReplicaSets` and friends. */
export function sum(rss: readonly (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number {
  let n = 0
  for (const rs of rss) if (rs) n += f(rs)
  return n
}

/** `controller.FilterActiveReplicaSets`: those with `spec.replicas > 0`. */
export function filterActive(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0)
}

function created(rs: ReplicaSet): number {
  const t = rs.metadata.creationTimestamp ? Date.parse(rs.metadata.creationTimestamp) : NaN
  // A zero (missing) time sorts first, as Go's zero time.Time does.
  return Number.isNaN(t) ? -Infinity : t
}

/** `controller.ReplicaSetsByCreationTimestamp`: oldest first; equal times by name. */
export function compareByCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = created(a)
  const tb = created(b)
  if (ta !== tb) return ta < tb ? -1 : 1
  const na = a.metadata.name ?? ''
  const nb = b.metadata.name ?? ''
  return na < nb ? -1 : na > nb ? 1 : 0
}

export function sortByCreation(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort(compareByCreation)
}

/** `controller.ReplicaSetsBySizeNewer`: larger spec first; equal sizes newer first. */
export function compareBySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (specReplicas(a) === specReplicas(b)) return compareByCreation(b, a)
  return specReplicas(b) - specReplicas(a)
}

/** `controller.ReplicaSetsBySizeOlder`: larger spec first; equal sizes older first. */
export function compareBySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (specReplicas(a) === specReplicas(b)) return compareByCreation(a, b)
  return specReplicas(b) - specReplicas(a)
}
