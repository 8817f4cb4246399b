import type { ReplicaSet } from '../../api/types'
import { deepCopy } from '../../api/types'
import type { ApiError } from '../../apiserver/errors'
import { newControllerRef } from '../controller-ref-manager'
import { controllerOf } from '../pod-utils'
import { POD_TEMPLATE_HASH, REVISION, setDeploymentRevision, setNewReplicaSetAnnotations } from './annotations'
import { ConditionType, Reason, getCondition, newCondition, setCondition } from './conditions'
import { describeFenceposts, maxSurge, newRSNewReplicas } from './fenceposts'
import { computeHash } from './hash'
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision } from './revision'
import { hasProgressDeadline } from './status'
import { Abort, SyncWrites } from './sync-writes'

/**
 * Finding, updating or creating the new ReplicaSet (REFERENCE 5.6; `sync.go`
 * `getAllReplicaSetsAndSyncRevision`, `getNewReplicaSet`): the RS whose template is the
 * Deployment's gets revision max(old)+1 and the Deployment's annotations; when there is none
 * it is created as `<deployment>-<pod-template-hash>`, and an AlreadyExists from another
 * template is a hash collision (`status.collisionCount++`).
 *
 * @example
 *   const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(owned, true)
 */
export class NewReplicaSetSync extends SyncWrites {
  /** `getAllReplicaSetsAndSyncRevision`: old RSes (all of them) and the new one, maybe created. */
  protected getAllReplicaSetsAndSyncRevision(rsList: ReplicaSet[], create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const oldRSs = findOldReplicaSets(this.d, rsList).all
    return { newRS: this.getNewReplicaSet(rsList, oldRSs, create), oldRSs }
  }

  /** `getNewReplicaSet`: sync the existing new RS's annotations and revision, or create it. */
  protected getNewReplicaSet(rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
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
}
