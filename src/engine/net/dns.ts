import type { KObject } from '../api/types'
import { ADDRESS_PLAN, parseIPv4, reverseName } from './addresses'

/**
 * Cluster DNS as CoreDNS's `kubernetes` plugin answers it (REFERENCE 8.7; kubernetes/dns
 * `docs/specification.md`), as a pure function of the Services and EndpointSlices.
 *
 * - `<svc>.<ns>.svc.<zone>`: A = the ClusterIP; headless: one A per ready endpoint (NXDOMAIN
 *   if none); ExternalName: CNAME to `externalName`.
 * - `<ep>.<svc>.<ns>.svc.<zone>`: the endpoint whose hostname (or dashed IP, `10-244-1-5`) is `<ep>`.
 * - `_<port>._<proto>.<svc>.<ns>.svc.<zone>`: SRV for named ports (per ready endpoint if headless).
 * - PTR for ClusterIPs and endpoint addresses; `<a-b-c-d>.<ns>.pod.<zone>` (kubeadm's `pods insecure`);
 *   TXT `dns-version.<zone>`.
 * Names are case-insensitive. Not-ready endpoints are never published (publishNotReadyAddresses
 * makes them ready in the slices). Names outside the zone go "upstream": the `external` table.
 *
 * @example
 *   const dns = new DnsIndex({ services, slices })
 *   dns.lookup('web.default.svc.cluster.local', 'A')   // { rcode: 'NOERROR', records: [A 10.96.12.34] }
 *   resolve(dns, 'web', 'A', resolvConf(pod))          // tries web.default.svc.cluster.local first (ndots:5)
 */

export type QType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT'
export type RCode = 'NOERROR' | 'NXDOMAIN'

export interface DnsRecord {
  /** Owner name, fully qualified with the trailing dot. */
  name: string
  type: QType
  ttl: number
  /** A: the address; CNAME/PTR: the target (with dot); TXT: the text; SRV: `priority weight port target`. */
  data: string
}

export interface DnsView {
  services: KObject[]
  slices: KObject[]
  /** Cluster domain (default cluster.local). */
  domain?: string
  /** Playground: names outside the cluster that "upstream" DNS knows (name → IPv4 addresses). */
  external?: Record<string, string[]>
}

/** kubeadm's Corefile sets `ttl 30` on the kubernetes plugin (the plugin's own default is 5). */
export const DNS_TTL = 30
/** `DNSSchemaVersion` of the kubernetes plugin, answered on `dns-version.<zone>`. */
export const DNS_SCHEMA_VERSION = '1.1.0'

interface Ep {
  ip: string
  /** hostname, else the dashed IP (CoreDNS `endpointHostname`). */
  label: string
  ports: { name: string; port: number; protocol: string }[]
}

interface Svc {
  obj: KObject
  eps: Ep[]
}

const lower = (s: string) => s.toLowerCase()
const fqdn = (s: string) => (s.endsWith('.') ? s : `${s}.`)
const dashed = (ip: string) => ip.replace(/[.:]/g, '-')

/** An index over the API objects, built once per view; every lookup is then a few map reads. */
export class DnsIndex {
  readonly domain: string
  private readonly byName = new Map<string, Svc>()
  private readonly byIP = new Map<string, string>()
  private readonly external: Record<string, string[]>

