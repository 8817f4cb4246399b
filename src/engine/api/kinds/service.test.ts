import { describe, expect, it } from 'vitest'
import { testContext } from '../../testing/context'
import { ApiError } from '../../apiserver/errors'
import { fieldErrorString } from '../field-errors'
import type { KObject } from '../types'
import { newServiceKind } from './service'
import { parseIPv4 } from '../../net/addresses'

function ctx(seed = 1) {
  const c = testContext(seed)
  const kind = newServiceKind()
  c.api.registry.register(kind)
  return { ...c, kind }
}

const svc = (name: string, spec: Record<string, unknown> = {}, extra: Partial<KObject['metadata']> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, ...extra },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
})

function err(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

const causes = (e: ApiError) => e.causes.map(fieldErrorString)

describe('Service defaults (REFERENCE 1.4)', () => {
  it('ClusterIP Service: type, affinity, protocol, targetPort, policies, families, a dynamic ClusterIP', () => {
    const { api } = ctx()
    const s = api.create('services', svc('web', { ports: [{ port: 80 }] }))
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    })
    expect(s.spec.externalTrafficPolicy).toBeUndefined()
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP])
    // Dynamic addresses come from the upper band: above 10.96.1.0.
    expect(parseIPv4(s.spec.clusterIP)!).toBeGreaterThan(parseIPv4('10.96.1.0')!)
    expect(s.status).toEqual({ loadBalancer: {} })
  })

  it('ClientIP affinity gets the 10800 s timeout; None clears any config', () => {
    const { api } = ctx()
    expect(api.create('services', svc('a', { sessionAffinity: 'ClientIP' })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } })
  })

  it('NodePort: externalTrafficPolicy Cluster and one node port per service port from the dynamic band', () => {
    const { api } = ctx()
    const s = api.create('services', svc('np', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }))
    expect(s.spec.externalTrafficPolicy).toBe('Cluster')
    for (const p of s.spec.ports) {
      expect(p.nodePort).toBeGreaterThanOrEqual(30086)
      expect(p.nodePort).toBeLessThanOrEqual(32767)
    }
    expect(s.spec.ports[0].nodePort).not.toBe(s.spec.ports[1].nodePort)
  })

  it('53/TCP and 53/UDP share one node port (initNodePorts)', () => {
    const { api } = ctx()
    const s = api.create('services', svc('dns', { type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] }))
    expect(s.spec.ports[0].nodePort).toBe(s.spec.ports[1].nodePort)
  })

  it('LoadBalancer with eTP=Local: allocateLoadBalancerNodePorts and a healthCheckNodePort', () => {
    const { api } = ctx()
    const s = api.create('services', svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }))
    expect(s.spec.allocateLoadBalancerNodePorts).toBe(true)
    expect(s.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086)
    expect(s.spec.healthCheckNodePort).not.toBe(s.spec.ports[0].nodePort)
  })

  it('headless: no address; headless without selector defaults to RequireDualStack', () => {
    const { api } = ctx()
    expect(api.create('services', svc('h', { clusterIP: 'None' })).spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] })
    expect(api.create('services', svc('h2', { clusterIP: 'None', selector: undefined })).spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] })
  })

  it('ExternalName gets no address and no families', () => {
    const { api } = ctx()
    const s = api.create('services', svc('ext', { type: 'ExternalName', externalName: 'example.com', selector: undefined, ports: undefined }))
    expect(s.spec.clusterIP).toBeUndefined()
    expect(s.spec.ipFamilies).toBeUndefined()
    expect(s.spec.ipFamilyPolicy).toBeUndefined()
    expect(s.spec.internalTrafficPolicy).toBeUndefined()
  })
})

describe('allocation errors (storage/alloc.go texts)', () => {
  it('a taken ClusterIP', () => {
    const { api } = ctx()
    api.create('services', svc('a', { clusterIP: '10.96.0.50' }))
    const e = err(() => api.create('services', svc('b', { clusterIP: '10.96.0.50' })))
    expect(e.code).toBe(422)
    expect(e.causes[0]).toMatchObject({ field: 'spec.clusterIPs', value: ['10.96.0.50'], detail: 'failed to allocate IP 10.96.0.50: provided IP is already allocated' })
    expect(e.message).toMatch(/^Service "b" is invalid: spec\.clusterIPs: Invalid value: .*: failed to allocate IP 10\.96\.0\.50: provided IP is already allocated$/)
  })

  it('a ClusterIP outside the range', () => {
    const { api } = ctx()
    const e = err(() => api.create('services', svc('a', { clusterIP: '10.0.0.5' })))
    expect(e.causes[0].detail).toBe('failed to allocate IP 10.0.0.5: provided IP 10.0.0.5 is not in the valid range')
  })

  it('a node port out of range, and one already allocated', () => {
    const { api } = ctx()
    expect(causes(err(() => api.create('services', svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ])
    api.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))
    const e = err(() => api.create('services', svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })))
    expect(e.kubectlMessage()).toBe('The Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated')
  })

  it('the ClusterIP is immutable on update', () => {
    const { api } = ctx()
    const s = api.create('services', svc('a', { clusterIP: '10.96.0.50' }))
    const e = err(() => api.update('services', { ...s, spec: { ...s.spec, clusterIP: '10.96.0.51', clusterIPs: ['10.96.0.51'] } }))
    expect(e.causes.map((c) => [c.field, c.detail])).toEqual([['spec.clusterIPs[0]', 'may not change once set']])
    // Nothing leaked: .51 is still free.
    api.create('services', svc('b', { clusterIP: '10.96.0.51' }))
  })

  it('a failed create gives everything back (validation after allocation)', () => {
    const { api, kind } = ctx()
    err(() => api.create('services', svc('a', { type: 'NodePort', clusterIP: '10.96.0.60', ports: [{ port: 80, nodePort: 30001, protocol: 'XTP' }] })))
    expect(kind.allocators.ips.has('10.96.0.60')).toBe(false)
    expect(kind.allocators.ports.has(30001)).toBe(false)
  })

  it('dry run reserves nothing and shows the dummy values Kubernetes shows', () => {
    const { api, kind } = ctx()
    const s = api.create('services', svc('a', { type: 'NodePort' }), { dryRun: true })
    expect(s.spec.clusterIP).toBe('10.96.0.0')
    expect(s.spec.ports[0].nodePort).toBe(32769)
    expect(kind.allocators.ips.used() + kind.allocators.ports.used()).toBe(0)
  })
})

