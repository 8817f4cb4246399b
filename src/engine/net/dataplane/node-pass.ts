import { tracePacket, type HookResult, type Step, type TraceOptions, type TraceResult } from '../../proxy/iptables/evaluate'
import type { Packet } from '../../proxy/iptables/match'
import { saveLine } from '../../proxy/iptables/format'
import { isBuiltin, type Rule } from '../../proxy/iptables/types'
import { traceIpvs, type IpvsTraceResult } from '../../proxy/ipvs/path'
import type { RealServer, VirtualServer } from '../../proxy/ipvs/ipvs'
import { isClosed, type CtEntry, type CtProto } from './conntrack'
import type { ChangeKind, RuleRef } from './hops'
import type { NodeKernel } from './kernel'
import type { HopRecorder } from './recorder'

/**
 * One packet through one node's kernel: conntrack first — a packet of a known flow is
 * translated by its entry and skips the nat rules — otherwise the first packet walks the
 * tables the node holds *now* (`tracePacket` for iptables and userspace mode, `traceIpvs`
 * for IPVS mode), and the flow is confirmed in conntrack with the translation it got.
 * Each netfilter hook becomes a hop with its matched rules and its cost.
 *
 * @example
 *   const r = passNode(kernel, { src: '10.244.1.3', sport: 40000, dst: '10.96.45.12', dport: 80, proto: 'tcp' }, 'pod', env)
 *   r.packet.dst   // '10.244.2.7' — DNATed by KUBE-SEP-…
 */

/** How the packet reached the node: from a local pod's veth, from the NIC, or from a local process. */
export type Entry = 'pod' | 'network' | 'host'

export interface PassEnv {
  now: number
  rand: () => number
  rec: HopRecorder
}

export interface PassResult {
  verdict: 'ACCEPT' | 'DROP' | 'REJECT'
  delivery?: 'local' | 'forward'
  packet: Packet
  /** The conntrack entry the packet created or followed on this node. */
  ct?: CtEntry
  /** The flow was already known: conntrack translated it. */
  established: boolean
  /** IPVS's choice (for the ActiveConn/InActConn counters). */
  ipvs?: { vs: VirtualServer; rs: RealServer }
}

export function passNode(k: NodeKernel, input: Packet, entry: Entry, env: PassEnv): PassResult {
  const proto = input.proto as CtProto
  const tuple = { src: input.src, sport: input.sport, dst: input.dst, dport: input.dport }
  const hit = k.conntrack.lookup(proto, tuple, env.now)
  if (hit && !(hit.dir === 'original' && isClosed(hit.entry))) return followConntrack(k, input, hit.entry, hit.dir, env)
  // A SYN on a closed entry reopens the flow: the kernel kills the old entry, the packet is NEW.
  if (hit) k.conntrack.remove(hit.entry)
  return firstPacket(k, input, entry, env)
}

function followConntrack(k: NodeKernel, input: Packet, ct: CtEntry, dir: 'original' | 'reply', env: PassEnv): PassResult {
  const out: Packet = { ...input }
  let kind: ChangeKind | undefined
  let field: 'src' | 'dst' | 'both' = 'dst'
  if (dir === 'original') {
    out.dst = ct.reply.src
    out.dport = ct.reply.sport
    out.src = ct.reply.dst
    out.sport = ct.reply.dport
    const d = out.dst !== input.dst || out.dport !== input.dport
    const s = out.src !== input.src || out.sport !== input.sport
    if (d || s) [kind, field] = [d ? 'DNAT' : 'SNAT', d && s ? 'both' : d ? 'dst' : 'src']
  } else {
    out.src = ct.orig.dst
    out.sport = ct.orig.dport
    out.dst = ct.orig.src
    out.dport = ct.orig.sport
    const s = out.src !== input.src || out.sport !== input.sport
    const d = out.dst !== input.dst || out.dport !== input.dport
    if (d || s) [kind, field] = [s ? 'un-DNAT' : 'un-SNAT', d && s ? 'both' : s ? 'src' : 'dst']
    k.conntrack.replied(ct, env.now)
  }
  const what = dir === 'original'
    ? `${ct.state ?? 'known'} flow: conntrack ${kind ? `applies the same ${kind}` : 'passes it'}; the nat rules are skipped`
    : `reply of a tracked flow: conntrack ${kind ? `reverses the translation (${kind})` : 'passes it'}`
  env.rec.add({
    kind: 'conntrack', where: { kind: 'node', node: k.node }, packet: out, verdict: 'ACCEPT',
    change: kind ? { kind, field, from: env.rec.view(input), to: env.rec.view(out) } : undefined,
    cost: { hashLookups: 1 }, text: `${k.node}: ${what}`,
  })
  return { verdict: 'ACCEPT', delivery: k.isLocal(out.dst) ? 'local' : 'forward', packet: out, ct, established: true }
}

