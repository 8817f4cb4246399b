import { describe, expect, it } from 'vitest'
import { PodIPAllocator } from './pod-ips'

describe('PodIPAllocator', () => {
  it('gateway .1, pods from .2', () => {
    const a = new PodIPAllocator('10.244.1.0/24')
    expect(a.gateway()).toBe('10.244.1.1')
    expect([a.allocate('a'), a.allocate('b'), a.allocate('c')]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4'])
  })

  it('reuses freed addresses lowest-first', () => {
    const a = new PodIPAllocator('10.244.1.0/24')
    for (const o of ['a', 'b', 'c', 'd']) a.allocate(o)
    a.release('10.244.1.4')
    a.release('10.244.1.3')
    expect([a.allocate('e'), a.allocate('f'), a.allocate('g')]).toEqual(['10.244.1.3', '10.244.1.4', '10.244.1.6'])
  })

  it('never hands out the broadcast address; exhausts', () => {
    const a = new PodIPAllocator('10.0.0.0/29') // .2 … .6
    const got = [1, 2, 3, 4, 5, 6].map((i) => a.allocate(`p${i}`))
    expect(got).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', undefined])
    expect(a.rangeText()).toBe('10.0.0.1-10.0.0.6')
  })

  it('reserve (adoption) keeps lower addresses available', () => {
    const a = new PodIPAllocator('10.244.2.0/24')
    expect(a.reserve('10.244.2.5', 'x')).toBe(true)
    expect(a.reserve('10.244.2.5', 'y')).toBe(false)
    expect([a.allocate('a'), a.allocate('b'), a.allocate('c'), a.allocate('d'), a.allocate('e')]).toEqual([
      '10.244.2.2',
      '10.244.2.3',
      '10.244.2.4',
      '10.244.2.6',
      '10.244.2.7',
    ])
  })
})
