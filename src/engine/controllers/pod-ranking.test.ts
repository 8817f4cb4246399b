import { describe, expect, it } from 'vitest'
import type { Pod } from '../api/types'
import { lessActivePodsWithRanks, log2Rank, podsToDelete, rankPods, sortForDeletion, type RankedPod } from './pod-ranking'
import { POD_DELETION_COST } from './pod-utils'

const NOW = Date.parse('2026-01-01T01:00:00Z')
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z')

interface Spec {
  node?: string
  phase?: 'Pending' | 'Running' | 'Unknown'
  readyAgo?: number
  cost?: string
  restarts?: number
  sidecarRestarts?: number
  createdAgo?: number
  uid?: string
}

function mk(name: string, s: Spec): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: s.uid ?? name,
      creationTimestamp: s.createdAgo === undefined ? ago(3600) : ago(s.createdAgo),
      annotations: s.cost === undefined ? undefined : { [POD_DELETION_COST]: s.cost },
    },
    spec: {
      nodeName: s.node,
      containers: [{ name: 'c', image: 'x' }],
      initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always' }],
    },
    status: {
      phase: s.phase ?? 'Running',
      conditions: s.readyAgo === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: ago(s.readyAgo) }],
      containerStatuses: [{ name: 'c', image: 'x', ready: s.readyAgo !== undefined, restartCount: s.restarts ?? 0, state: {} }],
      initContainerStatuses: [{ name: 'side', image: 'x', ready: true, restartCount: s.sidecarRestarts ?? 0, state: {} }],
    },
  }
}

const READY: Spec = { node: 'n1', readyAgo: 600 }

describe('ActivePodsWithRanks.Less — the first rule that differs decides (REFERENCE 4.1)', () => {
  // [rule, a, rankA, b, rankB]: a must be deleted before b, and not the other way round.
  const table: [string, Spec, number, Spec, number][] = [
    ['1 unassigned before assigned (even Running+ready vs Pending)', { readyAgo: 600 }, 0, { node: 'n1', phase: 'Pending' }, 0],
    ['2 Pending before Unknown', { node: 'n1', phase: 'Pending' }, 0, { node: 'n1', phase: 'Unknown' }, 0],
    ['2 Unknown before Running', { node: 'n1', phase: 'Unknown' }, 0, { node: 'n1', phase: 'Running' }, 0],
    ['3 not ready before ready', { node: 'n1' }, 0, READY, 5],
    ['4 lower deletion cost first, beats rank', { ...READY, cost: '-10' }, 0, { ...READY, cost: '5' }, 9],
    ['4 missing cost counts as 0', READY, 0, { ...READY, cost: '1' }, 0],
    ['5 higher rank first', READY, 3, READY, 1],
    ['6 ready more recently first (different log2 buckets)', { node: 'n1', readyAgo: 10 }, 1, { node: 'n1', readyAgo: 600 }, 1],
    ['6 beats restarts', { node: 'n1', readyAgo: 10 }, 1, { node: 'n1', readyAgo: 600, restarts: 9 }, 1],
    ['7 more restarts first', { ...READY, restarts: 3 }, 1, { ...READY, restarts: 1 }, 1],
    ['7 sidecar restarts break a tie of regular restarts', { ...READY, restarts: 1, sidecarRestarts: 4 }, 1, { ...READY, restarts: 1 }, 1],
    ['8 newer first (different log2 buckets)', { ...READY, createdAgo: 60 }, 1, { ...READY, createdAgo: 3600 }, 1],
    ['8 unready pods: newer first', { node: 'n1', createdAgo: 5 }, 0, { node: 'n1', createdAgo: 5000 }, 0],
  ]
  it.each(table)('%s', (_rule, a, ra, b, rb) => {
    const pa: RankedPod = { pod: mk('a', a), rank: ra }
    const pb: RankedPod = { pod: mk('b', b), rank: rb }
    expect(lessActivePodsWithRanks(pa, pb, NOW)).toBe(true)
    expect(lessActivePodsWithRanks(pb, pa, NOW)).toBe(false)
  })

  it('LogarithmicScaleDown: ready 60 s and 61 s ago share a log2 bucket, so the UIDs decide', () => {
    // 6.0e10 ns and 6.1e10 ns are both in [2^35, 2^36).
    const x = { pod: mk('x', { node: 'n1', readyAgo: 61, uid: 'aaa' }), rank: 1 }
    const y = { pod: mk('y', { node: 'n1', readyAgo: 60, uid: 'bbb' }), rank: 1 }
    expect(lessActivePodsWithRanks(x, y, NOW)).toBe(true) // older, but smaller UID
    expect(lessActivePodsWithRanks(y, x, NOW)).toBe(false)
  })

  it('without a reference time the plain "newer first" rule applies', () => {
    const x = { pod: mk('x', { node: 'n1', readyAgo: 61, uid: 'aaa' }), rank: 1 }
    const y = { pod: mk('y', { node: 'n1', readyAgo: 60, uid: 'bbb' }), rank: 1 }
    expect(lessActivePodsWithRanks(y, x, undefined)).toBe(true)
  })

  it('identical pods are not less than each other', () => {
    const x = { pod: mk('x', READY), rank: 1 }
    expect(lessActivePodsWithRanks(x, { pod: mk('x', READY), rank: 1 }, NOW)).toBe(false)
  })
})

describe('log2Rank (floor(log2(ns)))', () => {
  it.each([
    [0, -1],
    [-5, -1],
    [1, 19], // 1e6 ns
    [1000, 29], // 1e9 ns
    [1073, 29], // 1.073e9 < 2^30
    [1074, 30], // 1.074e9 ≥ 2^30 = 1.073741824e9
    [60_000, 35],
    [61_000, 35],
  ])('%i ms -> %i', (ms, want) => expect(log2Rank(ms)).toBe(want))
})

describe('ranks and victims', () => {
  const related = [
    mk('a', { node: 'n1', readyAgo: 600 }),
    mk('b', { node: 'n1', readyAgo: 600 }),
    mk('c', { node: 'n2', readyAgo: 600 }),
    { ...mk('gone', { node: 'n2' }), metadata: { ...mk('gone', {}).metadata, deletionTimestamp: ago(1) } },
  ]
  it('rank = active related pods on the same node', () => {
    expect(rankPods(related.slice(0, 3), related).map((r) => r.rank)).toEqual([2, 2, 1])
  })
  it('scale-down picks unscheduled, then pending, then not ready, then doubled-up pods', () => {
    const active = [
      mk('ready-alone', { node: 'n2', readyAgo: 600 }),
      mk('ready-doubled', { node: 'n1', readyAgo: 600 }),
      mk('not-ready', { node: 'n1', readyAgo: undefined }),
      mk('pending', { node: 'n1', phase: 'Pending' }),
      mk('unscheduled', { phase: 'Pending' }),
    ]
    const all = [...active, mk('other', { node: 'n1', readyAgo: 600 })]
    const order = sortForDeletion(rankPods(active, all), NOW).map((r) => r.pod.metadata.name)
    expect(order).toEqual(['unscheduled', 'pending', 'not-ready', 'ready-doubled', 'ready-alone'])
    expect(podsToDelete(active, all, 2, NOW).map((r) => r.pod.metadata.name)).toEqual(['unscheduled', 'pending'])
  })
  it('deleting every pod skips the sort (input order kept)', () => {
    const active = [mk('z', READY), mk('a', { phase: 'Pending' })]
    expect(podsToDelete(active, [], 2, NOW).map((r) => r.pod.metadata.name)).toEqual(['z', 'a'])
  })
})
