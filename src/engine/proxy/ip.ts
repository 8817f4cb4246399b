/**
 * The few address operations kube-proxy's rule tables need: parse and print IPv4
 * addresses, CIDR containment, and Go's `net.JoinHostPort` (which brackets IPv6).
 * The playground's data plane is IPv4; IPv6 strings pass through untouched where only
 * printing is needed.
 */

/** An IPv4 address as an unsigned 32-bit number, or null when `s` is not dotted-quad. */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.')
  if (parts.length !== 4) return null
  let n = 0
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null
    const v = Number(p)
    if (v > 255) return null
    n = n * 256 + v
  }
  return n >>> 0
}

export function formatIPv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export interface Cidr {
  base: number
  bits: number
}

/** `10.244.0.0/16` → {base, bits}; a bare address is a /32 (as iptables reads `-d 10.96.0.1`). */
export function parseCidr(s: string): Cidr | null {
  const [addr, len] = s.split('/')
  const base = parseIPv4(addr)
  if (base === null) return null
  const bits = len === undefined ? 32 : Number(len)
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return null
  return { base: (base & maskOf(bits)) >>> 0, bits }
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
}

/** Parsed CIDRs and addresses, memoised: the tracer tests the same few strings against every rule. */
const cidrMemo = new Map<string, Cidr | null>()
const ipMemo = new Map<string, number | null>()
function memo<T>(m: Map<string, T>, key: string, f: (k: string) => T): T {
  let v = m.get(key)
  if (v === undefined && !m.has(key)) {
    if (m.size > 200_000) m.clear()
    m.set(key, (v = f(key)))
  }
  return v as T
}

/** Whether `ip` lies in `cidr` (e.g. the local detector's `-s 10.244.0.0/16`). */
export function cidrContains(cidr: string, ip: string): boolean {
  const c = memo(cidrMemo, cidr, parseCidr)
  const a = memo(ipMemo, ip, parseIPv4)
  if (!c || a === null) return cidr === ip
  return ((a & maskOf(c.bits)) >>> 0) === c.base
}

/** The prefix length of a CIDR string (32 for a bare address). */
export function cidrBits(cidr: string): number {
  return memo(cidrMemo, cidr, parseCidr)?.bits ?? 32
}

/** The network address of a CIDR string, as written (`10.244.0.0`). */
export function cidrAddress(cidr: string): string {
  const c = memo(cidrMemo, cidr, parseCidr)
  return c ? formatIPv4(c.base) : cidr.split('/')[0]
}

/** Go's net.JoinHostPort: `ip:port`, or `[ip]:port` for IPv6 — Endpoint.String() in kube-proxy. */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`
}

/** Split `ip:port` / `[ip]:port`. */
export function splitHostPort(hp: string): { ip: string; port: number } {
  const i = hp.lastIndexOf(':')
  const host = hp.slice(0, i)
  return { ip: host.startsWith('[') ? host.slice(1, -1) : host, port: Number(hp.slice(i + 1)) }
}

/** Numeric order for IPv4 (ipvsadm sorts services and real servers by address). */
export function compareIPs(a: string, b: string): number {
  const x = parseIPv4(a)
  const y = parseIPv4(b)
  if (x !== null && y !== null) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}

/** Go's string order (byte order), which kube-proxy uses to sort endpoints — not localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
