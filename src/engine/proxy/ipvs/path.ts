import { runHook, type HookResult, type TraceOptions, type TraceResult, type WalkState } from '../iptables/evaluate'
import { isLocalAddress, type Packet } from '../iptables/match'
import { ipsetMatches } from './ipsets'
import { lookupVirtualServer, type IpvsState, type RealServer, type VirtualServer } from './ipvs'
import { connectionOpened, pick, type IpvsRuntime } from './schedulers'

/**
 * A first packet through an IPVS-mode node (REFERENCE 10.5). The VIP is bound to
 * kube-ipvs0, so routing delivers it locally; IPVS takes it at LOCAL_IN (after filter
 * INPUT) — or at LOCAL_OUT (after nat OUTPUT) for the node's own traffic — looks the
 * virtual server up in a hash table (O(1), however many Services), schedules a real server
 * and rewrites the destination; the packet then leaves through filter OUTPUT and nat
 * POSTROUTING, where KUBE-LOOP-BACK / the mark masquerade it. Hook placement follows the
 * kernel's IPVS hook priorities (unverified against a live node).
 */

export interface IpvsTraceResult extends TraceResult {
  virtualServer?: VirtualServer
  realServer?: RealServer
  /** Chosen by a persistence template (ClientIP affinity). */
  persistent?: boolean
  /** Hash lookups IPVS made (1 per packet that reaches it): the flat per-packet cost. */
  ipvsLookups: number
}

/** The node's addresses plus every address bound to kube-ipvs0, built once per IPVS state (not per packet). */
const mergedLocal = new WeakMap<IpvsState, { base: readonly string[]; key: string; merged: readonly string[] }>()

function localAddressesOf(state: IpvsState, base: readonly string[]): readonly string[] {
  const key = base.join(',')
  const hit = mergedLocal.get(state)
  if (hit && hit.key === key) return hit.merged
  const merged = [...base, ...state.dummyAddresses]
  mergedLocal.set(state, { base, key, merged })
  return merged
}

export function traceIpvs(state: IpvsState, runtime: IpvsRuntime, packet: Packet, opts: TraceOptions): IpvsTraceResult {
  const tables = state.iptables
  const pkt: Packet = { ...packet, mark: packet.mark ?? 0 }
  const st: WalkState = {
    ...opts, localAddresses: localAddressesOf(state, opts.localAddresses), physdevIsIn: opts.from === 'pod', dnatted: false,
    steps: [], count: 0, ipset: (name, flags, p) => ipsetMatches(state.ipsets[name], flags, p),
  }
  const hooks: HookResult[] = []
  let vs: VirtualServer | undefined
  let chosen: { rs: RealServer; persistent: boolean } | null = null
  let lookups = 0
  const done = (verdict: TraceResult['verdict'], delivery?: TraceResult['delivery']): IpvsTraceResult => ({
    verdict, delivery, original: { ...packet }, packet: pkt, endpoint: chosen ? `${chosen.rs.address}:${chosen.rs.port}` : undefined,
    masqueraded: hooks.some((h) => h.translated === 'MASQUERADE'), hooks,
    steps: opts.recordMisses === false ? st.steps.filter((s) => s.matched) : st.steps, rulesTraversed: st.count,
    virtualServer: vs, realServer: chosen?.rs, persistent: chosen?.persistent, ipvsLookups: lookups,
  })
  const run = (table: 'nat' | 'filter', hook: string): HookResult => {
    const h = runHook(tables, table, hook, pkt, st)
    hooks.push(h)
    return h
  }
  /** IPVS: look up, schedule, DNAT. Returns a verdict to stop with, or undefined to continue. */
  const ipvs = (): TraceResult['verdict'] | 'local' | undefined => {
    lookups++
    vs = lookupVirtualServer(state, pkt.proto, pkt.dst, pkt.dport)
    if (!vs) return 'local'
    chosen = pick(vs, { clientIP: pkt.src, clientPort: pkt.sport, now: opts.now }, runtime)
    // No real server: ip_vs_leave sends ICMP port unreachable (the client sees "connection refused").
    if (!chosen) return 'REJECT'
    connectionOpened(runtime, vs, chosen.rs)
    st.ipvs = { vaddr: vs.address, vproto: pkt.proto, vport: vs.port }
    pkt.dst = chosen.rs.address
    pkt.dport = chosen.rs.port
    st.dnatted = true
    return undefined
  }

  if (opts.from === 'host') {
    if (run('nat', 'OUTPUT').verdict !== 'ACCEPT') return done(hooks.at(-1)!.verdict)
    if (isLocalAddress(pkt.dst, st)) {
      const v = ipvs()
      if (v === 'REJECT') return done('REJECT')
      if (v === 'local') {
        const f = run('filter', 'OUTPUT')
        if (f.verdict !== 'ACCEPT') return done(f.verdict)
        const i = run('filter', 'INPUT')
        return done(i.verdict, i.verdict === 'ACCEPT' ? 'local' : undefined)
      }
    }
  } else {
    if (run('nat', 'PREROUTING').verdict !== 'ACCEPT') return done(hooks.at(-1)!.verdict)
    if (isLocalAddress(pkt.dst, st)) {
      const i = run('filter', 'INPUT')
      if (i.verdict !== 'ACCEPT') return done(i.verdict)
      const v = ipvs()
      if (v === 'REJECT') return done('REJECT')
      if (v === 'local') return done('ACCEPT', 'local')
    } else {
      const f = run('filter', 'FORWARD')
      if (f.verdict !== 'ACCEPT') return done(f.verdict)
      const post = run('nat', 'POSTROUTING')
      return done(post.verdict, post.verdict === 'ACCEPT' ? 'forward' : undefined)
    }
  }
  const out = run('filter', 'OUTPUT')
  if (out.verdict !== 'ACCEPT') return done(out.verdict)
  const post = run('nat', 'POSTROUTING')
  return done(post.verdict, post.verdict === 'ACCEPT' ? 'forward' : undefined)
}
