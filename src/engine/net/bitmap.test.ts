import { describe, expect, it } from 'vitest'
import { Rng } from '../rng'
import { BandedBitmap, nodePortRangeOffset, serviceIPRangeOffset } from './bitmap'

describe('KEP-3070 / KEP-3668 band offsets', () => {
  it.each([
    // cidrSize counts every address of the CIDR
    [2 ** 20, 256], // /12: static band 10.96.0.1–10.96.1.0
    [2 ** 16, 256], // /16 would be 4096, capped at 256
    [2 ** 12, 256], // /20
    [2 ** 8, 16], // /24: 256/16
    [2 ** 7, 16], // /25: 8, raised to the minimum 16
    [16, 0], // /28: too small to split
    [8, 0],
  ])('ClusterIP: cidrSize %i → offset %i', (size, want) => {
    expect(serviceIPRangeOffset(size)).toBe(want)
  })

  it.each([
    [2768, 86], // the default 30000-32767: static band 30000–30085
    [10000, 128], // capped
    [100, 16], // 3, raised to 16
    [16, 0],
  ])('NodePort: size %i → offset %i', (size, want) => {
    expect(nodePortRangeOffset(size)).toBe(want)
  })
})

describe('BandedBitmap (randomScanStrategyWithOffset)', () => {
  it('hands out the upper band first, from a random start, scanning forward', () => {
    const b = new BandedBitmap(100, 10)
    const got = Array.from({ length: 90 }, () => b.allocateNext(new Rng(7))!)
    expect(new Set(got).size).toBe(90)
    expect(Math.min(...got)).toBe(10)
    // The same seed always starts at the same offset, then scans forward with wrap-around.
    const first = new BandedBitmap(100, 10).allocateNext(new Rng(7))!
    expect(got[0]).toBe(first)
    expect(got[1]).toBe(first + 1 === 100 ? 10 : first + 1)
  })

  it('falls back to the static band only when the upper band is full', () => {
    const b = new BandedBitmap(20, 5)
    const rng = new Rng(3)
    for (let i = 0; i < 15; i++) expect(b.allocateNext(rng)).toBeGreaterThanOrEqual(5)
    const low = b.allocateNext(rng)!
    expect(low).toBeLessThan(5)
    for (let i = 0; i < 4; i++) b.allocateNext(rng)
    expect(b.allocateNext(rng)).toBeUndefined()
    expect(b.free()).toBe(0)
  })

  it('allocate/release/reuse; static allocation refuses taken and out-of-range items', () => {
    const b = new BandedBitmap(10, 0)
    expect(b.allocate(3)).toBe(true)
    expect(b.allocate(3)).toBe(false)
    expect(b.allocate(10)).toBe(false)
    b.release(3)
    b.release(7) // releasing a free item is a no-op
    expect(b.allocate(3)).toBe(true)
    expect(b.items()).toEqual([3])
  })

  it('is deterministic per seed and differs between seeds', () => {
    const run = (seed: number) => {
      const b = new BandedBitmap(2768, 86)
      const rng = new Rng(seed)
      return Array.from({ length: 5 }, () => b.allocateNext(rng))
    }
    expect(run(1)).toEqual(run(1))
    expect(run(1)).not.toEqual(run(2))
    for (const v of run(1)) expect(v).toBeGreaterThanOrEqual(86)
  })
})
