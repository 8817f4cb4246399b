import type { KObject } from '../../api/types'
import type { Packet } from '../../proxy/iptables/match'
import { PROXY_HEALTHZ_PORT } from '../../proxy/kube-proxy-health'
import { cidrContains } from '../../proxy/ip'
import type { Conn, TraceEnv } from './connection'
import { EXTERNAL_HOST } from './topology'
import type { LbMapping, Place } from './walk'

/**
 * The simulated cloud load balancer in front of a `type: LoadBalancer` Service (the address
 * in `status.loadBalancer.ingress`). Like a cloud network LB with node targets it forwards each
 * new connection to `<node IP>:<nodePort>` of one healthy node, keeping the client's source
 * address, and un-translates the replies. Health: for `externalTrafficPolicy: Local` it probes
 * the Service's `healthCheckNodePort` (200 only where a local endpoint is ready); otherwise
 * kube-proxy's `/healthz` on 10256 (KEP-3836). With no healthy node it fails open to all nodes,
 * as cloud LBs do. `loadBalancerSourceRanges` is enforced by the cloud firewall in front.
 * Without a node port (`allocateLoadBalancerNodePorts: false`) the packet reaches the node
 * still addressed to the LB IP, which the node's rules capture.
 */

export interface LbForward {
  place: Place
  packet: Packet
  mapping?: LbMapping
}

/** undefined: not a load-balancer address; 'lost': the LB (or its firewall) drops it. */
export function lbForward(env: TraceEnv, conn: Conn, pkt: Packet): LbForward | 'lost' | undefined {
  const found = findService(env.services, pkt)
  if (!found) return undefined
  const { svc, nodePort } = found
  const { topo, rec } = env
  const ranges: string[] = svc.spec?.loadBalancerSourceRanges ?? []
  if (ranges.length && !ranges.some((r) => cidrContains(r, pkt.src))) {
    rec.add({ kind: 'loadbalancer', where: { kind: 'loadbalancer', from: EXTERNAL_HOST.name }, packet: pkt, verdict: 'DROP',
      text: `load balancer ${pkt.dst}: ${pkt.src} is outside loadBalancerSourceRanges (${ranges.join(', ')}) — the cloud firewall drops it` })
    return 'lost'
  }
  const local = svc.spec?.externalTrafficPolicy === 'Local'
  const hcPort: number | undefined = svc.spec?.healthCheckNodePort
  const nodes = topo.nodes()
  const healthy = nodes.filter((n) => {
    const proc = topo.kernel(n).process
    const a = local && hcPort ? proc?.http(hcPort, '/') : proc?.http(PROXY_HEALTHZ_PORT, '/healthz')
    return a?.status === 200
  })
  const pool = healthy.length ? healthy : nodes
  if (!pool.length) return 'lost'
  const node = pool[env.rng.intn(pool.length)]
  const k = topo.kernel(node)
  const probe = local && hcPort ? `health check :${hcPort}` : `kube-proxy /healthz :${PROXY_HEALTHZ_PORT}`
  const why = healthy.length ? `${healthy.length} of ${nodes.length} nodes pass the ${probe}` : `no node passes the ${probe}: failing open to all nodes`
  if (!nodePort) {
    rec.add({ kind: 'loadbalancer', where: { kind: 'loadbalancer', from: EXTERNAL_HOST.name, to: node }, packet: pkt,
      text: `load balancer ${pkt.dst}:${pkt.dport} → ${node} (${why}); no node port, so the node's rules capture the LB IP` })
    return { place: { kind: 'node', node, entry: 'network' }, packet: pkt }
  }
  const out: Packet = { ...pkt, dst: k.ip, dport: nodePort }
  rec.add({ kind: 'loadbalancer', where: { kind: 'loadbalancer', from: EXTERNAL_HOST.name, to: node }, packet: out,
    change: { kind: 'LB-DNAT', field: 'dst', from: rec.view(pkt), to: rec.view(out) },
    text: `load balancer ${pkt.dst}:${pkt.dport} → ${node} ${k.ip}:${nodePort} (${why}); the client address ${pkt.src} is kept` })
  rec.add({ kind: 'wire', where: { kind: 'wire', from: 'load balancer', to: node }, packet: out, text: `wire: load balancer → ${node}` })
  conn.lb = { lb: { ip: pkt.dst, port: pkt.dport }, node: { ip: k.ip, port: nodePort } }
  return { place: { kind: 'node', node, entry: 'network' }, packet: out, mapping: conn.lb }
}

function findService(services: readonly KObject[], pkt: Packet): { svc: KObject; nodePort?: number } | undefined {
  for (const svc of services) {
    if (svc.spec?.type !== 'LoadBalancer') continue
    if (!(svc.status?.loadBalancer?.ingress ?? []).some((i: { ip?: string }) => i?.ip === pkt.dst)) continue
    const port = (svc.spec.ports ?? []).find((p: { port: number; protocol?: string }) => p.port === pkt.dport && (p.protocol ?? 'TCP').toLowerCase() === pkt.proto)
    if (port) return { svc, nodePort: port.nodePort }
  }
  return undefined
}
