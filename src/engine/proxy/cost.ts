/**
 * The modelled per-packet cost of each proxy mode, and the published figures the UI
 * quotes beside it (REFERENCE 12). Captions are built by the UI (i18n) from these numbers;
 * every figure carries its source. Exact latency curves exist only as charts upstream and
 * the IPVS row of the Huawei table was never obtained — they are deliberately absent.
 */

export type ProxyMode = 'iptables' | 'ipvs' | 'userspace'

export interface PerfFact {
  id: string
  /** The figures, as data. */
  figures: Readonly<Record<string, number | string>>
  /** One-line English summary (the UI translates by id). */
  summary: string
  source: string
}

export const PERF_FACTS = {
  P1: { id: 'P1', figures: { services1Rules: 8, services5000Rules: 40_000, services20000Rules: 160_000, addRule1: '2 ms', addRule5000: '11 min', addRule20000: '5 hours' },
    summary: 'Time to add one iptables rule: 2 ms at 1 service, 11 min at 5,000, 5 hours at 20,000; IPVS latency does not grow with services.',
    source: 'Huawei (Haibin Xie, Quinton Hoole), KubeCon EU 2017 "Scale Kubernetes to Support 50,000 Services"; kubernetes/community PR #692' },
  P2: { id: 'P2', figures: { nodes: 5000, nodePortServices: 2000, podsPerService: 10, rulesPerNode: 20_000 },
    summary: '5,000 nodes, 2,000 NodePort services × 10 pods: at least 20,000 iptables records on each worker node.',
    source: 'Kubernetes blog 2018-07-09 "IPVS-Based In-Cluster Load Balancing Deep Dive"' },
  P3: { id: 'P3', figures: { services: 10_000, backends: 100_000, iptablesCpuPct: 35, ipvsCpuPct: 8, rulesPerConnection: 20_000, keepaliveCpuPct: 2 },
    summary: 'At 10,000 services extra CPU is ~35% of a core for iptables vs ~8% for IPVS; with keepalive the iptables penalty is closer to 2%.',
    source: 'Tigera/Calico blog "Comparing kube-proxy modes: iptables or IPVS?"' },
  P4: { id: 'P4', figures: { p50BeforeS: 27, p50AfterS: 13, p50MinSync1sS: 5 },
    summary: 'Partial syncs (KEP-3453) cut network programming p50 on 5,000 nodes from ~27 s to ~13 s (~5 s with a 1 s min sync period).',
    source: 'kubernetes/enhancements keps/sig-network/3453-minimize-iptables-restore/README.md' },
  P5: { id: 'P5', figures: { iptablesLookup: 'O(n)', nftablesLookup: 'O(1)' },
    summary: 'iptables finds the service with a linear walk of KUBE-SERVICES; nftables uses one verdict map (O(1)).',
    source: 'Kubernetes blog 2025-02-28 "NFTables mode for kube-proxy" (Dan Winship)' },
  P6: { id: 'P6', figures: {},
    summary: 'iptables updates lock, download and re-upload the whole ruleset; every packet passes through all of these rules.',
    source: 'KEP-3866 README (motivation)' },
  P7: { id: 'P7', figures: { podToPodPct: 100, userspacePct: 36, iptablesPct: 96 },
    summary: 'Throughput on one host: pod→pod 100%, through the userspace proxy 36%, through iptables 96%.',
    source: 'Eric Paris, kubernetes/kubernetes PR #16344 (2015-11-11)' },
  P8: { id: 'P8', figures: { services: 100, rules: 800, msPerRule: 50, flushSeconds: 40, ensurePortalsMinutes: 2 },
    summary: 'The userspace proxier wrote rules one iptables call at a time: 800 rules × ~50 ms ≈ 40 s per flush.',
    source: 'kubernetes/kubernetes issues #20479 and #26148' },
  P9: { id: 'P9', figures: { le3msPct: 72.41, le5msPct: 98.83, tailMs: 89, tailPct: 99.91 },
    summary: 'Userspace tail latency (redis-benchmark, 50 clients): 72.41% ≤ 3 ms, 98.83% ≤ 5 ms, tail ≥ 89 ms.',
    source: 'kubernetes/kubernetes issue #3734 (2015)' },
  P10: { id: 'P10', figures: { rejectRules: 5000 },
    summary: '~5,000 ClusterIP REJECT rules evaluated from INPUT slowed a node almost to a halt; they moved to KUBE-EXTERNAL-SERVICES.',
    source: 'Dan Winship, kubernetes/kubernetes PR #56164 (2017)' },
  P11: { id: 'P11', figures: { services: 10_000, endpointsPerService: 5, ipvsCallsMin: 10_000, ipvsCallsMax: 50_000, memorySpikePct: 500 },
    summary: '10,000 services × 5 endpoints is 10,000–50,000 IPVS calls per periodic sync; iptables kube-proxy memory spiked 500%.',
    source: 'Tim Hockin, review on kubernetes/kubernetes PR #46580 (2017)' },
  P12: { id: 'P12', figures: {},
    summary: 'The first iptables packet linearly searches KUBE-SERVICES; IPVS and nftables hash. Established packets bypass rules via conntrack.',
    source: 'Tim Hockin, kubernetes/kubernetes issue #14099' },
  P13: { id: 'P13', figures: { largeClusterEndpoints: 1000, sizeReductionPct: 40 },
    summary: 'Above 1,000 endpoints kube-proxy drops rule comments, shrinking the rules "even by 40%+".',
    source: 'pkg/proxy/iptables/proxier.go' },
} as const satisfies Record<string, PerfFact>

