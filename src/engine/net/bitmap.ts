import type { Rng } from '../rng'

/**
 * The allocation bitmap behind Service ClusterIPs and NodePorts
 * (`pkg/registry/core/service/allocator/bitmap.go`, `randomScanStrategyWithOffset`).
 *
 * KEP-3070 / KEP-3668 split the range into a lower *static* band `[0, offset)`, meant for
 * addresses/ports users pick by hand, and an upper *dynamic* band `[offset, max)`. Dynamic
 * allocation starts at a random offset inside the upper band and scans forward with
 * wrap-around; only when the upper band is full does it try the lower band (again from a
 * random start). Kubernetes draws from math/rand; the playground draws from the seeded RNG,
 * so a seed always hands out the same values.
 *
 * @example
 *   const b = new BandedBitmap(2768, 86)   // the default NodePort range
 *   b.allocate(50)                          // true: 30050 taken
 *   b.allocateNext(rng)                     // an offset in [86, 2768)
 */
export class BandedBitmap {
  private readonly bits = new Set<number>()

  constructor(
    /** Number of usable items. */
    readonly max: number,
    /** Size of the static band (0 disables the split). */
    readonly offset: number,
  ) {}

  /** Reserve one item; false if it was already taken (or is out of range). */
  allocate(i: number): boolean {
    if (!Number.isInteger(i) || i < 0 || i >= this.max || this.bits.has(i)) return false
    this.bits.add(i)
    return true
  }

  /** `AllocateBit`: the next free item by the random-scan-with-offset strategy, or undefined when full. */
  allocateNext(rng: Rng): number | undefined {
    const at = this.findNext(rng)
    if (at !== undefined) this.bits.add(at)
    return at
  }

  /** The item allocateNext would take, without taking it (consumes the same randomness). */
  findNext(rng: Rng): number | undefined {
    if (this.bits.size >= this.max) return undefined
    const upper = this.max - this.offset
    if (upper > 0) {
      const start = rng.intn(upper)
      for (let i = 0; i < upper; i++) {
        const at = this.offset + ((start + i) % upper)
        if (!this.bits.has(at)) return at
      }
    }
    // Guard against rand.Intn(0) when the static band is empty.
    if (this.offset > 0) {
      const start = rng.intn(this.offset)
      for (let i = 0; i < this.offset; i++) {
        const at = (start + i) % this.offset
        if (!this.bits.has(at)) return at
      }
    }
    return undefined
  }

  /** Releasing a free or out-of-range item is a no-op, as in Kubernetes. */
  release(i: number): void {
    this.bits.delete(i)
  }

  has(i: number): boolean {
    return this.bits.has(i)
  }

  /** Items in use. */
  used(): number {
    return this.bits.size
  }

  free(): number {
    return this.max - this.bits.size
  }

  clear(): void {
    this.bits.clear()
  }

  /** Allocated items in ascending order (`ForEach`). */
  items(): number[] {
    return [...this.bits].sort((a, b) => a - b)
  }
}

/**
 * KEP-3070 `calculateRangeOffset` for Service IPs: `min(max(16, cidrSize/16), 256)`, or 0 for
 * ranges of 16 addresses or fewer. `cidrSize` counts every address of the CIDR (a /24 is 256).
 * A /12 gives 256, so 10.96.0.1–10.96.1.0 is the static band.
 */
export function serviceIPRangeOffset(cidrSize: number): number {
  if (cidrSize <= 16) return 0
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256)
}

/**
 * KEP-3668 `calculateRangeOffset` for NodePorts: `min(max(16, size/32), 128)`, or 0 for ranges
 * of 16 ports or fewer. The default 30000-32767 (2768 ports) gives 86: 30000–30085 is static.
 */
export function nodePortRangeOffset(size: number): number {
  if (size <= 16) return 0
  return Math.min(Math.max(16, Math.floor(size / 32)), 128)
}
