import type { Deployment } from '../../api/kinds/deployment'
import { applyUndo, rolloutUndo } from '../../controllers/deployment/rollback'
import { deploymentHistory } from '../../controllers/deployment/history'
import { dryRunStrategy, type CommandContext } from '../command'
import { describePodTemplate } from '../describe/replicaset'
import { AggregateErrors, KubectlError } from '../errors'
import { ACTOR, kindName } from '../resources'
import { groupKind, ownedReplicaSets, REQUIRED, rolloutInfos } from './rollout-common'
import { RawPrefixWriter } from './rollout-history'

/**
 * `kubectl rollout undo deployment/NAME [--to-revision=N]` (kubectl
 * `pkg/cmd/rollout/rollout_undo.go`, `polymorphichelpers/rollback.go` `DeploymentRollbacker`):
 * the decision is the deployment package's `rolloutUndo`; kubectl then patches the template and
 * annotations back in and prints `deployment.apps/web rolled back`, or
 * `deployment.apps/web skipped rollback (current template already matches revision N)`.
 * `--dry-run=client` prints the revision's pod template (kubectl's `printTemplate`) instead.
 */
export function rolloutUndoRun(ctx: CommandContext, args: string[]): void {
  if (args.length === 0) throw REQUIRED()
  const dryRun = dryRunStrategy(ctx.flags)
  const toRevision = ctx.flags.int('to-revision')
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  const { infos, errors } = rolloutInfos(ctx, args)
  if (errors.length) throw new AggregateErrors(errors)
  for (const info of infos) {
    if (info.def.kind !== 'Deployment') throw new KubectlError(`no rollbacker has been implemented for "${groupKind(info)}"`)
    const d = info.object as Deployment
    const rss = ownedReplicaSets(ctx, d)
    if (dryRun === 'client') {
      // kubectl looks the revision up, then (before the paused check) prints its template.
      const entries = deploymentHistory(rss)
      const e = toRevision > 0 ? entries.find((x) => x.revision === toRevision) : entries[entries.length - 2]
      if (!e)
        throw new KubectlError(toRevision > 0 ? `unable to find specified revision ${toRevision} in history` : `no rollout history found for deployment "${info.name}"`)
      const w = new RawPrefixWriter()
      describePodTemplate(e.rs.spec.template, w)
      ctx.out.out(`${kindName(info.def, info.name)} ${w.toString()}${suffix}\n`)
      continue
    }
    const r = rolloutUndo(d, rss, toRevision)
    if (r.kind === 'error') throw new KubectlError(pausedText(r.message))
    if (r.kind === 'patch')
      ctx.host.ctx.api.patch('deployments', info.namespace, info.name, (o) => applyUndo(o as Deployment, r), { actor: ACTOR, dryRun: dryRun === 'server' })
    ctx.out.out(`${kindName(info.def, info.name)} ${r.message}${suffix}\n`)
  }
}

/**
 * kubectl ≥ v1.2x words the paused refusal without the resource name:
 * `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`.
 */
function pausedText(message: string): string {
  return message.startsWith('you cannot rollback a paused deployment')
    ? "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
    : message
}
