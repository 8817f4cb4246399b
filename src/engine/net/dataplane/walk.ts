import type { Packet } from '../../proxy/iptables/match'
import type { RealServer, VirtualServer } from '../../proxy/ipvs/ipvs'
import { ADDRESS_PLAN } from '../addresses'
import type { CtEntry } from './conntrack'
import { passNode, type Entry, type PassEnv } from './node-pass'
import { flowText } from './recorder'
import { EXTERNAL_HOST, NODE_GATEWAY, type PodSite, type Topology } from './topology'

/**
 * Carries one packet across the simulated network until something receives it or it is lost:
 * through each node it enters (`passNode`: conntrack, then the rules that node holds), then
 * along the routes a simple CNI installs — cni0 to a local pod, the wire to the node owning the
 * destination's /24 or address, eth0 to the host outside or the control plane, and otherwise
 * the default gateway, where nothing answers.
 *
 * @example
 *   const trip = carry(env, { kind: 'node', node: 'node-1', entry: 'pod' }, syn)
 *   trip.arrival.kind   // 'pod' — delivered to the endpoint's network namespace
 */

export type Place = { kind: 'node'; node: string; entry: Entry } | { kind: 'remote'; host: 'external' | 'control-plane' }

export type Arrival =
  | { kind: 'pod'; node: string; site: PodSite; packet: Packet }
  | { kind: 'node-local'; node: string; packet: Packet }
  | { kind: 'remote'; host: 'external' | 'control-plane'; packet: Packet }
  | { kind: 'rejected'; node: string; packet: Packet }
  | { kind: 'unreachable'; node: string; packet: Packet }
  | { kind: 'lost'; packet: Packet; why: string }

/** The cloud load balancer's translation for one connection (external client → LB IP:port → node:nodePort). */
export interface LbMapping {
  lb: { ip: string; port: number }
  node: { ip: string; port: number }
}

export interface WalkEnv extends PassEnv {
  topo: Topology
  lb?: LbMapping
}

export interface Trip {
  arrival: Arrival
  /** Conntrack entries the packet created or followed, per node (to close them later). */
  cts: { node: string; ct: CtEntry }[]
  ipvs: { node: string; vs: VirtualServer; rs: RealServer }[]
  wires: number
}

const MAX_HOPS = 12

export function carry(env: WalkEnv, start: Place, input: Packet): Trip {
  const trip: Trip = { arrival: { kind: 'lost', packet: input, why: '' }, cts: [], ipvs: [], wires: 0 }
  const { topo, rec } = env
  let place = start
  let p: Packet = { ...input }
  for (let i = 0; i < MAX_HOPS; i++) {
    if (place.kind === 'remote') {
      // A host outside the nodes: it only sends packets to nodes it has a route to.
      if (place.host === 'external' && p.src === EXTERNAL_HOST.ip) {
        const node = topo.nodeOfAddress(p.dst)
        if (!node) return done(trip, { kind: 'lost', packet: p, why: `${EXTERNAL_HOST.name} has no route to ${p.dst} (only the nodes' addresses are reachable from outside)` })
        wire(env, trip, EXTERNAL_HOST.name, node, p)
        place = { kind: 'node', node, entry: 'network' }
        continue
      }
      const node = topo.nodeOfAddress(p.dst) ?? topo.nodeOfPodIP(p.dst)
      if (!node) return done(trip, { kind: 'lost', packet: p, why: `no route from ${place.host} to ${p.dst}` })
      wire(env, trip, place.host, node, p)
      place = { kind: 'node', node, entry: 'network' }
      continue
    }
    const node = place.node
    const k = topo.kernel(node)
    const r = passNode(k, p, place.entry, env)
    if (r.ct) trip.cts.push({ node, ct: r.ct })
    if (r.ipvs) trip.ipvs.push({ node, ...r.ipvs })
    p = r.packet
    if (r.verdict === 'REJECT') return done(trip, { kind: 'rejected', node, packet: p })
    if (r.verdict === 'DROP') return done(trip, { kind: 'lost', packet: p, why: `dropped by a rule on ${node}` })
    if (r.delivery === 'local') return done(trip, { kind: 'node-local', node, packet: p })
    // Routing (FORWARD / OUTPUT): the local /24 on cni0, another node's /24 via that node, or eth0.
    if (topo.nodeOfPodIP(p.dst) === node) {
      const site = topo.podAt(p.dst)
      if (!site) {
        rec.add({ kind: 'route', where: { kind: 'node', node }, packet: p, verdict: 'DROP',
          text: `${node}: ${p.dst} is on cni0, but no pod has that address — ARP gets no answer (host unreachable)` })
        return done(trip, { kind: 'unreachable', node, packet: p })
      }
      rec.add({ kind: 'route', where: { kind: 'node', node, to: podKey(site) }, packet: p,
        text: `${node}: ${p.dst} is a local pod — out of cni0, through its veth into ${podKey(site)}` })
      return done(trip, { kind: 'pod', node, site, packet: p })
    }
    const next = topo.nodeOfPodIP(p.dst) ?? topo.nodeOfAddress(p.dst)
    if (next) {
      wire(env, trip, node, next, p)
      place = { kind: 'node', node: next, entry: 'network' }
      continue
    }
    if (p.dst === EXTERNAL_HOST.ip || p.dst === ADDRESS_PLAN.controlPlaneIP) {
      const host = p.dst === EXTERNAL_HOST.ip ? 'external' : 'control-plane'
      if (host === 'external' && env.lb && p.src === env.lb.node.ip && p.sport === env.lb.node.port) {
        // The reply goes back through the load balancer, which restores its own address.
        const before = { ...p }
        p = { ...p, src: env.lb.lb.ip, sport: env.lb.lb.port }
        rec.add({ kind: 'loadbalancer', where: { kind: 'loadbalancer', from: node, to: EXTERNAL_HOST.name }, packet: p,
          change: { kind: 'LB-un-DNAT', field: 'src', from: rec.view(before), to: rec.view(p) },
          text: `load balancer: the reply's source ${before.src}:${before.sport} becomes ${p.src}:${p.sport} again` })
      } else wire(env, trip, node, host, p)
      return done(trip, { kind: 'remote', host, packet: p })
    }
    rec.add({ kind: 'route', where: { kind: 'node', node, to: NODE_GATEWAY }, packet: p, verdict: 'DROP',
      text: `${node}: only the default route matches ${p.dst} — out of eth0 via ${NODE_GATEWAY}; nothing there answers` })
    return done(trip, { kind: 'lost', packet: p, why: `${p.dst} is not on the cluster network` })
  }
  return done(trip, { kind: 'lost', packet: p, why: 'routing loop' })
}

function done(trip: Trip, arrival: Arrival): Trip {
  trip.arrival = arrival
  return trip
}

function wire(env: WalkEnv, trip: Trip, from: string, to: string, p: Packet): void {
  trip.wires++
  env.rec.add({ kind: 'wire', where: { kind: 'wire', from, to }, packet: p, text: `wire: ${from} → ${to} (${flowText(p)})` })
}

export function podKey(site: PodSite): string {
  return `${site.pod.namespace ?? 'default'}/${site.pod.name ?? site.pod.uid}`
}
