import type { Pod } from '../api/types'
import type { NodeInfo } from './node-info'
import { podRequests } from './resources'
import { countIntolerablePreferNoSchedule } from './taints'
import { preferredAffinityScore, preferredTerms } from './node-affinity'

/**
 * Score plugins and Kubernetes' formulas (REFERENCE 3.3), integer arithmetic where Go's is.
 * Sources: `noderesources/{least_allocated,balanced_allocation,resource_allocation}.go`,
 * `tainttoleration`, `nodeaffinity`, `plugins/helper/normalize_score.go`.
 *
 * Not scored here, so totals are lower than a real cluster's: PodTopologySpread and
 * InterPodAffinity (weight 2 each; not simulated yet — real clusters apply PodTopologySpread's
 * default spreading constraints to ReplicaSet pods), and ImageLocality (weight 1). Real
 * kubelets report `status.images` and ImageLocality favours nodes that already hold the pod's
 * images; the playground skips it for now rather than read an image list it does not model
 * consistently.
 */
export const MAX_NODE_SCORE = 100

/**
 * LeastAllocated for one resource: `(alloc − req) · 100 / alloc`, 0 when nothing is
 * allocatable or the request exceeds it. Integer division, like Go's int64.
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity)
}

/** `leastResourceScorer`: the weighted mean over resources with non-zero allocatable (cpu, memory: weight 1 each). */
export function leastAllocatedScore(requested: number[], allocatable: number[], weights: number[] = [1, 1]): number {
  let nodeScore = 0
  let weightSum = 0
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue
    nodeScore += leastRequestedScore(requested[i], allocatable[i]) * weights[i]
    weightSum += weights[i]
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum)
}

/**
 * `balancedResourceScorer`: fractions req/alloc capped at 1; with two resources
 * std = |f1 − f2| / 2, with more the population standard deviation; score = int64((1 − std) · 100).
 */
export function balancedAllocationScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = []
  let total = 0
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue
    const f = Math.min(requested[i] / allocatable[i], 1)
    total += f
    fractions.push(f)
  }
  let std = 0
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2)
  else if (fractions.length > 2) {
    const mean = total / fractions.length
    let sum = 0
    for (const f of fractions) sum += (f - mean) * (f - mean)
    std = Math.sqrt(sum / fractions.length)
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}

/** `helper.DefaultNormalizeScore`: scale to [0, 100] by the maximum (reverse: 100 − that); all-zero stays 0 (reverse: all 100). */
export function defaultNormalizeScore(scores: number[], reverse: boolean, maxPriority = MAX_NODE_SCORE): number[] {
  const maxCount = Math.max(0, ...scores)
  if (maxCount === 0) return scores.map((s) => (reverse ? maxPriority : s))
  return scores.map((s) => {
    const n = Math.trunc((maxPriority * s) / maxCount)
    return reverse ? maxPriority - n : n
  })
}

export interface PluginScore {
  plugin: string
  score: number
  weight: number
}
export interface NodeScores {
  node: string
  scores: PluginScore[]
  total: number
}

/**
 * Every score plugin over the feasible nodes, normalized and weighted, in the default
 * profile's order. A plugin whose PreScore returns Skip (NodeAffinity without preferred
 * terms, BalancedAllocation for a best-effort pod) contributes 0 to every node.
 */
export function scoreNodes(pod: Pod, nodes: NodeInfo[]): NodeScores[] {
  const spec = pod.spec
  const actual = podRequests(spec)
  const nonZero = podRequests(spec, true)
  const terms = preferredTerms(spec)
  const bestEffort = actual.milliCPU === 0 && actual.memory === 0

  const taint = defaultNormalizeScore(nodes.map((n) => countIntolerablePreferNoSchedule(n.node?.spec?.taints, spec.tolerations)), true)
  const affinity = terms.length ? defaultNormalizeScore(nodes.map((n) => preferredAffinityScore(terms, n.node!)), false) : nodes.map(() => 0)
  const fit = nodes.map((n) =>
    leastAllocatedScore(
      [n.nonZeroRequested.milliCPU + nonZero.milliCPU, n.nonZeroRequested.memory + nonZero.memory],
      [n.allocatable.milliCPU, n.allocatable.memory],
    ),
  )
  const balanced = nodes.map((n) =>
    bestEffort
      ? 0
      : balancedAllocationScore(
          [n.requested.milliCPU + actual.milliCPU, n.requested.memory + actual.memory],
          [n.allocatable.milliCPU, n.allocatable.memory],
        ),
  )
  return nodes.map((n, i) => {
    const scores: PluginScore[] = [
      { plugin: 'TaintToleration', score: taint[i], weight: 3 },
      { plugin: 'NodeAffinity', score: affinity[i], weight: 2 },
      { plugin: 'NodeResourcesFit', score: fit[i], weight: 1 },
      { plugin: 'NodeResourcesBalancedAllocation', score: balanced[i], weight: 1 },
    ]
    return { node: n.name, scores, total: scores.reduce((t, s) => t + s.score * s.weight, 0) }
  })
}
