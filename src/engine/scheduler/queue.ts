import type { Pod } from '../api/types'
import type { Clock, ScheduledTask } from '../clock'
import { heapPop, heapPush, heapRemove } from './go-heap'

/**
 * The scheduling queue (`pkg/scheduler/backend/queue/scheduling_queue.go`, `PriorityQueue`):
 *
 * - **activeQ**: pods ready for a cycle, ordered by PrioritySort — higher `spec.priority`
 *   first, then the earlier queue timestamp (when the pod was added or last re-queued).
 * - **backoffQ**: pods that failed and wait out their back-off: 1 s doubling per failure up to
 *   10 s (`podInitialBackoffSeconds` / `podMaxBackoffSeconds`).
 * - **unschedulablePods**: (only with `parkUnschedulable`) pods that failed and wait for a
 *   cluster event, or 5 min (`podMaxInUnschedulablePodsDuration`), before going back.
 *
 * A cluster event that may make pods schedulable (a node added or changed, an assigned pod
 * deleted) moves unschedulable pods to activeQ — or to backoffQ while still backing off, as
 * `MoveAllToActiveOrBackoffQueue` does. Back-off ends exactly at its expiry here (Go polls
 * the backoffQ every second).
 *
 * Timers and `settle()`: a retry nothing has changed for would fail again, so back-off
 * timers run in the background; a cluster event re-arms them as foreground work, so
 * `settle()` waits for the retries that may now succeed.
 */
export interface QueueOptions {
  podInitialBackoffMs: number
  podMaxBackoffMs: number
  /**
   * true (default, as Kubernetes does): an unschedulable pod waits in unschedulablePods until
   * a cluster event that may help (node added/changed, assigned pod deleted) or 5 min pass,
   * then goes through back-off. false: straight to backoffQ, retried when back-off ends.
   */
  parkUnschedulable: boolean
  podMaxInUnschedulablePodsDurationMs: number
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  podInitialBackoffMs: 1000,
  podMaxBackoffMs: 10_000,
  parkUnschedulable: true,
  podMaxInUnschedulablePodsDurationMs: 5 * 60_000,
}

/** `framework.QueuedPodInfo`. */
export interface QueuedPodInfo {
  pod: Pod
  uid: string
  /** When the pod was added or last re-queued (PrioritySort's tie-breaker). */
  timestamp: number
  /** Cycles attempted. */
  attempts: number
  unschedulableCount: number
  consecutiveErrors: number
  /** Insertion order, so equal priority and timestamp still pop deterministically. */
  seq: number
  where?: 'active' | 'backoff' | 'unschedulable'
  timer?: ScheduledTask
}

const less = (a: QueuedPodInfo, b: QueuedPodInfo) => {
  const pa = priority(a.pod)
  const pb = priority(b.pod)
  if (pa !== pb) return pa > pb
  return a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq
}

export class SchedulingQueue {
  private readonly active: QueuedPodInfo[] = []
  private readonly infos = new Map<string, QueuedPodInfo>()
  private seq = 0
  private leftoverTimer?: ScheduledTask

  constructor(
    private readonly clock: Clock,
    /** Called whenever activeQ gains a pod. */
    private readonly onActive: () => void,
    readonly options: QueueOptions = DEFAULT_QUEUE_OPTIONS,
  ) {}

  /** A new pending pod. */
  add(pod: Pod): void {
    const uid = pod.metadata.uid as string
    if (this.infos.has(uid)) return this.update(pod)
    const p: QueuedPodInfo = { pod, uid, timestamp: this.clock.now(), attempts: 0, unschedulableCount: 0, consecutiveErrors: 0, seq: ++this.seq }
    this.infos.set(uid, p)
    this.toActive(p)
  }

  /**
   * The pod changed. A pod waiting in unschedulablePods whose spec, labels or annotations
   * changed may now fit, so it moves on (`isPodUpdated`); otherwise only the copy is refreshed.
   */
  update(pod: Pod): void {
    const p = this.infos.get(pod.metadata.uid as string)
    if (!p) return this.add(pod)
    const changed = specOf(p.pod) !== specOf(pod)
    p.pod = pod
    if (p.where === 'active') {
      const i = this.active.indexOf(p)
      heapRemove(this.active, i, less)
      heapPush(this.active, p, less)
    } else if (p.where === 'unschedulable' && changed) this.moveOut(p, true)
  }

  delete(uid: string): void {
    const p = this.infos.get(uid)
    if (!p) return
    this.detach(p)
    this.infos.delete(uid)
  }

  has(uid: string): boolean {
    return this.infos.has(uid)
  }

  hasActive(): boolean {
    return this.active.length > 0
  }

