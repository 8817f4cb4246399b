import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { EMPTY_LAYOUT, layoutUpsert } from '../store/layout'
import { GraphBuilder, podId, workloadId } from './derive'

const ref = (kind: string, uid: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: uid, uid, controller: true }] })
const node = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `n-${name}` } })
const deploy = (uid: string): KObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: uid, namespace: 'default', uid } })
const rs = (uid: string, owner?: string): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: uid, namespace: 'default', uid, ...(owner ? ref('Deployment', owner) : {}) } })
const pod = (uid: string, nodeName: string, owner: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: uid, namespace: 'default', uid, ...ref('ReplicaSet', owner) },
  spec: { containers: [], nodeName },
})

describe('GraphBuilder: Deployments and their ReplicaSets', () => {
  const base = layoutUpsert(EMPTY_LAYOUT, [node('node-1'), deploy('web'), rs('web-old', 'web'), rs('web-new', 'web'), rs('solo'), pod('a', 'node-1', 'web-old'), pod('b', 'node-1', 'web-new')])

  it('draws each ReplicaSet under its Deployment, one under the other, with a tree edge from the Deployment', () => {
    const g = new GraphBuilder().build(base)
    const byId = new Map(g.nodes.map((n) => [n.id, n]))
    const d = byId.get(workloadId('web'))!
    const old = byId.get(workloadId('web-old'))!
    const neu = byId.get(workloadId('web-new'))!
    expect(d.type).toBe('workload')
    expect(old.type).toBe('revision')
    expect(old.data).toEqual({ uid: 'web-old', parent: 'web' })
    expect(old.position.y).toBeGreaterThanOrEqual(d.position.y + (d.height ?? 0))
    expect(neu.position.y).toBeGreaterThanOrEqual(old.position.y + (old.height ?? 0))
    expect(old.position.x).toBeGreaterThan(d.position.x)
    expect(g.edges.filter((e) => e.id.startsWith('rev:')).map((e) => [e.source, e.target])).toEqual([
      ['wl:web', 'wl:web-old'],
      ['wl:web', 'wl:web-new'],
    ])
  })

  it('pods hang off the ReplicaSet that owns them', () => {
    const g = new GraphBuilder().build(base)
    const own = Object.fromEntries(g.edges.filter((e) => e.id.startsWith('own:')).map((e) => [e.target, e.source]))
    expect(own[podId('a')]).toBe('wl:web-old')
    expect(own[podId('b')]).toBe('wl:web-new')
  })

  it('no two workload boxes overlap', () => {
    const boxes = new GraphBuilder().build(base).nodes.filter((n) => n.type === 'workload' || n.type === 'revision')
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue
        const apart = a.position.x + a.width! <= b.position.x || b.position.x + b.width! <= a.position.x || a.position.y + a.height! <= b.position.y || b.position.y + b.height! <= a.position.y
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true)
      }
  })

  it('a new revision does not move the existing ones or the Deployment', () => {
    const b = new GraphBuilder()
    const g1 = b.build(base)
    const g2 = b.build(layoutUpsert(base, [rs('web-newer', 'web')]))
    for (const id of ['wl:web', 'wl:web-old', 'wl:web-new']) expect(g2.nodes.find((n) => n.id === id)).toBe(g1.nodes.find((n) => n.id === id))
    expect(g2.nodes.find((n) => n.id === 'wl:web-newer')?.type).toBe('revision')
  })
})
