import type { ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { desiredReplicas, isRollingUpdate, maxSurge } from './fenceposts'
import { DESIRED_REPLICAS, MAX_REPLICAS, nonNegativeInt32Annotation } from './annotations'
import { availableReplicas, compareByCreation, compareBySizeNewer, compareBySizeOlder, filterActive, specReplicas, sum } from './replicasets'
import type { ScaleIntent } from './scale'

/**
 * Scaling a Deployment in the middle of a rollout (REFERENCE 5.5; `sync.go` `scale`,
 * `deployment_util.go` `FindActiveOrLatest`, `IsSaturated`, `GetProportion`,
 * `getReplicaSetFraction`). New replicas are shared among the active ReplicaSets in
 * proportion to their size, so a scale-up neither hastens nor stalls the rollout.
 *
 * @example
 *   // 10 replicas, old RS 8, new RS 5, max-replicas 13; scale to 20 → old 15, new 10
 *   planScale(d20, newRS, [oldRS]).map((i) => i.to) // [15, 10]
 */

/**
 * `FindActiveOrLatest`: the only active RS; with none, the new RS or else the newest old one;
 * with several, undefined (they must be scaled proportionally).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const newestFirst = [...oldRSs].sort((a, b) => compareByCreation(b, a))
  const active = filterActive([...newestFirst, newRS])
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

/**
 * `IsSaturated`: the new RS is at `replicas`, its desired-replicas annotation says so too
 * (`strconv.Atoi`), and all of them are available.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false
  const v = rs.metadata.annotations?.[DESIRED_REPLICAS] ?? ''
  if (!/^[+-]?[0-9]+$/.test(v)) return false
  const replicas = desiredReplicas(d)
  return specReplicas(rs) === replicas && Number(v) === replicas && availableReplicas(rs) === replicas
}

/** `integer.RoundToInt32`: Go's `int32(a ± 0.5)` — half away from zero. */
export function roundHalfAwayFromZero(a: number): number {
  return a < 0 ? Math.trunc(a - 0.5) : Math.trunc(a + 0.5)
}

/**
 * `getReplicaSetFraction`: the RS's share of the new total, `round(spec·(replicas+surge)/annotated) − spec`,
 * where `annotated` is its max-replicas annotation (missing, invalid or 0 → the Deployment's
 * status.replicas; still 0 → no share). Scaling to 0 takes the whole RS.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = desiredReplicas(d)
  if (replicas === 0) return -specReplicas(rs)
  const deploymentReplicas = replicas + maxSurge(d)
  let annotated = nonNegativeInt32Annotation(rs, MAX_REPLICAS)
  if (!annotated) annotated = d.status?.replicas ?? 0
  if (annotated === 0) return 0
  return roundHalfAwayFromZero((specReplicas(rs) * deploymentReplicas) / annotated) - specReplicas(rs)
}

/** `GetProportion`: the fraction, capped by what is left to add (or to remove). */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = getReplicaSetFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

/** The sizes `scale` writes, in upstream's order. */
export function planScale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ScaleIntent[] {
  const replicas = desiredReplicas(d)
  const one = findActiveOrLatest(newRS, oldRSs)
  if (one) {
    if (specReplicas(one) === replicas) return []
    return [{ rs: one, to: replicas, why: `the only active replica set takes all ${replicas} replicas` }]
  }
  // FindActiveOrLatest sorted the caller's slice newest first; the loops below see that order.
  const newestFirst = [...oldRSs].sort((a, b) => compareByCreation(b, a))
  if (isSaturated(d, newRS)) {
    return filterActive(newestFirst).map((rs) => ({ rs, to: 0, why: `new replica set is saturated (${replicas} of ${replicas} available): old ones go to 0` }))
  }
  if (!isRollingUpdate(d)) return []
  let all = filterActive([...newestFirst, newRS])
  const current = sum(all, specReplicas)
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0
  const toAdd = allowed - current
  if (toAdd > 0) all = [...all].sort(compareBySizeNewer)
  else if (toAdd < 0) all = [...all].sort(compareBySizeOlder)
  let added = 0
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs)
    const p = getProportion(rs, d, toAdd, added)
    added += p
    return specReplicas(rs) + p
  })
  if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0] + toAdd - added)
  const why = `proportional scaling: ${allowed} allowed (desired ${replicas} + maxSurge ${maxSurge(d)}), ${current} now, ` +
    `${toAdd >= 0 ? 'add' : 'remove'} ${Math.abs(toAdd)} in proportion to each replica set's size`
  return all.map((rs, i) => ({ rs, to: sizes[i], why, always: true }))
}
