import { cidrBits, cidrAddress } from '../ip'
import { savedProbability } from './probability'
import type { Arg, CtState, Rule, Target } from './types'

/**
 * How one rule reads in the three places a person sees it:
 *  - `restoreLine`: kube-proxy's iptables-restore input (its argument order, its quoting);
 *  - `saveLine`:    what `iptables-save` prints back from the kernel (xtables' save functions);
 *  - `listMatches`: the tail of an `iptables -L -n` row (xtables' print functions).
 * Sources: kube-proxy `proxier.go`; iptables `iptables/iptables-save.c` print_rule4,
 * `libxtables/xtables.c` xtables_save_string, and each `extensions/libxt_*.c`.
 */

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`

const CT_ORDER: CtState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT']
const ctStates = (s: CtState[]): string => CT_ORDER.filter((x) => s.includes(x)).join(',')

const L4_NUMBER = { tcp: 6, udp: 17, sctp: 132 } as const

/** kube-proxy quotes comments itself; every quoted comment it writes contains a space. */
function kubeProxyQuote(text: string): string {
  return text.includes(' ') ? `"${text}"` : text
}

/**
 * xtables_save_string: quote unless the value is only `[A-Za-z0-9_-]`, escaping `"`, `\`
 * and `'`. So iptables-save prints `--comment "default/web"` even though kube-proxy wrote
 * it unquoted (the `/` is not in the safe set).
 */
