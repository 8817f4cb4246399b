import type { KObject } from '../api/types'
import {
  servicePort, servicePortName,
  type EndpointInfo, type Protocol, type ServicePortInfo, type ServiceType, type TrafficPolicy,
} from './model'

/**
 * From API objects to kube-proxy's view: a Service becomes one `ServicePortInfo` per port
 * (`pkg/proxy/serviceport.go` newBaseServiceInfo) and an EndpointSlice becomes endpoints per
 * ServicePortName (`pkg/proxy/endpointslicecache.go`). Pure functions; `KubeProxy` calls them
 * from its informer handlers so a sync only assembles what changed.
 *
 * @example
 *   servicePortsOf(svc)      // [{ namespace: 'default', name: 'web', port: 80, clusterIP: '10.96.45.12', … }]
 *   sliceEndpoints(slice)    // [['default/web', { ip: '10.244.1.5', port: 8080, nodeName: 'node-1', ready: true, … }]]
 */

const PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP']
const policy = (p: unknown): TrafficPolicy => (p === 'Local' ? 'Local' : 'Cluster')

/**
 * The service ports kube-proxy tracks for one Service. ExternalName and headless Services
 * yield none (`ShouldSkipService`): no VIP, nothing to program.
 */
export function servicePortsOf(svc: KObject): ServicePortInfo[] {
  const spec = svc.spec ?? {}
  const type: ServiceType = spec.type ?? 'ClusterIP'
  const clusterIP: string = spec.clusterIP ?? ''
  if (type === 'ExternalName' || clusterIP === '' || clusterIP === 'None') return []
  // LoadBalancerIPMode "Proxy": the cloud LB proxies, so kube-proxy must not capture the IP (KEP-1860).
  const lbIPs: string[] = (svc.status?.loadBalancer?.ingress ?? [])
    .filter((i: { ip?: string; ipMode?: string }) => i?.ip && i.ipMode !== 'Proxy')
    .map((i: { ip: string }) => i.ip)
  const sourceRanges: string[] = type === 'LoadBalancer' ? (spec.loadBalancerSourceRanges ?? []).map((s: string) => String(s).trim()) : []
  const out: ServicePortInfo[] = []
  for (const p of spec.ports ?? []) {
    if (!p || typeof p.port !== 'number') continue
    const protocol: Protocol = PROTOCOLS.includes(p.protocol) ? p.protocol : 'TCP'
    const info = servicePort({
      namespace: svc.metadata.namespace ?? 'default',
      name: svc.metadata.name ?? '',
      portName: p.name ?? '',
      protocol,
      clusterIP,
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      type,
      loadBalancerIPs: type === 'LoadBalancer' ? lbIPs : [],
      loadBalancerSourceRanges: sourceRanges,
      externalIPs: [...(spec.externalIPs ?? [])],
      sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
      externalTrafficPolicy: policy(spec.externalTrafficPolicy),
      internalTrafficPolicy: policy(spec.internalTrafficPolicy),
      headless: false,
    })
    if (p.nodePort) info.nodePort = p.nodePort
    if (spec.sessionAffinity === 'ClientIP') info.sessionAffinityTimeoutSeconds = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800
    if (spec.healthCheckNodePort) info.healthCheckNodePort = spec.healthCheckNodePort
    out.push(info)
  }
  return out
}

/** `<ns>/<service>` of the Service an EndpointSlice belongs to (its `kubernetes.io/service-name` label). */
export function sliceServiceKey(slice: KObject): string | undefined {
  const svc = slice.metadata.labels?.['kubernetes.io/service-name']
  return svc ? `${slice.metadata.namespace ?? 'default'}/${svc}` : undefined
}

/**
 * The endpoints one slice contributes, per ServicePortName. As endpointslicecache does:
 * only IPv4 slices (the playground's family), the first address of each endpoint, a nil
 * `ready` counts as ready, a nil `serving` as the value of `ready`, a nil `terminating` as
 * false; ports without a number are skipped.
 */
export function sliceEndpoints(slice: KObject): [string, EndpointInfo][] {
  const key = sliceServiceKey(slice)
  if (!key || slice.addressType !== 'IPv4') return []
  const [namespace, name] = key.split('/')
  const out: [string, EndpointInfo][] = []
  for (const p of slice.ports ?? []) {
    if (!p || typeof p.port !== 'number') continue
    const spn = servicePortName({ namespace, name, portName: p.name ?? '' })
    for (const e of slice.endpoints ?? []) {
      const ip = e?.addresses?.[0]
      if (!ip) continue
      const ready = e.conditions?.ready == null ? true : !!e.conditions.ready
      const serving = e.conditions?.serving == null ? ready : !!e.conditions.serving
      const terminating = e.conditions?.terminating === true
      out.push([spn, { ip, port: p.port, nodeName: e.nodeName ?? '', ready, serving, terminating }])
    }
  }
  return out
}

/**
 * Merge the endpoints of several slices of one service port: the same `ip:port` in two slices
 * (during a slice rebalance) counts once, the first one seen wins (kube-proxy keeps one
 * endpoint per string).
 */
export function mergeEndpoints(lists: Iterable<[string, EndpointInfo][]>): Record<string, EndpointInfo[]> {
  const seen = new Map<string, Map<string, EndpointInfo>>()
  for (const list of lists)
    for (const [spn, ep] of list) {
      let m = seen.get(spn)
      if (!m) seen.set(spn, (m = new Map()))
      const k = `${ep.ip}:${ep.port}`
      if (!m.has(k)) m.set(k, ep)
    }
  const out: Record<string, EndpointInfo[]> = {}
  for (const [spn, m] of seen) out[spn] = [...m.values()]
  return out
}
