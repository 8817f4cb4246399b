import type { Component, EngineContext } from '../context'
import type { KObject } from '../api/types'
import { objectKey } from '../api/types'
import { VIRTUAL_EPOCH_MS } from '../clock'
import { ReplicaInformers } from './replicaset-informers'
import { WorkQueue } from '../runtime/workqueue'
import { runPlan, type ActionResult, type Step } from '../runtime/plan'
import type { EventSource } from '../runtime/events'
import { ApiError } from '../apiserver/errors'
import { ControllerExpectations } from './expectations'
import { controllerOf, isPodActive, isPodReady, podKey } from './pod-utils'
import { describeVictim, manageOutcome, planClaim, planManage, rsAdapter, type ClaimPlan, type ManagePlan, type ReplicaKindAdapter } from './replicaset-sync'
import { calculateStatus, describeStatusChange, statusUpdate, withStatus } from './replicaset-status'

/**
 * The ReplicaSet controller of kube-controller-manager (`pkg/controller/replicaset`):
 * informers on its kind and on pods, a work queue of `namespace/name` keys, expectations,
 * and one sync per key that claims pods, creates or deletes the difference, and writes status.
 * The algorithm is data in replicaset-sync.ts; this file wires it to the cluster.
 *
 * A ReplicationController is the same controller with another adapter
 * (`new ReplicaSetController(ctx, rcAdapter)`): its kind, resource and equality selector.
 *
 * @example
 *   const rsc = new ReplicaSetController(ctx)
 *   rsc.start()
 *   ctx.api.create('replicasets', rs, { actor: 'kubectl' })
 *   ctx.clock.settle()   // three pods `web-xxxxx`, events SuccessfulCreate, status.replicas 3
 */
export class ReplicaSetController implements Component {
  readonly name: string
  readonly expectations: ControllerExpectations
  private readonly view: ReplicaInformers
  private readonly queue: WorkQueue
  private readonly source: EventSource
  private active = false

  constructor(
    private readonly ctx: EngineContext,
    private readonly adapter: ReplicaKindAdapter = rsAdapter,
  ) {
    this.name = adapter.component
    this.source = { component: adapter.component }
    this.expectations = new ControllerExpectations(() => ctx.clock.now())
    this.view = new ReplicaInformers(ctx.api, adapter)
    this.queue = new WorkQueue(ctx.clock, adapter.component, (key) => this.process(key))
    this.view.owners.addHandlers({
      add: (o) => this.queue.add(objectKey(o)),
      update: (old, cur) => {
        if (old.metadata.uid !== cur.metadata.uid) this.ownerDeleted(old)
        this.queue.add(objectKey(cur))
      },
      delete: (o) => this.ownerDeleted(o),
    })
    this.view.pods.addHandlers({ add: (p) => this.podAdded(p), update: (o, c) => this.podUpdated(o, c), delete: (p) => this.podDeleted(p) })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.view.start()
  }

  stop(): void {
    this.active = false
    this.view.stop()
  }

  running(): boolean {
    return this.active
  }

