import type { ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { compareByRevision } from './revision'
import { specReplicas, statusReplicas } from './replicasets'

/**
 * `revisionHistoryLimit` (REFERENCE 5.8; `sync.go` `cleanupDeployment`): keep the newest
 * `limit` old ReplicaSets for rollbacks, delete the rest — but only empty, settled ones.
 *
 * @example
 *   // old RSes at revisions 1–5, all at 0; limit 2 → revisions 1, 2, 3 are deleted
 *   cleanupCandidates(d, oldRSs).map((rs) => rs.metadata.name)
 */

/** `HasRevisionHistoryLimit`: set and not MaxInt32 ("keep everything"). */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec.revisionHistoryLimit
  return l !== undefined && l !== null && l !== 2147483647
}

/**
 * The old ReplicaSets to delete, in order. `diff = cleanable − limit` entries are looked at,
 * oldest revision first; one that still has replicas (spec or status), an unobserved
 * generation or a deletionTimestamp is skipped but still uses up its place — the loop never
 * looks further down the list.
 */
export function cleanupCandidates(d: Deployment, oldRSs: readonly ReplicaSet[]): ReplicaSet[] {
  if (!hasRevisionHistoryLimit(d)) return []
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp)
  const diff = cleanable.length - (d.spec.revisionHistoryLimit as number)
  if (diff <= 0) return []
  const sorted = [...cleanable].sort(compareByRevision)
  const out: ReplicaSet[] = []
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i]
    if (statusReplicas(rs) !== 0 || specReplicas(rs) !== 0) continue
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue
    out.push(rs)
  }
  return out
}
