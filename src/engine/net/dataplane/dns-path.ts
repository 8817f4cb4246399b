import { ADDRESS_PLAN, parseIPv4 } from '../addresses'
import { resolve, UPSTREAM_DNS, type DnsIndex, type DnsRecord, type QType, type ResolvConf, type Resolution } from '../dns'
import { closeConn, exchange, openConn, originPlace, type Origin, type TraceEnv } from './connection'

/**
 * Name resolution as the client's stub resolver does it, over the simulated network: the
 * hosts file first, then the nameserver in its resolv.conf with the search list (ndots:5 in
 * pods). Queries to the cluster DNS (10.96.0.10) are real UDP packets: they go through the
 * client node's rules to a CoreDNS pod like any Service traffic — so DNS breaks when kube-dns
 * has no ready endpoints or kube-proxy never programmed it. The answer itself comes from the
 * cluster DNS model (`net/dns.ts`). Nodes and the outside host use an upstream resolver that
 * knows nothing of `cluster.local`; a node can still ask the cluster DNS explicitly
 * (`nslookup web.default.svc.cluster.local 10.96.0.10`).
 *
 * Playground: while no CoreDNS pods exist (kube-dns has no endpoint at all), the cluster DNS
 * answers from the model without a packet path, and the hop says so.
 */

export interface DnsEnv extends TraceEnv {
  /** The cluster DNS (CoreDNS's view of Services and EndpointSlices). */
  clusterDns: DnsIndex
  /** The internet's resolver: knows no cluster names. */
  upstreamDns: DnsIndex
  /** kube-dns has endpoints, so queries travel to CoreDNS pods. */
  coreDnsPods: boolean
}

export interface DnsOutcome {
  ok: boolean
  addresses: string[]
  /** Where the answer came from. */
  source: 'literal' | 'hosts' | 'dns'
  server?: string
  resolution?: Resolution
  /** Why it failed: the name does not exist, exists without an address, or no server answered. */
  failure?: 'nxdomain' | 'no-address' | 'no-server'
}

export interface ResolveOptions {
  /** Ask this server instead of resolv.conf's (`nslookup NAME SERVER`, `dig @SERVER`). */
  server?: string
  qtype?: QType
  /** Use the search list (stub resolver default; `dig` only with +search). */
  search?: boolean
  hosts?: Record<string, string>
}

export function resolveName(env: DnsEnv, origin: Origin, name: string, conf: ResolvConf, opts: ResolveOptions = {}): DnsOutcome {
  const qtype = opts.qtype ?? 'A'
  if (parseIPv4(name) !== undefined) return { ok: true, addresses: [name], source: 'literal' }
  const fromHosts = opts.hosts?.[name.toLowerCase().replace(/\.$/, '')]
  if (fromHosts && qtype === 'A' && !opts.server) return { ok: true, addresses: [fromHosts], source: 'hosts' }
  const server = opts.server ?? conf.nameservers[0]
  if (!server) return { ok: false, addresses: [], source: 'dns', failure: 'no-server' }
  const cluster = server === ADDRESS_PLAN.dnsServiceIP
  const { rec } = env
  const phase = rec.phase
  rec.phase = 'dns'
  try {
    if (!queryTransport(env, origin, server)) return { ok: false, addresses: [], source: 'dns', server, failure: 'no-server' }
    const index = cluster ? env.clusterDns : env.upstreamDns
    const useConf: ResolvConf = opts.search === false ? { ...conf, searches: [] } : conf
    const res = resolve(index, name, qtype, useConf)
    for (const tried of res.tried) {
      const hit = tried === res.name && res.rcode === 'NOERROR'
      rec.add({ kind: 'dns', where: originPlace(origin), packet: udp({ ip: origin.ip, port: 0 }, server), cost: { hashLookups: 1 },
        text: `${tried} ${qtype}? → ${hit ? describe(res.records) : 'NXDOMAIN'}` })
    }
    let addresses = res.records.filter((r) => r.type === 'A').map((r) => r.data)
    // CoreDNS's `loadbalance` plugin (in kubeadm's Corefile) rotates A records per answer.
    if (cluster && addresses.length > 1) {
      const n = env.rng.intn(addresses.length)
      addresses = [...addresses.slice(n), ...addresses.slice(0, n)]
    }
    if (res.rcode === 'NXDOMAIN') return { ok: false, addresses: [], source: 'dns', server, resolution: res, failure: 'nxdomain' }
    if (!addresses.length && qtype === 'A') return { ok: false, addresses: [], source: 'dns', server, resolution: res, failure: 'no-address' }
    return { ok: true, addresses, source: 'dns', server, resolution: res }
  } finally {
    rec.phase = phase
  }
}

/**
 * Send a query to `server` and see whether an answer comes back: for the cluster DNS a real UDP
 * flow to a CoreDNS pod (one socket for the whole search, so later queries follow conntrack);
 * records the hops. Other servers are outside the cluster and always answer.
 */
export function queryTransport(env: DnsEnv, origin: Origin, server: string): boolean {
  const { rec } = env
  const phase = rec.phase
  rec.phase = 'dns'
  try {
    if (server === ADDRESS_PLAN.dnsServiceIP && env.coreDnsPods) {
      const conn = openConn(env, origin, 'udp', { ip: server, port: 53 })
      const r = exchange(env, conn)
      closeConn(env, conn)
      if (r.outcome === 'ok' && r.served?.kind === 'pod') return true
      // Say why: a REJECT (no endpoints) or a closed userspace proxy port is refused at once;
      // a drop is a timeout. nslookup ends with the same line either way.
      const why = r.outcome === 'refused' || r.outcome === 'unreachable' ? 'connection refused' : 'connection timed out'
      rec.add({ kind: 'dns', where: originPlace(origin), packet: udp(conn.src, server), verdict: 'DROP', text: `no answer from ${server}: ${why}; no servers could be reached` })
      return false
    }
    if (server === ADDRESS_PLAN.dnsServiceIP)
      rec.add({ kind: 'dns', where: originPlace(origin), packet: udp({ ip: origin.ip, port: 0 }, server), cost: { hashLookups: 1 },
        text: `query to the cluster DNS ${server}: answered by the DNS model (no CoreDNS pods are simulated)` })
    else
      rec.add({ kind: 'dns', where: originPlace(origin), packet: udp({ ip: origin.ip, port: 0 }, server),
        text: `query to ${server === UPSTREAM_DNS ? `the upstream resolver ${server}` : server}, outside the cluster: it knows nothing of ${ADDRESS_PLAN.clusterDomain}` })
    return true
  } finally {
    rec.phase = phase
  }
}

/** The DNS model a server answers from. */
export function indexFor(env: DnsEnv, server: string): DnsIndex {
  return server === ADDRESS_PLAN.dnsServiceIP ? env.clusterDns : env.upstreamDns
}

function describe(records: DnsRecord[]): string {
  if (!records.length) return 'NOERROR, no records'
  return records.map((r) => `${r.type} ${r.data}`).join(', ')
}

function udp(src: { ip: string; port: number }, server: string) {
  return { proto: 'udp' as const, src: src.ip, sport: src.port, dst: server, dport: 53 }
}
