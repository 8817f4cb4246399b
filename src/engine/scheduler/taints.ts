import type { Taint, Toleration } from '../api/types'

/**
 * Taints and tolerations as the scheduler reads them (`k8s.io/api/core/v1/toleration.go`
 * `ToleratesTaint`, `component-helpers/scheduling/corev1` `FindMatchingUntoleratedTaint`).
 */

/** An empty effect matches every effect, an empty key (with Exists) every key; `Equal` (or no operator) compares values. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint))
}

/** `DoNotScheduleTaintsFilterFunc`: the Filter only looks at NoSchedule and NoExecute taints. */
export const doNotSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'

/** The first taint (in the node's order) that passes `filter` and no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint
  return undefined
}

/**
 * TaintToleration's raw score: PreferNoSchedule taints not tolerated by the pod's tolerations
 * that have effect PreferNoSchedule or no effect (`countIntolerableTaintsPreferNoSchedule`).
 */
export function countIntolerablePreferNoSchedule(taints: Taint[] | undefined, tolerations: Toleration[] | undefined): number {
  const prefer = (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
  let n = 0
  for (const taint of taints ?? []) if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(prefer, taint)) n++
  return n
}
