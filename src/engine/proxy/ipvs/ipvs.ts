import { categorizeEndpoints, endpointsOf } from '../endpoints'
import { cidrContains, compareIPs } from '../ip'
import {
  externalPolicyLocal, internalPolicyLocal, proxiedServices, protoLower, resolveConfig, servicePortName, stickySeconds,
  type EndpointInfo, type Protocol, type ProxyModel,
} from '../model'
import type { IptablesTables } from '../iptables/types'
import { addEntry, emptyIpSets, type IpSet } from './ipsets'
import { buildIpvsIptables, type LbNoNodeAccess } from './iptables'

/**
 * IPVS mode (`pkg/proxy/ipvs/proxier.go` syncProxyRules, REFERENCE 10): the kernel objects
 * one sync leaves on a node — the dummy `kube-ipvs0` with every VIP bound /32, the IPVS
 * virtual servers with their real servers, the ipsets, and the few iptables rules.
 *
 * Example:
 *   const s = buildIpvs(model)
 *   ipvsadmList(s)          // the `ipvsadm -Ln` text
 *   pick(s.virtualServers[0], { clientIP: '10.244.1.9', now }, runtime)
 */

export type VirtualServerKind = 'ClusterIP' | 'ExternalIP' | 'LoadBalancer' | 'NodePort'

export interface RealServer {
  address: string
  port: number
  /** 1 for every endpoint (0 while gracefully deleted). */
  weight: number
  /** Kube-proxy always uses NAT ("Masq"). */
  forward: 'Masq'
  nodeName: string
}

export interface VirtualServer {
  address: string
  port: number
  protocol: Protocol
  scheduler: string
  /** FlagPersistent: ClientIP session affinity, with `timeout` seconds. */
  persistent: boolean
  timeout: number
  /** FlagSourceHash: set for the `mh` scheduler. */
  sourceHash: boolean
  realServers: RealServer[]
  /** ServicePortName, for the UI. */
  svc: string
  kind: VirtualServerKind
}

export interface IpvsState {
  /** The addresses bound to kube-ipvs0 (ClusterIPs, and external/LB IPs not on another interface). */
  dummyAddresses: string[]
  virtualServers: VirtualServer[]
  ipsets: Record<string, IpSet>
  iptables: IptablesTables
}

/** The key of a virtual server (`TCP:10.96.0.1:443`), as IPVS identifies it. */
export function vsKey(vs: Pick<VirtualServer, 'protocol' | 'address' | 'port'>): string {
  return `${vs.protocol}:${vs.address}:${vs.port}`
}

