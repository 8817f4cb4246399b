import type { KObject } from '../../api/types'
import { VIRTUAL_EPOCH_MS } from '../../clock'
import { resolvConf, UPSTREAM_DNS, type DnsIndex, type ResolvConf } from '../dns'
import { closeConn, exchange, openConn, type Conn, type ExchangeResult, type Origin, type TraceEnv } from './connection'
import { resolveName, type DnsEnv } from './dns-path'
import { totalCost, type Hop, type HopCost } from './hops'
import { CURL_VERSION, httpAnswer } from './http'
import { HopRecorder } from './recorder'
import { AddressRoles } from './roles'
import { EXTERNAL_HOST, Topology } from './topology'
import { podKey } from './walk'
import { isUrlError, parseUrl, type ParsedUrl } from './url'

/**
 * The packet tracer's entry point: one HTTP request (or several on one keep-alive connection)
 * from a pod, a node's shell or the host outside the cluster, resolved through the DNS model
 * and carried through the rules every node *currently holds*, with every hop recorded.
 *
 * @example
 *   const r = trace(core, { from: 'pod', namespace: 'default', pod: 'client', url: 'http://web' })
 *   r.response.body      // 'web-7d9f6c-x2k4p\n' — the serving pod's name
 *   r.hops.filter(h => h.kind === 'netfilter')   // the hooks and rules on node-1, then node-2
 *   r.code               // curl's exit code: 0, 6, 7, 28, 52 …
 */

export interface TraceRequest {
  from: 'pod' | 'external' | 'node'
  namespace?: string
  pod?: string
  node?: string
  url: string
  /** Requests on one keep-alive connection (`curl URL URL …`). Default 1. */
  requests?: number
  /** The path of each request on the connection (default: the URL's path for every one). */
  paths?: string[]
  /** `curl -m` (seconds). */
  maxTimeS?: number
  /** `curl --connect-timeout` (seconds). */
  connectTimeoutS?: number
  /** `curl --local-port`. */
  sport?: number
  /** `curl -k`. */
  insecure?: boolean
  /** `curl -I`. */
  head?: boolean
}

export interface ServedBy {
  kind: 'pod' | 'host'
  /** `namespace/name` of the pod, or the host's name. */
  name: string
  node?: string
  ip: string
  port: number
  /** The container (pods) or daemon (hosts) that answered. */
  process: string
}

export interface TraceResponse {
  ok: boolean
  status?: number
  headers?: [string, string][]
  body?: string
  servedBy?: ServedBy
  /** The client's address as the server saw it (`ip:port`): shows SNAT/masquerade. */
  clientSeenAs?: string
  /** The address curl connected to and its own (`%{remote_ip}`, `%{local_port}`). */
  remote?: { ip: string; port: number }
  local?: { ip: string; port: number }
  /** curl's exit code and message (without `curl: (N) `). */
  error?: { code: number; message: string }
  elapsedMs: number
}

export interface TraceResult {
  request: TraceRequest
  url?: ParsedUrl
  hops: Hop[]
  response: TraceResponse
  responses: TraceResponse[]
  /** curl's exit code for the whole command. */
  code: number
  cost: HopCost
  resolved?: { name: string; addresses: string[] }
}

/** What the tracer reads: the topology, the Services (CoreDNS's view) and the DNS models. */
export interface DataplaneCore {
  topology(): Topology
  services(): readonly KObject[]
  clusterDns(): DnsIndex
  upstreamDns(): DnsIndex
  coreDnsPods(): boolean
}

export interface Client {
  origin: Origin
  conf: ResolvConf
  hosts: Record<string, string>
}

/** The resolver configuration of a host outside pods: the node's (and the outside host's) upstream resolver. */
export const HOST_RESOLV_CONF: ResolvConf = { nameservers: [UPSTREAM_DNS], searches: [], ndots: 1, options: [] }

/** Where a request starts, with its resolv.conf and hosts file; a string is an error for the caller. */
export function clientOf(core: DataplaneCore, req: Pick<TraceRequest, 'from' | 'namespace' | 'pod' | 'node'>): Client | string {
  const topo = core.topology()
  if (req.from === 'external') return { origin: { kind: 'external', ip: EXTERNAL_HOST.ip }, conf: HOST_RESOLV_CONF, hosts: { localhost: '127.0.0.1' } }
  if (req.from === 'node') {
    const node = req.node ?? ''
    if (!topo.hasNode(node)) return `node "${node}" not found`
    const ip = topo.kernel(node).ip
    return { origin: { kind: 'host', node, ip }, conf: HOST_RESOLV_CONF, hosts: { localhost: '127.0.0.1', [node]: ip } }
  }
  const ns = req.namespace ?? 'default'
  const pod = topo.ctx.api.peek('pods', ns, req.pod ?? '')
  if (!pod) return `pods "${req.pod ?? ''}" not found`
  const node: string | undefined = pod.spec?.nodeName
  const ip: string | undefined = pod.status?.podIP
  if (!node || !ip) return `pod ${ns}/${pod.metadata.name} has no IP yet`
  const conf = resolvConf(pod)
  const hostname = Topology.hostname(pod, pod.metadata.name ?? '')
  if (pod.spec?.hostNetwork) return { origin: { kind: 'host', node, ip: topo.kernel(node).ip }, conf, hosts: { localhost: '127.0.0.1', [node]: ip } }
  return { origin: { kind: 'pod', node, pod: `${ns}/${pod.metadata.name}`, ip }, conf, hosts: { localhost: '127.0.0.1', [hostname]: ip } }
}

