import type { ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'

/**
 * The deployment controller's bookkeeping on ReplicaSets (REFERENCE 5.1;
 * `deployment_util.go` `SetNewReplicaSetAnnotations`, `copyDeploymentAnnotationsToReplicaSet`,
 * `SetReplicasAnnotations`, `SetDeploymentAnnotationsTo`). Setters mutate the copy they are
 * given and report whether anything changed, as upstream's do.
 *
 * @example
 *   const rs = deepCopy(cached)
 *   if (setNewReplicaSetAnnotations(d, rs, '4', true, 10)) write(rs)
 */

export const POD_TEMPLATE_HASH = 'pod-template-hash'
export const REVISION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas'
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
/** `apps.DeprecatedRollbackTo`: how apps/v1 round-trips the old `spec.rollbackTo`. */
export const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to'
/** `kubectl rollout restart` stamps the pod template with it. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'
/** `kubectl rollout history`'s CHANGE-CAUSE column. */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause'

/** `maxRevHistoryLengthInChars` in sync.go: revision-history is trimmed to ~100 entries. */
export const MAX_REV_HISTORY_CHARS = 2000

/** `annotationsToSkip`: never copied between a Deployment and its ReplicaSets. */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, DEPRECATED_ROLLBACK_TO,
])

/** `copyDeploymentAnnotationsToReplicaSet`: every Deployment annotation but the skipped ones. */
export function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false
  rs.metadata.annotations ??= {}
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || rs.metadata.annotations[k] === v) continue
    rs.metadata.annotations[k] = v
    changed = true
  }
  return changed
}

/**
 * `SetNewReplicaSetAnnotations`: copy the Deployment's annotations, then raise (never lower)
 * the revision, compared as integers; a non-integer old revision blocks the update. When an RS
 * that already had a revision gets a newer one — a rollback adopting it — the old number is
 * appended to revision-history, dropping the oldest entries beyond `limitChars`. A new RS also
 * gets desired-replicas and max-replicas.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, maxSurge: number, limitChars = MAX_REV_HISTORY_CHARS,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs)
  const ann = (rs.metadata.annotations ??= {})
  const had = Object.prototype.hasOwnProperty.call(ann, REVISION)
  const oldRevision = had ? ann[REVISION] : ''
  let oldInt: number
  if (/^[+-]?[0-9]+$/.test(oldRevision)) oldInt = Number(oldRevision)
  else if (oldRevision !== '') return false
  else oldInt = 0
  if (!/^[+-]?[0-9]+$/.test(newRevision)) return false
  const newInt = Number(newRevision)
  if (oldInt < newInt) {
    ann[REVISION] = newRevision
    changed = true
  }
  if (had && oldInt < newInt) {
    const history = ann[REVISION_HISTORY] ?? ''
    const old = history.split(',')
    if (old[0].length === 0) ann[REVISION_HISTORY] = oldRevision
    else {
      let total = history.length + oldRevision.length + 1
      let start = 0
      while (total > limitChars && start < old.length) total -= old[start++].length + 1
      if (total <= limitChars) ann[REVISION_HISTORY] = [...old.slice(start), oldRevision].join(',')
    }
  }
  const replicas = d.spec.replicas ?? 1
  if (!exists && setReplicasAnnotations(rs, replicas, replicas + maxSurge)) changed = true
  return changed
}

/** `SetReplicasAnnotations`: desired-replicas and max-replicas, as decimal strings. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {})
  let changed = false
  if (ann[DESIRED_REPLICAS] !== String(desired)) {
    ann[DESIRED_REPLICAS] = String(desired)
    changed = true
  }
  if (ann[MAX_REPLICAS] !== String(max)) {
    ann[MAX_REPLICAS] = String(max)
    changed = true
  }
  return changed
}

/** `ReplicasAnnotationsNeedUpdate`. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = rs.metadata.annotations
  return !ann || ann[DESIRED_REPLICAS] !== String(desired) || ann[MAX_REPLICAS] !== String(max)
}

/**
 * `getNonNegativeInt32FromAnnotation`: `strconv.ParseUint(v, 10, 32)` capped at MaxInt32.
 * Missing or invalid → undefined.
 */
export function nonNegativeInt32Annotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key]
  if (v === undefined || !/^[0-9]+$/.test(v)) return undefined
  const n = Number(v)
  return n <= 2147483647 ? n : undefined
}

/** `SetDeploymentRevision`: the Deployment mirrors its new RS's revision. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  d.metadata.annotations ??= {}
  if (d.metadata.annotations[REVISION] === revision) return false
  d.metadata.annotations[REVISION] = revision
  return true
}

/**
 * `SetDeploymentAnnotationsTo` (rollback): keep the Deployment's skipped annotations, take
 * every other annotation from the RS being rolled back to.
 */
export function setDeploymentAnnotationsTo(d: Deployment, rs: ReplicaSet): void {
  d.metadata.annotations = rollbackAnnotations(d, rs)
}

/** The annotations a rollback leaves on the Deployment (also what `kubectl rollout undo` patches in). */
export function rollbackAnnotations(d: Deployment, rs: ReplicaSet): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) out[k] = v
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v
  return out
}
