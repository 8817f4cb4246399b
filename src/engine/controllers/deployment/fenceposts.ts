import type { ReplicaSet } from '../../api/types'
import type { Deployment, IntOrString } from '../../api/kinds/deployment'
import { specReplicas, sum } from './replicasets'

/**
 * Percent scaling and the rolling-update fenceposts (REFERENCE 5.2): apimachinery
 * `intstr.GetScaledValueFromIntOrPercent`, `deployment_util.go` `ResolveFenceposts`,
 * `MaxSurge`, `MaxUnavailable`, `MinAvailable`, `NewRSNewReplicas`.
 *
 * @example
 *   resolveFenceposts('25%', '25%', 10)  // { surge: 3, unavailable: 2 }
 *   resolveFenceposts('0%', '1%', 4)     // { surge: 0, unavailable: 1 } (both zero → unavailable 1)
 */

/**
 * `GetScaledValueFromIntOrPercent`: an int as is; a string must end in `%` and its number is
 * scaled by `total`, rounded up or down (float64 arithmetic, same order as upstream).
 * Throws upstream's error texts for anything else.
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString')
  if (typeof v === 'number') return Math.trunc(v)
  if (!v.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage')
  const digits = v.slice(0, -1)
  if (!/^[+-]?[0-9]+$/.test(digits)) throw new Error(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${digits}": invalid syntax`)
  const p = Number(digits)
  return roundUp ? Math.ceil((p * total) / 100) : Math.floor((p * total) / 100)
}

export interface Fenceposts {
  surge: number
  unavailable: number
}

/**
 * `ResolveFenceposts`: surge rounds up, unavailable rounds down; absent values count as 0.
 * If both resolve to 0 (validation forbids it explicitly, rounding can still get there),
 * unavailable becomes 1 "on the theory that surge might not work due to quota".
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined | null, maxUnavailable: IntOrString | undefined | null, desired: number): Fenceposts {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true)
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

export const desiredReplicas = (d: Deployment): number => d.spec.replicas ?? 1

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec.strategy?.type === 'RollingUpdate'
}

/** Both fenceposts, or zeros where upstream ignores a resolution error ("caught by validation"). */
function fenceposts(d: Deployment): Fenceposts {
  const ru = d.spec.strategy?.rollingUpdate ?? {}
  try {
    return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, desiredReplicas(d))
  } catch {
    return { surge: 0, unavailable: 0 }
  }
}

/** `MaxSurge`: 0 unless RollingUpdate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0
}

/** `MaxUnavailable`: 0 unless RollingUpdate or with 0 replicas; never more than replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d)
  if (!isRollingUpdate(d) || replicas === 0) return 0
  return Math.min(fenceposts(d).unavailable, replicas)
}

/** `MinAvailable`: replicas − MaxUnavailable for RollingUpdate, else 0. */
export function minAvailable(d: Deployment): number {
  return isRollingUpdate(d) ? desiredReplicas(d) - maxUnavailable(d) : 0
}

/**
 * `NewRSNewReplicas`: Recreate → replicas. RollingUpdate → grow the new RS up to
 * `replicas + maxSurge` pods in total (Σ spec of all RSes), never beyond `replicas`.
 * Throws for an unparseable maxSurge, as upstream returns the error.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = desiredReplicas(d)
  switch (d.spec.strategy?.type) {
    case 'RollingUpdate': {
      const surge = getScaledValueFromIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge ?? null, replicas, true)
      const current = sum(allRSs, specReplicas)
      const maxTotal = replicas + surge
      if (current >= maxTotal) return specReplicas(newRS)
      return specReplicas(newRS) + Math.min(maxTotal - current, replicas - specReplicas(newRS))
    }
    case 'Recreate':
      return replicas
    default:
      throw new Error(`deployment type ${d.spec.strategy?.type} isn't supported`)
  }
}

/**
 * The rollout arithmetic in words, for the UI's live readout:
 * `desired 10, maxSurge 25% → 3, maxUnavailable 25% → 2: at most 13 pods, at least 8 available`.
 */
export function describeFenceposts(d: Deployment): string {
  const replicas = desiredReplicas(d)
  if (!isRollingUpdate(d)) return `desired ${replicas}, Recreate: every old pod stops before any new pod starts`
  const ru = d.spec.strategy?.rollingUpdate ?? {}
  const surge = maxSurge(d)
  return `desired ${replicas}, maxSurge ${ru.maxSurge ?? 0} → ${surge}, maxUnavailable ${ru.maxUnavailable ?? 0} → ${maxUnavailable(d)}: ` +
    `at most ${replicas + surge} pods, at least ${minAvailable(d)} available`
}
