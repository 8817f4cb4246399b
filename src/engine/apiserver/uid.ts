/**
 * UIDs from a counter (no crypto, no host randomness), laid out as an RFC 4122 v4 UUID so they
 * look and sort like real ones. Each 32-bit word is a bijective mix of the counter, so
 * different counters never collide.
 */
export class UidSource {
  constructor(private counter = 0) {}

  next(): string {
    const n = ++this.counter
    const w = (k: number) => (mix((n ^ k) >>> 0) >>> 0).toString(16).padStart(8, '0')
    const a = w(0x9e3779b9)
    const b = w(0x85ebca6b)
    const c = w(0xc2b2ae35)
    const d = w(0x27d4eb2f)
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 0x3) | 0x8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`
  }

  state(): number {
    return this.counter
  }

  setState(n: number): void {
    this.counter = n
  }
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}
