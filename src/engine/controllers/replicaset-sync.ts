import type { KObject, Pod } from '../api/types'
import { deepCopy } from '../api/types'
import { fromEqualityMap, fromLabelSelector, type Selector } from '../api/selector'
import type { Action, ActionResult, Step } from '../runtime/plan'
import { adoptPatch, claimPods, newControllerRef, removeOwnerRefsPatch, type ClaimResult } from './controller-ref-manager'
import { isPodActive, isPodReady } from './pod-utils'
import { podsToDelete, type RankedPod } from './pod-ranking'
import { calculateStatus, statusUpdate, type ReplicaStatus } from './replicaset-status'

/**
 * One ReplicaSet sync as data (`syncReplicaSet` / `manageReplicas`,
 * `pkg/controller/replicaset/replica_set.go`, REFERENCE 4): given the ReplicaSet and the pods
 * the informer holds, which API writes to make. The controller (replicaset.ts) runs the
 * phases in order: claim (adopt/release), manage (create/delete), status.
 *
 * @example
 *   const plan = planReplicaSetSync({ rs, pods, now, nowTs, expectationsSatisfied: true })
 *   plan.manage.op === 'create' && plan.manage.batches   // [1, 2, 4, 8, 5] for 20
 */

/** What differs between a ReplicaSet and a ReplicationController (the RC manager wraps the same code). */
export interface ReplicaKindAdapter {
  resource: string
  kind: string
  apiVersion: string
  /** Actor, event source and record name: `replicaset-controller`. */
  component: string
  /** The pod selector; throws SelectorParseError when invalid. */
  selector(owner: KObject): Selector | 'nothing'
}

export const rsAdapter: ReplicaKindAdapter = {
  resource: 'replicasets',
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  component: 'replicaset-controller',
  selector: (rs) => fromLabelSelector(rs.spec?.selector),
}

/**
 * ReplicationController: the same controller (Kubernetes' RC manager wraps the ReplicaSet
 * code), with core/v1 objects and an equality-only selector.
 */
export const rcAdapter: ReplicaKindAdapter = {
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  apiVersion: 'v1',
  component: 'replication-controller',
  selector: (rc) => (rc.spec?.selector && Object.keys(rc.spec.selector).length ? fromEqualityMap(rc.spec.selector) : 'nothing'),
}

/** At most this many creates or deletes per sync (`BurstReplicas`). */
export const BURST_REPLICAS = 500
export const SLOW_START_INITIAL_BATCH_SIZE = 1

/** `slowStartBatch`'s batch sizes for n calls: 1, 2, 4, … capped by what remains. */
export function slowStartBatches(n: number, initial = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const out: number[] = []
  let remaining = n
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size)
    remaining -= size
  }
  return out
}

/**
 * `GetPodFromTemplate`: labels, annotations and finalizers from the template, `generateName:
 * <owner>-`, our controller reference, and a copy of the template's spec.
 */
export function podFromTemplate(owner: KObject, adapter: ReplicaKindAdapter): Pod {
  const tpl = owner.spec?.template ?? {}
  const meta: Pod['metadata'] = { generateName: `${owner.metadata.name}-`, namespace: owner.metadata.namespace }
  if (tpl.metadata?.labels) meta.labels = { ...tpl.metadata.labels }
  if (tpl.metadata?.annotations) meta.annotations = { ...tpl.metadata.annotations }
  meta.ownerReferences = [newControllerRef(owner, adapter.apiVersion, adapter.kind)]
  if (tpl.metadata?.finalizers?.length) meta.finalizers = [...tpl.metadata.finalizers]
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: deepCopy(tpl.spec ?? { containers: [] }) }
}

export interface ClaimPlan extends ClaimResult {
  steps: Step[]
}

/** ClaimPods over the *active* pods, with the adopt/release patches it needs. */
export function planClaim(adapter: ReplicaKindAdapter, owner: KObject, selector: Selector | 'nothing', active: Pod[]): ClaimPlan {
  const claim = claimPods(owner, selector, active)
  const ref = newControllerRef(owner, adapter.apiVersion, adapter.kind)
  const patch = (p: Pod, body: Record<string, unknown>): Action => ({ verb: 'patch', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name as string, patch: body })
  const steps: Step[] = [
    ...claim.adopt.map((p) => patch(p, adoptPatch(p, ref))),
    ...claim.release.map((p) => patch(p, removeOwnerRefsPatch(p, [owner.metadata.uid as string]))),
  ]
  return { ...claim, steps }
}

export type ManagePlan =
  | { op: 'none'; diff: number; why: 'in sync' | 'expectations pending' | 'being deleted' }
  | { op: 'create'; diff: number; count: number; batches: number[]; steps: Step[] }
  | { op: 'delete'; diff: number; victims: RankedPod[]; steps: Step[] }

export interface ManageInput {
  /** Active pods the owner claimed. */
  active: Pod[]
  /** Pods of every ReplicaSet sharing this one's controller, for ranks ([] without a controller). */
  related: Pod[]
  /** Unix ms, for the logarithmic age buckets of the ranking. */
  now: number
  expectationsSatisfied: boolean
}

