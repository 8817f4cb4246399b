/**
 * The Services feature's messages (traffic, node shells, rule tables, kube-proxy modes and
 * faults, the scale experiment), as members of the protocol unions in `protocol.ts`.
 *
 * Every request carries an `id` from the UI's services client (src/ui/traffic/client.ts) and is
 * answered by a message of its own type with the same `id` — never by the core `result`, so the
 * two id spaces can never answer each other's requests. Failures come back as `svcError`.
 *
 * @example
 *   worker.postMessage({ type: 'trace', id: 7, source: { from: 'external' }, url: 'http://172.18.0.2:31234/' })
 *   // ← { type: 'traceResult', id: 7, result: { hops: [...], response: 'web-6d4f…', code: 0, ... } }
 */
import type { Addr, Hop, HopCost, KubeProxyStatus, ProxyMode } from './engine/index'

export type { Addr, Hop, HopCost, KubeProxyStatus, ProxyMode }

/** The three modes, in history order (userspace 2015 → iptables → IPVS). */
export const PROXY_MODES = ['userspace', 'iptables', 'ipvs'] as const satisfies readonly ProxyMode[]

export function isProxyMode(v: unknown): v is ProxyMode {
  return typeof v === 'string' && (PROXY_MODES as readonly string[]).includes(v)
}

/** Where a request starts: a pod's network namespace, the host outside the cluster, or a node's own shell. */
export type TraceSource = { from: 'pod'; namespace: string; pod: string } | { from: 'external' } | { from: 'node'; node: string }

// ---- UI → worker ------------------------------------------------------------------------------

/** Send one request (`curl <url>` from the source) and trace it hop by hop. */
export interface TraceRequest {
  type: 'trace'
  id: number
  source: TraceSource
  url: string
}

/** Start (perSecond > 0) or stop (0) a steady stream of requests on virtual time. One stream at a time. */
export interface StreamRequest {
  type: 'stream'
  id: number
  source: TraceSource
  url: string
  perSecond: number
}

/** Zero the per-pod hit counters. */
export interface TrafficResetRequest {
  type: 'trafficReset'
  id: number
}

/** A command in a node's shell (`iptables-save`, `ipvsadm -Ln`, …) or on `external`. */
export interface ExecRequest {
  type: 'exec'
  id: number
  host: string
  command: string
}

/** Restart kube-proxy with `--proxy-mode=<mode>` on one node, or on every node. */
export interface ProxyModeRequest {
  type: 'proxyMode'
  id: number
  mode: ProxyMode
  node?: string
}

/** Stop or start kube-proxy on a node (the fault "kube-proxy stops"). */
export interface ProxyFaultRequest {
  type: 'proxyFault'
  id: number
  node: string
  action: 'stop' | 'start'
}

/** The rule tables of one node, as its shell prints them. */
export interface RulesRequest {
  type: 'rules'
  id: number
  node: string
}

/** The same request under userspace, iptables and IPVS, side by side. */
export interface CompareRequest {
  type: 'compareModes'
  id: number
  source: TraceSource
  url: string
}

/** Grow the scale experiment to `total` Services (0 removes them all). */
export interface ScaleServicesRequest {
  type: 'scaleServices'
  id: number
  total: number
}

export type ServicesToWorker =
  | TraceRequest
  | StreamRequest
  | TrafficResetRequest
  | ExecRequest
  | ProxyModeRequest
  | ProxyFaultRequest
  | RulesRequest
  | CompareRequest
  | ScaleServicesRequest

export const SERVICES_REQUEST_TYPES = ['trace', 'stream', 'trafficReset', 'exec', 'proxyMode', 'proxyFault', 'rules', 'compareModes', 'scaleServices'] as const

// ---- worker → UI ------------------------------------------------------------------------------

/** One traced request, as the UI draws it. */
export interface TraceView {
  source: TraceSource
  url: string
  /** Virtual ms when it was sent. */
  at: number
  hops: Hop[]
  /** What the client printed (the serving pod's name, or curl's error). */
  response: string
  /** curl's exit code: 0 ok, 7 refused, 28 timed out, … */
  code: number
  /** `namespace/name` of the pod that answered, if any. */
  servedBy?: string
  /** Sum of the hops' costs. */
  cost: HopCost
  /** The proxy mode of the node where the Service was resolved (the first node hop). */
  mode?: ProxyMode
}

export interface TraceResultMessage {
  type: 'traceResult'
  id: number
  result: TraceView
}

