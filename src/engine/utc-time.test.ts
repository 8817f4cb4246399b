import { describe, expect, it } from 'vitest'
import { UtcTime } from './utc-time'

// The host Date is the reference here (tests may use it; the engine may not).
const instants = [
  0, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 0, 5, 250), Date.UTC(2024, 1, 29, 23, 59, 59, 999),
  Date.UTC(2000, 1, 29, 12), Date.UTC(2100, 2, 1), Date.UTC(1999, 11, 31, 23, 59, 59), Date.UTC(2026, 11, 27, 1, 2, 3),
]

describe('UtcTime matches the host Date', () => {
  it.each(instants.map((t) => [new Date(t).toISOString(), t]))('%s', (_iso, t) => {
    const d = new Date(t)
    const u = new UtcTime(t)
    expect(u.toISOString()).toBe(d.toISOString())
    expect(u.toUTCString()).toBe(d.toUTCString())
    expect([u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), u.getUTCDay(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds()]).toEqual([
      d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(),
    ])
  })

  it('agrees with Date for every day over four centuries (leap years included)', () => {
    for (let day = -50_000; day < 100_000; day += 37) {
      const t = day * 86_400_000 + 3_723_000
      expect(new UtcTime(t).toISOString()).toBe(new Date(t).toISOString())
    }
  })
})
