import { describe, expect, it } from 'vitest'
import type { KObject } from '../api/types'
import { DnsIndex, formatResolvConf, resolve, resolvConf, type ResolvConf } from './dns'
import { nslookup } from './nslookup'
import { EndpointSliceController } from '../controllers/endpointslice'
import { node, runningPod, service, servicesContext } from './fixtures'

const svc = (name: string, ns: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec })
const slice = (svcName: string, ns: string, endpoints: unknown[], ports: unknown[] = [{ name: 'http', port: 8080, protocol: 'TCP' }]): KObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${svcName}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': svcName } },
  addressType: 'IPv4',
  endpoints,
  ports,
})
const ep = (ip: string, ready: boolean | undefined, hostname?: string) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready }, ...(hostname ? { hostname } : {}) })

const dns = new DnsIndex({
  services: [
    svc('web', 'default', { type: 'ClusterIP', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }] }),
    svc('db', 'default', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }),
    svc('empty', 'default', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }] }),
    svc('ext', 'default', { type: 'ExternalName', externalName: 'example.com' }),
    svc('alias', 'default', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }),
    svc('kube-dns', 'kube-system', { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
  ],
  slices: [
    slice('web', 'default', [ep('10.244.1.5', true)]),
    slice('db', 'default', [ep('10.244.1.7', true, 'db-0'), ep('10.244.2.8', undefined, 'db-1'), ep('10.244.3.9', false, 'db-2')], [{ name: 'pg', port: 5432, protocol: 'TCP' }]),
    slice('empty', 'default', [ep('10.244.1.9', false)]),
  ],
  external: { 'example.com': ['93.184.215.14'] },
})

const conf = (ns = 'default'): ResolvConf => resolvConf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: ns }, spec: { containers: [] } })
const answers = (name: string, q: Parameters<DnsIndex['lookup']>[1] = 'A') => {
  const r = dns.lookup(name, q)
  return r.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : r.records.map((x) => `${x.type} ${x.data}`)
}

describe('CoreDNS kubernetes plugin records (REFERENCE 8.7)', () => {
  it.each<[string, Parameters<DnsIndex['lookup']>[1], string | string[]]>([
    ['web.default.svc.cluster.local', 'A', ['A 10.96.12.34']],
    ['WEB.Default.SVC.cluster.local.', 'A', ['A 10.96.12.34']],
    ['web.default.svc.cluster.local', 'AAAA', []],
    ['nope.default.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['web.other.svc.cluster.local', 'A', 'NXDOMAIN'],
    // Headless: one A per ready endpoint (nil ready counts as ready), none for not-ready.
    ['db.default.svc.cluster.local', 'A', ['A 10.244.1.7', 'A 10.244.2.8']],
    ['db-0.db.default.svc.cluster.local', 'A', ['A 10.244.1.7']],
    ['db-2.db.default.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['empty.default.svc.cluster.local', 'A', 'NXDOMAIN'],
    // Endpoints of a normal Service are named by their dashed IP.
    ['10-244-1-5.web.default.svc.cluster.local', 'A', ['A 10.244.1.5']],
    // SRV only for named ports.
    ['_http._tcp.web.default.svc.cluster.local', 'SRV', ['SRV 0 100 80 web.default.svc.cluster.local.']],
    ['_pg._tcp.db.default.svc.cluster.local', 'SRV', ['SRV 0 50 5432 db-0.db.default.svc.cluster.local.', 'SRV 0 50 5432 db-1.db.default.svc.cluster.local.']],
    ['_http._udp.web.default.svc.cluster.local', 'SRV', 'NXDOMAIN'],
    ['_dns._udp.kube-dns.kube-system.svc.cluster.local', 'SRV', ['SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.']],
    // ExternalName: a CNAME.
    ['ext.default.svc.cluster.local', 'A', ['CNAME example.com.']],
    ['ext.default.svc.cluster.local', 'CNAME', ['CNAME example.com.']],
    // PTR for ClusterIPs and endpoints.
    ['34.12.96.10.in-addr.arpa', 'PTR', ['PTR web.default.svc.cluster.local.']],
    ['7.1.244.10.in-addr.arpa', 'PTR', ['PTR db-0.db.default.svc.cluster.local.']],
    ['9.9.9.9.in-addr.arpa', 'PTR', 'NXDOMAIN'],
    // Pods (`pods insecure`) and the schema version.
    ['10-244-1-5.default.pod.cluster.local', 'A', ['A 10.244.1.5']],
    ['10-244-1.default.pod.cluster.local', 'A', 'NXDOMAIN'],
    ['dns-version.cluster.local', 'TXT', ['TXT "1.1.0"']],
  ])('%s %s', (name, q, want) => {
    expect(answers(name, q)).toEqual(want)
  })
})

describe('search list and ndots (ClusterFirst resolv.conf)', () => {
  it('writes the pod resolv.conf as kubelet/containerd do', () => {
    expect(formatResolvConf(conf('shop'))).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    const hostNet = resolvConf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'h' }, spec: { hostNetwork: true, containers: [] } })
    expect(hostNet.nameservers).toEqual(['8.8.8.8'])
  })

  it('a short name tries the namespace first', () => {
    const r = resolve(dns, 'web', 'A', conf())
    expect(r.name).toBe('web.default.svc.cluster.local.')
    expect(r.tried).toEqual(['web.default.svc.cluster.local.'])
  })

  it('<svc>.<ns> resolves on the second suffix; another namespace needs the namespace in the name', () => {
    expect(resolve(dns, 'web.default', 'A', conf('shop')).tried).toEqual(['web.default.shop.svc.cluster.local.', 'web.default.svc.cluster.local.'])
    expect(resolve(dns, 'web', 'A', conf('shop')).rcode).toBe('NXDOMAIN')
  })

  it('fewer than 5 dots: every suffix before the name itself; a trailing dot skips the search', () => {
    const r = resolve(dns, 'example.com', 'A', conf())
    expect(r.tried).toEqual(['example.com.default.svc.cluster.local.', 'example.com.svc.cluster.local.', 'example.com.cluster.local.', 'example.com.'])
    expect(r.records.map((x) => x.data)).toEqual(['93.184.215.14'])
    expect(resolve(dns, 'example.com.', 'A', conf()).tried).toEqual(['example.com.'])
  })

  it('a CNAME is followed', () => {
    expect(resolve(dns, 'alias', 'A', conf()).records.map((x) => `${x.type} ${x.data}`)).toEqual(['CNAME web.default.svc.cluster.local.', 'A 10.96.12.34'])
  })
})

