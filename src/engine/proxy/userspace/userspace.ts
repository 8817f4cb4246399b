import { endpointsOf, endpointString } from '../endpoints'
import { proxiedServices, protoLower, servicePortName, stickySeconds, type ProxyModel, type ServicePortInfo } from '../model'
import { appendJump, emptyTables, prependJump, type Arg, type IptablesTables, type Rule, type Target } from '../iptables/types'
import { cleanupStaleStickySessions, newService, resetService, setEndpoints, type BalancerState, type IntRng } from './balancer'

/**
 * The legacy userspace proxier (`pkg/proxy/userspace/proxier.go`, removed in 1.26;
 * REFERENCE 11): one listening port per service port on every node, iptables rules that
 * REDIRECT/DNAT service traffic to that port (added one `iptables` call at a time, not
 * with iptables-restore), and a round-robin balancer in the kube-proxy process.
 *
 * Example:
 *   let s = newUserspaceState()
 *   s = syncUserspace(s, model, ctx.rng, ctx.clock.now())
 *   iptablesSave(buildUserspaceIptables(model, s))
 */

export interface PortRange {
  base: number
  size: number
}

export interface ProxyPortInfo {
  port: number
  /** sameConfig fingerprint: a changed Service closes the port and opens a new one. */
  config: string
}

export interface UserspaceState {
  /** `--proxy-port-range`; absent: the kernel picks an ephemeral port (32768–60999 here). */
  portRange?: PortRange
  /** Listening port per ServicePortName. */
  ports: Record<string, ProxyPortInfo>
  balancer: BalancerState
}

export function newUserspaceState(portRange?: PortRange): UserspaceState {
  return portRange ? { portRange, ports: {}, balancer: {} } : { ports: {}, balancer: {} }
}

/** Linux's default net.ipv4.ip_local_port_range. */
export const EPHEMERAL_RANGE: PortRange = { base: 32768, size: 60999 - 32768 + 1 }

/**
 * port_allocator.go rangeAllocator.nextFreePort: a random port in the range, else the
 * next free one scanning upward, wrapping once. The kernel's ephemeral choice is modelled
 * the same way. Returns −1 when the range is full.
 */
export function allocateProxyPort(used: ReadonlySet<number>, range: PortRange, rng: IntRng): number {
  const j = rng.intn(range.size)
  for (let k = 0; k < range.size; k++) {
    const p = range.base + ((j + k) % range.size)
    if (!used.has(p)) return p
  }
  return -1
}

function fingerprint(s: ServicePortInfo): string {
  return JSON.stringify([s.protocol, s.port, s.nodePort ?? 0, s.clusterIP, s.externalIPs, s.loadBalancerIPs, s.sessionAffinity])
}

/**
 * One OnServiceUpdate + OnEndpointsUpdate + Sync: open ports for new (or changed) service
 * ports, close vanished ones, and feed each balancer the ready endpoints (the legacy
 * Endpoints object's `addresses`). Returns a new state; `prev` is not modified.
 */
export function syncUserspace(prev: UserspaceState, model: ProxyModel, rng: IntRng, now: number): UserspaceState {
  const state: UserspaceState = structuredClone(prev)
  const range = state.portRange ?? EPHEMERAL_RANGE
  const active = new Set<string>()
  const services = proxiedServices(model)
  for (const svc of services) {
    const spn = servicePortName(svc)
    active.add(spn)
    const cur = state.ports[spn]
    if (cur && cur.config === fingerprint(svc)) continue
    if (cur) delete state.ports[spn]
    const port = allocateProxyPort(new Set(Object.values(state.ports).map((p) => p.port)), range, rng)
    if (port < 0) continue
    state.ports[spn] = { port, config: fingerprint(svc) }
    newService(state.balancer, spn, svc.sessionAffinity, svc.sessionAffinity === 'ClientIP' ? stickySeconds(svc) : 0)
  }
  for (const spn of Object.keys(state.ports)) if (!active.has(spn)) {
    delete state.ports[spn]
    delete state.balancer[spn]
  }
  for (const svc of services) {
    const spn = servicePortName(svc)
    const ready = endpointsOf(model, svc).filter((e) => e.ready).map(endpointString)
    if (ready.length > 0) setEndpoints(state.balancer, spn, ready, rng)
    else resetService(state.balancer, spn)
    cleanupStaleStickySessions(state.balancer, spn, now)
  }
  return state
}

