import type { Component, EngineContext } from '../../context'
import type { KObject, Pod, ReplicaSet } from '../../api/types'
import { objectKey } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { fromLabelSelector, matches } from '../../api/selector'
import { Informer } from '../../runtime/informer'
import { WorkQueue } from '../../runtime/workqueue'
import { runPlan } from '../../runtime/plan'
import type { EventSource } from '../../runtime/events'
import { ApiError } from '../../apiserver/errors'
import { controllerOf } from '../pod-utils'
import { podMapForDeployment } from './claim'
import { syncDeployment, type SyncResult, type SyncView } from './sync'

const BY_NAMESPACE = 'namespace'
const BY_CONTROLLER = 'controllerUID'
/** `maxRetries` in deployment_controller.go: a key is dropped after 15 failed syncs in a row. */
const MAX_RETRIES = 15

/**
 * The deployment controller of kube-controller-manager (`pkg/controller/deployment`):
 * informers on Deployments, ReplicaSets and Pods, a work queue of `namespace/name` keys, and
 * one `syncDeployment` per key (sync.ts). It acts as `deployment-controller` and writes
 * `ScalingReplicaSet` events and ControllerRecords with the rollout arithmetic.
 *
 * @example
 *   const dc = new DeploymentController(ctx)
 *   dc.start()
 *   ctx.api.create('deployments', web, { actor: 'kubectl' })
 *   ctx.clock.settle()   // ReplicaSet web-<hash> scaled to spec.replicas
 */
export class DeploymentController implements Component {
  readonly name = 'deployment-controller'
  private readonly source: EventSource = { component: 'deployment-controller' }
  private readonly deployments: Informer
  private readonly replicaSets: Informer
  private readonly pods: Informer
  private readonly queue: WorkQueue
  private readonly lastRecord = new Map<string, string>()
  private active = false

