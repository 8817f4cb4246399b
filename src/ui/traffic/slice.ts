/**
 * The traffic slice: what the worker told us about Services traffic and kube-proxy, and what
 * the person is looking at — the request being played hop by hop, the per-pod hit counters,
 * the stream, the rule tables of a node, the mode comparison and the scale experiment.
 *
 * Playback (`hop`, `playing`) changes once per hop, not per frame: the packet itself moves
 * with framer-motion values (PacketLayer.tsx), never through this store.
 */
import type {
  CompareMessage, HitsMessage, KubeProxyStatus, ProxyStatusMessage, RulesMessage, ScaleProgressMessage, TraceSource, TraceView, TrafficMessage,
} from '../../protocol'
import { EMPTY_SERVICES_INDEX, type ServicesIndex } from '../services/services-index'

export interface StreamView {
  id: number
  active: boolean
  perSecond: number
  url: string
  sent: number
  ok: number
  failed: number
}

export interface TrafficState {
  /** The mirror's Services and EndpointSlices by namespace, kept per diff (services-index.ts). */
  svcIndex: ServicesIndex
  proxy: { available: boolean; nodes: readonly KubeProxyStatus[] }
  /** The request being played on the canvas. */
  trace: TraceView | null
  /** Index of the hop shown (−1: not started). */
  hop: number
  /** Playback advances by itself. */
  tracePlaying: boolean
  hits: Omit<HitsMessage, 'type'>
  stream: StreamView | null
  /** The newest streamed request and its batch (the canvas flies a dot and flashes pods); `seq` counts batches. */
  streamPulse: { seq: number; last?: TraceView; batchHits: Record<string, number> }
  /** The last rule tables read per node. */
  rules: Readonly<Record<string, RulesMessage>>
  /** The node the Rules view shows. */
  rulesNode: string | null
  compare: CompareMessage | null
  comparing: boolean
  scale: ScaleProgressMessage | null
  /** The last failure of a Services request, shown in the traffic panel. */
  svcError: string | null
  /** The traffic form, kept across tab switches. */
  trafficForm: { source: TraceSource; url: string; perSecond: number }
}

export interface TrafficActions {
  setProxyStatus(m: ProxyStatusMessage): void
  showTrace(t: TraceView, play?: boolean): void
  setHop(i: number): void
  setTracePlaying(p: boolean): void
  setHits(m: HitsMessage): void
  onTraffic(m: TrafficMessage): void
  setStream(s: StreamView | null): void
  setRules(m: RulesMessage): void
  setRulesNode(node: string | null): void
  setCompare(m: CompareMessage | null, comparing?: boolean): void
  setScale(m: ScaleProgressMessage): void
  setSvcError(e: string | null): void
  setTrafficForm(f: Partial<TrafficState['trafficForm']>): void
}

export const INITIAL_TRAFFIC: TrafficState = {
  svcIndex: EMPTY_SERVICES_INDEX,
  proxy: { available: false, nodes: [] },
  trace: null,
  hop: -1,
  tracePlaying: false,
  hits: { hits: {}, total: 0, failed: 0 },
  stream: null,
  streamPulse: { seq: 0, batchHits: {} },
  rules: {},
  rulesNode: null,
  compare: null,
  comparing: false,
  scale: null,
  svcError: null,
  trafficForm: { source: { from: 'external' }, url: '', perSecond: 5 },
}

type Set = (partial: Partial<TrafficState>) => void
type Get = () => TrafficState

/** The slice's actions, for the one store (store/index.ts). */
export function trafficActions(set: Set, get: Get): TrafficActions {
  return {
    setProxyStatus: (m) => set({ proxy: { available: m.available, nodes: m.nodes } }),
    showTrace: (trace, play = true) => set({ trace, hop: play ? 0 : trace.hops.length - 1, tracePlaying: play, svcError: null }),
    setHop: (i) => {
      const n = get().trace?.hops.length ?? 0
      set({ hop: Math.max(0, Math.min(n - 1, i)) })
    },
    setTracePlaying: (tracePlaying) => set({ tracePlaying }),
    setHits: (m) => set({ hits: { hits: m.hits, total: m.total, failed: m.failed } }),
    onTraffic: (m) => {
      const s = get()
      const stream = s.stream && s.stream.id === m.streamId ? { ...s.stream, active: m.active, sent: m.sent, ok: m.ok, failed: m.failed } : s.stream
      set({ stream, streamPulse: m.last || Object.keys(m.batchHits).length ? { seq: s.streamPulse.seq + 1, last: m.last, batchHits: m.batchHits } : s.streamPulse })
    },
    setStream: (stream) => set({ stream }),
    setRules: (m) => set({ rules: { ...get().rules, [m.node]: m } }),
    setRulesNode: (rulesNode) => set({ rulesNode }),
    setCompare: (compare, comparing = false) => set({ compare, comparing }),
    setScale: (scale) => set({ scale }),
    setSvcError: (svcError) => set({ svcError }),
    setTrafficForm: (f) => set({ trafficForm: { ...get().trafficForm, ...f } }),
  }
}

/** kube-proxy's status on one node. */
export function proxyOf(s: TrafficState, node: string): KubeProxyStatus | undefined {
  return s.proxy.nodes.find((n) => n.node === node)
}
