import { cidrContains } from '../ip'
import type { Packet } from '../iptables/match'

/**
 * The ipsets IPVS-mode kube-proxy keeps (`pkg/proxy/ipvs/ipset.go`, REFERENCE 10.3): the
 * iptables rules match these sets instead of growing one rule per Service, which is why
 * the rule count stays flat.
 */

export type IpSetType = 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port' | 'hash:ip'

/** One member, as utilipset Entry holds it; `entryString` prints it like `ipset list`. */
export interface IpSetEntry {
  ip?: string
  protocol?: 'tcp' | 'udp' | 'sctp'
  port: number
  /** The third element of hash:ip,port,ip (IP2) or hash:ip,port,net (Net). */
  third?: string
}

export interface IpSet {
  name: string
  type: IpSetType
  comment: string
  entries: IpSetEntry[]
}

/** ipsetInfo, in upstream's declaration order (upstream creates them in Go map order). */
export const IPSET_INFO: ReadonlyArray<{ name: string; type: IpSetType; comment: string }> = [
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: 'KUBE-EXTERNAL-IP', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: 'KUBE-EXTERNAL-IP-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: 'KUBE-LOAD-BALANCER-FW', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: 'KUBE-LOAD-BALANCER-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-IP', type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
]

/** Entry.String(): `ip,proto:port[,third]`, a bare port for bitmap:port, an address for hash:ip. */
export function entryString(set: Pick<IpSet, 'type'>, e: IpSetEntry): string {
  switch (set.type) {
    case 'bitmap:port': return String(e.port)
    case 'hash:ip': return e.ip ?? ''
    case 'hash:ip,port': return `${e.ip},${e.protocol}:${e.port}`
    default: return `${e.ip},${e.protocol}:${e.port},${e.third}`
  }
}

/** All sets, empty, in IPSET_INFO order. */
export function emptyIpSets(): Record<string, IpSet> {
  const out: Record<string, IpSet> = {}
  for (const i of IPSET_INFO) out[i.name] = { ...i, entries: [] }
  return out
}

/** Entry strings per set object, so adding and matching stay O(1) with 10,000 Services. */
const keysOf = new WeakMap<IpSet, { size: number; keys: Set<string> }>()
function keys(set: IpSet): Set<string> {
  let k = keysOf.get(set)
  if (!k || k.size !== set.entries.length) {
    k = { size: set.entries.length, keys: new Set(set.entries.map((e) => entryString(set, e))) }
    keysOf.set(set, k)
  }
  return k.keys
}

/** Add unless already present (sets have set semantics). */
export function addEntry(set: IpSet, e: IpSetEntry): void {
  const k = keys(set)
  const s = entryString(set, e)
  if (k.has(s)) return
  set.entries.push(e)
  k.add(s)
  keysOf.get(set)!.size = set.entries.length
}

/**
 * `-m set --match-set NAME flags`: each flag picks the packet field for one dimension of the
 * set type — `dst,dst` = (destination IP, destination port), `dst,dst,src` adds the source.
 */
export function ipsetMatches(set: IpSet | undefined, flags: string, pkt: Packet): boolean {
  if (!set) return false
  const f = flags.split(',')
  const addr = (i: number): string => (f[i] === 'src' ? pkt.src : pkt.dst)
  const port = (i: number): number => (f[i] === 'src' ? pkt.sport : pkt.dport)
  // A hash lookup, like the kernel's (hash:ip,port,net needs a prefix match: scan).
  if (set.type === 'hash:ip,port,net')
    return set.entries.some((e) => e.ip === addr(0) && e.port === port(1) && e.protocol === pkt.proto && cidrContains(e.third ?? '', addr(2)))
  const probe: IpSetEntry = { ip: addr(0), protocol: pkt.proto, port: set.type === 'bitmap:port' ? port(0) : port(1), third: addr(2) }
  return keys(set).has(entryString(set, probe))
}

/** Kernel set-type revisions as seen on common nodes (kernel-dependent; unverified). */
const REVISION: Record<IpSetType, number> = { 'hash:ip,port': 5, 'hash:ip,port,ip': 5, 'hash:ip,port,net': 7, 'bitmap:port': 3, 'hash:ip': 4 }

/** A stand-in for the kernel's allocation (it varies by kernel); hash:ip,port matches a minikube node. */
function sizeInMemory(set: IpSet): number {
  if (set.type === 'bitmap:port') return 8268
  const per = set.type === 'hash:ip' ? 48 : set.type === 'hash:ip,port' ? 64 : 96
  return 88 + per * set.entries.length
}

/**
 * `ipset list [NAME]`. `references` counts the iptables rules using each set.
 *
 *   Name: KUBE-CLUSTER-IP
 *   Type: hash:ip,port
 *   Revision: 5
 *   Header: family inet hashsize 1024 maxelem 65536
 *   Size in memory: 408
 *   References: 3
 *   Number of entries: 5
 *   Members:
 *   10.96.0.1,tcp:443
 */
export function ipsetList(sets: Record<string, IpSet>, references: (name: string) => number, name?: string): string | null {
  const chosen = Object.values(sets).filter((s) => name === undefined || s.name === name)
  if (chosen.length === 0) return null
  return chosen.map((s) => [
    `Name: ${s.name}`,
    `Type: ${s.type}`,
    `Revision: ${REVISION[s.type]}`,
    `Header: ${s.type === 'bitmap:port' ? 'range 0-65535' : 'family inet hashsize 1024 maxelem 65536'}`,
    `Size in memory: ${sizeInMemory(s)}`,
    `References: ${references(s.name)}`,
    `Number of entries: ${s.entries.length}`,
    'Members:',
    ...s.entries.map((e) => entryString(s, e)),
  ].join('\n') + '\n').join('\n')
}
