import { describe, expect, it } from 'vitest'
import { cleanupCandidates, hasRevisionHistoryLimit } from './cleanup'
import { deployment, ownedRS } from './test-fixtures'

describe('revisionHistoryLimit cleanup (REFERENCE 5.8)', () => {
  const d = deployment('web', 3, { image: 'v6', revisionHistoryLimit: 2 })
  const old = (rev: number, extra: Parameters<typeof ownedRS>[1] | object = {}) =>
    ownedRS(d, { image: `v${rev}`, replicas: 0, revision: rev, created: rev, ...extra })

  it('the REFERENCE example: revisions 1–5 at 0, new at 6, limit 2 → 1, 2, 3 deleted', () => {
    const olds = [old(5), old(3), old(1), old(4), old(2)]
    expect(cleanupCandidates(d, olds).map((rs) => rs.metadata.name)).toEqual(['web-v1', 'web-v2', 'web-v3'])
  })

  it('a busy RS is skipped but still uses up its place', () => {
    const olds = [old(1), old(2, { replicas: 1 }), old(3), old(4), old(5)]
    expect(cleanupCandidates(d, olds).map((rs) => rs.metadata.name)).toEqual(['web-v1', 'web-v3'])
    const pods = [old(1, { actual: 1, replicas: 0 }), old(2), old(3), old(4), old(5)]
    expect(cleanupCandidates(d, pods).map((rs) => rs.metadata.name)).toEqual(['web-v2', 'web-v3'])
    const unobserved = old(1)
    unobserved.metadata.generation = 2
    expect(cleanupCandidates(d, [unobserved, old(2), old(3), old(4), old(5)]).map((rs) => rs.metadata.name)).toEqual(['web-v2', 'web-v3'])
  })

  it('terminating RSes are not counted; MaxInt32 or no limit keeps everything', () => {
    const gone = old(1)
    gone.metadata.deletionTimestamp = '2026-01-01T00:00:00Z'
    expect(cleanupCandidates(d, [gone, old(2), old(3)]).map((rs) => rs.metadata.name)).toEqual([])
    const all = deployment('web', 3, { revisionHistoryLimit: 2147483647 })
    expect(hasRevisionHistoryLimit(all)).toBe(false)
    expect(cleanupCandidates(all, [old(1), old(2), old(3)])).toEqual([])
    const zero = deployment('web', 3, { revisionHistoryLimit: 0 })
    expect(cleanupCandidates(zero, [old(2), old(1)]).map((rs) => rs.metadata.name)).toEqual(['web-v1', 'web-v2'])
  })

  it('unparseable revisions sort by creation time', () => {
    const a = old(7, { revision: 'x', created: 1 })
    const b = old(8, { revision: 'y', created: 0 })
    const limit0 = deployment('web', 3, { revisionHistoryLimit: 1 })
    expect(cleanupCandidates(limit0, [a, b]).map((rs) => rs.metadata.name)).toEqual(['web-v8'])
  })
})
