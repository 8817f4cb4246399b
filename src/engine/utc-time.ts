/**
 * Calendar fields of a given instant in UTC, computed with Howard Hinnant's
 * `civil_from_days` — so the engine formats virtual time (RFC 3339, HTTP dates, kubectl's
 * describe times) without ever constructing a host Date. The getters mirror Date's UTC ones;
 * `utc-time.test.ts` checks them against Date for a table of instants.
 *
 * @example new UtcTime(Date.UTC(2026, 0, 1)).toISOString() // '2026-01-01T00:00:00.000Z'
 */
const DAY_MS = 86_400_000
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export class UtcTime {
  private readonly year: number
  private readonly month: number
  private readonly day: number
  private readonly weekday: number
  private readonly msOfDay: number

  constructor(readonly unixMs: number) {
    const days = Math.floor(unixMs / DAY_MS)
    this.msOfDay = unixMs - days * DAY_MS
    // civil_from_days (http://howardhinnant.github.io/date_algorithms.html)
    const z = days + 719_468
    const era = Math.floor(z / 146_097)
    const doe = z - era * 146_097
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
    const mp = Math.floor((5 * doy + 2) / 153)
    this.day = doy - Math.floor((153 * mp + 2) / 5) + 1
    this.month = mp < 10 ? mp + 2 : mp - 10
    this.year = yoe + era * 400 + (this.month <= 1 ? 1 : 0)
    this.weekday = (((days + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday
  }

  getUTCFullYear(): number {
    return this.year
  }
  /** 0-based, like Date. */
  getUTCMonth(): number {
    return this.month
  }
  getUTCDate(): number {
    return this.day
  }
  /** 0 = Sunday, like Date. */
  getUTCDay(): number {
    return this.weekday
  }
  getUTCHours(): number {
    return Math.floor(this.msOfDay / 3_600_000)
  }
  getUTCMinutes(): number {
    return Math.floor(this.msOfDay / 60_000) % 60
  }
  getUTCSeconds(): number {
    return Math.floor(this.msOfDay / 1000) % 60
  }
  getUTCMilliseconds(): number {
    return this.msOfDay % 1000
  }

  /** `2026-01-01T00:00:05.000Z`, as Date's. */
  toISOString(): string {
    return `${pad(this.year, 4)}-${pad(this.month + 1)}-${pad(this.day)}T${this.clock()}.${pad(this.getUTCMilliseconds(), 3)}Z`
  }

  /** RFC 7231 / Date's `toUTCString`: `Thu, 01 Jan 2026 00:00:05 GMT`. */
  toUTCString(): string {
    return `${WEEKDAYS[this.weekday]}, ${pad(this.day)} ${MONTHS[this.month]} ${pad(this.year, 4)} ${this.clock()} GMT`
  }

  private clock(): string {
    return `${pad(this.getUTCHours())}:${pad(this.getUTCMinutes())}:${pad(this.getUTCSeconds())}`
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
