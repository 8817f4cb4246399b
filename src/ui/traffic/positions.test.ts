import { describe, expect, it } from 'vitest'
import type { Hop } from '../../protocol'
import { dwellMs, hopAnchors } from './positions'

const h = (kind: Hop['kind'], where: Hop['where'], extra: Partial<Hop> = {}): Hop =>
  ({ seq: 0, request: 0, phase: 'request', kind, where, packet: { proto: 'tcp', src: { ip: '198.51.100.10', port: 40000, ipRole: 'client', portRole: 'ephemeral' }, dst: { ip: '172.18.255.200', port: 80, ipRole: 'loadBalancerIP', portRole: 'port' } }, cost: { rules: 0, hashLookups: 0, contextSwitches: 0, copies: 0 }, text: '', ...extra }) as Hop

const look = { pod: (k: string) => (k === 'default/web-1' ? 'pod:u1' : undefined), hasNode: (n: string) => n.startsWith('node-'), lbOfIP: (ip: string) => (ip === '172.18.255.200' ? 'svc-uid' : undefined) }

describe('hopAnchors', () => {
  it('follows a request from outside through the LB, the wire, a node’s hooks and into the pod', () => {
    const a = hopAnchors(
      [
        h('socket', { kind: 'external' }),
        h('loadbalancer', { kind: 'loadbalancer', from: 'external', to: 'node-1' }),
        h('wire', { kind: 'wire', from: 'load balancer', to: 'node-1' }),
        h('netfilter', { kind: 'node', node: 'node-1', table: 'nat', hook: 'PREROUTING' }),
        h('netfilter', { kind: 'node', node: 'node-1', table: 'nat', hook: 'POSTROUTING' }),
        h('kube-proxy', { kind: 'node', node: 'node-1' }),
        h('deliver', { kind: 'pod', node: 'node-1', pod: 'default/web-1' }),
        h('deliver', { kind: 'pod', node: 'gone', pod: 'other/hidden' }),
      ],
      look,
    )
    expect(a[0]).toEqual({ at: { id: 'ext:client', fx: 0, fy: 0.5 } })
    expect(a[1]).toEqual({ at: { id: 'lb:svc-uid', fx: 0, fy: 0.5 } })
    expect(a[2]).toEqual({ between: [{ id: 'lb:svc-uid', fx: 0, fy: 0.5 }, { id: 'kernel:node-1', fx: 0.5, fy: 0.5 }] })
    expect(a[3]).toEqual({ at: { id: 'kernel:node-1', fx: 0.14, fy: 0.5 } })
    expect(a[4]).toEqual({ at: { id: 'kernel:node-1', fx: 0.86, fy: 0.5 } })
    expect(a[5]).toEqual({ at: { id: 'kproxy:node-1', fx: 0.5, fy: 0.5 } })
    expect(a[6]).toEqual({ at: { id: 'pod:u1', fx: 0.5, fy: 0.5 } })
    // A pod that is not drawn: the packet stays where it was.
    expect(a[7]).toBe(a[6])
  })

  it('dwells longer on hops that change the header', () => {
    expect(dwellMs(h('netfilter', { kind: 'node' }, { change: { kind: 'DNAT', field: 'dst' } as Hop['change'] }))).toBeGreaterThan(dwellMs(h('route', { kind: 'node' })))
  })
})
