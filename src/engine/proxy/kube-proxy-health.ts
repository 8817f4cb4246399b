import { utcDate } from '../clock'
import type { HttpAnswer } from '../net/dataplane/kernel'
import { categorizeEndpoints, endpointsOf } from './endpoints'
import { externalPolicyLocal, type ProxyModel } from './model'

/**
 * kube-proxy's two HTTP servers on every node:
 * - the proxier health server on `0.0.0.0:10256` (`pkg/proxy/healthcheck/proxier_health.go`):
 *   `/healthz` (200 while synced and the node is not being deleted) and `/livez`;
 * - one server per `healthCheckNodePort` of a LoadBalancer Service with eTP=Local
 *   (`service_health.go`): 200 when this node has local endpoints and the proxy is healthy,
 *   else 503 — what a cloud load balancer probes to pick nodes (REFERENCE 8.4).
 *
 * @example
 *   serviceHealth(model, 32001, true)   // { status: 200, body: '{\n\t"service": {…' }
 */

export const PROXY_HEALTHZ_PORT = 10256

const JSON_HEADERS = (extra: [string, string][] = []): [string, string][] => [
  ['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff'], ...extra,
]

/** Go's `%q` of a time.Time: its String() form, quoted (without the monotonic reading). */
function goTime(virtualEpochMs: number, ms: number): string {
  const d = utcDate(virtualEpochMs + ms)
  const p = (n: number, w = 2): string => String(n).padStart(w, '0')
  const frac = ms % 1000 ? `.${p(Math.floor(ms % 1000), 3)}` : ''
  return `"${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${frac} +0000 UTC"`
}

export interface HealthState {
  /** Virtual ms of the last successful sync. */
  lastUpdated: number
  now: number
  /** Whether a change is queued and late (older than the health timeout, 2 × the sync period). */
  healthy: boolean
  /** The node is not being deleted (no ToBeDeletedByClusterAutoscaler taint, no deletionTimestamp). */
  nodeEligible: boolean
  virtualEpochMs: number
}

/** `/healthz` and `/livez` on port 10256. */
export function proxierHealth(path: string, h: HealthState): HttpAnswer {
  const now = goTime(h.virtualEpochMs, h.now)
  if (path === '/livez') {
    const ok = h.healthy
    return { status: ok ? 200 : 503, headers: JSON_HEADERS(), body: `{"lastUpdated": ${ok ? now : goTime(h.virtualEpochMs, h.lastUpdated)},"currentTime": ${now}}` }
  }
  if (path !== '/healthz') return { status: 404, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], body: '404 page not found\n' }
  const ok = h.healthy && h.nodeEligible
  // A healthy server reports lastUpdated = now, as older releases did (compatibility note upstream).
  const last = ok ? now : goTime(h.virtualEpochMs, h.lastUpdated)
  return { status: ok ? 200 : 503, headers: JSON_HEADERS(), body: `{"lastUpdated": ${last},"currentTime": ${now}, "nodeEligible": ${h.nodeEligible}}` }
}

/** The namespace/name and local endpoint count behind a health-check node port, if any. */
export function healthCheckService(model: ProxyModel, port: number): { namespace: string; name: string; localEndpoints: number } | undefined {
  for (const svc of model.services) {
    if (svc.healthCheckNodePort !== port || !externalPolicyLocal(svc)) continue
    // Counted over every port of the Service; upstream counts the ready local endpoints of the first.
    const { local } = categorizeEndpoints(endpointsOf(model, svc), svc, model.nodeName)
    return { namespace: svc.namespace, name: svc.name, localEndpoints: local.filter((e) => e.ready).length }
  }
  return undefined
}

/** The answer on a health-check node port (any path), exactly as `service_health.go` prints it. */
export function serviceHealth(model: ProxyModel, port: number, proxyHealthy: boolean): HttpAnswer | undefined {
  const s = healthCheckService(model, port)
  if (!s) return undefined
  const ok = s.localEndpoints > 0 && proxyHealthy
  const body = [
    '{',
    '\t"service": {',
    `\t\t"namespace": ${JSON.stringify(s.namespace)},`,
    `\t\t"name": ${JSON.stringify(s.name)}`,
    '\t},',
    `\t"localEndpoints": ${s.localEndpoints},`,
    `\t"serviceProxyHealthy": ${proxyHealthy}`,
    '}',
  ].join('\n')
  return { status: ok ? 200 : 503, headers: JSON_HEADERS([['X-Load-Balancing-Endpoint-Weight', String(s.localEndpoints)]]), body }
}
