import { isLocalAddress, ruleMatches, type MatchContext, type Packet } from './match'
import { chainRules, type IptablesTables, type Rule, type TableName } from './types'

/**
 * The data-plane tracer for the first packet of a flow (REFERENCE 9.8): it walks the very
 * tables kube-proxy wrote, hook by hook, and records every rule it tried so the UI can
 * highlight the path. Later packets of the flow follow conntrack, not the rules.
 *
 * Example:
 *   const r = tracePacket(buildIptables(model), { src: '10.244.1.9', dst: '10.96.45.12', proto: 'tcp', sport: 40000, dport: 80 },
 *     { from: 'pod', rand: () => ctx.rng.next(), now: ctx.clock.now(), recent, localAddresses: [model.nodeIP] })
 *   r.endpoint  // '10.244.2.7:8080'
 */

export type Verdict = 'ACCEPT' | 'DROP' | 'REJECT'

export interface Step {
  table: TableName
  chain: string
  /** Position of the rule in its chain (0-based). */
  index: number
  rule: Rule
  matched: boolean
}

export interface ChainOutcome {
  /** 'return': the chain ran out (or hit RETURN) — the caller continues. */
  kind: 'return' | 'ACCEPT' | 'DROP' | 'REJECT' | 'DNAT' | 'MASQUERADE' | 'REDIRECT'
  rule?: Rule
}

export interface WalkState extends MatchContext {
  steps: Step[]
  /** Rules evaluated so far: the modelled per-packet cost. */
  count: number
  /** MASQUERADE's source address (the egress interface); default the first local address. */
  egressIP?: (pkt: Packet) => string
  /** REDIRECT's destination (the incoming interface's primary address). */
  redirectIP?: string
}

const MAX_DEPTH = 64

/** Walk one chain (following jumps); mutates `pkt` on DNAT / MASQUERADE / REDIRECT / MARK. */
export function walkChain(tables: IptablesTables, table: TableName, chain: string, pkt: Packet, st: WalkState, depth = 0): ChainOutcome {
  if (depth > MAX_DEPTH) return { kind: 'DROP' }
  const rules = chainRules(tables[table], chain)
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]
    st.count++
    const matched = ruleMatches(r, pkt, st)
    st.steps.push({ table, chain, index: i, rule: r, matched })
    if (!matched || !r.target) continue
    const t = r.target
    switch (t.j) {
      case 'chain': {
        const o = walkChain(tables, table, t.chain, pkt, st, depth + 1)
        if (o.kind !== 'return') return o
        continue
      }
      case 'RETURN': return { kind: 'return', rule: r }
      case 'MARK':
        pkt.mark = t.op === 'or' ? ((pkt.mark ?? 0) | t.mark) >>> 0 : ((pkt.mark ?? 0) ^ t.mark) >>> 0
        continue
      case 'DNAT': {
        const i2 = t.to.lastIndexOf(':')
        pkt.dst = t.to.slice(0, i2)
        pkt.dport = Number(t.to.slice(i2 + 1))
        st.dnatted = true
        return { kind: 'DNAT', rule: r }
      }
      case 'REDIRECT':
        pkt.dst = st.redirectIP ?? st.localAddresses[0] ?? '127.0.0.1'
        pkt.dport = t.toPorts
        st.dnatted = true
        return { kind: 'REDIRECT', rule: r }
      case 'MASQUERADE':
        pkt.src = st.egressIP?.(pkt) ?? st.localAddresses[0] ?? pkt.src
        return { kind: 'MASQUERADE', rule: r }
      default:
        return { kind: t.j, rule: r }
    }
  }
  return { kind: 'return' }
}

export interface HookResult {
  table: TableName
  hook: string
  verdict: Verdict
  /** The rule that decided (DNAT, REJECT, …); absent when the built-in policy accepted. */
  rule?: Rule
  translated?: 'DNAT' | 'MASQUERADE' | 'REDIRECT'
}

