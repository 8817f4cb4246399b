import type { TableName } from '../../proxy/iptables/types'

/**
 * What the packet tracer records: one `Hop` per place a packet passes — a pod's network
 * namespace, one netfilter hook of one table on a node, the IPVS lookup, the userspace proxy
 * process, conntrack, the wire between hosts, the cloud load balancer — with the packet as it
 * leaves that place, what changed in its header, the rules that matched (so the UI can
 * highlight them in `iptables-save`) and the modelled cost. Plain data: it crosses the worker
 * boundary as is.
 *
 * Every address and port carries its role, so the UI can say "the ClusterIP and `port` are
 * now the pod IP and `targetPort`" instead of showing bare numbers.
 */

/** Which of the three IPs (REFERENCE 8.3) — or what else — an address is. */
export type IpRole =
  | 'podIP' | 'clusterIP' | 'nodeIP' | 'loadBalancerIP' | 'externalIP'
  | 'bridgeIP' | 'loopback' | 'client' | 'dnsServer' | 'unknown'

/** Which of the three ports (REFERENCE 8.3) — or what else — a port is. */
export type PortRole = 'port' | 'nodePort' | 'targetPort' | 'proxyPort' | 'healthCheckNodePort' | 'ephemeral' | 'other'

export interface Addr {
  ip: string
  port: number
  ipRole: IpRole
  portRole: PortRole
}

export interface PacketView {
  proto: 'tcp' | 'udp' | 'sctp'
  src: Addr
  dst: Addr
}

/** A matched rule, addressable in the node's tables: `iptables -t <table> -L <chain> --line-numbers` row `index`. */
export interface RuleRef {
  table: TableName
  chain: string
  /** 1-based position in its chain. */
  index: number
  /** The rule as `iptables-save` prints it. */
  line: string
}

export type HopKind =
  | 'socket'       // the client opens the connection (or the server answers)
  | 'dns'          // a name is looked up
  | 'netfilter'    // one hook of one table on one node
  | 'conntrack'    // an established flow: translated by conntrack, nat rules skipped
  | 'ipvs'         // IPVS virtual-server lookup and scheduling
  | 'kube-proxy'   // the userspace proxy process accepts, dials and copies
  | 'route'        // a routing decision inside a host
  | 'wire'         // between hosts (node → node, outside → node)
  | 'loadbalancer' // the cloud load balancer in front of the nodes
  | 'deliver'      // arrives at a listening socket, or is refused / lost

export type ChangeKind = 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT' | 'un-DNAT' | 'un-SNAT' | 'LB-DNAT' | 'LB-un-DNAT' | 'proxy'

export interface HeaderChange {
  kind: ChangeKind
  field: 'src' | 'dst' | 'both'
  from: { src: Addr; dst: Addr }
  to: { src: Addr; dst: Addr }
}

export interface HopCost {
  /** iptables rules evaluated (matched or not). */
  rules: number
  /** Hash lookups: ipset matches, the IPVS virtual-server table, conntrack. */
  hashLookups: number
  /** User/kernel context switches (the userspace proxy: read and write, each way). */
  contextSwitches: number
  /** Extra copies of the payload (kernel → kube-proxy → kernel). */
  copies: number
}

export interface HopPlace {
  kind: 'pod' | 'node' | 'wire' | 'loadbalancer' | 'external'
  node?: string
  /** `namespace/name` */
  pod?: string
  table?: TableName
  /** The netfilter hook (built-in chain): PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING. */
  hook?: string
  from?: string
  to?: string
}

export interface Hop {
  seq: number
  /** Which request on a keep-alive connection (0-based). */
  request: number
  phase: 'dns' | 'request' | 'reply'
  kind: HopKind
  where: HopPlace
  /** The packet as it leaves this hop. */
  packet: PacketView
  change?: HeaderChange
  /** Matched rules in evaluation order (jumps, marks, the DNAT). */
  rules?: RuleRef[]
  /** The rule that decided the outcome of this hook (DNAT, REJECT, DROP, MASQUERADE). */
  decisive?: RuleRef
  ipvs?: { virtualServer: string; scheduler: string; realServer?: string; persistent?: boolean }
  verdict?: 'ACCEPT' | 'DROP' | 'REJECT'
  cost: HopCost
  /** English one-liner (the UI translates by kind and fields). */
  text: string
}

export const NO_COST: Readonly<HopCost> = Object.freeze({ rules: 0, hashLookups: 0, contextSwitches: 0, copies: 0 })

/** Sum the cost of a list of hops (what the UI shows as "this request cost …"). */
export function totalCost(hops: readonly Hop[]): HopCost {
  const t = { rules: 0, hashLookups: 0, contextSwitches: 0, copies: 0 }
  for (const h of hops) {
    t.rules += h.cost.rules
    t.hashLookups += h.cost.hashLookups
    t.contextSwitches += h.cost.contextSwitches
    t.copies += h.cost.copies
  }
  return t
}

/** `10.96.45.12:80` */
export function hostPort(a: { ip: string; port: number }): string {
  return `${a.ip}:${a.port}`
}
