/**
 * iptables rules as data. A rule is its chain, its matches in the order kube-proxy wrote
 * them, and its target — so the printers can reproduce both kube-proxy's restore text and
 * what `iptables-save` shows, and the tracer can evaluate the very same objects.
 */

export type TableName = 'filter' | 'nat' | 'mangle'
export type L4 = 'tcp' | 'udp' | 'sctp'
export type CtState = 'INVALID' | 'NEW' | 'RELATED' | 'ESTABLISHED' | 'UNTRACKED' | 'SNAT' | 'DNAT'

/** One match, in kube-proxy's argument order. `not` is iptables' `!`. */
export type Arg =
  /** `-s <cidr>` (a bare address means /32). */
  | { m: 'src'; cidr: string; not?: boolean }
  /** `-d <cidr>`. */
  | { m: 'dst'; cidr: string; not?: boolean }
  /** `-p <proto>`. */
  | { m: 'proto'; proto: L4 }
  /** `-m <proto>`: the protocol match module that owns `--dport`. */
  | { m: 'l4'; proto: L4 }
  /** `--dport <port>` (an option of the preceding `-m tcp|udp|sctp`). */
  | { m: 'dport'; port: number }
  /** `-m comment --comment <text>` (text unquoted here; printers quote). */
  | { m: 'comment'; text: string }
  /** `-m statistic --mode random --probability <p>` (p as kube-proxy wrote it). */
  | { m: 'statistic'; probability: string }
  /** `-m recent --name <list> --rcheck --seconds <s> --reap` or `--set` (source address). */
  | { m: 'recent'; name: string; op: 'rcheck' | 'set'; seconds?: number; reap?: boolean }
  /** `-m mark [!] --mark <value>/<mask>`. */
  | { m: 'mark'; value: number; mask: number; not?: boolean }
  /** `-m conntrack [!] --ctstate <states>` (`alias: 'state'` → `-m state --state`). */
  | { m: 'conntrack'; states: CtState[]; not?: boolean; alias?: 'state' }
  /** `-m addrtype [!] --src-type LOCAL` / `--dst-type LOCAL`. */
  | { m: 'addrtype'; dir: 'src' | 'dst'; type: 'LOCAL'; not?: boolean }
  /** `-m nfacct --nfacct-name <name>` (counts, always matches). */
  | { m: 'nfacct'; name: string }
  /** `-m set [!] --match-set <name> <flags>` (IPVS mode; flags like `dst,dst`). */
  | { m: 'set'; name: string; flags: string; not?: boolean }
  /** `-m physdev [!] --physdev-is-in` (arrived through a bridge port, i.e. from a pod). */
  | { m: 'physdev'; not?: boolean }
  /** `-m ipvs --vaddr <ip> --vproto <p> --vport <port>` (IPVS mode). */
  | { m: 'ipvs'; vaddr: string; vproto: L4; vport: number }

export type Target =
  | { j: 'chain'; chain: string }
  | { j: 'ACCEPT' }
  | { j: 'DROP' }
  | { j: 'RETURN' }
  | { j: 'REJECT' }
  | { j: 'DNAT'; to: string }
  | { j: 'MASQUERADE'; randomFully?: boolean }
  | { j: 'MARK'; op: 'or' | 'xor'; mark: number }
  | { j: 'REDIRECT'; toPorts: number }

export interface Rule {
  table: TableName
  chain: string
  args: Arg[]
  /** Absent: a rule without `-j` (it only counts, e.g. the last KUBE-FW rule). */
  target?: Target
  /** The ServicePortName this rule belongs to, for the UI (not printed). */
  svc?: string
}

