import type { KObject } from '../../api/types'
import { ADDRESS_PLAN } from '../addresses'
import { cidrContains } from '../../proxy/ip'
import type { Addr, IpRole, PortRole } from './hops'
import { EXTERNAL_HOST, type Topology } from './topology'

/**
 * Names every address and port the tracer shows with its role — clusterIP / nodeIP / podIP,
 * port / nodePort / targetPort (REFERENCE 8.3) — from the Services and the topology, so a hop
 * can say which of the three is in the header right now.
 *
 * @example
 *   const roles = new AddressRoles(services, topo)
 *   roles.addr('10.96.45.12', 80)    // { ipRole: 'clusterIP', portRole: 'port', … }
 *   roles.addr('172.18.0.3', 30080)  // { ipRole: 'nodeIP', portRole: 'nodePort', … }
 */
export class AddressRoles {
  private readonly clusterIPs = new Map<string, Set<number>>()
  private readonly lbIPs = new Set<string>()
  private readonly externalIPs = new Set<string>()
  private readonly nodePorts = new Set<number>()
  private readonly hcPorts = new Set<number>()

  constructor(
    services: readonly KObject[],
    private readonly topo: Topology,
  ) {
    for (const s of services) {
      const spec = s.spec ?? {}
      const ports: number[] = (spec.ports ?? []).map((p: { port: number }) => p.port)
      for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []))
        if (ip && ip !== 'None') this.clusterIPs.set(ip, new Set([...(this.clusterIPs.get(ip) ?? []), ...ports]))
      for (const i of s.status?.loadBalancer?.ingress ?? []) if (i?.ip) this.lbIPs.add(i.ip)
      for (const ip of spec.externalIPs ?? []) this.externalIPs.add(ip)
      for (const p of spec.ports ?? []) if (p?.nodePort) this.nodePorts.add(p.nodePort)
      if (spec.healthCheckNodePort) this.hcPorts.add(spec.healthCheckNodePort)
    }
  }

  ipRole(ip: string): IpRole {
    if (ip === ADDRESS_PLAN.dnsServiceIP && this.clusterIPs.has(ip)) return 'dnsServer'
    if (this.clusterIPs.has(ip)) return 'clusterIP'
    if (this.lbIPs.has(ip)) return 'loadBalancerIP'
    if (this.externalIPs.has(ip)) return 'externalIP'
    if (cidrContains('127.0.0.0/8', ip)) return 'loopback'
    const node = this.topo.nodeOfAddress(ip)
    if (node) return this.topo.kernel(node).ip === ip ? 'nodeIP' : 'bridgeIP'
    if (cidrContains(ADDRESS_PLAN.podCIDR, ip)) return 'podIP'
    if (ip === EXTERNAL_HOST.ip) return 'client'
    return 'unknown'
  }

  portRole(ip: string, port: number, ipRole = this.ipRole(ip)): PortRole {
    switch (ipRole) {
      case 'clusterIP':
      case 'dnsServer':
        return this.clusterIPs.get(ip)?.has(port) ? 'port' : 'other'
      case 'loadBalancerIP':
      case 'externalIP':
        return 'port'
      case 'nodeIP':
      case 'bridgeIP':
      case 'loopback': {
        if (this.nodePorts.has(port)) return 'nodePort'
        if (this.hcPorts.has(port)) return 'healthCheckNodePort'
        const node = ipRole === 'loopback' ? undefined : this.topo.nodeOfAddress(ip)
        const ports = node ? this.topo.kernel(node).process?.userspace?.ports : undefined
        if (ports && Object.values(ports).some((p) => p.port === port)) return 'proxyPort'
        return isEphemeral(port) ? 'ephemeral' : 'other'
      }
      case 'podIP':
        return isEphemeral(port) ? 'ephemeral' : 'targetPort'
      default:
        return isEphemeral(port) ? 'ephemeral' : 'other'
    }
  }

  addr(ip: string, port: number): Addr {
    const ipRole = this.ipRole(ip)
    return { ip, port, ipRole, portRole: this.portRole(ip, port, ipRole) }
  }
}

/** Linux's `net.ipv4.ip_local_port_range` (32768–60999): where client source ports come from. */
export const EPHEMERAL = { first: 32768, last: 60999 } as const

export function isEphemeral(port: number): boolean {
  return port >= EPHEMERAL.first && port <= EPHEMERAL.last
}
