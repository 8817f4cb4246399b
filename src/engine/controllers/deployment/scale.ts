import type { ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { deepCopy } from '../../api/types'
import { desiredReplicas, maxSurge } from './fenceposts'
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations'
import { specReplicas } from './replicasets'

/**
 * One scaling decision and how it becomes a write (`sync.go` `scaleReplicaSetAndRecordEvent`,
 * `scaleReplicaSet`). The algorithms (rolling, recreate, proportional) decide *what* size each
 * ReplicaSet should have and *why*; this module says what the write looks like.
 *
 * @example
 *   const rs = scaleUpdate(d, cached, 3)   // the RS to PUT, or undefined when nothing changes
 *   scalingMessage('web-6b9c7d', 1, 3)    // 'Scaled up replica set web-6b9c7d from 1 to 3'
 */
export interface ScaleIntent {
  rs: ReplicaSet
  to: number
  /** The arithmetic behind the decision, for the controller record. */
  why: string
  /**
   * Call `scaleReplicaSet` directly (proportional scaling does): the annotations are rewritten
   * even when the size stays. Otherwise `scaleReplicaSetAndRecordEvent`: an equal size is a no-op.
   */
  always?: boolean
}

/** Whether upstream would skip the write entirely. */
export function isNoop(d: Deployment, intent: ScaleIntent): boolean {
  const from = specReplicas(intent.rs)
  if (from === intent.to && !intent.always) return true
  const replicas = desiredReplicas(d)
  return from === intent.to && !replicasAnnotationsNeedUpdate(intent.rs, replicas, replicas + maxSurge(d))
}

/**
 * The ReplicaSet to write: new size, and desired-replicas / max-replicas as of this
 * Deployment (every scaling refreshes them). Undefined when nothing would change.
 */
export function scaleUpdate(d: Deployment, rs: ReplicaSet, to: number): ReplicaSet | undefined {
  const replicas = desiredReplicas(d)
  const max = replicas + maxSurge(d)
  if (specReplicas(rs) === to && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return undefined
  const copy = deepCopy(rs)
  copy.spec.replicas = to
  setReplicasAnnotations(copy, replicas, max)
  return copy
}

/**
 * The `ScalingReplicaSet` event text, newest form. Releases before ≈ v1.29 wrote
 * `Scaled up replica set <rs> to <n>` (REFERENCE 5.3).
 */
export function scalingMessage(rsName: string, from: number, to: number): string {
  return `Scaled ${from < to ? 'up' : 'down'} replica set ${rsName} from ${from} to ${to}`
}