/** Run one table at one netfilter hook; the built-in chain's policy is ACCEPT. */
export function runHook(tables: IptablesTables, table: TableName, hook: string, pkt: Packet, st: WalkState): HookResult {
  const o = walkChain(tables, table, hook, pkt, st)
  if (o.kind === 'return') return { table, hook, verdict: 'ACCEPT' }
  if (o.kind === 'DNAT' || o.kind === 'MASQUERADE' || o.kind === 'REDIRECT') return { table, hook, verdict: 'ACCEPT', rule: o.rule, translated: o.kind }
  return { table, hook, verdict: o.kind, rule: o.rule }
}

export interface TraceOptions extends Omit<MatchContext, 'physdevIsIn' | 'dnatted'> {
  /** 'host': generated on the node (OUTPUT); 'pod': from a pod's veth (PREROUTING, bridged); 'network': from the NIC. */
  from: 'host' | 'pod' | 'network'
  egressIP?: (pkt: Packet) => string
  redirectIP?: string
  /** Keep unmatched steps too (default true); false keeps only matched rules. */
  recordMisses?: boolean
}

export interface TraceResult {
  verdict: Verdict
  /** Where an accepted packet goes: a local socket (INPUT) or out of the node (FORWARD / OUTPUT). */
  delivery?: 'local' | 'forward'
  original: Packet
  packet: Packet
  /** The DNAT target (`ip:port`) and the rule that chose it. */
  endpoint?: string
  dnatRule?: Rule
  masqueraded: boolean
  hooks: HookResult[]
  steps: Step[]
  rulesTraversed: number
}

/**
 * The whole first-packet path through one node:
 *  - from a pod or the network: nat PREROUTING → routing → filter INPUT (local) or filter FORWARD → nat POSTROUTING;
 *  - from the host: nat OUTPUT → routing → filter OUTPUT → nat POSTROUTING (→ filter INPUT if local).
 * A locally delivered packet does not traverse POSTROUTING (netfilter's real order).
 */
export function tracePacket(tables: IptablesTables, packet: Packet, opts: TraceOptions): TraceResult {
  const pkt: Packet = { ...packet, mark: packet.mark ?? 0 }
  const st: WalkState = { ...opts, physdevIsIn: opts.from === 'pod', dnatted: false, steps: [], count: 0 }
  if (opts.from === 'host' && !opts.redirectIP) st.redirectIP = '127.0.0.1'
  const hooks: HookResult[] = []
  let dnatRule: Rule | undefined
  const done = (verdict: Verdict, delivery?: TraceResult['delivery']): TraceResult => ({
    verdict, delivery, original: { ...packet }, packet: pkt,
    endpoint: dnatRule?.target?.j === 'DNAT' ? dnatRule.target.to : undefined, dnatRule,
    masqueraded: hooks.some((h) => h.translated === 'MASQUERADE'), hooks,
    steps: opts.recordMisses === false ? st.steps.filter((s) => s.matched) : st.steps, rulesTraversed: st.count,
  })
  const run = (table: TableName, hook: string): HookResult => {
    const h = runHook(tables, table, hook, pkt, st)
    hooks.push(h)
    if (h.translated === 'DNAT') dnatRule = h.rule
    return h
  }

  const first = run('nat', opts.from === 'host' ? 'OUTPUT' : 'PREROUTING')
  if (first.verdict !== 'ACCEPT') return done(first.verdict)
  const local = isLocalAddress(pkt.dst, st)
  if (opts.from !== 'host') {
    const f = run('filter', local ? 'INPUT' : 'FORWARD')
    if (f.verdict !== 'ACCEPT') return done(f.verdict)
    if (local) return done('ACCEPT', 'local')
  } else {
    const f = run('filter', 'OUTPUT')
    if (f.verdict !== 'ACCEPT') return done(f.verdict)
  }
  const post = run('nat', 'POSTROUTING')
  if (post.verdict !== 'ACCEPT') return done(post.verdict)
  if (opts.from === 'host' && local) {
    const f = run('filter', 'INPUT')
    return done(f.verdict, f.verdict === 'ACCEPT' ? 'local' : undefined)
  }
  return done('ACCEPT', 'forward')
}
