import { describe, expect, it } from 'vitest'
import { testContext } from '../testing/context'
import type { EngineContext } from '../context'
import type { KEvent, KObject, Pod } from '../api/types'
import type { ApiRecord, ScheduleRecord } from '../records'
import { Scheduler } from './scheduler'

type Ctx = ReturnType<typeof testContext>

/** A Ready node as a kubelet registers it; the not-ready taint admission adds is then removed, as the node lifecycle controller would. */
function addNode(ctx: EngineContext, name: string, opts: { cpu?: string; keepNotReadyTaint?: boolean } = {}): void {
  const n = ctx.api.create(
    'nodes',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: {
        capacity: { cpu: opts.cpu ?? '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: opts.cpu ?? '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      },
    },
    { actor: 'kubelet/' + name },
  )
  expect(n.spec.taints).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }])
  if (!opts.keepNotReadyTaint) ctx.api.update('nodes', { ...n, spec: { ...n.spec, taints: [] } }, { actor: 'node-lifecycle-controller' })
}

function cluster(seed = 1, nodes = 3, opts: { keepNotReadyTaint?: boolean; parkUnschedulable?: boolean } = {}): { ctx: Ctx; sched: Scheduler } {
  const ctx = testContext(seed)
  for (let i = 1; i <= nodes; i++) addNode(ctx, `node-${i}`, opts)
  const sched = new Scheduler(ctx, opts.parkUnschedulable === undefined ? {} : { parkUnschedulable: opts.parkUnschedulable })
  sched.start()
  ctx.clock.advance(100)
  return { ctx, sched }
}

function createPod(ctx: EngineContext, name: string, opts: { cpu?: string; nodeName?: string; schedulerName?: string } = {}): Pod {
  const resources = opts.cpu ? { requests: { cpu: opts.cpu } } : {}
  return ctx.api.create(
    'pods',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'c', image: 'nginx', resources }], nodeName: opts.nodeName, schedulerName: opts.schedulerName },
    },
    { actor: 'kubectl' },
  ) as Pod
}

const get = (ctx: EngineContext, name: string) => ctx.api.peek('pods', 'default', name) as Pod
const events = (ctx: EngineContext, pod: string) =>
  (ctx.api.list('events', 'default').items as KEvent[]).filter((e) => e.involvedObject.name === pod)
const attempts = (ctx: EngineContext, uid: string) =>
  ctx.records.since(0).filter((r): r is ScheduleRecord => r.type === 'schedule' && r.podUid === uid)

const OVERSIZED =
  '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'