function firstPacket(k: NodeKernel, input: Packet, entry: Entry, env: PassEnv): PassResult {
  const opts: TraceOptions = {
    from: entry, rand: env.rand, now: env.now, recent: k.recent, localAddresses: k.localAddresses(),
    egressIP: (p) => k.egressIP(p.dst),
    // REDIRECT sends to the primary address of the interface the packet came in on.
    redirectIP: entry === 'pod' ? k.bridgeIP() : entry === 'network' ? k.ip : undefined,
  }
  let res: TraceResult | IpvsTraceResult
  if (k.mode === 'ipvs' && k.ipvs) {
    k.expireIpvs(env.now)
    res = traceIpvs(k.ipvs, k.ipvsRuntime, input, opts)
  } else res = tracePacket(k.iptables, input, opts)
  recordHooks(k, input, entry, res, env)
  const out: Packet = { ...res.packet }
  delete out.mark
  if (res.verdict !== 'ACCEPT') return { verdict: res.verdict, packet: out, established: false }
  const ct = k.conntrack.insert(input.proto as CtProto, { src: input.src, sport: input.sport, dst: input.dst, dport: input.dport },
    { src: out.dst, sport: out.dport, dst: out.src, dport: out.sport }, env.now)
  const ipvs = 'virtualServer' in res && res.virtualServer && res.realServer ? { vs: res.virtualServer, rs: res.realServer } : undefined
  return { verdict: 'ACCEPT', delivery: res.delivery, packet: out, ct, established: false, ipvs }
}

/** Split the evaluator's flat step list into its hooks (a built-in chain is only ever entered as a hook). */
export function groupSteps(hooks: readonly HookResult[], steps: readonly Step[]): Step[][] {
  const groups: Step[][] = hooks.map(() => [])
  let cur = 0
  for (const s of steps) {
    if (isBuiltin(s.table, s.chain))
      for (let j = cur; j < hooks.length; j++)
        if (hooks[j].table === s.table && hooks[j].hook === s.chain) {
          cur = j
          break
        }
    groups[cur]?.push(s)
  }
  return groups
}

export function ruleRef(s: Pick<Step, 'table' | 'chain' | 'index' | 'rule'>): RuleRef {
  return { table: s.table, chain: s.chain, index: s.index + 1, line: saveLine(s.rule) }
}

function refOf(rule: Rule | undefined, steps: readonly Step[]): RuleRef | undefined {
  const s = rule && steps.find((x) => x.rule === rule && x.matched)
  return s ? ruleRef(s) : undefined
}

