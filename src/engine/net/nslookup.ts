import { type DnsIndex, type QType, type ResolvConf, resolve } from './dns'
import { parseIPv4, reverseName } from './addresses'

/**
 * `nslookup <name>` as run inside a pod, printed like BIND 9's nslookup (the dnsutils image
 * Kubernetes' DNS debugging guide uses) or busybox's (`busybox`/`alpine` images):
 *
 * ```
 * Server:		10.96.0.10
 * Address:	10.96.0.10#53        (busybox: 10.96.0.10:53)
 *
 * Name:	web.default.svc.cluster.local
 * Address: 10.96.12.34
 *
 * ```
 * A name that does not exist prints `** server can't find <name>: NXDOMAIN` and exits 1.
 * Answers from outside the cluster zone are marked `Non-authoritative answer:`.
 *
 * @example
 *   nslookup(index, 'web', resolvConf(pod)).stdout
 */
export interface NslookupResult {
  code: number
  stdout: string
  stderr: string
}

export function nslookup(dns: DnsIndex, name: string, conf: ResolvConf, style: 'bind' | 'busybox' = 'bind', qtype: 'A' | 'SRV' = 'A'): NslookupResult {
  const server = conf.nameservers[0] ?? '127.0.0.1'
  const head = `Server:\t\t${server}\nAddress:\t${server}${style === 'bind' ? '#' : ':'}53\n\n`
  if (!name) return { code: 1, stdout: '', stderr: 'nslookup: no name given\n' }
  // An address: a reverse (PTR) lookup.
  if (parseIPv4(name) !== undefined) {
    const r = resolve(dns, `${reverseName(name)}.`, 'PTR', conf)
    if (r.rcode !== 'NOERROR' || !r.records.length) return { code: 1, stdout: `${head}** server can't find ${reverseName(name)}: NXDOMAIN\n\n`, stderr: '' }
    return { code: 0, stdout: head + r.records.map((x) => `${x.name.replace(/\.$/, '')}\tname = ${x.data}\n`).join('') + '\n', stderr: '' }
  }
  if (qtype === 'SRV') {
    // `nslookup -type=SRV _http._tcp.web…`: BIND prints `service = prio weight port target`.
    const r = resolve(dns, name, 'SRV' as QType, conf)
    if (r.rcode === 'NXDOMAIN') return { code: 1, stdout: `${head}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`, stderr: '' }
    const srv = r.records.filter((x) => x.type === 'SRV')
    if (!srv.length) return { code: 0, stdout: `${head}*** Can't find ${name.replace(/\.$/, '')}: No answer\n\n`, stderr: '' }
    return { code: 0, stdout: head + srv.map((x) => `${x.name.replace(/\.$/, '')}\tservice = ${x.data}\n`).join('') + '\n', stderr: '' }
  }
  const r = resolve(dns, name, 'A' as QType, conf)
  if (r.rcode === 'NXDOMAIN') return { code: 1, stdout: `${head}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`, stderr: '' }
  let body = r.authoritative ? '' : 'Non-authoritative answer:\n'
  for (const x of r.records) {
    const owner = x.name.replace(/\.$/, '')
    if (x.type === 'CNAME') body += `${owner}\tcanonical name = ${x.data}\n`
    else if (x.type === 'A') body += `Name:\t${owner}\nAddress: ${x.data}\n`
  }
  if (!r.records.some((x) => x.type === 'A')) body += `*** Can't find ${name.replace(/\.$/, '')}: No answer\n`
  return { code: 0, stdout: `${head}${body}\n`, stderr: '' }
}
