import { beforeEach, describe, expect, it } from 'vitest'
import type { KObject } from '../../api/types'
import { kubectlHarness, type Harness } from '../testing'
import { loadBalancerStatusString, makePortString, serviceExternalIP } from './service'

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec, status })

describe('makePortString (printers.go)', () => {
  it.each<[string, unknown[], string]>([
    ['one TCP port', [{ port: 80, protocol: 'TCP' }], '80/TCP'],
    ['a node port', [{ port: 80, nodePort: 31234, protocol: 'TCP' }], '80:31234/TCP'],
    ['kube-dns', [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' }], '53/UDP,53/TCP,9153/TCP'],
    ['none', [], ''],
  ])('%s', (_n, ports, want) => expect(makePortString(ports as never)).toBe(want))
})

describe('serviceExternalIP (getServiceExternalIP)', () => {
  const ing = (...ips: string[]) => ({ loadBalancer: { ingress: ips.map((ip) => (ip.includes('.') && /^\d/.test(ip) ? { ip } : { hostname: ip })) } })
  it.each<[string, KObject, boolean, string]>([
    ['ClusterIP', svc({ type: 'ClusterIP' }), false, '<none>'],
    ['ClusterIP with externalIPs', svc({ type: 'ClusterIP', externalIPs: ['1.2.3.4', '5.6.7.8'] }), false, '1.2.3.4,5.6.7.8'],
    ['NodePort', svc({ type: 'NodePort' }), false, '<none>'],
    ['LoadBalancer without an address yet', svc({ type: 'LoadBalancer' }), false, '<pending>'],
    ['LoadBalancer', svc({ type: 'LoadBalancer' }, ing('172.18.255.200')), false, '172.18.255.200'],
    ['LB addresses sorted, cut to 16 bytes', svc({ type: 'LoadBalancer' }, ing('172.18.255.201', '172.18.255.200')), false, '172.18.255.20...'],
    ['LB addresses, wide: whole', svc({ type: 'LoadBalancer' }, ing('172.18.255.201', '172.18.255.200')), true, '172.18.255.200,172.18.255.201'],
    ['LB hostname, then externalIPs', svc({ type: 'LoadBalancer', externalIPs: ['9.9.9.9'] }, ing('lb.example')), false, 'lb.example,9.9.9.9'],
    ['ExternalName', svc({ type: 'ExternalName', externalName: 'db.example.com' }), false, 'db.example.com'],
    ['unknown type', svc({ type: 'Weird' }), false, '<unknown>'],
  ])('%s', (_n, s, wide, want) => expect(serviceExternalIP(s, wide)).toBe(want))

  it('de-duplicates LB addresses (a sets.String)', () => {
    expect(loadBalancerStatusString(svc({}, ing('10.0.0.1', '10.0.0.1')), true)).toBe('10.0.0.1')
  })
})

describe('kubectl get services', () => {
  let h: Harness
  const create = (yaml: string) => expect(h.k('apply -f -', yaml).code).toBe(0)
  beforeEach(() => {
    h = kubectlHarness()
    create(`apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  clusterIP: 10.96.0.20
  selector:
    app: web
    tier: front
  ports:
  - port: 80
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
---
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: db.example.com
---
apiVersion: v1
kind: Service
metadata:
  name: lb
spec:
  type: LoadBalancer
  clusterIP: 10.96.0.21
  selector:
    app: web
  ports:
  - name: http
    port: 80
    nodePort: 30081
  - name: dns
    port: 53
    protocol: UDP
    nodePort: 30082
`)
    h.advance(125_000)
  })

  it('prints TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S) as kubectl does; <pending> until the LB has an address', () => {
    expect(h.k('get svc')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                     AGE',
        'db     ClusterIP      None         <none>           <none>                      2m5s',
        'ext    ExternalName   <none>       db.example.com   <none>                      2m5s',
        'lb     LoadBalancer   10.96.0.21   <pending>        80:30081/TCP,53:30082/UDP   2m5s',
        'web    NodePort       10.96.0.20   <none>           80:30080/TCP                2m5s',
        '',
      ].join('\n'),
    })
  })

  it('-o wide adds SELECTOR; the LB address appears once status has one', () => {
    const lb = h.ctx.api.get('services', 'default', 'lb')
    h.ctx.api.update('services', { ...lb, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } } }, { actor: 'test', subresource: 'status' })
    expect(h.k('get svc lb web -o wide').stdout).toBe(
      [
        'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                     AGE    SELECTOR',
        'lb     LoadBalancer   10.96.0.21   172.18.255.200   80:30081/TCP,53:30082/UDP   2m5s   app=web',
        'web    NodePort       10.96.0.20   <none>           80:30080/TCP                2m5s   app=web,tier=front',
        '',
      ].join('\n'),
    )
  })
})
