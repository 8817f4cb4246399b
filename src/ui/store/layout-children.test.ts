import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { EMPTY_LAYOUT, layoutRemove, layoutUpsert } from './layout'

const owned = (kind: string, uid: string, owner?: string, ownerKind = 'Deployment'): KObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: uid, namespace: 'default', uid, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: ownerKind, name: owner, uid: owner, controller: true }] } : {}) },
})
const deploy = (uid: string) => owned('Deployment', uid)
const rs = (uid: string, owner?: string) => owned('ReplicaSet', uid, owner)

describe('layout: a Deployment and its ReplicaSets', () => {
  it('stacks a Deployment’s ReplicaSets under it, in creation order, and keeps top-level slots for the rest', () => {
    const l = layoutUpsert(EMPTY_LAYOUT, [deploy('web'), rs('web-1', 'web'), rs('solo'), rs('web-2', 'web')])
    expect(l.workloads).toEqual(['web', 'solo'])
    expect(l.children.web).toEqual(['web-1', 'web-2'])
    expect(l.parents).toEqual({ 'web-1': 'web', 'web-2': 'web' })
  })

  it('places the owner first when both arrive in one batch, whatever the order', () => {
    const l = layoutUpsert(EMPTY_LAYOUT, [rs('web-1', 'web'), deploy('web')])
    expect(l.workloads).toEqual(['web'])
    expect(l.children.web).toEqual(['web-1'])
  })

  it('a status update of a child changes nothing (same layout object)', () => {
    const l = layoutUpsert(EMPTY_LAYOUT, [deploy('web'), rs('web-1', 'web')])
    expect(layoutUpsert(l, [rs('web-1', 'web'), deploy('web')])).toBe(l)
  })

  it('a deleted old revision frees its slot without moving the newer one; the hole is reused', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [deploy('web'), rs('r1', 'web'), rs('r2', 'web'), rs('r3', 'web')])
    l = layoutRemove(l, [rs('r1', 'web')])
    expect(l.children.web).toEqual([null, 'r2', 'r3'])
    l = layoutUpsert(l, [rs('r4', 'web')].map((o) => ({ ...o, metadata: { ...o.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'web', controller: true }] } })))
    expect(l.children.web).toEqual(['r4', 'r2', 'r3'])
  })

  it('a ReplicaSet released by its Deployment (orphaned) becomes top-level; adopted again, it goes back under', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [deploy('web'), rs('r1', 'web')])
    l = layoutUpsert(l, [rs('r1')])
    expect(l.workloads).toEqual(['web', 'r1'])
    expect(l.children.web).toBeUndefined()
    expect(l.parents.r1).toBeUndefined()
    l = layoutUpsert(l, [rs('r1', 'web')])
    expect(l.workloads).toEqual(['web'])
    expect(l.children.web).toEqual(['r1'])
  })

  it('when a Deployment goes first, its ReplicaSets stand alone until they go too', () => {
    let l = layoutUpsert(EMPTY_LAYOUT, [deploy('web'), rs('r1', 'web'), rs('r2', 'web')])
    l = layoutRemove(l, [deploy('web')])
    expect(l.workloads).toEqual(['r1', 'r2'])
    expect(l.children).toEqual({})
    expect(l.parents).toEqual({})
  })

  it('an owner that is not on the canvas (or is itself a child) leaves the workload top-level', () => {
    const l = layoutUpsert(EMPTY_LAYOUT, [rs('r1', 'ghost')])
    expect(l.workloads).toEqual(['r1'])
  })

  it('does not mutate the previous layout', () => {
    const l1 = layoutUpsert(EMPTY_LAYOUT, [deploy('web'), rs('r1', 'web')])
    const snapshot = JSON.stringify(l1)
    layoutUpsert(l1, [rs('r2', 'web'), rs('r1')])
    layoutRemove(l1, [deploy('web')])
    expect(JSON.stringify(l1)).toBe(snapshot)
  })
})
