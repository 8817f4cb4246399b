import type { Component, EngineContext } from '../context'
import type { ScheduledTask } from '../clock'
import type { KObject, Node, NodeCondition, Pod, Taint } from '../api/types'
import { deepCopy } from '../api/types'
import { ApiError } from '../apiserver/errors'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'
import type { EventSource } from '../runtime/events'
import { TAINT_KEYS, hasTaint, noScheduleTaintDiff, swapTaints } from './nodelifecycle-taints'
import { RateLimitedTimedQueue, type ZoneState, computeZoneState, zoneKey } from './nodelifecycle-zones'
import { type NodeHealth, observeNodeHealth, podNotReadyConditions } from './nodelifecycle-health'

/**
 * The node lifecycle controller (`pkg/controller/nodelifecycle/node_lifecycle_controller.go`,
 * REFERENCE 7), in kube-controller-manager. Every `nodeMonitorPeriod` it checks each node's
 * heartbeat: a node silent for longer than the grace period gets every condition `Unknown`
 * (`Kubelet stopped posting node status.`), its pods are marked not Ready, and it is tainted
 * `unreachable` (NoExecute via a rate-limited queue; NoSchedule by the tainting pass that runs
 * on every node update). The same pass removes the admission-added `not-ready:NoSchedule`
 * as soon as a new node reports Ready.
 *
 * Taint-based eviction (`tainteviction.ts`) reads the NoExecute taints written here and
 * deletes the pods whose tolerations run out.
 */

export const NODE_LIFECYCLE = {
  nodeMonitorPeriodMs: 5_000,
  /** `--node-monitor-grace-period`: 50 s in current releases (REFERENCE 7). */
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  /** `scheduler.NodeEvictionPeriod`: how often the NoExecute tainting queue is tried. */
  nodeEvictionPeriodMs: 100,
  /** `--node-eviction-rate` and `--secondary-node-eviction-rate` (nodes per second per zone). */
  evictionLimiterQPS: 0.1,
  secondaryEvictionLimiterQPS: 0.01,
  largeClusterThreshold: 50,
  /** `scheduler.NodeHealthUpdateRetry`. */
  nodeHealthUpdateRetry: 5,
} as const

const readyOf = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')