const PORTALS_CONTAINER = 'KUBE-PORTALS-CONTAINER'
const PORTALS_HOST = 'KUBE-PORTALS-HOST'
const NODEPORT_CONTAINER = 'KUBE-NODEPORT-CONTAINER'
const NODEPORT_HOST = 'KUBE-NODEPORT-HOST'
const NODEPORT_NON_LOCAL = 'KUBE-NODEPORT-NON-LOCAL'

/**
 * The userspace proxier's iptables rules (iptablesInit + openPortal per service port).
 * Container portals REDIRECT to the proxy port (kube-proxy listens on 0.0.0.0); host
 * portals DNAT to `<node IP>:<proxy port>`.
 */
export function buildUserspaceIptables(model: ProxyModel, state: UserspaceState): IptablesTables {
  const t = emptyTables()
  t.nat.ensured.push(PORTALS_CONTAINER, PORTALS_HOST, NODEPORT_CONTAINER, NODEPORT_HOST)
  t.filter.ensured.push(NODEPORT_NON_LOCAL)
  const clusterIPs = 'handle ClusterIPs; NOTE: this must be before the NodePort rules'
  prependJump(t.nat, 'PREROUTING', PORTALS_CONTAINER, clusterIPs)
  prependJump(t.nat, 'OUTPUT', PORTALS_HOST, clusterIPs)
  const nodePorts: Arg[] = [{ m: 'addrtype', dir: 'dst', type: 'LOCAL' }, { m: 'comment', text: 'handle service NodePorts; NOTE: this must be the last rule in the chain' }]
  appendJump(t.nat, 'PREROUTING', NODEPORT_CONTAINER, nodePorts)
  appendJump(t.nat, 'OUTPUT', NODEPORT_HOST, nodePorts)
  prependJump(t.filter, 'INPUT', NODEPORT_NON_LOCAL, 'Ensure that non-local NodePort traffic can flow')

  for (const svc of proxiedServices(model)) {
    const spn = servicePortName(svc)
    const proxyPort = state.ports[spn]?.port
    if (proxyPort === undefined) continue
    const p = protoLower(svc.protocol)
    const common = (dstIP: string | undefined, port: number, physdev: boolean, dstLocal: boolean): Arg[] => [
      { m: 'comment', text: spn }, { m: 'proto', proto: p }, { m: 'l4', proto: p }, { m: 'dport', port },
      ...(dstIP ? [{ m: 'dst', cidr: `${dstIP}/32` } as Arg] : []),
      ...(physdev ? [{ m: 'physdev', not: true } as Arg] : []),
      ...(dstLocal ? [{ m: 'addrtype', dir: 'dst', type: 'LOCAL' } as Arg] : []),
    ]
    const redirect: Target = { j: 'REDIRECT', toPorts: proxyPort }
    const dnatHost: Target = { j: 'DNAT', to: `${model.nodeIP}:${proxyPort}` }
    const add = (table: 'nat' | 'filter', chain: string, args: Arg[], target: Target): void => void t[table].rules.push({ table, chain, args, target, svc: spn } as Rule)

    // openOnePortal for the ClusterIP and each LB ingress IP (not "external"), then each external IP.
    for (const ip of [svc.clusterIP, ...svc.loadBalancerIPs]) {
      add('nat', PORTALS_CONTAINER, common(ip, svc.port, false, false), redirect)
      add('nat', PORTALS_HOST, common(ip, svc.port, false, false), dnatHost)
    }
    for (const ip of svc.externalIPs) {
      // From containers over the bridge, from this host's own addresses, and from the host.
      add('nat', PORTALS_CONTAINER, common(ip, svc.port, true, false), redirect)
      add('nat', PORTALS_CONTAINER, common(ip, svc.port, false, true), redirect)
      add('nat', PORTALS_HOST, common(ip, svc.port, false, true), dnatHost)
    }
    const np = svc.nodePort ?? 0
    if (np !== 0) {
      add('nat', NODEPORT_CONTAINER, common(undefined, np, false, false), redirect)
      add('nat', NODEPORT_HOST, common(undefined, np, false, false), dnatHost)
      add('filter', NODEPORT_NON_LOCAL, [...common(undefined, proxyPort, false, false), { m: 'comment', text: spn },
        { m: 'conntrack', states: ['NEW'], alias: 'state' }], { j: 'ACCEPT' })
    }
  }
  return t
}

/** Which service port owns a local proxy port (the socket a REDIRECTed packet reaches). */
export function serviceForProxyPort(state: UserspaceState, port: number): string | undefined {
  return Object.entries(state.ports).find(([, p]) => p.port === port)?.[0]
}