describe('nslookup output', () => {
  it('prints like BIND nslookup', () => {
    expect(nslookup(dns, 'web', conf()).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n')
  })

  it('NXDOMAIN exits 1', () => {
    const r = nslookup(dns, 'nope', conf())
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n")
  })

  it('headless: one Name/Address pair per ready endpoint; busybox style prints the port with a colon', () => {
    expect(nslookup(dns, 'db', conf(), 'busybox').stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tdb.default.svc.cluster.local\nAddress: 10.244.1.7\nName:\tdb.default.svc.cluster.local\nAddress: 10.244.2.8\n\n',
    )
  })

  it('ExternalName: canonical name, then the non-authoritative upstream answer', () => {
    expect(nslookup(dns, 'ext', conf()).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nNon-authoritative answer:\next.default.svc.cluster.local\tcanonical name = example.com.\nName:\texample.com\nAddress: 93.184.215.14\n\n',
    )
  })

  it('reverse lookup of an address', () => {
    expect(nslookup(dns, '10.96.0.10', conf()).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local.\n\n')
  })
})

describe('DNS over what the controllers wrote', () => {
  it('a headless Service publishes its ready pods, and drops one that turns unready', () => {
    const ctx = servicesContext()
    node(ctx, 'node-1')
    new EndpointSliceController(ctx).start()
    runningPod(ctx, 'db-0', { ip: '10.244.1.5', labels: { app: 'db' }, spec: { hostname: 'db-0', subdomain: 'db' } })
    runningPod(ctx, 'db-1', { ip: '10.244.1.6', labels: { app: 'db' }, spec: { hostname: 'db-1', subdomain: 'db' }, ready: false })
    ctx.api.create('services', service('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] }))
    ctx.clock.settle()
    const index = new DnsIndex({ services: ctx.api.list('services').items, slices: ctx.api.list('endpointslices').items })
    expect(index.lookup('db.default.svc.cluster.local', 'A').records.map((r) => r.data)).toEqual(['10.244.1.5'])
    expect(index.lookup('db-0.db.default.svc.cluster.local', 'A').records.map((r) => r.data)).toEqual(['10.244.1.5'])
    expect(index.lookup('db-1.db.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN')
  })
})
