import { cidrContains } from '../ip'
import { statisticMatches } from './probability'
import type { Arg, CtState, L4, Rule } from './types'

/**
 * Whether one rule matches a packet, as the kernel decides it: the IP header part
 * (`-s`, `-d`, `-p`) first, then each match module in order — so a `-m recent --set`
 * takes effect only when every earlier match passed (REFERENCE 9.8).
 */

export interface Packet {
  src: string
  dst: string
  proto: L4
  sport: number
  dport: number
  /** The skb mark (KUBE-MARK-MASQ sets 0x4000). */
  mark?: number
}

/**
 * `-m recent` lists, by list name (the KUBE-SEP chain) then source IP → the last time
 * (virtual ms) `--set` saw it. Plain data so a snapshot carries session affinity.
 */
export type RecentLists = Record<string, Record<string, number>>

export interface MatchContext {
  /** A float in [0, 1) for `-m statistic` (pass ctx.rng.next). */
  rand: () => number
  /** Virtual time (ms) for `-m recent`. */
  now: number
  recent: RecentLists
  /** This node's addresses for `--src-type/--dst-type LOCAL` (127.0.0.0/8 is always local). */
  localAddresses: readonly string[]
  /** The packet came in through a bridge port (from a pod): `-m physdev --physdev-is-in`. */
  physdevIsIn?: boolean
  /** conntrack state of the flow; the tracer models first packets, so NEW. */
  ctstate?: CtState
  /** The connection has been DNATed (conntrack's virtual DNAT state). */
  dnatted?: boolean
  /** `-m set` lookups (IPVS mode). */
  ipset?: (name: string, flags: string, pkt: Packet) => boolean
  /** The IPVS virtual service that handled this packet, for `-m ipvs`. */
  ipvs?: { vaddr: string; vproto: L4; vport: number }
}

/** A set per (read-only) address list, so the check is a hash lookup however many ClusterIPs kube-ipvs0 holds. */
const localSets = new WeakMap<readonly string[], Set<string>>()

export function isLocalAddress(ip: string, ctx: Pick<MatchContext, 'localAddresses'>): boolean {
  if (cidrContains('127.0.0.0/8', ip)) return true
  let set = localSets.get(ctx.localAddresses)
  if (!set) localSets.set(ctx.localAddresses, (set = new Set(ctx.localAddresses)))
  return set.has(ip)
}

export function ruleMatches(r: Rule, pkt: Packet, ctx: MatchContext): boolean {
  for (const a of r.args) if ((a.m === 'src' || a.m === 'dst' || a.m === 'proto') && !argMatches(a, pkt, ctx)) return false
  for (const a of r.args) if (a.m !== 'src' && a.m !== 'dst' && a.m !== 'proto' && !argMatches(a, pkt, ctx)) return false
  return true
}

function argMatches(a: Arg, pkt: Packet, ctx: MatchContext): boolean {
  switch (a.m) {
    case 'src': return cidrContains(a.cidr, pkt.src) !== !!a.not
    case 'dst': return cidrContains(a.cidr, pkt.dst) !== !!a.not
    case 'proto': return pkt.proto === a.proto
    case 'l4': return pkt.proto === a.proto
    case 'dport': return pkt.dport === a.port
    case 'comment': case 'nfacct': return true
    case 'statistic': return statisticMatches(a.probability, ctx.rand)
    case 'recent': return recentMatches(a, pkt, ctx)
    case 'mark': return (((pkt.mark ?? 0) & a.mask) >>> 0 === a.value) !== !!a.not
    case 'conntrack': {
      const states: CtState[] = [ctx.ctstate ?? 'NEW']
      if (ctx.dnatted) states.push('DNAT')
      return a.states.some((s) => states.includes(s)) !== !!a.not
    }
    case 'addrtype': return isLocalAddress(a.dir === 'src' ? pkt.src : pkt.dst, ctx) !== !!a.not
    case 'set': return (ctx.ipset?.(a.name, a.flags, pkt) ?? false) !== !!a.not
    case 'physdev': return !!ctx.physdevIsIn !== !!a.not
    case 'ipvs': return !!ctx.ipvs && ctx.ipvs.vaddr === a.vaddr && ctx.ipvs.vproto === a.vproto && ctx.ipvs.vport === a.vport
  }
}

/**
 * xt_recent (`--rsource`, mask /32). `--set` records the source now and always matches.
 * `--rcheck --seconds s` matches if the source was set within the last s seconds; it does
 * not refresh the entry (only the SEP's `--set` does). `--reap` then drops the list's
 * least recently seen entry if it is older than s.
 */
function recentMatches(a: Extract<Arg, { m: 'recent' }>, pkt: Packet, ctx: MatchContext): boolean {
  if (a.op === 'set') {
    ;(ctx.recent[a.name] ??= {})[pkt.src] = ctx.now
    return true
  }
  const list = ctx.recent[a.name]
  const last = list?.[pkt.src]
  if (last === undefined) return false
  const horizon = ctx.now - (a.seconds ?? 0) * 1000
  const hit = !a.seconds || last >= horizon
  if (a.reap && a.seconds) {
    let oldest: string | undefined
    for (const [ip, t] of Object.entries(list)) if (oldest === undefined || t < list[oldest]) oldest = ip
    if (oldest !== undefined && list[oldest] < horizon) delete list[oldest]
  }
  return hit
}