/** What happened to the stream since the last message (at most one per tick). */
export interface TrafficMessage {
  type: 'traffic'
  streamId: number
  /** The stream still runs. */
  active: boolean
  sent: number
  ok: number
  failed: number
  /** The newest request of this batch (the UI animates it). */
  last?: TraceView
  /** Requests in this batch, per serving pod (`namespace/name`), for quick flashes. */
  batchHits: Record<string, number>
}

/** Per-pod hit counters since the last reset (every trace counts, single or streamed). */
export interface HitsMessage {
  type: 'hits'
  hits: Record<string, number>
  total: number
  failed: number
}

/** A shell command's output (answer to `exec`, `proxyMode`, `proxyFault`, `trafficReset`, `stream`). */
export interface SvcResultMessage {
  type: 'svcResult'
  id: number
  code: number
  stdout: string
  stderr: string
  /** The command as a person would type it (`node-1$ iptables-save`, `kube-proxy --proxy-mode=ipvs`). */
  command: string
}

/** kube-proxy on every node; posted when it changes. `available: false` until the engine has kube-proxy. */
export interface ProxyStatusMessage {
  type: 'proxyStatus'
  available: boolean
  nodes: KubeProxyStatus[]
}

export interface RulesSection {
  /** The command that printed it: `iptables-save`, `ipvsadm -Ln`, `iptables-save -t nat`. */
  command: string
  text: string
}

export interface RulesMessage {
  type: 'rulesResult'
  id: number
  node: string
  mode?: ProxyMode
  running?: boolean
  /** Virtual ms the tables were read at. */
  at: number
  sections: RulesSection[]
}

export interface CompareColumn {
  mode: ProxyMode
  result?: TraceView
  error?: string
}

export interface CompareMessage {
  type: 'compareResult'
  id: number
  columns: CompareColumn[]
  /** How the comparison was made: in scratch copies of the cluster, or by switching the live one. */
  method: 'scratch' | 'live'
  /** Published figures about the modes (REFERENCE 12: P7, P8, P9, P12). */
  facts: PerfFactView[]
}

/** One measurement of the scale experiment: N Services, rule counts per node, per-packet cost. */
export interface ScalePoint {
  services: number
  endpoints: number
  mode: ProxyMode
  /** Virtual ms of the measurement. */
  at: number
  nodes: { node: string; nat: number; filter: number; total: number; chains: number; virtualServers?: number }[]
  /** Rules etc. a traced first packet from node-1 to the last Service actually cost. */
  measured?: HopCost
  /** The modelled average per-packet cost in each mode at this size (proxy/cost.ts `modelledCost`). */
  modelled: Record<ProxyMode, { rulesTraversed: number; hashLookups: number; copiesPerByte: number; contextSwitches: number; tcpConnections: number }>
}

/** A published figure (REFERENCE 12, proxy/cost.ts PERF_FACTS) for the captions. */
export interface PerfFactView {
  id: string
  figures: Record<string, number | string>
  summary: string
  source: string
}

export interface ScaleProgressMessage {
  type: 'scaleProgress'
  id: number
  /** Target of the current run. */
  total: number
  /** Services of the experiment that exist now. */
  created: number
  phase: 'preparing' | 'creating' | 'deleting' | 'syncing' | 'measuring' | 'done' | 'error'
  /** The kubectl line behind the current batch. */
  command?: string
  error?: string
  points: ScalePoint[]
  facts: PerfFactView[]
}

export interface SvcErrorMessage {
  type: 'svcError'
  id: number
  message: string
}

export type ServicesFromWorker =
  | TraceResultMessage
  | TrafficMessage
  | HitsMessage
  | SvcResultMessage
  | ProxyStatusMessage
  | RulesMessage
  | CompareMessage
  | ScaleProgressMessage
  | SvcErrorMessage

export const SERVICES_MESSAGE_TYPES = ['traceResult', 'traffic', 'hits', 'svcResult', 'proxyStatus', 'rulesResult', 'compareResult', 'scaleProgress', 'svcError'] as const

export function isServicesRequest(m: { type: string }): m is ServicesToWorker {
  return (SERVICES_REQUEST_TYPES as readonly string[]).includes(m.type)
}

export function isServicesMessage(m: { type: string }): m is ServicesFromWorker {
  return (SERVICES_MESSAGE_TYPES as readonly string[]).includes(m.type)
}
