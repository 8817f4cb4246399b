import { describe, expect, it } from 'vitest'
import {
  isServiceChainName, portProtoHash, serviceExternalChainName, serviceFirewallChainName, serviceLocalChainName,
  servicePortChainName, servicePortEndpointChainName,
} from './hash'

// REFERENCE 9.3 (verified against real clusters) and 9.7.
describe('chain-name hashing', () => {
  it.each([
    ['default/web', 'tcp', 'KUBE-SVC-LOLE4ISW44XBNF3G'],
    ['default/web:http', 'tcp', 'KUBE-SVC-CDGGSHYLG3RE2FKL'],
    // Seen in real clusters' iptables-save (the kubernetes and kube-dns services).
    ['default/kubernetes:https', 'tcp', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'udp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'KUBE-SVC-JD5MR3NA4I4DYORP'],
  ])('%s + %s → %s', (spn, proto, want) => {
    expect(servicePortChainName(spn, proto)).toBe(want)
  })

  it.each([
    ['10.244.1.5:8080', 'KUBE-SEP-XQWD6PXGZUTOOIVQ'],
    ['10.244.2.7:8080', 'KUBE-SEP-CBPCTALQVABL5M2H'],
  ])('endpoint %s → %s', (endpoint, want) => {
    expect(servicePortEndpointChainName('default/web', 'tcp', endpoint)).toBe(want)
  })

  it('SVC, SVL, EXT and FW share the same 16 characters', () => {
    const h = portProtoHash('default/web', 'tcp')
    expect(h).toBe('LOLE4ISW44XBNF3G')
    expect([serviceLocalChainName('default/web', 'tcp'), serviceExternalChainName('default/web', 'tcp'), serviceFirewallChainName('default/web', 'tcp')])
      .toEqual([`KUBE-SVL-${h}`, `KUBE-EXT-${h}`, `KUBE-FW-${h}`])
  })

  it('the protocol is part of the hash input', () => {
    expect(servicePortChainName('default/web', 'udp')).not.toBe(servicePortChainName('default/web', 'tcp'))
  })

  it('names stay within iptables 28-character limit and use the RFC 4648 alphabet', () => {
    const n = servicePortEndpointChainName('a-very-long-namespace-name/and-a-long-service:port', 'sctp', '[fd00::1]:65535')
    expect(n.length).toBeLessThanOrEqual(28)
    expect(n).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/)
  })

  it.each([['KUBE-SVC-X', true], ['KUBE-SEP-X', true], ['KUBE-FW-X', true], ['KUBE-SERVICES', false], ['KUBE-MARK-MASQ', false]])(
    'isServiceChainName(%s) = %s', (c, want) => expect(isServiceChainName(c)).toBe(want))
})
