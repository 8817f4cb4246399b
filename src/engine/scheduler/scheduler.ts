import type { KObject, Node, Pod, PodCondition } from '../api/types'
import { deepCopy } from '../api/types'
import type { ScheduledTask } from '../clock'
import type { Component, EngineContext } from '../context'
import { LATENCY } from '../latency'
import type { ScheduleRecord } from '../records'
import { Informer } from '../runtime/informer'
import { ApiError } from '../apiserver/errors'
import { SchedulerCache } from './cache'
import { isAssigned, isTerminal, nodeSchedulingPropertiesChanged } from './cluster-events'
import { truncateMessage } from './fit-error'
import { DEFAULT_QUEUE_OPTIONS, SchedulingQueue, type QueuedPodInfo, type QueueOptions } from './queue'
import { schedulePod, type ScheduleResult } from './schedule-one'

/** The default profile's name: pods with this `spec.schedulerName` are ours; events come from it. */
export const SCHEDULER_NAME = 'default-scheduler'
const ACTOR = 'kube-scheduler'

/**
 * kube-scheduler: watch pods and nodes, keep a cache of what each node has requested, pop
 * pending pods in PrioritySort order and run one scheduling cycle each (`LATENCY.scheduleMs`
 * on the clock): filter, score, pick (`schedule-one.ts`), assume, bind through
 * `pods/binding`, and say so in an event. A pod that fits nowhere gets the FitError as a
 * `FailedScheduling` event and a `PodScheduled=False` condition, and is retried after its
 * back-off (`queue.ts`). Every attempt leaves a ScheduleRecord: per node, the filter that
 * rejected it or each plugin's score — the "why" the UI shows.
 *
 * @example
 *   const s = new Scheduler(ctx); s.start()
 *   ctx.api.create('pods', pod); ctx.clock.advance(100)
 *   s.lastDecision(uid)?.selected // 'node-2'
 */
export class Scheduler implements Component {
  readonly name = 'kube-scheduler'
  private readonly options: QueueOptions
  private cache = new SchedulerCache()
  private queue: SchedulingQueue
  private pods?: Informer
  private nodes?: Informer
  private cycle?: ScheduledTask
  private nextStartNodeIndex = 0
  private readonly decisions = new Map<string, ScheduleRecord>()
  /** Bumped by start/stop so watch deliveries already in flight to an old informer are ignored. */
  private generation = 0
  private active = false

  constructor(
    private readonly ctx: EngineContext,
    options: Partial<QueueOptions> = {},
  ) {
    this.options = { ...DEFAULT_QUEUE_OPTIONS, ...options }
    this.queue = new SchedulingQueue(ctx.clock, () => this.kick(), this.options)
  }

  start(): void {
    if (this.active) return
    this.active = true
    const gen = ++this.generation
    const live = () => gen === this.generation
    this.cache = new SchedulerCache()
    this.queue = new SchedulingQueue(this.ctx.clock, () => this.kick(), this.options)
    this.nextStartNodeIndex = 0
    this.nodes = new Informer(this.ctx.api, 'nodes', ACTOR)
    this.nodes.addHandlers({
      add: (n) => live() && this.onNodeAdd(n as Node),
      update: (o, n) => live() && this.onNodeUpdate(o as Node, n as Node),
      delete: (n) => live() && this.cache.removeNode(n as Node),
    })
    this.pods = new Informer(this.ctx.api, 'pods', ACTOR)
    this.pods.addHandlers({
      add: (p) => live() && this.onPodAdd(p as Pod),
      update: (o, p) => live() && this.onPodUpdate(o as Pod, p as Pod),
      delete: (p) => live() && this.onPodGone(p as Pod, true),
    })
    this.nodes.start()
    this.pods.start()
  }

  stop(): void {
    if (!this.active) return
    this.active = false
    this.generation++
    this.pods?.stop()
    this.nodes?.stop()
    this.ctx.clock.cancel(this.cycle)
    this.cycle = undefined
    this.queue.close()
  }

  running(): boolean {
    return this.active
  }

  /** The last scheduling attempt for a pod: per-node verdicts, the choice, the message. */
  lastDecision(podUid: string): ScheduleRecord | undefined {
    return this.decisions.get(podUid)
  }

  /** Pending pods by queue (`namespace/name`), for the UI. */
  pending(): { active: string[]; backoff: string[]; unschedulable: string[] } {
    return this.queue.pending()
  }

  // ---- watch handlers (`pkg/scheduler/eventhandlers.go`) -------------------------------------

  private onNodeAdd(node: Node): void {
    this.cache.addNode(node)
    this.queue.moveAllToActiveOrBackoff() // NodeAdd
  }

  private onNodeUpdate(old: Node, node: Node): void {
    this.cache.updateNode(old, node)
    if (nodeSchedulingPropertiesChanged(old, node)) this.queue.moveAllToActiveOrBackoff()
  }

  private onPodAdd(pod: Pod): void {
    if (isTerminal(pod)) return
    if (isAssigned(pod)) this.cache.addPod(pod)
    else if (this.responsibleFor(pod)) this.queue.add(pod)
  }

