import { describe, expect, it } from 'vitest'
import { Clock } from './clock'
import { Rng, randomString } from './rng'

describe('virtual clock', () => {
  it('runs tasks in time order, ties in scheduling order', () => {
    const c = new Clock()
    const log: string[] = []
    c.after(20, () => log.push('b'))
    c.after(10, () => log.push('a'))
    c.after(20, () => log.push('c'))
    c.advance(15)
    expect(log).toEqual(['a'])
    expect(c.now()).toBe(15)
    c.advance(5)
    expect(log).toEqual(['a', 'b', 'c'])
  })

  it('runs work scheduled by work, when due', () => {
    const c = new Clock()
    const log: number[] = []
    c.after(10, () => {
      log.push(c.now())
      c.after(10, () => log.push(c.now()))
    })
    c.advance(100)
    expect(log).toEqual([10, 20])
  })

  it('settles when only background work remains', () => {
    const c = new Clock()
    let beats = 0
    const beat = () => {
      beats++
      c.after(1000, beat, { background: true })
    }
    c.after(1000, beat, { background: true })
    c.after(2500, () => {})
    expect(c.settle()).toBe(2500)
    expect(beats).toBe(2)
  })

  it('cancelled tasks never run', () => {
    const c = new Clock()
    let ran = false
    const t = c.after(10, () => (ran = true))
    c.cancel(t)
    c.advance(20)
    expect(ran).toBe(false)
    expect(c.pendingForeground()).toBe(0)
  })

  it('writes RFC 3339 timestamps at one-second precision', () => {
    const c = new Clock()
    c.advance(61_500)
    expect(c.timestamp()).toBe('2026-01-01T00:01:01Z')
    expect(c.parse('2026-01-01T00:01:01Z')).toBe(61_000)
  })
})

describe('seeded rng', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    const xs = Array.from({ length: 5 }, () => a.intn(1000))
    expect(Array.from({ length: 5 }, () => b.intn(1000))).toEqual(xs)
    expect(new Rng(43).intn(1_000_000)).not.toBe(new Rng(42).intn(1_000_000))
  })

  it('generates names from apimachinery alphabet (no vowels, no 0 1 3)', () => {
    const r = new Rng(7)
    const s = Array.from({ length: 200 }, () => randomString(r, 5)).join('')
    expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/)
    expect(new Set(s).size).toBe(27)
  })

  it('state round-trips for snapshots', () => {
    const r = new Rng(9)
    r.next()
    const s = r.getState()
    const x = r.next()
    r.setState(s)
    expect(r.next()).toBe(x)
  })
})
