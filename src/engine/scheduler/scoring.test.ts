import { describe, expect, it } from 'vitest'
import { balancedAllocationScore, defaultNormalizeScore, leastAllocatedScore, leastRequestedScore, scoreNodes } from './scoring'
import { node, nodeInfo, pod } from './fixtures'

const Mi = 1024 * 1024

describe('LeastAllocated (noderesources/least_allocated.go)', () => {
  it.each([
    // [requested, capacity, score]
    [0, 4000, 100],
    [1500, 4000, 62], // 62.5 → integer division
    [2560 * Mi, 8192 * Mi, 68], // 68.75
    [3000, 4000, 25],
    [4000, 4000, 0],
    [5000, 4000, 0], // over capacity
    [100, 0, 0], // nothing allocatable
  ])('leastRequestedScore(%d, %d) = %d', (req, cap, want) => {
    expect(leastRequestedScore(req, cap)).toBe(want)
  })

  it.each([
    // REFERENCE 3.3 worked example: (62 + 68) / 2
    [[1500, 2560 * Mi], [4000, 8192 * Mi], 65],
    // upstream test "Node1": cpu 25, memory 50 → 37
    [[3000, 5000], [4000, 10000], 37],
    [[3000, 5000], [6000, 10000], 50],
    // a resource with zero allocatable is left out of the mean
    [[3000, 5000], [4000, 0], 25],
    [[0, 0], [0, 0], 0],
  ])('node score %j / %j = %d', (req, alloc, want) => {
    expect(leastAllocatedScore(req, alloc)).toBe(want)
  })
})

describe('BalancedAllocation (noderesources/balanced_allocation.go)', () => {
  it.each([
    // REFERENCE example: fractions 0.375 and 0.3125, std 0.03125 → int(96.875)
    [[1500, 2560 * Mi], [4000, 8192 * Mi], 96],
    // upstream: 3000/4000 = 0.75, 5000/10000 = 0.5, std 0.125 → 87
    [[3000, 5000], [4000, 10000], 87],
    [[2000, 5000], [4000, 10000], 100], // perfectly balanced
    [[8000, 5000], [4000, 10000], 75], // fraction capped at 1: |1 − 0.5| / 2
    [[3000, 5000], [4000, 0], 100], // one resource: std 0
    // three resources: 0.5, 0.5, 0.8 → population std 0.1414 → 85
    [[2, 5, 8], [4, 10, 10], 85],
  ])('%j / %j = %d', (req, alloc, want) => {
    expect(balancedAllocationScore(req, alloc)).toBe(want)
  })
})

describe('DefaultNormalizeScore (plugins/helper/normalize_score.go)', () => {
  it.each([
    [[1, 2, 4], false, [25, 50, 100]],
    [[1, 2, 4], true, [75, 50, 0]],
    [[3, 0, 1], true, [0, 100, 67]], // 100·1/3 = 33 → 100 − 33
    [[0, 0], false, [0, 0]],
    [[0, 0], true, [100, 100]],
  ])('%j reverse=%s → %j', (scores, reverse, want) => {
    expect(defaultNormalizeScore(scores, reverse)).toEqual(want)
  })
})

describe('scoreNodes', () => {
  it('weights TaintToleration 3, NodeAffinity 2, Fit 1, Balanced 1 and sums them', () => {
    const a = nodeInfo(node('a'), [pod('x', { cpu: '1', memory: '2Gi', nodeName: 'a' })])
    const b = nodeInfo(node('b', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }))
    const [sa, sb] = scoreNodes(pod('p', { cpu: '500m', memory: '512Mi' }), [a, b])
    expect(sa.scores).toEqual([
      { plugin: 'TaintToleration', score: 100, weight: 3 },
      { plugin: 'NodeAffinity', score: 0, weight: 2 },
      { plugin: 'NodeResourcesFit', score: 65, weight: 1 },
      { plugin: 'NodeResourcesBalancedAllocation', score: 96, weight: 1 },
    ])
    expect(sa.total).toBe(300 + 65 + 96)
    // b has one intolerable PreferNoSchedule taint: the most, so reverse-normalized to 0.
    expect(sb.scores[0].score).toBe(0)
  })

  it('LeastAllocated counts 100m / 200Mi for containers without requests; Balanced skips best-effort pods', () => {
    const empty = nodeInfo(node('a'))
    const [s] = scoreNodes(pod('p'), [empty])
    // cpu (4000 − 100)·100/4000 = 97, memory (8192 − 200)·100/8192 = 97
    expect(s.scores.find((x) => x.plugin === 'NodeResourcesFit')!.score).toBe(97)
    expect(s.scores.find((x) => x.plugin === 'NodeResourcesBalancedAllocation')!.score).toBe(0)
  })

  it('an explicit 0 request stays 0 for LeastAllocated', () => {
    const [s] = scoreNodes(pod('p', { cpu: '0', memory: '0' }), [nodeInfo(node('a'))])
    expect(s.scores.find((x) => x.plugin === 'NodeResourcesFit')!.score).toBe(100)
  })

  it('NodeAffinity scores preferred terms by weight, normalized to the best node', () => {
    const affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 20, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
          { weight: 60, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
        ],
      },
    }
    const p = pod('p', { spec: { affinity } })
    const nodes = [node('a', { labels: { disk: 'ssd' } }), node('b', { labels: { disk: 'ssd', zone: 'z1' } }), node('c')].map((n) => nodeInfo(n))
    const aff = scoreNodes(p, nodes).map((s) => s.scores[1].score)
    expect(aff).toEqual([25, 100, 0]) // raw 20, 80, 0
  })
})
