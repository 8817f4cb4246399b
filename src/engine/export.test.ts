import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { createCluster } from './cluster'
import type { KObject } from './api/types'
import { cleanManifest, editManifests, exportManifests, skipReason } from './export'

/**
 * Export must give YAML a real cluster accepts with `kubectl apply -f`, losing nothing a person
 * wrote. The examples are the ones in the Kubernetes documentation (concepts/workloads and
 * services pages), applied as a reader would.
 */
const DOCS_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`
const DOCS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  type: NodePort
  selector:
    app.kubernetes.io/name: MyApp
  ports:
    - port: 80
      # By default and for convenience, the \`targetPort\` is set to
      # the same value as the \`port\` field.
      targetPort: 80
      # Optional field
      # By default and for convenience, the Kubernetes control plane
      # will allocate a port from a range (default: 30000-32767)
      nodePort: 30007
`
const DOCS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`
const DOCS_REPLICASET = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  # modify replicas according to your case
  replicas: 3
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
`
const DOCS_RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`
const EXAMPLES = [DOCS_DEPLOYMENT, DOCS_SERVICE, DOCS_POD, DOCS_REPLICASET, DOCS_RC]

const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as KObject).filter(Boolean)
const all = (c: ReturnType<typeof createCluster>) => c.etcd.list('/registry/')

/** Every field the person wrote is in `got` with the same value (defaults may be added). */
function expectSubset(want: unknown, got: unknown, path = ''): void {
  if (Array.isArray(want)) {
    expect(Array.isArray(got), path).toBe(true)
    const g = got as unknown[]
    expect(g.length, path).toBe(want.length)
    want.forEach((w, i) => expectSubset(w, g[i], `${path}[${i}]`))
  } else if (want && typeof want === 'object') {
    expect(got && typeof got === 'object', path).toBe(true)
    for (const [k, v] of Object.entries(want)) expectSubset(v, (got as Record<string, unknown>)[k], `${path}.${k}`)
  } else {
    expect(got, path).toEqual(want)
  }
}

describe('exportManifests: round trip of the documentation examples', () => {
  const a = createCluster({ seed: 7 })
  for (const y of EXAMPLES) expect(a.kubectl('apply -f -', y).code).toBe(0)
  a.settle(120_000)
  const exported = exportManifests(all(a), { now: a.clock.timestamp() })
  const out = docs(exported.yaml)

  it('exports exactly the five objects a person made, Service first, pods of controllers left out', () => {
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/my-service',
      'Deployment/nginx-deployment',
      'ReplicaSet/frontend',
      'ReplicationController/nginx',
      'Pod/nginx',
    ])
    expect(exported.skipped.filter((s) => s.reason === 'owned').map((s) => s.kind).sort()).toEqual(
      expect.arrayContaining(['Pod', 'ReplicaSet', 'EndpointSlice']),
    )
    // kube-dns and the kubernetes Service are the cluster's own.
    expect(exported.skipped).toContainEqual({ kind: 'Service', namespace: 'default', name: 'kubernetes', reason: 'system' })
    expect(exported.skipped).toContainEqual({ kind: 'Service', namespace: 'kube-system', name: 'kube-dns', reason: 'system' })
  })

  it('keeps every field the person wrote', () => {
    for (const y of EXAMPLES) {
      const want = docs(y)[0]
      const got = out.find((o) => o.kind === want.kind && o.metadata.name === want.metadata.name)
      expectSubset(want, got, `${want.kind}`)
    }
  })

  it('drops status and every server-set field', () => {
    for (const o of out) {
      expect(o.status, o.kind).toBeUndefined()
      for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'ownerReferences'])
        expect((o.metadata as Record<string, unknown>)[k], `${o.kind}.metadata.${k}`).toBeUndefined()
      expect(o.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined()
    }
    const dep = out.find((o) => o.kind === 'Deployment')!
    expect(dep.metadata.annotations).toBeUndefined() // deployment.kubernetes.io/revision is the controller's
    const svc = out.find((o) => o.kind === 'Service')!
    expect(svc.spec.clusterIP).toBeUndefined()
    expect(svc.spec.clusterIPs).toBeUndefined()
    expect(svc.spec.ports[0].nodePort).toBe(30007) // written by the person
    const pod = out.find((o) => o.kind === 'Pod')!
    expect(pod.spec.nodeName).toBeUndefined()
    expect(pod.spec.tolerations).toBeUndefined()
    expect(pod.spec.priority).toBeUndefined()
  })

  it('applies cleanly to a fresh cluster and exports the same again', () => {
    const b = createCluster({ seed: 99 })
    const r = b.kubectl('apply -f -', exported.yaml)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      'service/my-service created\ndeployment.apps/nginx-deployment created\nreplicaset.apps/frontend created\nreplicationcontroller/nginx created\npod/nginx created\n',
    )
    b.settle(120_000)
    const again = exportManifests(all(b))
    expect(again.objects).toEqual(exported.objects)
    expect(b.kubectl('get pods --no-headers').stdout.trim().split('\n')).toHaveLength(10)
  })
})

describe('cleanManifest', () => {
  const svc = (spec: Record<string, unknown>, annotations?: Record<string, string>): KObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'default', uid: 'u', resourceVersion: '9', annotations },
    spec,
  })

  it.each([
    ['allocated ClusterIP dropped', { clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'] }, {}],
    ['headless None kept', { clusterIP: 'None', clusterIPs: ['None'] }, { clusterIP: 'None', clusterIPs: ['None'] }],
    ['healthCheckNodePort dropped', { type: 'LoadBalancer', healthCheckNodePort: 31000 }, { type: 'LoadBalancer' }],
  ])('Service: %s', (_n, spec, want) => {
    expect(cleanManifest(svc(spec)).object.spec).toEqual(want)
  })

  it('Service nodePort: dropped when the last apply did not set it, kept with a note when nothing tells', () => {
    const applied = JSON.stringify({ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }] } })
    const ports = [{ port: 80, nodePort: 31234, protocol: 'TCP' }]
    expect(cleanManifest(svc({ type: 'NodePort', ports }, { 'kubectl.kubernetes.io/last-applied-configuration': applied })).object.spec.ports).toEqual([{ port: 80, protocol: 'TCP' }])
    const r = cleanManifest(svc({ type: 'NodePort', ports }))
    expect(r.object.spec.ports).toEqual(ports)
    expect(r.notes).toEqual(['nodePort 31234 kept: it may have been allocated by the playground; delete it to let the target cluster choose one.'])
  })

  it('Namespace: the API server’s name label and the kubernetes finalizer go', () => {
    const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }
    expect(cleanManifest(ns).object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } })
  })

  it('Pod: admission tolerations go, the person’s stay', () => {
    const mine = { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], priority: 0, tolerations: [mine, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
    }
    expect(cleanManifest(pod).object.spec).toEqual({ containers: [{ name: 'c', image: 'nginx' }], tolerations: [mine] })
  })

  it('skipReason: events and nodes are generated, a user Namespace is kept', () => {
    expect(skipReason({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' } }, [])).toBe('generated')
    expect(skipReason({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }, [])).toBe('generated')
    expect(skipReason({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } }, [])).toBe('system')
    expect(skipReason({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, [])).toBeUndefined()
  })

  it('exporting an owned object on request keeps it and says who normally makes it', () => {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-x', namespace: 'default', uid: 'p1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'r1', controller: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    }
    const r = exportManifests([pod], { uids: ['p1'] })
    expect(r.objects).toHaveLength(1)
    expect(r.yaml).toContain('# Pod web-x: Normally created by ReplicaSet web; applied alone it has no owner.\napiVersion: v1\nkind: Pod\n')
  })
})

describe('editManifests', () => {
  it('opens a live Deployment without status or server fields, and applying it back changes nothing', () => {
    const c = createCluster({ seed: 3 })
    c.kubectl('apply -f -', DOCS_DEPLOYMENT)
    c.settle(60_000)
    const live = c.etcd.list('/registry/').find((o) => o.kind === 'Deployment')!
    const text = editManifests([live])
    expect(text.split('\n').slice(0, 4)).toEqual([
      '# Edit the object below, then Apply (kubectl apply -f -).',
      '# Status and the fields the cluster sets (uid, resourceVersion, …) are left out:',
      '# apply never removes what it did not set, so they stay as they are.',
      'apiVersion: apps/v1',
    ])
    expect(text).not.toMatch(/status:|uid:|resourceVersion:|last-applied/)
    const r = c.kubectl('apply -f -', text.replace('image: nginx:1.14.2', 'image: nginx:1.16.1'))
    expect(r).toEqual({ code: 0, stdout: 'deployment.apps/nginx-deployment configured\n', stderr: '' })
  })
})
