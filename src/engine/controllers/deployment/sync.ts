import type { KObject, Pod, ReplicaSet } from '../../api/types'
import { deepCopy } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { fromLabelSelector, type Selector } from '../../api/selector'
import type { ApiError } from '../../apiserver/errors'
import type { Action, ActionResult } from '../../runtime/plan'
import { adoptPatch, newControllerRef, removeOwnerRefsPatch } from '../controller-ref-manager'
import { controllerOf } from '../pod-utils'
import { DEPRECATED_ROLLBACK_TO, DESIRED_REPLICAS, POD_TEMPLATE_HASH, REVISION, nonNegativeInt32Annotation, setDeploymentAnnotationsTo, setDeploymentRevision, setNewReplicaSetAnnotations } from './annotations'
import { claimReplicaSets, podMapForDeployment } from './claim'
import { cleanupCandidates } from './cleanup'
import { ConditionType, Reason, getCondition, newCondition, setCondition } from './conditions'
import { describeFenceposts, desiredReplicas, maxSurge, newRSNewReplicas } from './fenceposts'
import { computeHash } from './hash'
import { planScale } from './proportional'
import { describeOldPods, oldPodsRunning, recreateScaleDowns } from './recreate'
import { filterActive, specReplicas } from './replicasets'
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision } from './revision'
import { controllerRollback, getRollbackTo, setFromReplicaSetTemplate } from './rollback'
import { rollingStep } from './rolling'
import { isNoop, scaleUpdate, scalingMessage, type ScaleIntent } from './scale'
import { calculateStatus, checkPausedConditions, deploymentComplete, hasProgressDeadline, requeueStuckAfter, rolloutStatus, statusEqual, type StatusClock } from './status'

/**
 * `syncDeployment` (`deployment_controller.go`) and the sync paths it picks: status only
 * (being deleted), `sync` (paused or a scaling event: proportional scaling), `rollback`
 * (deprecated annotation), `rolloutRecreate`, `rolloutRolling`.
 *
 * The decisions are pure functions in the sibling modules; this file walks upstream's control
 * flow and turns them into Actions. Kubernetes' sync uses the results of its own writes (the
 * ReplicaSet it just created, an AlreadyExists that reveals a hash collision, the fresh object
 * after a scale), so the plan is run one Action at a time through `SyncWriter.run` rather than
 * returned whole. A test passes a writer that records the Actions: "given these objects, expect
 * these writes".
 *
 * Faithful to upstream on purpose: `d` is one working copy mutated along the way, and its
 * resourceVersion is never refreshed after a status write — a second status write in the same
 * sync is a 409 Conflict and a rate-limited retry, exactly the "the object has been modified"
 * a real kube-controller-manager logs when a Deployment is created.
 *
 * @example
 *   const result = syncDeployment(view, { run: (a) => runPlan(api, events, source, [a])[0], record })
 *   if (result.error) queue.addRateLimited(key)
 */

export interface SyncView {
  /** The Deployment from the informer cache (frozen), or undefined if it is gone. */
  deployment: Deployment | undefined
  /** Every ReplicaSet in the Deployment's namespace, from the cache. */
  replicaSets: readonly ReplicaSet[]
  /** Pods controlled by any of these ReplicaSets (the pod map filters by selector). */
  podsFor(rss: readonly ReplicaSet[]): readonly Pod[]
  /** Lister `Get`, used after an AlreadyExists. */
  getReplicaSet(namespace: string, name: string): ReplicaSet | undefined
  clock: StatusClock
}

export interface SyncWriter {
  run(action: Action): ActionResult
  /** A ControllerRecord: what was done, with the numbers behind it. */
  record(action: string, detail: string): void
}

export interface SyncResult {
  /** The sync failed: requeue with back-off (`handleErr`). */
  error?: Error
  /** `requeueStuckDeployment`: look again after this many ms (progress deadline). */
  requeueAfter?: number
  /** `requeueStuckDeployment` with under a second left: a rate-limited requeue. */
  requeueRateLimited?: boolean
}

/** Upstream `return err`: unwinds to `syncDeployment`. */
class Abort {
  constructor(readonly error: Error) {}
}

