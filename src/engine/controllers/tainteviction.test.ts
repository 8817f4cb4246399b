import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'
import type { Pod } from '../api/types'

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 6
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx:1.27 }] }
`

const webPods = (c: ReturnType<typeof createCluster>) =>
  (c.api.list('pods', 'default').items as Pod[]).filter((p) => p.metadata.labels?.app === 'web')

describe('taint-based eviction (a node dies)', () => {
  it('pods leave an unreachable node when their 300 s toleration runs out, and are replaced elsewhere', () => {
    const c = createCluster({ seed: 2 })
    c.kubectl('apply -f -', WEB)
    c.settle()
    const onNode1 = webPods(c).filter((p) => p.spec.nodeName === 'node-1').map((p) => p.metadata.name)
    expect(onNode1.length).toBeGreaterThan(0)
    expect(c.faults.stopKubelet('node-1').ok).toBe(true)
    const stoppedAt = c.now()

    // ~50 s: NotReady/Unknown and the unreachable taints; the pods only tolerate them for 300 s.
    c.advance(70_000)
    const node = c.api.get('nodes', undefined, 'node-1')
    expect(node.spec.taints).toContainEqual(expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }))
    expect(webPods(c).filter((p) => onNode1.includes(p.metadata.name!) && p.metadata.deletionTimestamp)).toEqual([])

    c.advance(300_000)
    c.settle()
    const evicted = webPods(c).filter((p) => onNode1.includes(p.metadata.name!))
    expect(evicted).toHaveLength(onNode1.length)
    for (const p of evicted) {
      expect(p.metadata.deletionTimestamp).toBeDefined()
      expect(p.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }),
      )
    }
    // Deleted between 50 s + 300 s and 70 s + 300 s after the last heartbeat.
    const deletedAt = Math.min(...evicted.map((p) => c.clock.parse(p.metadata.deletionTimestamp)! - 30_000))
    expect(deletedAt - stoppedAt).toBeGreaterThanOrEqual(350_000)
    expect(deletedAt - stoppedAt).toBeLessThanOrEqual(375_000)
    const events = c.api.list('events', 'default').items.filter((e) => e.reason === 'TaintManagerEviction')
    expect(events.map((e) => e.message)).toContain(`Marking for deletion Pod default/${onNode1[0]}`)
    expect(events[0].source.component).toBe('taint-eviction-controller')

    // The Deployment is whole again on the live nodes; the evicted pods stay Terminating.
    const live = webPods(c).filter((p) => !p.metadata.deletionTimestamp)
    expect(live).toHaveLength(6)
    expect(live.every((p) => p.spec.nodeName !== 'node-1' && p.status?.phase === 'Running')).toBe(true)
    expect(c.kubectl('get pods').stdout).toContain('Terminating')

    // The kubelet comes back: it finishes the deletions and the node is Ready again.
    c.faults.startKubelet('node-1')
    c.settle()
    c.advance(60_000)
    expect(webPods(c).filter((p) => onNode1.includes(p.metadata.name!))).toEqual([])
  })

  it('a node that recovers before the deadline cancels the evictions', () => {
    const c = createCluster({ seed: 2 })
    c.kubectl('apply -f -', WEB)
    c.settle()
    c.faults.stopKubelet('node-2')
    c.advance(70_000)
    c.faults.startKubelet('node-2')
    c.advance(400_000)
    expect(webPods(c).filter((p) => p.metadata.deletionTimestamp)).toEqual([])
    const cancels = c.api.list('events', 'default').items.filter((e) => e.reason === 'TaintManagerEviction')
    expect(cancels.length).toBeGreaterThan(0)
    expect(cancels.every((e) => /^Cancelling deletion Pod default\/web-/.test(e.message))).toBe(true)
  })
})
