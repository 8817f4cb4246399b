import type { ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { desiredReplicas, maxSurge, maxUnavailable, newRSNewReplicas } from './fenceposts'
import { availableReplicas, filterActive, sortByCreation, specReplicas, sum } from './replicasets'
import type { ScaleIntent } from './scale'

/**
 * The rolling update (REFERENCE 5.3; `pkg/controller/deployment/rolling.go`). One sync takes at
 * most one step: scale the new ReplicaSet up (or down to `replicas`), or else scale old ones
 * down — and then returns, so the next step sees the world the first one produced.
 *
 * Everything here is pure: given the ReplicaSets as the controller's cache shows them, it says
 * which sizes to write and why. `sync.ts` makes the writes.
 *
 * @example
 *   rollingStep(d, newRS, oldRSs)
 *   // { kind: 'scale-new', intent: { rs: newRS, to: 2, why: 'desired 4 + maxSurge 1 = 5 pods allowed, 4 exist: …' } }
 */

export type RollingStep =
  | { kind: 'scale-new'; intent: ScaleIntent }
  | { kind: 'scale-old'; cleanup: ScaleIntent[]; scaleDown: ScaleIntent[] }
  | { kind: 'none'; why: string }

/** What one `rolloutRolling` sync decides (before `cleanupDeployment` and the status). */
export function rollingStep(d: Deployment, newRS: ReplicaSet, oldRSs: readonly ReplicaSet[]): RollingStep {
  const allRSs = [...oldRSs, newRS]
  const up = reconcileNewReplicaSet(d, allRSs, newRS)
  if (up) return { kind: 'scale-new', intent: up }
  const old = reconcileOldReplicaSets(d, allRSs, filterActive(oldRSs), newRS)
  if ('why' in old) return { kind: 'none', why: old.why }
  if (old.cleanup.length + old.scaleDown.length === 0) return { kind: 'none', why: old.none }
  return { kind: 'scale-old', cleanup: old.cleanup, scaleDown: old.scaleDown }
}

/**
 * `reconcileNewReplicaSet`: already at `replicas` → nothing; above → down to `replicas`;
 * below → `NewRSNewReplicas` (surge-limited). An unchanged size is no step.
 */
export function reconcileNewReplicaSet(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): ScaleIntent | undefined {
  const replicas = desiredReplicas(d)
  const cur = specReplicas(newRS)
  if (cur === replicas) return undefined
  if (cur > replicas) return { rs: newRS, to: replicas, why: `new replica set has ${cur}, more than the ${replicas} desired` }
  const to = newRSNewReplicas(d, allRSs, newRS)
  if (to === cur) return undefined
  const surge = maxSurge(d)
  const current = sum(allRSs, specReplicas)
  return {
    rs: newRS,
    to,
    why: `desired ${replicas} + maxSurge ${surge} = ${replicas + surge} pods allowed, ${current} exist: ` +
      `new replica set grows by min(${replicas + surge - current}, ${replicas - cur}) = ${to - cur}`,
  }
}

/**
 * `reconcileOldReplicaSets`: how far old ReplicaSets may shrink without dropping below
 * `replicas − maxUnavailable` available pods, counting new pods that are not yet available
 * as unavailable: `maxScaledDown = Σspec(all) − minAvailable − (new.spec − new.available)`.
 * Unhealthy old replicas go first (`cleanupUnhealthyReplicas`), then healthy ones
 * (`scaleDownOldReplicaSetsForRollingUpdate`), each oldest first.
 */
export function reconcileOldReplicaSets(
  d: Deployment, allRSs: readonly ReplicaSet[], oldActive: readonly ReplicaSet[], newRS: ReplicaSet,
): { why: string } | { cleanup: ScaleIntent[]; scaleDown: ScaleIntent[]; none: string } {
  if (sum(oldActive, specReplicas) === 0) return { why: 'no old replicas left to scale down' }
  const all = sum(allRSs, specReplicas)
  const minAvail = desiredReplicas(d) - maxUnavailable(d)
  const newUnavailable = specReplicas(newRS) - availableReplicas(newRS)
  const maxScaledDown = all - minAvail - newUnavailable
  const arithmetic = `maxScaledDown = ${all} pods − minAvailable ${minAvail} − ${newUnavailable} new not yet available = ${maxScaledDown}`
  if (maxScaledDown <= 0) return { why: `${arithmetic}: waiting for new pods to become available` }
  const { intents: cleanup, updated } = cleanupUnhealthyReplicas(oldActive, maxScaledDown, arithmetic)
  const scaleDown = scaleDownOldReplicaSetsForRollingUpdate(d, [...updated, newRS], updated)
  return { cleanup, scaleDown, none: `${arithmetic}, but old replica sets have no unhealthy replicas and availability allows no scale-down` }
}

/**
 * `cleanupUnhealthyReplicas`: oldest first, shrink each old RS by its not-available replicas,
 * up to `maxCleanup` in total. Returns the intents and the old RSs as they will be afterwards.
 */
export function cleanupUnhealthyReplicas(
  oldRSs: readonly ReplicaSet[], maxCleanup: number, arithmetic = '',
): { intents: ScaleIntent[]; updated: ReplicaSet[] } {
  const updated = sortByCreation(oldRSs)
  const intents: ScaleIntent[] = []
  let total = 0
  for (let i = 0; i < updated.length; i++) {
    if (total >= maxCleanup) break
    const rs = updated[i]
    const spec = specReplicas(rs)
    const unhealthy = spec - availableReplicas(rs)
    if (spec === 0 || unhealthy === 0) continue
    const n = Math.min(maxCleanup - total, unhealthy)
    intents.push({ rs, to: spec - n, why: `${arithmetic}; ${unhealthy} of its replicas are not available: remove ${n} of them first` })
    updated[i] = { ...rs, spec: { ...rs.spec, replicas: spec - n } }
    total += n
  }
  return { intents, updated }
}

/**
 * `scaleDownOldReplicaSetsForRollingUpdate`: available pods beyond `minAvailable` may go;
 * oldest RS first, each by at most its size.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): ScaleIntent[] {
  const minAvail = desiredReplicas(d) - maxUnavailable(d)
  const available = sum(allRSs, availableReplicas)
  if (available <= minAvail) return []
  const toScale = available - minAvail
  const intents: ScaleIntent[] = []
  let done = 0
  for (const rs of sortByCreation(oldRSs)) {
    if (done >= toScale) break
    const spec = specReplicas(rs)
    if (spec === 0) continue
    const n = Math.min(spec, toScale - done)
    intents.push({ rs, to: spec - n, why: `${available} available − minAvailable ${minAvail} = ${toScale} may go: scale old down by ${n}` })
    done += n
  }
  return intents
}
