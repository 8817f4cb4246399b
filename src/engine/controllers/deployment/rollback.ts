import type { PodTemplateSpec, ReplicaSet } from '../../api/types'
import { deepCopy } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { DEPRECATED_ROLLBACK_TO, POD_TEMPLATE_HASH, rollbackAnnotations } from './annotations'
import { equalIgnoreHash, lastRevision, parseInt64, revisionOf } from './revision'

/**
 * Rollbacks (REFERENCE 5.7).
 * - `kubectl rollout undo [--to-revision=N]` is kubectl's work (`polymorphichelpers/rollback.go`
 *   `DeploymentRollbacker`): find the ReplicaSet of revision N (0 = the previous one), and
 *   patch its template and annotations into the Deployment. `rolloutUndo` is that decision,
 *   with kubectl's exact texts; the kubectl verb prints and patches.
 * - The old API's `spec.rollbackTo`, carried in apps/v1 by the `deprecated.deployment.rollback.to`
 *   annotation, is the controller's (`rollback.go`): `controllerRollback`.
 * Either way the controller then finds the restored template's RS as the new one and gives it
 * revision max+1, recording the old number in revision-history.
 *
 * @example
 *   const r = rolloutUndo(d, ownedRSs, 0)
 *   if (r.kind === 'patch') api.patch('deployments', ns, name, (o) => applyUndo(o, r))  // then print `deployment.apps/web rolled back`
 */

export type UndoResult =
  /** kubectl prints `error: <message>` and exits 1. */
  | { kind: 'error'; message: string }
  /** kubectl prints `deployment.apps/<name> <message>` (no write). */
  | { kind: 'skipped'; message: string; revision: number }
  /** Replace `spec.template` and `metadata.annotations`, then print `deployment.apps/<name> rolled back`. */
  | { kind: 'patch'; template: PodTemplateSpec; annotations: Record<string, string>; revision: number; message: 'rolled back' }

/**
 * `DeploymentRollbacker.Rollback`. `rss` are the Deployment's own ReplicaSets (controlled by it),
 * old and new. Order of checks as upstream: revision lookup, then paused, then "already matches".
 */
export function rolloutUndo(d: Deployment, rss: readonly ReplicaSet[], toRevision = 0): UndoResult {
  const name = d.metadata.name as string
  if (toRevision < 0) return { kind: 'error', message: `unable to find specified revision ${toRevision} in history` }
  const found = findRevision(d, rss, toRevision)
  if ('error' in found) return { kind: 'error', message: found.error }
  if (d.spec.paused)
    return { kind: 'error', message: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again` }
  const rs = found.rs
  // The message names the revision asked for — 0 when none was given, as kubectl prints it.
  if (equalIgnoreHash(rs.spec.template, d.spec.template))
    return { kind: 'skipped', message: `skipped rollback (current template already matches revision ${toRevision})`, revision: toRevision }
  const template = deepCopy(rs.spec.template)
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH]
  return { kind: 'patch', template, annotations: rollbackAnnotations(d, rs), revision: revisionOf(rs) ?? toRevision, message: 'rolled back' }
}

/** kubectl's JSON patch (`replace /spec/template`, `replace /metadata/annotations`) applied to a copy. */
export function applyUndo(d: Deployment, patch: Extract<UndoResult, { kind: 'patch' }>): Deployment {
  const out = deepCopy(d)
  out.spec.template = deepCopy(patch.template)
  out.metadata.annotations = { ...patch.annotations }
  return out
}

/**
 * `deploymentRevision`: revision N exactly, or for 0 the second-highest revision among all
 * (unparseable revisions skipped).
 */
function findRevision(d: Deployment, rss: readonly ReplicaSet[], toRevision: number): { rs: ReplicaSet } | { error: string } {
  let latest: ReplicaSet | undefined
  let latestRev = -1
  let previous: ReplicaSet | undefined
  let previousRev = -1
  for (const rs of rss) {
    const v = revisionOf(rs)
    if (v === undefined) continue
    if (toRevision === 0) {
      if (latestRev < v) {
        previous = latest
        previousRev = latestRev
        latest = rs
        latestRev = v
      } else if (previousRev < v) {
        previous = rs
        previousRev = v
      }
    } else if (v === toRevision) return { rs }
  }
  if (toRevision > 0) return { error: `unable to find specified revision ${toRevision} in history` }
  if (!previous) return { error: `no rollout history found for deployment "${d.metadata.name}"` }
  return { rs: previous }
}

// ---- the controller's side: the deprecated rollbackTo annotation ------------------------

/** `getRollbackTo`: the requested revision, or undefined (missing or not an integer: ignored). */
export function getRollbackTo(d: Deployment): number | undefined {
  const v = d.metadata.annotations?.[DEPRECATED_ROLLBACK_TO]
  if (!v) return undefined
  return parseInt64(v)
}

export type ControllerRollback =
  | { kind: 'not-found'; reason: 'DeploymentRollbackRevisionNotFound'; message: string }
  | { kind: 'unchanged'; reason: 'DeploymentRollbackTemplateUnchanged'; message: string }
  | { kind: 'rollback'; rs: ReplicaSet; revision: number; message: string }

/**
 * `DeploymentController.rollback`: revision 0 means the last one before the current
 * (`LastRevision`); the RS found supplies the template (`rollbackToTemplate`). Every outcome
 * ends with the annotation cleared and the Deployment updated.
 */
export function controllerRollback(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], requested: number): ControllerRollback {
  let revision = requested
  if (revision === 0) {
    revision = lastRevision(allRSs)
    if (revision === 0) return { kind: 'not-found', reason: 'DeploymentRollbackRevisionNotFound', message: 'Unable to find last revision.' }
  }
  for (const rs of allRSs) {
    if (!rs || revisionOf(rs) !== revision) continue
    if (equalIgnoreHash(d.spec.template, rs.spec.template))
      return { kind: 'unchanged', reason: 'DeploymentRollbackTemplateUnchanged', message: `The rollback revision contains the same template as current deployment "${d.metadata.name}"` }
    return { kind: 'rollback', rs, revision, message: `Rolled back deployment "${d.metadata.name}" to revision ${revision}` }
  }
  return { kind: 'not-found', reason: 'DeploymentRollbackRevisionNotFound', message: 'Unable to find the revision to rollback to.' }
}

/** `SetFromReplicaSetTemplate`: the RS's template, without its pod-template-hash label. */
export function setFromReplicaSetTemplate(d: Deployment, template: PodTemplateSpec): void {
  const t = deepCopy(template)
  const labels = { ...(t.metadata?.labels ?? {}) }
  delete labels[POD_TEMPLATE_HASH]
  d.spec.template = { ...t, metadata: { ...(t.metadata ?? {}), labels } }
}
