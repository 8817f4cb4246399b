import type { Deployment } from '../../api/kinds/deployment'
import type { PodTemplateSpec } from '../../api/types'
import { deploymentHistory } from '../../controllers/deployment/history'
import { CHANGE_CAUSE } from '../../controllers/deployment/annotations'
import type { CommandContext } from '../command'
import { describePodTemplate } from '../describe/replicaset'
import { PrefixWriter } from '../describe/writer'
import { AggregateErrors, KubectlError } from '../errors'
import { kindName } from '../resources'
import { groupKind, ownedReplicaSets, REQUIRED, rolloutInfos } from './rollout-common'

/**
 * `kubectl rollout history deployment/NAME [--revision=N]` (kubectl
 * `pkg/cmd/rollout/rollout_history.go`, `polymorphichelpers/history.go`
 * `DeploymentHistoryViewer`). kubectl prints the history as the name printer's "operation",
 * hence the odd shape: `deployment.apps/web ` (trailing space), a newline, the table, and a
 * blank line. `--revision=N` prints `deployment.apps/web with revision #N` and the revision's
 * pod template in describe format — through a plain PrefixWriter, not a tabwriter, so the
 * tabs stay tabs — with the revision's change-cause added to the template's annotations.
 *
 * @example
 *   // deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n
 */
export function rolloutHistoryRun(ctx: CommandContext, args: string[]): void {
  if (args.length === 0) throw REQUIRED()
  const revision = ctx.flags.int('revision')
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`)
  const { infos, errors } = rolloutInfos(ctx, args)
  for (const info of infos) {
    try {
      if (info.def.kind !== 'Deployment') throw new KubectlError(`no history viewer has been implemented for "${groupKind(info)}"`)
      const history = viewHistory(ctx, info.object as Deployment, revision)
      const withRevision = revision > 0 ? `with revision #${revision}` : ''
      ctx.out.out(`${kindName(info.def, info.name)} ${withRevision}\n${history}\n`)
    } catch (e) {
      errors.push(e)
    }
  }
  if (errors.length) throw new AggregateErrors(errors)
}

function viewHistory(ctx: CommandContext, d: Deployment, revision: number): string {
  const entries = deploymentHistory(ownedReplicaSets(ctx, d))
  if (entries.length === 0) return 'No rollout history found.'
  if (revision > 0) {
    const e = entries.find((x) => x.revision === revision)
    if (!e) throw new KubectlError('unable to find the specified revision')
    const template: PodTemplateSpec = structuredClone(e.rs.spec.template)
    const cause = e.rs.metadata.annotations?.[CHANGE_CAUSE]
    if (cause) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE]: cause } }
    const w = new RawPrefixWriter()
    describePodTemplate(template, w)
    return w.toString()
  }
  // tabwriter(0, 8, 2, ' '): the first column is as wide as its longest cell plus 2.
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...entries.map((x) => [String(x.revision), x.changeCause])]
  const width = Math.max(...rows.map((r) => r[0].length)) + 2
  return rows.map((r) => r[0].padEnd(width) + r[1] + '\n').join('')
}

/** `describe.NewPrefixWriter(buf)` without a tabwriter: `printTemplate` in history.go. */
export class RawPrefixWriter extends PrefixWriter {
  private text = ''
  override write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text
  }
  override writeLine(text = ''): void {
    this.text += text + '\n'
  }
  override flush(): void {}
  override toString(): string {
    return this.text
  }
}
