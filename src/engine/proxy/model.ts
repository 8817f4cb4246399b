/**
 * What kube-proxy on ONE node sees, as neutral, serialisable data: the node, the service
 * ports (`pkg/proxy/serviceport.go` BaseServicePortInfo) and the endpoints of each service
 * port (`pkg/proxy/endpoint.go` BaseEndpointInfo). Every mode (iptables, IPVS, userspace)
 * builds its tables from this one input; the informer integration that fills it comes later.
 *
 * Example:
 *   const model: ProxyModel = {
 *     nodeName: 'node-1', nodeIP: '192.168.10.11', podCIDR: '10.244.0.0/16', clusterCIDR: '10.96.0.0/12',
 *     services: [servicePort({ namespace: 'default', name: 'web', clusterIP: '10.96.45.12', port: 80, targetPort: 8080 })],
 *     endpoints: { 'default/web': [{ ip: '10.244.1.5', port: 8080, nodeName: 'node-1', ready: true, serving: true, terminating: false }] },
 *   }
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP'
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
export type TrafficPolicy = 'Cluster' | 'Local'
export type SessionAffinity = 'None' | 'ClientIP'

/** One port of one Service, as kube-proxy's ServicePort interface exposes it. */
export interface ServicePortInfo {
  namespace: string
  name: string
  /** `spec.ports[].name`; '' for an unnamed port (then the ServicePortName has no `:port`). */
  portName: string
  protocol: Protocol
  /** `spec.clusterIP`; '' or 'None' means headless (skipped by every proxy mode). */
  clusterIP: string
  port: number
  /** Informational: the endpoints already carry the resolved container port. */
  targetPort: number | string
  /** 0 / absent: no node port. */
  nodePort?: number
  type: ServiceType
  /** `status.loadBalancer.ingress[].ip` (VIP mode). */
  loadBalancerIPs: string[]
  loadBalancerSourceRanges: string[]
  externalIPs: string[]
  sessionAffinity: SessionAffinity
  /** `spec.sessionAffinityConfig.clientIP.timeoutSeconds`; defaults to 10800 (3 h). */
  sessionAffinityTimeoutSeconds?: number
  externalTrafficPolicy: TrafficPolicy
  internalTrafficPolicy: TrafficPolicy
  /** Allocated for LoadBalancer services with externalTrafficPolicy=Local. */
  healthCheckNodePort?: number
  headless: boolean
}

/** One endpoint of a service port (an EndpointSlice endpoint × the matching port). */
export interface EndpointInfo {
  ip: string
  port: number
  nodeName: string
  ready: boolean
  serving: boolean
  terminating: boolean
}

/** kube-proxy's flags that change the rules. Defaults follow kube-proxy's own defaults. */
export interface KubeProxyConfig {
  /** `--masquerade-all` (false). */
  masqueradeAll: boolean
  /** `--iptables-masquerade-bit` (14 → mark 0x4000). */
  masqueradeBit: number
  /** `--iptables-localhost-nodeports` (true). */
  localhostNodePorts: boolean
  /** iptables supports `--random-fully` (true on any iptables ≥ 1.6.2). */
  randomFully: boolean
  /** `net.netfilter.nf_conntrack_tcp_be_liberal` is set: no INVALID DROP rule (false). */
  conntrackTCPLiberal: boolean
  /** The nfacct counters could be created (true): adds the localhost NodePort nfacct rule. */
  nfacct: boolean
  /** `--ipvs-scheduler` ('' → rr). */
  ipvsScheduler: string
}

export const DEFAULT_PROXY_CONFIG: Readonly<KubeProxyConfig> = Object.freeze({
  masqueradeAll: false,
  masqueradeBit: 14,
  localhostNodePorts: true,
  randomFully: true,
  conntrackTCPLiberal: false,
  nfacct: true,
  ipvsScheduler: 'rr',
})

