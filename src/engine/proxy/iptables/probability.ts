/**
 * The `-m statistic --mode random --probability P` numbers (REFERENCE 9.5).
 *
 * kube-proxy writes `fmt.Sprintf("%0.10f", 1.0/float64(n))` (computeProbability). Go
 * formats the *exact* binary value and rounds half to even, which JavaScript's toFixed
 * does not (it rounds exact ties up: 1/2048 would differ), so we format exactly with BigInt.
 *
 * The kernel keeps `lround(2^31 · p)` (libxt_statistic) and iptables-save prints that back
 * with `%.11f` — which is why a rule written as 0.3333333333 is listed as 0.33333333349.
 */

const TWO_31 = 0x80000000

/** x as an exact fraction mant · 2^exp (x finite, ≥ 0). */
function exactBinary(x: number): { mant: bigint; exp: number } {
  if (x === 0) return { mant: 0n, exp: 0 }
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const hi = view.getUint32(0)
  const lo = view.getUint32(4)
  const biased = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exp: number
  if (biased === 0) exp = -1074
  else {
    mant |= 1n << 52n
    exp = biased - 1075
  }
  return { mant, exp }
}

/**
 * C/Go `%.{digits}f` of a non-negative double: exact value, ties to even.
 * Example: formatFixed(1 / 3, 10) === '0.3333333333'; formatFixed(1 / 2048, 10) === '0.0004882812'.
 */
export function formatFixed(x: number, digits: number): string {
  if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`formatFixed: unsupported value ${x}`)
  const { mant, exp } = exactBinary(x)
  const scale = 10n ** BigInt(digits)
  let q: bigint
  if (exp >= 0) q = (mant << BigInt(exp)) * scale
  else {
    const num = mant * scale
    const den = 1n << BigInt(-exp)
    q = num / den
    const twiceRem = (num % den) * 2n
    if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) q += 1n
  }
  const s = q.toString().padStart(digits + 1, '0')
  return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`
}

const precomputed: string[] = []
const saved = new Map<string, string>()

/**
 * computeProbability(n): the string kube-proxy writes for the rule that has n endpoints
 * left. Like kube-proxy (precomputeProbabilities), values are computed once and reused.
 */
export function probabilityString(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`probabilityString: n must be a positive integer, got ${n}`)
  return (precomputed[n] ??= formatFixed(1 / n, 10))
}

/**
 * The cascade over n endpoints: P(n), P(n−1), …, P(2) for the first n−1 rules; the last
 * rule has no statistic match (so each endpoint gets 1/n overall).
 * Example: probabilityCascade(3) → ['0.3333333333', '0.5000000000']
 */
export function probabilityCascade(n: number): string[] {
  const out: string[] = []
  for (let i = 0; i < n - 1; i++) out.push(probabilityString(n - i))
  return out
}

/** What the kernel stores: `lround(2^31 · p)` (libxt_statistic `parse`). */
export function statisticThreshold(probability: string): number {
  return Math.round(TWO_31 * Number.parseFloat(probability))
}

/** What `iptables-save` / `iptables -L` print for a rule written with `probability`. */
export function savedProbability(probability: string): string {
  let s = saved.get(probability)
  if (s === undefined) saved.set(probability, (s = formatFixed(statisticThreshold(probability) / TWO_31, 11)))
  return s
}

/**
 * The kernel's test (xt_statistic): `(prandom_u32() & 0x7FFFFFFF) < threshold`. `rand` is a
 * float in [0, 1) (ctx.rng.next), scaled to the same 31 bits.
 */
export function statisticMatches(probability: string, rand: () => number): boolean {
  return Math.floor(rand() * TWO_31) < statisticThreshold(probability)
}
