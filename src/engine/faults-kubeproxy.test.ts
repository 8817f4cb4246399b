import { describe, expect, it } from 'vitest'
import { createCluster } from './index'

const SETUP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx:1.27, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
`

function cluster(mode: 'iptables' | 'ipvs' | 'userspace') {
  const c = createCluster({ seed: 4, proxyMode: mode })
  expect(c.kubectl('apply -f -', SETUP).code).toBe(0)
  c.settle()
  return c
}

describe('stopping kube-proxy (cluster.faults)', () => {
  it.each(['iptables', 'ipvs'] as const)('%s: existing rules keep working but stop following changes', (mode) => {
    const c = cluster(mode)
    expect(c.faults.stopKubeProxy('node-1')).toEqual({ ok: true, message: 'kube-proxy on node-1 stopped' })
    expect(c.proxyStatus().find((s) => s.node === 'node-1')?.running).toBe(false)
    const before = c.exec('node-1', 'curl -s -m 2 http://' + c.api.get('services', 'default', 'web').spec.clusterIP + '/')
    expect(before.code).toBe(0)
    expect(before.stdout).toMatch(/^web-/)
    // A new Service is not programmed on the stopped node, but is on the others.
    c.kubectl('create service clusterip late --tcp=80:80')
    c.settle()
    const late = c.api.get('services', 'default', 'late').spec.clusterIP
    const onStopped = c.exec('node-1', 'iptables-save').stdout + c.exec('node-1', 'ipvsadm -Ln').stdout
    const onRunning = c.exec('node-2', 'iptables-save').stdout + c.exec('node-2', 'ipvsadm -Ln').stdout
    expect(onStopped).not.toContain(late)
    expect(onRunning).toContain(late)
    expect(c.faults.startKubeProxy('node-1').ok).toBe(true)
    c.settle()
    expect(c.exec('node-1', 'iptables-save').stdout + c.exec('node-1', 'ipvsadm -Ln').stdout).toContain(late)
  })

  it('userspace: the proxy process is the data path, so that node\'s Service traffic fails', () => {
    const c = cluster('userspace')
    const ip = c.api.get('services', 'default', 'web').spec.clusterIP
    expect(c.exec('node-1', `curl -s -m 2 http://${ip}/`).code).toBe(0)
    c.faults.stopKubeProxy('node-1')
    const r = c.exec('node-1', `curl -s -m 2 http://${ip}/`)
    expect(r.code).not.toBe(0)
    expect(c.exec('node-2', `curl -s -m 2 http://${ip}/`).code).toBe(0)
  })

  it('reports unknown nodes and double stops plainly', () => {
    const c = createCluster({ seed: 4 })
    expect(c.faults.stopKubeProxy('node-9')).toEqual({ ok: false, error: 'nodes "node-9" not found' })
    c.faults.stopKubeProxy('node-2')
    expect(c.faults.stopKubeProxy('node-2')).toEqual({ ok: false, error: 'kube-proxy on node-2 is already stopped' })
  })
})
