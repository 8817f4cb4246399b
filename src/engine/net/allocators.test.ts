import { describe, expect, it } from 'vitest'
import { Rng } from '../rng'
import { AllocationError, PortAllocator, ServiceIPAllocator } from './allocators'
import { cidrContains, parseIPv4 } from './addresses'

function error(fn: () => unknown): AllocationError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AllocationError) return e
    throw e
  }
  throw new Error('expected an AllocationError')
}

describe('ServiceIPAllocator (10.96.0.0/12)', () => {
  it('excludes the network and broadcast addresses; 256 static addresses', () => {
    const a = new ServiceIPAllocator('10.96.0.0/12')
    expect(a.max).toBe(2 ** 20 - 2)
    expect(a.offset).toBe(256)
    expect(error(() => a.allocate('10.96.0.0')).message).toBe('provided IP 10.96.0.0 is not in the valid range')
    expect(error(() => a.allocate('10.111.255.255')).reason).toBe('not-in-range')
    a.allocate('10.111.255.254')
    a.allocate('10.96.0.1')
  })

  it('dynamic addresses come from above 10.96.1.0 and follow the seed', () => {
    const pick = (seed: number) => {
      const a = new ServiceIPAllocator('10.96.0.0/12')
      const rng = new Rng(seed)
      return [a.allocateNext(rng), a.allocateNext(rng), a.allocateNext(rng)]
    }
    const ips = pick(42)
    expect(pick(42)).toEqual(ips)
    for (const ip of ips) {
      expect(cidrContains('10.96.0.0/12', ip)).toBe(true)
      expect(parseIPv4(ip)!).toBeGreaterThan(parseIPv4('10.96.1.0')!)
    }
  })

  it('already allocated, release and reuse', () => {
    const a = new ServiceIPAllocator('10.96.0.0/12')
    a.allocate('10.96.0.50')
    expect(error(() => a.allocate('10.96.0.50')).message).toBe('provided IP is already allocated')
    a.release('10.96.0.50')
    a.allocate('10.96.0.50')
    expect(a.items()).toEqual(['10.96.0.50'])
  })

  it('a full range says "range is full"; a small /28 has no static band', () => {
    const a = new ServiceIPAllocator('10.0.0.0/29')
    expect(a.offset).toBe(0)
    const rng = new Rng(1)
    const got = Array.from({ length: 6 }, () => a.allocateNext(rng)).sort()
    expect(got).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6'])
    expect(error(() => a.allocateNext(rng)).message).toBe('range is full')
  })
})

describe('PortAllocator (30000-32767)', () => {
  it('prints its range and checks bounds with upstream texts', () => {
    const p = new PortAllocator(30000, 2768)
    expect(p.rangeString()).toBe('30000-32767')
    expect(p.offset).toBe(86)
    expect(error(() => p.allocate(80)).message).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767')
    expect(error(() => p.allocate(32768)).reason).toBe('not-in-range')
    p.allocate(32767)
    p.allocate(30080)
    expect(error(() => p.allocate(30080)).message).toBe('provided port is already allocated')
  })

  it('dynamic ports avoid the static band 30000–30085 and are reproducible', () => {
    const run = () => {
      const p = new PortAllocator(30000, 2768)
      const rng = new Rng(9)
      return Array.from({ length: 20 }, () => p.allocateNext(rng))
    }
    const ports = run()
    expect(run()).toEqual(ports)
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(30086)
    expect(new Set(ports).size).toBe(20)
  })
})
