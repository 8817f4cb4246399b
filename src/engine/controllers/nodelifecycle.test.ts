import { describe, expect, it } from 'vitest'
import { NodeLifecycleController } from './nodelifecycle'
import { markConditionsUnknown, observeNodeHealth, podNotReadyConditions } from './nodelifecycle-health'
import { TAINT_KEYS, noScheduleTaintDiff, swapTaints } from './nodelifecycle-taints'
import { RateLimitedTimedQueue, computeZoneState } from './nodelifecycle-zones'
import { Kubelet } from '../kubelet/kubelet'
import { boundPod, eventsFor, getPod, nodeConfig, testContext } from '../kubelet/test-fixtures'
import type { Node, NodeCondition, Pod } from '../api/types'
import type { EngineContext } from '../context'

const node = (conds: Record<string, string>, taints: Node['spec']['taints'] = [], unschedulable = false): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { taints, unschedulable },
  status: { conditions: Object.entries(conds).map(([type, status]) => ({ type, status: status as NodeCondition['status'] })) },
})
const t = (key: string, effect: 'NoSchedule' | 'NoExecute' = 'NoSchedule') => ({ key, effect })

describe('noScheduleTaintDiff (doNoScheduleTaintingPass)', () => {
  it.each([
    ['a Ready node drops the admission-added not-ready', { Ready: 'True' }, [t(TAINT_KEYS.notReady)], [], [t(TAINT_KEYS.notReady)]],
    ['Ready=False wants not-ready', { Ready: 'False' }, [], [t(TAINT_KEYS.notReady)], []],
    ['Ready=Unknown swaps not-ready for unreachable', { Ready: 'Unknown' }, [t(TAINT_KEYS.notReady)], [t(TAINT_KEYS.unreachable)], [t(TAINT_KEYS.notReady)]],
    ['memory pressure', { Ready: 'True', MemoryPressure: 'True' }, [], [t(TAINT_KEYS.memoryPressure)], []],
    ['NoExecute and foreign taints are not its business', { Ready: 'True' }, [t(TAINT_KEYS.unreachable, 'NoExecute'), t('dedicated')], [], []],
  ] as [string, Record<string, string>, Node['spec']['taints'], unknown[], unknown[]][])('%s', (_, conds, taints, add, remove) => {
    expect(noScheduleTaintDiff(node(conds, taints))).toEqual({ add, remove })
  })

  it('cordon: unschedulable', () => {
    expect(noScheduleTaintDiff(node({ Ready: 'True' }, [], true)).add).toEqual([t(TAINT_KEYS.unschedulable)])
  })
})