  /**
   * One sync of `namespace/name` (`syncReplicaSet`); returns the error that makes the queue
   * retry with back-off. Public so tests and a step-through UI can drive it.
   */
  sync(key: string): string | undefined {
    const rs = this.view.owners.get(key)
    if (!rs) {
      this.expectations.deleteExpectations(key)
      return undefined
    }
    const needsSync = this.expectations.satisfied(key)
    let selector
    try {
      selector = this.adapter.selector(rs)
    } catch (e) {
      // An invalid selector is a user error; retrying cannot fix it (upstream: HandleError, return nil).
      this.record(key, 'error', `invalid selector: ${(e as Error).message}`)
      return undefined
    }
    const active = this.view.podsOf(rs).filter(isPodActive)
    const claim = planClaim(this.adapter, rs, selector, active)
    let claimed = claim.claimed
    if (claim.steps.length) {
      const res = this.claim(key, rs, claim)
      if (res.error) return res.error
      claimed = claimed.filter((p) => !res.gone.has(p.metadata.uid as string))
    }

    let manageError: string | undefined
    // Related pods only matter for ranking victims; skip the namespace scan otherwise.
    const scalingDown = needsSync && !rs.metadata.deletionTimestamp && claimed.length > (rs.spec?.replicas ?? 1)
    const related = scalingDown ? this.view.relatedPods(rs) : []
    const manage = planManage(this.adapter, rs, { active: claimed, related, now: this.nowMs(), expectationsSatisfied: needsSync })
    if (manage.op !== 'none') manageError = this.manage(key, rs, manage, claimed.length)
    else if (manage.diff !== 0 && manage.why === 'expectations pending') {
      const e = this.expectations.get(key)
      this.record(key, 'wait', `need ${rs.spec?.replicas ?? 1}, have ${claimed.length}: waiting for the informer to observe ${e?.add ?? 0} creations, ${e?.del ?? 0} deletions`)
    }

    const status = calculateStatus(rs, claimed, manageError, this.nowMs(), this.ctx.clock.timestamp())
    const write = statusUpdate(rs, status, this.adapter.resource)
    let updated = rs
    if (write) {
      // `updateReplicaSetStatus`: one retry after re-reading the object (statusUpdateRetries = 1).
      let [r] = this.run([write])
      if (!r.ok) {
        try {
          const fresh = this.ctx.api.get(this.adapter.resource, rs.metadata.namespace, rs.metadata.name as string, { actor: this.name })
          ;[r] = this.run([{ ...write, object: withStatus(fresh, status, rs.metadata.generation) }])
        } catch (e) {
          if (!(e instanceof ApiError)) throw e
          return e.message
        }
      }
      if (!r.ok) return r.error?.message
      this.record(key, 'status', describeStatusChange(rs, status))
      updated = r.object ?? rs
    }
    // Resync after minReadySeconds as a last line of defence (pods ready but not yet available).
    const want = updated.spec?.replicas ?? 1
    const minReady = updated.spec?.minReadySeconds ?? 0
    if (!manageError && minReady > 0 && (updated.status?.readyReplicas ?? 0) === want && (updated.status?.availableReplicas ?? 0) !== want)
      this.queue.addAfter(key, minReady * 1000)
    return manageError
  }

  // ---- phases ------------------------------------------------------------------------

  /** Adopt and release; pods that vanished meanwhile are simply not ours (`ClaimObject`). */
  private claim(key: string, rs: KObject, plan: ClaimPlan): { error?: string; gone: Set<string> } {
    const gone = new Set<string>()
    if (plan.adopt.length) {
      // `RecheckDeletionTimestamp`: an uncached read before adopting anything (kubernetes#42639).
      const why = this.cannotAdopt(rs)
      if (why) {
        const p = plan.adopt[0]
        const error = `can't adopt Pod ${podKey(p)} (${p.metadata.uid}): ${why}`
        this.record(key, 'error', error)
        return { error, gone }
      }
    }
    let error: string | undefined
    this.run(plan.steps).forEach((r, i) => {
      const adopt = i < plan.adopt.length
      const pod = adopt ? plan.adopt[i] : plan.release[i - plan.adopt.length]
      const id = podKey(pod)
      if (r.ok) {
        this.record(key, adopt ? 'adopt' : 'release', adopt ? `adopted orphan pod ${id}: it matches the selector` : `released pod ${id}: it no longer matches the selector`)
        return
      }
      // NotFound: the pod is gone. Invalid on release: no such reference any more. Neither is an error.
      const reason = r.error?.reason
      if (reason === 'NotFound' || (!adopt && reason === 'Invalid')) {
        if (adopt) gone.add(pod.metadata.uid as string)
        return
      }
      error ??= r.error?.message
      this.record(key, 'error', `${adopt ? 'adopting' : 'releasing'} ${id} failed: ${r.error?.message}`)
    })
    return { error, gone }
  }

  private cannotAdopt(rs: KObject): string | undefined {
    const id = `${rs.metadata.namespace}/${rs.metadata.name}`
    try {
      const fresh = this.ctx.api.get(this.adapter.resource, rs.metadata.namespace, rs.metadata.name as string, { actor: this.name })
      if (fresh.metadata.uid !== rs.metadata.uid) return `original ${this.adapter.kind} ${id} is gone: got uid ${fresh.metadata.uid}, wanted ${rs.metadata.uid}`
      if (fresh.metadata.deletionTimestamp) return `${id} has just been deleted at ${fresh.metadata.deletionTimestamp}`
      return undefined
    } catch (e) {
      if (e instanceof ApiError) return e.message
      throw e
    }
  }