describe('Scheduler', () => {
  it('binds a pod to the least allocated node, says so in an event, and records the decision', () => {
    const { ctx, sched } = cluster()
    createPod(ctx, 'busy-1', { cpu: '2', nodeName: 'node-1' })
    createPod(ctx, 'busy-2', { cpu: '1', nodeName: 'node-2' })
    const p = createPod(ctx, 'web', { cpu: '500m' })
    ctx.clock.advance(100)

    expect(get(ctx, 'web').spec.nodeName).toBe('node-3')
    const bind = ctx.records.since(0).find((r): r is ApiRecord => r.type === 'api' && r.verb === 'bind')
    expect(bind).toMatchObject({ actor: 'kube-scheduler', resource: 'pods', subresource: 'binding', name: 'web', code: 201 })
    const [ev] = events(ctx, 'web')
    expect(ev).toMatchObject({ type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to node-3', source: { component: 'default-scheduler' } })

    const d = sched.lastDecision(p.metadata.uid as string)!
    expect(d.selected).toBe('node-3')
    expect(d.tiedForBest).toBe(1)
    expect(d.nodes.map((n) => n.node)).toEqual(['node-1', 'node-2', 'node-3'])
    const fit = (node: string) => d.nodes.find((n) => n.node === node)!.scores!.find((s) => s.plugin === 'NodeResourcesFit')!.score
    // LeastAllocated: cpu as requested; no memory request anywhere, so 200Mi per pod is counted.
    // node-1: cpu (4000−2500)·100/4000 = 37, memory (8192−400)·100/8192 = 95 → 66
    expect([fit('node-1'), fit('node-2'), fit('node-3')]).toEqual([66, 78, 92])
  })

  it('sees its own assumed pods: simultaneous pods spread over the nodes', () => {
    const { ctx } = cluster()
    for (const n of ['a', 'b', 'c']) createPod(ctx, n, { cpu: '3' })
    ctx.clock.advance(200)
    expect(['a', 'b', 'c'].map((n) => get(ctx, n).spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3'])
  })

  it('breaks ties with the seeded RNG: the same seed picks the same node, and every tied node gets picked across seeds', () => {
    const pick = (seed: number) => {
      const { ctx, sched } = cluster(seed)
      const p = createPod(ctx, 'p')
      ctx.clock.advance(100)
      expect(sched.lastDecision(p.metadata.uid as string)!.tiedForBest).toBe(3)
      return get(ctx, 'p').spec.nodeName
    }
    const seeds = Array.from({ length: 30 }, (_, i) => i + 1)
    const picks = seeds.map(pick)
    expect(seeds.map(pick)).toEqual(picks)
    expect(new Set(picks)).toEqual(new Set(['node-1', 'node-2', 'node-3']))
  })

  it('an oversized pod gets the FitError with the preemption suffix, a FailedScheduling event and PodScheduled=False', () => {
    const { ctx, sched } = cluster()
    const p = createPod(ctx, 'big', { cpu: '5' })
    ctx.clock.advance(100)

    const pod = get(ctx, 'big')
    expect(pod.spec.nodeName).toBeUndefined()
    expect(sched.lastDecision(p.metadata.uid as string)).toMatchObject({ selected: undefined, message: OVERSIZED })
    expect(sched.lastDecision(p.metadata.uid as string)!.nodes.map((n) => n.filter)).toEqual(
      Array(3).fill({ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }),
    )
    expect(events(ctx, 'big')).toMatchObject([{ type: 'Warning', reason: 'FailedScheduling', message: OVERSIZED, source: { component: 'default-scheduler' } }])
    expect(pod.status!.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Unschedulable', message: OVERSIZED },
    ])
  })

  it('by default parks an unschedulable pod: no retry without a cluster event until the 5-minute flush', () => {
    const { ctx } = cluster()
    const p = createPod(ctx, 'big', { cpu: '5' })
    ctx.clock.advance(60_000)
    expect(attempts(ctx, p.metadata.uid as string)).toHaveLength(1)
    ctx.clock.advance(5 * 60_000)
    expect(attempts(ctx, p.metadata.uid as string).length).toBeGreaterThan(1)
  })

  it('in back-off mode retries an unschedulable pod after 1 s, 2 s, 4 s, 8 s, then every 10 s; the event counts up, the condition is written once', () => {
    const { ctx } = cluster(1, 3, { parkUnschedulable: false })
    const p = createPod(ctx, 'big', { cpu: '5' })
    ctx.clock.advance(60_000)
    const times = attempts(ctx, p.metadata.uid as string).map((r) => r.time)
    const gaps = times.slice(1).map((t, i) => t - times[i])
    // each gap = back-off + one scheduling cycle (10 ms)
    expect(gaps.slice(0, 7)).toEqual([1010, 2010, 4010, 8010, 10_010, 10_010, 10_010])
    expect(events(ctx, 'big')).toHaveLength(1)
    expect(events(ctx, 'big')[0].count).toBe(times.length)
    const statusWrites = ctx.records
      .since(0)
      .filter((r) => r.type === 'api' && r.verb === 'update' && r.subresource === 'status' && r.name === 'big' && r.revision !== undefined)
    expect(statusWrites).toHaveLength(1)
  })

  it('adding a node schedules the pending pod, and settle() waits for it', () => {
    const { ctx } = cluster()
    createPod(ctx, 'big', { cpu: '5' })
    ctx.clock.advance(20_000)
    addNode(ctx, 'node-4', { cpu: '8' })
    const start = ctx.clock.now()
    ctx.clock.settle(60_000)
    const pod = get(ctx, 'big')
    expect(pod.spec.nodeName).toBe('node-4')
    expect(events(ctx, 'big').map((e) => e.reason)).toEqual(['FailedScheduling', 'Scheduled'])
    expect(ctx.clock.now() - start).toBeLessThanOrEqual(10_010)
  })

  it('a new node is tainted not-ready until the node lifecycle controller lifts it', () => {
    const { ctx } = cluster(1, 1, { keepNotReadyTaint: true })
    createPod(ctx, 'p')
    ctx.clock.advance(100)
    expect(get(ctx, 'p').status!.conditions![0].message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    )
    const n = ctx.api.get('nodes', undefined, 'node-1') as KObject
    ctx.api.update('nodes', { ...n, spec: { ...n.spec, taints: [] } }, { actor: 'node-lifecycle-controller' })
    ctx.clock.settle(60_000)
    expect(get(ctx, 'p').spec.nodeName).toBe('node-1')
  })

  it('with no nodes: "no nodes available to schedule pods"', () => {
    const { ctx } = cluster(1, 0)
    createPod(ctx, 'p')
    ctx.clock.advance(100)
    expect(events(ctx, 'p')).toMatchObject([{ reason: 'FailedScheduling', message: 'no nodes available to schedule pods' }])
  })

  it('a deleted pod frees its room for a waiting one', () => {
    const { ctx } = cluster(1, 1)
    createPod(ctx, 'hog', { cpu: '4', nodeName: 'node-1' })
    createPod(ctx, 'p', { cpu: '1' })
    ctx.clock.advance(5000)
    expect(get(ctx, 'p').spec.nodeName).toBeUndefined()
    ctx.api.delete('pods', 'default', 'hog', { gracePeriodSeconds: 0, actor: 'kubectl' })
    ctx.clock.settle(60_000)
    expect(get(ctx, 'p').spec.nodeName).toBe('node-1')
  })

  it('leaves pods for other schedulers alone', () => {
    const { ctx } = cluster()
    createPod(ctx, 'p', { schedulerName: 'my-scheduler' })
    ctx.clock.advance(5000)
    expect(get(ctx, 'p').spec.nodeName).toBeUndefined()
    expect(events(ctx, 'p')).toEqual([])
  })

  it('stopped, it schedules nothing; started again, it catches up', () => {
    const { ctx, sched } = cluster()
    sched.stop()
    expect(sched.running()).toBe(false)
    createPod(ctx, 'p')
    ctx.clock.advance(5000)
    expect(get(ctx, 'p').spec.nodeName).toBeUndefined()
    sched.start()
    ctx.clock.advance(100)
    expect(get(ctx, 'p').spec.nodeName).toMatch(/^node-[123]$/)
  })
})
