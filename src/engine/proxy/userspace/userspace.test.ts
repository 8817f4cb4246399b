import { describe, expect, it } from 'vitest'
import { Rng } from '../../rng'
import { ep, NODE_IPS, webModel } from '../fixtures'
import { restoreLine } from '../iptables/format'
import { iptablesSave } from '../iptables/save'
import { allocateProxyPort, buildUserspaceIptables, newUserspaceState, serviceForProxyPort, syncUserspace, type UserspaceState } from './userspace'
import { traceUserspace } from './path'

const withPort = (s: UserspaceState, port: number): UserspaceState => ({ ...s, ports: { 'default/web': { ...s.ports['default/web'], port } } })

describe('proxy ports (port_allocator.go)', () => {
  it('takes a random port, else scans upward with wrap-around', () => {
    const r = { intn: () => 2 }
    expect(allocateProxyPort(new Set(), { base: 100, size: 5 }, r)).toBe(102)
    expect(allocateProxyPort(new Set([102, 103]), { base: 100, size: 5 }, r)).toBe(104)
    expect(allocateProxyPort(new Set([102, 103, 104]), { base: 100, size: 5 }, r)).toBe(100)
    expect(allocateProxyPort(new Set([100, 101, 102, 103, 104]), { base: 100, size: 5 }, r)).toBe(-1)
  })

  it('gives each service port an ephemeral port, keeps it while the Service is unchanged, moves it when it changes', () => {
    const rng = new Rng(1)
    const s1 = syncUserspace(newUserspaceState(), webModel(), rng, 0)
    const p = s1.ports['default/web'].port
    expect(p).toBeGreaterThanOrEqual(32768)
    expect(p).toBeLessThanOrEqual(60999)
    expect(syncUserspace(s1, webModel(), rng, 0).ports['default/web'].port).toBe(p)
    const changed = syncUserspace(s1, webModel('node-1', { port: 81 }), rng, 0)
    expect(changed.ports['default/web'].port).not.toBe(p)
    expect(syncUserspace(s1, { ...webModel(), services: [] }, rng, 0).ports).toEqual({})
    expect(s1.ports['default/web'].port).toBe(p)
  })

  it('honours --proxy-port-range', () => {
    const s = syncUserspace(newUserspaceState({ base: 40000, size: 10 }), webModel(), new Rng(3), 0)
    expect(s.ports['default/web'].port).toBeGreaterThanOrEqual(40000)
    expect(s.ports['default/web'].port).toBeLessThan(40010)
  })

  it('feeds the balancer only ready endpoints', () => {
    const s = syncUserspace(newUserspaceState(), webModel('node-1', {}, [ep('10.244.1.5', 8080, 'node-1'), ep('10.244.2.7', 8080, 'node-2', 'not-ready')]), new Rng(1), 0)
    expect(s.balancer['default/web'].endpoints).toEqual(['10.244.1.5:8080'])
  })
})

