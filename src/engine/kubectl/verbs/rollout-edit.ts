import type { Deployment } from '../../api/kinds/deployment'
import { pauseDeployment, restartDeployment, resumeDeployment, type RolloutEdit } from '../../controllers/deployment/pause'
import { dryRunStrategy, type CommandContext } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { ACTOR, kindName } from '../resources'
import type { Info } from '../resources'
import { groupResource, REQUIRED, rolloutInfos } from './rollout-common'

/**
 * `kubectl rollout pause | resume | restart` (kubectl `pkg/cmd/rollout/rollout_{pause,resume,
 * restart}.go` with `polymorphichelpers/object{pauser,resumer,restarter}.go`): each object is
 * patched with what the helper returns and printed as `deployment.apps/web paused` (`resumed`,
 * `restarted`); a refusal reads `error: deployments.apps "web" is already paused`. Other kinds
 * are refused as kubectl refuses them (`pausing is not supported`, …). Two restarts within the
 * same second produce no change, which kubectl reports as an error.
 */
export type RolloutVerb = 'pause' | 'resume' | 'restart'

const UNSUPPORTED: Record<RolloutVerb, string> = { pause: 'pausing is not supported', resume: 'resuming is not supported', restart: 'restarting is not supported' }

export function rolloutEditRun(ctx: CommandContext, args: string[], verb: RolloutVerb): void {
  if (args.length === 0 && !ctx.flags.string('selector')) throw REQUIRED()
  const dryRun = dryRunStrategy(ctx.flags)
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  const { infos, errors } = rolloutInfos(ctx, args)
  if (errors.length) throw new AggregateErrors(errors)
  if (infos.length === 0) throw new KubectlError(`no resources found`)
  const all: unknown[] = []
  for (const info of infos) {
    const edit = editFor(ctx, info, verb)
    if ('error' in edit) {
      all.push(new KubectlError(`error: ${groupResource(info)} "${info.name}" ${edit.error}`))
      continue
    }
    if (verb === 'restart' && JSON.stringify(edit.object.spec.template) === JSON.stringify((info.object as Deployment).spec.template)) {
      all.push(new KubectlError(`failed to create patch for ${info.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`))
      continue
    }
    if (dryRun !== 'client') ctx.host.ctx.api.update('deployments', edit.object, { actor: ACTOR, dryRun: dryRun === 'server' })
    ctx.out.out(ctx.flags.string('output') === 'name' ? `${kindName(info.def, info.name)}\n` : `${kindName(info.def, info.name)} ${edit.message}${suffix}\n`)
  }
  if (all.length) throw new AggregateErrors(all)
}

function editFor(ctx: CommandContext, info: Info, verb: RolloutVerb): RolloutEdit {
  if (info.def.kind !== 'Deployment') return { error: UNSUPPORTED[verb] }
  const d = info.object as Deployment
  if (verb === 'pause') return pauseDeployment(d)
  if (verb === 'resume') return resumeDeployment(d)
  return restartDeployment(d, ctx.host.ctx.clock.timestamp())
}
