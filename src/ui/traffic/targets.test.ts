import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { defaultTarget, endpointPods, parseSourceKey, serviceOfUrl, sourceKey, targetGroups } from './targets'

const node = (name: string, ip: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `n-${name}` }, status: { addresses: [{ type: 'InternalIP', address: ip }] } })
const pod = (name: string, ip: string, port?: number): KObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `p-${name}` },
  spec: { containers: [{ name: 'c', ...(port ? { ports: [{ containerPort: port }] } : {}) }] }, status: { phase: 'Running', podIP: ip },
})
const web: KObject = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 's-web' },
  spec: { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }] }, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } },
}
const kubernetes: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', uid: 's-k' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 443 }] } }
const slice: KObject = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-x', namespace: 'default', uid: 'sl', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: [{ addresses: ['10.244.1.2'], targetRef: { kind: 'Pod', name: 'web-1' } }] }
const all = [node('node-1', '172.18.0.2'), node('node-2', '172.18.0.3'), pod('web-1', '10.244.1.2', 80), pod('client', '10.244.2.2'), kubernetes, web, slice]

describe('targetGroups', () => {
  it('offers from outside only what is reachable from outside: NodePorts on every node and the LB IP', () => {
    const g = targetGroups(all, { from: 'external' })
    expect(g.map((x) => x.service)).toEqual(['default/web'])
    expect(g[0].options.map((o) => [o.kind, o.url])).toEqual([
      ['nodePort', 'http://172.18.0.2:31234/'],
      ['nodePort', 'http://172.18.0.3:31234/'],
      ['lb', 'http://172.18.255.200/'],
    ])
    expect(defaultTarget(g)).toBe('http://172.18.0.2:31234/')
  })

  it('offers a pod the DNS name and the ClusterIP first, user Services before system ones, and pod IPs', () => {
    const g = targetGroups(all, { from: 'pod', namespace: 'default', pod: 'client' })
    expect(g.map((x) => x.service)).toEqual(['default/web', 'default/kubernetes', ''])
    expect(g[0].options.slice(0, 2).map((o) => [o.kind, o.url])).toEqual([
      ['dns', 'http://web/'],
      ['clusterIP', 'http://10.96.0.12/'],
    ])
    expect(g[1].options[0].url).toBe('http://kubernetes:443/')
    expect(g[2].options.map((o) => o.url)).toEqual(['http://10.244.1.2/'])
    expect(serviceOfUrl(g, 'http://10.96.0.12/')).toBe('default/web')
  })

  it('finds the pods behind a Service from its EndpointSlices', () => {
    expect(endpointPods(all, 'default/web')).toEqual(['default/web-1'])
  })

  it('round-trips sources through their select keys', () => {
    for (const s of [{ from: 'external' }, { from: 'node', node: 'node-2' }, { from: 'pod', namespace: 'ns', pod: 'p' }] as const) expect(parseSourceKey(sourceKey(s))).toEqual(s)
  })
})
