import type { KubeProxyConfig, ProxyModel } from '../model'
import { masqueradeMark } from '../iptables/rules'
import { emptyTables, prependJump, type Arg, type IptablesTables, type L4, type Rule, type Target } from '../iptables/types'
import type { IpSet } from './ipsets'

/**
 * The iptables rules IPVS mode still writes (`writeIptablesRules`, REFERENCE 10.4). They
 * match ipsets, so their number does not grow with the number of Services.
 */

/** An LB IP:port whose source ranges do not include the node: the node may not reach it. */
export interface LbNoNodeAccess {
  ip: string
  protocol: L4
  port: number
}

/** ipsetWithIptablesChain: set → `-A <from> [-p proto] -m comment … -m set --match-set <set> <flags> -j <to>`. */
const SET_CHAINS: ReadonlyArray<{ set: string; table: 'nat' | 'filter'; from: string; to: string; flags: string; proto?: L4 }> = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', flags: 'dst,dst,src' },
  { set: 'KUBE-LOAD-BALANCER', table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', flags: 'dst,dst' },
  { set: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', flags: 'dst,dst' },
  // The LOCAL sets must precede the masquerading ones: Local node ports keep the client IP.
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst,dst', proto: 'sctp' },
  { set: 'KUBE-NODE-PORT-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst,dst', proto: 'sctp' },
  { set: 'KUBE-LOAD-BALANCER-FW', table: 'filter', from: 'KUBE-PROXY-FIREWALL', to: 'KUBE-SOURCE-RANGES-FIREWALL', flags: 'dst,dst' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', flags: 'dst,dst,src' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-IP', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', flags: 'dst,dst,src' },
]

const BUILTIN_TARGETS = new Set(['MASQUERADE', 'RETURN', 'ACCEPT', 'DROP', 'REJECT'])
const target = (to: string): Target => (BUILTIN_TARGETS.has(to) ? ({ j: to } as Target) : { j: 'chain', chain: to })
const cm = (text: string): Arg => ({ m: 'comment', text })
const set = (name: string, flags: string): Arg => ({ m: 'set', name, flags })

export function buildIpvsIptables(model: ProxyModel, config: KubeProxyConfig, sets: Record<string, IpSet>, noNodeAccess: LbNoNodeAccess[]): IptablesTables {
  const t = emptyTables()
  const mark = masqueradeMark(config.masqueradeBit)
  // createAndLinkKubeChain: iptablesChains, then iptablesJumpChain (each EnsureRule(Prepend)).
  t.nat.chains.push('KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ')
  t.filter.chains.push('KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER')
  prependJump(t.nat, 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals')
  prependJump(t.nat, 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals')
  prependJump(t.nat, 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules')
  prependJump(t.filter, 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules')
  prependJump(t.filter, 'INPUT', 'KUBE-NODE-PORT', 'kubernetes health check rules')
  prependJump(t.filter, 'INPUT', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules')
  prependJump(t.filter, 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules')
  prependJump(t.filter, 'INPUT', 'KUBE-IPVS-FILTER', 'kubernetes ipvs access filter')
  prependJump(t.filter, 'OUTPUT', 'KUBE-IPVS-OUT-FILTER', 'kubernetes ipvs access filter')

  const nat = (chain: string, args: Arg[], tg: Target): void => void t.nat.rules.push(rule('nat', chain, args, tg))
  const filter = (chain: string, args: Arg[], tg: Target): void => void t.filter.rules.push(rule('filter', chain, args, tg))
  const empty = (name: string): boolean => sets[name].entries.length === 0

  // Connections from localhost are dismissed early in the service chain.
  nat('KUBE-SERVICES', [{ m: 'src', cidr: model.nodeIP.includes(':') ? '::1/128' : '127.0.0.0/8' }], { j: 'RETURN' })

  for (const s of SET_CHAINS) {
    if (empty(s.set)) continue
    const args: Arg[] = [...(s.proto ? [{ m: 'proto', proto: s.proto } as Arg] : []), cm(sets[s.set].comment), set(s.set, s.flags)]
    if (s.table === 'nat') nat(s.from, args, target(s.to))
    else filter(s.from, args, target(s.to))
  }

  if (!empty('KUBE-CLUSTER-IP')) {
    const base = [cm(sets['KUBE-CLUSTER-IP'].comment)]
    if (config.masqueradeAll) nat('KUBE-SERVICES', [...base, set('KUBE-CLUSTER-IP', 'dst,dst')], target('KUBE-MARK-MASQ'))
    else if (model.podCIDR) nat('KUBE-SERVICES', [...base, set('KUBE-CLUSTER-IP', 'dst,dst'), { m: 'src', cidr: model.podCIDR, not: true }], target('KUBE-MARK-MASQ'))
    // Without a detector, masquerade node-originated traffic whose source is a VIP.
    else nat('KUBE-SERVICES', [...base, set('KUBE-CLUSTER-IP', 'src,dst')], target('KUBE-MARK-MASQ'))
  }

  // Traffic to external IPs from off the machine (not from a pod's bridge port, not local), or to a local one, is accepted.
  const externalIPRules = (args: Arg[]): void => {
    nat('KUBE-SERVICES', [...args, { m: 'physdev', not: true }, { m: 'addrtype', dir: 'src', type: 'LOCAL', not: true }], { j: 'ACCEPT' })
    nat('KUBE-SERVICES', [...args, { m: 'addrtype', dir: 'dst', type: 'LOCAL' }], { j: 'ACCEPT' })
  }
  if (!empty('KUBE-EXTERNAL-IP')) {
    const args = [cm(sets['KUBE-EXTERNAL-IP'].comment), set('KUBE-EXTERNAL-IP', 'dst,dst')]
    nat('KUBE-SERVICES', args, target('KUBE-MARK-MASQ'))
    externalIPRules(args)
  }
  if (!empty('KUBE-EXTERNAL-IP-LOCAL')) externalIPRules([cm(sets['KUBE-EXTERNAL-IP-LOCAL'].comment), set('KUBE-EXTERNAL-IP-LOCAL', 'dst,dst')])

  nat('KUBE-SERVICES', [{ m: 'addrtype', dir: 'dst', type: 'LOCAL' }], target('KUBE-NODE-PORT'))
  nat('KUBE-LOAD-BALANCER', [], target('KUBE-MARK-MASQ'))
  filter('KUBE-SOURCE-RANGES-FIREWALL', [], { j: 'DROP' })
  // For IPVS the node's own request to an LB VIP has the VIP as source and destination.
  for (const e of noNodeAccess)
    filter('KUBE-IPVS-OUT-FILTER', [{ m: 'src', cidr: e.ip }, { m: 'ipvs', vaddr: e.ip, vproto: e.protocol, vport: e.port }], { j: 'DROP' })

  // acceptIPVSTraffic: must stay at the end of KUBE-SERVICES.
  for (const name of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) if (!empty(name)) nat('KUBE-SERVICES', [set(name, 'dst,dst')], { j: 'ACCEPT' })

  filter('KUBE-FORWARD', [cm('kubernetes forwarding rules'), { m: 'mark', value: mark, mask: mark }], { j: 'ACCEPT' })
  filter('KUBE-FORWARD', [cm('kubernetes forwarding conntrack rule'), { m: 'conntrack', states: ['RELATED', 'ESTABLISHED'] }], { j: 'ACCEPT' })
  filter('KUBE-NODE-PORT', [cm(sets['KUBE-HEALTH-CHECK-NODE-PORT'].comment), set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')], { j: 'ACCEPT' })

  // KUBE-IPVS-FILTER: a VIP bound on kube-ipvs0 must not expose the node's other ports (issue 72236).
  for (const [name, flags] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'],
    ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']])
    filter('KUBE-IPVS-FILTER', [set(name, flags)], { j: 'RETURN' })
  filter('KUBE-IPVS-FILTER', [{ m: 'conntrack', states: ['NEW'] }, set('KUBE-IPVS-IPS', 'dst')], { j: 'REJECT' })

  nat('KUBE-POSTROUTING', [{ m: 'mark', value: mark, mask: mark, not: true }], { j: 'RETURN' })
  nat('KUBE-POSTROUTING', [], { j: 'MARK', op: 'xor', mark })
  nat('KUBE-POSTROUTING', [cm('kubernetes service traffic requiring SNAT')], { j: 'MASQUERADE', randomFully: config.randomFully })
  nat('KUBE-MARK-MASQ', [], { j: 'MARK', op: 'or', mark })
  return t
}

function rule(table: Rule['table'], chain: string, args: Arg[], tg: Target): Rule {
  return { table, chain, args, target: tg }
}

/** How many rules use a set (the `References:` line of `ipset list`). */
export function ipsetReferences(t: IptablesTables, name: string): number {
  let n = 0
  for (const r of [...t.filter.rules, ...t.nat.rules]) if (r.args.some((a) => a.m === 'set' && a.name === name)) n++
  return n
}