describe('release and reuse', () => {
  it('delete frees the ClusterIP and node ports', () => {
    const { api, kind } = ctx()
    api.create('services', svc('a', { type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30080 }] }))
    api.delete('services', 'default', 'a')
    expect(kind.allocators.ips.used()).toBe(0)
    expect(kind.allocators.ports.used()).toBe(0)
    api.create('services', svc('b', { type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30080 }] }))
  })

  it('NodePort → ClusterIP drops and frees the node ports; resubmitting the same YAML keeps them', () => {
    const { api, kind } = ctx()
    const s = api.create('services', svc('a', { type: 'NodePort' }))
    const np = s.spec.ports[0].nodePort
    // `kubectl replace` of the original file (no clusterIP, no nodePort): values are patched back in.
    const again = api.update('services', svc('a', { type: 'NodePort' }))
    expect(again.spec.ports[0].nodePort).toBe(np)
    expect(again.spec.clusterIP).toBe(s.spec.clusterIP)
    const c = api.update('services', { ...again, spec: { ...again.spec, type: 'ClusterIP' } })
    expect(c.spec.ports[0].nodePort).toBeUndefined()
    expect(c.spec.externalTrafficPolicy).toBeUndefined()
    expect(kind.allocators.ports.has(np)).toBe(false)
  })

  it('allocator state is rebuilt from stored Services (snapshot restore)', () => {
    const a = ctx()
    a.api.create('services', svc('a', { clusterIP: '10.96.0.50', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))
    // A fresh registry over the same store, as after restoreCluster.
    const kind = newServiceKind()
    a.api.registry.register(kind)
    expect(causes(err(() => a.api.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ])
    expect(kind.allocators.ips.has('10.96.0.50')).toBe(true)
  })

  it('the same seed allocates the same addresses', () => {
    const ips = (seed: number) => {
      const { api } = ctx(seed)
      return ['a', 'b', 'c'].map((n) => api.create('services', svc(n)).spec.clusterIP)
    }
    expect(ips(5)).toEqual(ips(5))
    expect(ips(5)).not.toEqual(ips(6))
  })
})

describe('validation texts (ValidateService)', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['ports required', { ports: [] }, ['spec.ports: Required value']],
    ['port range', { ports: [{ port: 0 }] }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['names when several ports', { ports: [{ port: 80 }, { port: 81 }] }, ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    ['duplicate port name', { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }, ['spec.ports[1].name: Duplicate value: "http"']],
    ['protocol', { ports: [{ port: 80, protocol: 'XTP' }] }, ['spec.ports[0].protocol: Unsupported value: "XTP": supported values: "SCTP", "TCP", "UDP"']],
    ['named targetPort', { ports: [{ port: 80, targetPort: 'HTTP' }] }, ['spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)']],
    ['nodePort on ClusterIP', { ports: [{ port: 80, nodePort: 30001 }] }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['type', { type: 'Foo' }, ['spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['ExternalName needs externalName', { type: 'ExternalName' }, ['spec.externalName: Required value']],
    ['None for NodePort', { type: 'NodePort', clusterIP: 'None' }, ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    ['eTP on ClusterIP', { externalTrafficPolicy: 'Local' }, ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']],
    ['affinity timeout', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }, ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400']],
    ['externalIPs', { externalIPs: ['127.0.0.1'] }, ['spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
  ])('%s', (_, spec, want) => {
    const { api } = ctx()
    expect(causes(err(() => api.create('services', svc('web', spec))))).toEqual(want)
  })

  it('DNS-1035 names: a Service name may not start with a digit', () => {
    const { api } = ctx()
    expect(causes(err(() => api.create('services', svc('1web'))))[0]).toMatch(/^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/)
  })

  it('duplicate (protocol, port) and (protocol, nodePort)', () => {
    const { api } = ctx()
    const e = err(() => api.create('services', svc('web', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30100 }, { name: 'b', port: 80, nodePort: 30100 }] })))
    expect(e.causes.map((c) => [c.type, c.field])).toEqual([
      ['FieldValueDuplicate', 'spec.ports[1].nodePort'],
      ['FieldValueDuplicate', 'spec.ports[1]'],
    ])
  })
})