describe('pure helpers', () => {
  it('markConditionsUnknown keeps heartbeats, stamps transitions, leaves NetworkUnavailable', () => {
    const n = node({})
    n.status!.conditions = [
      { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated' },
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: 'H', lastTransitionTime: 'T' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: 'H', lastTransitionTime: 'T' },
    ]
    expect(markConditionsUnknown(n, 'NOW')).toEqual([
      { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated' },
      { type: 'MemoryPressure', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: 'H', lastTransitionTime: 'NOW' },
      { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: 'H', lastTransitionTime: 'NOW' },
      { type: 'DiskPressure', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: 'NOW' },
      { type: 'PIDPressure', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: 'NOW' },
    ])
  })

  it('observeNodeHealth: the grace period runs from when the controller saw the last new heartbeat', () => {
    const grace = { monitorMs: 50_000, startupMs: 60_000 }
    const ready = (beat: string, status = 'True') => {
      const n = node({})
      n.status!.conditions = [{ type: 'Ready', status: status as NodeCondition['status'], lastHeartbeatTime: beat, lastTransitionTime: 'T0' }]
      return n
    }
    const first = observeNodeHealth(ready('H1'), undefined, 1000, 'NOW', 0, grace)
    expect(first.health.probeTimestamp).toBe(1000)
    expect(first.unknown).toBeUndefined()
    expect(observeNodeHealth(ready('H1'), first.health, 51_000, 'NOW', 0, grace).unknown).toBeUndefined() // exactly the grace: not yet
    const late = observeNodeHealth(ready('H1'), first.health, 51_001, 'NOW', 0, grace)
    expect(late.unknown?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', lastHeartbeatTime: 'H1', lastTransitionTime: 'NOW' })
    const fresh = observeNodeHealth(ready('H2'), first.health, 51_001, 'NOW', 0, grace)
    expect(fresh.unknown).toBeUndefined()
    expect(fresh.health.probeTimestamp).toBe(51_001)
    // Already Unknown: nothing more to write.
    const n = ready('H1', 'Unknown')
    n.status!.conditions![0] = { ...n.status!.conditions![0], reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }
    expect(observeNodeHealth(n, first.health, 90_000, 'NOW', 0, grace).unknown).toBeUndefined()
    // Never posted: 60 s from creation.
    expect(observeNodeHealth(node({}), undefined, 60_000, 'NOW', 0, grace).unknown).toBeUndefined()
    expect(observeNodeHealth(node({}), undefined, 60_001, 'NOW', 0, grace).unknown?.[0]).toMatchObject({ type: 'Ready', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' })
  })

  it('swapTaints appends with timeAdded and removes by key and effect', () => {
    expect(swapTaints([t('a'), t(TAINT_KEYS.notReady, 'NoExecute')], [t(TAINT_KEYS.unreachable, 'NoExecute')], [t(TAINT_KEYS.notReady, 'NoExecute')], 'NOW')).toEqual([
      t('a'),
      { key: TAINT_KEYS.unreachable, effect: 'NoExecute', timeAdded: 'NOW' },
    ])
  })

  it.each([
    [['True', 'True', 'True'], 'Normal'],
    [['True', 'Unknown', 'Unknown'], 'Normal'],
    [['Unknown', 'Unknown', 'Unknown'], 'FullDisruption'],
    [['True', 'False', 'Unknown', 'Unknown'], 'PartialDisruption'],
    [['True', 'True', 'False', 'Unknown', 'Unknown'], 'PartialDisruption'],
    [['True', 'True', 'True', 'False', 'Unknown', 'Unknown'], 'Normal'],
  ])('computeZoneState %j → %s', (statuses, want) => {
    expect(computeZoneState(statuses.map((status) => ({ type: 'Ready', status }) as NodeCondition)).state).toBe(want)
  })

  it('podNotReadyConditions flips Ready only', () => {
    const pod = { status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 'T' }, { type: 'PodScheduled', status: 'True' }] } } as Pod
    expect(podNotReadyConditions(pod, 'NOW')).toEqual([{ type: 'Ready', status: 'False', lastTransitionTime: 'NOW' }, { type: 'PodScheduled', status: 'True' }])
    expect(podNotReadyConditions({ status: { conditions: [{ type: 'Ready', status: 'False' }] } } as Pod, 'NOW')).toBeUndefined()
  })

  it('RateLimitedTimedQueue: one node per 10 s at 0.1 qps, burst 1', () => {
    const q = new RateLimitedTimedQueue(0.1)
    const done: [string, number][] = []
    for (const n of ['a', 'b', 'c']) q.add(n, 0)
    expect(q.add('a', 0)).toBe(false)
    for (let now = 0; now <= 25_000; now += 100) q.try(now, (v) => (done.push([v, now]), [true, 0]))
    expect(done).toEqual([['a', 0], ['b', 10_000], ['c', 20_000]])
  })
})

function cluster(nodes: number) {
  const ctx = testContext()
  const nlc = new NodeLifecycleController(ctx)
  nlc.start()
  const kubelets = Array.from({ length: nodes }, (_, i) => new Kubelet(ctx, nodeConfig(i + 1)))
  for (const k of kubelets) k.start()
  return { ctx, nlc, kubelets }
}

const getNode = (ctx: EngineContext, name: string) => ctx.api.peek('nodes', undefined, name) as Node
const taintsOf = (ctx: EngineContext, name: string) => (getNode(ctx, name).spec.taints ?? []).map((x) => `${x.key}:${x.effect}`)

describe('NodeLifecycleController with kubelets', () => {
  it('a new node loses the admission-added not-ready:NoSchedule as soon as it reports Ready', () => {
    const { ctx } = cluster(1)
    ctx.clock.advance(500)
    expect(getNode(ctx, 'node-1').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False')
    expect(taintsOf(ctx, 'node-1')).toEqual(['node.kubernetes.io/not-ready:NoSchedule'])
    ctx.clock.settle()
    expect(ctx.clock.now()).toBeLessThan(1100) // watch-driven, not the 5 s monitor
    expect(getNode(ctx, 'node-1').spec.taints).toBeUndefined()
    ctx.clock.advance(5000)
    expect(eventsFor(ctx, 'node-1', 'Node')).toContain('Normal RegisteredNode: Node node-1 event: Registered Node node-1 in Controller')
  })

  it('heartbeats keep a node Ready', () => {
    const { ctx } = cluster(1)
    ctx.clock.advance(5 * 60_000)
    expect(getNode(ctx, 'node-1').status?.conditions?.every((c) => c.reason?.startsWith('Kubelet'))).toBe(true)
    expect(getNode(ctx, 'node-1').spec.taints).toBeUndefined()
  })

  it('a stopped kubelet: Unknown after the 50 s grace, pods not Ready, unreachable taints', () => {
    const { ctx, kubelets } = cluster(2)
    ctx.clock.settle()
    ctx.api.create('pods', boundPod('web', 'node-2', [{ name: 'nginx', image: 'nginx:1.27' }]))
    ctx.clock.settle()
    expect(getPod(ctx, 'web')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
    ctx.clock.advance(20_000)
    const lastBeat = getNode(ctx, 'node-2').status!.conditions!.find((c) => c.type === 'Ready')!.lastHeartbeatTime
    kubelets[1].stop()

    ctx.clock.advance(45_000)
    expect(getNode(ctx, 'node-2').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True')

    ctx.clock.advance(25_000)
    const n = getNode(ctx, 'node-2')
    const conds = n.status!.conditions!
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
    ])
    expect(conds.every((c) => c.lastHeartbeatTime === lastBeat)).toBe(true)
    const transitioned = ctx.clock.parse(conds[3].lastTransitionTime)! - ctx.clock.parse(lastBeat)!
    expect(transitioned).toBeGreaterThan(50_000)
    expect(transitioned).toBeLessThanOrEqual(61_000)
    expect(taintsOf(ctx, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'])
    expect(n.spec.taints!.every((x) => !!x.timeAdded)).toBe(true)
    expect(taintsOf(ctx, 'node-1')).toEqual([])

    const pod = getPod(ctx, 'web')!
    expect(pod.status?.phase).toBe('Running') // nothing faked: the phase is the kubelet's last word
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: conds[3].lastTransitionTime })
    expect(eventsFor(ctx, 'web')).toContain('Warning NodeNotReady: Node is not ready')
    expect(eventsFor(ctx, 'node-2', 'Node')).toContain('Normal NodeNotReady: Node node-2 status is now: NodeNotReady')
  })

  it('the kubelet comes back: Ready again, taints gone, pod Ready', () => {
    const { ctx, kubelets } = cluster(2)
    ctx.api.create('pods', boundPod('web', 'node-2', [{ name: 'nginx', image: 'nginx:1.27' }]))
    ctx.clock.settle()
    kubelets[1].stop()
    ctx.clock.advance(80_000)
    expect(taintsOf(ctx, 'node-2')).toContain('node.kubernetes.io/unreachable:NoExecute')
    kubelets[1].start()
    ctx.clock.advance(10_000)
    expect(getNode(ctx, 'node-2').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True')
    expect(taintsOf(ctx, 'node-2')).toEqual([])
    expect(getPod(ctx, 'web')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
  })

  it('every node silent (full disruption): Unknown and NoSchedule, but no NoExecute taint', () => {
    const { ctx, kubelets } = cluster(1)
    ctx.clock.settle()
    kubelets[0].stop()
    ctx.clock.advance(90_000)
    expect(getNode(ctx, 'node-1').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('Unknown')
    expect(taintsOf(ctx, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule'])
  })
})