export function xtablesSaveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return ' ' + value
  return ' "' + value.replace(/["\\']/g, (c) => '\\' + c) + '"'
}

// ---- kube-proxy's restore text --------------------------------------------------------

function restoreArg(a: Arg): string {
  const not = 'not' in a && a.not ? '! ' : ''
  switch (a.m) {
    case 'src': return `${not}-s ${a.cidr}`
    case 'dst': return `${not}-d ${a.cidr}`
    case 'proto': return `-p ${a.proto}`
    case 'l4': return `-m ${a.proto}`
    case 'dport': return `--dport ${a.port}`
    case 'comment': return `-m comment --comment ${kubeProxyQuote(a.text)}`
    case 'statistic': return `-m statistic --mode random --probability ${a.probability}`
    case 'recent': return a.op === 'set'
      ? `-m recent --name ${a.name} --set`
      : `-m recent --name ${a.name} --rcheck --seconds ${a.seconds}${a.reap ? ' --reap' : ''}`
    case 'mark': return `-m mark ${not}--mark ${hex(a.value)}/${hex(a.mask)}`
    case 'conntrack': return a.alias === 'state' ? `-m state ${not}--state ${ctStates(a.states)}` : `-m conntrack ${not}--ctstate ${ctStates(a.states)}`
    case 'addrtype': return `-m addrtype ${not}--${a.dir}-type ${a.type}`
    case 'nfacct': return `-m nfacct --nfacct-name ${a.name}`
    case 'set': return `-m set ${not}--match-set ${a.name} ${a.flags}`
    case 'physdev': return `-m physdev ${not}--physdev-is-in`
    case 'ipvs': return `-m ipvs --vaddr ${a.vaddr} --vproto ${a.vproto} --vport ${a.vport}`
  }
}

function restoreTarget(t: Target): string {
  switch (t.j) {
    case 'chain': return `-j ${t.chain}`
    case 'DNAT': return `-j DNAT --to-destination ${t.to}`
    case 'MASQUERADE': return `-j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`
    case 'MARK': return `-j MARK --${t.op}-mark ${hex(t.mark)}`
    case 'REDIRECT': return `-j REDIRECT --to-ports ${t.toPorts}`
    default: return `-j ${t.j}`
  }
}

/** `-A CHAIN <args as kube-proxy wrote them> -j TARGET`. */
export function restoreLine(r: Rule): string {
  const parts = [`-A ${r.chain}`, ...r.args.map(restoreArg)]
  if (r.target) parts.push(restoreTarget(r.target))
  return parts.join(' ')
}

// ---- iptables-save ----------------------------------------------------------------------

function saveAddr(cidr: string): string {
  return `${cidrAddress(cidr)}/${cidrBits(cidr)}`
}

/** One match module's ` --options` as libxt_*'s save() prints them. */
function saveModule(a: Arg, dport: number | undefined): string {
  const not = 'not' in a && a.not ? ' !' : ''
  switch (a.m) {
    case 'l4': return dport === undefined ? '' : ` --dport ${dport}`
    case 'comment': return ' --comment' + xtablesSaveString(a.text)
    case 'statistic': return ` --mode random --probability ${savedProbability(a.probability)}`
    case 'recent': {
      const flags = a.op === 'set' ? ' --set' : ` --rcheck${a.seconds ? ` --seconds ${a.seconds}` : ''}${a.reap ? ' --reap' : ''}`
      return `${flags} --name ${a.name} --mask 255.255.255.255 --rsource`
    }
    case 'mark': return `${not} --mark ${hex(a.value)}/${hex(a.mask)}`
    case 'conntrack': return `${not} --${a.alias === 'state' ? 'state' : 'ctstate'} ${ctStates(a.states)}`
    case 'addrtype': return `${not} --${a.dir}-type ${a.type}`
    // libxt_nfacct prints "--nfacct-name " and then xtables_save_string adds its own space.
    case 'nfacct': return ' --nfacct-name ' + xtablesSaveString(a.name)
    case 'set': return `${not} --match-set ${a.name} ${a.flags}`
    case 'physdev': return `${not} --physdev-is-in`
    case 'ipvs': return ` --vaddr ${saveAddr(a.vaddr)} --vproto ${L4_NUMBER[a.vproto]} --vport ${a.vport}`
    default: return ''
  }
}

function moduleName(a: Arg): string {
  if (a.m === 'l4') return a.proto
  if (a.m === 'conntrack' && a.alias === 'state') return 'state'
  return a.m
}

function saveTarget(t: Target): string {
  switch (t.j) {
    case 'chain': return ` -j ${t.chain}`
    case 'DNAT': return ` -j DNAT --to-destination ${t.to}`
    case 'MASQUERADE': return ` -j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`
    // libxt_MARK saves every form as --set-xmark value/mask: or → v/v, xor → v/0.
    case 'MARK': return ` -j MARK --set-xmark ${hex(t.mark)}/${hex(t.op === 'or' ? t.mark : 0)}`
    case 'REJECT': return ' -j REJECT --reject-with icmp-port-unreachable'
    case 'REDIRECT': return ` -j REDIRECT --to-ports ${t.toPorts}`
    default: return ` -j ${t.j}`
  }
}

const MODULES = new Set<Arg['m']>(['l4', 'comment', 'statistic', 'recent', 'mark', 'conntrack', 'addrtype', 'nfacct', 'set', 'physdev', 'ipvs'])

/**
 * print_rule4: `-A CHAIN`, then the IP header part (`-s`, `-d` with a prefix length, `-p`),
 * then each `-m module` in the order it was given with its options, then `-j`.
 */
export function saveLine(r: Rule): string {
  let out = `-A ${r.chain}`
  const src = r.args.find((a) => a.m === 'src')
  const dst = r.args.find((a) => a.m === 'dst')
  const proto = r.args.find((a) => a.m === 'proto')
  if (src?.m === 'src') out += `${src.not ? ' !' : ''} -s ${saveAddr(src.cidr)}`
  if (dst?.m === 'dst') out += `${dst.not ? ' !' : ''} -d ${saveAddr(dst.cidr)}`
  if (proto?.m === 'proto') out += ` -p ${proto.proto}`
  const dport = dportOf(r)
  for (const a of r.args) if (MODULES.has(a.m)) out += ` -m ${moduleName(a)}${saveModule(a, dport)}`
  if (r.target) out += saveTarget(r.target)
  return out
}

export function dportOf(r: Rule): number | undefined {
  const d = r.args.find((a) => a.m === 'dport')
  return d?.m === 'dport' ? d.port : undefined
}

// ---- iptables -L -n ---------------------------------------------------------------------

function printModule(a: Arg, dport: number | undefined): string {
  const not = 'not' in a && a.not ? ' !' : ''
  switch (a.m) {
    case 'l4': return ` ${a.proto}${dport === undefined ? '' : ` dpt:${dport}`}`
    case 'comment': return ` /* ${a.text} */`
    case 'statistic': return ` statistic mode random probability ${savedProbability(a.probability)}`
    case 'recent': {
      const what = a.op === 'set' ? ' SET' : ` CHECK${a.seconds ? ` seconds: ${a.seconds}` : ''}${a.reap ? ' reap' : ''}`
      return ` recent:${what} name: ${a.name} side: source mask: 255.255.255.255`
    }
    case 'mark': return ` mark match${not} ${hex(a.value)}/${hex(a.mask)}`
    case 'conntrack': return `${not} ${a.alias === 'state' ? 'state' : 'ctstate'} ${ctStates(a.states)}`
    case 'addrtype': return ` ADDRTYPE match ${a.dir}-type ${a.not ? '!' : ''}${a.type}`
    case 'nfacct': return ' nfacct-name ' + xtablesSaveString(a.name)
    case 'set': return `${not} match-set ${a.name} ${a.flags}`
    case 'physdev': return ` PHYSDEV match${not} --physdev-is-in`
    case 'ipvs': return ` vaddr ${a.vaddr} vproto ${L4_NUMBER[a.vproto]} vport ${a.vport}`
    default: return ''
  }
}

function printTarget(t: Target): string {
  switch (t.j) {
    case 'DNAT': return ` to:${t.to}`
    case 'MASQUERADE': return t.randomFully ? ' random-fully' : ''
    case 'MARK': return t.op === 'or' ? ` MARK or ${hex(t.mark)}` : ` MARK xor ${hex(t.mark)}`
    case 'REJECT': return ' reject-with icmp-port-unreachable'
    case 'REDIRECT': return ` redir ports ${t.toPorts}`
    default: return ''
  }
}

/** The text after the destination column of an `iptables -L -n` row. */
export function listMatches(r: Rule): string {
  const dport = dportOf(r)
  let out = ''
  for (const a of r.args) if (MODULES.has(a.m)) out += printModule(a, dport)
  if (r.target) out += printTarget(r.target)
  return out
}

/** The target column of `iptables -L`: the chain or target name ('' for a rule without -j). */
export function targetName(t: Target | undefined): string {
  if (!t) return ''
  return t.j === 'chain' ? t.chain : t.j
}
