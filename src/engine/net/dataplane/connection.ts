import type { KObject } from '../../api/types'
import type { Rng } from '../../rng'
import type { Packet } from '../../proxy/iptables/match'
import { cidrContains } from '../../proxy/ip'
import { EPHEMERAL } from './roles'
import { carry, podKey, type Place, type Trip, type WalkEnv } from './walk'
import { controlPlaneListener, nodeListener, podListener, type HostListener, type PodListener } from './sockets'
import { lbForward } from './loadbalancer'
import { proxyExchange } from './userspace-proxy'
import { flowText } from './recorder'
import type { HopPlace } from './hops'

/**
 * One TCP connection (or UDP flow) and its request/response exchanges: the client's packet is
 * carried to whoever receives it, the answer is carried back — through conntrack on every node
 * on the way, which un-NATs it — and the connection is closed at the end. A second exchange on
 * the same connection (HTTP keep-alive) carries the same 5-tuple, so every node finds it in
 * conntrack and skips the rules.
 *
 * @example
 *   const conn = openConn(env, { kind: 'pod', node: 'node-1', pod: 'default/client', ip: '10.244.1.3' }, 'tcp', { ip: '10.96.45.12', port: 80 })
 *   exchange(env, conn)   // { outcome: 'ok', served: { kind: 'pod', … }, seen: { ip: '10.244.1.3', … } }
 *   closeConn(env, conn)
 */

export type Origin =
  | { kind: 'pod'; node: string; pod: string; ip: string }
  | { kind: 'host'; node: string; ip: string }
  | { kind: 'external'; ip: string }

export interface TraceEnv extends WalkEnv {
  rng: Rng
  services: readonly KObject[]
}

export interface Conn {
  origin: Origin
  proto: 'tcp' | 'udp'
  src: { ip: string; port: number }
  dst: { ip: string; port: number }
  trips: Trip[]
  /** Userspace mode: kube-proxy's own connection to the endpoint, reused while the client's lasts. */
  backend?: Conn
  lb?: WalkEnv['lb']
}

export type Served = { kind: 'pod'; listener: PodListener } | { kind: 'host'; listener: HostListener }

export interface ExchangeResult {
  outcome: 'ok' | 'refused' | 'unreachable' | 'timeout' | 'closed'
  served?: Served
  /** The client's address as the server saw it (after any SNAT). */
  seen?: { ip: string; port: number }
  /** The server's own address (after every DNAT): the pod IP and targetPort. */
  server?: { ip: string; port: number }
  /** The source of the reply as the client saw it (after conntrack's un-DNAT). */
  replyFrom?: { ip: string; port: number }
  elapsedMs: number
  /** Why a packet was lost (timeouts). */
  why?: string
}

/** Pick the client's address: a pod its IP, a host by route (cni0's address towards its own pods), and an ephemeral port. */
export function openConn(env: TraceEnv, origin: Origin, proto: 'tcp' | 'udp', dst: { ip: string; port: number }, sport?: number): Conn {
  let ip = origin.ip
  if (origin.kind === 'host') {
    const k = env.topo.kernel(origin.node)
    if (cidrContains('127.0.0.0/8', dst.ip)) ip = '127.0.0.1'
    else if (k.isLocal(dst.ip)) ip = dst.ip
    else ip = k.egressIP(dst.ip)
  }
  const port = sport ?? EPHEMERAL.first + env.rng.intn(EPHEMERAL.last - EPHEMERAL.first + 1)
  return { origin, proto, src: { ip, port }, dst: { ...dst }, trips: [] }
}

export function startPlace(origin: Origin): Place {
  if (origin.kind === 'pod') return { kind: 'node', node: origin.node, entry: 'pod' }
  if (origin.kind === 'host') return { kind: 'node', node: origin.node, entry: 'host' }
  return { kind: 'remote', host: 'external' }
}

