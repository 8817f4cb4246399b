import { deepCopy } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { RESTARTED_AT } from './annotations'

/**
 * `kubectl rollout pause | resume | restart` on a Deployment (kubectl
 * `polymorphichelpers/objectpauser.go`, `objectresumer.go`, `objectrestarter.go`): each returns
 * the object to send, or upstream's error. kubectl prints an error as
 * `error: deployments.apps "<name>" <error>` and success as `deployment.apps/<name> paused`
 * (`resumed`, `restarted`).
 *
 * The controller does the rest: a paused Deployment only scales (no rollout) and gets
 * Progressing Unknown/DeploymentPaused; `restartedAt` changes the pod template, so a new
 * ReplicaSet rolls out like any template change.
 *
 * @example
 *   const r = pauseDeployment(d)
 *   if ('object' in r) api.update('deployments', r.object)
 */
export type RolloutEdit = { object: Deployment; message: string } | { error: string }

export function pauseDeployment(d: Deployment): RolloutEdit {
  if (d.spec.paused) return { error: 'is already paused' }
  const object = deepCopy(d)
  object.spec.paused = true
  return { object, message: 'paused' }
}

export function resumeDeployment(d: Deployment): RolloutEdit {
  if (!d.spec.paused) return { error: 'is not paused' }
  const object = deepCopy(d)
  // `paused` is omitempty upstream: false is simply not written.
  delete object.spec.paused
  return { object, message: 'resumed' }
}

/** `now` is RFC 3339 (kubectl uses the local time; the playground's clock is UTC). */
export function restartDeployment(d: Deployment, now: string): RolloutEdit {
  if (d.spec.paused) return { error: "can't restart paused deployment (run rollout resume first)" }
  const object = deepCopy(d)
  object.spec.template.metadata ??= {}
  object.spec.template.metadata.annotations = { ...(object.spec.template.metadata.annotations ?? {}), [RESTARTED_AT]: now }
  return { object, message: 'restarted' }
}
