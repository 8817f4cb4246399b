import { VIRTUAL_EPOCH_MS } from '../clock'
import { iptablesSave, savedChainOrder } from '../proxy/iptables/save'
import { iptablesList } from '../proxy/iptables/list'
import { saveLine } from '../proxy/iptables/format'
import { chainRules, isBuiltin, type TableName } from '../proxy/iptables/types'
import type { NodeKernel } from '../net/dataplane/kernel'
import { fail, ok, type Command } from './script'

/**
 * `iptables-save` and `iptables` on a node: they print the tables the node's kernel holds —
 * the very objects the packet tracer evaluates — with iptables' own formats (REFERENCE 9.7).
 *
 * @example
 *   iptables -t nat -L KUBE-SERVICES -n --line-numbers
 *   iptables -t nat -S KUBE-SVC-LOLE4ISW44XBNF3G
 */

const VERSION = 'v1.8.7 (legacy)'
const TABLES: TableName[] = ['filter', 'nat', 'mangle']

function badTable(t: string): ReturnType<Command> {
  return fail(`iptables ${VERSION}: can't initialize iptables table \`${t}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.`, 3)
}

export function iptablesSaveCommand(kernel: () => NodeKernel, now: () => number): Command {
  return (argv) => {
    let table: string | undefined
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      if (a === '-t' || a === '--table') table = argv[++i]
      else if (a.startsWith('--table=')) table = a.slice(8)
      else if (a === '-c' || a === '--counters') continue
      else return fail(`iptables-save: unrecognized option '${a}'`, 2)
    }
    if (table !== undefined && !TABLES.includes(table as TableName)) return fail(`iptables-save ${VERSION}: Cannot initialize: Table does not exist (do you need to insmod?)`, 1)
    return ok(iptablesSave(kernel().iptables, { table: table as TableName | undefined, now: VIRTUAL_EPOCH_MS + now() }))
  }
}

/** Port names `iptables -L` prints without `-n` (from /etc/services). */
const SERVICE_NAMES: Record<string, string> = { '53': 'domain', '80': 'http', '443': 'https', '6443': 'sun-sr-https', '10250': '10250' }

export function iptablesCommand(kernel: () => NodeKernel): Command {
  return (argv) => {
    let table: TableName = 'filter'
    let action: 'L' | 'S' | undefined
    let chain: string | undefined
    let numeric = false
    let lineNumbers = false
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      if (a === '-t' || a === '--table') {
        const t = argv[++i] ?? ''
        if (!TABLES.includes(t as TableName)) return badTable(t)
        table = t as TableName
      } else if (a === '--line-numbers') lineNumbers = true
      else if (a === '--numeric') numeric = true
      else if (a === '--list' || a === '--list-rules') action = a === '--list' ? 'L' : 'S'
      else if (/^-[a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === 'n') numeric = true
          else if (f === 'L' || f === 'S') action = f
          else if (f === 'v' || f === 'x') continue
          else if (f === 't') {
            const t = argv[++i] ?? ''
            if (!TABLES.includes(t as TableName)) return badTable(t)
            table = t as TableName
          } else return fail(`iptables ${VERSION}: the playground's iptables is read-only: only -L, -S, -n, -t, --line-numbers\nTry \`iptables -h' or 'iptables --help' for more information.`, 2)
        }
      } else if (action && chain === undefined) chain = a
      else return fail(`Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.`, 2)
    }
    if (!action) return fail(`iptables ${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.`, 2)
    const tables = kernel().iptables
    if (action === 'S') {
      const t = tables[table]
      const chains = savedChainOrder(t)
      if (chain !== undefined && !chains.includes(chain)) return fail('iptables: No chain/target/match by that name.', 1)
      const out: string[] = []
      for (const c of chains) if (chain === undefined || c === chain) out.push(isBuiltin(table, c) ? `-P ${c} ACCEPT` : `-N ${c}`)
      for (const c of chains) if (chain === undefined || c === chain) for (const r of chainRules(t, c)) out.push(saveLine(r))
      return ok(out.join('\n') + '\n')
    }
    const text = iptablesList(tables, table, chain)
    if (text === null) return fail('iptables: No chain/target/match by that name.', 1)
    let lines = text.split('\n')
    if (!numeric) lines = lines.map(unNumeric)
    if (lineNumbers) lines = addLineNumbers(lines)
    return ok(lines.join('\n'))
  }
}

/** Without `-n` iptables names what it can: `anywhere` for 0.0.0.0/0 and well-known ports by name. */
function unNumeric(line: string): string {
  if (line.startsWith('Chain ') || line.startsWith('target ')) return line
  return line.replace(/ 0\.0\.0\.0\/0 {10}/g, ' anywhere           ').replace(/\b(dpt|spt):(\d+)\b/g, (_m, k: string, p: string) => `${k}:${SERVICE_NAMES[p] ?? p}`)
}

/** `--line-numbers`: a `num` column (`%-4u `) before each rule. */
function addLineNumbers(lines: string[]): string[] {
  const out: string[] = []
  let n = 0
  for (const l of lines) {
    if (l.startsWith('Chain ')) n = 0
    if (l.startsWith('target ')) out.push('num  ' + l)
    else if (l === '' || l.startsWith('Chain ')) out.push(l)
    else out.push(`${String(++n).padEnd(4)} ${l}`)
  }
  return out
}
