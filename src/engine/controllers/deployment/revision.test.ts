import { describe, expect, it } from 'vitest'
import { compareByRevision, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, lastRevision, maxRevision, revisionOf, semanticEqual } from './revision'
import { deployment, ownedRS } from './test-fixtures'

describe('revisions and the new ReplicaSet (REFERENCE 5.6)', () => {
  const d = deployment('web', 3, { image: 'v3' })
  const rs = (image: string, revision: number | string | undefined, created = 0) => ownedRS(d, { image, replicas: 1, revision, created })

  it('parses revisions as int64: missing is 0, garbage is skipped', () => {
    expect(revisionOf(rs('a', 7))).toBe(7)
    expect(revisionOf(rs('a', undefined))).toBe(0)
    expect(revisionOf(rs('a', 'x'))).toBeUndefined()
    expect(maxRevision([rs('a', 1), rs('b', 'x'), rs('c', 4), undefined])).toBe(4)
    expect(lastRevision([rs('a', 1), rs('b', 'x'), rs('c', 4), rs('d', 3)])).toBe(3)
    expect(lastRevision([rs('a', 2)])).toBe(0)
  })

  it('sorts by revision, falling back to creation time', () => {
    const list = [rs('a', 3, 1), rs('b', 1, 2), rs('c', 'x', 0), rs('d', 2, 5)].sort(compareByRevision)
    expect(list.map((r) => r.metadata.name)).toEqual(['web-c', 'web-b', 'web-d', 'web-a'])
  })

  it('EqualIgnoreHash ignores only pod-template-hash; nil and empty are equal', () => {
    const a = ownedRS(d, { replicas: 1, hash: 'aaa' }).spec.template
    const b = ownedRS(d, { replicas: 1, hash: 'bbb' }).spec.template
    expect(equalIgnoreHash(a, b)).toBe(true)
    expect(equalIgnoreHash(a, d.spec.template)).toBe(true)
    expect(equalIgnoreHash(ownedRS(d, { replicas: 1, image: 'v2' }).spec.template, d.spec.template)).toBe(false)
    expect(semanticEqual({ a: [], b: {} }, { c: undefined })).toBe(true)
    expect(semanticEqual({ a: false }, {})).toBe(false)
    expect(semanticEqual({ a: 0 }, {})).toBe(false)
  })

  it('FindNewReplicaSet: the oldest RS with the Deployment template; the others are old', () => {
    const newer = ownedRS(d, { replicas: 1, hash: 'late', created: 9 })
    const oldest = ownedRS(d, { replicas: 0, hash: 'early', created: 2 })
    const other = rs('v1', 1, 0)
    expect(findNewReplicaSet(d, [newer, other, oldest])).toBe(oldest)
    const { all, active } = findOldReplicaSets(d, [newer, other, oldest])
    expect(all.map((r) => r.metadata.name)).toEqual(['web-late', 'web-v1'])
    expect(active.map((r) => r.metadata.name)).toEqual(['web-late', 'web-v1'])
    expect(findNewReplicaSet(d, [other])).toBeUndefined()
  })
})
