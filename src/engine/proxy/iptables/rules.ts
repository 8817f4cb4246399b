import { proxiedServices, resolveConfig, servicePortName, type ProxyModel } from '../model'
import { writeServicePort, KUBE_MARK_MASQ, type SyncContext } from './service-rules'
import { emptyTables, prependJump, appendJump, type Arg, type IptablesTables, type Rule, type Target } from './types'

/**
 * `buildIptables(model)`: the whole filter and nat tables after one full sync of
 * kube-proxy in iptables mode on one node (`pkg/proxy/iptables/proxier.go` syncProxyRules,
 * REFERENCE 9.1–9.6), plus the empty mangle canary. The result is data: print it with
 * `iptablesSave` / `iptablesRestore` / `iptablesList`, walk it with `tracePacket`.
 *
 * Example:
 *   const t = buildIptables(model)
 *   t.nat.rules.filter(r => r.chain === 'KUBE-SERVICES').length  // one per VIP:port, + the NODEPORTS jump
 */

/** `1 << masqueradeBit` formatted as the tests and iptables-save show it (`0x4000`). */
export function masqueradeMark(bit: number): number {
  return (1 << bit) >>> 0
}

/** Above this many endpoints in total, kube-proxy drops per-endpoint comments ("even by 40%+"). */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000

export function buildIptables(model: ProxyModel): IptablesTables {
  const config = resolveConfig(model)
  const tables = emptyTables()
  const ipv6 = model.nodeIP.includes(':')
  const mark = masqueradeMark(config.masqueradeBit)
  installJumps(tables)

  // iptables.Monitor creates the canary in each table; a missing canary means someone
  // flushed iptables and forces a full resync.
  for (const t of [tables.mangle, tables.nat, tables.filter]) t.ensured.push('KUBE-PROXY-CANARY')
  // KUBE-FIREWALL is ensured (as the kubelet's duplicate) even when kube-proxy writes no rule into it.
  tables.filter.ensured.push('KUBE-FIREWALL')

  tables.filter.chains.push('KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL')
  tables.nat.chains.push('KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', KUBE_MARK_MASQ)

  const nat = (chain: string, args: Arg[], target: Target): void => void tables.nat.rules.push(rule('nat', chain, args, target))
  const filter = (chain: string, args: Arg[], target: Target): void => void tables.filter.rules.push(rule('filter', chain, args, target))

  nat('KUBE-POSTROUTING', [{ m: 'mark', value: mark, mask: mark, not: true }], { j: 'RETURN' })
  // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
  nat('KUBE-POSTROUTING', [], { j: 'MARK', op: 'xor', mark })
  nat('KUBE-POSTROUTING', [{ m: 'comment', text: 'kubernetes service traffic requiring SNAT' }], { j: 'MASQUERADE', randomFully: config.randomFully })
  nat(KUBE_MARK_MASQ, [], { j: 'MARK', op: 'or', mark })

  // route_localnet=1 (needed for localhost NodePorts) lets 127/8 arrive from outside:
  // this rule, a copy of the kubelet's, closes that hole (issue 90259).
  if (!ipv6 && config.localhostNodePorts) {
    tables.filter.chains.push('KUBE-FIREWALL')
    filter('KUBE-FIREWALL', [{ m: 'comment', text: 'block incoming localnet connections' }, { m: 'dst', cidr: '127.0.0.0/8' },
      { m: 'src', cidr: '127.0.0.0/8', not: true }, { m: 'conntrack', states: ['RELATED', 'ESTABLISHED', 'DNAT'], not: true }], { j: 'DROP' })
  }

  const services = proxiedServices(model)
  let totalEndpoints = 0
  for (const s of services) totalEndpoints += (model.endpoints[servicePortName(s)] ?? []).length
  const ctx: SyncContext = { model, config, tables, largeClusterMode: totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD, ipv6 }
  for (const svc of services) writeServicePort(ctx, svc)

  // The tail call to KUBE-NODEPORTS must stay after every service rule.
  const nodePortDst: Arg[] = [{ m: 'addrtype', dir: 'dst', type: 'LOCAL' }]
  if (ipv6) nodePortDst.push({ m: 'dst', cidr: '::1/128', not: true })
  else if (!config.localhostNodePorts) nodePortDst.push({ m: 'dst', cidr: '127.0.0.0/8', not: true })
  nat('KUBE-SERVICES', [{ m: 'comment', text: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain' }, ...nodePortDst],
    { j: 'chain', chain: 'KUBE-NODEPORTS' })

  // Without tcp_be_liberal, out-of-window packets are INVALID and would reset connections (issue 74839).
  if (!config.conntrackTCPLiberal) {
    const acct: Arg[] = config.nfacct ? [{ m: 'nfacct', name: 'ct_state_invalid_dropped_pkts' }] : []
    filter('KUBE-FORWARD', [{ m: 'conntrack', states: ['INVALID'] }, ...acct], { j: 'DROP' })
  }
  // Marked (NodePort) traffic is forwarded even when the FORWARD policy is DROP.
  filter('KUBE-FORWARD', [{ m: 'comment', text: 'kubernetes forwarding rules' }, { m: 'mark', value: mark, mask: mark }], { j: 'ACCEPT' })
  filter('KUBE-FORWARD', [{ m: 'comment', text: 'kubernetes forwarding conntrack rule' }, { m: 'conntrack', states: ['RELATED', 'ESTABLISHED'] }], { j: 'ACCEPT' })
  return tables
}

const NEW: Arg = { m: 'conntrack', states: ['NEW'] }

/**
 * iptablesJumpChains, each ensured with EnsureRule(Prepend) in list order — so the last
 * one listed for a built-in chain ends up first. The KUBE-FIREWALL jumps are the
 * kubelet's (it starts before kube-proxy), so they sit below kube-proxy's.
 */
function installJumps(tables: IptablesTables): void {
  appendJump(tables.filter, 'INPUT', 'KUBE-FIREWALL', [])
  appendJump(tables.filter, 'OUTPUT', 'KUBE-FIREWALL', [])
  const f = tables.filter
  prependJump(f, 'INPUT', 'KUBE-EXTERNAL-SERVICES', 'kubernetes externally-visible service portals', [NEW])
  prependJump(f, 'FORWARD', 'KUBE-EXTERNAL-SERVICES', 'kubernetes externally-visible service portals', [NEW])
  prependJump(f, 'INPUT', 'KUBE-NODEPORTS', 'kubernetes health check service ports')
  prependJump(f, 'FORWARD', 'KUBE-SERVICES', 'kubernetes service portals', [NEW])
  prependJump(f, 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals', [NEW])
  prependJump(f, 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules')
  prependJump(f, 'INPUT', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', [NEW])
  prependJump(f, 'OUTPUT', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', [NEW])
  prependJump(f, 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', [NEW])
  prependJump(tables.nat, 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals')
  prependJump(tables.nat, 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals')
  prependJump(tables.nat, 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules')
  // iptablesKubeletJumpChains: already present, so EnsureRule leaves them where they are.
  prependJump(f, 'INPUT', 'KUBE-FIREWALL', '')
  prependJump(f, 'OUTPUT', 'KUBE-FIREWALL', '')
}

function rule(table: Rule['table'], chain: string, args: Arg[], target: Target): Rule {
  return { table, chain, args, target }
}
