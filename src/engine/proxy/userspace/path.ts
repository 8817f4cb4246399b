import { splitHostPort } from '../ip'
import { tracePacket, type TraceOptions, type TraceResult } from '../iptables/evaluate'
import type { Packet } from '../iptables/match'
import type { IptablesTables } from '../iptables/types'
import { tryConnectEndpoints, type ConnectResult, type DialResult } from './balancer'
import { serviceForProxyPort, type UserspaceState } from './userspace'

/**
 * A connection through the userspace proxy (REFERENCE 11 "wire consequences"): the nat
 * rules REDIRECT the client's SYN to kube-proxy's port on this node, the process accepts
 * it, picks an endpoint and opens a *second* TCP connection from the node to the pod —
 * so the pod sees the node IP, and every byte is copied kernel → kube-proxy → kernel.
 */

export interface UserspaceTrace {
  /** The client's packet through this node's iptables (ends at the proxy port). */
  client: TraceResult
  /** The service port whose proxy socket accepted it. */
  service?: string
  connect?: ConnectResult
  /** The second connection, node → endpoint (absent if none could be made). */
  backend?: Packet
  /** What the client experiences. */
  outcome: 'connected' | 'refused' | 'closed' | 'dropped'
}

export interface UserspaceTraceOptions extends TraceOptions {
  /** The node's address, the source of the proxy's outbound connection. */
  nodeIP: string
  /** false: kube-proxy is stopped — its rules remain but nothing listens on the proxy port. */
  proxyRunning?: boolean
  /** Whether a dial to an endpoint succeeds (e.g. 'timeout' for a dead pod). Default: 'ok'. */
  dial?: (endpoint: string, timeoutMs: number) => DialResult
}

export function traceUserspace(state: UserspaceState, tables: IptablesTables, packet: Packet, opts: UserspaceTraceOptions): UserspaceTrace {
  const client = tracePacket(tables, packet, opts)
  if (client.verdict === 'REJECT') return { client, outcome: 'refused' }
  if (client.verdict === 'DROP') return { client, outcome: 'dropped' }
  const service = client.delivery === 'local' ? serviceForProxyPort(state, client.packet.dport) : undefined
  // Not redirected to a proxy port, or kube-proxy is not listening: the kernel answers RST.
  if (!service || opts.proxyRunning === false) return { client, service, outcome: client.delivery === 'local' ? 'refused' : 'connected' }
  const connect = tryConnectEndpoints(state.balancer, service, packet.src, opts.now, opts.dial ?? (() => 'ok'))
  if (!connect.endpoint) return { client, service, connect, outcome: 'closed' }
  const { ip, port } = splitHostPort(connect.endpoint)
  // The ephemeral source port of the proxy's own connection is not modelled (0).
  const backend: Packet = { src: opts.nodeIP, dst: ip, proto: packet.proto, sport: 0, dport: port }
  return { client, service, connect, backend, outcome: 'connected' }
}