export interface ProxyModel {
  nodeName: string
  nodeIP: string
  /** The pod range the local-traffic detector matches (`! -s <podCIDR>`), e.g. 10.244.0.0/16. */
  podCIDR: string
  /**
   * The Service range (e.g. 10.96.0.0/12). kube-proxy's iptables, IPVS and userspace modes
   * never write it into rules; it is here so the tracer and UI can tell a VIP from a pod IP.
   */
  clusterCIDR: string
  services: ServicePortInfo[]
  /** Endpoints per service port, keyed by `servicePortName(svc)` (e.g. `default/web:http`). */
  endpoints: Record<string, EndpointInfo[]>
  config?: Partial<KubeProxyConfig>
}

export function resolveConfig(model: ProxyModel): KubeProxyConfig {
  return { ...DEFAULT_PROXY_CONFIG, ...model.config }
}

/** A ServicePortInfo with Kubernetes' defaults filled in; handy for tests and scenarios. */
export function servicePort(p: Partial<ServicePortInfo> & Pick<ServicePortInfo, 'namespace' | 'name' | 'port'>): ServicePortInfo {
  return {
    portName: '', protocol: 'TCP', clusterIP: '', targetPort: p.port, type: 'ClusterIP',
    loadBalancerIPs: [], loadBalancerSourceRanges: [], externalIPs: [], sessionAffinity: 'None',
    externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', headless: false,
    ...p,
  }
}

/** ServicePortName.String(): `ns/name` plus `:port` when the port is named. */
export function servicePortName(svc: Pick<ServicePortInfo, 'namespace' | 'name' | 'portName'>): string {
  return `${svc.namespace}/${svc.name}${svc.portName ? `:${svc.portName}` : ''}`
}

/** `pkg/proxy/util` ShouldSkipService: no ClusterIP (headless) or ExternalName. */
export function shouldSkipService(svc: ServicePortInfo): boolean {
  return svc.headless || svc.clusterIP === '' || svc.clusterIP === 'None' || svc.type === 'ExternalName'
}

/** BaseServicePortInfo.ExternallyAccessible: has a node port, an LB VIP or an external IP. */
export function externallyAccessible(svc: ServicePortInfo): boolean {
  return (svc.nodePort ?? 0) !== 0 || svc.loadBalancerIPs.length > 0 || svc.externalIPs.length > 0
}

/** `apiservice.ExternalPolicyLocal`: the Service type is externally reachable and eTP=Local. */
export function externalPolicyLocal(svc: ServicePortInfo): boolean {
  const reachable = svc.type === 'LoadBalancer' || svc.type === 'NodePort' || (svc.type === 'ClusterIP' && svc.externalIPs.length > 0)
  return reachable && svc.externalTrafficPolicy === 'Local'
}

export function internalPolicyLocal(svc: ServicePortInfo): boolean {
  return svc.internalTrafficPolicy === 'Local'
}

/** Cluster endpoints are needed for iTP=Cluster, and for any external access (short-circuiting). */
export function usesClusterEndpoints(svc: ServicePortInfo): boolean {
  return !internalPolicyLocal(svc) || externallyAccessible(svc)
}

export function usesLocalEndpoints(svc: ServicePortInfo): boolean {
  return internalPolicyLocal(svc) || (externalPolicyLocal(svc) && externallyAccessible(svc))
}

/** StickyMaxAgeSeconds: the ClientIP timeout, 10800 s by default. */
export function stickySeconds(svc: ServicePortInfo): number {
  return svc.sessionAffinityTimeoutSeconds ?? 10800
}

/** `strings.ToLower(protocol)`: the form iptables and ipsets use. */
export function protoLower(p: Protocol): 'tcp' | 'udp' | 'sctp' {
  return p.toLowerCase() as 'tcp' | 'udp' | 'sctp'
}

/**
 * The service ports kube-proxy proxies, in the playground's order. Upstream iterates a Go
 * map (random order each sync); we sort by ServicePortName, then protocol, so the same
 * cluster always prints the same rules (REFERENCE 9.4).
 */
export function proxiedServices(model: ProxyModel): ServicePortInfo[] {
  return model.services
    .filter((s) => !shouldSkipService(s))
    .sort((a, b) => {
      const x = servicePortName(a)
      const y = servicePortName(b)
      return x < y ? -1 : x > y ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0
    })
}