// ---- the controller ------------------------------------------------------------------

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller'
  private readonly actor = 'node-lifecycle-controller'
  private readonly source: EventSource = { component: 'node-controller' }
  private nodes?: Informer
  private pods?: Informer
  private nodeQueue: WorkQueue
  private podQueue: WorkQueue
  private health = new Map<string, NodeHealth>()
  private known = new Map<string, string>() // name → uid
  private zoneStates = new Map<string, ZoneState>()
  private tainters = new Map<string, RateLimitedTimedQueue>()
  private nodesToRetry = new Set<string>()
  private monitorTask?: ScheduledTask
  private taintTask?: ScheduledTask
  private isRunning = false

  constructor(private readonly ctx: EngineContext) {
    this.nodeQueue = new WorkQueue(ctx.clock, 'node_lifecycle_controller', (k) => this.doNoScheduleTaintingPass(k))
    this.podQueue = new WorkQueue(ctx.clock, 'node_lifecycle_controller_pods', (k) => this.processPod(k))
  }

  running(): boolean {
    return this.isRunning
  }

  start(): void {
    if (this.isRunning) return
    this.isRunning = true
    this.nodes = new Informer(this.ctx.api, 'nodes', this.actor)
    this.nodes.addHandlers({
      add: (n) => this.isRunning && this.nodeQueue.add(n.metadata.name as string),
      update: (_, n) => this.isRunning && this.nodeQueue.add(n.metadata.name as string),
    })
    this.pods = new Informer(this.ctx.api, 'pods', this.actor)
    this.pods.addIndex('spec.nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []))
    const podUpdated = (old: KObject | undefined, p: KObject) => {
      if (this.isRunning && p.spec?.nodeName && (!old || old.spec?.nodeName !== p.spec.nodeName)) this.podQueue.add(`${p.metadata.namespace}/${p.metadata.name}`)
    }
    this.pods.addHandlers({ add: (p) => podUpdated(undefined, p), update: podUpdated })
    this.nodes.start()
    this.pods.start()
    this.monitor()
  }

  stop(): void {
    this.isRunning = false
    this.ctx.clock.cancel(this.monitorTask)
    this.ctx.clock.cancel(this.taintTask)
    this.nodes?.stop()
    this.pods?.stop()
  }

  // ---- monitorNodeHealth -------------------------------------------------------------

  /** Every `nodeMonitorPeriod` (background: it runs forever). */
  private monitor(): void {
    if (!this.isRunning) return
    this.monitorNodeHealth()
    this.monitorTask = this.ctx.clock.after(NODE_LIFECYCLE.nodeMonitorPeriodMs, () => this.monitor(), { label: 'node-lifecycle-controller monitorNodeHealth', background: true })
  }

  private monitorNodeHealth(): void {
    const nodes = (this.nodes!.list() as Node[]).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    const names = new Set(nodes.map((n) => n.metadata.name as string))
    for (const n of nodes) {
      const name = n.metadata.name as string
      if (this.known.has(name)) continue
      this.nodeEvent(n, 'RegisteredNode', `Registered Node ${name} in Controller`)
      this.known.set(name, n.metadata.uid as string)
      this.addTainterForZone(n)
      this.markNodeAsReachable(n)
    }
    for (const [name, uid] of [...this.known]) {
      if (names.has(name)) continue
      const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } } as Node
      this.nodeEvent(ref, 'RemovingNode', `Removing Node ${name} from Controller`)
      this.known.delete(name)
      this.health.delete(name)
    }
    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>()
    for (const n0 of nodes) {
      const res = this.updateNodeHealth(n0)
      if (!res) continue
      const { node, observed, current } = res
      const zone = zoneKey(node)
      this.addTainterForZone(node)
      zoneConditions.set(zone, [...(zoneConditions.get(zone) ?? []), current])
      if (!current) continue
      const name = node.metadata.name as string
      this.processTaintBaseEviction(node, observed)
      const wasReady = observed.status === 'True'
      if (current.status !== 'True' && wasReady) {
        this.nodeEvent(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`)
        this.markPodsNotReady(name)
      } else if (this.nodesToRetry.has(name) && observed.status !== 'True') this.markPodsNotReady(name)
      this.nodesToRetry.delete(name)
    }
    this.handleDisruption(zoneConditions, nodes)
  }

  /** `tryUpdateNodeHealth` with its retries: returns the node as written, the Ready condition seen, and the one now. */
  private updateNodeHealth(node0: Node): { node: Node; observed: NodeCondition; current?: NodeCondition } | undefined {
    let node = node0
    for (let attempt = 0; attempt < NODE_LIFECYCLE.nodeHealthUpdateRetry; attempt++) {
      try {
        return this.tryUpdateNodeHealth(node)
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        const fresh = this.ctx.api.peek('nodes', undefined, node.metadata.name as string) as Node | undefined
        if (!fresh) return undefined
        node = fresh
      }
    }
    return undefined
  }

  private tryUpdateNodeHealth(node: Node): { node: Node; observed: NodeCondition; current?: NodeCondition } {
    const now = this.ctx.clock.now()
    const name = node.metadata.name as string
    const grace = { monitorMs: NODE_LIFECYCLE.nodeMonitorGracePeriodMs, startupMs: NODE_LIFECYCLE.nodeStartupGracePeriodMs }
    const v = observeNodeHealth(node, this.health.get(name), now, this.ctx.clock.timestamp(), this.ctx.clock.parse(node.metadata.creationTimestamp) ?? 0, grace)
    this.health.set(name, v.health)
    if (!v.unknown) return { node, observed: v.observed, current: readyOf(node) }
    const next = deepCopy(node)
    next.status = { ...(next.status ?? {}), conditions: v.unknown }
    const stored = this.ctx.api.update('nodes', next, { subresource: 'status', actor: this.actor }) as Node
    this.record(name, 'NodeStatusUnknown', `no heartbeat for ${Math.round((now - v.health.probeTimestamp) / 1000)}s (grace ${v.graceMs / 1000}s): conditions Unknown`)
    this.health.set(name, { probeTimestamp: v.health.probeTimestamp, readyTransitionTimestamp: now, ready: readyOf(stored) })
    return { node: stored, observed: v.observed, current: readyOf(stored) }
  }

  /** `processTaintBaseEviction`: NoExecute `not-ready`/`unreachable` follow the Ready status this pass observed. */
  private processTaintBaseEviction(node: Node, observed: NodeCondition): void {
    const name = node.metadata.name as string
    if (observed.status === 'False') {
      if (hasTaint(node, TAINT_KEYS.unreachable, 'NoExecute')) this.swap(name, [{ key: TAINT_KEYS.notReady, effect: 'NoExecute' }], [{ key: TAINT_KEYS.unreachable, effect: 'NoExecute' }])
      else this.markNodeForTainting(node, 'False')
    } else if (observed.status === 'Unknown') {
      if (hasTaint(node, TAINT_KEYS.notReady, 'NoExecute')) this.swap(name, [{ key: TAINT_KEYS.unreachable, effect: 'NoExecute' }], [{ key: TAINT_KEYS.notReady, effect: 'NoExecute' }])
      else this.markNodeForTainting(node, 'Unknown')
    } else this.markNodeAsReachable(node)
  }

  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): void {
    const name = node.metadata.name as string
    const q = this.tainters.get(zoneKey(node))!
    const key = status === 'False' ? TAINT_KEYS.notReady : TAINT_KEYS.unreachable
    if (!hasTaint(node, key, 'NoExecute')) q.remove(name)
    if (q.add(name, this.ctx.clock.now()) && q.active()) this.scheduleTaintPass()
  }

  private markNodeAsReachable(node: Node): void {
    const name = node.metadata.name as string
    const remove = [TAINT_KEYS.unreachable, TAINT_KEYS.notReady].filter((k) => hasTaint(node, k, 'NoExecute')).map((key) => ({ key, effect: 'NoExecute' }))
    if (remove.length) this.swap(name, [], remove)
    this.tainters.get(zoneKey(node))?.remove(name)
  }

  private addTainterForZone(node: Node): void {
    const zone = zoneKey(node)
    if (this.zoneStates.has(zone)) return
    this.zoneStates.set(zone, 'Initial')
    this.tainters.set(zone, new RateLimitedTimedQueue(NODE_LIFECYCLE.evictionLimiterQPS))
  }

  /** `doNoExecuteTaintingPass`, every `NodeEvictionPeriod` while some node waits for its taint. */
  private scheduleTaintPass(): void {
    if (this.taintTask && !this.taintTask.cancelled) return
    this.taintTask = this.ctx.clock.after(NODE_LIFECYCLE.nodeEvictionPeriodMs, () => {
      this.taintTask = undefined
      if (!this.isRunning) return
      const now = this.ctx.clock.now()
      for (const q of this.tainters.values())
        q.try(now, (name) => {
          const node = this.nodes!.get(name) as Node | undefined
          if (!node) return [true, 0]
          const ready = readyOf(node)
          if (!ready) return [false, 50]
          // not-ready and unreachable are mutually exclusive, like the Ready condition they mirror.
          if (ready.status === 'False') return [this.swap(name, [{ key: TAINT_KEYS.notReady, effect: 'NoExecute' }], [{ key: TAINT_KEYS.unreachable, effect: 'NoExecute' }]), 0]
          if (ready.status === 'Unknown') return [this.swap(name, [{ key: TAINT_KEYS.unreachable, effect: 'NoExecute' }], [{ key: TAINT_KEYS.notReady, effect: 'NoExecute' }]), 0]
          return [true, 0]
        })
      if ([...this.tainters.values()].some((q) => q.active())) this.scheduleTaintPass()
    }, { label: 'node-lifecycle-controller doNoExecuteTaintingPass', background: true })
  }

  /**
   * `handleDisruption`: when every node of every zone is not Ready, the control plane is more
   * likely cut off than the nodes dead — stop tainting and remove the NoExecute taints.
   */
  private handleDisruption(zoneConditions: Map<string, (NodeCondition | undefined)[]>, nodes: Node[]): void {
    const now = this.ctx.clock.now()
    const newStates = new Map<string, ZoneState>()
    let allAreFullyDisrupted = true
    for (const [zone, conds] of zoneConditions) {
      const { state } = computeZoneState(conds)
      if (state !== 'FullDisruption') allAreFullyDisrupted = false
      newStates.set(zone, state)
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial')
    }
    let allWasFullyDisrupted = true
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone)
        continue
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false
        break
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return
    if (allAreFullyDisrupted) {
      this.record('', 'FullDisruption', 'no node is Ready: NoExecute tainting stops')
      for (const n of nodes) this.markNodeAsReachable((this.nodes!.get(n.metadata.name as string) as Node) ?? n)
      for (const zone of this.zoneStates.keys()) {
        this.tainters.get(zone)?.swapLimiter(0, now)
        this.zoneStates.set(zone, 'FullDisruption')
      }
      return
    }
    if (allWasFullyDisrupted) {
      // Leaving full disruption: every node gets a fresh grace period.
      for (const n of nodes) {
        const h = this.health.get(n.metadata.name as string)
        if (h) this.health.set(n.metadata.name as string, { ...h, probeTimestamp: now, readyTransitionTimestamp: now })
      }
      for (const zone of this.zoneStates.keys()) {
        this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, newStates.get(zone) ?? 'Normal')
        this.zoneStates.set(zone, newStates.get(zone) ?? 'Normal')
      }
      return
    }
    for (const [zone, state] of this.zoneStates) {
      const next = newStates.get(zone) ?? state
      if (next === state) continue
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next)
      this.zoneStates.set(zone, next)
    }
  }

  private setLimiterInZone(zone: string, size: number, state: ZoneState): void {
    const q = this.tainters.get(zone)
    if (!q) return
    const now = this.ctx.clock.now()
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(NODE_LIFECYCLE.evictionLimiterQPS, now)
    else if (state === 'PartialDisruption') q.swapLimiter(size > NODE_LIFECYCLE.largeClusterThreshold ? NODE_LIFECYCLE.secondaryEvictionLimiterQPS : 0, now)
    if (q.active()) this.scheduleTaintPass()
  }

  // ---- NoSchedule tainting pass (on every node change) --------------------------------

  private doNoScheduleTaintingPass(name: string): void {
    const node = this.nodes?.get(name) as Node | undefined
    if (!node) return
    const { add, remove } = noScheduleTaintDiff(node)
    if (!add.length && !remove.length) return
    this.swap(name, add, remove)
  }

  // ---- pods --------------------------------------------------------------------------

  /** `processPod`: a pod newly bound to a node that is not Ready is marked not Ready too. */
  private processPod(key: string): void {
    const pod = this.pods?.get(key) as Pod | undefined
    if (!pod?.spec.nodeName) return
    const health = this.health.get(pod.spec.nodeName)
    if (!health?.ready || health.ready.status === 'True') return
    this.markPodNotReady(pod)
  }

  private markPodsNotReady(nodeName: string): void {
    for (const p of this.pods!.byIndex('spec.nodeName', nodeName) as Pod[]) {
      if (!this.markPodNotReady(p)) this.nodesToRetry.add(nodeName)
    }
  }

  /** Ready=False on the pod, then Warning `NodeNotReady` `Node is not ready` on it. False on a write error. */
  private markPodNotReady(pod: Pod): boolean {
    const conditions = podNotReadyConditions(pod, this.ctx.clock.timestamp())
    if (!conditions) return true
    try {
      const stored = this.ctx.api.update('pods', { ...pod, status: { ...pod.status, conditions } }, { subresource: 'status', actor: this.actor })
      this.ctx.events.record(this.source, stored, 'Warning', 'NodeNotReady', 'Node is not ready')
      return true
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return e.code === 404
    }
  }

  // ---- writes ------------------------------------------------------------------------

  /** Add and remove taints on a node (`AddOrUpdateTaintOnNode` + `RemoveTaintOffNode`), retrying conflicts. */
  private swap(name: string, add: Taint[], remove: { key: string; effect: string }[]): boolean {
    let node = this.nodes?.get(name) as Node | undefined
    for (let attempt = 0; node && attempt < NODE_LIFECYCLE.nodeHealthUpdateRetry; attempt++) {
      const taints = swapTaints(node.spec?.taints, add, remove, this.ctx.clock.timestamp())
      const missing = add.some((a) => !hasTaint(node!, a.key, a.effect))
      const extra = remove.some((r) => hasTaint(node!, r.key, r.effect))
      if (!missing && !extra) return true
      const next = deepCopy(node)
      next.spec = { ...next.spec, taints }
      if (!taints.length) delete next.spec.taints
      try {
        this.ctx.api.update('nodes', next, { actor: this.actor })
        const added = add.filter((a) => !hasTaint(node!, a.key, a.effect))
        const removed = remove.filter((r) => hasTaint(node!, r.key, r.effect))
        const what = [...added.map((t) => `+${t.key}:${t.effect}`), ...removed.map((t) => `-${t.key}:${t.effect}`)].join(' ')
        this.record(name, 'Taint', what)
        return true
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        if (e.code !== 409) return false
        node = this.ctx.api.get('nodes', undefined, name, { actor: this.actor }) as Node
      }
    }
    return false
  }

  /** `RecordNodeEvent` / `RecordNodeStatusChange`: events about a node, in namespace default. */
  private nodeEvent(node: Node, reason: string, message: string): void {
    const text = reason === 'NodeNotReady' ? message : `Node ${node.metadata.name} event: ${message}`
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.uid } }
    this.ctx.events.record(this.source, ref, 'Normal', reason, text)
  }

  private record(key: string, action: string, detail: string): void {
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }
}
