import { ipvsadmList, ipsetListText } from '../proxy/ipvs/print'
import type { IpvsState } from '../proxy/ipvs/ipvs'
import { emptyTables } from '../proxy/iptables/types'
import { formatEntry } from '../net/dataplane/conntrack'
import type { NodeKernel } from '../net/dataplane/kernel'
import { fail, ok, type Command } from './script'

/**
 * `ipvsadm`, `ipset` and `conntrack` on a node, reading its kernel. On a node that never ran
 * kube-proxy in IPVS mode the IPVS table is empty (ipvsadm loads the module and prints the
 * header) and there are no sets.
 */

const EMPTY_IPVS: IpvsState = { dummyAddresses: [], virtualServers: [], ipsets: {}, iptables: emptyTables() }

/** `ipvsadm -Ln [-t|-u VIP:PORT]` (names are never resolved: the output is always numeric). */
export function ipvsadmCommand(kernel: () => NodeKernel, now: () => number): Command {
  return (argv) => {
    let list = false
    let filter: { proto: 'TCP' | 'UDP'; addr: string } | undefined
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      if (a === '--list' || a === '--numeric') list ||= a === '--list'
      else if (a === '-t' || a === '--tcp-service' || a === '-u' || a === '--udp-service') filter = { proto: a.startsWith('-u') || a === '--udp-service' ? 'UDP' : 'TCP', addr: argv[++i] ?? '' }
      else if (/^-[a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) if (f === 'L' || f === 'l') list = true
        else if (f !== 'n') return fail(`ipvsadm: the playground only lists (-L, -n, -t, -u)`, 2)
      } else return fail(`ipvsadm: invalid option -- '${a}'`, 2)
    }
    if (!list && argv.length) return fail('ipvsadm: the playground only lists (-L, -n, -t, -u)', 2)
    const k = kernel()
    k.expireIpvs(now())
    const state = k.ipvs ?? EMPTY_IPVS
    if (!filter) return ok(ipvsadmList(state, k.ipvsRuntime))
    const vs = state.virtualServers.filter((v) => v.protocol === filter.proto && `${v.address}:${v.port}` === filter.addr)
    if (!vs.length) return fail('Service not defined', 1)
    return ok(ipvsadmList({ ...state, virtualServers: vs }, k.ipvsRuntime))
  }
}

/** `ipset list [NAME]`, `ipset -L`, `ipset -n list` (names only). */
export function ipsetCommand(kernel: () => NodeKernel): Command {
  return (argv) => {
    const words = argv.filter((a) => !a.startsWith('-') || a === '-L')
    const namesOnly = argv.includes('-n') || argv.includes('-name')
    const verb = words[0]
    if (verb !== 'list' && verb !== '-L') return fail(`ipset v7.15: the playground only lists sets (ipset list [NAME])\nTry \`ipset help' for more information.`, 1)
    const name = words[1]
    const state = kernel().ipvs
    if (!state) return name ? fail('ipset v7.15: The set with the given name does not exist', 1) : ok()
    if (namesOnly) return ok(Object.keys(state.ipsets).filter((n) => !name || n === name).map((n) => n + '\n').join(''))
    const text = ipsetListText(state, name)
    if (text === null) return fail('ipset v7.15: The set with the given name does not exist', 1)
    return ok(text)
  }
}

/**
 * `conntrack -L [-p tcp|udp] [-s IP] [-d IP] [--sport N] [--dport N]`, `-C` (count) and `-F`
 * (flush). The summary line goes to stderr, as conntrack-tools prints it.
 */
export function conntrackCommand(kernel: () => NodeKernel, now: () => number): Command {
  return (argv) => {
    let mode: 'L' | 'C' | 'F' | undefined
    const f: { p?: string; s?: string; d?: string; sport?: number; dport?: number } = {}
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      if (a === '-L' || a === '--dump') mode = 'L'
      else if (a === '-C' || a === '--count') mode = 'C'
      else if (a === '-F' || a === '--flush') mode = 'F'
      else if (a === '-p' || a === '--proto') f.p = argv[++i]
      else if (a === '-s' || a === '--src' || a === '--orig-src') f.s = argv[++i]
      else if (a === '-d' || a === '--dst' || a === '--orig-dst') f.d = argv[++i]
      else if (a === '--sport' || a === '--orig-port-src') f.sport = Number(argv[++i])
      else if (a === '--dport' || a === '--orig-port-dst') f.dport = Number(argv[++i])
      else if (a === '-n' || a === '-o') i += a === '-o' ? 1 : 0
      else return fail(`conntrack v1.4.6 (conntrack-tools): unknown option \`${a}'\nTry \`conntrack -h' or 'conntrack --help' for more information.`, 2)
    }
    const ct = kernel().conntrack
    if (!mode) return fail('conntrack v1.4.6 (conntrack-tools): no command specified\nTry `conntrack -h\' or \'conntrack --help\' for more information.', 2)
    if (mode === 'F') {
      ct.flush()
      return { code: 0, stdout: '', stderr: 'conntrack v1.4.6 (conntrack-tools): connection tracking table has been emptied.\n' }
    }
    const t = now()
    const entries = ct.list(t).filter((e) => (!f.p || e.proto === f.p) && (!f.s || e.orig.src === f.s) && (!f.d || e.orig.dst === f.d) &&
      (f.sport === undefined || e.orig.sport === f.sport) && (f.dport === undefined || e.orig.dport === f.dport))
    if (mode === 'C') return ok(`${entries.length}\n`)
    return { code: 0, stdout: entries.map((e) => formatEntry(e, t) + '\n').join(''), stderr: `conntrack v1.4.6 (conntrack-tools): ${entries.length} flow entries have been shown.\n` }
  }
}
