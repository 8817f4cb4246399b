import { compareStrings, joinHostPort } from './ip'
import {
  servicePortName, usesClusterEndpoints, usesLocalEndpoints,
  type EndpointInfo, type ProxyModel, type ServicePortInfo,
} from './model'

/**
 * Which endpoints a node's proxy uses for a service port: `pkg/proxy/topology.go`
 * CategorizeEndpoints (REFERENCE 8.6), without topology hints (the playground has no zones).
 */

/** Endpoint.String(): `ip:port` (`[ip]:port` for IPv6) — the SEP hash input and the DNAT target. */
export function endpointString(ep: Pick<EndpointInfo, 'ip' | 'port'>): string {
  return joinHostPort(ep.ip, ep.port)
}

/**
 * endpointslicecache sorts by the *string* `ip:port`, so `10.0.1.10:80` precedes `10.0.1.2:80`.
 * This order fixes the statistic cascade and the SEP chain order.
 */
export function sortEndpoints<T extends Pick<EndpointInfo, 'ip' | 'port'>>(eps: readonly T[]): T[] {
  return [...eps].sort((a, b) => compareStrings(endpointString(a), endpointString(b)))
}

/** The model's endpoints for one service port, sorted. */
export function endpointsOf(model: ProxyModel, svc: ServicePortInfo): EndpointInfo[] {
  return sortEndpoints(model.endpoints[servicePortName(svc)] ?? [])
}

export interface CategorizedEndpoints {
  /** Ready endpoints anywhere (or serving+terminating when none is ready); [] if Cluster policy is never used. */
  cluster: EndpointInfo[]
  /** Local ready endpoints (or local serving+terminating); [] if Local policy is never used. */
  local: EndpointInfo[]
  /** cluster ∪ local: the endpoints this node may DNAT to (one KUBE-SEP chain each). */
  allReachable: EndpointInfo[]
  /** Any endpoint in the cluster is usable (ready, or serving & terminating). */
  hasAnyEndpoints: boolean
}

/**
 * CategorizeEndpoints for one service port on `nodeName`. "Local" means the endpoint's
 * nodeName is this node. Each list keeps the sorted order of the input.
 *
 * Example: one ready endpoint on node-2, a Local-policy service, asked on node-1:
 *   { cluster: [ep], local: [], allReachable: [ep], hasAnyEndpoints: true }
 */
export function categorizeEndpoints(endpoints: readonly EndpointInfo[], svc: ServicePortInfo, nodeName: string): CategorizedEndpoints {
  const eps = sortEndpoints(endpoints)
  let cluster: EndpointInfo[] = []
  let local: EndpointInfo[] = []
  let hasAnyEndpoints = false
  let usedServingTerminating = false

  if (usesClusterEndpoints(svc)) {
    cluster = eps.filter((ep) => ep.ready)
    // No ready endpoint anywhere: fall back to serving & terminating ones, so connections
    // keep working during a rollout instead of being rejected (KEP-1669).
    if (cluster.length === 0) cluster = eps.filter((ep) => ep.serving && ep.terminating)
    if (cluster.length > 0) hasAnyEndpoints = true
  }
  if (!usesLocalEndpoints(svc)) return { cluster, local, allReachable: cluster, hasAnyEndpoints }

  let localReady = false
  let localServingTerminating = false
  for (const ep of eps) {
    const isLocal = ep.nodeName === nodeName
    if (ep.ready) {
      hasAnyEndpoints = true
      if (isLocal) localReady = true
    } else if (ep.serving && ep.terminating) {
      hasAnyEndpoints = true
      if (isLocal) localServingTerminating = true
    }
  }
  if (localReady) local = eps.filter((ep) => ep.nodeName === nodeName && ep.ready)
  else if (localServingTerminating) {
    usedServingTerminating = true
    local = eps.filter((ep) => ep.nodeName === nodeName && ep.serving && ep.terminating)
  }

  if (!usesClusterEndpoints(svc)) return { cluster, local, allReachable: local, hasAnyEndpoints }
  // Without fallback the local endpoints are a subset of the cluster ones (all ready).
  if (!usedServingTerminating) return { cluster, local, allReachable: cluster, hasAnyEndpoints }
  const merged = new Map<string, EndpointInfo>()
  for (const ep of [...cluster, ...local]) merged.set(endpointString(ep), ep)
  return { cluster, local, allReachable: sortEndpoints([...merged.values()]), hasAnyEndpoints }
}
