import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { EMPTY_LAYOUT, PENDING, layoutForget, layoutRemove, layoutUpsert } from './layout'

const pod = (uid: string, nodeName?: string, owner?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: uid, namespace: 'default', uid, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner, controller: true }] } : {}) },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
})
const node = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `n-${name}` } })
const rs = (uid: string): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: uid, namespace: 'default', uid } })

describe('layout', () => {
  it('orders nodes naturally (node-2 before node-10)', () => {
    const l = layoutUpsert(EMPTY_LAYOUT, [node('node-10'), node('node-2'), node('node-1')])
    expect(l.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-10'])
  })

  it('puts unscheduled pods in the Pending group and moves them when bound', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [pod('a'), pod('b')])
    expect(l.groups[PENDING]).toEqual(['a', 'b'])
    l = layoutUpsert(l, [pod('a', 'node-1')])
    expect(l.pods.a).toEqual({ group: 'node-1', slot: 0, owner: undefined })
    expect(l.groups[PENDING]).toEqual([null, 'b'])
  })

  it('keeps every other pod in its slot when one leaves, and reuses the hole', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [pod('a', 'n'), pod('b', 'n'), pod('c', 'n')])
    l = layoutForget(l, ['b'])
    expect(l.groups.n).toEqual(['a', null, 'c'])
    expect(l.pods.c.slot).toBe(2)
    l = layoutUpsert(l, [pod('d', 'n')])
    expect(l.groups.n).toEqual(['a', 'd', 'c'])
  })

  it('returns the same object when nothing structural changed (a status update)', () => {
    const l = layoutUpsert(EMPTY_LAYOUT, [pod('a', 'n', 'rs1'), node('n'), rs('rs1')])
    expect(layoutUpsert(l, [pod('a', 'n', 'rs1'), node('n'), rs('rs1')])).toBe(l)
    expect(layoutRemove(l, [pod('a', 'n')])).toBe(l) // pods leave only via forget
  })

  it('does not mutate the previous layout', () => {
    const l1 = layoutUpsert(EMPTY_LAYOUT, [pod('a', 'n')])
    const snapshot = JSON.stringify(l1)
    layoutUpsert(l1, [pod('b', 'n'), pod('a')])
    expect(JSON.stringify(l1)).toBe(snapshot)
  })

  it('records the controlling owner, and follows adoption/orphaning', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [pod('a', 'n', 'rs1')])
    expect(l.pods.a.owner).toBe('rs1')
    l = layoutUpsert(l, [pod('a', 'n')])
    expect(l.pods.a).toEqual({ group: 'n', slot: 0, owner: undefined })
  })

  it('gives workloads stable slots and removes them on delete', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [rs('x'), rs('y')])
    l = layoutRemove(l, [rs('x')])
    expect(l.workloads).toEqual([null, 'y'])
    l = layoutUpsert(l, [rs('z')])
    expect(l.workloads).toEqual(['z', 'y'])
  })
})
