import { categorizeEndpoints, endpointsOf, endpointString } from '../endpoints'
import { cidrContains } from '../ip'
import {
  externallyAccessible, externalPolicyLocal, internalPolicyLocal, protoLower, servicePortName, stickySeconds,
  usesClusterEndpoints, usesLocalEndpoints, type EndpointInfo, type KubeProxyConfig, type ProxyModel, type ServicePortInfo,
} from '../model'
import { portProtoHash, servicePortEndpointChainName } from './hash'
import { probabilityString } from './probability'
import type { Arg, IptablesTables, L4, Rule, Target } from './types'

/**
 * The rules of one service port: one pass of the loop in syncProxyRules
 * (`pkg/proxy/iptables/proxier.go`, REFERENCE 9.4 steps 1–10), in upstream's order.
 */

export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ'

export interface SyncContext {
  model: ProxyModel
  config: KubeProxyConfig
  tables: IptablesTables
  /** > 1000 endpoints in total: the SVC→SEP and SEP comments are omitted. */
  largeClusterMode: boolean
  ipv6: boolean
}

const chainJump = (chain: string): Target => ({ j: 'chain', chain })

export function writeServicePort(ctx: SyncContext, svc: ServicePortInfo): void {
  const { model, config, tables } = ctx
  const spn = servicePortName(svc)
  const p: L4 = protoLower(svc.protocol)
  const nat = (chain: string, args: Arg[], target?: Target): void => void tables.nat.rules.push(mk('nat', chain, args, target, spn))
  const filter = (chain: string, args: Arg[], target?: Target): void => void tables.filter.rules.push(mk('filter', chain, args, target, spn))
  const natChain = (c: string): void => void tables.nat.chains.push(c)

  const { cluster, local, allReachable, hasAnyEndpoints: hasEndpoints } = categorizeEndpoints(endpointsOf(model, svc), svc, model.nodeName)
  // One hash serves the SVC, SVL, EXT and FW chains (portProtoHash), one per endpoint the SEP.
  const h = portProtoHash(spn, p)
  const clusterPolicyChain = 'KUBE-SVC-' + h
  const localPolicyChain = 'KUBE-SVL-' + h
  const sepNames = new Map<string, string>()
  const sepOf = (ep: EndpointInfo): string => {
    const key = endpointString(ep)
    let name = sepNames.get(key)
    if (name === undefined) sepNames.set(key, (name = servicePortEndpointChainName(spn, p, key)))
    return name
  }
  const usesClusterPolicyChain = cluster.length > 0 && usesClusterEndpoints(svc)
  const usesLocalPolicyChain = local.length > 0 && usesLocalEndpoints(svc)

  let internalChain = clusterPolicyChain
  let hasInternal = hasEndpoints
  if (internalPolicyLocal(svc)) {
    internalChain = localPolicyChain
    if (local.length === 0) hasInternal = false
  }
  let externalPolicyChain = clusterPolicyChain
  let hasExternal = hasEndpoints
  if (externalPolicyLocal(svc)) {
    externalPolicyChain = localPolicyChain
    if (local.length === 0) hasExternal = false
  }
  const extChain = 'KUBE-EXT-' + h
  // The EXT chain exists whenever there are endpoints anywhere: even with no local
  // endpoints it must short-circuit pod and host traffic to the cluster chain.
  const usesExtChain = hasEndpoints && externallyAccessible(svc)
  const fwChain = 'KUBE-FW-' + h
  const usesFWChain = hasEndpoints && svc.loadBalancerIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0
  const lbChain = usesFWChain ? fwChain : extChain

  // No endpoints at all: REJECT (the client sees "connection refused"). Endpoints, but none
  // on this node for a Local policy: DROP (the client times out; another node may answer).
  let internalTarget: Target = { j: 'REJECT' }
  let internalComment = `${spn} has no endpoints`
  let externalTarget: Target = { j: 'REJECT' }
  let externalComment = internalComment
  if (hasEndpoints) {
    if (!hasInternal) [internalTarget, internalComment] = [{ j: 'DROP' }, `${spn} has no local endpoints`]
    if (!hasExternal) [externalTarget, externalComment] = [{ j: 'DROP' }, `${spn} has no local endpoints`]
  }
  const dest = (ip: string, port: number): Arg[] => [{ m: 'l4', proto: p }, { m: 'proto', proto: p }, { m: 'dst', cidr: ip }, { m: 'dport', port }]

  // 1. The ClusterIP.
  if (hasInternal) nat('KUBE-SERVICES', [cm(`${spn} cluster IP`), ...dest(svc.clusterIP, svc.port)], chainJump(internalChain))
  else filter('KUBE-SERVICES', [cm(internalComment), ...dest(svc.clusterIP, svc.port)], internalTarget)

  // 2. External IPs.
  for (const eip of svc.externalIPs) {
    if (hasEndpoints) nat('KUBE-SERVICES', [cm(`${spn} external IP`), ...dest(eip, svc.port)], chainJump(extChain))
    if (!hasExternal) filter('KUBE-EXTERNAL-SERVICES', [cm(externalComment), ...dest(eip, svc.port)], externalTarget)
  }

  // 3. Load-balancer IPs.
  for (const lb of svc.loadBalancerIPs) {
    if (hasEndpoints) nat('KUBE-SERVICES', [cm(`${spn} loadbalancer IP`), ...dest(lb, svc.port)], chainJump(lbChain))
    if (usesFWChain) filter('KUBE-PROXY-FIREWALL', [cm(`${spn} traffic not accepted by ${fwChain}`), ...dest(lb, svc.port)], { j: 'DROP' })
  }
  if (!hasExternal) for (const lb of svc.loadBalancerIPs) filter('KUBE-EXTERNAL-SERVICES', [cm(externalComment), ...dest(lb, svc.port)], externalTarget)

  // 4. The node port (nodeports are not subject to loadBalancerSourceRanges).
  const np = svc.nodePort ?? 0
  if (np !== 0) {
    if (hasEndpoints) {
      if (config.localhostNodePorts && !ctx.ipv6 && config.nfacct)
        nat('KUBE-NODEPORTS', [cm(spn), { m: 'l4', proto: p }, { m: 'proto', proto: p }, { m: 'dst', cidr: '127.0.0.0/8' }, { m: 'dport', port: np },
          { m: 'nfacct', name: 'localhost_nps_accepted_pkts' }], chainJump(extChain))
      nat('KUBE-NODEPORTS', [cm(spn), { m: 'l4', proto: p }, { m: 'proto', proto: p }, { m: 'dport', port: np }], chainJump(extChain))
    }
    if (!hasExternal)
      filter('KUBE-EXTERNAL-SERVICES', [cm(externalComment), { m: 'addrtype', dir: 'dst', type: 'LOCAL' }, { m: 'l4', proto: p }, { m: 'proto', proto: p },
        { m: 'dport', port: np }], externalTarget)
  }

  // 5. The health-check node port is accepted whether or not this node has endpoints.
  if (svc.healthCheckNodePort)
    filter('KUBE-NODEPORTS', [cm(`${spn} health check node port`), { m: 'l4', proto: 'tcp' }, { m: 'proto', proto: 'tcp' },
      { m: 'dport', port: svc.healthCheckNodePort }], { j: 'ACCEPT' })

  // 6. Masquerade off-cluster traffic to the ClusterIP (it may bounce to another node).
  if (hasInternal) {
    const base = [cm(`${spn} cluster IP`), ...dest(svc.clusterIP, svc.port)]
    if (config.masqueradeAll) nat(internalChain, base, chainJump(KUBE_MARK_MASQ))
    else if (model.podCIDR) nat(internalChain, [...base, { m: 'src', cidr: model.podCIDR, not: true }], chainJump(KUBE_MARK_MASQ))
  }

  // 7. KUBE-EXT: masquerade (Cluster) or keep the client IP (Local), then the policy chain.
  if (usesExtChain) {
    natChain(extChain)
    if (!externalPolicyLocal(svc)) nat(extChain, [cm(`masquerade traffic for ${spn} external destinations`)], chainJump(KUBE_MARK_MASQ))
    else {
      if (model.podCIDR) nat(extChain, [cm(`pod traffic for ${spn} external destinations`), { m: 'src', cidr: model.podCIDR }], chainJump(clusterPolicyChain))
      nat(extChain, [cm(`masquerade LOCAL traffic for ${spn} external destinations`), { m: 'addrtype', dir: 'src', type: 'LOCAL' }], chainJump(KUBE_MARK_MASQ))
      nat(extChain, [cm(`route LOCAL traffic for ${spn} external destinations`), { m: 'addrtype', dir: 'src', type: 'LOCAL' }], chainJump(clusterPolicyChain))
    }
    if (hasExternal) nat(extChain, [], chainJump(externalPolicyChain))
  }

  // 8. KUBE-FW: the source-range allow-list; what falls through is dropped in filter.
  if (usesFWChain) {
    natChain(fwChain)
    let allowFromNode = false
    for (const cidr of svc.loadBalancerSourceRanges) {
      nat(fwChain, [cm(`${spn} loadbalancer IP`), { m: 'src', cidr }], chainJump(extChain))
      if (cidrContains(cidr, model.nodeIP)) allowFromNode = true
    }
    // A VIP-like LB's address is often local; node → VIP then loops back with the VIP as source.
    if (allowFromNode) for (const lb of svc.loadBalancerIPs) nat(fwChain, [cm(`${spn} loadbalancer IP`), { m: 'src', cidr: lb }], chainJump(extChain))
    nat(fwChain, [cm(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`)])
  }

  // 9. The dispatch chains.
  if (usesClusterPolicyChain) {
    natChain(clusterPolicyChain)
    writeServiceToEndpointRules(ctx, svc, spn, clusterPolicyChain, cluster, sepOf, nat)
  }
  if (usesLocalPolicyChain) {
    natChain(localPolicyChain)
    writeServiceToEndpointRules(ctx, svc, spn, localPolicyChain, local, sepOf, nat)
  }

  // 10. One KUBE-SEP chain per reachable endpoint: hairpin masquerade, then DNAT.
  for (const ep of allReachable) {
    const sep = sepOf(ep)
    natChain(sep)
    const comment = ctx.largeClusterMode ? [] : [cm(spn)]
    nat(sep, [...comment, { m: 'src', cidr: ep.ip }], chainJump(KUBE_MARK_MASQ))
    const affinity: Arg[] = svc.sessionAffinity === 'ClientIP' ? [{ m: 'recent', name: sep, op: 'set' }] : []
    nat(sep, [...comment, ...affinity, { m: 'l4', proto: p }, { m: 'proto', proto: p }], { j: 'DNAT', to: endpointString(ep) })
  }
}

/** writeServiceToEndpointRules (REFERENCE 9.5): affinity checks first, then the 1/n cascade. */
function writeServiceToEndpointRules(
  ctx: SyncContext, svc: ServicePortInfo, spn: string, chain: string, endpoints: EndpointInfo[], sepOf: (ep: EndpointInfo) => string,
  nat: (chain: string, args: Arg[], target?: Target) => void,
): void {
  const comment = (ep: EndpointInfo): Arg[] => (ctx.largeClusterMode ? [] : [cm(`${spn} -> ${endpointString(ep)}`)])
  if (svc.sessionAffinity === 'ClientIP')
    for (const ep of endpoints)
      nat(chain, [...comment(ep), { m: 'recent', name: sepOf(ep), op: 'rcheck', seconds: stickySeconds(svc), reap: true }], chainJump(sepOf(ep)))
  const n = endpoints.length
  endpoints.forEach((ep, i) => {
    const stat: Arg[] = i < n - 1 ? [{ m: 'statistic', probability: probabilityString(n - i) }] : []
    nat(chain, [...comment(ep), ...stat], chainJump(sepOf(ep)))
  })
}

function cm(text: string): Arg {
  return { m: 'comment', text }
}

function mk(table: Rule['table'], chain: string, args: Arg[], target: Target | undefined, svc: string): Rule {
  return target ? { table, chain, args, target, svc } : { table, chain, args, svc }
}