  /** The next pod for a cycle. It leaves the queue until it fails (`addUnschedulable`) or is deleted. */
  pop(): QueuedPodInfo | undefined {
    const p = heapPop(this.active, less)
    if (!p) return undefined
    p.where = undefined
    p.attempts++
    this.infos.delete(p.uid)
    return p
  }

  /**
   * `AddUnschedulableIfNotPresent` after a failed cycle: refresh the timestamp and count the
   * failure. Errors (a failed bind) always back off; unschedulable pods back off, or are
   * parked in unschedulablePods when `parkUnschedulable` is on.
   */
  addUnschedulable(p: QueuedPodInfo, pod: Pod, error: boolean): void {
    if (this.infos.has(p.uid)) return
    p.pod = pod
    p.timestamp = this.clock.now()
    if (error) p.consecutiveErrors++
    else {
      p.consecutiveErrors = 0
      p.unschedulableCount++
    }
    this.infos.set(p.uid, p)
    if (!error && this.options.parkUnschedulable) {
      p.where = 'unschedulable'
      this.armLeftoverFlush()
    } else this.toBackoff(p, error)
  }

  /** `MoveAllToActiveOrBackoffQueue` on a cluster event. */
  moveAllToActiveOrBackoff(): void {
    for (const p of [...this.infos.values()]) {
      if (p.where === 'unschedulable') this.moveOut(p, true)
      else if (p.where === 'backoff' && p.timer?.background) this.toBackoff(p, true)
    }
  }

  /** `calculateBackoffDuration`: initial << (count − 1), capped; the count is consecutive errors after an error. */
  backoffDuration(p: QueuedPodInfo): number {
    const count = p.consecutiveErrors > 0 ? p.consecutiveErrors : p.unschedulableCount
    if (count === 0) return 0
    const { podInitialBackoffMs: init, podMaxBackoffMs: max } = this.options
    let d = init
    for (let i = 1; i < count; i++) {
      if (d > max - d) return max
      d += d
    }
    return Math.min(d, max)
  }

  /** Where each pending pod waits (for the UI and tests). */
  pending(): { active: string[]; backoff: string[]; unschedulable: string[] } {
    const out = { active: [] as string[], backoff: [] as string[], unschedulable: [] as string[] }
    for (const p of this.infos.values()) if (p.where) out[p.where].push(`${p.pod.metadata.namespace}/${p.pod.metadata.name}`)
    return out
  }

  close(): void {
    for (const p of this.infos.values()) this.clock.cancel(p.timer)
    this.clock.cancel(this.leftoverTimer)
    this.infos.clear()
    this.active.length = 0
  }

  private toActive(p: QueuedPodInfo): void {
    this.detach(p)
    p.where = 'active'
    heapPush(this.active, p, less)
    this.onActive()
  }

  private toBackoff(p: QueuedPodInfo, foreground: boolean): void {
    const expiry = p.timestamp + this.backoffDuration(p)
    if (expiry <= this.clock.now()) return this.toActive(p)
    this.detach(p)
    p.where = 'backoff'
    p.timer = this.clock.at(expiry, () => this.toActive(p), { label: `scheduler backoff ${p.pod.metadata.name}`, background: !foreground })
  }

  /** Out of unschedulablePods: to backoffQ while backing off, else activeQ. */
  private moveOut(p: QueuedPodInfo, foreground: boolean): void {
    this.toBackoff(p, foreground)
  }

  private detach(p: QueuedPodInfo): void {
    this.clock.cancel(p.timer)
    p.timer = undefined
    if (p.where === 'active') {
      const i = this.active.indexOf(p)
      if (i >= 0) heapRemove(this.active, i, less)
    }
    p.where = undefined
  }

  /** `flushUnschedulablePodsLeftover`, every 30 s while pods are parked. */
  private armLeftoverFlush(): void {
    if (this.leftoverTimer && !this.leftoverTimer.cancelled) return
    this.leftoverTimer = this.clock.after(30_000, () => {
      this.leftoverTimer = undefined
      const now = this.clock.now()
      let parked = false
      for (const p of [...this.infos.values()]) {
        if (p.where !== 'unschedulable') continue
        if (now - p.timestamp > this.options.podMaxInUnschedulablePodsDurationMs) this.moveOut(p, false)
        else parked = true
      }
      if (parked) this.armLeftoverFlush()
    }, { label: 'scheduler flushUnschedulablePodsLeftover', background: true })
  }
}

function priority(pod: Pod): number {
  return typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0
}

/** What `isPodUpdated` compares: the pod without status and resourceVersion. */
function specOf(pod: Pod): string {
  return JSON.stringify([pod.spec, pod.metadata.labels, pod.metadata.annotations])
}
