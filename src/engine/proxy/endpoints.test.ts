import { describe, expect, it } from 'vitest'
import { categorizeEndpoints, endpointString, sortEndpoints } from './endpoints'
import { ep, webService } from './fixtures'
import { externalPolicyLocal, proxiedServices, servicePortName, shouldSkipService, usesClusterEndpoints, usesLocalEndpoints } from './model'
import { proxyModel } from './fixtures'

const strs = (eps: { ip: string; port: number }[]): string[] => eps.map(endpointString)

describe('endpoint order (REFERENCE 8.6)', () => {
  it('sorts by the string ip:port, so .10 comes before .2', () => {
    expect(strs(sortEndpoints([ep('10.0.1.2', 80, 'n'), ep('10.0.1.10', 80, 'n'), ep('10.0.1.1', 8080, 'n'), ep('10.0.1.1', 443, 'n')])))
      .toEqual(['10.0.1.10:80', '10.0.1.1:443', '10.0.1.1:8080', '10.0.1.2:80'])
  })
  it('brackets IPv6 like net.JoinHostPort', () => {
    expect(endpointString({ ip: 'fd00::5', port: 8080 })).toBe('[fd00::5]:8080')
  })
})

describe('ServicePortName and skipping', () => {
  it.each([
    [{ portName: '' }, 'default/web'],
    [{ portName: 'http' }, 'default/web:http'],
  ])('%j → %s', (over, want) => expect(servicePortName(webService(over))).toBe(want))

  it.each([
    [{ headless: true, clusterIP: 'None' }, true],
    [{ clusterIP: '' }, true],
    [{ type: 'ExternalName' as const }, true],
    [{}, false],
  ])('shouldSkipService(%j) = %s', (over, want) => expect(shouldSkipService(webService(over))).toBe(want))

  it('proxiedServices drops skipped ones and sorts by name then protocol', () => {
    const m = proxyModel('node-1', [
      webService({ name: 'b' }), webService({ name: 'a', portName: 'dns', protocol: 'UDP' }),
      webService({ name: 'a', portName: 'dns', protocol: 'TCP' }), webService({ name: 'h', headless: true }),
    ], {})
    expect(proxiedServices(m).map((s) => `${servicePortName(s)}/${s.protocol}`)).toEqual(['default/a:dns/TCP', 'default/a:dns/UDP', 'default/b/TCP'])
  })
})

describe('traffic policy predicates (pkg/proxy/serviceport.go)', () => {
  it.each([
    // [overrides, usesCluster, usesLocal, externalPolicyLocal]
    [{}, true, false, false],
    [{ internalTrafficPolicy: 'Local' as const }, false, true, false],
    [{ type: 'NodePort' as const, nodePort: 30080, externalTrafficPolicy: 'Local' as const }, true, true, true],
    [{ type: 'NodePort' as const, nodePort: 30080, internalTrafficPolicy: 'Local' as const }, true, true, false],
    // eTP=Local on a plain ClusterIP service without external IPs is ignored.
    [{ externalTrafficPolicy: 'Local' as const }, true, false, false],
    [{ externalTrafficPolicy: 'Local' as const, externalIPs: ['203.0.113.7'] }, true, true, true],
  ])('%j', (over, cluster, local, epl) => {
    const s = webService(over)
    expect([usesClusterEndpoints(s), usesLocalEndpoints(s), externalPolicyLocal(s)]).toEqual([cluster, local, epl])
  })
})

describe('categorizeEndpoints (pkg/proxy/topology.go)', () => {
  const local = webService({ type: 'NodePort', nodePort: 30080, externalTrafficPolicy: 'Local' })

  it('Cluster policy: ready endpoints everywhere, no local list', () => {
    const r = categorizeEndpoints([ep('10.244.2.7', 80, 'node-2'), ep('10.244.1.5', 80, 'node-1'), ep('10.244.1.6', 80, 'node-1', 'not-ready')], webService(), 'node-1')
    expect(strs(r.cluster)).toEqual(['10.244.1.5:80', '10.244.2.7:80'])
    expect(r.local).toEqual([])
    expect(strs(r.allReachable)).toEqual(['10.244.1.5:80', '10.244.2.7:80'])
    expect(r.hasAnyEndpoints).toBe(true)
  })

  it('falls back to serving & terminating endpoints only when none is ready', () => {
    const eps = [ep('10.244.1.5', 80, 'node-1', 'terminating'), ep('10.244.2.7', 80, 'node-2', 'terminating-not-serving')]
    expect(strs(categorizeEndpoints(eps, webService(), 'node-1').cluster)).toEqual(['10.244.1.5:80'])
    const withReady = [...eps, ep('10.244.3.9', 80, 'node-3')]
    expect(strs(categorizeEndpoints(withReady, webService(), 'node-1').cluster)).toEqual(['10.244.3.9:80'])
  })

  it('no usable endpoint at all: hasAnyEndpoints is false', () => {
    const r = categorizeEndpoints([ep('10.244.1.5', 80, 'node-1', 'not-ready'), ep('10.244.1.6', 80, 'node-1', 'terminating-not-serving')], webService(), 'node-1')
    expect(r).toEqual({ cluster: [], local: [], allReachable: [], hasAnyEndpoints: false })
  })

  it('Local policy: local endpoints are the ones whose nodeName is this node', () => {
    const eps = [ep('10.244.1.5', 80, 'node-1'), ep('10.244.2.7', 80, 'node-2')]
    expect(strs(categorizeEndpoints(eps, local, 'node-1').local)).toEqual(['10.244.1.5:80'])
    expect(strs(categorizeEndpoints(eps, local, 'node-3').local)).toEqual([])
    expect(categorizeEndpoints(eps, local, 'node-3').hasAnyEndpoints).toBe(true)
  })

  it('Local policy falls back to local serving-terminating endpoints and merges them into allReachable', () => {
    const eps = [ep('10.244.1.5', 80, 'node-1', 'terminating'), ep('10.244.2.7', 80, 'node-2')]
    const r = categorizeEndpoints(eps, local, 'node-1')
    expect(strs(r.local)).toEqual(['10.244.1.5:80'])
    expect(strs(r.cluster)).toEqual(['10.244.2.7:80'])
    expect(strs(r.allReachable)).toEqual(['10.244.1.5:80', '10.244.2.7:80'])
  })

  it('iTP=Local without external access uses only local endpoints', () => {
    const s = webService({ internalTrafficPolicy: 'Local' })
    const r = categorizeEndpoints([ep('10.244.1.5', 80, 'node-1'), ep('10.244.2.7', 80, 'node-2')], s, 'node-2')
    expect(r.cluster).toEqual([])
    expect(strs(r.allReachable)).toEqual(['10.244.2.7:80'])
  })
})
