import { describe, expect, it } from 'vitest'
import { SchedulerCache } from './cache'
import { node, pod } from './fixtures'

describe('SchedulerCache', () => {
  it('an assumed pod counts on its node at once; the watch confirms it; forgetting gives the room back', () => {
    const c = new SchedulerCache()
    c.addNode(node('a'))
    const p = pod('p', { cpu: '1', memory: '1Gi' })
    c.assumePod(p, 'a')
    expect(c.isAssumed(p.metadata.uid as string)).toBe(true)
    expect(c.nodeInfo('a')!.requested.milliCPU).toBe(1000)
    expect(c.nodeInfo('a')!.pods.size).toBe(1)

    c.forgetPod(p)
    expect(c.nodeInfo('a')!.requested.milliCPU).toBe(0)

    c.assumePod(p, 'a')
    c.addPod({ ...p, spec: { ...p.spec, nodeName: 'a' } }) // the binding arrives through the watch
    expect(c.isAssumed(p.metadata.uid as string)).toBe(false)
    expect(c.nodeInfo('a')!.pods.size).toBe(1)
    expect(c.nodeInfo('a')!.requested.milliCPU).toBe(1000)
    c.forgetPod(p) // confirmed pods are not forgotten
    expect(c.nodeInfo('a')!.pods.size).toBe(1)
  })

  it('keeps NonZeroRequested apart from Requested', () => {
    const c = new SchedulerCache()
    c.addNode(node('a'))
    c.addPod(pod('x', { nodeName: 'a' }))
    const info = c.nodeInfo('a')!
    expect([info.requested.milliCPU, info.requested.memory]).toEqual([0, 0])
    expect([info.nonZeroRequested.milliCPU, info.nonZeroRequested.memory]).toEqual([100, 200 * 1024 * 1024])
  })

  it('lists nodes in nodeTree order: zones round-robin, insertion order within a zone', () => {
    const c = new SchedulerCache()
    const z = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } })
    for (const n of [z('a1', 'a'), z('a2', 'a'), z('a3', 'a'), z('b1', 'b'), z('c1', 'c'), z('c2', 'c')]) c.addNode(n)
    expect(c.nodeInfos().map((i) => i.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3'])
    c.removeNode(z('b1', 'b'))
    expect(c.nodeInfos().map((i) => i.name)).toEqual(['a1', 'c1', 'a2', 'c2', 'a3'])
  })

  it('a removed node leaves the list; its pods stay accounted until they go', () => {
    const c = new SchedulerCache()
    c.addNode(node('a'))
    const p = pod('x', { cpu: '1', nodeName: 'a' })
    c.addPod(p)
    c.removeNode(node('a'))
    expect(c.nodeInfos()).toEqual([])
    c.addNode(node('a'))
    expect(c.nodeInfo('a')!.requested.milliCPU).toBe(1000)
    expect(c.removePod(p)).toBe(true)
    expect(c.nodeInfo('a')!.pods.size).toBe(0)
  })
})
