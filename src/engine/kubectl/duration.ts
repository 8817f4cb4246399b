import { utcDate } from '../clock'
/**
 * How kubectl prints ages and times. Ports of apimachinery `pkg/util/duration`
 * (`HumanDuration`, `ShortHumanDuration`) and Go's `time.RFC1123Z` layout.
 *
 * @example
 *   humanDuration(192_000) // '3m12s'
 *   humanDuration(2 * 86_400_000) // '2d'
 *   rfc1123z('2026-01-01T00:00:05Z') // 'Thu, 01 Jan 2026 00:00:05 +0000'
 */

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Go's int(float) conversion truncates toward zero. */
const trunc = (x: number) => Math.trunc(x)

/** `duration.HumanDuration`: ~2–3 significant figures (`5s`, `119s`, `3m12s`, `10m`, `4h5m`, `2d3h`, `400d`, `2y10d`). */
export function humanDuration(ms: number): string {
  // Allow a deviation of up to 2 s (excluded) for clock skew, as upstream does.
  const seconds = trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = trunc(ms / MINUTE)
  if (minutes < 10) {
    const s = trunc(ms / SECOND) % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = trunc(ms / HOUR)
  if (hours < 8) {
    const m = trunc(ms / MINUTE) % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365
    return dy === 0 ? `${trunc(hours / 24 / 365)}y` : `${trunc(hours / 24 / 365)}y${dy}d`
  }
  return `${trunc(hours / 24 / 365)}y`
}

/** `duration.ShortHumanDuration`: one unit (`5s`, `3m`, `4h`, `2d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = trunc(ms / MINUTE)
  if (minutes < 60) return `${minutes}m`
  const hours = trunc(ms / HOUR)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`
  return `${trunc(hours / 24 / 365)}y`
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad2 = (n: number) => String(n).padStart(2, '0')

/**
 * Go's `time.RFC1123Z` ("Mon, 02 Jan 2006 15:04:05 -0700") of an RFC 3339 timestamp, in UTC
 * as the API server writes it. A missing or unparsable time prints Go's zero time, as
 * `metav1.Time{}.Format` would.
 */
export function rfc1123z(ts: string | undefined | null): string {
  const ms = ts ? Date.parse(ts) : NaN
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const d = utcDate(ms)
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
}
