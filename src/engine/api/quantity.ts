/**
 * resource.Quantity: parsing, Kubernetes' canonical string form, and the cpu/memory views the
 * scheduler and kubelet use.
 *
 * Sources (k8s.io/apimachinery/pkg/api/resource): quantity.go (parseQuantityString, ParseQuantity,
 * CanonicalizeBytes, MilliValue/Value round up), suffix.go (suffix tables), amount.go
 * (AsCanonicalBytes: exponent a multiple of 3; AsCanonicalBase1024Bytes).
 *
 * Internally a quantity is an exact BigInt count of nano-units (10^-9), because ParseQuantity rounds
 * every non-zero value up to 1n and 1Ei does not fit a float exactly.
 *
 * Example:
 *   parseQuantity('0.5Gi') // → { value: 536870912, milli: 536870912000, format: 'BinarySI', canonical: '512Mi' }
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'
export type Quantity = {
  /** Exact value in base units (cores, bytes); may be fractional (`0.5`). */
  value: number
  /** MilliValue(): ceil(value × 1000). */
  milli: number
  /** Format chosen by the suffix; String() keeps it. */
  format: QuantityFormat
  /**
   * Quantity.String(): the canonical form (`1.5Gi` → `1536Mi`, `0.5` → `500m`, `1000` → `1k`), or the
   * input itself when ParseQuantity's fast path keeps it (`1.441` → `1.441`).
   */
  canonical: string
}

/** The regex Kubernetes quotes in ErrFormatWrong (it is looser than the real grammar). */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
export const ErrFormatWrong = `quantities must match the regular expression '${QUANTITY_REGEX}'`
export const ErrNumeric = 'unable to parse numeric part of quantity'
export const ErrSuffix = "unable to parse quantity's suffix"

export class QuantityError extends Error {
  override name = 'QuantityError'
}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const NANO = 10n ** 9n
// ParseQuantity caps BinarySI magnitudes at maxAllowed = 2^63-1 (`8Ei` prints 9223372036854775807).
const MAX_BINARY = (2n ** 63n - 1n) * NANO

/** `cached`: the input string String() returns verbatim when ParseQuantity's fast path keeps it. */
type Parsed = { nanos: bigint; format: QuantityFormat; cached?: string }

/** parseQuantityString + ParseQuantity. Throws QuantityError with ErrFormatWrong / ErrSuffix / ErrNumeric. */
function parseNanos(str: string): Parsed {
  if (str.length === 0) throw new QuantityError(ErrFormatWrong)
  // Scanner: [sign] digits [. digits] then suffix chars [eEinumkKMGTP]*, an optional sign, digits.
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(str)!
  const [, sign, num, denom = '', suf] = m
  const tail = /^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suf)
  if (!tail) throw new QuantityError(ErrFormatWrong)

  let format: QuantityFormat
  let exponent: number
  let base: 10 | 2
  if (suf in DEC_SUFFIX) [base, exponent, format] = [10, DEC_SUFFIX[suf], 'DecimalSI']
  else if (suf in BIN_SUFFIX) [base, exponent, format] = [2, BIN_SUFFIX[suf], 'BinarySI']
  else if (suf.length > 1 && (suf[0] === 'e' || suf[0] === 'E') && /^[+-]?[0-9]+$/.test(suf.slice(1))) {
    // strconv.ParseInt of the exponent; we refuse absurd exponents instead of building huge BigInts.
    exponent = Number(suf.slice(1))
    if (Math.abs(exponent) > 1000) throw new QuantityError(ErrNumeric)
    ;[base, format] = [10, 'DecimalExponent']
  } else throw new QuantityError(ErrSuffix)

  // digits × 10^-len(denom) × (10^exponent | 2^exponent), in nano-units, magnitude rounded up.
  const digits = BigInt((num + denom) || '0')
  const numer = digits * (base === 2 ? 2n ** BigInt(exponent) : 1n)
  const pow10 = 9 - denom.length + (base === 10 ? exponent : 0)
  let nanos: bigint
  if (pow10 >= 0) nanos = numer * 10n ** BigInt(pow10)
  else {
    const d = 10n ** BigInt(-pow10)
    nanos = (numer + d - 1n) / d // inf.RoundUp: if you ask for some, you get at least 1n
  }
  if (format === 'BinarySI' && nanos > MAX_BINARY) nanos = MAX_BINARY
  // A BinarySI amount strictly between 0 and 1 is shown as DecimalSI ("avoids rounding and confusion").
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI'
  const cached = fastPathKeepsInput(num.replace(/^0+/, '') || '0', denom, base, exponent) ? str : undefined
  return { nanos: sign === '-' ? -nanos : nanos, format, cached }
}

/**
 * ParseQuantity's int64 fast path stores the input as the quantity's string when it "looks
 * canonical", so String() echoes it: `1.441` stays `1.441` (not `1441m`), `01` stays `01`
 * (upstream #138165). `num` is the numerator with leading zeros stripped, as the scanner leaves it.
 */
