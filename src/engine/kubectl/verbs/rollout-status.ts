import type { Deployment } from '../../api/kinds/deployment'
import { rolloutStatus } from '../../controllers/deployment/rollout-status'
import type { CommandContext } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { CANNOT_WAIT, groupKind, REQUIRED, rolloutInfos } from './rollout-common'

/**
 * `kubectl rollout status deployment/NAME` (kubectl `pkg/cmd/rollout/rollout_status.go`,
 * `polymorphichelpers/rollout_status.go`). kubectl prints the status line once per watch event
 * until the rollout is done. The playground's engine is synchronous — time only moves when the
 * simulation runs — so this prints the line for the Deployment as it is now, once:
 *
 * - rolled out: `deployment "web" successfully rolled out`, exit 0 (as kubectl);
 * - `--watch=false`: the current line, exit 0 even when not done (as kubectl);
 * - otherwise (kubectl would keep waiting): the current line on stdout, then an explanation
 *   on stderr and exit 1 — a script must not take an unfinished rollout for a finished one.
 *
 * Errors as kubectl: `deployment "web" exceeded its progress deadline`, `desired revision (3) is
 * different from the running revision (2)`, `no status viewer has been implemented for ReplicaSet.apps`.
 */
export function rolloutStatusRun(ctx: CommandContext, args: string[]): void {
  if (args.length === 0) throw REQUIRED()
  const revision = ctx.flags.int('revision')
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`)
  const { infos, errors } = rolloutInfos(ctx, args)
  if (errors.length) throw new AggregateErrors(errors)
  if (infos.length !== 1)
    throw new KubectlError(`rollout status is only supported on individual resources and resource collections - ${infos.length} resources were found`)
  const info = infos[0]
  if (info.def.kind !== 'Deployment') throw new KubectlError(`no status viewer has been implemented for ${groupKind(info)}`)
  const s = rolloutStatus(info.object as Deployment, revision)
  if ('error' in s) throw new KubectlError(s.error)
  ctx.out.out(s.message)
  if (s.done || !ctx.flags.bool('watch')) return
  throw new KubectlError(CANNOT_WAIT)
}
