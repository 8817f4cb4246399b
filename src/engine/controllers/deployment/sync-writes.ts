import type { KObject, Pod, ReplicaSet } from '../../api/types'
import { deepCopy } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import type { Action, ActionResult } from '../../runtime/plan'
import { REVISION } from './annotations'
import { cleanupCandidates } from './cleanup'
import { ConditionType, Reason, getCondition } from './conditions'
import { specReplicas } from './replicasets'
import { scaleUpdate, scalingMessage, type ScaleIntent } from './scale'
import { calculateStatus, requeueStuckAfter, nextRolloutStatus, statusEqual, type StatusClock } from './status'

/**
 * The writes one `syncDeployment` makes, shared by every path (`sync.go`
 * `scaleReplicaSetAndRecordEvent`, `scaleReplicaSet`, `cleanupDeployment`,
 * `syncDeploymentStatus`; `progress.go` `syncRolloutStatus`): each Action goes through
 * `SyncWriter.run` one at a time, and a failure unwinds the sync (`Abort`) as upstream's
 * `return err` does.
 *
 * @example
 *   class MyPath extends SyncWrites { run() { this.scale({ rs, to: 3, why: '…' }) } }
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
  /**
   * `RecheckDeletionTimestamp`: an uncached read of the Deployment before adopting anything
   * (kubernetes#42639). Returns why adoption must not happen, or undefined.
   */
  cannotAdopt?(d: Deployment): string | undefined
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
export class Abort {
  constructor(readonly error: Error) {}
}

/** The state one sync carries and the writes every path shares. */
export class SyncWrites {
  requeue: SyncResult = {}
  /** Objects our own writes returned this sync, by uid: later writes start from them. */
  protected latest = new Map<string, ReplicaSet>()
  /** The rollout arithmetic, recorded with the first scaling that succeeds (not before a 409). */
  protected arithmetic?: string

  /**
   * `d` is the one working copy upstream mutates along the way; its resourceVersion is never
   * refreshed after a status write (see sync.ts).
   */
  constructor(protected readonly view: SyncView, protected readonly w: SyncWriter, protected readonly d: Deployment) {}

  /**
   * `scaleReplicaSetAndRecordEvent` / `scaleReplicaSet`. With `swallow`, a failed write is
   * reported (ok: false) instead of aborting the sync.
   */
  protected scale(intent: ScaleIntent, swallow = false): { scaled: boolean; ok: boolean } {
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
    if (this.arithmetic) this.w.record('arithmetic', this.arithmetic)
    this.arithmetic = undefined
    this.w.record(from < intent.to ? 'scale-up' : 'scale-down', `${message}: ${intent.why}`)
    return { scaled: true, ok: true }
  }

  /** `cleanupDeployment`: delete old, empty ReplicaSets beyond revisionHistoryLimit. */
  protected cleanupDeployment(oldRSs: ReplicaSet[]): void {
    for (const rs of cleanupCandidates(this.d, oldRSs)) {
      const r = this.tryWrite({ verb: 'delete', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name as string })
      if (!r.ok && r.error?.reason !== 'NotFound') throw new Abort(r.error as Error)
      this.w.record('cleanup', `deleted old replica set ${rs.metadata.name} (revision ${rs.metadata.annotations?.[REVISION] ?? '?'}): ` +
        `more than revisionHistoryLimit ${this.d.spec.revisionHistoryLimit} old replica sets`)
    }
  }

  /** `syncDeploymentStatus`: counts and Available only. */
  protected syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const next = calculateStatus(allRSs, newRS, this.d, this.now())
    if (statusEqual(this.d.status, next)) return
    this.d.status = next
    this.write(this.statusWrite())
  }

  /** `syncRolloutStatus`: counts, Available, Progressing (deadline) and ReplicaFailure. */
  protected syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const d = this.d
    const next = nextRolloutStatus(allRSs, newRS, d, this.view.clock)
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

  protected statusWrite(): Action {
    return { verb: 'update', resource: 'deployments', object: this.d, subresource: 'status' }
  }

  protected event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.w.run({ verb: 'event', involved: deepCopy(this.d) as KObject, type, reason, message })
  }

  protected tryWrite(a: Action): ActionResult {
    // The Action carries a snapshot: later mutations of `d` must not change what was sent.
    const action = 'object' in a ? ({ ...a, object: deepCopy(a.object) } as Action) : a
    return this.w.run(action)
  }

  protected write(a: Action): KObject | undefined {
    const r = this.tryWrite(a)
    if (!r.ok) throw new Abort(r.error as Error)
    return r.object
  }

  protected now(): string {
    return this.view.clock.timestamp()
  }
}
