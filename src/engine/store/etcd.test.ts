import { describe, expect, it } from 'vitest'
import { CompactedError, Etcd, type StoreEvent } from './etcd'
import type { KObject } from '../api/types'

const obj = (name: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  ...extra,
})

describe('etcd store', () => {
  it('increments one cluster-wide revision per write, including deletes', () => {
    const db = new Etcd()
    db.put('/registry/pods/default/a', () => obj('a'))
    db.put('/registry/pods/default/b', () => obj('b'))
    db.put('/registry/pods/default/a', () => obj('a', { spec: { x: 1 } }))
    expect(db.revision()).toBe(3)
    expect(db.modRevision('/registry/pods/default/a')).toBe(3)
    expect(db.modRevision('/registry/pods/default/b')).toBe(2)
    db.delete('/registry/pods/default/b')
    expect(db.revision()).toBe(4)
    expect(db.get('/registry/pods/default/b')).toBeUndefined()
  })

  it('delivers watch events in revision order, with DELETED carrying the last state', () => {
    const db = new Etcd()
    const seen: StoreEvent[] = []
    db.watch('/registry/pods/', 0, (e) => seen.push(e))
    db.put('/registry/pods/default/a', () => obj('a'))
    db.put('/registry/nodes/n1', () => obj('n1'))
    db.put('/registry/pods/default/a', () => obj('a', { spec: { v: 2 } }))
    db.delete('/registry/pods/default/a')
    expect(seen.map((e) => [e.type, e.revision])).toEqual([
      ['ADDED', 1],
      ['MODIFIED', 3],
      ['DELETED', 4],
    ])
    expect(seen[2].object.spec).toEqual({ v: 2 })
  })

  it('resumes a watch from a revision, replaying only later events', () => {
    const db = new Etcd()
    for (const n of ['a', 'b', 'c']) db.put(`/registry/pods/default/${n}`, () => obj(n))
    const seen: number[] = []
    db.watch('/registry/pods/', 1, (e) => seen.push(e.revision))
    db.put('/registry/pods/default/d', () => obj('d'))
    expect(seen).toEqual([2, 3, 4])
  })

  it('refuses a watch from a compacted revision', () => {
    const db = new Etcd()
    for (const n of ['a', 'b', 'c']) db.put(`/registry/pods/default/${n}`, () => obj(n))
    db.compact(2)
    expect(() => db.watch('/registry/pods/', 1, () => {})).toThrow(CompactedError)
    const seen: number[] = []
    db.watch('/registry/pods/', 2, (e) => seen.push(e.revision))
    expect(seen).toEqual([3])
  })

  it('lists in key order and freezes stored values', () => {
    const db = new Etcd()
    db.put('/registry/pods/default/b', () => obj('b'))
    db.put('/registry/pods/default/a', () => obj('a'))
    expect(db.list('/registry/pods/default/').map((o) => o.metadata.name)).toEqual(['a', 'b'])
    const a = db.get('/registry/pods/default/a')!
    expect(() => {
      ;(a.metadata as { name: string }).name = 'x'
    }).toThrow(TypeError)
  })

  it('eventsSince is proportional to what changed', () => {
    const db = new Etcd()
    for (let i = 0; i < 100; i++) db.put(`/registry/pods/default/p${i}`, () => obj(`p${i}`))
    expect(db.eventsSince(97).map((e) => e.revision)).toEqual([98, 99, 100])
  })
})
