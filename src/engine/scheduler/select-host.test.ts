import { describe, expect, it } from 'vitest'
import type { Rng } from '../rng'
import { Rng as SeededRng } from '../rng'
import { numFeasibleNodesToFind, selectHost } from './select-host'
import { schedulePod } from './schedule-one'
import { node, nodeInfo, pod } from './fixtures'

/** An RNG that answers intn with a script, and remembers what it was asked. */
function scripted(answers: number[]): Rng & { asked: number[] } {
  const asked: number[] = []
  return { asked, intn: (n: number) => (asked.push(n), answers.shift() ?? 0) } as unknown as Rng & { asked: number[] }
}

describe('numFeasibleNodesToFind (schedule_one.go)', () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100], // 50% of 100 = 50 → raised to the minimum of 100
    [1000, 420], // 50 − 1000/125 = 42%
    [2500, 750], // 30%
    [5000, 500], // 10%
    [7000, 350], // 50 − 56 < 5 → 5%
  ])('%d nodes → %d', (n, want) => {
    expect(numFeasibleNodesToFind(n)).toBe(want)
  })
})

describe('selectHost (reservoir sampling over Go container/heap)', () => {
  const tie3 = () => [
    { name: 'a', totalScore: 10 },
    { name: 'b', totalScore: 10 },
    { name: 'c', totalScore: 10 },
  ]

  it.each([
    // Go's heap pops a, c, b; Intn(2) then Intn(3) decide
    [[1, 1], 'a'],
    [[0, 1], 'c'],
    [[1, 0], 'b'],
    [[0, 0], 'b'],
  ])('ties a,b,c with draws %j → %s', (draws, want) => {
    const rng = scripted(draws)
    const r = selectHost(tie3(), 3, rng)
    expect(r.host).toBe(want)
    expect(r.tied).toBe(3)
    expect(rng.asked).toEqual([2, 3])
  })

  it('only nodes tied for the best draw; the top 3 are reported', () => {
    const scores = [
      { name: 'a', totalScore: 10 },
      { name: 'b', totalScore: 20 },
      { name: 'c', totalScore: 20 },
      { name: 'd', totalScore: 5 },
    ]
    const r0 = selectHost(scores, 3, scripted([0]))
    expect(r0.host).toBe('c')
    expect(r0.sorted.map((s) => s.name)).toEqual(['c', 'b', 'a'])
    const r1 = selectHost(scores, 3, scripted([1]))
    expect(r1.host).toBe('b')
    expect(r1.tied).toBe(2)
  })

  it('a single best node draws nothing', () => {
    const rng = scripted([])
    expect(selectHost([{ name: 'a', totalScore: 1 }, { name: 'b', totalScore: 2 }], 3, rng).host).toBe('b')
    expect(rng.asked).toEqual([])
  })

  it('empty priorityList', () => {
    expect(() => selectHost([], 3, scripted([]))).toThrow('empty priorityList')
  })
})

describe('schedulePod', () => {
  const three = () => ['node-1', 'node-2', 'node-3'].map((n) => nodeInfo(node(n)))

  it('goes to the least allocated node', () => {
    const nodes = three()
    nodes[0].addPod(pod('x', { cpu: '2', memory: '2Gi', nodeName: 'node-1' }))
    nodes[2].addPod(pod('y', { cpu: '1', memory: '1Gi', nodeName: 'node-3' }))
    const r = schedulePod(pod('p', { cpu: '100m', memory: '128Mi' }), nodes, 0, new SeededRng(1))
    expect(r.host).toBe('node-2')
    expect(r.tiedForBest).toBe(1)
    expect(r.verdicts.map((v) => [v.node, v.total])).toEqual([
      // TaintToleration 100×3 + NodeAffinity 0×2 + LeastAllocated + BalancedAllocation
      ['node-1', 300 + 60 + 87],
      ['node-2', 300 + 97 + 99],
      ['node-3', 300 + 78 + 93],
    ])
  })

  it('stops after numFeasibleNodesToFind fits and rotates the next start by the nodes processed', () => {
    // 200 nodes: 100 must fit. Nodes 150..159 are too small, so the scan from 150 processes 110.
    const nodes = Array.from({ length: 200 }, (_, i) => nodeInfo(node(`n${i}`, { cpu: i >= 150 && i < 160 ? '100m' : '4' })))
    const r = schedulePod(pod('p', { cpu: '1' }), nodes, 150, new SeededRng(1))
    expect(r.verdicts).toHaveLength(110)
    expect(r.verdicts.filter((v) => v.filter)).toHaveLength(10)
    expect(r.nextStartNodeIndex).toBe((150 + 110) % 200)
    expect(schedulePod(pod('p'), three(), 1, new SeededRng(1)).nextStartNodeIndex).toBe(1) // all 3 processed
  })

  it('one feasible node is taken without scoring', () => {
    const nodes = three()
    nodes[0].setNode(node('node-1', { cpu: '100m' }))
    nodes[1].setNode(node('node-2', { cpu: '100m' }))
    const r = schedulePod(pod('p', { cpu: '1' }), nodes, 0, new SeededRng(1))
    expect(r.host).toBe('node-3')
    expect(r.verdicts).toEqual([
      { node: 'node-1', filter: { plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' } },
      { node: 'node-2', filter: { plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' } },
      { node: 'node-3' },
    ])
  })
})
