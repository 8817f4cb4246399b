import { dryRunStrategy, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { outputFormat } from '../printers/output'
import type { Info } from '../resources'
import { listMap, METADATA_FLAGS, metadataTargets, patchMetadataMap, printEdited } from './metadata-edit'
import { parsePairs, resourcesAndPairs } from './pairs'
import { CHANGE_CAUSE, changeCause } from './record'

/**
 * `kubectl annotate (TYPE NAME | TYPE/NAME | …) KEY=VALUE… KEY-…` (kubectl
 * `pkg/cmd/annotate/annotate.go`). Values may contain anything (`=` included). Without
 * `--overwrite` existing keys are refused in one message —
 * `--overwrite is false but found the following declared annotation(s): 'a' already has a value (x)` —
 * except `kubernetes.io/change-cause`, which may always be replaced (so
 * `kubectl annotate deploy/web kubernetes.io/change-cause="…"` labels a rollout). Always prints
 * `pod/web annotated`.
 */
export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  use: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  flags: METADATA_FLAGS,
  run(ctx) {
    const f = ctx.flags
    const dryRun = dryRunStrategy(f)
    outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
    const { resources, pairs } = resourcesAndPairs(ctx.args, 'annotation')
    const { set, remove } = parsePairs(pairs, 'annotation', true)
    if (f.bool('list') && f.string('output')) throw new KubectlError('--list and --output may not be specified together')
    if (f.bool('all') && f.string('selector')) throw new KubectlError('cannot set --all and --selector at the same time')
    if (f.bool('all') && f.string('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time')
    if (f.bool('local') || f.strings('filename').length) throw new KubectlError("the playground's kubectl has no local files; name the object instead (e.g. pod/web)")
    if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>')
    if (set.size < 1 && remove.length < 1 && !f.bool('list')) throw new KubectlError('at least one annotation update is required')
    const both = remove.filter((k) => set.has(k))
    if (both.length) throw new KubectlError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`)
    const { infos, errors, single } = metadataTargets(ctx, resources)
    const cause = changeCause(ctx, 'kubectl annotate', ctx.args, METADATA_FLAGS)
    for (const info of infos) {
      try {
        annotateOne(ctx, info, set, remove, single, dryRun, cause)
      } catch (e) {
        errors.push(e)
      }
    }
    if (errors.length) throw new AggregateErrors(errors)
  },
}

function annotateOne(ctx: CommandContext, info: Info, set: Map<string, string>, remove: string[], single: boolean, dryRun: 'none' | 'client' | 'server', cause: string | undefined): void {
  if (ctx.flags.bool('list')) return listMap(ctx, info, single, 'annotations')
  const current = info.object.metadata.annotations ?? {}
  if (!ctx.flags.bool('overwrite')) {
    const found = [...set.keys()].filter((k) => k !== CHANGE_CAUSE && k in current).map((k) => `'${k}' already has a value (${current[k]})`)
    if (found.length) throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`)
  }
  const next: Record<string, string> = { ...current }
  if (cause !== undefined && dryRun !== 'client') next[CHANGE_CAUSE] = cause
  for (const [k, v] of set) next[k] = v
  for (const k of remove) delete next[k]
  const edited = { ...info.object, metadata: { ...info.object.metadata, annotations: next } }
  if (dryRun !== 'client') patchMetadataMap(ctx, info, 'annotations', next, dryRun)
  printEdited(ctx, info, edited, 'annotated', dryRun)
}
