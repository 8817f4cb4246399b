import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const HEADLESS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: a }
spec:
  replicas: 1
  selector: { matchLabels: { app: a } }
  template:
    metadata: { labels: { app: a } }
    spec:
      hostname: a
      subdomain: hs
      containers: [{ name: nginx, image: nginx:1.27, ports: [{ name: web, containerPort: 80 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: hs }
spec:
  clusterIP: None
  selector: { app: a }
  ports: [{ name: web, port: 80 }]
`

describe('SRV lookups from a pod', () => {
  const c = createCluster({ seed: 3 })
  c.kubectl('apply -f -', HEADLESS)
  c.settle()
  const pod = c.api.list('pods', 'default').items[0].metadata.name

  it('dig accepts the type before the name, as dig does', () => {
    const r = c.kubectl(`exec ${pod} -- dig SRV _web._tcp.hs.default.svc.cluster.local +short`)
    expect(r.stdout).toBe('0 100 80 a.hs.default.svc.cluster.local.\n')
    expect(c.kubectl(`exec ${pod} -- dig _web._tcp.hs.default.svc.cluster.local SRV +short`).stdout).toBe(r.stdout)
  })

  it('nslookup -type=SRV prints BIND\'s service line', () => {
    const r = c.kubectl(`exec ${pod} -- nslookup -type=SRV _web._tcp.hs.default.svc.cluster.local`)
    expect(r.stdout).toContain('_web._tcp.hs.default.svc.cluster.local\tservice = 0 100 80 a.hs.default.svc.cluster.local.\n')
  })
})

describe('cluster DNS is CoreDNS pods behind the kube-dns Service', () => {
  it('with CoreDNS scaled to 0, names stop resolving (the kube-dns rules REJECT), as on a real cluster', () => {
    const c = createCluster({ seed: 3 })
    c.kubectl('apply -f -', HEADLESS)
    c.kubectl('create service clusterip web --tcp=80:80')
    c.settle()
    const pod = c.api.list('pods', 'default').items[0].metadata.name
    expect(c.kubectl(`exec ${pod} -- nslookup web`).code).toBe(0)
    expect(c.kubectl('scale deploy coredns -n kube-system --replicas=0').code).toBe(0)
    c.settle()
    const r = c.kubectl(`exec ${pod} -- nslookup web`)
    expect(r.code).not.toBe(0)
    expect(r.stdout + r.stderr).toContain('no servers could be reached')
  })
})