/** `manageReplicas`: diff = active − replicas; create −diff or delete diff, at most 500. */
export function planManage(adapter: ReplicaKindAdapter, rs: KObject, input: ManageInput): ManagePlan {
  const diff = input.active.length - (rs.spec?.replicas ?? 1)
  if (rs.metadata.deletionTimestamp) return { op: 'none', diff, why: 'being deleted' }
  if (!input.expectationsSatisfied) return { op: 'none', diff, why: 'expectations pending' }
  if (diff < 0) {
    const count = Math.min(-diff, BURST_REPLICAS)
    const creates: Action[] = Array.from({ length: count }, () => ({ verb: 'create', resource: 'pods', object: podFromTemplate(rs, adapter) }))
    return { op: 'create', diff, count, batches: slowStartBatches(count), steps: [{ slowStart: creates, initialBatch: SLOW_START_INITIAL_BATCH_SIZE }] }
  }
  if (diff > 0) {
    const victims = podsToDelete(input.active, input.related, Math.min(diff, BURST_REPLICAS), input.now)
    const steps: Step[] = victims.map(({ pod }) => ({ verb: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name as string }))
    return { op: 'delete', diff, victims, steps }
  }
  return { op: 'none', diff, why: 'in sync' }
}

/** What a manage round's results mean: events to record, the expectations to lower, the error. */
export interface ManageOutcome {
  events: Action[]
  /** Creations that will never be observed (skipped or failed): `CreationObserved` each. */
  unobservedCreations: number
  /** Deletions that failed: `DeletionObserved` for each pod key. */
  failedDeletions: string[]
  /** The round's error, as the ReplicaFailure condition shows it. */
  error?: string
}

const isNamespaceTerminating = (r: ActionResult) =>
  r.error?.reason === 'Forbidden' && r.error.message.includes('because it is being terminated')

/**
 * Interpret results as `manageReplicas` does: a create blocked by a terminating namespace
 * counts as done and raises no event; the first failure is the round's error;
 * a delete of a pod already gone is not an error.
 */
export function manageOutcome(rs: KObject, plan: ManagePlan, results: ActionResult[]): ManageOutcome {
  const out: ManageOutcome = { events: [], unobservedCreations: 0, failedDeletions: [] }
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): Action => ({ verb: 'event', involved: rs, type, reason, message })
  if (plan.op === 'create') {
    let successes = 0
    for (const r of results) {
      if (r.ok) {
        successes++
        out.events.push(event('Normal', 'SuccessfulCreate', `Created pod: ${r.object?.metadata.name}`))
      } else if (r.skipped) continue
      else if (isNamespaceTerminating(r)) successes++
      else {
        out.events.push(event('Warning', 'FailedCreate', `Error creating: ${r.error?.message}`))
        out.error ??= r.error?.message
      }
    }
    out.unobservedCreations = plan.count - successes
  } else if (plan.op === 'delete') {
    for (const r of results) {
      if (r.action.verb !== 'delete') continue
      const name = r.action.name
      if (r.ok) {
        out.events.push(event('Normal', 'SuccessfulDelete', `Deleted pod: ${name}`))
        continue
      }
      out.failedDeletions.push(`${r.action.namespace}/${name}`)
      if (r.error?.reason === 'NotFound') continue
      out.events.push(event('Warning', 'FailedDelete', `Error deleting: ${r.error?.message}`))
      out.error ??= `unable to delete pods: ${r.error?.message}`
    }
  }
  return out
}

export interface SyncInput {
  adapter?: ReplicaKindAdapter
  rs: KObject
  /** Pods indexed under this owner's uid plus the orphans of its namespace, any state. */
  pods: Pod[]
  related?: Pod[]
  /** Unix ms (ranking, availability) and the RFC 3339 "now" for condition times. */
  now: number
  nowTs: string
  expectationsSatisfied: boolean
}

export interface ReplicaSetSyncPlan {
  claim: ClaimPlan
  manage: ManagePlan
  /** The status if every write succeeds, and its write (undefined when unchanged). */
  status: ReplicaStatus
  statusWrite?: Action
  /** Every step in order, assuming success: the "given these objects, these writes" view. */
  steps: Step[]
}

/** The whole sync, assuming each phase succeeds. */
export function planReplicaSetSync(input: SyncInput): ReplicaSetSyncPlan {
  const adapter = input.adapter ?? rsAdapter
  const active = input.pods.filter(isPodActive)
  const claim = planClaim(adapter, input.rs, adapter.selector(input.rs), active)
  const manage = planManage(adapter, input.rs, { active: claim.claimed, related: input.related ?? [], now: input.now, expectationsSatisfied: input.expectationsSatisfied })
  const status = calculateStatus(input.rs, claim.claimed, undefined, input.now, input.nowTs)
  const statusWrite = statusUpdate(input.rs, status, adapter.resource)
  const manageSteps = manage.op === 'none' ? [] : manage.steps
  return { claim, manage, status, statusWrite, steps: [...claim.steps, ...manageSteps, ...(statusWrite ? [statusWrite] : [])] }
}

/** `web-7d9f (rank 2 on node-1, Running, ready)` for records. */
export function describeVictim(v: RankedPod): string {
  const p = v.pod
  const where = p.spec?.nodeName ? `on ${p.spec.nodeName}` : 'unscheduled'
  return `${p.metadata.name} (rank ${v.rank} ${where}, ${p.status?.phase ?? 'Pending'}, ${isPodReady(p) ? 'ready' : 'not ready'})`
}
