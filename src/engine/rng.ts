/**
 * The one seeded source of randomness in the engine (mulberry32: 32 bits of state, so a
 * snapshot can carry it). Every random choice — scheduler ties, generateName suffixes,
 * iptables probabilities — draws from here, so a seed replays the same cluster.
 *
 * Hand-written rather than a dependency: it is six lines, and its whole state must be
 * serialisable in a snapshot, which general-purpose PRNG libraries hide.
 */
export class Rng {
  constructor(private state: number) {
    this.state = state >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Go's rand.Intn: an integer in [0, n). */
  intn(n: number): number {
    if (n <= 0) throw new Error('invalid argument to Intn')
    return Math.floor(this.next() * n)
  }

  getState(): number {
    return this.state
  }

  setState(s: number): void {
    this.state = s >>> 0
  }
}

/** apimachinery `pkg/util/rand` alphabet: no vowels, no 0 1 3 (so no accidental words). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** `rand.String(n)` as generateName uses it. */
export function randomString(rng: Rng, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[rng.intn(NAME_ALPHABET.length)]
  return s
}
