import { describe, expect, it } from 'vitest'
import type { LifecycleEntry } from '../protocol'
import { LifecycleFollower } from './lifecycle'

describe('following a pod’s lifecycle', () => {
  const log: LifecycleEntry[] = [{ at: 0, stage: 'Accepted' }]
  const host = { kubelets: new Map([['node-1', { podLifecycle: (uid: string) => (uid === 'p1' ? log : []) }]]) }

  it('posts the records when asked, then only when they grow', () => {
    const f = new LifecycleFollower()
    expect(f.poll(host)).toBeUndefined()
    f.follow({ type: 'lifecycle', uid: 'p1', node: 'node-1', namespace: 'default', name: 'web-1' })
    expect(f.poll(host)).toEqual({ type: 'lifecycle', uid: 'p1', available: true, records: [{ at: 0, stage: 'Accepted' }] })
    expect(f.poll(host)).toBeUndefined()
    log.push({ at: 500, stage: 'Started', container: 'nginx' })
    expect(f.poll(host)?.records).toHaveLength(2)
    f.follow({ type: 'lifecycle', uid: null })
    log.push({ at: 600, stage: 'Killing', container: 'nginx' })
    expect(f.poll(host)).toBeUndefined()
  })

  it('a pod not on a node yet has an empty (but real) log; an engine without logs says unavailable', () => {
    const f = new LifecycleFollower()
    f.follow({ type: 'lifecycle', uid: 'p9', namespace: 'default', name: 'pending' })
    expect(f.poll(host)).toEqual({ type: 'lifecycle', uid: 'p9', available: true, records: [] })
    f.follow({ type: 'lifecycle', uid: 'p9', node: 'node-1', namespace: 'default', name: 'x' })
    expect(f.poll({})).toEqual({ type: 'lifecycle', uid: 'p9', available: false, records: [] })
  })

  it('prefers an engine accessor by name when there is no kubelet map', () => {
    const f = new LifecycleFollower()
    f.follow({ type: 'lifecycle', uid: 'p1', node: 'node-1', namespace: 'default', name: 'web-1' })
    const got = f.poll({ podLifecycle: (ns, name) => (ns === 'default' && name === 'web-1' ? [{ at: 1, stage: 'Pulling', container: 'c', detail: 'nginx' }] : undefined) })
    expect(got?.records).toEqual([{ at: 1, stage: 'Pulling', container: 'c', detail: 'nginx' }])
  })
})
