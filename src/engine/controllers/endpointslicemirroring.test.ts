import { describe, expect, it } from 'vitest'
import { EndpointSliceMirroringController } from './endpointslicemirroring'
import { list, service, servicesContext } from '../net/fixtures'
import { ensureKubernetesService } from '../net/system-services'

function setup() {
  const ctx = servicesContext()
  new EndpointSliceMirroringController(ctx).start()
  return ctx
}

const mirrored = (ctx: ReturnType<typeof setup>) =>
  list(ctx, 'endpointslices').filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslicemirroring-controller.k8s.io')

describe('EndpointSlice mirroring', () => {
  it('mirrors hand-written Endpoints of a selector-less Service', () => {
    const ctx = setup()
    ctx.api.create('services', service('db', { selector: undefined, ports: [{ port: 5432 }] }))
    const ep = ctx.api.create('endpoints', {
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' },
      subsets: [{ addresses: [{ ip: '192.168.1.20' }], notReadyAddresses: [{ ip: '192.168.1.21' }], ports: [{ port: 5432 }] }],
    })
    ctx.clock.settle()
    const [s] = mirrored(ctx)
    expect(s.metadata.name).toMatch(/^db-[a-z0-9]{5}$/)
    expect(s.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' })
    expect(s.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Endpoints', name: 'db', uid: ep.metadata.uid })
    expect(s.endpoints).toEqual([
      { addresses: ['192.168.1.20'], conditions: { ready: true } },
      { addresses: ['192.168.1.21'], conditions: { ready: false } },
    ])
    expect(s.ports).toEqual([{ name: '', port: 5432, protocol: 'TCP' }])
  })

  it('follows edits, and stops when the Service gets a selector', () => {
    const ctx = setup()
    ctx.api.create('services', service('db', { selector: undefined, ports: [{ port: 5432 }] }))
    ctx.api.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' }, subsets: [{ addresses: [{ ip: '192.168.1.20' }], ports: [{ port: 5432 }] }] })
    ctx.clock.settle()
    const ep = ctx.api.get('endpoints', 'default', 'db')
    ctx.api.update('endpoints', { ...ep, subsets: [{ addresses: [{ ip: '192.168.1.30' }], ports: [{ port: 5432 }] }] })
    ctx.clock.settle()
    expect(mirrored(ctx).map((s) => s.endpoints[0].addresses[0])).toEqual(['192.168.1.30'])
    const svc = ctx.api.get('services', 'default', 'db')
    ctx.api.update('services', { ...svc, spec: { ...svc.spec, selector: { app: 'db' } } })
    ctx.clock.settle()
    expect(mirrored(ctx)).toEqual([])
  })

  it('skips Endpoints marked skip-mirror (the kubernetes Service)', () => {
    const ctx = setup()
    ensureKubernetesService(ctx.api)
    ctx.clock.settle()
    expect(mirrored(ctx)).toEqual([])
  })
})
