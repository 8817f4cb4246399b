import { formatIPv4, parseCidr, parseIPv4 } from '../net/addresses'

/**
 * Pod IPs from the node's podCIDR, as the bridge CNI's host-local IPAM hands them out:
 * `.1` is the gateway (the node's `cni0` bridge), pods get `.2` upwards, the broadcast
 * address is never used. Playground: a freed address is reused lowest-first (real host-local
 * continues round-robin after the last one it gave out); it keeps addresses short and the
 * picture stable.
 *
 * @example
 *   const ips = new PodIPAllocator('10.244.1.0/24')
 *   ips.gateway()          // '10.244.1.1'
 *   ips.allocate('uid-a')  // '10.244.1.2'
 */
export class PodIPAllocator {
  private readonly base: number
  private readonly first: number
  private readonly last: number
  private next: number
  private freed: number[] = [] // a min-heap of released addresses below `next`
  private owners = new Map<number, string>()

  constructor(readonly cidr: string) {
    const c = parseCidr(cidr)
    if (!c || c.bits > 30) throw new Error(`invalid podCIDR ${cidr}`)
    this.base = c.base
    this.first = c.base + 2
    this.last = c.base + c.size - 2
    this.next = this.first
  }

  gateway(): string {
    return intToIp(this.base + 1)
  }

  /** `no IP addresses available in range set: <first>-<last>` names the range the way host-local does. */
  rangeText(): string {
    return `${intToIp(this.base + 1)}-${intToIp(this.last)}`
  }

  /** The lowest free address, or undefined when the range is exhausted. */
  allocate(owner: string): string | undefined {
    while (this.freed.length) {
      const ip = heapPop(this.freed)
      if (!this.owners.has(ip)) return this.take(ip, owner)
    }
    if (this.next > this.last) return undefined
    return this.take(this.next++, owner)
  }

  /** Claim a specific address (a restarted kubelet adopting a running sandbox). False if taken or outside the range. */
  reserve(ip: string, owner: string): boolean {
    const n = ipToInt(ip)
    if (n < this.first || n > this.last) return false
    if (this.owners.has(n)) return this.owners.get(n) === owner
    while (this.next <= n) {
      if (this.next !== n) heapPush(this.freed, this.next)
      this.next++
    }
    this.owners.set(n, owner)
    return true
  }

  release(ip: string | undefined): void {
    if (!ip) return
    const n = ipToInt(ip)
    if (!this.owners.delete(n)) return
    heapPush(this.freed, n)
  }

  inUse(): number {
    return this.owners.size
  }

  private take(n: number, owner: string): string {
    this.owners.set(n, owner)
    return intToIp(n)
  }
}

const ipToInt = (ip: string) => parseIPv4(ip) ?? -1
const intToIp = formatIPv4

function heapPush(h: number[], v: number): void {
  h.push(v)
  let i = h.length - 1
  while (i > 0) {
    const p = (i - 1) >> 1
    if (h[p] <= h[i]) break
    ;[h[p], h[i]] = [h[i], h[p]]
    i = p
  }
}

function heapPop(h: number[]): number {
  const top = h[0]
  const last = h.pop()!
  if (h.length) {
    h[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < h.length && h[l] < h[m]) m = l
      if (r < h.length && h[r] < h[m]) m = r
      if (m === i) break
      ;[h[m], h[i]] = [h[i], h[m]]
      i = m
    }
  }
  return top
}
