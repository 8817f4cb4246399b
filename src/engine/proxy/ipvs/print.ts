import { compareIPs } from '../ip'
import { ipsetReferences } from './iptables'
import { ipsetList } from './ipsets'
import { vsKey, type IpvsState, type VirtualServer } from './ipvs'
import type { IpvsRuntime } from './schedulers'

/**
 * What a person sees on an IPVS node: `ipvsadm -Ln`, `ipset list`, `ip addr show kube-ipvs0`.
 */

const PROTO_NUMBER = { TCP: 6, UDP: 17, SCTP: 132 } as const

/**
 * ipvsadm sorts services (ipvs_cmp_services: protocol number, address, port) and real
 * servers (address, port) unless --nosort. Real-server lines are
 * `printf("  -> %-28s %-7s %-6d %-10u %-10u\n")`, so they keep trailing spaces.
 */
export function ipvsadmList(state: IpvsState, runtime?: IpvsRuntime): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ]
  for (const vs of sortedServices(state.virtualServers)) {
    lines.push(`${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.timeout}` : ''}`)
    const rss = [...vs.realServers].sort((a, b) => compareIPs(a.address, b.address) || a.port - b.port)
    for (const rs of rss) {
      const c = runtime?.conns[`${vsKey(vs)}/${rs.address}:${rs.port}`]
      lines.push(`  -> ${`${rs.address}:${rs.port}`.padEnd(28)} ${rs.forward.padEnd(7)} ${String(rs.weight).padEnd(6)} ` +
        `${String(c?.active ?? 0).padEnd(10)} ${String(c?.inactive ?? 0).padEnd(10)}`)
    }
  }
  return lines.join('\n') + '\n'
}

export function sortedServices(vss: readonly VirtualServer[]): VirtualServer[] {
  return [...vss].sort((a, b) => PROTO_NUMBER[a.protocol] - PROTO_NUMBER[b.protocol] || compareIPs(a.address, b.address) || a.port - b.port)
}

/** `ipset list [NAME]` for this node's sets (null: "The set with the given name does not exist"). */
export function ipsetListText(state: IpvsState, name?: string): string | null {
  return ipsetList(state.ipsets, (n) => ipsetReferences(state.iptables, n), name)
}

export interface LinkInfo {
  /** Interface index (the number before the name). */
  index?: number
  /** MAC address of the dummy device (random on a real node). */
  mac?: string
}

/**
 * `ip addr show kube-ipvs0`: a DOWN dummy device (`<BROADCAST,NOARP>`) holding every VIP
 * as a /32 — the kernel treats them as local, so IPVS sees the packets at LOCAL_IN.
 */
export function ipAddrShowKubeIpvs0(state: IpvsState, link: LinkInfo = {}): string {
  const lines = [
    `${link.index ?? 5}: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default `,
    `    link/ether ${link.mac ?? '66:7d:da:8e:57:0a'} brd ff:ff:ff:ff:ff:ff`,
  ]
  for (const ip of state.dummyAddresses) {
    lines.push(`    inet ${ip}/32 scope global kube-ipvs0`)
    lines.push('       valid_lft forever preferred_lft forever')
  }
  return lines.join('\n') + '\n'
}
