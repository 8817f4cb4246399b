import { describe, expect, it } from 'vitest'
import { ensureKubernetesService, kubeDnsService } from './system-services'
import { servicesContext } from './fixtures'
import { DnsIndex } from './dns'

describe('system Services', () => {
  it('kubernetes: 10.96.0.1:443 → <apiserver>:6443, created once', () => {
    const ctx = servicesContext()
    ensureKubernetesService(ctx.api)
    ensureKubernetesService(ctx.api)
    const svc = ctx.api.get('services', 'default', 'kubernetes')
    expect(svc.spec).toMatchObject({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], ipFamilyPolicy: 'SingleStack' })
    expect(svc.spec.selector).toBeUndefined()
    expect(ctx.api.get('endpoints', 'default', 'kubernetes').subsets).toEqual([{ addresses: [{ ip: '172.18.0.1' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }])
    expect(ctx.api.get('endpointslices', 'default', 'kubernetes').endpoints).toEqual([{ addresses: ['172.18.0.1'], conditions: { ready: true } }])
  })

  it('kube-dns takes 10.96.0.10 from the static band; dynamic Services never collide with it', () => {
    const ctx = servicesContext()
    ensureKubernetesService(ctx.api)
    const dns = ctx.api.create('services', kubeDnsService())
    expect(dns.spec.clusterIP).toBe('10.96.0.10')
    for (let i = 0; i < 50; i++) expect(ctx.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: { ports: [{ port: 80 }] } }).spec.clusterIP).not.toMatch(/^10\.96\.0\.(1|10)$/)
    const index = new DnsIndex({ services: ctx.api.list('services').items, slices: ctx.api.list('endpointslices').items })
    expect(index.lookup('kubernetes.default.svc.cluster.local', 'A').records[0].data).toBe('10.96.0.1')
    expect(index.lookup('_https._tcp.kubernetes.default.svc.cluster.local', 'SRV').records[0].data).toBe('0 100 443 kubernetes.default.svc.cluster.local.')
  })
})
