import { parseIPv4 } from '../ip'
import { vsKey, type RealServer, type VirtualServer } from './ipvs'

/**
 * IPVS schedulers as the kernel implements them (`net/netfilter/ipvs/ip_vs_{rr,wrr,lc,wlc,sh}.c`),
 * plus persistence templates for ClientIP affinity. State is plain data keyed by virtual
 * server, so a snapshot carries it and two runs with the same inputs pick the same servers.
 * Real servers are scanned in the virtual server's order (sorted by address, as ipvsadm lists them).
 */

export interface IpvsRuntime {
  /** rr: index of the real server picked last (−1 before the first pick). */
  rr: Record<string, number>
  /** wrr: current index and current weight (the classic LVS algorithm). */
  wrr: Record<string, { i: number; cw: number }>
  /** Connection counts per `vsKey/ip:port`, for lc/wlc and `ipvsadm -Ln`. */
  conns: Record<string, { active: number; inactive: number }>
  /** Persistence templates: vsKey → client IP → chosen real server and expiry (virtual ms). */
  persist: Record<string, Record<string, { rs: string; expires: number }>>
}

export function newIpvsRuntime(): IpvsRuntime {
  return { rr: {}, wrr: {}, conns: {}, persist: {} }
}

export interface Connection {
  clientIP: string
  clientPort?: number
  /** Virtual time (ms), for persistence. */
  now: number
}

export interface IpvsPick {
  rs: RealServer
  /** Chosen by a persistence template rather than the scheduler. */
  persistent: boolean
}

const rsKey = (rs: RealServer): string => `${rs.address}:${rs.port}`
const available = (rs: RealServer): boolean => rs.weight > 0

/**
 * Choose the real server for a new connection, or null when none is available (IPVS then
 * answers ICMP port unreachable: ip_vs_leave). Mutates `state`.
 */
export function pick(vs: VirtualServer, conn: Connection, state: IpvsRuntime): IpvsPick | null {
  const key = vsKey(vs)
  if (vs.persistent) {
    const t = state.persist[key]?.[conn.clientIP]
    const rs = t && conn.now < t.expires ? vs.realServers.find((r) => rsKey(r) === t.rs) : undefined
    // expire_quiescent_template=1: a template pointing at a weight-0 server is not reused.
    if (rs && available(rs)) {
      t!.expires = conn.now + vs.timeout * 1000
      return { rs, persistent: true }
    }
  }
  const rs = schedule(vs, conn, state)
  if (!rs) return null
  if (vs.persistent) (state.persist[key] ??= {})[conn.clientIP] = { rs: rsKey(rs), expires: conn.now + vs.timeout * 1000 }
  return { rs, persistent: false }
}

export function schedule(vs: VirtualServer, conn: Connection, state: IpvsRuntime): RealServer | null {
  switch (vs.scheduler) {
    case 'wrr': return wrr(vs, state)
    case 'lc': return leastConn(vs, state, false)
    case 'wlc': return leastConn(vs, state, true)
    case 'sh': return sourceHash(vs, conn.clientIP)
    default: return rr(vs, state)
  }
}

/** ip_vs_rr_schedule: continue after the last pick, skipping weight-0 servers. */
function rr(vs: VirtualServer, state: IpvsRuntime): RealServer | null {
  const key = vsKey(vs)
  const n = vs.realServers.length
  const last = state.rr[key] ?? -1
  for (let step = 1; step <= n; step++) {
    const i = (last + step + n) % n
    if (available(vs.realServers[i])) {
      state.rr[key] = i
      return vs.realServers[i]
    }
  }
  return null
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/**
 * Weighted round robin (LVS: i = (i+1) mod n; on wrap cw −= gcd, reset to max weight when
 * ≤ 0; pick the first server with weight ≥ cw). Weights 4,3,2 give A A B A B C A B C.
 */
function wrr(vs: VirtualServer, state: IpvsRuntime): RealServer | null {
  const ws = vs.realServers.map((r) => r.weight)
  const max = Math.max(0, ...ws)
  if (max <= 0) return null
  const g = ws.filter((w) => w > 0).reduce(gcd)
  const key = vsKey(vs)
  const s = (state.wrr[key] ??= { i: -1, cw: 0 })
  const n = ws.length
  for (let guard = 0; guard < n * (max / g + 1) + 1; guard++) {
    s.i = (s.i + 1) % n
    if (s.i === 0) {
      s.cw -= g
      if (s.cw <= 0) s.cw = max
    }
    if (ws[s.i] >= s.cw) return vs.realServers[s.i]
  }
  return null
}

/** ip_vs_dest_conn_overhead: (active << 8) + inactive. */
export function connOverhead(vs: VirtualServer, rs: RealServer, state: IpvsRuntime): number {
  const c = state.conns[`${vsKey(vs)}/${rsKey(rs)}`]
  return c ? c.active * 256 + c.inactive : 0
}

/** lc: the smallest overhead; wlc: overhead/weight. Ties keep the first server in order. */
function leastConn(vs: VirtualServer, state: IpvsRuntime, weighted: boolean): RealServer | null {
  let best: RealServer | null = null
  let bestScore = Infinity
  for (const rs of vs.realServers) {
    if (!available(rs)) continue
    const oh = connOverhead(vs, rs, state)
    const score = weighted ? oh / rs.weight : oh
    if (best === null || score < bestScore) [best, bestScore] = [rs, score]
  }
  return best
}

/**
 * ip_vs_sh: a 256-bucket table filled in server order (each server takes `weight` buckets),
 * indexed by hash_32(source address, 8) — the same client always lands on the same server
 * while the set of servers is unchanged.
 */
function sourceHash(vs: VirtualServer, clientIP: string): RealServer | null {
  if (vs.realServers.length === 0) return null
  const buckets: RealServer[] = []
  let d = 0
  let count = 0
  for (let i = 0; i < 256; i++) {
    const rs = vs.realServers[d % vs.realServers.length]
    buckets.push(rs)
    if (++count >= rs.weight) {
      d++
      count = 0
    }
  }
  const ip = parseIPv4(clientIP) ?? 0
  // hash_32(val, 8) = (val * GOLDEN_RATIO_32) >> 24
  const h = Math.imul(ip >>> 0, 0x61c88647) >>> 24
  const rs = buckets[h]
  return available(rs) ? rs : null
}

/** Count a connection on a real server (ActiveConn), as the kernel does on a new flow. */
export function connectionOpened(state: IpvsRuntime, vs: VirtualServer, rs: RealServer): void {
  const c = (state.conns[`${vsKey(vs)}/${rsKey(rs)}`] ??= { active: 0, inactive: 0 })
  c.active++
}

/** A closed TCP connection lingers as InActConn (TIME_WAIT) until it expires. */
export function connectionClosed(state: IpvsRuntime, vs: VirtualServer, rs: RealServer): void {
  const c = state.conns[`${vsKey(vs)}/${rsKey(rs)}`]
  if (!c || c.active === 0) return
  c.active--
  c.inactive++
}