function recordHooks(k: NodeKernel, input: Packet, entry: Entry, res: TraceResult | IpvsTraceResult, env: PassEnv): void {
  const groups = groupSteps(res.hooks, res.steps)
  const ipvsRes = 'ipvsLookups' in res && res.ipvsLookups > 0 ? res : undefined
  // IPVS sits at LOCAL_OUT (after nat OUTPUT) for the node's own traffic, else at LOCAL_IN (after filter INPUT).
  const ipvsAfter = ipvsRes ? res.hooks.findIndex((h) => (entry === 'host' ? h.table === 'nat' && h.hook === 'OUTPUT' : h.table === 'filter' && h.hook === 'INPUT')) : -1
  const cur: Packet = { ...input }
  res.hooks.forEach((h, i) => {
    const before = { ...cur }
    const t = h.rule?.target
    let kind: ChangeKind | undefined
    if (h.translated === 'DNAT' && t?.j === 'DNAT') {
      const at = t.to.lastIndexOf(':')
      ;[cur.dst, cur.dport, kind] = [t.to.slice(0, at), Number(t.to.slice(at + 1)), 'DNAT']
    } else if (h.translated === 'REDIRECT' && t?.j === 'REDIRECT') [cur.dst, cur.dport, kind] = [res.packet.dst, t.toPorts, 'REDIRECT']
    else if (h.translated === 'MASQUERADE') [cur.src, kind] = [res.packet.src, 'MASQUERADE']
    const group = groups[i] ?? []
    const matched = group.filter((s) => s.matched)
    const jumps = matched.filter((s) => s.rule.target?.j === 'chain').map((s) => (s.rule.target as { chain: string }).chain)
    const decisive = refOf(h.rule, group)
    const outcome = kind ? `${kind} → ${kind === 'MASQUERADE' ? cur.src : `${cur.dst}:${cur.dport}`}` : h.verdict === 'ACCEPT' ? 'ACCEPT' : h.verdict
    env.rec.add({
      kind: 'netfilter', where: { kind: 'node', node: k.node, table: h.table, hook: h.hook }, packet: cur,
      rules: matched.map(ruleRef), decisive, verdict: h.verdict,
      change: kind ? { kind, field: kind === 'MASQUERADE' ? 'src' : 'dst', from: env.rec.view(before), to: env.rec.view(cur) } : undefined,
      cost: { rules: group.length, hashLookups: group.filter((s) => s.rule.args.some((a) => a.m === 'set')).length },
      text: `${k.node} ${h.table} ${h.hook}: ${[...jumps, outcome].join(' → ')} (${group.length} rule${group.length === 1 ? '' : 's'} evaluated)`,
    })
    if (i === ipvsAfter && ipvsRes) recordIpvs(k, cur, ipvsRes, env)
  })
}

function recordIpvs(k: NodeKernel, cur: Packet, res: IpvsTraceResult, env: PassEnv): void {
  const before = { ...cur }
  const vs = res.virtualServer
  if (!vs) {
    env.rec.add({ kind: 'ipvs', where: { kind: 'node', node: k.node }, packet: cur, cost: { hashLookups: res.ipvsLookups },
      text: `${k.node} IPVS: no virtual server for ${cur.dst}:${cur.dport} — a local socket gets it` })
    return
  }
  const rs = res.realServer
  const name = `${vs.protocol} ${vs.address}:${vs.port} ${vs.scheduler}`
  if (!rs) {
    env.rec.add({ kind: 'ipvs', where: { kind: 'node', node: k.node }, packet: cur, verdict: 'REJECT', cost: { hashLookups: res.ipvsLookups },
      ipvs: { virtualServer: name, scheduler: vs.scheduler }, text: `${k.node} IPVS: ${name} has no real servers — ICMP port unreachable` })
    return
  }
  cur.dst = rs.address
  cur.dport = rs.port
  env.rec.add({
    kind: 'ipvs', where: { kind: 'node', node: k.node }, packet: cur, verdict: 'ACCEPT', cost: { hashLookups: res.ipvsLookups },
    ipvs: { virtualServer: name, scheduler: vs.scheduler, realServer: `${rs.address}:${rs.port}`, persistent: res.persistent },
    change: { kind: 'DNAT', field: 'dst', from: env.rec.view(before), to: env.rec.view(cur) },
    text: `${k.node} IPVS: ${name} → ${rs.address}:${rs.port} (${res.persistent ? 'persistence template' : `scheduler ${vs.scheduler}`}, one hash lookup)`,
  })
}
