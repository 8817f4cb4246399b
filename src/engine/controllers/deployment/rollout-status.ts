import type { Deployment } from '../../api/kinds/deployment'
import { ConditionType, Reason, getCondition } from './conditions'
import { revisionOf } from './revision'

/**
 * `kubectl rollout status deployment/<d>` (REFERENCE 5.7; kubectl
 * `polymorphichelpers/rollout_status.go` `DeploymentStatusViewer.Status`): one message per
 * look at the Deployment; kubectl repeats it on every watch event until `done` or an error.
 * Messages end in a newline, as kubectl prints them.
 *
 * @example
 *   rolloutStatus(d)
 *   // { message: 'Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...\n', done: false }
 */
export type RolloutStatus = { message: string; done: boolean } | { error: string }

export function rolloutStatus(d: Deployment, revision = 0): RolloutStatus {
  const name = d.metadata.name
  if (revision > 0) {
    const current = revisionOf(d)
    if (current === undefined)
      return { error: `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${d.metadata.annotations?.['deployment.kubernetes.io/revision']}": invalid syntax` }
    if (current !== revision) return { error: `desired revision (${revision}) is different from the running revision (${current})` }
  }
  const s = d.status ?? {}
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false }
  if (getCondition(s, ConditionType.Progressing)?.reason === Reason.TimedOut)
    return { error: `deployment "${name}" exceeded its progress deadline` }
  const replicas = d.spec.replicas ?? 1
  const updated = s.updatedReplicas ?? 0
  const total = s.replicas ?? 0
  const available = s.availableReplicas ?? 0
  const wait = `Waiting for deployment "${name}" rollout to finish: `
  if (updated < replicas) return { message: `${wait}${updated} out of ${replicas} new replicas have been updated...\n`, done: false }
  if (total > updated) return { message: `${wait}${total - updated} old replicas are pending termination...\n`, done: false }
  if (available < updated) return { message: `${wait}${available} of ${updated} updated replicas are available...\n`, done: false }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true }
}
