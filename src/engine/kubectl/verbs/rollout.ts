import { dryRunStrategy, F, type Command } from '../command'
import { KubectlError, PreformattedError, usageError } from '../errors'
import { outputFormat } from '../printers/output'
import { rolloutEditRun } from './rollout-edit'
import { rolloutHistoryRun } from './rollout-history'
import { rolloutStatusRun } from './rollout-status'
import { rolloutUndoRun } from './rollout-undo'

/**
 * `kubectl rollout SUBCOMMAND` (kubectl `pkg/cmd/rollout/rollout.go`) for Deployments:
 * `status`, `history`, `undo`, `pause`, `resume`, `restart`, one file each. Without a
 * subcommand kubectl prints its help on stderr and exits 1.
 */
const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'] as const

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  use: 'kubectl rollout SUBCOMMAND',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: "Watch the status of the rollout until it's done." },
    { name: 'revision', type: 'int', usage: 'Pin to a specific revision for showing its status / See the details of the revision specified.' },
    { name: 'to-revision', type: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before ending watch, zero means never.' },
    F.selector,
    F.output,
    F.dryRun,
    F.filename,
  ],
  run(ctx) {
    const [sub, ...args] = ctx.args
    if (sub === undefined) {
      ctx.out.err(rolloutHelp())
      throw new PreformattedError('')
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw usageError('kubectl rollout', `unknown command "${ctx.args.join(' ')}"`)
    if (ctx.flags.strings('filename').length) throw new KubectlError("the playground's kubectl reads no files; name the resource instead (e.g. deployment/web)")
    outputFormat(ctx.flags.string('output'), ['', 'name'])
    dryRunStrategy(ctx.flags)
    if (sub === 'status') return rolloutStatusRun(ctx, args)
    if (sub === 'history') return rolloutHistoryRun(ctx, args)
    if (sub === 'undo') return rolloutUndoRun(ctx, args)
    return rolloutEditRun(ctx, args, sub as 'pause' | 'resume' | 'restart')
  },
}

function rolloutHelp(): string {
  return [
    'Manage the rollout of one or many resources.',
    '',
    ' Valid resource types include:',
    '',
    '  *  deployments',
    '  *  daemonsets',
    '  *  statefulsets',
    '',
    'Available Commands:',
    '  history       View rollout history',
    '  pause         Mark the provided resource as paused',
    '  restart       Restart a resource',
    '  resume        Resume a paused resource',
    '  status        Show the status of the rollout',
    '  undo          Undo a previous rollout',
    '',
    'Usage:',
    '  kubectl rollout SUBCOMMAND [options]',
    '',
  ].join('\n')
}
