/**
 * What the Services feature needs from the engine's `Cluster`, method by method — all of it
 * optional, because kube-proxy, the packet tracer and the node shells arrive in the engine
 * independently of the UI. Each use is feature-detected: a missing method answers "not
 * available yet" instead of crashing, and starts working the moment the engine has it.
 *
 * The documented shapes (lead's contract, src/engine/cluster.ts):
 *   cluster.trace({ from: 'pod'|'external'|'node', namespace?, pod?, node?, url }) → { hops, response, code }
 *   cluster.exec(host, cmd) → { code, stdout, stderr }
 *   cluster.setProxyMode(mode, node?) ; cluster.proxyStatus() → KubeProxyStatus per node
 *   cluster.faults.stopKubeProxy(node) / startKubeProxy(node)
 */
import type { Hop, KubeProxyStatus, ProxyMode } from '../engine/index'
import type { TraceSource } from '../protocol'

export interface ExecOut {
  code: number
  stdout: string
  stderr: string
}

export interface EngineTraceOptions {
  from: 'pod' | 'external' | 'node'
  namespace?: string
  pod?: string
  node?: string
  url: string
}

export interface EngineTrace {
  hops: Hop[]
  response?: unknown
  code?: number
}

/** The part of the cluster every Services command uses (the runner's SimCluster has it). */
export interface ServicesHostBase {
  now(): number
  kubectl(line: string, stdin?: string): ExecOut
  advance(ms: number): void
}

export interface ServicesHost extends ServicesHostBase {
  exec?(host: string, command: string): ExecOut
  trace?(opts: EngineTraceOptions): EngineTrace | undefined
  setProxyMode?(mode: ProxyMode, node?: string): unknown
  proxyStatus?(): readonly KubeProxyStatus[] | Readonly<Record<string, KubeProxyStatus>>
  faults?: object
}

export class NotAvailable extends Error {}

/** The engine's per-node kube-proxy status as a list in node order, or undefined (no kube-proxy yet). */
export function readProxyStatus(host: ServicesHost): KubeProxyStatus[] | undefined {
  if (typeof host.proxyStatus !== 'function') return undefined
  const raw = host.proxyStatus()
  const list = Array.isArray(raw) ? [...raw] : Object.values(raw as Record<string, KubeProxyStatus>)
  return list.sort((a, b) => a.node.localeCompare(b.node, 'en', { numeric: true }))
}

export function traceOptions(source: TraceSource, url: string): EngineTraceOptions {
  switch (source.from) {
    case 'pod':
      return { from: 'pod', namespace: source.namespace, pod: source.pod, url }
    case 'node':
      return { from: 'node', node: source.node, url }
    case 'external':
      return { from: 'external', url }
  }
}

export function runTrace(host: ServicesHost, source: TraceSource, url: string): EngineTrace {
  if (typeof host.trace !== 'function') throw new NotAvailable('the packet tracer is not available in this engine yet (cluster.trace)')
  const t = host.trace(traceOptions(source, url))
  if (!t) throw new Error(`no trace for ${url}`)
  return t
}

export function exec(host: ServicesHost, node: string, command: string): ExecOut {
  if (typeof host.exec !== 'function') return { code: 127, stdout: '', stderr: 'node shells are not available in this engine yet (cluster.exec)\n' }
  return host.exec(node, command)
}

/** Call `cluster.faults[method](...args)` if the engine has it. */
export function callFault(host: ServicesHost, method: string, ...args: unknown[]): unknown {
  const api = host.faults as Record<string, unknown> | undefined
  const fn = api?.[method]
  if (typeof fn !== 'function') throw new NotAvailable(`the engine has no cluster.faults.${method} yet`)
  return (fn as (...a: unknown[]) => unknown).apply(api, args)
}
