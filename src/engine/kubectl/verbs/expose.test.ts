import { beforeEach, describe, expect, it } from 'vitest'
import type { KObject } from '../../api/types'
import { addPod, kubectlHarness, type Harness } from '../testing'
import { mapBasedSelectorForObject, multiProtocolsForObject, portsForObject } from './expose'

const WORKLOADS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  replicas: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
      - name: dns
        image: coredns/coredns:1.11.1
        ports:
        - containerPort: 53
          protocol: UDP
        - containerPort: 53
          protocol: TCP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 0
  selector:
    matchLabels:
      app: api
    matchExpressions:
    - key: tier
      operator: In
      values: [back, middle]
  template:
    metadata:
      labels:
        app: api
        tier: back
    spec:
      containers:
      - name: api
        image: nginx:1.27
        ports:
        - containerPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: only-expr
spec:
  replicas: 0
  selector:
    matchExpressions:
    - key: app
      operator: Exists
  template:
    metadata:
      labels:
        app: x
    spec:
      containers:
      - name: c
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  ports:
  - port: 5432
`

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  expect(h.k('apply -f -', WORKLOADS).stderr).toBe('')
})

describe('kubectl expose', () => {
  it('a ReplicaSet: its selector, its labels, --port/--target-port/--type', () => {
    expect(h.k('expose rs web --port=80 --target-port=8080 --type=NodePort --name=web-np')).toEqual({ code: 0, stdout: 'service/web-np exposed\n', stderr: '' })
    const svc = h.ctx.api.get('services', 'default', 'web-np')
    expect(svc.metadata.labels).toEqual({ app: 'web', tier: 'front' })
    expect(svc.spec.selector).toEqual({ app: 'web' })
    expect(svc.spec.type).toBe('NodePort')
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: svc.spec.ports[0].nodePort }])
  })

  it('without --port: every container port, named port-N, a port with two protocols split per protocol', () => {
    expect(h.k('expose rs web --dry-run=client -o yaml')).toEqual({
      code: 0,
      stderr: '',
      stdout: `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
    tier: front
  name: web
spec:
  ports:
  - name: port-1
    port: 80
    protocol: TCP
    targetPort: 80
  - name: port-2-udp
    port: 53
    protocol: UDP
    targetPort: 53
  - name: port-2-tcp
    port: 53
    protocol: TCP
    targetPort: 53
  selector:
    app: web
status:
  loadBalancer: {}
`,
    })
    expect(h.ctx.api.peek('services', 'default', 'web')).toBeUndefined()
  })

  it('a pod and a Service; -o name; server dry run', () => {
    addPod(h, 'solo', { labels: { run: 'solo' } })
    expect(h.k('expose pod solo --port=8080 -o name').stdout).toBe('service/solo\n')
    expect(h.ctx.api.get('services', 'default', 'solo').spec.selector).toEqual({ run: 'solo' })
    expect(h.k('expose svc solo --name=solo2 --port=90 --protocol=UDP').stdout).toBe('service/solo2 exposed\n')
    expect(h.ctx.api.get('services', 'default', 'solo2').spec.ports).toEqual([{ port: 90, protocol: 'UDP', targetPort: 90 }])
    expect(h.k('expose pod solo --name=x --dry-run=server').stdout).toBe('service/x exposed (server dry run)\n')
    expect(h.ctx.api.peek('services', 'default', 'x')).toBeUndefined()
  })

  it.each<[string, string]>([
    ['expose deploy api', 'error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:tier Operator:In Values:[back middle]}]" to map-based selector format\n'],
    ['expose deploy only-expr --port=80', "error: couldn't retrieve selectors via --selector flag or introspection: invalid deployment: no selectors, therefore cannot be exposed\n"],
    ['expose svc manual', "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n"],
    ['expose ns default', 'error: cannot expose a Namespace\n'],
    ['expose deploy only-expr --selector=app=x', "error: couldn't find port via --port flag or introspection\n"],
    ['expose deploy api --selector="tier in (back)" --port=80', 'error: unexpected label spec: tier in (back)\n'],
    ['expose rs web --port=http', 'error: strconv.Atoi: parsing "http": invalid syntax\n'],
    ['expose rs web --session-affinity=Sticky', 'error: unknown session affinity: Sticky\n'],
    ['expose rs nope', 'Error from server (NotFound): replicasets.apps "nope" not found\n'],
    ['expose rs', 'error: resource(s) were provided, but no name was specified\n'],
    [
      'expose',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
  ])('%s', (line, stderr) => expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr }))

  it('a headless Service needs no port; an existing name is the server\'s AlreadyExists', () => {
    expect(h.k('expose deploy only-expr --selector=app=x --cluster-ip=None').stdout).toBe('service/only-expr exposed\n')
    expect(h.ctx.api.get('services', 'default', 'only-expr').spec).toMatchObject({ clusterIP: 'None', selector: { app: 'x' } })
    expect(h.ctx.api.get('services', 'default', 'only-expr').spec.ports).toBeUndefined()
    expect(h.k('expose deploy only-expr --selector=app=x --cluster-ip=None')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): services "only-expr" already exists\n' })
  })
})

describe('polymorphic helpers', () => {
  const rs = (selector: unknown): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'x' }, spec: { selector } })
  it.each<[string, KObject, string]>([
    ['RC map selector', { apiVersion: 'v1', kind: 'ReplicationController', metadata: {}, spec: { selector: { app: 'a' } } }, 'app=a'],
    ['RS matchLabels', rs({ matchLabels: { app: 'a', tier: 'b' } }), 'app=a,tier=b'],
  ])('mapBasedSelectorForObject: %s', (_n, o, want) => expect(mapBasedSelectorForObject(o)).toBe(want))

  it('an RS without matchLabels', () => expect(() => mapBasedSelectorForObject(rs({}))).toThrow('invalid replicaset: no selectors, therefore cannot be exposed'))

  it('ports de-duplicated, protocols defaulted to TCP', () => {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {},
      spec: { containers: [{ ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] }, { ports: [{ containerPort: 8080 }] }] },
    }
    expect(portsForObject(pod)).toEqual(['53', '8080'])
    expect([...multiProtocolsForObject(pod)]).toEqual([
      ['53', ['UDP', 'TCP']],
      ['8080', ['TCP']],
    ])
  })
})