export function buildIpvs(model: ProxyModel): IpvsState {
  const config = resolveConfig(model)
  const scheduler = config.ipvsScheduler || 'rr'
  const sets = emptyIpSets()
  const vss: VirtualServer[] = []
  const bound = new Set<string>()
  const noNodeAccess: LbNoNodeAccess[] = []
  // Node addresses other than kube-ipvs0 (the playground's node has one NIC address).
  const nodeAddresses = [model.nodeIP]

  for (const svc of proxiedServices(model)) {
    const p = protoLower(svc.protocol)
    const spn = servicePortName(svc)
    const all = endpointsOf(model, svc)
    const { cluster, local } = categorizeEndpoints(all, svc, model.nodeName)
    // syncEndpoint: with a Local policy use the local endpoints, but fall back to the
    // cluster ones when there are none ("allow access from local PODs", PR 97081).
    const pickEps = (onlyLocal: boolean): EndpointInfo[] => (onlyLocal && local.length > 0 ? local : cluster)
    const vs = (address: string, port: number, kind: VirtualServerKind, onlyLocal: boolean): VirtualServer => ({
      address, port, protocol: svc.protocol, scheduler, persistent: svc.sessionAffinity === 'ClientIP',
      timeout: svc.sessionAffinity === 'ClientIP' ? stickySeconds(svc) : 0, sourceHash: scheduler === 'mh',
      realServers: pickEps(onlyLocal).map((e) => ({ address: e.ip, port: e.port, weight: 1, forward: 'Masq', nodeName: e.nodeName })),
      svc: spn, kind,
    })

    // Hairpin: every local endpoint (ready or not) may reach itself through the VIP.
    for (const e of all) if (e.nodeName === model.nodeName) addEntry(sets['KUBE-LOOP-BACK'], { ip: e.ip, protocol: p, port: e.port, third: e.ip })

    addEntry(sets['KUBE-CLUSTER-IP'], { ip: svc.clusterIP, protocol: p, port: svc.port })
    vss.push(vs(svc.clusterIP, svc.port, 'ClusterIP', internalPolicyLocal(svc)))
    bound.add(svc.clusterIP)

    for (const eip of svc.externalIPs) {
      addEntry(sets[externalPolicyLocal(svc) ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP'], { ip: eip, protocol: p, port: svc.port })
      vss.push(vs(eip, svc.port, 'ExternalIP', externalPolicyLocal(svc)))
      if (!nodeAddresses.includes(eip)) bound.add(eip)
    }

    for (const lb of svc.loadBalancerIPs) {
      const entry = { ip: lb, protocol: p, port: svc.port }
      addEntry(sets['KUBE-LOAD-BALANCER'], entry)
      if (externalPolicyLocal(svc)) addEntry(sets['KUBE-LOAD-BALANCER-LOCAL'], entry)
      if (svc.loadBalancerSourceRanges.length > 0) {
        addEntry(sets['KUBE-LOAD-BALANCER-FW'], entry)
        let allowFromNode = false
        for (const cidr of svc.loadBalancerSourceRanges) {
          addEntry(sets['KUBE-LOAD-BALANCER-SOURCE-CIDR'], { ...entry, third: cidr })
          if (cidrContains(cidr, model.nodeIP)) allowFromNode = true
        }
        if (allowFromNode) addEntry(sets['KUBE-LOAD-BALANCER-SOURCE-IP'], { ...entry, third: lb })
        else noNodeAccess.push({ ip: lb, protocol: p, port: svc.port })
      }
      vss.push(vs(lb, svc.port, 'LoadBalancer', externalPolicyLocal(svc)))
      if (!nodeAddresses.includes(lb)) bound.add(lb)
    }

    const np = svc.nodePort ?? 0
    if (np !== 0) {
      const upper = p.toUpperCase()
      const entries = p === 'sctp' ? nodeAddresses.map((ip) => ({ ip, protocol: p, port: np })) : [{ protocol: p, port: np }]
      for (const e of entries) {
        addEntry(sets[p === 'sctp' ? 'KUBE-NODE-PORT-SCTP-HASH' : `KUBE-NODE-PORT-${upper}`], e)
        if (externalPolicyLocal(svc)) addEntry(sets[p === 'sctp' ? 'KUBE-NODE-PORT-LOCAL-SCTP-HASH' : `KUBE-NODE-PORT-LOCAL-${upper}`], e)
      }
      // Node IPs are never bound to kube-ipvs0.
      for (const ip of nodeAddresses) vss.push(vs(ip, np, 'NodePort', externalPolicyLocal(svc)))
    }
    if (svc.healthCheckNodePort) addEntry(sets['KUBE-HEALTH-CHECK-NODE-PORT'], { protocol: 'tcp', port: svc.healthCheckNodePort })
  }

  const dummyAddresses = [...bound].sort(compareIPs)
  for (const ip of dummyAddresses) addEntry(sets['KUBE-IPVS-IPS'], { ip, port: 0 })
  return { dummyAddresses, virtualServers: dedupe(vss), ipsets: sets, iptables: buildIpvsIptables(model, config, sets, noNodeAccess) }
}

/** Two service ports can name the same VIP:port (IPVS keeps one); later ones update it. */
function dedupe(vss: VirtualServer[]): VirtualServer[] {
  const m = new Map<string, VirtualServer>()
  for (const v of vss) m.set(vsKey(v), v)
  return [...m.values()]
}

/** The virtual server a packet hits (IPVS's hash lookup by protocol, address, port). */
export function lookupVirtualServer(state: IpvsState, proto: 'tcp' | 'udp' | 'sctp', address: string, port: number): VirtualServer | undefined {
  return indexOf(state).get(`${proto.toUpperCase()}:${address}:${port}`)
}

const vsIndex = new WeakMap<IpvsState, Map<string, VirtualServer>>()
function indexOf(state: IpvsState): Map<string, VirtualServer> {
  let m = vsIndex.get(state)
  if (!m) {
    m = new Map(state.virtualServers.map((v) => [vsKey(v), v]))
    vsIndex.set(state, m)
  }
  return m
}