export function exchange(env: TraceEnv, conn: Conn): ExchangeResult {
  const { rec } = env
  const pkt: Packet = { proto: conn.proto, src: conn.src.ip, sport: conn.src.port, dst: conn.dst.ip, dport: conn.dst.port }
  const where = originPlace(conn.origin)
  const first = conn.trips.length === 0
  rec.add({ kind: 'socket', where, packet: pkt, text: `${label(conn.origin)}: ${first ? (conn.proto === 'tcp' ? 'connect()' : 'sendto()') : 'sends on the open connection'} ${flowText(pkt)}` })

  let place = startPlace(conn.origin)
  let lbPkt = pkt
  if (conn.origin.kind === 'external' && conn.lb) {
    // The load balancer keeps its flow: later requests on the connection go to the same node.
    const node = env.topo.nodeOfAddress(conn.lb.node.ip)
    lbPkt = { ...pkt, dst: conn.lb.node.ip, dport: conn.lb.node.port }
    if (node) place = { kind: 'node', node, entry: 'network' }
    rec.add({ kind: 'loadbalancer', where: { kind: 'loadbalancer', to: node }, packet: lbPkt, text: `load balancer: known flow, forwarded to ${node} again` })
  } else if (conn.origin.kind === 'external') {
    const fwd = lbForward(env, conn, pkt)
    if (fwd === 'lost') return { outcome: 'timeout', elapsedMs: 0, why: `nothing answers at ${pkt.dst}:${pkt.dport}` }
    if (fwd) [place, lbPkt, conn.lb] = [fwd.place, fwd.packet, fwd.mapping]
  }
  env.lb = conn.lb
  const trip = carry(env, place, lbPkt)
  conn.trips.push(trip)
  const a = trip.arrival
  const ms = trip.wires
  switch (a.kind) {
    case 'rejected':
      rec.add({ kind: 'deliver', where: { kind: 'node', node: a.node }, packet: a.packet, verdict: 'REJECT',
        text: `${a.node}: REJECT — an ICMP port-unreachable goes back; the client's connect() fails with "connection refused"` })
      return { outcome: 'refused', elapsedMs: 0 }
    case 'unreachable':
      return { outcome: 'unreachable', elapsedMs: 3000 + ms }
    case 'lost':
      return { outcome: 'timeout', elapsedMs: ms, why: a.why }
    case 'pod': {
      const l = podListener(env.topo, a.site, a.packet.dport)
      if (!l) return refused(env, conn, trip, { kind: 'pod', node: a.node, pod: podKey(a.site) }, `nothing listens on ${a.packet.dport} in ${podKey(a.site)}`)
      return reply(env, conn, a.packet, { kind: 'node', node: a.node, entry: 'pod' }, { kind: 'pod', listener: l }, ms)
    }
    case 'node-local': {
      const proxied = proxyExchange(env, conn, a.node, a.packet)
      if (proxied) return proxied
      const l = nodeListener(env.topo, a.node, a.packet.dport, conn.proto)
      if (!l) return refused(env, conn, trip, { kind: 'node', node: a.node }, `nothing listens on ${a.packet.dst}:${a.packet.dport} on ${a.node}`)
      return reply(env, conn, a.packet, { kind: 'node', node: a.node, entry: 'host' }, { kind: 'host', listener: l }, ms)
    }
    case 'remote': {
      const l = a.host === 'control-plane' ? controlPlaneListener(a.packet.dport, conn.proto) : undefined
      if (!l) return refused(env, conn, trip, { kind: 'external' }, `nothing listens on ${a.packet.dst}:${a.packet.dport}`)
      return reply(env, conn, a.packet, { kind: 'remote', host: a.host }, { kind: 'host', listener: l }, ms)
    }
  }
}

/** Where a client sits, as a hop place. */
export function originPlace(o: Origin): HopPlace {
  return o.kind === 'pod' ? { kind: 'pod', node: o.node, pod: o.pod } : o.kind === 'host' ? { kind: 'node', node: o.node } : { kind: 'external' }
}

function label(o: Origin): string {
  return o.kind === 'pod' ? `pod ${o.pod}` : o.kind === 'host' ? o.node : 'external host'
}

