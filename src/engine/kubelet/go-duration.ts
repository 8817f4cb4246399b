/**
 * Go's `time.Duration.String()` for the millisecond durations the kubelet prints in messages
 * (`Successfully pulled image "nginx" in 2.345s`, `back-off 1m20s restarting failed container`).
 * REFERENCE conventions: a Duration prints `10s`, `1m20s`, `5m0s`, `812ms`, `0s`.
 *
 * @example
 *   goDuration(2345)    // '2.345s'
 *   goDuration(80_000)  // '1m20s'
 *   goDuration(812)     // '812ms'
 */
export function goDuration(ms: number): string {
  const neg = ms < 0
  let rest = Math.abs(ms)
  if (rest === 0) return '0s'
  let out: string
  if (rest < 1000) {
    // Under a second Go picks the largest unit that keeps the integer part non-zero.
    out = trimFraction(rest) + 'ms'
    if (rest < 1) out = trimFraction(rest * 1000) + 'µs'
  } else {
    const h = Math.floor(rest / 3_600_000)
    rest -= h * 3_600_000
    const m = Math.floor(rest / 60_000)
    rest -= m * 60_000
    const s = trimFraction(rest / 1000)
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`
  }
  return neg ? '-' + out : out
}

/** Go prints the fraction with trailing zeros removed (at most 9 digits; we keep millisecond precision). */
function trimFraction(v: number): string {
  const fixed = v.toFixed(3)
  return fixed.replace(/\.?0+$/, '')
}
