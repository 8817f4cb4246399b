import { describe, expect, it } from 'vitest'
import type { RealServer, VirtualServer } from './ipvs'
import { connectionClosed, connectionOpened, connOverhead, newIpvsRuntime, pick, type IpvsRuntime } from './schedulers'

function vs(scheduler: string, weights: number[], over: Partial<VirtualServer> = {}): VirtualServer {
  const realServers: RealServer[] = weights.map((w, i) => ({ address: `10.244.${i + 1}.5`, port: 8080, weight: w, forward: 'Masq', nodeName: `node-${i + 1}` }))
  return { address: '10.96.45.12', port: 80, protocol: 'TCP', scheduler, persistent: false, timeout: 0, sourceHash: false, realServers, svc: 'default/web', kind: 'ClusterIP', ...over }
}
const seq = (v: VirtualServer, st: IpvsRuntime, n: number, client = (i: number) => `10.244.9.${i}`): string[] =>
  Array.from({ length: n }, (_, i) => pick(v, { clientIP: client(i), now: i * 1000 }, st)?.rs.address.split('.')[2] ?? '-')

describe('rr (ip_vs_rr.c)', () => {
  it('cycles through the real servers in order, exactly', () => {
    const st = newIpvsRuntime()
    expect(seq(vs('rr', [1, 1, 1]), st, 7)).toEqual(['1', '2', '3', '1', '2', '3', '1'])
    expect(st.rr['TCP:10.96.45.12:80']).toBe(0)
  })
  it('gives an exact share: 3 servers × 300 connections = 100 each', () => {
    const st = newIpvsRuntime()
    const counts: Record<string, number> = {}
    for (const s of seq(vs('rr', [1, 1, 1]), st, 300)) counts[s] = (counts[s] ?? 0) + 1
    expect(counts).toEqual({ 1: 100, 2: 100, 3: 100 })
  })
  it('skips weight-0 (quiescent) servers and returns null when none is left', () => {
    expect(seq(vs('rr', [1, 0, 1]), newIpvsRuntime(), 4)).toEqual(['1', '3', '1', '3'])
    expect(pick(vs('rr', [0, 0]), { clientIP: 'x', now: 0 }, newIpvsRuntime())).toBeNull()
    expect(pick(vs('rr', []), { clientIP: 'x', now: 0 }, newIpvsRuntime())).toBeNull()
  })
})

describe('wrr (ip_vs_wrr.c)', () => {
  it('weights 4,3,2 give A A B A B C A B C', () => {
    expect(seq(vs('wrr', [4, 3, 2]), newIpvsRuntime(), 9)).toEqual(['1', '1', '2', '1', '2', '3', '1', '2', '3'])
  })
  it('equal weights behave like rr; the gcd is used', () => {
    expect(seq(vs('wrr', [2, 2]), newIpvsRuntime(), 4)).toEqual(['1', '2', '1', '2'])
  })
})

describe('lc (ip_vs_lc.c)', () => {
  it('picks the server with the fewest connections, overhead = active·256 + inactive', () => {
    const v = vs('lc', [1, 1, 1])
    const st = newIpvsRuntime()
    connectionOpened(st, v, v.realServers[0])
    connectionOpened(st, v, v.realServers[1])
    connectionClosed(st, v, v.realServers[1])
    expect(connOverhead(v, v.realServers[0], st)).toBe(256)
    expect(connOverhead(v, v.realServers[1], st)).toBe(1)
    expect(pick(v, { clientIP: 'c', now: 0 }, st)?.rs.address).toBe('10.244.3.5')
    connectionOpened(st, v, v.realServers[2])
    expect(pick(v, { clientIP: 'c', now: 0 }, st)?.rs.address).toBe('10.244.2.5')
  })
})

describe('sh (ip_vs_sh.c)', () => {
  it('always sends a client to the same server, and spreads clients', () => {
    const v = vs('sh', [1, 1, 1])
    const st = newIpvsRuntime()
    const first = pick(v, { clientIP: '172.16.0.9', now: 0 }, st)?.rs.address
    for (let i = 0; i < 5; i++) expect(pick(v, { clientIP: '172.16.0.9', now: i }, st)?.rs.address).toBe(first)
    const seen = new Set(Array.from({ length: 50 }, (_, i) => pick(v, { clientIP: `172.16.1.${i}`, now: 0 }, st)?.rs.address))
    expect(seen.size).toBe(3)
  })
})

describe('persistence (ClientIP affinity)', () => {
  const v = vs('rr', [1, 1], { persistent: true, timeout: 60 })
  it('reuses the template within the timeout, per client, and refreshes it', () => {
    const st = newIpvsRuntime()
    const a = pick(v, { clientIP: '10.244.9.1', now: 0 }, st)!
    expect(a).toMatchObject({ persistent: false })
    expect(pick(v, { clientIP: '10.244.9.2', now: 0 }, st)!.rs.address).not.toBe(a.rs.address)
    const again = pick(v, { clientIP: '10.244.9.1', now: 59_000 }, st)!
    expect(again).toMatchObject({ persistent: true, rs: a.rs })
    expect(pick(v, { clientIP: '10.244.9.1', now: 118_000 }, st)!.persistent).toBe(true)
    expect(pick(v, { clientIP: '10.244.9.1', now: 178_000 }, st)!.persistent).toBe(false)
  })
  it('does not reuse a template pointing at a quiescent (weight 0) server', () => {
    const st = newIpvsRuntime()
    const a = pick(v, { clientIP: '10.244.9.1', now: 0 }, st)!
    const drained: VirtualServer = { ...v, realServers: v.realServers.map((r) => (r.address === a.rs.address ? { ...r, weight: 0 } : r)) }
    expect(pick(drained, { clientIP: '10.244.9.1', now: 1000 }, st)!.rs.address).not.toBe(a.rs.address)
  })
})
