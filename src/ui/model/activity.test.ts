import { describe, expect, it } from 'vitest'
import type { EngineRecord } from '../../engine/index'
import { actorsOf, componentOf, describeRecord, summarizeActivity } from './activity'

const api = (over: Partial<Extract<EngineRecord, { type: 'api' }>>): EngineRecord => ({
  type: 'api',
  seq: 1,
  time: 0,
  actor: 'kubectl',
  verb: 'create',
  resource: 'replicasets',
  namespace: 'default',
  name: 'web',
  code: 201,
  ...over,
})

describe('componentOf', () => {
  it.each([
    ['replicaset-controller', 'kube-controller-manager'],
    ['garbage-collector', 'kube-controller-manager'],
    ['node-lifecycle-controller', 'kube-controller-manager'],
    ['kube-scheduler', 'kube-scheduler'],
    ['kubelet/node-2', 'kubelet/node-2'],
    ['kubectl', 'kubectl'],
  ])('%s → %s', (actor, box) => expect(componentOf(actor)).toBe(box))
})

describe('actorsOf', () => {
  it('a successful write lights the caller, the API server and etcd', () => {
    expect(actorsOf(api({ actor: 'replicaset-controller' }))).toEqual(['kube-controller-manager', 'kube-apiserver', 'etcd'])
  })
  it('a read or a rejected write never reaches etcd', () => {
    expect(actorsOf(api({ verb: 'get', code: 200 }))).toEqual(['kubectl', 'kube-apiserver'])
    expect(actorsOf(api({ verb: 'update', code: 409 }))).toEqual(['kubectl', 'kube-apiserver'])
  })
  it('a scheduling decision lights the scheduler', () => {
    const r: EngineRecord = { type: 'schedule', seq: 2, time: 0, pod: 'web-a', namespace: 'default', podUid: 'u', nodes: [], selected: 'node-1' }
    expect(actorsOf(r)).toEqual(['kube-scheduler'])
  })
})

describe('describeRecord', () => {
  it('prints requests like an audit line', () => {
    expect(describeRecord(api({ actor: 'kubelet/node-1', verb: 'patch', resource: 'pods', subresource: 'status', name: 'web-a', code: 200 }))).toBe(
      'PATCH pods/status default/web-a',
    )
    expect(describeRecord(api({ verb: 'update', code: 409 }))).toBe('UPDATE replicasets default/web → 409')
  })
  it('prints a failed scheduling attempt with its FitError', () => {
    const r: EngineRecord = { type: 'schedule', seq: 2, time: 0, pod: 'big', namespace: 'default', podUid: 'u', nodes: [], message: '0/3 nodes are available: 3 Insufficient cpu.' }
    expect(describeRecord(r)).toBe('default/big: 0/3 nodes are available: 3 Insufficient cpu.')
  })
})

describe('summarizeActivity', () => {
  it('counts acts per box and keeps the caller’s caption, not a watch it received', () => {
    const recs: EngineRecord[] = [
      api({ actor: 'replicaset-controller', verb: 'create', resource: 'pods', name: 'web-a' }),
      { type: 'watch', seq: 3, time: 0, watcher: 'replicaset-controller', resource: 'pods', event: 'ADDED', namespace: 'default', name: 'web-a', revision: 9 },
    ]
    const s = summarizeActivity(recs)
    expect(s.get('kube-controller-manager')).toEqual({ n: 2, text: 'CREATE pods default/web-a' })
    expect(s.get('etcd')?.n).toBe(1)
    expect(s.get('kube-apiserver')?.n).toBe(2)
  })
})

describe('captions skip heartbeats', () => {
  it('a node status heartbeat pulses but does not replace the caption', () => {
    const s = summarizeActivity([
      api({ actor: 'kube-scheduler', verb: 'bind', resource: 'pods', name: 'web-a' }),
      api({ actor: 'kubelet/node-1', verb: 'update', resource: 'nodes', subresource: 'status', namespace: undefined, name: 'node-1', code: 200 }),
    ])
    expect(s.get('kube-apiserver')).toEqual({ n: 2, text: 'BIND pods default/web-a' })
    expect(s.get('kubelet/node-1')).toEqual({ n: 1 })
  })
})

describe('controller records', () => {
  it('light the component that wrote them: a kubelet’s own record stays on its node', () => {
    const kubelet: EngineRecord = { type: 'controller', seq: 5, time: 0, controller: 'kubelet/node-2', key: 'default/web-a', action: 'Pulling', detail: '' }
    const rs: EngineRecord = { type: 'controller', seq: 6, time: 0, controller: 'replicaset-controller', key: 'default/web', action: 'create', detail: '2 to add' }
    expect(actorsOf(kubelet)).toEqual(['kubelet/node-2'])
    expect(actorsOf(rs)).toEqual(['kube-controller-manager'])
    expect(describeRecord(rs, false)).toBe('create default/web (2 to add)')
  })
})