  /** Create or delete the difference, with expectations set before the first write. */
  private manage(key: string, rs: KObject, plan: ManagePlan, have: number): string | undefined {
    const want = rs.spec?.replicas ?? 1
    const head = `need ${want}, have ${have} (diff ${plan.diff > 0 ? '+' : ''}${plan.diff})`
    let results: ActionResult[] = []
    if (plan.op === 'create') {
      this.expectations.expectCreations(key, plan.count)
      this.record(key, 'scale-up', `${head}: creating ${plan.count} in slow-start batches ${plan.batches.join(',')}`)
      results = this.run(plan.steps)
      let batch = 0
      let left = plan.batches[0]
      for (const r of results) {
        if (r.skipped) continue
        if (r.ok) this.record(key, 'create', `created pod ${r.object?.metadata.name} (slow-start batch ${batch + 1} of size ${plan.batches[batch]})`)
        if (--left === 0) left = plan.batches[++batch]
      }
    } else if (plan.op === 'delete') {
      this.expectations.expectDeletions(key, plan.victims.map((v) => podKey(v.pod)))
      for (const v of plan.victims) this.record(key, 'delete', `${head}: deleting ${describeVictim(v)}`)
      results = this.run(plan.steps)
    }
    const out = manageOutcome(rs, plan, results)
    for (let i = 0; i < out.unobservedCreations; i++) this.expectations.creationObserved(key)
    for (const k of out.failedDeletions) this.expectations.deletionObserved(key, k)
    if (out.unobservedCreations > 0 && plan.op === 'create')
      this.record(key, 'error', `slow-start stopped: ${out.unobservedCreations} of ${plan.count} creations skipped or failed`)
    this.run(out.events)
    return out.error
  }

  // ---- event handlers (replica_set.go addPod / updatePod / deletePod / deleteRS) -------

  private ownerDeleted(o: KObject): void {
    // Start clean if an owner of the same name is created again.
    this.expectations.deleteExpectations(objectKey(o))
    this.queue.add(objectKey(o))
  }

  private podAdded(pod: KObject): void {
    // A pod that shows up already terminating (e.g. after a restart) is not a creation.
    if (pod.metadata.deletionTimestamp) return this.podDeleted(pod)
    if (controllerOf(pod)) {
      const owner = this.view.resolve(pod.metadata.namespace, pod)
      if (!owner) return
      this.expectations.creationObserved(objectKey(owner))
      this.queue.add(objectKey(owner))
      return
    }
    // An orphan: every owner that selects it may want to adopt it (no creation is observed).
    for (const o of this.view.ownersSelecting(pod)) this.queue.add(objectKey(o))
  }

  private podUpdated(old: KObject, cur: KObject): void {
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {})
    if (cur.metadata.deletionTimestamp) {
      // Graceful deletion starts: count the pod as gone now, so a replacement is created at once.
      this.podDeleted(cur)
      if (labelsChanged) this.podDeleted(old)
      return
    }
    const curRef = controllerOf(cur)
    const oldRef = controllerOf(old)
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef)
    if (refChanged && oldRef) {
      const prev = this.view.resolve(old.metadata.namespace, old)
      if (prev) this.queue.add(objectKey(prev))
    }
    if (curRef) {
      const owner = this.view.resolve(cur.metadata.namespace, cur)
      if (!owner) return
      this.queue.add(objectKey(owner))
      // Availability is not an event: look again once minReadySeconds (+1 s for skew) have passed.
      const minReady = owner.spec?.minReadySeconds ?? 0
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.queue.addAfter(objectKey(owner), minReady * 1000 + 1000)
      return
    }
    if (labelsChanged || refChanged) for (const o of this.view.ownersSelecting(cur)) this.queue.add(objectKey(o))
  }

  private podDeleted(pod: KObject): void {
    if (!controllerOf(pod)) return
    const owner = this.view.resolve(pod.metadata.namespace, pod)
    if (!owner) return
    this.expectations.deletionObserved(objectKey(owner), podKey(pod))
    this.queue.add(objectKey(owner))
  }

  // ---- plumbing ----------------------------------------------------------------------

  private process(key: string): void {
    if (!this.active) return
    const err = this.sync(key)
    if (err === undefined) this.queue.forget(key)
    else this.queue.addRateLimited(key)
  }

  private run(steps: Step[]): ActionResult[] {
    return runPlan(this.ctx.api, this.ctx.events, this.source, steps)
  }

  private nowMs(): number {
    return VIRTUAL_EPOCH_MS + this.ctx.clock.now()
  }

  private record(key: string, action: string, detail: string): void {
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }
}
