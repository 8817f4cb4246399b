import { describe, expect, it } from 'vitest'
import type { KObject, OwnerReference } from '../api/types'
import { AbsentOwnerCache, DependencyGraph, referencesDiffs, type GraphEffects } from './gc-graph'

const rsRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs', controller: true, blockOwnerDeletion: true }
const rs = (meta: Partial<KObject['metadata']> = {}): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs', ...meta } })
const pod = (name: string, refs: OwnerReference[] = [rsRef], meta: Partial<KObject['metadata']> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: name, ownerReferences: refs, ...meta },
})
const names = (fx: GraphEffects) => ({ del: fx.attemptToDelete.map((n) => n.identity.name), orphan: fx.attemptToOrphan.map((n) => n.identity.name) })

describe('DependencyGraph (graph_builder.go processGraphChanges)', () => {
  it('a dependent seen before its owner creates a virtual owner to verify', () => {
    const g = new DependencyGraph()
    expect(names(g.observe('ADDED', pod('a')))).toEqual({ del: ['web'], orphan: [] })
    const owner = g.nodes.get('rs')!
    expect(owner.virtual).toBe(true)
    expect([...owner.dependents].map((d) => d.identity.name)).toEqual(['a'])
    // The owner's own event makes it real; nothing to do.
    expect(names(g.observe('ADDED', rs()))).toEqual({ del: [], orphan: [] })
    expect(owner.virtual).toBe(false)
  })

  it('a deleted owner sends its dependents to attemptToDelete and is remembered as absent', () => {
    const g = new DependencyGraph()
    g.observe('ADDED', rs())
    g.observe('ADDED', pod('a'))
    g.observe('ADDED', pod('b'))
    expect(names(g.observe('DELETED', rs()))).toEqual({ del: ['a', 'b'], orphan: [] })
    expect(g.absentOwners.has('rs')).toBe(true)
    expect(g.nodes.has('rs')).toBe(false)
  })

  it('foreground deletion starts: dependents and the owner itself are examined', () => {
    const g = new DependencyGraph()
    g.observe('ADDED', rs())
    g.observe('ADDED', pod('a'))
    const deleting = rs({ deletionTimestamp: 'T', finalizers: ['foregroundDeletion'] })
    expect(names(g.observe('MODIFIED', deleting, rs()))).toEqual({ del: ['a', 'web'], orphan: [] })
    expect(g.nodes.get('rs')?.deletingDependents).toBe(true)
    // Only the transition counts: the same state again does nothing.
    expect(names(g.observe('MODIFIED', deleting, deleting))).toEqual({ del: [], orphan: [] })
    // A dependent going away lets the waiting owner check again.
    expect(names(g.observe('DELETED', pod('a')))).toEqual({ del: ['web'], orphan: [] })
    expect(g.nodes.get('rs')?.blockingDependents()).toEqual([])
  })

  it('orphan deletion starts: the owner goes to attemptToOrphan', () => {
    const g = new DependencyGraph()
    g.observe('ADDED', rs())
    expect(names(g.observe('MODIFIED', rs({ deletionTimestamp: 'T', finalizers: ['orphan'] }), rs()))).toEqual({ del: [], orphan: ['web'] })
  })

  it('only references with blockOwnerDeletion block; dropping one re-examines the owner', () => {
    const g = new DependencyGraph()
    g.observe('ADDED', rs())
    g.observe('ADDED', pod('blocking'))
    g.observe('ADDED', pod('free', [{ ...rsRef, blockOwnerDeletion: false }]))
    expect(g.nodes.get('rs')!.blockingDependents().map((d) => d.identity.name)).toEqual(['blocking'])
    expect(names(g.observe('MODIFIED', pod('blocking', []), pod('blocking')))).toEqual({ del: ['web'], orphan: [] })
    expect(g.nodes.get('rs')!.dependents.size).toBe(1)
  })
})

describe('referencesDiffs / AbsentOwnerCache', () => {
  it('diffs by uid', () => {
    const a = { ...rsRef, uid: 'a' }
    const b = { ...rsRef, uid: 'b' }
    const b2 = { ...b, blockOwnerDeletion: false }
    const c = { ...rsRef, uid: 'c' }
    expect(referencesDiffs([a, b], [b2, c])).toEqual({ added: [c], removed: [a], changed: [[b, b2]] })
  })
  it('evicts the least recently added beyond its capacity', () => {
    const cache = new AbsentOwnerCache(2)
    cache.add('1')
    cache.add('2')
    cache.add('3')
    expect([cache.has('1'), cache.has('2'), cache.has('3')]).toEqual([false, true, true])
  })
})
