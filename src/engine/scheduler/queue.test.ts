import { describe, expect, it } from 'vitest'
import { Clock } from '../clock'
import { DEFAULT_QUEUE_OPTIONS, SchedulingQueue, type QueuedPodInfo } from './queue'
import { pod } from './fixtures'

function setup(opts: Partial<typeof DEFAULT_QUEUE_OPTIONS> = {}) {
  const clock = new Clock()
  let kicks = 0
  const q = new SchedulingQueue(clock, () => kicks++, { ...DEFAULT_QUEUE_OPTIONS, ...opts })
  return { clock, q, kicks: () => kicks }
}

/** Pop the pod and fail it `times` times, returning its info (now waiting in the queue). */
function failTimes(q: SchedulingQueue, clock: Clock, p: ReturnType<typeof pod>, times: number): QueuedPodInfo {
  let info!: QueuedPodInfo
  for (let i = 0; i < times; i++) {
    clock.runUntil(clock.nextAt() ?? clock.now())
    info = q.pop()!
    q.addUnschedulable(info, p, false)
  }
  return info
}

describe('back-off (podInitialBackoffSeconds 1, podMaxBackoffSeconds 10)', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [6, 10_000],
    [40, 10_000],
  ])('after %d failures: %d ms', (failures, ms) => {
    const { q } = setup()
    const info = { unschedulableCount: failures, consecutiveErrors: 0 } as QueuedPodInfo
    expect(q.backoffDuration(info)).toBe(ms)
  })

  it('after an error the consecutive-error count decides', () => {
    const { q } = setup()
    expect(q.backoffDuration({ unschedulableCount: 4, consecutiveErrors: 1 } as QueuedPodInfo)).toBe(1000)
  })

  it('an unschedulable pod waits in backoffQ, then returns to activeQ at expiry', () => {
    const { clock, q } = setup({ parkUnschedulable: false })
    const p = pod('p')
    q.add(p)
    clock.advance(15)
    const info = q.pop()!
    expect(info.attempts).toBe(1)
    q.addUnschedulable(info, p, false)
    expect(q.pending().backoff).toEqual(['default/p'])
    clock.advance(999)
    expect(q.hasActive()).toBe(false)
    clock.advance(1)
    expect(q.pending().active).toEqual(['default/p'])
  })
})

describe('PrioritySort', () => {
  it('higher priority first, then the earlier queue timestamp', () => {
    const { clock, q } = setup()
    q.add(pod('old-low'))
    clock.advance(5)
    q.add(pod('high', { priority: 100 }))
    q.add(pod('new-low'))
    expect([q.pop(), q.pop(), q.pop()].map((x) => x?.pod.metadata.name)).toEqual(['high', 'old-low', 'new-low'])
  })

  it('a re-queued pod goes behind pods queued before it came back', () => {
    const { clock, q } = setup({ parkUnschedulable: false })
    const a = pod('a')
    q.add(a)
    const info = q.pop()!
    q.add(pod('b')) // queued at 0
    clock.advance(10)
    q.addUnschedulable(info, a, false) // a's timestamp is now 10
    clock.advance(1000)
    expect(q.pending().active.sort()).toEqual(['default/a', 'default/b'])
    expect(q.pop()?.pod.metadata.name).toBe('b')
  })
})

describe('cluster events', () => {
  it('re-arm back-off timers as foreground work, so settle() waits for the retry', () => {
    const { clock, q } = setup()
    const p = pod('p')
    q.add(p)
    failTimes(q, clock, p, 1)
    expect(clock.pendingForeground()).toBe(0)
    q.moveAllToActiveOrBackoff()
    expect(clock.pendingForeground()).toBe(1)
    expect(q.pending().backoff).toEqual(['default/p']) // still backing off, as Kubernetes does
  })

  it('with parkUnschedulable, a pod waits for an event and then skips back-off already served', () => {
    const { clock, q } = setup({ parkUnschedulable: true })
    const p = pod('p')
    q.add(p)
    failTimes(q, clock, p, 1)
    expect(q.pending().unschedulable).toEqual(['default/p'])
    clock.advance(60_000)
    expect(q.pending().unschedulable).toEqual(['default/p'])
    q.moveAllToActiveOrBackoff()
    expect(q.pending().active).toEqual(['default/p'])
  })

  it('with parkUnschedulable, an event during back-off moves the pod to backoffQ', () => {
    const { clock, q } = setup({ parkUnschedulable: true })
    const p = pod('p')
    q.add(p)
    failTimes(q, clock, p, 1)
    clock.advance(500)
    q.moveAllToActiveOrBackoff()
    expect(q.pending().backoff).toEqual(['default/p'])
    clock.advance(500)
    expect(q.pending().active).toEqual(['default/p'])
  })

  it('with parkUnschedulable, a pod left alone returns after podMaxInUnschedulablePodsDuration (checked every 30 s)', () => {
    const { clock, q } = setup({ parkUnschedulable: true })
    const p = pod('p')
    q.add(p)
    failTimes(q, clock, p, 1)
    const failedAt = clock.now()
    clock.advance(300_000)
    expect(q.pending().unschedulable).toEqual(['default/p'])
    clock.advance(30_000)
    expect(q.pending().active).toEqual(['default/p'])
    expect(clock.now() - failedAt).toBe(330_000)
  })

  it('a spec change moves a parked pod; a status-only change does not', () => {
    const { clock, q } = setup({ parkUnschedulable: true })
    const p = pod('p')
    q.add(p)
    failTimes(q, clock, p, 1)
    clock.advance(5000)
    q.update({ ...p, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } })
    expect(q.pending().unschedulable).toEqual(['default/p'])
    q.update({ ...p, spec: { ...p.spec, tolerations: [{ operator: 'Exists' }] } })
    expect(q.pending().active).toEqual(['default/p'])
  })
})

describe('delete', () => {
  it('forgets the pod and its timer', () => {
    const { clock, q } = setup()
    const p = pod('p')
    q.add(p)
    failTimes(q, clock, p, 1)
    q.delete(p.metadata.uid as string)
    clock.advance(20_000)
    expect(q.hasActive()).toBe(false)
    expect(q.has(p.metadata.uid as string)).toBe(false)
  })
})