/** A fresh environment for one command: the clock's now, the seeded RNG, the roles of every address. */
export function traceEnv(core: DataplaneCore, rec?: HopRecorder): DnsEnv & { rec: HopRecorder } {
  const topo = core.topology()
  const services = core.services()
  const r = rec ?? new HopRecorder(new AddressRoles(services, topo))
  const ctx = topo.ctx
  return {
    topo, rec: r, now: ctx.clock.now(), rand: () => ctx.rng.next(), rng: ctx.rng, services,
    clusterDns: core.clusterDns(), upstreamDns: core.upstreamDns(), coreDnsPods: core.coreDnsPods(),
  }
}

export function trace(core: DataplaneCore, req: TraceRequest): TraceResult {
  const env = traceEnv(core)
  const fail = (code: number, message: string, url?: ParsedUrl): TraceResult => {
    const response: TraceResponse = { ok: false, error: { code, message }, elapsedMs: 0 }
    return { request: req, url, hops: env.rec.hops, response, responses: [response], code, cost: totalCost(env.rec.hops) }
  }
  const url = parseUrl(req.url)
  if (isUrlError(url)) return fail(url.code, url.message)
  const client = clientOf(core, req)
  if (typeof client === 'string') return fail(2, client, url)
  const dns = resolveName(env, client.origin, url.host, client.conf, { hosts: client.hosts })
  if (!dns.ok) return fail(6, `Could not resolve host: ${url.host}`, url)
  const ip = dns.addresses[0]
  const conn = openConn(env, client.origin, 'tcp', { ip, port: url.port }, req.sport)
  const responses: TraceResponse[] = []
  const n = Math.max(1, req.requests ?? req.paths?.length ?? 1)
  for (let i = 0; i < n; i++) {
    env.rec.request = i
    const ex = exchange(env, conn)
    const resp = response(ex, { ...url, path: req.paths?.[i] ?? url.path }, req, env, conn)
    responses.push(resp)
    if (!resp.ok) break
  }
  closeConn(env, conn)
  const last = responses[responses.length - 1]
  return {
    request: req, url, hops: env.rec.hops, response: last, responses, code: last.error?.code ?? 0, cost: totalCost(env.rec.hops),
    resolved: { name: url.host, addresses: dns.addresses },
  }
}

/** The outcome of one exchange as curl reports it. */
function response(ex: ExchangeResult, url: ParsedUrl, req: TraceRequest, env: TraceEnv, conn: Conn): TraceResponse {
  const limitMs = Math.min(req.maxTimeS ?? Infinity, req.connectTimeoutS ?? Infinity) * 1000
  const remote = { ...conn.dst }
  const local = { ...conn.src }
  const timedOut = (ms: number): TraceResponse => ({ ok: false, remote, local, elapsedMs: ms, error: { code: 28, message: `Connection timed out after ${ms} milliseconds` } })
  const connectFail = (ms: number, code: number): TraceResponse =>
    ({ ok: false, remote, local, elapsedMs: ms, error: { code, message: `Failed to connect to ${url.display} port ${url.port} after ${ms} ms: Couldn't connect to server` } })
  switch (ex.outcome) {
    case 'refused':
      return connectFail(0, 7)
    case 'unreachable':
      return ex.elapsedMs > limitMs ? timedOut(Math.round(limitMs) + 1) : connectFail(ex.elapsedMs, 7)
    case 'timeout':
      // Linux gives up on a SYN after 6 retransmissions (1+2+4+…+64 s = 127 s); curl then reports 28.
      return Number.isFinite(limitMs) ? timedOut(Math.round(limitMs) + 1) : connectFail(127_000 + ex.elapsedMs, 28)
    case 'closed':
      return { ok: false, remote, local, elapsedMs: ex.elapsedMs, error: { code: 52, message: 'Empty reply from server' } }
    case 'ok': {
      const h = httpAnswer(ex, url, { insecure: !!req.insecure, head: !!req.head, dateMs: VIRTUAL_EPOCH_MS + env.now, userAgentVersion: CURL_VERSION })
      const s = ex.served
      const servedBy: ServedBy | undefined = !s ? undefined : s.kind === 'pod'
        ? { kind: 'pod', name: podKey(s.listener.site), node: s.listener.site.node, ip: ex.server?.ip ?? '', port: ex.server?.port ?? 0, process: s.listener.container.name }
        : { kind: 'host', name: s.listener.host, ip: ex.server?.ip ?? '', port: ex.server?.port ?? 0, process: s.listener.process }
      const resp: TraceResponse = { ok: !h.error, status: h.status, headers: h.headers, body: h.body, servedBy, remote, local, elapsedMs: ex.elapsedMs, error: h.error }
      if (ex.seen) resp.clientSeenAs = `${ex.seen.ip}:${ex.seen.port}`
      return resp
    }
  }
}

