import type { Node } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { ACTOR } from '../resources'
import { resolveNodes } from './node-targets'

/**
 * `kubectl cordon NODE` / `kubectl uncordon NODE` (kubectl `pkg/cmd/drain/drain.go`,
 * `RunCordonOrUncordon`, and `pkg/drain/cordon.go`): patch `spec.unschedulable`, printing
 * `node/NAME cordoned` or `node/NAME already cordoned` (and the `un…` forms). A failed
 * patch is reported on stderr as `error: unable to cordon node "x": …` without failing the
 * command, as kubectl does.
 */
export const cordonCommand: Command = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  use: 'kubectl cordon NODE',
  flags: [F.selector, F.dryRun],
  run(ctx) {
    runCordonOrUncordon(ctx, resolveNodes(ctx, 'cordon NODE'), true)
  },
}

export const uncordonCommand: Command = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  use: 'kubectl uncordon NODE',
  flags: [F.selector, F.dryRun],
  run(ctx) {
    runCordonOrUncordon(ctx, resolveNodes(ctx, 'uncordon NODE'), false)
  },
}

/** `(dry run)` / `(server dry run)`, as `PrintFlagsWithDryRunStrategy` appends them. */
export function dryRunSuffix(ctx: CommandContext): string {
  const d = dryRunStrategy(ctx.flags)
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : ''
}

/** `RunCordonOrUncordon(desired)`: the same for every node, errors on stderr only. */
export function runCordonOrUncordon(ctx: CommandContext, nodes: Node[], desired: boolean): void {
  const dryRun = dryRunStrategy(ctx.flags)
  const verb = desired ? 'cordon' : 'uncordon'
  for (const node of nodes) {
    const name = node.metadata.name ?? ''
    if (!!node.spec?.unschedulable === desired) {
      ctx.out.out(`node/${name} already ${verb}ed${dryRunSuffix(ctx)}\n`)
      continue
    }
    if (dryRun !== 'client') {
      try {
        // CordonHelper.PatchOrReplace: a two-way merge patch; `false` is Go's zero value, so it removes the field.
        ctx.host.ctx.api.patch('nodes', undefined, name, { spec: { unschedulable: desired ? true : null } }, { actor: ACTOR, dryRun: dryRun === 'server' })
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        ctx.out.err(`error: unable to ${verb} node "${name}": ${e.message}\n`)
        continue
      }
    }
    ctx.out.out(`node/${name} ${verb}ed${dryRunSuffix(ctx)}\n`)
  }
}
