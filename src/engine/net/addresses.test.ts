import { describe, expect, it } from 'vitest'
import { ADDRESS_PLAN, addressIndex, cidrContains, formatIPv4, nodeIP, nodePodCIDR, nthAddress, parseCidr, parseIPv4, reverseName } from './addresses'

describe('IPv4 helpers', () => {
  it.each([
    ['10.96.0.1', 0x0a600001],
    ['255.255.255.255', 0xffffffff],
    ['0.0.0.0', 0],
  ])('parseIPv4(%s)', (s, n) => {
    expect(parseIPv4(s)).toBe(n)
    expect(formatIPv4(n)).toBe(s)
  })

  it.each(['10.96.0', '10.96.0.256', '010.1.1.1', 'a.b.c.d', '1.2.3.4.5', ''])('rejects %j', (s) => {
    expect(parseIPv4(s)).toBeUndefined()
  })

  it('parses CIDRs, clearing host bits as net.ParseCIDR does', () => {
    expect(parseCidr('10.96.0.0/12')).toEqual({ base: 0x0a600000, bits: 12, size: 1 << 20 })
    expect(parseCidr('10.96.5.7/12')?.base).toBe(0x0a600000)
    expect(parseCidr('10.96.0.0')).toBeUndefined()
    expect(parseCidr('10.96.0.0/33')).toBeUndefined()
  })

  it.each([
    ['10.244.0.0/16', '10.244.3.7', true],
    ['10.244.0.0/16', '10.245.0.1', false],
    ['10.96.0.0/12', '10.111.255.254', true],
    ['10.96.0.0/12', '10.112.0.0', false],
    ['0.0.0.0/0', '8.8.8.8', true],
  ])('cidrContains(%s, %s) = %s', (c, ip, want) => {
    expect(cidrContains(c, ip)).toBe(want)
  })

  it('nth address and its inverse (GetIndexedIP)', () => {
    expect(nthAddress('10.96.0.0/12', 1)).toBe('10.96.0.1')
    expect(nthAddress('10.96.0.0/12', 10)).toBe('10.96.0.10')
    expect(nthAddress('10.96.0.0/12', 256)).toBe('10.96.1.0')
    expect(addressIndex('10.96.0.0/12', '10.96.1.0')).toBe(256)
    expect(() => nthAddress('10.0.0.0/24', 256)).toThrow()
  })

  it('reverse names for PTR', () => {
    expect(reverseName('10.96.0.10')).toBe('10.0.96.10.in-addr.arpa')
  })
})

describe('address plan (REFERENCE 8.1)', () => {
  it('kubeadm defaults', () => {
    expect(ADDRESS_PLAN.serviceCIDR).toBe('10.96.0.0/12')
    expect(ADDRESS_PLAN.kubernetesServiceIP).toBe(nthAddress(ADDRESS_PLAN.serviceCIDR, 1))
    expect(ADDRESS_PLAN.dnsServiceIP).toBe('10.96.0.10')
    expect(ADDRESS_PLAN.clusterDomain).toBe('cluster.local')
    expect(ADDRESS_PLAN.nodePortRange).toEqual({ base: 30000, size: 2768 })
  })

  it('one /24 per node inside 10.244.0.0/16, node IPs from .2, disjoint ranges', () => {
    expect(nodePodCIDR(1)).toBe('10.244.1.0/24')
    expect(nodePodCIDR(3)).toBe('10.244.3.0/24')
    expect(nodeIP(1)).toBe('172.18.0.2')
    expect(nodeIP(254)).toBe('172.18.0.255')
    expect(nodeIP(255)).toBe('172.18.1.0')
    expect(cidrContains(ADDRESS_PLAN.podCIDR, nodeIP(1))).toBe(false)
    expect(cidrContains(ADDRESS_PLAN.serviceCIDR, nodeIP(1))).toBe(false)
    expect(cidrContains(ADDRESS_PLAN.podCIDR, ADDRESS_PLAN.dnsServiceIP)).toBe(false)
  })
})
