/**
 * kube-proxy's rule tables as pure modules (no informers): give them what one node's
 * kube-proxy sees (`ProxyModel`) and get back the tables it would write, their printed
 * forms, and a tracer that walks them.
 *
 *   iptables:  buildIptables → iptablesSave / iptablesRestore / iptablesList, tracePacket
 *   IPVS:      buildIpvs → ipvsadmList / ipsetListText / ipAddrShowKubeIpvs0, pick, traceIpvs
 *   userspace: syncUserspace → buildUserspaceIptables, tryConnectEndpoints, traceUserspace
 *   cost:      modelledCost, iptablesServiceLookupRules, PERF_FACTS (REFERENCE 12)
 */
export * from './model'
export * from './endpoints'
export { joinHostPort, cidrContains } from './ip'

export * from './iptables/types'
export * from './iptables/hash'
export * from './iptables/probability'
export { buildIptables, masqueradeMark, LARGE_CLUSTER_ENDPOINTS_THRESHOLD } from './iptables/rules'
export { iptablesSave, iptablesRestore, savedChainOrder, ctime, type SaveOptions } from './iptables/save'
export { iptablesList } from './iptables/list'
export { restoreLine, saveLine, xtablesSaveString } from './iptables/format'
export { ruleMatches, isLocalAddress, type Packet, type RecentLists, type MatchContext } from './iptables/match'
export {
  tracePacket, runHook, walkChain,
  type Step, type Verdict, type TraceOptions, type TraceResult, type HookResult, type WalkState, type ChainOutcome,
} from './iptables/evaluate'

export { buildIpvs, lookupVirtualServer, vsKey, type IpvsState, type VirtualServer, type RealServer, type VirtualServerKind } from './ipvs/ipvs'
export { IPSET_INFO, entryString, ipsetMatches, ipsetList, type IpSet, type IpSetEntry, type IpSetType } from './ipvs/ipsets'
export { ipsetReferences } from './ipvs/iptables'
export {
  pick, schedule, newIpvsRuntime, connectionOpened, connectionClosed, connOverhead,
  type IpvsRuntime, type IpvsPick, type Connection,
} from './ipvs/schedulers'
export { ipvsadmList, ipsetListText, ipAddrShowKubeIpvs0, sortedServices, type LinkInfo } from './ipvs/print'
export { traceIpvs, type IpvsTraceResult } from './ipvs/path'

export {
  newUserspaceState, syncUserspace, buildUserspaceIptables, allocateProxyPort, serviceForProxyPort, EPHEMERAL_RANGE,
  type UserspaceState, type PortRange, type ProxyPortInfo,
} from './userspace/userspace'
export * from './userspace/balancer'
export { traceUserspace, type UserspaceTrace, type UserspaceTraceOptions } from './userspace/path'

export * from './cost'