describe('userspace iptables rules (REFERENCE 11)', () => {
  const model = webModel('node-1', { type: 'NodePort', nodePort: 30080, externalIPs: ['203.0.113.7'] })
  const state = withPort(syncUserspace(newUserspaceState(), model, new Rng(1), 0), 36789)
  const t = buildUserspaceIptables(model, state)

  it('matches the REFERENCE example rule bodies', () => {
    const lines = [...t.nat.rules, ...t.filter.rules].filter((r) => r.svc).map(restoreLine)
    expect(lines.slice(0, 2)).toEqual([
      '-A KUBE-PORTALS-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 80 -d 10.96.45.12/32 -j REDIRECT --to-ports 36789',
      `-A KUBE-PORTALS-HOST -m comment --comment default/web -p tcp -m tcp --dport 80 -d 10.96.45.12/32 -j DNAT --to-destination ${NODE_IPS['node-1']}:36789`,
    ])
    expect(lines.slice(2)).toEqual([
      '-A KUBE-PORTALS-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 80 -d 203.0.113.7/32 -m physdev ! --physdev-is-in -j REDIRECT --to-ports 36789',
      '-A KUBE-PORTALS-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 80 -d 203.0.113.7/32 -m addrtype --dst-type LOCAL -j REDIRECT --to-ports 36789',
      '-A KUBE-PORTALS-HOST -m comment --comment default/web -p tcp -m tcp --dport 80 -d 203.0.113.7/32 -m addrtype --dst-type LOCAL -j DNAT --to-destination 192.168.10.11:36789',
      '-A KUBE-NODEPORT-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 30080 -j REDIRECT --to-ports 36789',
      '-A KUBE-NODEPORT-HOST -m comment --comment default/web -p tcp -m tcp --dport 30080 -j DNAT --to-destination 192.168.10.11:36789',
      '-A KUBE-NODEPORT-NON-LOCAL -m comment --comment default/web -p tcp -m tcp --dport 36789 -m comment --comment default/web -m state --state NEW -j ACCEPT',
    ])
  })

  it('prints the portal hooks and rules as iptables-save shows them', () => {
    const nat = iptablesSave(t, { table: 'nat' })
    expect(nat).toContain([
      '-A PREROUTING -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-CONTAINER',
      '-A PREROUTING -m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-CONTAINER',
      '-A OUTPUT -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-HOST',
      '-A OUTPUT -m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-HOST',
    ].join('\n'))
    expect(nat).toContain('\n-A KUBE-PORTALS-CONTAINER -d 10.96.45.12/32 -p tcp -m comment --comment "default/web" -m tcp --dport 80 -j REDIRECT --to-ports 36789\n')
    expect(iptablesSave(t, { table: 'filter' })).toContain('\n-A KUBE-NODEPORT-NON-LOCAL -p tcp -m comment --comment "default/web" -m tcp --dport 36789 -m comment --comment "default/web" -m state --state NEW -j ACCEPT\n')
  })

  it('maps a proxy port back to its service port', () => {
    expect(serviceForProxyPort(state, 36789)).toBe('default/web')
    expect(serviceForProxyPort(state, 1)).toBeUndefined()
  })
})

describe('a connection through the userspace proxy', () => {
  const model = webModel('node-1', { type: 'NodePort', nodePort: 30080 })
  const base = () => withPort(syncUserspace(newUserspaceState(), model, new Rng(1), 0), 36789)
  const opts = { from: 'pod' as const, rand: () => 0, now: 0, recent: {}, localAddresses: [NODE_IPS['node-1']], nodeIP: NODE_IPS['node-1'] }
  const toVIP = { src: '10.244.1.9', dst: '10.96.45.12', proto: 'tcp' as const, sport: 40000, dport: 80 }

  it('REDIRECTs to the proxy port, then the pod sees a second connection from the node IP', () => {
    const s = base()
    const r = traceUserspace(s, buildUserspaceIptables(model, s), toVIP, opts)
    expect(r.client).toMatchObject({ verdict: 'ACCEPT', delivery: 'local' })
    expect(r.client.packet).toMatchObject({ dst: NODE_IPS['node-1'], dport: 36789 })
    expect(r.outcome).toBe('connected')
    expect(r.backend).toMatchObject({ src: NODE_IPS['node-1'], dst: s.balancer['default/web'].endpoints[0].split(':')[0], dport: 8080 })
  })

  it('NodePort traffic from outside reaches the proxy through KUBE-NODEPORT-CONTAINER', () => {
    const s = base()
    const r = traceUserspace(s, buildUserspaceIptables(model, s), { src: '172.16.0.9', dst: NODE_IPS['node-1'], proto: 'tcp', sport: 1, dport: 30080 }, { ...opts, from: 'network' })
    expect(r).toMatchObject({ service: 'default/web', outcome: 'connected' })
  })

  it('if kube-proxy stops, the REDIRECT points at a port nobody listens on', () => {
    const s = base()
    expect(traceUserspace(s, buildUserspaceIptables(model, s), toVIP, { ...opts, proxyRunning: false }).outcome).toBe('refused')
  })

  it('if every endpoint is dead, the client connection is closed after the retries', () => {
    const s = base()
    const r = traceUserspace(s, buildUserspaceIptables(model, s), toVIP, { ...opts, dial: () => 'timeout' })
    expect(r.outcome).toBe('closed')
    expect(r.connect?.attempts).toHaveLength(4)
  })
})