  constructor(view: DnsView) {
    this.domain = lower(view.domain ?? ADDRESS_PLAN.clusterDomain)
    this.external = Object.fromEntries(Object.entries(view.external ?? {}).map(([k, v]) => [lower(k.replace(/\.$/, '')), v]))
    for (const s of view.services) this.byName.set(`${lower(s.metadata.name ?? '')}.${lower(s.metadata.namespace ?? '')}`, { obj: s, eps: [] })
    for (const slice of view.slices) {
      const svcName = slice.metadata.labels?.['kubernetes.io/service-name']
      const svc = svcName ? this.byName.get(`${lower(svcName)}.${lower(slice.metadata.namespace ?? '')}`) : undefined
      if (!svc || slice.addressType !== 'IPv4') continue
      const ports = (slice.ports ?? []).map((p: any) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' }))
      for (const e of slice.endpoints ?? []) {
        // A nil `ready` counts as ready.
        if (e?.conditions?.ready === false) continue
        for (const ip of e.addresses ?? [])
          if (!svc.eps.some((x) => x.ip === ip)) svc.eps.push({ ip, label: lower(e.hostname ?? dashed(ip)), ports })
      }
    }
    for (const svc of this.byName.values()) {
      svc.eps.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
      const host = `${svc.obj.metadata.name}.${svc.obj.metadata.namespace}.svc.${this.domain}.`
      for (const ip of svc.obj.spec?.clusterIPs ?? []) if (ip && ip !== 'None') this.byIP.set(ip, host)
      for (const e of svc.eps) if (!this.byIP.has(e.ip)) this.byIP.set(e.ip, `${e.label}.${host}`)
    }
  }

  /** One query for one fully qualified name, as the server answers it (no search list). */
  lookup(name: string, qtype: QType): { rcode: RCode; records: DnsRecord[]; authoritative: boolean } {
    const q = lower(name.replace(/\.$/, ''))
    const zone = this.domain
    const ans = (records: DnsRecord[]) => ({ rcode: 'NOERROR' as RCode, records, authoritative: true })
    const nx = { rcode: 'NXDOMAIN' as RCode, records: [], authoritative: true }
    if (q.endsWith('.in-addr.arpa')) {
      const ip = q.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.')
      const target = this.byIP.get(ip)
      if (!target) return this.upstream(q, qtype)
      return ans(qtype === 'PTR' ? [rec(q, 'PTR', target)] : [])
    }
    if (q === `dns-version.${zone}`) return ans(qtype === 'TXT' ? [rec(q, 'TXT', `"${DNS_SCHEMA_VERSION}"`)] : [])
    if (q !== zone && !q.endsWith(`.${zone}`)) return this.upstream(q, qtype)
    const labels = q === zone ? [] : q.slice(0, -zone.length - 1).split('.')
    const kind = labels[labels.length - 1]
    if (kind === 'pod' && labels.length === 3) {
      // `pods insecure`: any well-formed dashed IPv4 answers, no pod lookup.
      const ip = labels[0].replace(/-/g, '.')
      if (parseIPv4(ip) === undefined) return nx
      return ans(qtype === 'A' ? [rec(q, 'A', ip)] : [])
    }
    if (kind !== 'svc') return nx
    const rest = labels.slice(0, -1) // [..., svc, ns]
    if (rest.length < 2) return nx
    const svc = this.byName.get(`${rest[rest.length - 2]}.${rest[rest.length - 1]}`)
    if (!svc) return nx
    const spec = svc.obj.spec ?? {}
    const host = `${svc.obj.metadata.name}.${svc.obj.metadata.namespace}.svc.${zone}.`
    const headless = !spec.clusterIP || spec.clusterIP === 'None'
    if (rest.length === 2) {
      if (spec.type === 'ExternalName') {
        const target = fqdn(lower(spec.externalName ?? ''))
        return ans(qtype === 'TXT' || qtype === 'SRV' || qtype === 'PTR' ? [] : [rec(q, 'CNAME', target)])
      }
      if (!headless) return ans(qtype === 'A' ? (spec.clusterIPs ?? [spec.clusterIP]).filter((ip: string) => parseIPv4(ip) !== undefined).map((ip: string) => rec(q, 'A', ip)) : [])
      if (!svc.eps.length) return nx
      return ans(qtype === 'A' ? svc.eps.map((e) => rec(q, 'A', e.ip)) : [])
    }
    if (rest.length === 3) {
      const eps = svc.eps.filter((e) => e.label === rest[0])
      if (!eps.length) return nx
      return ans(qtype === 'A' ? eps.map((e) => rec(q, 'A', e.ip)) : [])
    }
    if (rest.length === 4 && rest[0].startsWith('_') && rest[1].startsWith('_')) {
      const [port, proto] = [rest[0].slice(1), rest[1].slice(1)]
      const named = (spec.ports ?? []).find((p: any) => p.name && lower(p.name) === port && lower(p.protocol ?? 'TCP') === proto)
      if (!named || spec.type === 'ExternalName') return nx
      if (!headless) return ans(qtype === 'SRV' ? [rec(q, 'SRV', `0 100 ${named.port} ${host}`)] : [])
      const targets = svc.eps.flatMap((e) => e.ports.filter((p) => lower(p.name) === port && lower(p.protocol) === proto).map((p) => ({ e, p })))
      if (!targets.length) return nx
      // CoreDNS splits weight 100 over the targets of one priority.
      const weight = Math.floor(100 / targets.length)
      return ans(qtype === 'SRV' ? targets.map(({ e, p }) => rec(q, 'SRV', `0 ${weight} ${p.port} ${e.label}.${host}`)) : [])
    }
    return nx
  }

  /** `forward . /etc/resolv.conf`: the playground's "internet" knows only the `external` table. */
  private upstream(q: string, qtype: QType): { rcode: RCode; records: DnsRecord[]; authoritative: boolean } {
    const ips = this.external[q]
    if (!ips) return { rcode: 'NXDOMAIN', records: [], authoritative: false }
    return { rcode: 'NOERROR', records: qtype === 'A' ? ips.map((ip) => rec(q, 'A', ip)) : [], authoritative: false }
  }
}

function rec(name: string, type: QType, data: string): DnsRecord {
  return { name: fqdn(name), type, ttl: DNS_TTL, data }
}

// ---- the stub resolver ------------------------------------------------------------------

export interface ResolvConf {
  nameservers: string[]
  searches: string[]
  ndots: number
  /** Other `options` as written (`timeout:2`, …). */
  options: string[]
}

export interface Resolution {
  rcode: RCode
  /** The name that answered (or the last one tried), fully qualified. */
  name: string
  records: DnsRecord[]
  authoritative: boolean
  /** Every name queried, in order (what the search list did). */
  tried: string[]
}

/**
 * The stub resolver's search (glibc/musl `res_search`): a name with a trailing dot is
 * absolute; one with at least `ndots` dots is tried as is first, then with each search
 * suffix; otherwise the suffixes come first. CNAMEs are followed (at most 8 hops).
 */
export function resolve(dns: DnsIndex, name: string, qtype: QType, conf: ResolvConf): Resolution {
  const candidates: string[] = []
  if (name.endsWith('.')) candidates.push(name)
  else {
    const withSearch = conf.searches.map((s) => `${name}.${s}.`)
    const dots = name.split('.').length - 1
    candidates.push(...(dots >= conf.ndots ? [`${name}.`, ...withSearch] : [...withSearch, `${name}.`]))
  }
  const tried: string[] = []
  let last: Resolution | undefined
  for (const c of candidates) {
    tried.push(c)
    const r = chase(dns, c, qtype)
    last = { ...r, name: fqdn(c), tried }
    if (r.rcode === 'NOERROR') return last
  }
  return last ?? { rcode: 'NXDOMAIN', name: fqdn(name), records: [], authoritative: true, tried }
}

function chase(dns: DnsIndex, name: string, qtype: QType): { rcode: RCode; records: DnsRecord[]; authoritative: boolean } {
  const out: DnsRecord[] = []
  let cur = name
  let authoritative = true
  for (let hop = 0; hop < 8; hop++) {
    const r = dns.lookup(cur, qtype)
    authoritative &&= r.authoritative
    out.push(...r.records)
    const cname = r.records.find((x) => x.type === 'CNAME')
    if (!cname || qtype === 'CNAME') return { rcode: out.length ? 'NOERROR' : r.rcode, records: out, authoritative }
    cur = cname.data
  }
  return { rcode: 'NOERROR', records: out, authoritative }
}

/**
 * The pod's `/etc/resolv.conf` (`pkg/kubelet/network/dns/dns.go`): ClusterFirst (the default,
 * and ClusterFirstWithHostNet) points at the cluster DNS with the namespace's search list and
 * `ndots:5`; a hostNetwork pod with ClusterFirst, and `Default`, use the node's resolver;
 * `None` is only `spec.dnsConfig`. `dnsConfig` is merged in as kubelet does.
 */
export function resolvConf(pod: KObject, node: { nameservers: string[]; searches: string[] } = { nameservers: [UPSTREAM_DNS], searches: [] }): ResolvConf {
  const spec = pod.spec ?? {}
  const policy: string = spec.dnsPolicy ?? 'ClusterFirst'
  const domain = ADDRESS_PLAN.clusterDomain
  const ns = pod.metadata.namespace ?? 'default'
  let conf: ResolvConf
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork)
  if (cluster) conf = { nameservers: [ADDRESS_PLAN.dnsServiceIP], searches: [`${ns}.svc.${domain}`, `svc.${domain}`, domain, ...node.searches], ndots: 5, options: [] }
  else if (policy === 'None') conf = { nameservers: [], searches: [], ndots: 1, options: [] }
  else conf = { nameservers: [...node.nameservers], searches: [...node.searches], ndots: 1, options: [] }
  const extra = spec.dnsConfig ?? {}
  for (const n of extra.nameservers ?? []) if (!conf.nameservers.includes(n)) conf.nameservers.push(n)
  for (const s of extra.searches ?? []) if (!conf.searches.includes(s)) conf.searches.push(s)
  for (const o of extra.options ?? []) {
    if (o.name === 'ndots') conf.ndots = Number(o.value ?? 1)
    else conf.options = [...conf.options.filter((x) => x.split(':')[0] !== o.name), o.value != null ? `${o.name}:${o.value}` : o.name]
  }
  // glibc limits: 3 nameservers, 32 search domains.
  conf.nameservers = conf.nameservers.slice(0, 3)
  conf.searches = conf.searches.slice(0, 32)
  return conf
}

/** Playground: the resolver a node's own /etc/resolv.conf names (an outside, public resolver). */
export const UPSTREAM_DNS = '8.8.8.8'

/** The file as containerd writes it: search, nameserver(s), options. */
export function formatResolvConf(conf: ResolvConf): string {
  const lines: string[] = []
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`)
  for (const n of conf.nameservers) lines.push(`nameserver ${n}`)
  const opts = [...(conf.ndots !== 1 ? [`ndots:${conf.ndots}`] : []), ...conf.options]
  if (opts.length) lines.push(`options ${opts.join(' ')}`)
  return lines.join('\n') + '\n'
}

export { reverseName }
