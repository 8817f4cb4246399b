/**
 * IPv4 arithmetic and the cluster's address plan (REFERENCE 8.1).
 *
 * Addresses are unsigned 32-bit numbers internally; everything the API stores is the dotted
 * string. The plan follows a kubeadm/kind cluster: Service CIDR `10.96.0.0/12` (kubeadm
 * `DefaultServicesSubnet`), cluster DNS `10.96.0.10`, domain `cluster.local`, NodePorts
 * `30000-32767`, pod CIDR `10.244.0.0/16` (flannel's, as kind uses) with `10.244.N.0/24` for
 * `node-N`, and node IPs on kind's docker network `172.18.0.0/16`.
 *
 * @example
 *   nthAddress('10.96.0.0/12', 10)          // '10.96.0.10'
 *   cidrContains('10.244.0.0/16', '10.244.3.7') // true
 *   nodeIP(1)                               // '172.18.0.2'
 */

/** A parsed IPv4 CIDR: the network address and the prefix length. */
export interface Cidr {
  /** Network address (host bits cleared). */
  base: number
  bits: number
  /** Number of addresses, network and broadcast included (2^(32-bits)). */
  size: number
}

/** Dotted-quad → unsigned 32-bit number; undefined for anything else (no leading zeros, as Go's net.ParseIP). */
export function parseIPv4(s: string): number | undefined {
  if (typeof s !== 'string') return undefined
  const parts = s.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined
    const v = Number(p)
    if (v > 255) return undefined
    n = n * 256 + v
  }
  return n >>> 0
}

export function formatIPv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** Loose IPv6 recogniser (the playground's data plane is IPv4; IPv6 only needs to be told apart). */
export function isIPv6(s: string): boolean {
  return typeof s === 'string' && s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && s.split('::').length <= 2
}

/** `net.ParseIP(s) != nil` for the forms the playground meets. */
export function isValidIP(s: string): boolean {
  return parseIPv4(s) !== undefined || isIPv6(s)
}

export function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
}

/** `10.96.0.0/12` → {base, bits, size}; undefined if malformed. Host bits are cleared, as net.ParseCIDR does. */
export function parseCidr(s: string): Cidr | undefined {
  if (typeof s !== 'string') return undefined
  const [addr, len, extra] = s.split('/')
  if (extra !== undefined || len === undefined || !/^\d{1,2}$/.test(len)) return undefined
  const ip = parseIPv4(addr)
  const bits = Number(len)
  if (ip === undefined || bits > 32) return undefined
  return { base: (ip & maskOf(bits)) >>> 0, bits, size: 2 ** (32 - bits) }
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.bits}`
}

/** Whether `ip` lies inside `cidr`. */
export function cidrContains(cidr: string | Cidr, ip: string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr
  const a = parseIPv4(ip)
  if (!c || a === undefined) return false
  return ((a & maskOf(c.bits)) >>> 0) === c.base
}

/** `GetIndexedIP(cidr, n)`: the n-th address counting the network address as 0. */
export function nthAddress(cidr: string | Cidr, n: number): string {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr
  if (!c) throw new Error(`invalid CIDR ${String(cidr)}`)
  if (!Number.isInteger(n) || n < 0 || n >= c.size) throw new Error(`address index ${n} out of range for ${formatCidr(c)}`)
  return formatIPv4((c.base + n) >>> 0)
}

/** The reverse of nthAddress: the index of `ip` inside `cidr`, or undefined when outside. */
export function addressIndex(cidr: string | Cidr, ip: string): number | undefined {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr
  const a = parseIPv4(ip)
  if (!c || a === undefined || !cidrContains(c, ip)) return undefined
  return a - c.base
}

/** `d.c.b.a.in-addr.arpa` for `a.b.c.d` (PTR owner names, REFERENCE 8.7). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`
}

// ---- the address plan (REFERENCE 8.1) -------------------------------------------------

export const ADDRESS_PLAN = {
  /** kube-apiserver `--service-cluster-ip-range` as kubeadm sets it. */
  serviceCIDR: '10.96.0.0/12',
  /** The `kubernetes` Service: index 1 of the service range. */
  kubernetesServiceIP: '10.96.0.1',
  /** kube-dns / CoreDNS Service (kubeadm `DefaultClusterDNSIP`). */
  dnsServiceIP: '10.96.0.10',
  clusterDomain: 'cluster.local',
  /** `--service-node-port-range` default: `PortRange{Base: 30000, Size: 2768}`. */
  nodePortRange: { base: 30000, size: 2768 },
  /** Cluster pod CIDR (flannel / kind); node-N gets `10.244.N.0/24`. */
  podCIDR: '10.244.0.0/16',
  nodeCIDRMaskSize: 24,
  /** kind's docker network; nodes are `.2, .3, …`. */
  nodeNetwork: '172.18.0.0/16',
  /**
   * Playground: where kube-apiserver listens (`<ip>:6443`, the `kubernetes` endpoint). The
   * playground has no control-plane node; `.1` sits just below the worker nodes.
   */
  controlPlaneIP: '172.18.0.1',
  apiserverPort: 6443,
  /** Playground: the "cloud" load-balancer pool, as MetalLB is usually set up on kind. */
  loadBalancerPool: { first: '172.18.255.200', last: '172.18.255.250' },
} as const

/** `10.244.N.0/24` for node-N (the node IPAM controller hands /24s out in order). */
export function nodePodCIDR(n: number): string {
  return `${nthAddress('10.244.0.0/16', n * 256)}/24`
}

/** Node-N's InternalIP: `172.18.0.2` for node-1, continuing past `.255` into the next /24. */
export function nodeIP(n: number): string {
  return nthAddress(ADDRESS_PLAN.nodeNetwork, n + 1)
}
