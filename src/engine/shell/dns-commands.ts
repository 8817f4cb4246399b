import type { UtcTime } from '../utc-time'
import { VIRTUAL_EPOCH_MS, utcDate } from '../clock'
import { ADDRESS_PLAN, parseIPv4, reverseName } from '../net/addresses'
import { resolve, type DnsRecord, type QType, type ResolvConf } from '../net/dns'
import { nslookup } from '../net/nslookup'
import { indexFor, queryTransport, type DnsEnv } from '../net/dataplane/dns-path'
import type { Origin } from '../net/dataplane/connection'
import { fail, ok, type Command } from './script'

/**
 * `nslookup` and `dig` over the simulated network: the query travels to the server (the
 * cluster DNS through the node's rules), the answer comes from the DNS model. From a node the
 * default server is the node's upstream resolver, which does not know `cluster.local` — as on a
 * real node; `nslookup web.default.svc.cluster.local 10.96.0.10` asks the cluster DNS directly.
 */

export interface DnsToolHost {
  env(): DnsEnv
  origin: Origin
  conf: ResolvConf
  style: 'bind' | 'busybox'
}

export function nslookupCommand(h: DnsToolHost): Command {
  return (argv) => {
    const words = argv.filter((a) => !a.startsWith('-'))
    const [name, serverArg] = words
    const typeOpt = argv.find((a) => /^-(type|query|q)=/i.test(a))?.split('=')[1]?.toUpperCase()
    if (typeOpt && typeOpt !== 'A' && typeOpt !== 'SRV') return fail(`nslookup: the playground answers -type=A and -type=SRV only (not ${typeOpt})`, 1)
    if (!name) return fail('Usage: nslookup [HOST] [SERVER]', 1)
    const server = serverArg ?? h.conf.nameservers[0] ?? '127.0.0.1'
    const env = h.env()
    if (!queryTransport(env, h.origin, server)) return { code: 1, stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '' }
    const r = nslookup(indexFor(env, server), name, { ...h.conf, nameservers: [server] }, h.style, typeOpt === 'SRV' ? 'SRV' : 'A')
    return r
  }
}

const QTYPES = new Set(['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT'])

export function digCommand(h: DnsToolHost): Command {
  return (argv) => {
    let server: string | undefined
    let name: string | undefined
    let qtype: QType = 'A'
    let short = false
    let search = false
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      if (a.startsWith('@')) server = a.slice(1)
      else if (a === '+short') short = true
      else if (a === '+search') search = true
      else if (a.startsWith('+')) continue
      else if (a === '-x') {
        const ip = argv[++i] ?? ''
        if (parseIPv4(ip) === undefined) return fail(`Invalid IP address ${ip}`, 1)
        name = `${reverseName(ip)}.`
        qtype = 'PTR'
      } else if (a === '-t') qtype = (argv[++i] ?? 'A').toUpperCase() as QType
      // A type keyword may come before or after the name (`dig SRV _http._tcp.web…`), as in dig.
      else if (QTYPES.has(a.toUpperCase())) qtype = a.toUpperCase() as QType
      else if (a.startsWith('-')) continue
      else name = a
    }
    if (!name) name = '.'
    server ??= h.conf.nameservers[0] ?? '127.0.0.1'
    const env = h.env()
    const cmdline = `; <<>> DiG 9.18.33 <<>> ${argv.join(' ')}`
    if (!queryTransport(env, h.origin, server)) {
      const lines = [`;; communications error to ${server}#53: timed out`, `;; communications error to ${server}#53: timed out`, `;; communications error to ${server}#53: timed out`, '', cmdline, ';; global options: +cmd', ';; no servers could be reached', '']
      return { code: 9, stdout: short ? lines.slice(0, 3).join('\n') + '\n' : '\n' + lines.join('\n'), stderr: '' }
    }
    const conf: ResolvConf = { ...h.conf, nameservers: [server], searches: search ? h.conf.searches : [] }
    const fq = name.endsWith('.') ? name : search ? name : `${name}.`
    const res = resolve(indexFor(env, server), fq, qtype, { ...conf, ndots: search ? conf.ndots : 1 })
    if (short) return ok(res.records.map((r) => `${r.data}\n`).join(''))
    const cluster = server === ADDRESS_PLAN.dnsServiceIP
    const qname = res.name
    const answer = res.records
    const authority: DnsRecord[] = res.rcode === 'NXDOMAIN' || !answer.length ? [soa(cluster)] : []
    const flags = res.authoritative ? 'qr aa rd' : 'qr rd ra'
    const size = 12 + qname.length + 1 + 4 + answer.reduce((n, r) => n + 12 + rdlen(r), 0) + authority.reduce((n, r) => n + 12 + rdlen(r), 0) + 11
    const out = [
      '', cmdline, ';; global options: +cmd', ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${res.rcode}, id: ${env.rng.intn(65536)}`,
      `;; flags: ${flags}; QUERY: 1, ANSWER: ${answer.length}, AUTHORITY: ${authority.length}, ADDITIONAL: 1`,
      ...(res.authoritative ? [';; WARNING: recursion requested but not available'] : []),
      '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232', ';; QUESTION SECTION:', `;${qname}\t\tIN\t${qtype}`, '',
    ]
    if (answer.length) out.push(';; ANSWER SECTION:', ...answer.map(rr), '')
    if (authority.length) out.push(';; AUTHORITY SECTION:', ...authority.map(rr), '')
    const when = utcDate(VIRTUAL_EPOCH_MS + env.now)
    out.push(';; Query time: 0 msec', `;; SERVER: ${server}#53(${server}) (UDP)`, `;; WHEN: ${digDate(when)}`, `;; MSG SIZE  rcvd: ${size}`, '', '')
    return ok(out.join('\n'))
  }
}

function rr(r: DnsRecord): string {
  return `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}`
}

function rdlen(r: DnsRecord): number {
  return r.type === 'A' ? 4 : r.data.length + 2
}

/** CoreDNS's SOA for negative answers in the cluster zone. */
function soa(cluster: boolean): DnsRecord {
  return cluster
    ? { name: `${ADDRESS_PLAN.clusterDomain}.`, type: 'SOA' as QType, ttl: 30, data: `ns.dns.${ADDRESS_PLAN.clusterDomain}. hostmaster.${ADDRESS_PLAN.clusterDomain}. 1767225600 7200 1800 86400 30` }
    : { name: '.', type: 'SOA' as QType, ttl: 86400, data: 'a.root-servers.net. nstld.verisign-grs.com. 2026010100 1800 900 604800 86400' }
}

/** dig's WHEN line: `Thu Jan 01 00:00:05 UTC 2026`. */
function digDate(d: UtcTime): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${day} ${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
}
