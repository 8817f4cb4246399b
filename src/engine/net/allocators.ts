import type { Rng } from '../rng'
import { BandedBitmap, nodePortRangeOffset, serviceIPRangeOffset } from './bitmap'
import { type Cidr, formatCidr, formatIPv4, parseCidr, parseIPv4 } from './addresses'

/**
 * The two allocators kube-apiserver keeps for Services, with Kubernetes' error texts:
 * - ClusterIPs (`pkg/registry/core/service/ipallocator`): the CIDR minus its network and
 *   (IPv4) broadcast address; offset 0 is network+1.
 * - NodePorts (`pkg/registry/core/service/portallocator`): `Base … Base+Size-1`.
 *
 * Errors are thrown as AllocationError; callers turn them into API errors exactly where the
 * Service registry does (`storage/alloc.go`).
 *
 * @example
 *   const ips = new ServiceIPAllocator('10.96.0.0/12')
 *   ips.allocate('10.96.0.10')   // kube-dns, in the static band
 *   ips.allocateNext(rng)        // e.g. '10.99.143.20', from the upper band
 */

/** `ErrAllocated`, `ErrFull`, `ErrNotInRange` as the allocators spell them. */
export class AllocationError extends Error {
  constructor(
    readonly reason: 'allocated' | 'full' | 'not-in-range',
    message: string,
  ) {
    super(message)
  }
}

export class ServiceIPAllocator {
  readonly cidr: Cidr
  private readonly bitmap: BandedBitmap
  /** First usable address (network + 1) as a number. */
  private readonly base: number

  constructor(cidr: string) {
    const c = parseCidr(cidr)
    if (!c) throw new Error(`invalid service CIDR ${cidr}`)
    this.cidr = c
    this.base = c.base + 1
    // Neither the network nor the IPv4 broadcast address is ever handed out.
    const max = Math.max(0, c.size - 2)
    this.bitmap = new BandedBitmap(max, serviceIPRangeOffset(c.size))
  }

  /** Size of the static band (256 for a /12). */
  get offset(): number {
    return this.bitmap.offset
  }

  get max(): number {
    return this.bitmap.max
  }

  /** `Allocate(ip)`: reserve a user-chosen address. */
  allocate(ip: string): void {
    const off = this.offsetOf(ip)
    if (off === undefined) throw new AllocationError('not-in-range', `provided IP ${ip} is not in the valid range`)
    if (!this.bitmap.allocate(off)) throw new AllocationError('allocated', 'provided IP is already allocated')
  }

  /**
   * The dry-run form of `allocate` (`dryRunRange.Allocate`): only the range is checked —
   * "Don't bother to check whether the IP is actually free".
   */
  checkInRange(ip: string): void {
    if (this.offsetOf(ip) === undefined) throw new AllocationError('not-in-range', `provided IP ${ip} is not in the valid range`)
  }

  /** The network address: what a dry-run `AllocateNext` returns ("Don't bother finding a free value"). */
  networkAddress(): string {
    return formatIPv4(this.cidr.base)
  }

  /** `AllocateNext()`: a random free address, upper band first. */
  allocateNext(rng: Rng): string {
    const off = this.bitmap.allocateNext(rng)
    if (off === undefined) throw new AllocationError('full', 'range is full')
    return formatIPv4(this.base + off)
  }

  /** Releasing an unallocated or out-of-range address is a no-op. */
  release(ip: string): void {
    const off = this.offsetOf(ip)
    if (off !== undefined) this.bitmap.release(off)
  }

  has(ip: string): boolean {
    const off = this.offsetOf(ip)
    return off !== undefined && this.bitmap.has(off)
  }

  used(): number {
    return this.bitmap.used()
  }

  clear(): void {
    this.bitmap.clear()
  }

  /** Allocated addresses in ascending order. */
  items(): string[] {
    return this.bitmap.items().map((o) => formatIPv4(this.base + o))
  }

  toString(): string {
    return formatCidr(this.cidr)
  }

  /** `contains`: the bitmap offset of `ip`, or undefined outside the usable range. */
  private offsetOf(ip: string): number | undefined {
    const a = parseIPv4(ip)
    if (a === undefined) return undefined
    const off = a - this.base
    return off >= 0 && off < this.bitmap.max ? off : undefined
  }
}

export class PortAllocator {
  private readonly bitmap: BandedBitmap

  constructor(
    readonly base: number,
    readonly size: number,
  ) {
    this.bitmap = new BandedBitmap(size, nodePortRangeOffset(size))
  }

  /** `PortRange.String()`: `30000-32767`. */
  rangeString(): string {
    return `${this.base}-${this.base + this.size - 1}`
  }

  get offset(): number {
    return this.bitmap.offset
  }

  allocate(port: number): void {
    if (!this.contains(port))
      throw new AllocationError('not-in-range', `provided port is not in the valid range. The range of valid ports is ${this.rangeString()}`)
    if (!this.bitmap.allocate(port - this.base)) throw new AllocationError('allocated', 'provided port is already allocated')
  }

  allocateNext(rng: Rng): number {
    const off = this.bitmap.allocateNext(rng)
    if (off === undefined) throw new AllocationError('full', 'range is full')
    return this.base + off
  }

  release(port: number): void {
    if (this.contains(port)) this.bitmap.release(port - this.base)
  }

  has(port: number): boolean {
    return this.contains(port) && this.bitmap.has(port - this.base)
  }

  used(): number {
    return this.bitmap.used()
  }

  clear(): void {
    this.bitmap.clear()
  }

  items(): number[] {
    return this.bitmap.items().map((o) => this.base + o)
  }

  private contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.base && port < this.base + this.size
  }
}
