import type { Component, EngineContext } from '../context'
import type { ScheduledTask } from '../clock'
import type { KObject, Node, Pod, Taint } from '../api/types'
import { deepCopy } from '../api/types'
import { Informer } from '../runtime/informer'
import { ApiError } from '../apiserver/errors'
import { minTolerationMs } from './tainteviction-time'

const ACTOR = 'taint-eviction-controller'
const SOURCE = { component: ACTOR }

/**
 * Taint-based eviction (`pkg/controller/tainteviction/taint_eviction.go`): a pod on a node
 * with NoExecute taints is deleted at once if it does not tolerate one of them, or when its
 * shortest `tolerationSeconds` runs out — 300 s for the not-ready/unreachable tolerations
 * admission adds, so pods leave a dead node about 50 s + 300 s after its last heartbeat.
 * If the taint goes first, the deletion is cancelled. Before deleting it marks the pod
 * `DisruptionTarget=True` (DeletionByTaintManager); the ReplicaSet replaces it as soon as it
 * has a deletionTimestamp, while the pod itself stays Terminating until its kubelet returns.
 */
export class TaintEvictionController implements Component {
  readonly name = ACTOR
  private nodes?: Informer
  private pods?: Informer
  /** Scheduled evictions by pod key, with the time they were first scheduled (`CreatedAt`). */
  private readonly work = new Map<string, { task: ScheduledTask; createdAt: number; uid: string }>()

  constructor(private readonly ctx: EngineContext) {}

  start(): void {
    if (this.nodes) return
    this.nodes = new Informer(this.ctx.api, 'nodes', ACTOR)
    this.pods = new Informer(this.ctx.api, 'pods', ACTOR)
    this.pods.addIndex('spec.nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []))
    this.nodes.addHandlers({
      add: (n) => this.processNode(n as Node),
      update: (old, n) => {
        if (JSON.stringify(noExecute(old as Node)) !== JSON.stringify(noExecute(n as Node))) this.processNode(n as Node)
      },
    })
    this.pods.addHandlers({
      add: (p) => this.processPod(p as Pod),
      update: (_, p) => this.processPod(p as Pod),
      delete: (p) => this.cancel(key(p), false),
    })
    this.pods.start()
    this.nodes.start()
  }

  stop(): void {
    this.nodes?.stop()
    this.pods?.stop()
    this.nodes = this.pods = undefined
    for (const w of this.work.values()) this.ctx.clock.cancel(w.task)
    this.work.clear()
  }

  running(): boolean {
    return this.nodes !== undefined
  }

  private processNode(node: Node): void {
    for (const p of this.pods?.byIndex('spec.nodeName', node.metadata.name as string) ?? []) this.processPod(p as Pod, node)
  }

  private processPod(pod: Pod, node?: Node): void {
    const k = key(pod)
    const nodeName = pod.spec?.nodeName
    if (!nodeName || pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      this.cancel(k, false)
      return
    }
    const n = node ?? (this.nodes?.get(nodeName) as Node | undefined)
    const taints = n ? noExecute(n) : []
    if (!taints.length) return this.cancel(k, true, pod)
    const min = minTolerationMs(taints, pod.spec.tolerations)
    if (min === undefined) return this.cancel(k, true, pod) // tolerated forever
    const now = this.ctx.clock.now()
    if (min === 0) {
      this.cancel(k, false)
      this.schedule(k, pod, now, now)
      return
    }
    // An eviction already scheduled earlier keeps its deadline (createdAt + min ≤ now + min).
    if (this.work.has(k)) return
    this.schedule(k, pod, now, now + min)
  }

  private schedule(k: string, pod: Pod, createdAt: number, at: number): void {
    const [ns, name] = k.split('/')
    const task = this.ctx.clock.at(at, () => this.evict(k, ns, name), { label: `${ACTOR} evict ${k}`, background: at > createdAt })
    this.work.set(k, { task, createdAt, uid: pod.metadata.uid as string })
    this.ctx.records.add({ type: 'controller', controller: ACTOR, key: k, action: 'schedule', detail: `NoExecute taint on ${pod.spec.nodeName}: evict at +${Math.round((at - createdAt) / 1000)}s` })
  }

  private cancel(k: string, emit: boolean, pod?: Pod): void {
    const w = this.work.get(k)
    if (!w) return
    this.ctx.clock.cancel(w.task)
    this.work.delete(k)
    if (emit && pod) this.ctx.events.record(SOURCE, pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion Pod ${k}`)
    this.ctx.records.add({ type: 'controller', controller: ACTOR, key: k, action: 'cancel', detail: 'taint gone or tolerated: eviction cancelled' })
  }

  /** `deletePodHandler` → `addConditionAndDeletePod`. */
  private evict(k: string, ns: string, name: string): void {
    const w = this.work.get(k)
    this.work.delete(k)
    const pod = this.ctx.api.peek('pods', ns, name) as Pod | undefined
    if (!pod || (w && pod.metadata.uid !== w.uid) || pod.metadata.deletionTimestamp) return
    this.ctx.events.record(SOURCE, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${k}`)
    try {
      const next = deepCopy(pod) as KObject
      const conds = (next.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget')
      conds.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: this.ctx.clock.timestamp(),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      })
      next.status = { ...(next.status ?? {}), conditions: conds }
      this.ctx.api.update('pods', next, { subresource: 'status', actor: ACTOR })
      this.ctx.api.delete('pods', ns, name, { actor: ACTOR, uid: pod.metadata.uid })
      this.ctx.records.add({ type: 'controller', controller: ACTOR, key: k, action: 'evict', detail: `deleted: NoExecute taint on ${pod.spec.nodeName}` })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      this.ctx.records.add({ type: 'controller', controller: ACTOR, key: k, action: 'error', detail: e.message })
    }
  }
}

function noExecute(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute')
}

function key(o: KObject): string {
  return `${o.metadata.namespace}/${o.metadata.name}`
}