export interface ModelledCost {
  mode: ProxyMode
  /** iptables rules evaluated for the first packet (nat PREROUTING only: the service lookup). */
  rulesTraversed: number
  /** Hash-table lookups (ipset matches and the IPVS virtual-server lookup). */
  hashLookups: number
  /** Extra copies of each payload byte (kernel → user → kernel) in one direction. */
  copiesPerByte: number
  /** TCP connections per client connection. */
  tcpConnections: number
  /** Context switches per request/response exchange in the proxy (read + write each way). */
  contextSwitches: number
  /** REFERENCE 12 facts that back the numbers. */
  facts: readonly (keyof typeof PERF_FACTS)[]
}

export interface IptablesPathShape {
  /** 1-based position of the matching rule in KUBE-SERVICES. */
  servicePosition: number
  /** Endpoints in the KUBE-SVC chain, and which one (1-based) the cascade picked. */
  endpoints: number
  endpointIndex: number
  /** ClientIP affinity: one `-m recent --rcheck` rule per endpoint precedes the cascade. */
  affinity?: boolean
  /** The ClusterIP masquerade rule is present (a local detector or --masquerade-all). */
  masqueradeRule?: boolean
}

/**
 * nat PREROUTING rules for the first packet to a ClusterIP: the hook jump, the linear walk
 * of KUBE-SERVICES up to the match, the SVC chain (masquerade rule, affinity checks, the
 * cascade up to the chosen endpoint) and the SEP chain (hairpin check + DNAT).
 * Example: REFERENCE 9.7, first endpoint → 1 + 1 + 1 + 1 + 2 = 6.
 */
export function iptablesServiceLookupRules(s: IptablesPathShape): number {
  return 1 + s.servicePosition + (s.masqueradeRule === false ? 0 : 1) + (s.affinity ? s.endpoints : 0) + s.endpointIndex + 2
}

/**
 * The average per-packet cost with `services` ClusterIPs of `endpoints` endpoints each,
 * every service equally likely: linear in services for iptables and userspace (both walk
 * a chain with one rule per service), flat for IPVS (a hash lookup).
 */
export function modelledCost(mode: ProxyMode, services: number, endpoints: number): ModelledCost {
  const avgPosition = (services + 1) / 2
  switch (mode) {
    case 'iptables':
      return {
        mode, rulesTraversed: 1 + avgPosition + 1 + (endpoints + 1) / 2 + 2, hashLookups: 0, copiesPerByte: 0, tcpConnections: 1, contextSwitches: 0,
        facts: ['P3', 'P5', 'P12'],
      }
    case 'ipvs':
      // nat KUBE-SERVICES in IPVS mode: the jump, the loopback RETURN, the cluster-IP masquerade
      // set match, the dst-type LOCAL jump to KUBE-NODE-PORT (and its set matches), the ACCEPT.
      return { mode, rulesTraversed: IPVS_NAT_RULES_CLUSTER_IP, hashLookups: 3, copiesPerByte: 0, tcpConnections: 1, contextSwitches: 0, facts: ['P1', 'P3', 'P12'] }
    case 'userspace':
      return {
        mode, rulesTraversed: 1 + avgPosition, hashLookups: 0, copiesPerByte: 2, tcpConnections: 2, contextSwitches: 4,
        facts: ['P7', 'P8', 'P9'],
      }
  }
}

/**
 * Rules the first packet to a ClusterIP walks in IPVS mode's nat PREROUTING with no
 * NodePort services: PREROUTING jump, `-s 127/8 RETURN`, cluster-IP masquerade, `--dst-type
 * LOCAL -j KUBE-NODE-PORT`, and the cluster-IP ACCEPT — however many Services exist.
 */
export const IPVS_NAT_RULES_CLUSTER_IP = 5
