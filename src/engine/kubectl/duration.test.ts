import { describe, expect, it } from 'vitest'
import { humanDuration, rfc1123z, shortHumanDuration } from './duration'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-3 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 12 * s, '3m12s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [4 * h + 5 * m, '4h5m'],
    [8 * h + 5 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d + 3 * h, '8d'],
    [400 * d, '400d'],
    [365 * 2 * d + 10 * d, '2y10d'],
    [365 * 9 * d, '9y'],
  ])('%d ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want))
})

describe('shortHumanDuration', () => {
  it.each([
    [59 * s, '59s'],
    [61 * s, '1m'],
    [59 * m, '59m'],
    [23 * h, '23h'],
    [3 * d, '3d'],
    [366 * d, '1y'],
  ])('%d ms → %s', (ms, want) => expect(shortHumanDuration(ms)).toBe(want))
})

describe('rfc1123z', () => {
  it('formats like Go time.RFC1123Z in UTC', () => {
    expect(rfc1123z('2026-01-01T00:00:05Z')).toBe('Thu, 01 Jan 2026 00:00:05 +0000')
    expect(rfc1123z('2026-03-09T14:07:00Z')).toBe('Mon, 09 Mar 2026 14:07:00 +0000')
  })
  it('prints the Go zero time for a missing timestamp', () => {
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000')
  })
})