export function syncDeployment(view: SyncView, w: SyncWriter): SyncResult {
  if (!view.deployment) return {}
  const s = new Sync(view, w, deepCopy(view.deployment))
  try {
    s.syncDeployment()
  } catch (e) {
    if (e instanceof Abort) return { error: e.error, ...s.requeue }
    throw e
  }
  return s.requeue
}

class Sync {
  requeue: SyncResult = {}
  /** Objects our own writes returned this sync, by uid: later writes start from them. */
  private latest = new Map<string, ReplicaSet>()

  constructor(private readonly view: SyncView, private readonly w: SyncWriter, private readonly d: Deployment) {}

  syncDeployment(): void {
    const d = this.d
    const sel = d.spec.selector
    // `reflect.DeepEqual(d.Spec.Selector, &metav1.LabelSelector{})` (validation rejects it; a guard upstream keeps).
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.')
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation }
        this.tryWrite(this.statusWrite())
      }
      return
    }
    let selector: Selector | 'nothing'
    try {
      selector = fromLabelSelector(sel)
    } catch (e) {
      throw new Abort(e as Error)
    }
    const rsList = this.getReplicaSetsForDeployment(selector)
    const podMap = podMapForDeployment(selector, rsList, this.view.podsFor(rsList))
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(rsList)
    if (checkPausedConditions(d, this.view.clock.timestamp())) this.write(this.statusWrite())
    if (d.spec.paused) return this.sync(rsList)
    if (getRollbackTo(d) !== undefined) return this.rollback(rsList)
    if (this.isScalingEvent(rsList)) return this.sync(rsList)
    switch (d.spec.strategy?.type) {
      case 'Recreate':
        return this.rolloutRecreate(rsList, podMap)
      case 'RollingUpdate':
        return this.rolloutRolling(rsList)
    }
    throw new Abort(new Error(`unexpected deployment strategy type: ${d.spec.strategy?.type}`))
  }

  // ---- ownership ---------------------------------------------------------------------

  /** `getReplicaSetsForDeployment`: claim, adopting orphans and releasing strays as we go. */
  private getReplicaSetsForDeployment(selector: Selector | 'nothing'): ReplicaSet[] {
    const d = this.d
    const inNs = this.view.replicaSets.filter((rs) => rs.metadata.namespace === d.metadata.namespace)
    const claim = claimReplicaSets(d, selector, inNs)
    if (!claim.adopt.length && !claim.release.length) return claim.claimed
    const claimed = [...claim.claimed]
    const errors: Error[] = []
    const ref = newControllerRef(d, 'apps/v1', 'Deployment')
    for (const rs of inNs) {
      const adopting = claim.adopt.includes(rs)
      if (!adopting && !claim.release.includes(rs)) continue
      const patch = adopting ? adoptPatch(rs, ref) : removeOwnerRefsPatch(rs, [d.metadata.uid as string])
      const r = this.tryWrite({ verb: 'patch', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name as string, patch })
      if (r.ok) {
        this.w.record(adopting ? 'adopt' : 'release', `${adopting ? 'adopted orphan' : 'released'} replica set ${rs.metadata.name}: ` +
          `its labels ${adopting ? 'match' : 'no longer match'} the selector`)
        if (adopting && r.object) claimed[claimed.indexOf(rs)] = r.object as ReplicaSet
        continue
      }
      if (adopting) claimed.splice(claimed.indexOf(rs), 1)
      if (r.error?.reason !== 'NotFound') errors.push(r.error as Error)
    }
    if (errors.length) throw new Abort(errors[0])
    return claimed
  }

  // ---- the paths ---------------------------------------------------------------------

  private syncStatusOnly(rsList: ReplicaSet[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false)
    this.syncDeploymentStatus([...oldRSs, newRS], newRS)
  }

  /** `sync`: scaling events and paused Deployments — proportional scaling, no rollout. */
  private sync(rsList: ReplicaSet[]): void {
    const d = this.d
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false)
    const intents = planScale(d, newRS, oldRSs)
    if (intents.some((i) => !isNoop(d, i))) this.w.record('arithmetic', `scaling to ${desiredReplicas(d)}: ${describeFenceposts(d)}`)
    for (const intent of intents) this.scale(intent)
    if (d.spec.paused && getRollbackTo(d) === undefined) this.cleanupDeployment(oldRSs)
    this.syncDeploymentStatus([...oldRSs, newRS], newRS)
  }

  private rolloutRolling(rsList: ReplicaSet[]): void {
    const d = this.d
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, true)
    const rs = newRS as ReplicaSet
    const allRSs = [...oldRSs, rs]
    const step = rollingStep(d, rs, oldRSs)
    if (step.kind === 'scale-new') {
      this.w.record('arithmetic', describeFenceposts(d))
      if (this.scale(step.intent).scaled) return this.syncRolloutStatus(allRSs, rs)
    } else if (step.kind === 'scale-old') {
      this.w.record('arithmetic', describeFenceposts(d))
      // reconcileOldReplicaSets swallows write errors: the step then counts as "nothing scaled".
      let ok = true
      for (const intent of [...step.cleanup, ...step.scaleDown]) {
        if (!this.scale(intent, true).ok) {
          ok = false
          break
        }
      }
      if (ok) return this.syncRolloutStatus(allRSs, rs)
    } else if (filterActive(oldRSs).length) {
      this.w.record('waiting', step.why)
    }
    if (deploymentComplete(d, d.status)) this.cleanupDeployment(oldRSs)
    this.syncRolloutStatus(allRSs, rs)
  }

  private rolloutRecreate(rsList: ReplicaSet[], podMap: Map<string, Pod[]>): void {
    const d = this.d
    let { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false)
    let allRSs = [...oldRSs, newRS]
    let scaledDown = false
    const downs = recreateScaleDowns(oldRSs)
    if (downs.length) this.w.record('arithmetic', describeFenceposts(d))
    for (const intent of downs) if (this.scale(intent).scaled) scaledDown = true
    if (scaledDown) return this.syncRolloutStatus(allRSs, newRS)
    if (oldPodsRunning(newRS, oldRSs, podMap)) {
      this.w.record('waiting', describeOldPods(newRS, oldRSs, podMap))
      return this.syncRolloutStatus(allRSs, newRS)
    }
    if (!newRS) {
      ;({ newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, true))
      allRSs = [...oldRSs, newRS]
    }
    const rs = newRS as ReplicaSet
    this.scale({ rs, to: desiredReplicas(d), why: 'Recreate: every old pod is gone, the new replica set takes all replicas' })
    if (deploymentComplete(d, d.status)) this.cleanupDeployment(oldRSs)
    this.syncRolloutStatus(allRSs, rs)
  }

  /** `rollback` for the deprecated `spec.rollbackTo` annotation. */
  private rollback(rsList: ReplicaSet[]): void {
    const d = this.d
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, true)
    const decision = controllerRollback(d, [...oldRSs, newRS], getRollbackTo(d) as number)
    if (decision.kind !== 'rollback') this.event('Warning', decision.reason, decision.message)
    else {
      setFromReplicaSetTemplate(d, decision.rs.spec.template)
      setDeploymentAnnotationsTo(d, decision.rs)
    }
    // updateDeploymentAndClearRollbackTo
    delete d.metadata.annotations?.[DEPRECATED_ROLLBACK_TO]
    this.write({ verb: 'update', resource: 'deployments', object: d })
    this.w.record('rollback', decision.message)
    if (decision.kind === 'rollback') this.event('Normal', 'DeploymentRollback', decision.message)
  }

  /** `isScalingEvent`: an active RS's desired-replicas annotation differs from spec.replicas. */
  private isScalingEvent(rsList: ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false)
    for (const rs of filterActive([...oldRSs, newRS])) {
      const desired = nonNegativeInt32Annotation(rs, DESIRED_REPLICAS)
      if (desired !== undefined && desired !== desiredReplicas(this.d)) return true
    }
    return false
  }

  // ---- the new ReplicaSet ------------------------------------------------------------

  private getAllReplicaSetsAndSyncRevision(rsList: ReplicaSet[], create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const oldRSs = findOldReplicaSets(this.d, rsList).all
    return { newRS: this.getNewReplicaSet(rsList, oldRSs, create), oldRSs }
  }

  /** `getNewReplicaSet`: sync the existing new RS's annotations and revision, or create it. */
  private getNewReplicaSet(rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const d = this.d
    const existing = findNewReplicaSet(d, rsList)
    const newRevision = String(maxRevision(oldRSs) + 1)
    if (existing) {
      const copy = deepCopy(existing)
      const annotations = setNewReplicaSetAnnotations(d, copy, newRevision, true, maxSurge(d))
      const minReady = d.spec.minReadySeconds ?? 0
      if (annotations || (copy.spec.minReadySeconds ?? 0) !== minReady) {
        copy.spec.minReadySeconds = minReady
        return this.write({ verb: 'update', resource: 'replicasets', object: copy }) as ReplicaSet
      }
      let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION] ?? '')
      if (hasProgressDeadline(d) && !getCondition(d.status, ConditionType.Progressing)) {
        d.status ??= {}
        setCondition(d.status, newCondition(ConditionType.Progressing, 'True', Reason.FoundNewRS, `Found new replica set "${copy.metadata.name}"`, this.now()))
        needsUpdate = true
      }
      if (needsUpdate) this.write(this.statusWrite())
      return copy
    }
    if (!create) return undefined
    return this.createNewReplicaSet(oldRSs, newRevision)
  }

  private createNewReplicaSet(oldRSs: ReplicaSet[], newRevision: string): ReplicaSet {
    const d = this.d
    const template = deepCopy(d.spec.template)
    const hash = computeHash(template, d.status?.collisionCount)
    const labels = { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash }
    template.metadata = { ...(template.metadata ?? {}), labels }
    const name = `${d.metadata.name}-${hash}`
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')] },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        // CloneSelectorAndAddLabel
        selector: { ...deepCopy(d.spec.selector), matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
        template,
      },
    }
    let count: number
    try {
      count = newRSNewReplicas(d, [...oldRSs, newRS], newRS)
    } catch (e) {
      throw new Abort(e as Error)
    }
    newRS.spec.replicas = count
    setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxSurge(d))
    const r = this.tryWrite({ verb: 'create', resource: 'replicasets', object: newRS })
    let created = r.object as ReplicaSet | undefined
    const alreadyExists = !r.ok && r.error?.reason === 'AlreadyExists'
    if (!r.ok) {
      const err = r.error as ApiError
      if (alreadyExists) {
        const rs = this.view.getReplicaSet(d.metadata.namespace as string, name)
        if (!rs) throw new Abort(new Error(`replicaset.apps "${name}" not found`))
        const ref = controllerOf(rs)
        if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) created = rs
        else {
          // A hash collision: another template owns this name. Bump collisionCount, retry later.
          const before = d.status?.collisionCount ?? 0
          d.status = { ...(d.status ?? {}), collisionCount: before + 1 }
          const s = this.tryWrite(this.statusWrite())
          if (s.ok) this.w.record('collision', `replica set ${name} exists with another template: collisionCount ${before} → ${before + 1}, the next hash differs`)
          throw new Abort(err)
        }
      } else if (err.reason === 'Forbidden' && err.message.includes('being terminated')) {
        throw new Abort(err)
      } else {
        const msg = `Failed to create new replica set "${name}": ${err.message}`
        if (hasProgressDeadline(d)) {
          d.status ??= {}
          setCondition(d.status, newCondition(ConditionType.Progressing, 'False', Reason.FailedRSCreate, msg, this.now()))
          this.tryWrite(this.statusWrite())
        }
        this.event('Warning', Reason.FailedRSCreate, msg)
        throw new Abort(err)
      }
    }
    const rs = created as ReplicaSet
    if (!alreadyExists) {
      this.w.record('create', `created replica set ${name} at revision ${newRevision} (pod-template-hash ${hash}) with ${count} replicas: ${describeFenceposts(d)}`)
      if (count > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${count}`)
    }
    let needsUpdate = setDeploymentRevision(d, newRevision)
    if (!alreadyExists && hasProgressDeadline(d)) {
      d.status ??= {}
      setCondition(d.status, newCondition(ConditionType.Progressing, 'True', Reason.NewReplicaSet, `Created new replica set "${name}"`, this.now()))
      needsUpdate = true
    }
    if (needsUpdate) this.write(this.statusWrite())
    this.latest.set(rs.metadata.uid as string, rs)
    return rs
  }

  // ---- writes ------------------------------------------------------------------------

  /**
   * `scaleReplicaSetAndRecordEvent` / `scaleReplicaSet`. With `swallow`, a failed write is
   * reported (ok: false) instead of aborting the sync.
   */
  private scale(intent: ScaleIntent, swallow = false): { scaled: boolean; ok: boolean } {
    const d = this.d
    const base = this.latest.get(intent.rs.metadata.uid as string) ?? intent.rs
    const from = specReplicas(base)
    if (from === intent.to && !intent.always) return { scaled: false, ok: true }
    const obj = scaleUpdate(d, base, intent.to)
    if (!obj) return { scaled: false, ok: true }
    const r = this.tryWrite({ verb: 'update', resource: 'replicasets', object: obj })
    if (!r.ok) {
      if (swallow) return { scaled: false, ok: false }
      throw new Abort(r.error as Error)
    }
    this.latest.set(base.metadata.uid as string, r.object as ReplicaSet)
    if (from === intent.to) return { scaled: false, ok: true }
    const message = scalingMessage(base.metadata.name as string, from, intent.to)
    this.event('Normal', 'ScalingReplicaSet', message)
    this.w.record(from < intent.to ? 'scale-up' : 'scale-down', `${message}: ${intent.why}`)
    return { scaled: true, ok: true }
  }

  /** `cleanupDeployment`: delete old, empty ReplicaSets beyond revisionHistoryLimit. */
  private cleanupDeployment(oldRSs: ReplicaSet[]): void {
    for (const rs of cleanupCandidates(this.d, oldRSs)) {
      const r = this.tryWrite({ verb: 'delete', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name as string })
      if (!r.ok && r.error?.reason !== 'NotFound') throw new Abort(r.error as Error)
      this.w.record('cleanup', `deleted old replica set ${rs.metadata.name} (revision ${rs.metadata.annotations?.[REVISION] ?? '?'}): ` +
        `more than revisionHistoryLimit ${this.d.spec.revisionHistoryLimit} old replica sets`)
    }
  }

  /** `syncDeploymentStatus`: counts and Available only. */
  private syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const next = calculateStatus(allRSs, newRS, this.d, this.now())
    if (statusEqual(this.d.status, next)) return
    this.d.status = next
    this.write(this.statusWrite())
  }

  /** `syncRolloutStatus`: counts, Available, Progressing (deadline) and ReplicaFailure. */
  private syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const d = this.d
    const next = rolloutStatus(allRSs, newRS, d, this.view.clock)
    if (statusEqual(d.status, next)) {
      const after = requeueStuckAfter(d, next, this.view.clock)
      if (after === 'now') this.requeue = { requeueRateLimited: true }
      else if (after !== undefined) this.requeue = { requeueAfter: after }
      return
    }
    const was = getCondition(d.status, ConditionType.Progressing)
    const now = getCondition(next, ConditionType.Progressing)
    if (now?.reason === Reason.TimedOut && was?.reason !== Reason.TimedOut)
      this.w.record('timeout', `${now.message} no progress for progressDeadlineSeconds ${d.spec.progressDeadlineSeconds}s since ${was?.lastUpdateTime}`)
    d.status = next
    this.write(this.statusWrite())
  }

  private statusWrite(): Action {
    return { verb: 'update', resource: 'deployments', object: this.d, subresource: 'status' }
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.w.run({ verb: 'event', involved: deepCopy(this.d) as KObject, type, reason, message })
  }

  private tryWrite(a: Action): ActionResult {
    // The Action carries a snapshot: later mutations of `d` must not change what was sent.
    const action = 'object' in a ? ({ ...a, object: deepCopy(a.object) } as Action) : a
    return this.w.run(action)
  }

  private write(a: Action): KObject | undefined {
    const r = this.tryWrite(a)
    if (!r.ok) throw new Abort(r.error as Error)
    return r.object
  }

  private now(): string {
    return this.view.clock.timestamp()
  }
}
