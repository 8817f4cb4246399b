import { describe, expect, it } from 'vitest'
import { age, formatClock, humanDuration } from './time'

describe('humanDuration (apimachinery util/duration)', () => {
  it.each([
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3_600_000, '3h'],
    [(3 * 60 + 20) * 60_000, '3h20m'],
    [47 * 3_600_000, '47h'],
    [50 * 3_600_000, '2d2h'],
    [-1_000, '<invalid>'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text))
})

describe('formatClock', () => {
  it.each([
    [0, '00:00:00.0'],
    [83_450, '00:01:23.4'],
    [3_600_000 + 61_000, '01:01:01.0'],
    [86_400_000 + 5_000, '1d 00:00:05.0'],
  ])('%d ms → %s', (ms, text) => expect(formatClock(ms)).toBe(text))
})

describe('age', () => {
  it('measures from the engine epoch', () => {
    expect(age('2026-01-01T00:00:10Z', 75_000)).toBe('65s')
    expect(age(undefined, 0)).toBe('<unknown>')
  })
})