/** The kernel answers a SYN to a closed port with RST (UDP: ICMP port unreachable). */
function refused(env: TraceEnv, conn: Conn, trip: Trip, where: { kind: 'pod' | 'node' | 'external'; node?: string; pod?: string }, why: string): ExchangeResult {
  env.rec.add({ kind: 'deliver', where, packet: trip.arrival.packet, verdict: 'REJECT', text: `${why}: the kernel answers ${conn.proto === 'tcp' ? 'RST' : 'ICMP port unreachable'} — connection refused` })
  if (conn.proto === 'tcp') for (const { node, ct } of trip.cts) env.topo.kernel(node).conntrack.closed(ct, env.now, 'rst')
  return { outcome: 'refused', elapsedMs: 0 }
}

/** The server answers: its reply is carried back and conntrack reverses every translation on the way. */
export function reply(env: TraceEnv, conn: Conn, at: Packet, from: Place, served: Served, ms: number, announce = true): ExchangeResult {
  const { rec } = env
  const who = served.kind === 'pod' ? `${podKey(served.listener.site)} (${served.listener.container.name})` : `${served.listener.process} on ${served.listener.host}`
  if (announce) rec.add({ kind: 'deliver', where: served.kind === 'pod' ? { kind: 'pod', node: served.listener.site.node, pod: podKey(served.listener.site) } : { kind: 'node', node: served.listener.host },
    packet: at, verdict: 'ACCEPT', text: `${who} accepts; it sees the client as ${at.src}:${at.sport}` })
  const back: Packet = { proto: at.proto, src: at.dst, sport: at.dport, dst: at.src, dport: at.sport }
  const phase = rec.phase
  rec.phase = phase === 'dns' ? 'dns' : 'reply'
  env.lb = conn.lb
  const trip = carry(env, from, back)
  conn.trips.push(trip)
  const p = trip.arrival.packet
  const arrived = trip.arrival.kind === 'pod' ? trip.arrival.site.pod.sandbox?.ip === conn.src.ip
    : trip.arrival.kind === 'node-local' ? conn.origin.kind === 'host' && trip.arrival.node === conn.origin.node
      : trip.arrival.kind === 'remote' && trip.arrival.host === 'external' && conn.origin.kind === 'external'
  const fromExpected = p.src === conn.dst.ip && p.sport === conn.dst.port
  if (arrived && fromExpected) rec.add({ kind: 'socket', where: originPlace(conn.origin), packet: p, text: `${label(conn.origin)} receives the reply from ${p.src}:${p.sport}` })
  rec.phase = phase
  if (!arrived) return { outcome: 'timeout', elapsedMs: ms, why: 'the reply never reached the client', served, seen: { ip: at.src, port: at.sport } }
  // A reply from an address the client never talked to would be dropped (no socket matches it).
  if (!fromExpected) return { outcome: 'timeout', elapsedMs: ms, why: `the reply came from ${p.src}:${p.sport}, not ${conn.dst.ip}:${conn.dst.port}` }
  return { outcome: 'ok', served, seen: { ip: at.src, port: at.sport }, server: { ip: at.dst, port: at.dport }, replyFrom: { ip: p.src, port: p.sport }, elapsedMs: Math.max(1, ms + trip.wires) }
}

/**
 * End the connection: FIN both ways, so every established conntrack entry on the path goes to
 * TIME_WAIT (a refused one is already CLOSE, an unanswered SYN stays SYN_SENT until it
 * expires), and IPVS counts the connection inactive.
 */
export function closeConn(env: TraceEnv, conn: Conn): void {
  if (conn.backend) closeConn(env, conn.backend)
  if (conn.proto !== 'tcp') return
  const seen = new Set<object>()
  for (const trip of conn.trips) {
    for (const { node, ct } of trip.cts) {
      if (seen.has(ct) || ct.state !== 'ESTABLISHED') continue
      seen.add(ct)
      env.topo.kernel(node).conntrack.closed(ct, env.now, 'fin')
    }
    for (const { node, vs, rs } of trip.ipvs) env.topo.kernel(node).ipvsConnectionClosed(vs, rs, env.now)
  }
}
