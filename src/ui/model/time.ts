/**
 * Time as people read it: the virtual clock (`00:01:23.4`) and ages the way kubectl prints
 * them (`HumanDuration` in k8s.io/apimachinery/pkg/util/duration: `45s`, `2m5s`, `15m`, `3h`).
 */

/** The engine's epoch: virtual time 0 is 2026-01-01T00:00:00Z (src/engine/clock.ts). */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0)

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** `HH:MM:SS.t` of virtual time; past a day, `1d 02:03:04.5`. */
export function formatClock(ms: number): string {
  const tenths = Math.floor(ms / 100) % 10
  const s = Math.floor(ms / 1000)
  const days = Math.floor(s / 86_400)
  const hms = `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${tenths}`
  return days ? `${days}d ${hms}` : hms
}

/** Virtual ms for an RFC 3339 timestamp the engine wrote. */
export function parseTimestamp(ts: string | undefined): number | undefined {
  if (!ts) return undefined
  const t = Date.parse(ts)
  return Number.isNaN(t) ? undefined : t - VIRTUAL_EPOCH_MS
}

/** apimachinery's HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < 0) return '<invalid>'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`
  }
  return `${Math.floor(hours / 24 / 365)}y`
}

/** Age of something stamped `ts`, at virtual time `now`. */
export function age(ts: string | undefined, now: number): string {
  const t = parseTimestamp(ts)
  return t === undefined ? '<unknown>' : humanDuration(now - t)
}
