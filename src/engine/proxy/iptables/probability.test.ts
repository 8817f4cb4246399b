import { describe, expect, it } from 'vitest'
import { formatFixed, probabilityCascade, probabilityString, savedProbability, statisticMatches, statisticThreshold } from './probability'

describe('probability strings (REFERENCE 9.5)', () => {
  it.each([
    [1, '1.0000000000'], [2, '0.5000000000'], [3, '0.3333333333'], [4, '0.2500000000'], [5, '0.2000000000'],
    [6, '0.1666666667'], [7, '0.1428571429'], [9, '0.1111111111'], [11, '0.0909090909'], [1000, '0.0010000000'],
  ])('P(%i) = %s (Go %%0.10f)', (n, want) => expect(probabilityString(n)).toBe(want))

  it('rounds exact ties to even like Go, unlike toFixed', () => {
    // 1/2048 = 0.00048828125 exactly: Go keeps the even digit 2; toFixed would round up.
    expect(probabilityString(2048)).toBe('0.0004882812')
    expect((1 / 2048).toFixed(10)).toBe('0.0004882813')
    expect(formatFixed(0.125, 2)).toBe('0.12')
    expect(formatFixed(0.375, 2)).toBe('0.38')
  })

  it.each([
    ['0.5000000000', '0.50000000000'],
    ['0.3333333333', '0.33333333349'],
    ['0.2500000000', '0.25000000000'],
    ['0.2000000000', '0.20000000019'],
  ])('iptables-save shows %s as %s', (written, shown) => expect(savedProbability(written)).toBe(shown))

  it('the cascade is 1/n, 1/(n-1), …, 1/2 and the last rule is unconditional', () => {
    expect(probabilityCascade(1)).toEqual([])
    expect(probabilityCascade(4)).toEqual(['0.2500000000', '0.3333333333', '0.5000000000'])
  })

  it('the kernel threshold is lround(2^31 p)', () => {
    expect(statisticThreshold('0.5000000000')).toBe(1073741824)
    expect(statisticThreshold('0.3333333333')).toBe(715827883)
  })

  it('statistic matches when the 31-bit draw is below the threshold', () => {
    expect(statisticMatches('0.5000000000', () => 0.4999999)).toBe(true)
    expect(statisticMatches('0.5000000000', () => 0.5)).toBe(false)
    expect(statisticMatches('1.0000000000', () => 0.9999999999)).toBe(true)
  })

  it('the cascade gives every endpoint 1/n overall', () => {
    const n = 5
    const cascade = probabilityCascade(n).map(Number)
    let remaining = 1
    const shares: number[] = []
    for (const p of cascade) { shares.push(remaining * p); remaining *= 1 - p }
    shares.push(remaining)
    for (const s of shares) expect(s).toBeCloseTo(1 / n, 9)
  })
})
