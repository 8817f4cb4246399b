import type { Packet } from '../../proxy/iptables/match'
import { splitHostPort } from '../../proxy/ip'
import { tryConnectEndpoints, type DialResult } from '../../proxy/userspace/balancer'
import { serviceForProxyPort } from '../../proxy/userspace/userspace'
import { exchange, openConn, reply, type Conn, type ExchangeResult, type TraceEnv } from './connection'
import { podListener } from './sockets'

/**
 * The userspace proxier's data path (REFERENCE 11): the client's connection was REDIRECTed to
 * kube-proxy's port on this node; the process accepts it, picks an endpoint with its
 * round-robin balancer (`tryConnectEndpoints`: up to four dials, 250 ms … 2 s), opens a *second*
 * TCP connection from the node to the pod, and copies bytes between the two — every byte
 * crossing kernel → kube-proxy → kernel. The pod therefore sees the node as its client.
 * A stopped kube-proxy leaves the REDIRECT rules pointing at a port nobody listens on.
 */

/** Returns undefined when the packet was not for a userspace proxy port (the caller tries the node's other sockets). */
export function proxyExchange(env: TraceEnv, conn: Conn, node: string, at: Packet): ExchangeResult | undefined {
  const { topo, rec } = env
  const k = topo.kernel(node)
  const state = k.process?.userspace
  const spn = state ? serviceForProxyPort(state, at.dport) : undefined
  if (!state || !spn) return undefined
  const copy = { contextSwitches: 2, copies: 2 }
  let backend = conn.backend
  let dialMs = 0
  if (!backend) {
    const dial = (endpoint: string): DialResult => {
      const { ip, port } = splitHostPort(endpoint)
      const site = topo.podAt(ip)
      // No pod at that address: the SYN goes unanswered until the dial timeout.
      if (!site) return 'timeout'
      return podListener(topo, site, port) ? 'ok' : 'refused'
    }
    const res = tryConnectEndpoints(state.balancer, spn, at.src, env.now, dial)
    dialMs = res.elapsedMs
    const tries = res.attempts.map((a) => `${a.endpoint} ${a.result}`).join(', ')
    if (!res.endpoint) {
      rec.add({ kind: 'kube-proxy', where: { kind: 'node', node }, packet: at, verdict: 'REJECT', cost: copy,
        text: `kube-proxy (userspace) on ${node} accepts on :${at.dport} for ${spn}, but ${res.error === 'missing endpoints' ? 'the service has no endpoints' : `no endpoint answered (${tries})`} — it closes the client's connection` })
      return { outcome: 'closed', elapsedMs: dialMs }
    }
    rec.add({ kind: 'kube-proxy', where: { kind: 'node', node }, packet: at, cost: copy,
      text: `kube-proxy (userspace) on ${node} accepts on :${at.dport} for ${spn}; round robin picks ${res.endpoint}${res.attempts.length > 1 ? ` (tried ${tries})` : ''}; a second connection from the node follows` })
    const ep = splitHostPort(res.endpoint)
    backend = openConn(env, { kind: 'host', node, ip: k.ip }, conn.proto, { ip: ep.ip, port: ep.port })
    conn.backend = backend
  } else {
    rec.add({ kind: 'kube-proxy', where: { kind: 'node', node }, packet: at, cost: copy,
      text: `kube-proxy (userspace) on ${node} copies the request onto its open connection to ${backend.dst.ip}:${backend.dst.port}` })
  }
  const inner = exchange(env, backend)
  if (inner.outcome !== 'ok' || !inner.served) return { ...inner, elapsedMs: inner.elapsedMs + dialMs }
  const phase = rec.phase
  rec.phase = phase === 'dns' ? 'dns' : 'reply'
  rec.add({ kind: 'kube-proxy', where: { kind: 'node', node }, packet: { proto: at.proto, src: at.dst, sport: at.dport, dst: at.src, dport: at.sport },
    cost: copy, text: `kube-proxy (userspace) on ${node} copies the response back to the client's connection (kernel → user → kernel)` })
  rec.phase = phase
  const r = reply(env, conn, at, { kind: 'node', node, entry: 'host' }, inner.served, inner.elapsedMs + dialMs, false)
  // The server saw the proxy's connection, not the client's.
  return r.outcome === 'ok' ? { ...r, seen: inner.seen, server: inner.server } : r
}
