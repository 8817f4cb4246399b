import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster'

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`

describe('kubectl against a whole simulated cluster', () => {
  it('apply a ReplicaSet, watch it converge, scale it, delete it', () => {
    const c = createCluster({ seed: 1 })
    expect(c.kubectl('get nodes').stdout.split('\n').slice(1, 4).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'node-1 Ready',
      'node-2 Ready',
      'node-3 Ready',
    ])
    expect(c.kubectl('apply -f -', RS)).toEqual({ code: 0, stdout: 'replicaset.apps/web created\n', stderr: '' })
    c.settle(120_000)
    const pods = c.kubectl('get pods -o wide')
    const rows = pods.stdout.trim().split('\n').slice(1)
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(row).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d/)
    expect(c.kubectl('get rs').stdout).toMatch(/^NAME {3}DESIRED {3}CURRENT {3}READY {3}AGE\nweb {4}3 {9}3 {9}3 {7}\S+\n$/)

    const name = rows[0].split(/\s+/)[0]
    const described = c.kubectl(`describe pod ${name}`).stdout
    expect(described).toContain('Controlled By:  ReplicaSet/web\n')
    expect(described).toMatch(/Events:\n {2}Type {4}Reason {5}Age/)
    expect(described).toContain('default-scheduler  Successfully assigned default/' + name + ' to node-')

    expect(c.kubectl('describe rs web').stdout).toContain('Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n')
    expect(c.kubectl('scale rs web --replicas=1').stdout).toBe('replicaset.apps/web scaled\n')
    c.settle(120_000)
    expect(c.kubectl('get pods --no-headers').stdout.trim().split('\n')).toHaveLength(1)
    expect(c.kubectl('delete rs web').stdout).toBe('replicaset.apps "web" deleted\n')
    c.settle(120_000)
    expect(c.kubectl('get pods')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' })
  })

  it('the same seed and commands print the same bytes', () => {
    const run = () => {
      const c = createCluster({ seed: 7 })
      c.kubectl('apply -f -', RS)
      c.settle(60_000)
      return c.kubectl('get pods -o wide').stdout + c.kubectl('get events').stdout
    }
    expect(run()).toBe(run())
  })
})
