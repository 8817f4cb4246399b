import type { Pod, ReplicaSet } from '../../api/types'
import { deepCopy } from '../../api/types'
import { fromLabelSelector, type Selector } from '../../api/selector'
import { adoptPatch, newControllerRef, removeOwnerRefsPatch } from '../controller-ref-manager'
import { DEPRECATED_ROLLBACK_TO, DESIRED_REPLICAS, nonNegativeInt32Annotation, setDeploymentAnnotationsTo } from './annotations'
import { claimReplicaSets, podMapForDeployment } from './claim'
import { describeFenceposts, desiredReplicas } from './fenceposts'
import { planScale } from './proportional'
import { describeOldPods, oldPodsRunning, recreateScaleDowns } from './recreate'
import { filterActive } from './replicasets'
import { controllerRollback, getRollbackTo, setFromReplicaSetTemplate } from './rollback'
import { rollingStep } from './rolling'
import { isNoop } from './scale'
import { checkPausedConditions, deploymentComplete } from './status'
import { NewReplicaSetSync } from './new-replicaset'
import { Abort, type SyncResult, type SyncView, type SyncWriter } from './sync-writes'

export type { SyncResult, SyncView, SyncWriter } from './sync-writes'

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

/** The control flow of `syncDeployment` and the paths it picks. */
class Sync extends NewReplicaSetSync {
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
    let recheck: { why?: string } | undefined
    for (const rs of inNs) {
      const adopting = claim.adopt.includes(rs)
      if (!adopting && !claim.release.includes(rs)) continue
      // canAdopt is evaluated once, before the first adoption (a sync.Once upstream).
      if (adopting && (recheck ??= { why: this.view.cannotAdopt?.(d) }).why !== undefined) {
        claimed.splice(claimed.indexOf(rs), 1)
        errors.push(new Error(recheck.why))
        continue
      }
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
    if (intents.some((i) => !isNoop(d, i))) this.arithmetic = `scaling to ${desiredReplicas(d)}: ${describeFenceposts(d)}`
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
    if (step.kind !== 'none') this.arithmetic = describeFenceposts(d)
    if (step.kind === 'scale-new') {
      if (this.scale(step.intent).scaled) return this.syncRolloutStatus(allRSs, rs)
    } else if (step.kind === 'scale-old') {
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
    this.arithmetic = describeFenceposts(d)
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
}