  constructor(private readonly ctx: EngineContext) {
    this.deployments = new Informer(ctx.api, 'deployments', this.name)
    this.replicaSets = new Informer(ctx.api, 'replicasets', this.name)
    this.pods = new Informer(ctx.api, 'pods', this.name)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.process(key))
    this.deployments.addIndex(BY_NAMESPACE, (o) => [o.metadata.namespace ?? ''])
    this.replicaSets.addIndex(BY_NAMESPACE, (o) => [o.metadata.namespace ?? ''])
    this.pods.addIndex(BY_CONTROLLER, (p) => {
      const ref = controllerOf(p)
      return ref ? [ref.uid] : []
    })
    this.deployments.addHandlers({
      add: (d) => this.enqueue(d),
      update: (_old, cur) => this.enqueue(cur),
      delete: (d) => {
        this.lastRecord.delete(objectKey(d))
        this.enqueue(d)
      },
    })
    this.replicaSets.addHandlers({
      add: (rs) => this.addReplicaSet(rs as ReplicaSet),
      update: (old, cur) => this.updateReplicaSet(old as ReplicaSet, cur as ReplicaSet),
      delete: (rs) => this.deleteReplicaSet(rs as ReplicaSet),
    })
    // Only deletions matter: a Recreate rollout waits for the last old pod to be gone.
    this.pods.addHandlers({ delete: (p) => this.deletePod(p as Pod) })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.deployments.start()
    this.replicaSets.start()
    this.pods.start()
  }

  stop(): void {
    this.active = false
    this.deployments.stop()
    this.replicaSets.stop()
    this.pods.stop()
  }

  running(): boolean {
    return this.active
  }

  /** One `syncDeployment` of `namespace/name`. Public so tests and a step-through UI can drive it. */
  sync(key: string): SyncResult {
    return syncDeployment(this.view(key), {
      run: (a) => runPlan(this.ctx.api, this.ctx.events, this.source, [a])[0],
      record: (action, detail) => this.record(key, action, detail),
    })
  }

  private view(key: string): SyncView {
    const d = this.deployments.get(key) as Deployment | undefined
    const ns = d?.metadata.namespace ?? ''
    return {
      deployment: d,
      replicaSets: d ? (sortByKey(this.replicaSets.byIndex(BY_NAMESPACE, ns)) as ReplicaSet[]) : [],
      podsFor: (rss) => sortByKey(rss.flatMap((rs) => this.pods.byIndex(BY_CONTROLLER, rs.metadata.uid as string))) as Pod[],
      getReplicaSet: (namespace, name) => this.replicaSets.get(`${namespace}/${name}`) as ReplicaSet | undefined,
      clock: this.ctx.clock,
      cannotAdopt: (dep) => this.cannotAdopt(dep),
    }
  }

  /** `RecheckDeletionTimestamp` with upstream's texts. */
  private cannotAdopt(d: Deployment): string | undefined {
    const id = `${d.metadata.namespace}/${d.metadata.name}`
    try {
      const fresh = this.ctx.api.get('deployments', d.metadata.namespace, d.metadata.name as string, { actor: this.name })
      if (fresh.metadata.uid !== d.metadata.uid) return `original Deployment ${id} is gone: got uid ${fresh.metadata.uid}, wanted ${d.metadata.uid}`
      if (fresh.metadata.deletionTimestamp) return `${id} has just been deleted at ${fresh.metadata.deletionTimestamp}`
      return undefined
    } catch (e) {
      if (e instanceof ApiError) return e.message
      throw e
    }
  }

  /** `processNextWorkItem` + `handleErr`. */
  private process(key: string): void {
    if (!this.active) return
    const r = this.sync(key)
    // requeueStuckDeployment: a check for ProgressDeadlineExceeded. Background: a pending
    // timeout check must not keep `settle()` running for ten virtual minutes.
    if (r.requeueAfter !== undefined) this.queue.addAfter(key, r.requeueAfter, { background: true })
    if (r.requeueRateLimited) this.queue.addRateLimited(key)
    if (!r.error) return this.queue.forget(key)
    // A terminating namespace will refuse every create: nothing to retry.
    if (r.error.message.includes('because it is being terminated')) return this.queue.forget(key)
    if (this.queue.numRequeues(key) < MAX_RETRIES) {
      this.record(key, 'error', `sync failed, retrying with back-off: ${r.error.message}`)
      this.queue.addRateLimited(key)
      return
    }
    this.record(key, 'error', `dropping deployment out of the queue after ${MAX_RETRIES} retries: ${r.error.message}`)
    this.queue.forget(key)
  }

  // ---- event handlers (deployment_controller.go) -------------------------------------

  private enqueue(d: KObject): void {
    this.queue.add(objectKey(d))
  }

  /** `resolveControllerRef`: the Deployment a controllerRef names, if the uid still matches. */
  private resolve(namespace: string | undefined, ref: { kind: string; name: string; uid: string } | undefined): KObject | undefined {
    if (!ref || ref.kind !== 'Deployment') return undefined
    const d = this.deployments.get(`${namespace}/${ref.name}`)
    return d?.metadata.uid === ref.uid ? d : undefined
  }

  /** `GetDeploymentsForReplicaSet`: Deployments whose non-empty selector matches an orphan's labels. */
  private deploymentsSelecting(rs: ReplicaSet): KObject[] {
    if (!rs.metadata.labels || !Object.keys(rs.metadata.labels).length) return []
    return sortByKey(this.deployments.byIndex(BY_NAMESPACE, rs.metadata.namespace ?? '')).filter((d) => {
      try {
        const sel = fromLabelSelector(d.spec?.selector)
        return sel !== 'nothing' && sel.requirements.length > 0 && matches(sel, rs.metadata.labels)
      } catch {
        return false
      }
    })
  }

  private addReplicaSet(rs: ReplicaSet): void {
    // Showing up already terminating (after a restart) counts as a deletion.
    if (rs.metadata.deletionTimestamp) return this.deleteReplicaSet(rs)
    const ref = controllerOf(rs)
    if (ref) {
      const d = this.resolve(rs.metadata.namespace, ref)
      if (d) this.enqueue(d)
      return
    }
    // An orphan: every Deployment that selects it may want to adopt it.
    for (const d of this.deploymentsSelecting(rs)) this.enqueue(d)
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return
    const curRef = controllerOf(cur)
    const oldRef = controllerOf(old)
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef)
    if (refChanged && oldRef) {
      const prev = this.resolve(old.metadata.namespace, oldRef)
      if (prev) this.enqueue(prev)
    }
    if (curRef) {
      const d = this.resolve(cur.metadata.namespace, curRef)
      if (d) this.enqueue(d)
      return
    }
    const labelsChanged = JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {})
    if (labelsChanged || refChanged) for (const d of this.deploymentsSelecting(cur)) this.enqueue(d)
  }

  private deleteReplicaSet(rs: ReplicaSet): void {
    const d = this.resolve(rs.metadata.namespace, controllerOf(rs))
    if (d) this.enqueue(d)
  }

  /** `deletePod`: a Recreate Deployment is synced once it has no pods left at all. */
  private deletePod(pod: Pod): void {
    const ref = controllerOf(pod)
    if (!ref || ref.kind !== 'ReplicaSet') return
    const rs = this.replicaSets.get(`${pod.metadata.namespace}/${ref.name}`)
    if (!rs || rs.metadata.uid !== ref.uid) return
    const d = this.resolve(rs.metadata.namespace, controllerOf(rs)) as Deployment | undefined
    if (!d || d.spec.strategy?.type !== 'Recreate') return
    let selector
    try {
      selector = fromLabelSelector(d.spec.selector)
    } catch {
      return
    }
    const owned = (this.replicaSets.byIndex(BY_NAMESPACE, d.metadata.namespace ?? '') as ReplicaSet[])
      .filter((r) => controllerOf(r)?.uid === d.metadata.uid && matches(selector, r.metadata.labels))
    const podMap = podMapForDeployment(selector, owned, owned.flatMap((r) => this.pods.byIndex(BY_CONTROLLER, r.metadata.uid as string) as Pod[]))
    let n = 0
    for (const list of podMap.values()) n += list.length
    if (n === 0) this.enqueue(d)
  }

  private record(key: string, action: string, detail: string): void {
    // A rollout waiting for pods is re-synced on every status change: say it once.
    const line = `${action}\u0000${detail}`
    if (this.lastRecord.get(key) === line) return
    this.lastRecord.set(key, line)
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }
}

function sortByKey(objs: KObject[]): KObject[] {
  return objs.map((o) => [objectKey(o), o] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, o]) => o)
}
