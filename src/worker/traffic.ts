/**
 * Requests for the traffic panel: one traced request as the UI draws it (`toTraceView`), the
 * per-pod hit counters that make the load-balancing visible (random in iptables mode,
 * round-robin in IPVS rr and userspace, sticky with ClientIP affinity), and a steady stream of
 * requests on *virtual* time — N per virtual second, so pausing the clock pauses the stream and
 * 10× speed sends ten times as many per wall second.
 */
import type { Hop, HopCost, ProxyMode } from '../engine/index'
import type { HitsMessage, TraceSource, TraceView, TrafficMessage } from '../protocol'
import type { EngineTrace } from './services-host'

/** Most requests one tick may send; a stream that falls further behind skips the excess. */
export const MAX_STREAM_PER_TICK = 25

/** Streams faster than this are refused (a request is a full trace through the tables). */
export const MAX_PER_SECOND = 50

export function sumCost(hops: readonly Hop[]): HopCost {
  const t = { rules: 0, hashLookups: 0, contextSwitches: 0, copies: 0 }
  for (const h of hops) {
    t.rules += h.cost?.rules ?? 0
    t.hashLookups += h.cost?.hashLookups ?? 0
    t.contextSwitches += h.cost?.contextSwitches ?? 0
    t.copies += h.cost?.copies ?? 0
  }
  return t
}

/**
 * The pod that answered: where the request was delivered (the last `deliver` hop of the
 * request phase that reached a pod and was not refused), else where the first reply left.
 */
export function servedBy(hops: readonly Hop[], code: number): string | undefined {
  if (code !== 0) return undefined
  let pod: string | undefined
  for (const h of hops) {
    if (h.phase !== 'request') continue
    if (h.kind === 'deliver' && h.where.kind === 'pod' && h.where.pod && h.verdict !== 'DROP' && h.verdict !== 'REJECT') pod = h.where.pod
  }
  if (pod) return pod
  return hops.find((h) => h.phase === 'reply' && h.where.kind === 'pod' && h.where.pod)?.where.pod
}

/** Which mode resolved the Service, from the path itself: a userspace proxy hop, an IPVS lookup, or netfilter only. */
export function modeOf(hops: readonly Hop[]): ProxyMode | undefined {
  // A REDIRECT to a proxy port is userspace mode even when the proxy never answered (kube-proxy stopped).
  if (hops.some((h) => h.kind === 'kube-proxy' || (h.kind === 'netfilter' && h.change?.kind === 'REDIRECT'))) return 'userspace'
  if (hops.some((h) => h.kind === 'ipvs')) return 'ipvs'
  if (hops.some((h) => h.kind === 'netfilter' && h.change?.kind === 'DNAT')) return 'iptables'
  return undefined
}

interface ResponseLike {
  status?: number
  body?: string
  servedBy?: { kind?: string; name?: string }
  error?: { code?: number; message?: string }
}

/** What curl printed: the body, or its error (`curl: (7) Failed to connect …`). */
function responseText(r: unknown): string {
  if (r == null) return ''
  if (typeof r === 'string') return r
  if (typeof r === 'object') {
    const o = r as ResponseLike
    if (o.error?.message) return `curl: (${o.error.code ?? '?'}) ${o.error.message}`
    if (typeof o.body === 'string') return o.body
  }
  return JSON.stringify(r)
}

export function toTraceView(t: EngineTrace, source: TraceSource, url: string, at: number): TraceView {
  const hops = Array.isArray(t.hops) ? t.hops : []
  const code = typeof t.code === 'number' ? t.code : 0
  const view: TraceView = { source, url, at, hops, response: responseText(t.response).trimEnd(), code, cost: sumCost(hops) }
  // The engine says who answered; otherwise read it off the path.
  const said = (t.response as ResponseLike | undefined)?.servedBy
  const by = said?.kind === 'pod' && said.name ? said.name : said ? undefined : servedBy(hops, code)
  if (by) view.servedBy = by
  const mode = modeOf(hops)
  if (mode) view.mode = mode
  return view
}

/** Per-pod hit counters since the last reset. */
export class HitCounter {
  private hits: Record<string, number> = {}
  private total = 0
  private failed = 0
  /** The UI starts at zero: nothing to say until a request counts. */
  private dirty = false

  count(v: TraceView): void {
    this.total++
    if (v.servedBy) this.hits = { ...this.hits, [v.servedBy]: (this.hits[v.servedBy] ?? 0) + 1 }
    else this.failed++
    this.dirty = true
  }

  reset(): void {
    this.hits = {}
    this.total = 0
    this.failed = 0
    this.dirty = true
  }

  /** The counters, if they changed since the last call. */
  take(): HitsMessage | undefined {
    if (!this.dirty) return undefined
    this.dirty = false
    return { type: 'hits', hits: this.hits, total: this.total, failed: this.failed }
  }
}

export interface StreamSpec {
  id: number
  source: TraceSource
  url: string
  perSecond: number
}

/** A steady stream: request k is due at `start + k × 1000 / perSecond` virtual ms. */
export class Stream {
  private sent = 0
  private ok = 0
  private failed = 0

  constructor(
    readonly spec: StreamSpec,
    private readonly start: number,
  ) {}

  /** How many requests are due at virtual time `now` (capped; the excess is skipped, not queued). */
  due(now: number): number {
    const should = Math.floor(((now - this.start) * this.spec.perSecond) / 1000) + 1
    const owed = should - this.sent
    if (owed > MAX_STREAM_PER_TICK) {
      this.sent = should - MAX_STREAM_PER_TICK
      return MAX_STREAM_PER_TICK
    }
    return Math.max(0, owed)
  }

  /** Send what is due through `send`; returns the message for the UI, or undefined if nothing was due. */
  run(now: number, send: () => TraceView | undefined, active = true): TrafficMessage | undefined {
    const n = this.due(now)
    if (!n) return undefined
    const batchHits: Record<string, number> = {}
    let last: TraceView | undefined
    for (let i = 0; i < n; i++) {
      const v = send()
      this.sent++
      if (!v) {
        this.failed++
        continue
      }
      last = v
      if (v.servedBy) {
        this.ok++
        batchHits[v.servedBy] = (batchHits[v.servedBy] ?? 0) + 1
      } else this.failed++
    }
    return { type: 'traffic', streamId: this.spec.id, active, sent: this.sent, ok: this.ok, failed: this.failed, last, batchHits }
  }

  stopped(): TrafficMessage {
    return { type: 'traffic', streamId: this.spec.id, active: false, sent: this.sent, ok: this.ok, failed: this.failed, batchHits: {} }
  }
}
