import { describe, expect, it } from 'vitest'
import { ep, proxyModel, webModel, webService, NODE_IPS } from '../fixtures'
import { restoreLine } from '../iptables/format'
import { iptablesRestore } from '../iptables/save'
import { entryString } from './ipsets'
import { buildIpvs, lookupVirtualServer, type IpvsState } from './ipvs'
import { ipAddrShowKubeIpvs0, ipsetListText, ipvsadmList } from './print'

const kubernetes = webService({ name: 'kubernetes', portName: 'https', clusterIP: '10.96.0.1', port: 443, targetPort: 6443 })
const dns = webService({ namespace: 'kube-system', name: 'kube-dns', portName: 'dns', protocol: 'UDP', clusterIP: '10.96.0.10', port: 53, targetPort: 53 })

/** REFERENCE 10.2's example cluster. */
function exampleModel(node = 'node-1') {
  return proxyModel(node, [kubernetes, webService({ sessionAffinity: 'ClientIP' }), dns], {
    'default/kubernetes:https': [ep('192.168.10.2', 6443, 'control-plane')],
    'default/web': [ep('10.244.1.5', 8080, 'node-1'), ep('10.244.2.7', 8080, 'node-2')],
    'kube-system/kube-dns:dns': [ep('10.244.1.3', 53, 'node-1')],
  })
}
const sets = (s: IpvsState, name: string): string[] => s.ipsets[name].entries.map((e) => entryString(s.ipsets[name], e))

describe('ipvsadm -Ln (REFERENCE 10.2)', () => {
  const text = ipvsadmList(buildIpvs(exampleModel()))
  it('matches the REFERENCE listing (ignoring trailing padding)', () => {
    expect(text.split('\n').map((l) => l.trimEnd()).join('\n')).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.96.0.1:443 rr',
      '  -> 192.168.10.2:6443            Masq    1      0          0',
      'TCP  10.96.45.12:80 rr persistent 10800',
      '  -> 10.244.1.5:8080              Masq    1      0          0',
      '  -> 10.244.2.7:8080              Masq    1      0          0',
      'UDP  10.96.0.10:53 rr',
      '  -> 10.244.1.3:53                Masq    1      0          0',
      '',
    ].join('\n'))
  })
  it('keeps ipvsadm\'s "%-10u" padding after InActConn', () => {
    expect(text.split('\n')[4]).toBe('  -> 192.168.10.2:6443            Masq    1      0          0         ')
  })
})