export interface IptablesTable {
  name: TableName
  /** Built-in chains in iptables-save's order, with their policy (always ACCEPT here). */
  builtins: string[]
  /** User chains in the order kube-proxy writes their `:CHAIN - [0:0]` lines (its restore input). */
  chains: string[]
  /**
   * User chains that exist but are created outside the restore input (EnsureChain): the
   * KUBE-PROXY-CANARY that iptables.Monitor watches, and every chain of the userspace proxier.
   */
  ensured: string[]
  /** Every rule: hook jumps in built-in chains first, then in kube-proxy's emission order. */
  rules: Rule[]
}

export interface IptablesTables {
  mangle: IptablesTable
  filter: IptablesTable
  nat: IptablesTable
}

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
}

export function isBuiltin(table: TableName, chain: string): boolean {
  return BUILTIN_CHAINS[table].includes(chain)
}

export function emptyTables(): IptablesTables {
  const t = (name: TableName): IptablesTable => ({ name, builtins: [...BUILTIN_CHAINS[name]], chains: [], ensured: [], rules: [] })
  return { mangle: t('mangle'), filter: t('filter'), nat: t('nat') }
}

const byChainCache = new WeakMap<IptablesTable, { rules: Rule[]; size: number; index: Map<string, Rule[]> }>()

/**
 * The rules of one chain, in order. Indexed once per table (rebuilt if the rule list was
 * replaced or grew), so evaluating 10,000 services does not rescan the table per jump.
 */
export function chainRules(table: IptablesTable, chain: string): Rule[] {
  let cached = byChainCache.get(table)
  if (!cached || cached.rules !== table.rules || cached.size !== table.rules.length) {
    const index = new Map<string, Rule[]>()
    for (const r of table.rules) {
      const list = index.get(r.chain)
      if (list) list.push(r)
      else index.set(r.chain, [r])
    }
    cached = { rules: table.rules, size: table.rules.length, index }
    byChainCache.set(table, cached)
  }
  return cached.index.get(chain) ?? []
}

/** Every user chain that exists in the table (restore chains ∪ ensured chains). */
export function userChains(table: IptablesTable): string[] {
  return [...new Set([...table.chains, ...table.ensured])]
}

/** How many rules jump to `chain` (the "(N references)" of `iptables -L`). */
export function chainReferences(table: IptablesTable, chain: string): number {
  let n = 0
  for (const r of table.rules) if (r.target?.j === 'chain' && r.target.chain === chain) n++
  return n
}

/** Total rule count of a table (the modelled table size). */
export function ruleCount(tables: IptablesTables, table?: TableName): number {
  if (table) return tables[table].rules.length
  return tables.filter.rules.length + tables.nat.rules.length + tables.mangle.rules.length
}

/** Ensures `<extra> [-m comment --comment c] -j <to>` sits at the top of a built-in chain (EnsureRule(Prepend)). */
export function prependJump(table: IptablesTable, from: string, to: string, comment: string, extra: Arg[] = []): void {
  const args: Arg[] = [...extra]
  if (comment) args.push({ m: 'comment', text: comment })
  const exists = table.rules.some((r) => r.chain === from && r.target?.j === 'chain' && r.target.chain === to && sameArgs(r.args, args))
  if (exists) return
  const firstOfChain = table.rules.findIndex((r) => r.chain === from)
  const rule: Rule = { table: table.name, chain: from, args, target: { j: 'chain', chain: to } }
  if (firstOfChain < 0) insertBuiltinRule(table, rule)
  else table.rules.splice(firstOfChain, 0, rule)
}

/** Appends to a built-in chain (EnsureRule(Append)), keeping built-in rules grouped first. */
export function appendJump(table: IptablesTable, from: string, to: string, args: Arg[]): void {
  insertBuiltinRule(table, { table: table.name, chain: from, args, target: { j: 'chain', chain: to } })
}

function insertBuiltinRule(table: IptablesTable, rule: Rule): void {
  let at = 0
  for (let i = 0; i < table.rules.length; i++) if (isBuiltin(table.name, table.rules[i].chain)) at = i + 1
  table.rules.splice(at, 0, rule)
}

function sameArgs(a: Arg[], b: Arg[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
