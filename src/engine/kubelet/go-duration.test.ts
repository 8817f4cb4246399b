import { describe, expect, it } from 'vitest'
import { goDuration } from './go-duration'

describe('goDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [812, '812ms'],
    [1000, '1s'],
    [2345, '2.345s'],
    [2300, '2.3s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [3_725_500, '1h2m5.5s'],
  ])('%d ms → %s', (ms, want) => expect(goDuration(ms)).toBe(want))
})
