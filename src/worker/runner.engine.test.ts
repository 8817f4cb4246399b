import { describe, expect, it } from 'vitest'
import { createCluster, type KObject } from '../engine/index'
import type { DiffMessage, FromWorker, FullMessage, ResultMessage } from '../protocol'
import { EngineRunner } from './runner'

/**
 * The runner over the real engine, as the worker runs it: the UI's mirror, rebuilt from the
 * messages alone, must agree with what the engine stores — through creates, status writes,
 * scale-down deletions and time steps.
 */
const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests: {cpu: 250m, memory: 128Mi}
`

function harness() {
  const cluster = createCluster({ seed: 1, nodes: 3 })
  const posted: FromWorker[] = []
  let wall = 0
  const runner = new EngineRunner({ cluster, post: (m) => posted.push(m), now: () => wall })
  const mirror = new Map<string, KObject>()
  let read = 0
  const sync = () => {
    for (; read < posted.length; read++) {
      const m = posted[read]
      if (m.type === 'full') {
        mirror.clear()
        for (const o of (m as FullMessage).objects) mirror.set(o.metadata.uid as string, o)
      } else if (m.type === 'diff') {
        for (const o of (m as DiffMessage).upserts) mirror.set(o.metadata.uid as string, o)
        for (const u of (m as DiffMessage).removed) mirror.delete(u)
      }
    }
  }
  // The scenario's pods (the default cluster also runs CoreDNS in kube-system).
  const pods = () => [...mirror.values()].filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default')
  const truth = () => cluster.etcd.list('/registry/').map((o) => o.metadata.uid).sort()
  return { cluster, runner, posted, sync, pods, mirror, truth, tick: (ms: number) => ((wall += ms), runner.tick()) }
}

describe('EngineRunner over the real engine', () => {
  it('mirrors a ReplicaSet from apply to Running, with scheduling records', () => {
    const h = harness()
    h.runner.start()
    h.runner.handle({ type: 'apply', id: 1, yaml: RS })
    const result = h.posted.find((m) => m.type === 'result') as ResultMessage
    expect(result).toMatchObject({ code: 0, command: 'kubectl apply -f -' })
    expect(result.stdout).toContain('replicaset.apps/web created')
    h.runner.handle({ type: 'test', id: 2, op: 'settle' })
    h.sync()
    expect(h.pods()).toHaveLength(3)
    expect(h.pods().every((p) => p.status?.phase === 'Running' && p.spec.nodeName)).toBe(true)
    expect([...h.mirror.keys()].sort()).toEqual(h.truth())
    const schedules = h.posted.flatMap((m) => (m.type === 'diff' ? m.records : [])).filter((r) => r.type === 'schedule')
    expect(schedules.map((r) => r.type === 'schedule' && r.selected).filter(Boolean)).toHaveLength(3)
  })

  it('scaling down removes the pods from the mirror once the engine deletes them', () => {
    const h = harness()
    h.runner.start()
    h.runner.handle({ type: 'apply', id: 1, yaml: RS })
    h.runner.handle({ type: 'test', id: 2, op: 'settle' })
    h.runner.handle({ type: 'scale', id: 3, namespace: 'default', kind: 'ReplicaSet', name: 'web', replicas: 1 })
    const scaled = h.posted.filter((m) => m.type === 'result').at(-1) as ResultMessage
    expect(scaled.command).toBe('kubectl scale replicaset/web --replicas=1')
    expect(scaled.code).toBe(0)
    h.runner.handle({ type: 'test', id: 4, op: 'settle' })
    h.sync()
    expect(h.pods()).toHaveLength(1)
    expect([...h.mirror.keys()].sort()).toEqual(h.truth())
  })

  it('plays in real time × speed, and a paused cluster stands still', () => {
    const h = harness()
    h.runner.start()
    const t0 = h.cluster.now()
    h.runner.handle({ type: 'speed', speed: 10 })
    h.tick(16)
    h.tick(16)
    expect(h.cluster.now()).toBe(t0 + 320)
    h.runner.handle({ type: 'control', action: 'pause' })
    h.tick(1000)
    expect(h.cluster.now()).toBe(t0 + 320)
    h.sync()
    expect([...h.mirror.keys()].sort()).toEqual(h.truth())
  })
})