describe('kernel objects of one sync (REFERENCE 10.1)', () => {
  it('binds every ClusterIP to kube-ipvs0', () => {
    const s = buildIpvs(exampleModel())
    expect(s.dummyAddresses).toEqual(['10.96.0.1', '10.96.0.10', '10.96.45.12'])
    expect(ipAddrShowKubeIpvs0(s)).toBe([
      '5: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default ',
      '    link/ether 66:7d:da:8e:57:0a brd ff:ff:ff:ff:ff:ff',
      '    inet 10.96.0.1/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '    inet 10.96.0.10/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '    inet 10.96.45.12/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'))
  })

  it('one Service becomes a virtual server per ClusterIP, external IP, LB IP and node IP', () => {
    const s = buildIpvs(webModel('node-1', { type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'], externalIPs: ['203.0.113.7', NODE_IPS['node-1']] }))
    expect(s.virtualServers.map((v) => `${v.kind} ${v.address}:${v.port}`)).toEqual([
      'ClusterIP 10.96.45.12:80', 'ExternalIP 203.0.113.7:80', `ExternalIP ${NODE_IPS['node-1']}:80`, 'LoadBalancer 203.0.113.10:80', `NodePort ${NODE_IPS['node-1']}:30080`,
    ])
    // The node IP is never bound to the dummy device.
    expect(s.dummyAddresses).toEqual(['10.96.45.12', '203.0.113.7', '203.0.113.10'])
  })

  it('a Service without endpoints keeps a virtual server with no real servers', () => {
    const s = buildIpvs(webModel('node-1', {}, []))
    expect(s.virtualServers).toHaveLength(1)
    expect(s.virtualServers[0].realServers).toEqual([])
  })

  it('eTP=Local uses the local endpoints, but falls back to the cluster ones when there are none', () => {
    const svc = { type: 'NodePort' as const, nodePort: 30080, externalTrafficPolicy: 'Local' as const }
    const np = (node: string) => buildIpvs(webModel(node, svc)).virtualServers.find((v) => v.kind === 'NodePort')!.realServers.map((r) => r.address)
    expect(np('node-2')).toEqual(['10.244.2.7'])
    expect(np('node-3')).toEqual(['10.244.1.5', '10.244.2.7'])
    // The ClusterIP virtual server always uses the cluster endpoints (iTP=Cluster).
    expect(buildIpvs(webModel('node-2', svc)).virtualServers[0].realServers).toHaveLength(2)
  })

  it('ClientIP affinity sets persistence with the timeout; mh sets the source-hash flag', () => {
    const s = buildIpvs(webModel('node-1', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 300 }))
    expect(s.virtualServers[0]).toMatchObject({ persistent: true, timeout: 300, scheduler: 'rr', sourceHash: false })
    const mh = buildIpvs({ ...webModel(), config: { ipvsScheduler: 'mh' } })
    expect(mh.virtualServers[0]).toMatchObject({ scheduler: 'mh', sourceHash: true })
  })

  it('looks virtual servers up by protocol, address and port', () => {
    const s = buildIpvs(exampleModel())
    expect(lookupVirtualServer(s, 'udp', '10.96.0.10', 53)?.svc).toBe('kube-system/kube-dns:dns')
    expect(lookupVirtualServer(s, 'tcp', '10.96.0.10', 53)).toBeUndefined()
  })
})

describe('ipsets (REFERENCE 10.3)', () => {
  it('fills the sets from the services', () => {
    const s = buildIpvs(proxyModel('node-1', [
      webService({ type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'], loadBalancerSourceRanges: ['10.0.1.0/24'], healthCheckNodePort: 32000, externalTrafficPolicy: 'Local' }),
      webService({ name: 'ext', clusterIP: '10.96.7.7', externalIPs: ['203.0.113.7'] }),
      dns,
    ], {
      'default/web': [ep('10.244.1.5', 8080, 'node-1'), ep('10.244.1.6', 8080, 'node-1', 'not-ready'), ep('10.244.2.7', 8080, 'node-2')],
      'kube-system/kube-dns:dns': [ep('10.244.1.3', 53, 'node-1')],
    }))
    expect(sets(s, 'KUBE-CLUSTER-IP')).toEqual(['10.96.7.7,tcp:80', '10.96.45.12,tcp:80', '10.96.0.10,udp:53'])
    expect(sets(s, 'KUBE-LOOP-BACK')).toEqual(['10.244.1.5,tcp:8080,10.244.1.5', '10.244.1.6,tcp:8080,10.244.1.6', '10.244.1.3,udp:53,10.244.1.3'])
    expect(sets(s, 'KUBE-EXTERNAL-IP')).toEqual(['203.0.113.7,tcp:80'])
    expect(sets(s, 'KUBE-LOAD-BALANCER')).toEqual(['203.0.113.10,tcp:80'])
    expect(sets(s, 'KUBE-LOAD-BALANCER-LOCAL')).toEqual(['203.0.113.10,tcp:80'])
    expect(sets(s, 'KUBE-LOAD-BALANCER-FW')).toEqual(['203.0.113.10,tcp:80'])
    expect(sets(s, 'KUBE-LOAD-BALANCER-SOURCE-CIDR')).toEqual(['203.0.113.10,tcp:80,10.0.1.0/24'])
    // 10.0.1.0/24 does not cover the node: the node itself is blocked from the LB VIP.
    expect(sets(s, 'KUBE-LOAD-BALANCER-SOURCE-IP')).toEqual([])
    expect(s.iptables.filter.rules.filter((r) => r.chain === 'KUBE-IPVS-OUT-FILTER').map(restoreLine)).toEqual([
      '-A KUBE-IPVS-OUT-FILTER -s 203.0.113.10 -m ipvs --vaddr 203.0.113.10 --vproto tcp --vport 80 -j DROP',
    ])
    expect(sets(s, 'KUBE-NODE-PORT-TCP')).toEqual(['30080'])
    expect(sets(s, 'KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['30080'])
    expect(sets(s, 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['32000'])
    expect(sets(s, 'KUBE-IPVS-IPS')).toEqual(['10.96.0.10', '10.96.7.7', '10.96.45.12', '203.0.113.7', '203.0.113.10'])
  })

  it('a source range covering the node allows the VIP as a source instead', () => {
    const s = buildIpvs(webModel('node-1', { type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['203.0.113.10'], loadBalancerSourceRanges: ['192.168.10.0/24'] }))
    expect(sets(s, 'KUBE-LOAD-BALANCER-SOURCE-IP')).toEqual(['203.0.113.10,tcp:80,203.0.113.10'])
    expect(s.iptables.filter.rules.filter((r) => r.chain === 'KUBE-IPVS-OUT-FILTER')).toEqual([])
  })

  it('prints `ipset list NAME` like ipset does, with the rules that reference the set', () => {
    expect(ipsetListText(buildIpvs(exampleModel()), 'KUBE-CLUSTER-IP')).toBe([
      'Name: KUBE-CLUSTER-IP', 'Type: hash:ip,port', 'Revision: 5', 'Header: family inet hashsize 1024 maxelem 65536', 'Size in memory: 280',
      'References: 3', 'Number of entries: 3', 'Members:', '10.96.0.1,tcp:443', '10.96.45.12,tcp:80', '10.96.0.10,udp:53', '',
    ].join('\n'))
    const np = ipsetListText(buildIpvs(webModel('node-1', { type: 'NodePort', nodePort: 30080 })), 'KUBE-NODE-PORT-TCP')!
    expect(np.split('\n').slice(0, 4)).toEqual(['Name: KUBE-NODE-PORT-TCP', 'Type: bitmap:port', 'Revision: 3', 'Header: range 0-65535'])
    expect(ipsetListText(buildIpvs(exampleModel()), 'NOPE')).toBeNull()
    expect(ipsetListText(buildIpvs(exampleModel()))!.match(/^Name: /gm)).toHaveLength(17)
  })
})

describe('the iptables rules IPVS mode writes (REFERENCE 10.4)', () => {
  it('are few and in writeIptablesRules order', () => {
    const nat = iptablesRestore(buildIpvs(webModel('node-1', { type: 'NodePort', nodePort: 30080 })).iptables).split('*nat\n')[1].split('\n').filter((l) => l.startsWith('-A'))
    expect(nat).toEqual([
      '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
      '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
      '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    ])
  })

  it('do not grow with the number of Services', () => {
    const many = (n: number) => {
      const svcs = Array.from({ length: n }, (_, i) => webService({ name: `s${i}`, clusterIP: `10.96.1.${i + 1}`, type: 'NodePort', nodePort: 30000 + i }))
      const eps = Object.fromEntries(svcs.map((s) => [`default/${s.name}`, [ep('10.244.2.7', 8080, 'node-2')]]))
      const st = buildIpvs(proxyModel('node-1', svcs, eps))
      return { rules: st.iptables.nat.rules.length + st.iptables.filter.rules.length, vs: st.virtualServers.length }
    }
    expect(many(2).rules).toBe(many(200).rules)
    expect(many(200).vs).toBe(400)
  })
})
