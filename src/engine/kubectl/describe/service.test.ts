import { beforeEach, describe, expect, it } from 'vitest'
import type { KObject } from '../../api/types'
import { EndpointsController } from '../../controllers/endpoints'
import { EndpointSliceController } from '../../controllers/endpointslice'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'
import { formatEndpointSlices } from './service'

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
  annotations:
    team: blue
spec:
  type: NodePort
  clusterIP: 10.96.0.20
  selector:
    app: web
    tier: front
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: lb
spec:
  type: LoadBalancer
  clusterIP: 10.96.0.21
  externalTrafficPolicy: Local
  healthCheckNodePort: 30090
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
    nodePort: 30081
---
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: db.example.com
`

let h: Harness

beforeEach(() => {
  h = kubectlHarness()
  for (const C of [EndpointsController, EndpointSliceController]) new C(h.ctx).start()
  addNode(h, 'node-1', '172.18.0.2')
  const ports = [{ name: 'http', containerPort: 8080 }]
  for (let i = 0; i < 4; i++) {
    addPod(h, `web-${i}`, { labels: i < 3 ? { app: 'web', tier: 'front' } : { app: 'web' }, node: 'node-1', containers: [{ name: 'web', image: 'nginx:1.27', ports }] })
    const st = runningStatus(`10.244.1.${i + 2}`, '172.18.0.2', h.at(0))
    if (i === 3) st.conditions = st.conditions!.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' as const } : c))
    setStatus(h, `web-${i}`, st)
  }
  expect(h.k('apply -f -', SERVICES).code).toBe(0)
  const lb = h.ctx.api.get('services', 'default', 'lb')
  h.ctx.api.update('services', { ...lb, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } } }, { actor: 'test', subresource: 'status' })
  h.ctx.events.record({ component: 'service-controller' }, lb, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer')
  h.ctx.clock.settle(10_000)
  h.advance(30_000)
})

describe('kubectl describe service', () => {
  it('NodePort: ports, target port, node port, ready endpoints from the EndpointSlices', () => {
    expect(h.k('describe svc web')).toEqual({
      code: 0,
      stderr: '',
      stdout: `Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              team: blue
Selector:                 app=web,tier=front
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.0.20
IPs:                      10.96.0.20
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.1.2:8080,10.244.1.3:8080,10.244.1.4:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
    })
  })

  // `+ 0 more...`: kubectl's formatEndpointSlices sets `more` when the list is full before it
  // skips a not-ready endpoint (web-3 here), so nothing more is counted. Reproduced as is.
  it('LoadBalancer: ingress with its ipMode, named target port, health check node port, events', () => {
    expect(h.k('describe svc lb').stdout).toBe(`Name:                     lb
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=web
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.0.21
IPs:                      10.96.0.21
LoadBalancer Ingress:     172.18.255.200 (VIP)
Port:                     http  80/TCP
TargetPort:               http/TCP
NodePort:                 http  30081/TCP
Endpoints:                10.244.1.2:8080,10.244.1.3:8080,10.244.1.4:8080 + 0 more...
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     30090
Events:
  Type    Reason                Age   From                Message
  ----    ------                ----  ----                -------
  Normal  EnsuringLoadBalancer  30s   service-controller  Ensuring load balancer
`)
  })

  it('ExternalName: no IP, the external name, no ports, no traffic policies', () => {
    expect(h.k('describe svc ext').stdout).toBe(`Name:              ext
Namespace:         default
Labels:            <none>
Annotations:       <none>
Selector:          <none>
Type:              ExternalName
IP Families:       <none>
IP:                
IPs:               <none>
External Name:     db.example.com
Session Affinity:  None
Events:            <none>
`)
  })
})

describe('kubectl describe endpoints / endpointslice', () => {
  it('endpoints: ready and not-ready addresses, the ports table, a blank line per subset', () => {
    const out = h.k('describe ep lb').stdout
    expect(out).toBe(`Name:         lb
Namespace:    default
Labels:       <none>
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:00Z
Subsets:
  Addresses:          10.244.1.2,10.244.1.3,10.244.1.4
  NotReadyAddresses:  10.244.1.5
  Ports:
    Name  Port  Protocol
    ----  ----  --------
    http  8080  TCP

Events:  <none>
`)
  })

  it('endpointslice: conditions, target refs, node names', () => {
    const name = h.ctx.api.list('endpointslices', 'default').items.find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'lb')!.metadata.name
    const out = h.k(`describe endpointslice ${name}`).stdout
    expect(out.split('\n').slice(0, 16).join('\n')).toBe(`Name:         ${name}
Namespace:    default
Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=lb
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:00Z
AddressType:  IPv4
Ports:
  Name  Port  Protocol
  ----  ----  --------
  http  8080  TCP
Endpoints:
  - Addresses:  10.244.1.2
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-0`)
    expect(out).toContain('  - Addresses:  10.244.1.5\n    Conditions:\n      Ready:    false\n')
    expect(out.endsWith('    NodeName:   node-1\n    Zone:       <unset>\nEvents:         <none>\n')).toBe(true)
  })

  it('a slice without ports or endpoints', () => {
    expect(h.k('apply -f -', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: empty\naddressType: IPv4\nendpoints: []\n').code).toBe(0)
    expect(h.k('describe endpointslice empty').stdout).toBe(
      'Name:         empty\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAddressType:  IPv4\nPorts: <unset>\nEndpoints: <none>\nEvents:  <none>\n',
    )
  })
})

describe('formatEndpointSlices (describe.go)', () => {
  const slice = (ports: unknown, endpoints: unknown): KObject => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: {}, ports, endpoints } as KObject)
  const e = (ip: string, ready?: boolean) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready } })
  it.each<[string, KObject[], Set<string> | undefined, string]>([
    ['no slice at all', [], undefined, '<none>'],
    ['a slice with no ready endpoint: empty', [slice([{ name: '', port: 80 }], [e('10.0.0.1', false)])], new Set(['']), ''],
    ['nil ready counts as ready', [slice([{ name: '', port: 80 }], [e('10.0.0.1')])], new Set(['']), '10.0.0.1:80'],
    ['only the named port', [slice([{ name: 'a', port: 80 }, { name: 'b', port: 81 }], [e('10.0.0.1', true)])], new Set(['b']), '10.0.0.1:81'],
    ['full list, then a not-ready endpoint: + 0 more... (upstream quirk)', [slice([{ name: '', port: 80 }], [e('10.0.0.1'), e('10.0.0.2'), e('10.0.0.3'), e('10.0.0.4', false)])], new Set(['']), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...'],
    ['headless without ports', [slice([], [e('10.0.0.1', true), e('10.0.0.2', true)])], undefined, '10.0.0.1,10.0.0.2'],
    ['across slices, + N more', [slice([{ name: '', port: 80 }], [e('10.0.0.1'), e('10.0.0.2')]), slice([{ name: '', port: 80 }], [e('10.0.0.3'), e('10.0.0.4'), e('10.0.0.5')])], new Set(['']), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...'],
  ])('%s', (_n, slices, ports, want) => expect(formatEndpointSlices(slices, ports)).toBe(want))
})
