import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx:1.27, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: NodePort
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80, nodePort: 30080 }]
`

function answers(scheduler: 'rr' | 'sh', n: number): string[] {
  const c = createCluster({ seed: 5, proxyMode: 'ipvs', ipvsScheduler: scheduler })
  expect(c.kubectl('apply -f -', WEB).code).toBe(0)
  c.settle()
  expect(c.exec('node-1', 'ipvsadm -Ln').stdout).toMatch(new RegExp(`TCP  172\\.18\\.0\\.2:30080 ${scheduler}\\b`))
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const r = c.exec('external', 'curl -s http://172.18.0.2:30080/')
    expect(r.code).toBe(0)
    out.push(r.stdout.trim())
  }
  return out
}

describe('kube-proxy --ipvs-scheduler through createCluster', () => {
  it('rr spreads one client over every endpoint', () => {
    expect(new Set(answers('rr', 9)).size).toBe(3)
  })

  it('sh (source hashing) sends one client to one endpoint', () => {
    expect(new Set(answers('sh', 9)).size).toBe(1)
  })
})
