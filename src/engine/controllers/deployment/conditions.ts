import type { ReplicaSetCondition } from '../../api/types'
import type { ConditionStatus } from '../../api/types'
import type { DeploymentCondition, DeploymentStatus } from '../../api/kinds/deployment'

/**
 * Deployment conditions (REFERENCE 5.9; `deployment_util.go` `NewDeploymentCondition`,
 * `SetDeploymentCondition`, `RemoveDeploymentCondition`, the reason constants).
 * Setters mutate the status they are given, as upstream's do.
 *
 * @example
 *   setCondition(status, newCondition('Progressing', 'True', Reason.ReplicaSetUpdated, 'ReplicaSet "web-5d8f" is progressing.', now))
 */

export const ConditionType = {
  Available: 'Available',
  Progressing: 'Progressing',
  ReplicaFailure: 'ReplicaFailure',
} as const

export const Reason = {
  /** Progressing True: one of its replica sets was scaled as part of the rollout. */
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  /** Progressing False: the new replica set could not be created. */
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const

/** `NewDeploymentCondition`: both times are now. */
export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message }
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type)
}

/**
 * `SetDeploymentCondition`: no-op when status and reason are unchanged; keeps
 * lastTransitionTime when only the reason changes; the condition goes to the end.
 */
export function setCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const cur = getCondition(status, cond.type)
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return
  const next = { ...cond }
  if (cur && cur.status === cond.status) next.lastTransitionTime = cur.lastTransitionTime
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next]
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type)
  if (rest.length) status.conditions = rest
  else delete status.conditions
}

/** `ReplicaSetToDeploymentCondition`: a ReplicaFailure promoted from a ReplicaSet. */
export function fromReplicaSetCondition(c: ReplicaSetCondition): DeploymentCondition {
  return {
    type: c.type,
    status: c.status,
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  }
}
