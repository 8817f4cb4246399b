/**
 * The same request under userspace, iptables and IPVS, side by side. The worker restarts
 * kube-proxy on every node with each `--proxy-mode` in turn (exactly what the mode switch does),
 * lets virtual time run until every running kube-proxy has synced its new tables, sends the
 * request, and finally puts each node back in the mode it had. The clock moves a few virtual
 * seconds; nothing else changes (the Services, endpoints and pods stay as they were).
 */
import type { KubeProxyStatus, ProxyMode } from '../engine/index'
import type { CompareColumn, CompareMessage, TraceSource } from '../protocol'
import { PROXY_MODES } from '../protocol'
import { NotAvailable, readProxyStatus, runTrace, type ServicesHost } from './services-host'
import { toTraceView } from './traffic'
import { MODE_FACTS, factViews } from './scale-experiment'

/** Virtual time to wait for a sync before giving up (kube-proxy's min sync period is 1 s). */
const SYNC_WAIT_MS = 10_000
const STEP_MS = 250

/**
 * Advance until every running kube-proxy runs `mode(node)`, has nothing pending, and — if it
 * was restarted (`restarted`) — has synced since `since`.
 */
export function waitForSync(host: ServicesHost, mode: (node: string) => ProxyMode, since: number, restarted: ReadonlySet<string>): KubeProxyStatus[] {
  const deadline = host.now() + SYNC_WAIT_MS
  for (;;) {
    const status = readProxyStatus(host) ?? []
    const done = status.every((s) => !s.running || (s.mode === mode(s.node) && !s.pendingChanges && (!restarted.has(s.node) || (s.lastSyncAt ?? -1) >= since)))
    if (done || host.now() >= deadline) return status
    host.advance(STEP_MS)
  }
}

export function compareModes(host: ServicesHost, id: number, source: TraceSource, url: string): CompareMessage {
  if (typeof host.setProxyMode !== 'function') throw new NotAvailable('switching proxy modes is not available in this engine yet (cluster.setProxyMode)')
  const before = readProxyStatus(host) ?? []
  const original = new Map(before.map((s) => [s.node, s.mode]))
  const columns: CompareColumn[] = []
  let current = new Map(original)
  for (const mode of PROXY_MODES) {
    const since = host.now()
    const restarted = new Set([...current].filter(([, m]) => m !== mode).map(([n]) => n))
    host.setProxyMode(mode)
    current = new Map([...current].map(([n]) => [n, mode]))
    waitForSync(host, () => mode, since, restarted)
    try {
      columns.push({ mode, result: toTraceView(runTrace(host, source, url), source, url, host.now()) })
    } catch (e) {
      columns.push({ mode, error: e instanceof Error ? e.message : String(e) })
    }
  }
  const since = host.now()
  const restarted = new Set([...original].filter(([n, m]) => current.get(n) !== m).map(([n]) => n))
  for (const [node, mode] of original) host.setProxyMode(mode, node)
  waitForSync(host, (n) => original.get(n) ?? 'iptables', since, restarted)
  return { type: 'compareResult', id, columns, method: 'live', facts: factViews(MODE_FACTS) }
}