  private onPodUpdate(old: Pod, pod: Pod): void {
    const uid = pod.metadata.uid as string
    if (isTerminal(pod)) return this.onPodGone(old, false)
    if (isAssigned(pod)) {
      // Bound (by us — confirming the assumption — or by anyone): it leaves the queue.
      this.queue.delete(uid)
      this.cache.updatePod(pod)
      return
    }
    if (!this.responsibleFor(pod)) return this.queue.delete(uid)
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion || this.cache.isAssumed(uid)) return
    this.queue.update(pod)
  }

  private onPodGone(pod: Pod, deleted: boolean): void {
    const uid = pod.metadata.uid as string
    this.queue.delete(uid)
    if (deleted) this.decisions.delete(uid)
    // An assigned pod leaving frees room on its node (AssignedPodDelete).
    if (this.cache.removePod(pod)) this.queue.moveAllToActiveOrBackoff()
  }

  /** Ours: `spec.schedulerName` is the default profile, no node yet, not being deleted. */
  private responsibleFor(pod: Pod): boolean {
    return (pod.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !pod.metadata.deletionTimestamp
  }

  // ---- the scheduling cycle (`schedule_one.go`) ---------------------------------------------

  private kick(): void {
    if (!this.active || this.cycle || !this.queue.hasActive()) return
    this.cycle = this.ctx.clock.after(
      LATENCY.scheduleMs,
      () => {
        this.cycle = undefined
        this.scheduleOne()
        this.kick()
      },
      { label: 'kube-scheduler scheduleOne' },
    )
  }

  private scheduleOne(): void {
    const p = this.queue.pop()
    if (!p) return
    const pod = p.pod
    if (this.cache.isAssumed(p.uid)) return // skipPodSchedule: already placed, waiting for the watch
    const res = schedulePod(pod, this.cache.nodeInfos(), this.nextStartNodeIndex, this.ctx.rng)
    this.nextStartNodeIndex = res.nextStartNodeIndex
    if (!res.host) {
      this.record(pod, res, undefined, res.message)
      return this.handleFailure(p, 'Unschedulable', res.message!)
    }
    // Assume first, so the next cycle already sees this pod on its node.
    this.cache.assumePod(pod, res.host)
    const ns = pod.metadata.namespace as string
    const name = pod.metadata.name as string
    try {
      this.ctx.api.bind(ns, name, res.host, { actor: ACTOR })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      // handleBindingCycleError: give the room back (that frees room like a pod deletion), retry.
      this.cache.forgetPod(pod)
      this.queue.moveAllToActiveOrBackoff()
      this.record(pod, res, res.host, e.message)
      return this.handleFailure(p, 'SchedulerError', e.message)
    }
    this.record(pod, res, res.host, undefined)
    this.ctx.events.record({ component: SCHEDULER_NAME }, pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${res.host}`)
  }

  /**
   * `handleSchedulingFailure`: back to the queue if the pod still exists unbound, a Warning
   * `FailedScheduling` event, and the `PodScheduled=False` condition.
   */
  private handleFailure(p: QueuedPodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string): void {
    const pod = p.pod
    const cached = this.pods?.get(`${pod.metadata.namespace}/${pod.metadata.name}`) as Pod | undefined
    if (cached && cached.metadata.uid === p.uid && !isAssigned(cached)) this.queue.addUnschedulable(p, cached, reason === 'SchedulerError')
    this.ctx.events.record({ component: SCHEDULER_NAME }, pod, 'Warning', 'FailedScheduling', truncateMessage(message))
    this.updatePodScheduledCondition(pod, reason, message)
  }

  /** `updatePod` with `podutil.UpdatePodCondition`: keep lastTransitionTime if the status is the same; write nothing if nothing changed. */
  private updatePodScheduledCondition(pod: Pod, reason: string, message: string): void {
    const cur = this.ctx.api.peek('pods', pod.metadata.namespace, pod.metadata.name as string) as Pod | undefined
    if (!cur || cur.metadata.uid !== pod.metadata.uid || isAssigned(cur)) return
    const status = deepCopy(cur.status ?? {})
    const conditions = status.conditions ?? []
    const next: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: this.ctx.clock.timestamp(),
      reason,
      message,
    }
    const i = conditions.findIndex((c) => c.type === 'PodScheduled')
    if (i >= 0) {
      const old = conditions[i]
      if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime
      const same =
        old.status === next.status &&
        old.reason === next.reason &&
        old.message === next.message &&
        (old.lastProbeTime ?? null) === next.lastProbeTime &&
        old.lastTransitionTime === next.lastTransitionTime
      if (same) return
      conditions[i] = next
    } else conditions.push(next)
    status.conditions = conditions
    try {
      this.ctx.api.update('pods', { ...(cur as KObject), status }, { actor: ACTOR, subresource: 'status' })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e // deleted meanwhile: nothing to report on
    }
  }

  private record(pod: Pod, res: ScheduleResult, selected: string | undefined, message: string | undefined): void {
    const r: Omit<ScheduleRecord, 'seq' | 'time'> = {
      type: 'schedule',
      pod: pod.metadata.name as string,
      namespace: pod.metadata.namespace as string,
      podUid: pod.metadata.uid as string,
      nodes: res.verdicts,
      selected,
      tiedForBest: selected ? res.tiedForBest : undefined,
      message,
    }
    this.ctx.records.add(r)
    this.decisions.set(r.podUid, { ...r, seq: this.ctx.records.lastSeq(), time: this.ctx.clock.now() })
  }
}
