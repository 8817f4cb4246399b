import { cidrAddress, cidrBits } from '../ip'
import { listMatches, targetName } from './format'
import { savedChainOrder } from './save'
import { chainReferences, chainRules, isBuiltin, type IptablesTables, type Rule, type TableName } from './types'

/**
 * `iptables -t <table> -L [CHAIN] -n`, as iptables' list_entries / print_header /
 * print_firewall print it (format = FMT_OPTIONS | FMT_NOCOUNTS | FMT_NUMERIC):
 *
 *   Chain KUBE-SERVICES (2 references)
 *   target     prot opt source               destination
 *   KUBE-SVC-LOLE4ISW44XBNF3G  tcp  --  0.0.0.0/0            10.96.45.12          /* default/web cluster IP *\/ tcp dpt:80
 *
 * Columns are `%-9s ` target, a `!`/space, `%-5s` prot, `--` + space, then `!`/space +
 * `%-19s ` for source and destination — so the header and rows keep iptables' trailing
 * spaces. Only numeric output (`-n`) is modelled. Returns null for an unknown chain
 * (iptables: "No chain/target/match by that name.").
 */
export function iptablesList(tables: IptablesTables, table: TableName, chain?: string): string | null {
  const t = tables[table]
  const chains = savedChainOrder(t)
  if (chain !== undefined && !chains.includes(chain)) return null
  const blocks: string[] = []
  for (const c of chains) {
    if (chain !== undefined && c !== chain) continue
    const lines = [header(table, c, chainReferences(t, c)), COLUMNS]
    for (const r of chainRules(t, c)) lines.push(row(r))
    blocks.push(lines.join('\n') + '\n')
  }
  return blocks.join('\n')
}

const COLUMNS = 'target     prot opt source               destination         '

function header(table: TableName, chain: string, refs: number): string {
  return isBuiltin(table, chain) ? `Chain ${chain} (policy ACCEPT)` : `Chain ${chain} (${refs} references)`
}

/** xtables_ipaddr_to_numeric + xtables_ipmask_to_numeric: no `/32` ("we don't want to see /32"). */
function listAddr(cidr: string | undefined): string {
  if (cidr === undefined) return '0.0.0.0/0'
  const bits = cidrBits(cidr)
  return bits === 32 ? cidrAddress(cidr) : `${cidrAddress(cidr)}/${bits}`
}

function row(r: Rule): string {
  const src = r.args.find((a) => a.m === 'src')
  const dst = r.args.find((a) => a.m === 'dst')
  const proto = r.args.find((a) => a.m === 'proto')
  const target = targetName(r.target).padEnd(9) + ' '
  const prot = (proto?.m === 'proto' ? proto.proto : 'all').padEnd(5)
  const s = (src?.m === 'src' && src.not ? '!' : ' ') + listAddr(src?.m === 'src' ? src.cidr : undefined).padEnd(19) + ' '
  const d = (dst?.m === 'dst' && dst.not ? '!' : ' ') + listAddr(dst?.m === 'dst' ? dst.cidr : undefined).padEnd(19) + ' '
  return `${target} ${prot}-- ${s}${d}${listMatches(r)}`
}
