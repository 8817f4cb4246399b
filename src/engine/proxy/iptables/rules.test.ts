import { describe, expect, it } from 'vitest'
import { ep, proxyModel, webModel, webService, WEB_ENDPOINTS } from '../fixtures'
import type { ProxyModel } from '../model'
import { restoreLine } from './format'
import { buildIptables } from './rules'
import { iptablesRestore } from './save'
import { chainRules, isBuiltin, type IptablesTables } from './types'

/** kube-proxy's restore lines of one table that belong to `default/web` (in emission order). */
function svcLines(t: IptablesTables, table: 'nat' | 'filter', svc = 'default/web'): string[] {
  return t[table].rules.filter((r) => r.svc === svc).map(restoreLine)
}
const build = (m: ProxyModel): IptablesTables => buildIptables(m)

describe('REFERENCE 9.7 worked example', () => {
  const want = [
    '-A KUBE-SERVICES -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
    '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.96.45.12 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
    '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.5:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-XQWD6PXGZUTOOIVQ',
    '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.2.7:8080" -j KUBE-SEP-CBPCTALQVABL5M2H',
    '-A KUBE-SEP-XQWD6PXGZUTOOIVQ -m comment --comment default/web -s 10.244.1.5 -j KUBE-MARK-MASQ',
    '-A KUBE-SEP-XQWD6PXGZUTOOIVQ -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080',
    '-A KUBE-SEP-CBPCTALQVABL5M2H -m comment --comment default/web -s 10.244.2.7 -j KUBE-MARK-MASQ',
    '-A KUBE-SEP-CBPCTALQVABL5M2H -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination 10.244.2.7:8080',
  ]

  it.each(['node-1', 'node-2', 'node-3'])('the nat restore text is byte-identical on %s', (node) => {
    const restore = iptablesRestore(build(webModel(node)))
    const nat = restore.slice(restore.indexOf('*nat'))
    expect(nat.split('\n').filter((l) => l.includes('default/web'))).toEqual(want)
    expect(svcLines(build(webModel(node)), 'filter')).toEqual([])
  })

  it('endpoint order does not depend on the input order', () => {
    const reversed = webModel('node-1', {}, [...WEB_ENDPOINTS].reverse())
    expect(svcLines(build(reversed), 'nat')).toEqual(want)
  })

  it('the restore input has the chain lines and rules in kube-proxy order', () => {
    const lines = iptablesRestore(build(webModel())).trimEnd().split('\n')
    expect(lines.slice(0, 7)).toEqual(['*filter', ':KUBE-SERVICES - [0:0]', ':KUBE-EXTERNAL-SERVICES - [0:0]', ':KUBE-FORWARD - [0:0]',
      ':KUBE-NODEPORTS - [0:0]', ':KUBE-PROXY-FIREWALL - [0:0]', ':KUBE-FIREWALL - [0:0]'])
    const nat = lines.slice(lines.indexOf('*nat'))
    expect(nat.slice(0, 8)).toEqual(['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]', ':KUBE-POSTROUTING - [0:0]', ':KUBE-MARK-MASQ - [0:0]',
      ':KUBE-SVC-LOLE4ISW44XBNF3G - [0:0]', ':KUBE-SEP-XQWD6PXGZUTOOIVQ - [0:0]', ':KUBE-SEP-CBPCTALQVABL5M2H - [0:0]'])
    expect(nat.slice(8, 12)).toEqual([
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    ])
    expect(nat.slice(-2)).toEqual([
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      'COMMIT',
    ])
  })

  it('the filter table has the anti-martian rule and KUBE-FORWARD (REFERENCE 9.4)', () => {
    const filter = iptablesRestore(build(webModel())).split('*nat')[0].split('\n').filter((l) => l.startsWith('-A'))
    expect(filter).toEqual([
      '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ])
  })
})

describe('rule counts (REFERENCE 9.7 "Cost")', () => {
  const eps = (n: number) => Array.from({ length: n }, (_, i) => ep(`10.244.${1 + (i % 3)}.${10 + i}`, 8080, `node-${1 + (i % 3)}`))
  it.each([1, 2, 3, 10])('ClusterIP with %i endpoints: 3n+2 nat rules, 1+n chains', (n) => {
    const t = build(webModel('node-1', {}, eps(n)))
    expect(svcLines(t, 'nat')).toHaveLength(3 * n + 2)
    expect(t.nat.chains.filter((c) => c.startsWith('KUBE-SVC-') || c.startsWith('KUBE-SEP-'))).toHaveLength(1 + n)
  })
  it('NodePort adds a KUBE-NODEPORTS rule, the localhost nfacct rule and a 2-rule KUBE-EXT chain', () => {
    const n = 3
    const t = build(webModel('node-1', { type: 'NodePort', nodePort: 30080 }, eps(n)))
    expect(svcLines(t, 'nat')).toHaveLength(3 * n + 2 + 2 + 2)
    expect(t.nat.rules.filter((r) => r.chain === 'KUBE-EXT-LOLE4ISW44XBNF3G')).toHaveLength(2)
  })
})

describe('service types and policies (REFERENCE 9.4)', () => {
  it('no endpoints: only a filter REJECT, nothing in nat', () => {
    const t = build(webModel('node-1', {}, []))
    expect(svcLines(t, 'nat')).toEqual([])
    expect(svcLines(t, 'filter')).toEqual([
      '-A KUBE-SERVICES -m comment --comment "default/web has no endpoints" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j REJECT',
    ])
  })

  it('not-ready endpoints count as none; serving+terminating ones are still used', () => {
    expect(svcLines(build(webModel('node-1', {}, [ep('10.244.1.5', 8080, 'node-1', 'not-ready')])), 'filter')).toHaveLength(1)
    const t = build(webModel('node-1', {}, [ep('10.244.1.5', 8080, 'node-1', 'terminating')]))
    expect(svcLines(t, 'filter')).toEqual([])
    expect(svcLines(t, 'nat')).toContain('-A KUBE-SEP-XQWD6PXGZUTOOIVQ -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080')
  })

  it('NodePort, Cluster policy: masquerade in KUBE-EXT, then KUBE-SVC', () => {
    const t = build(webModel('node-1', { type: 'NodePort', nodePort: 30080 }))
    const lines = svcLines(t, 'nat')
    expect(lines.slice(1, 3)).toEqual([
      '-A KUBE-NODEPORTS -m comment --comment default/web -m tcp -p tcp -d 127.0.0.0/8 --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-LOLE4ISW44XBNF3G',
      '-A KUBE-NODEPORTS -m comment --comment default/web -m tcp -p tcp --dport 30080 -j KUBE-EXT-LOLE4ISW44XBNF3G',
    ])
    expect(lines.filter((l) => l.startsWith('-A KUBE-EXT-'))).toEqual([
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -j KUBE-SVC-LOLE4ISW44XBNF3G',
    ])
    expect(t.nat.chains).toContain('KUBE-EXT-LOLE4ISW44XBNF3G')
  })

  describe('NodePort, externalTrafficPolicy=Local', () => {
    const svc = { type: 'NodePort' as const, nodePort: 30080, externalTrafficPolicy: 'Local' as const }
    it('a node without a local endpoint DROPs external traffic but short-circuits pods and the host', () => {
      const t = build(webModel('node-3', svc))
      expect(svcLines(t, 'nat').filter((l) => l.startsWith('-A KUBE-EXT-'))).toEqual([
        '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "pod traffic for default/web external destinations" -s 10.244.0.0/16 -j KUBE-SVC-LOLE4ISW44XBNF3G',
        '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "masquerade LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
        '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "route LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-LOLE4ISW44XBNF3G',
      ])
      expect(t.nat.chains.some((c) => c.startsWith('KUBE-SVL-'))).toBe(false)
      expect(svcLines(t, 'filter')).toEqual([
        '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
      ])
    })
    it('a node with a local endpoint sends external traffic to KUBE-SVL over its own endpoints', () => {
      const t = build(webModel('node-2', svc))
      const lines = svcLines(t, 'nat')
      expect(lines).toContain('-A KUBE-EXT-LOLE4ISW44XBNF3G -j KUBE-SVL-LOLE4ISW44XBNF3G')
      expect(lines.filter((l) => l.startsWith('-A KUBE-SVL-'))).toEqual([
        '-A KUBE-SVL-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.2.7:8080" -j KUBE-SEP-CBPCTALQVABL5M2H',
      ])
      // Cluster endpoints are still written for the short-circuit path.
      expect(t.nat.chains.filter((c) => c.startsWith('KUBE-SEP-'))).toEqual(['KUBE-SEP-XQWD6PXGZUTOOIVQ', 'KUBE-SEP-CBPCTALQVABL5M2H'])
      expect(svcLines(t, 'filter')).toEqual([])
    })
  })

  it('internalTrafficPolicy=Local without local endpoints DROPs the ClusterIP', () => {
    const t = build(webModel('node-3', { internalTrafficPolicy: 'Local' }))
    expect(svcLines(t, 'nat')).toEqual([])
    expect(svcLines(t, 'filter')).toEqual([
      '-A KUBE-SERVICES -m comment --comment "default/web has no local endpoints" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j DROP',
    ])
    const local = svcLines(build(webModel('node-1', { internalTrafficPolicy: 'Local' })), 'nat')
    expect(local[0]).toBe('-A KUBE-SERVICES -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j KUBE-SVL-LOLE4ISW44XBNF3G')
  })

  it('LoadBalancer with source ranges: KUBE-FW allow-list and KUBE-PROXY-FIREWALL drop', () => {
    const t = build(webModel('node-1', {
      type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'], loadBalancerSourceRanges: ['198.51.100.0/24', '192.168.10.0/24'],
    }))
    const lines = svcLines(t, 'nat')
    expect(lines).toContain('-A KUBE-SERVICES -m comment --comment "default/web loadbalancer IP" -m tcp -p tcp -d 203.0.113.10 --dport 80 -j KUBE-FW-LOLE4ISW44XBNF3G')
    expect(lines.filter((l) => l.startsWith('-A KUBE-FW-'))).toEqual([
      '-A KUBE-FW-LOLE4ISW44XBNF3G -m comment --comment "default/web loadbalancer IP" -s 198.51.100.0/24 -j KUBE-EXT-LOLE4ISW44XBNF3G',
      '-A KUBE-FW-LOLE4ISW44XBNF3G -m comment --comment "default/web loadbalancer IP" -s 192.168.10.0/24 -j KUBE-EXT-LOLE4ISW44XBNF3G',
      // 192.168.10.0/24 contains the node IP, so the VIP itself is allowed as a source.
      '-A KUBE-FW-LOLE4ISW44XBNF3G -m comment --comment "default/web loadbalancer IP" -s 203.0.113.10 -j KUBE-EXT-LOLE4ISW44XBNF3G',
      '-A KUBE-FW-LOLE4ISW44XBNF3G -m comment --comment "other traffic to default/web will be dropped by KUBE-PROXY-FIREWALL"',
    ])
    expect(svcLines(t, 'filter')).toEqual([
      '-A KUBE-PROXY-FIREWALL -m comment --comment "default/web traffic not accepted by KUBE-FW-LOLE4ISW44XBNF3G" -m tcp -p tcp -d 203.0.113.10 --dport 80 -j DROP',
    ])
    expect(t.nat.chains.indexOf('KUBE-EXT-LOLE4ISW44XBNF3G')).toBeLessThan(t.nat.chains.indexOf('KUBE-FW-LOLE4ISW44XBNF3G'))
  })

  it('LoadBalancer without endpoints: REJECT for the ClusterIP, the LB IP and the node port', () => {
    const t = build(webModel('node-1', { type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'] }, []))
    expect(svcLines(t, 'filter')).toEqual([
      '-A KUBE-SERVICES -m comment --comment "default/web has no endpoints" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j REJECT',
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web has no endpoints" -m tcp -p tcp -d 203.0.113.10 --dport 80 -j REJECT',
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT',
    ])
    expect(svcLines(t, 'nat')).toEqual([])
  })

  it('externalIPs go through KUBE-EXT without a firewall chain', () => {
    const lines = svcLines(build(webModel('node-1', { externalIPs: ['203.0.113.7'] })), 'nat')
    expect(lines[1]).toBe('-A KUBE-SERVICES -m comment --comment "default/web external IP" -m tcp -p tcp -d 203.0.113.7 --dport 80 -j KUBE-EXT-LOLE4ISW44XBNF3G')
    expect(lines.some((l) => l.includes('KUBE-FW-'))).toBe(false)
  })

  it('the health-check node port is accepted in filter KUBE-NODEPORTS', () => {
    const t = build(webModel('node-3', { type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'], externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 }))
    expect(svcLines(t, 'filter')).toContain('-A KUBE-NODEPORTS -m comment --comment "default/web health check node port" -m tcp -p tcp --dport 32000 -j ACCEPT')
  })

  it('ClientIP affinity: one recent check per endpoint first, then --set in each SEP', () => {
    const lines = svcLines(build(webModel('node-1', { sessionAffinity: 'ClientIP' })), 'nat')
    expect(lines.slice(2, 6)).toEqual([
      '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.5:8080" -m recent --name KUBE-SEP-XQWD6PXGZUTOOIVQ --rcheck --seconds 10800 --reap -j KUBE-SEP-XQWD6PXGZUTOOIVQ',
      '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.2.7:8080" -m recent --name KUBE-SEP-CBPCTALQVABL5M2H --rcheck --seconds 10800 --reap -j KUBE-SEP-CBPCTALQVABL5M2H',
      '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.5:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-XQWD6PXGZUTOOIVQ',
      '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.2.7:8080" -j KUBE-SEP-CBPCTALQVABL5M2H',
    ])
    expect(lines).toContain('-A KUBE-SEP-XQWD6PXGZUTOOIVQ -m comment --comment default/web -m recent --name KUBE-SEP-XQWD6PXGZUTOOIVQ --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080')
    const custom = svcLines(build(webModel('node-1', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60 })), 'nat')
    expect(custom[2]).toContain('--rcheck --seconds 60 --reap')
  })

  it('large-cluster mode (> 1000 endpoints) drops the per-endpoint comments', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ep(`10.244.${Math.floor(i / 250)}.${(i % 250) + 1}`, 8080, 'node-2'))
    const lines = svcLines(build(webModel('node-1', {}, many)), 'nat')
    const sep = lines.find((l) => l.includes('-j DNAT'))
    expect(sep).toMatch(/^-A KUBE-SEP-[A-Z2-7]{16} -m tcp -p tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:8080$/)
    expect(lines[0]).toContain('"default/web cluster IP"')
    expect(lines[2]).toMatch(/^-A KUBE-SVC-LOLE4ISW44XBNF3G -m statistic --mode random --probability 0.0009990010 -j KUBE-SEP-/)
  })

  it('--masquerade-all masquerades every ClusterIP packet', () => {
    const lines = svcLines(build(webModel('node-1', {}, WEB_ENDPOINTS)), 'nat')
    const all = svcLines(build({ ...webModel(), config: { masqueradeAll: true } }), 'nat')
    expect(lines[1]).toContain('! -s 10.244.0.0/16')
    expect(all[1]).toBe('-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.96.45.12 --dport 80 -j KUBE-MARK-MASQ')
  })

  it('--iptables-localhost-nodeports=false: no localhost NodePort rule, no anti-martian rule, 127/8 excluded', () => {
    const t = build({ ...webModel('node-1', { type: 'NodePort', nodePort: 30080 }), config: { localhostNodePorts: false } })
    expect(svcLines(t, 'nat').some((l) => l.includes('127.0.0.0/8'))).toBe(false)
    expect(t.filter.chains).not.toContain('KUBE-FIREWALL')
    expect(restoreLine(t.nat.rules[t.nat.rules.length - 1])).toBe(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS')
  })

  it('UDP services use -m udp / -p udp and their own chain hash', () => {
    const dns = webService({ namespace: 'kube-system', name: 'kube-dns', portName: 'dns', protocol: 'UDP', clusterIP: '10.96.0.10', port: 53, targetPort: 53 })
    const t = build(proxyModel('node-1', [dns], { 'kube-system/kube-dns:dns': [ep('10.244.1.3', 53, 'node-1')] }))
    expect(svcLines(t, 'nat', 'kube-system/kube-dns:dns')[0]).toBe(
      '-A KUBE-SERVICES -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp -p udp -d 10.96.0.10 --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU')
  })

  it('services are written in ServicePortName order; headless and ExternalName ones are skipped', () => {
    const t = build(proxyModel('node-1', [
      webService({ name: 'zeta', clusterIP: '10.96.0.30' }), webService({ name: 'alpha', clusterIP: '10.96.0.20' }),
      webService({ name: 'h', headless: true, clusterIP: 'None' }), webService({ name: 'x', type: 'ExternalName' }),
    ], {}))
    expect(t.filter.rules.filter((r) => r.chain === 'KUBE-SERVICES').map((r) => r.svc)).toEqual(['default/alpha', 'default/zeta'])
  })

  it('hook jumps sit only in built-in chains and are not in the restore text', () => {
    const t = build(webModel())
    const hooks = (['filter', 'nat'] as const).flatMap((tb) => t[tb].builtins.flatMap((c) => chainRules(t[tb], c)))
    expect(hooks.every((r) => isBuiltin(r.table, r.chain))).toBe(true)
    expect(hooks.map((r) => `${r.table} ${r.chain} → ${r.target?.j === 'chain' ? r.target.chain : ''}`)).toEqual([
      'filter INPUT → KUBE-PROXY-FIREWALL', 'filter INPUT → KUBE-NODEPORTS', 'filter INPUT → KUBE-EXTERNAL-SERVICES', 'filter INPUT → KUBE-FIREWALL',
      'filter FORWARD → KUBE-PROXY-FIREWALL', 'filter FORWARD → KUBE-FORWARD', 'filter FORWARD → KUBE-SERVICES', 'filter FORWARD → KUBE-EXTERNAL-SERVICES',
      'filter OUTPUT → KUBE-PROXY-FIREWALL', 'filter OUTPUT → KUBE-SERVICES', 'filter OUTPUT → KUBE-FIREWALL',
      'nat PREROUTING → KUBE-SERVICES', 'nat OUTPUT → KUBE-SERVICES', 'nat POSTROUTING → KUBE-POSTROUTING',
    ])
    expect(iptablesRestore(t)).not.toContain('-A PREROUTING')
  })
})
