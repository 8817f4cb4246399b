import type { Taint, Toleration } from '../api/types'
import { toleratesTaint } from '../scheduler/taints'

/**
 * How long a pod may stay on a node with these NoExecute taints
 * (`pkg/controller/tainteviction/taint_eviction.go`, `getMinTolerationTime`):
 * - a taint no toleration matches → evict now (0);
 * - otherwise the smallest `tolerationSeconds` of the tolerations used; one ≤ 0 means 0;
 * - every used toleration without `tolerationSeconds` → never (undefined).
 */
export function minTolerationMs(taints: Taint[], tolerations: Toleration[] | undefined): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute')
  if (!noExecute.length) return undefined
  const used: Toleration[] = []
  for (const taint of noExecute) {
    const matching = (tolerations ?? []).filter((t) => toleratesTaint(t, taint))
    if (!matching.length) return 0
    used.push(...matching)
  }
  let min: number | undefined
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue
    const s = Math.max(0, t.tolerationSeconds)
    if (min === undefined || s < min) min = s
  }
  return min === undefined ? undefined : min * 1000
}
