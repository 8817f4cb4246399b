import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { EMPTY_LAYOUT, layoutUpsert } from '../store/layout'
import { GraphBuilder, podId } from './derive'

const node = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `n-${name}` } })
const rs = (uid: string): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: uid, namespace: 'default', uid } })
const pod = (uid: string, nodeName?: string, owner?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: uid, namespace: 'default', uid, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] } : {}) },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
})

describe('GraphBuilder', () => {
  const base = layoutUpsert(EMPTY_LAYOUT, [node('node-1'), node('node-2'), rs('web'), pod('a', 'node-1', 'web'), pod('b', undefined, 'web')])

  it('draws control plane, workloads, the Pending area, node groups and pods, parents first', () => {
    const g = new GraphBuilder().build(base)
    const ids = g.nodes.map((n) => n.id)
    expect(ids.slice(0, 4)).toEqual(['cp:etcd', 'cp:kube-apiserver', 'cp:kube-scheduler', 'cp:kube-controller-manager'])
    expect(ids).toContain('wl:web')
    for (const n of g.nodes) if (n.parentId) expect(ids.indexOf(n.parentId)).toBeLessThan(ids.indexOf(n.id))
    expect(g.nodes.find((n) => n.id === podId('a'))?.parentId).toBe('node:node-1')
    expect(g.nodes.find((n) => n.id === podId('b'))?.parentId).toBe('pending')
    expect(g.edges.filter((e) => e.id.startsWith('own:')).map((e) => [e.source, e.target])).toEqual([
      ['wl:web', 'pod:b'],
      ['wl:web', 'pod:a'],
    ])
  })

  it('every node carries width, height and measured (no re-measuring)', () => {
    for (const n of new GraphBuilder().build(base).nodes) {
      expect(n.width).toBeGreaterThan(0)
      expect(n.measured).toEqual({ width: n.width, height: n.height })
    }
  })

  it('keeps the identity of every node and edge that did not move', () => {
    const b = new GraphBuilder()
    const g1 = b.build(base)
    const g2 = b.build(layoutUpsert(base, [pod('c', 'node-2', 'web')]))
    const a1 = g1.nodes.find((n) => n.id === podId('a'))
    const a2 = g2.nodes.find((n) => n.id === podId('a'))
    expect(a2).toBe(a1)
    expect(g2.edges.find((e) => e.id === 'own:a')).toBe(g1.edges.find((e) => e.id === 'own:a'))
    expect(g2.nodes).toHaveLength(g1.nodes.length + 1)
  })

  it('returns the same graph for the same layout', () => {
    const b = new GraphBuilder()
    expect(b.build(base)).toBe(b.build(base))
  })

  it('lays nodes out side by side without overlap', () => {
    const g = new GraphBuilder().build(base)
    const [n1, n2] = g.nodes.filter((n) => n.type === 'workerNode')
    expect(n2.position.x).toBeGreaterThanOrEqual(n1.position.x + (n1.width ?? 0))
  })
})
