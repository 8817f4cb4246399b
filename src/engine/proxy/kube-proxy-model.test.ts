import { describe, expect, it } from 'vitest'
import type { KObject } from '../api/types'
import { mergeEndpoints, servicePortsOf, sliceEndpoints } from './kube-proxy-model'

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec, status })

describe('servicePortsOf', () => {
  it.each([
    ['ExternalName', { type: 'ExternalName', externalName: 'example.com' }],
    ['headless', { type: 'ClusterIP', clusterIP: 'None', ports: [{ port: 80 }] }],
    ['no ClusterIP yet', { type: 'ClusterIP', ports: [{ port: 80 }] }],
  ])('skips %s Services (ShouldSkipService)', (_name, spec) => {
    expect(servicePortsOf(svc(spec))).toEqual([])
  })

  it('one entry per port, with the policies, affinity timeout and node port', () => {
    const ports = servicePortsOf(svc({
      type: 'NodePort', clusterIP: '10.96.45.12', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Cluster',
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }],
    }))
    expect(ports.map((p) => [p.portName, p.protocol, p.port, p.nodePort, p.targetPort])).toEqual([['http', 'TCP', 80, 30080, 8080], ['dns', 'UDP', 53, undefined, 53]])
    expect(ports[0]).toMatchObject({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60, externalTrafficPolicy: 'Local', type: 'NodePort' })
  })

  it('LoadBalancer: ingress IPs in VIP mode only (ipMode Proxy is left to the cloud LB), and the source ranges', () => {
    const [p] = servicePortsOf(svc(
      { type: 'LoadBalancer', clusterIP: '10.96.0.20', ports: [{ port: 80, nodePort: 31000 }], loadBalancerSourceRanges: [' 10.0.0.0/8 '], healthCheckNodePort: 32001 },
      { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }, { ip: '172.18.255.201', ipMode: 'Proxy' }, { hostname: 'lb.example' }] } },
    ))
    expect(p.loadBalancerIPs).toEqual(['172.18.255.200'])
    expect(p.loadBalancerSourceRanges).toEqual(['10.0.0.0/8'])
    expect(p.healthCheckNodePort).toBe(32001)
  })
})

describe('sliceEndpoints', () => {
  const slice = (endpoints: unknown[], extra: Record<string, unknown> = {}): KObject => ({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: 'web-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints, ...extra,
  })

  it.each([
    [{}, { ready: true, serving: true, terminating: false }],
    [{ ready: false }, { ready: false, serving: false, terminating: false }],
    [{ ready: false, serving: true, terminating: true }, { ready: false, serving: true, terminating: true }],
    [{ ready: true, terminating: false }, { ready: true, serving: true, terminating: false }],
  ])('conditions %j → %j (nil ready is ready, nil serving follows ready)', (conditions, want) => {
    const [[spn, ep]] = sliceEndpoints(slice([{ addresses: ['10.244.1.5'], nodeName: 'node-1', conditions }]))
    expect(spn).toBe('default/web:http')
    expect(ep).toEqual({ ip: '10.244.1.5', port: 8080, nodeName: 'node-1', ...want })
  })

  it('ignores slices of another address family and slices without the service-name label', () => {
    expect(sliceEndpoints(slice([{ addresses: ['fd00::1'] }], { addressType: 'IPv6' }))).toEqual([])
    expect(sliceEndpoints({ ...slice([{ addresses: ['10.0.0.1'] }]), metadata: { name: 'x', namespace: 'default' } })).toEqual([])
  })

  it('merging slices keeps one endpoint per ip:port', () => {
    const a = sliceEndpoints(slice([{ addresses: ['10.244.1.5'], nodeName: 'node-1' }]))
    const b = sliceEndpoints(slice([{ addresses: ['10.244.1.5'], nodeName: 'node-1' }, { addresses: ['10.244.2.7'], nodeName: 'node-2' }]))
    expect(mergeEndpoints([a, b])['default/web:http'].map((e) => e.ip)).toEqual(['10.244.1.5', '10.244.2.7'])
  })
})