function fastPathKeepsInput(num: string, denom: string, base: 10 | 2, exponent: number): boolean {
  const shifted = num + denom
  let precision: number
  if (base === 10) precision = 18 - shifted.length // maxInt64Factors
  else if (exponent >= 0 && denom === '') precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1
  else return false
  const scale = (base === 10 ? exponent : 0) - denom.length
  if (precision < 0 || scale < -9) return false
  const value = BigInt(shifted)
  const product = base === 2 ? value * 2n ** BigInt(exponent) : value
  if (product >= 2n ** 63n) return false // int64Multiply overflow: slow path, no cached string
  if (base === 2) return exponent % 10 === 0 && (value & 7n) !== 0n
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0'
}

/** CanonicalizeBytes: the String() of a quantity. */
function canonical({ nanos, format, cached }: Parsed): string {
  if (cached !== undefined) return cached
  if (nanos === 0n) return '0'
  const neg = nanos < 0n
  const abs = neg ? -nanos : nanos
  const sign = neg ? '-' : ''
  // BinarySI only when |v| ≥ 1024 and integral; otherwise it would round, so print DecimalSI.
  if (format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let v = abs / NANO
    let e = 0
    while (v >= 1024n && v % 1024n === 0n) {
      v /= 1024n
      e += 10
    }
    return sign + v + (e === 0 ? '' : Object.keys(BIN_SUFFIX).find((k) => BIN_SUFFIX[k] === e))
  }
  if (format === 'BinarySI') format = 'DecimalSI'
  // AsCanonicalBytes: strip factors of ten, then lower the exponent to a multiple of 3.
  let mant = abs
  let exp = -9
  while (mant >= 10n && mant % 10n === 0n) {
    mant /= 10n
    exp++
  }
  while (exp % 3 !== 0) {
    mant *= 10n
    exp--
  }
  const suffix = Object.keys(DEC_SUFFIX).find((k) => DEC_SUFFIX[k] === exp)
  // The SI table ends at E (10^18); beyond it the newest code falls back to the exponent form
  // (`1000E` → `1e21`, upstream #140459; older releases printed no suffix at all).
  if (format === 'DecimalExponent' || suffix === undefined) return sign + mant + (exp === 0 ? '' : `e${exp}`)
  return sign + mant + suffix
}

// MilliValue()/Value() are ScaledValue: ceil, away from zero for negatives.
const ceilDiv = (n: bigint, d: bigint) => (n >= 0n ? (n + d - 1n) / d : -((-n + d - 1n) / d))
const toNumber = (nanos: bigint) => (nanos % NANO === 0n ? Number(nanos / NANO) : Number(nanos) / 1e9)

/**
 * resource.ParseQuantity. Numbers are read as their YAML/JSON text (`2` → "2").
 * Throws QuantityError, e.g. `1x` → "quantities must match the regular expression '…'", `1K` → "unable to parse quantity's suffix".
 */
export function parseQuantity(s: string | number): Quantity {
  const p = parseNanos(typeof s === 'number' ? String(s) : s)
  return { value: toNumber(p.nanos), milli: Number(ceilDiv(p.nanos, 10n ** 6n)), format: p.format, canonical: canonical(p) }
}

/** CPU in millicores (`MilliValue()`): `500m` → 500, `1` → 1000, `0.1m` → 1. */
export function cpuMillis(q: string | number | Quantity): number {
  return typeof q === 'object' ? q.milli : parseQuantity(q).milli
}

/** Memory in bytes (`Value()`, rounded up): `1Gi` → 1073741824, `1.5k` → 1500. */
export function memoryBytes(q: string | number | Quantity): number {
  const v = typeof q === 'object' ? q.value : parseQuantity(q).value
  return v >= 0 ? Math.ceil(v) : -Math.ceil(-v)
}

/** A base-unit amount in the canonical form of the given format: formatQuantity(1.5, 'DecimalSI') → `1500m`. */
export function formatQuantity(value: number, format: QuantityFormat): string {
  return canonical({ nanos: parseNanos(String(value)).nanos, format })
}

/** Millicores as Kubernetes prints a DecimalSI cpu quantity: 500 → `500m`, 1000 → `1`, 2500 → `2500m`. */
export function formatCpuMillis(m: number): string {
  return canonical({ nanos: ceilDiv(parseNanos(String(m)).nanos * 10n ** 6n, NANO), format: 'DecimalSI' })
}

/**
 * Bytes in canonical form. Kubernetes keeps the format a quantity was written in; a bare byte
 * count has none, so by default (playground choice) a multiple of 1024 is BinarySI
 * (8589934592 → `8Gi`, 536870912 → `512Mi`) and anything else DecimalSI (1000 → `1k`).
 */
export function formatBytes(bytes: number, format?: QuantityFormat): string {
  const f = format ?? (Number.isInteger(bytes) && bytes !== 0 && bytes % 1024 === 0 ? 'BinarySI' : 'DecimalSI')
  return formatQuantity(bytes, f)
}
