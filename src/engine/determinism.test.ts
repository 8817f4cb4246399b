import { describe, expect, it } from 'vitest'
import { createCluster, restoreCluster } from './index'

const RS = (replicas: number, cpu = '250m') => `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources: { requests: { cpu: ${cpu}, memory: 128Mi } }
`

/** The same scripted session: apply, scale up, delete a pod, scale down. */
function session(seed: number) {
  const c = createCluster({ seed })
  expect(c.kubectl('apply -f -', RS(3)).code).toBe(0)
  c.settle()
  expect(c.kubectl('scale rs web --replicas=7').code).toBe(0)
  c.advance(1500)
  const first = c.api.list('pods', 'default').items[0].metadata.name
  c.kubectl(`delete pod ${first}`)
  c.settle()
  c.kubectl('scale rs web --replicas=2')
  c.settle()
  return c
}

describe('determinism', () => {
  it('same seed + same commands ⇒ identical state, byte for byte', () => {
    const a = session(7)
    const b = session(7)
    expect(a.stateHash()).toBe(b.stateHash())
    expect(a.kubectl('get pods -o wide').stdout).toBe(b.kubectl('get pods -o wide').stdout)
    expect(a.now()).toBe(b.now())
  })

  it('a different seed gives a different cluster (names, placement)', () => {
    const a = session(7)
    const b = session(8)
    expect(a.stateHash()).not.toBe(b.stateHash())
    const names = (c: ReturnType<typeof session>) => c.api.list('pods', 'default').items.map((p) => p.metadata.name)
    expect(names(a)).not.toEqual(names(b))
  })

  it('every scheduling decision replays with the seed', () => {
    const decisions = (seed: number) => {
      const c = createCluster({ seed })
      c.kubectl('apply -f -', RS(6, '100m'))
      c.settle()
      return c.api.list('pods', 'default').items.map((p) => `${p.metadata.name}@${p.spec.nodeName}`)
    }
    expect(decisions(3)).toEqual(decisions(3))
  })

  it('a snapshot restores the exact stored state, and the restored cluster keeps working', () => {
    const a = session(11)
    const snap = JSON.parse(JSON.stringify(a.snapshot()))
    const b = restoreCluster(snap)
    expect(b.stateHash()).toBe(a.stateHash())
    expect(b.kubectl('scale rs web --replicas=4').code).toBe(0)
    b.settle()
    expect(b.kubectl('get rs web').stdout).toMatch(/web\s+4\s+4\s+4\s/)
  })
})
