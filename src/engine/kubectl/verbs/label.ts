import { isValidLabelValue } from '../../api/labels'
import { dryRunStrategy, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { outputFormat } from '../printers/output'
import type { Info } from '../resources'
import { jsonLength, listMap, METADATA_FLAGS, metadataTargets, patchMetadataMap, printEdited } from './metadata-edit'
import { resourcesAndPairs } from './pairs'
import { changeCause, withChangeCause } from './record'

/**
 * `kubectl label (TYPE NAME | TYPE/NAME | TYPE -l … | TYPE --all) KEY=VALUE… KEY-…` (kubectl
 * `pkg/cmd/label/label.go`). Without `--overwrite` an existing key is refused:
 * `'app' already has a value (web), and --overwrite is false`. Removing a key that is not
 * there prints `label "x" not found.` and goes on. The result line is `pod/web labeled`,
 * `not labeled` when nothing changed, and `unlabeled` when, without `--overwrite`, the object
 * got shorter (kubectl compares the JSON lengths — its own heuristic, reproduced).
 */
export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  use: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  flags: METADATA_FLAGS,
  run(ctx) {
    const f = ctx.flags
    const dryRun = dryRunStrategy(f)
    outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
    const { resources, pairs } = resourcesAndPairs(ctx.args, 'label')
    const { set, remove } = parseLabelArgs(pairs)
    if (f.bool('list') && f.string('output')) throw new KubectlError('--list and --output may not be specified together')
    if (f.bool('all') && f.string('selector')) throw new KubectlError('cannot set --all and --selector at the same time')
    if (f.bool('all') && f.string('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time')
    if (f.bool('local') || f.strings('filename').length) throw new KubectlError("the playground's kubectl has no local files; name the object instead (e.g. pod/web)")
    if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>')
    if (set.size < 1 && remove.length < 1 && !f.bool('list')) throw new KubectlError('at least one label update is required')
    const { infos, errors, single } = metadataTargets(ctx, resources)
    const cause = changeCause(ctx, 'kubectl label', ctx.args, METADATA_FLAGS)
    for (const info of infos) {
      try {
        labelOne(ctx, info, set, remove, single, dryRun, cause)
      } catch (e) {
        errors.push(e)
      }
    }
    if (errors.length) throw new AggregateErrors(errors)
  },
}

function labelOne(ctx: CommandContext, info: Info, set: Map<string, string>, remove: string[], single: boolean, dryRun: 'none' | 'client' | 'server', cause: string | undefined): void {
  const f = ctx.flags
  const overwrite = f.bool('overwrite')
  const current = info.object.metadata.labels ?? {}
  if (f.bool('list')) return listMap(ctx, info, single, 'labels')
  if (dryRun !== 'client') for (const k of remove) if (!(k in current)) ctx.out.out(`label "${k}" not found.\n`)
  if (!overwrite) {
    // `validateNoOverwrites`: one error per key that already exists, whatever its value.
    const clashes = [...set.keys()].filter((k) => k in current).map((k) => new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`))
    if (clashes.length) throw clashes.length === 1 ? clashes[0] : new AggregateErrors(clashes)
  }
  const next: Record<string, string> = { ...current }
  for (const [k, v] of set) next[k] = v
  for (const k of remove) delete next[k]
  let edited = { ...info.object, metadata: { ...info.object.metadata, labels: next } }
  if (dryRun !== 'client') edited = withChangeCause(edited, cause)
  // `updateDataChangeMsg`.
  const before = jsonLength(info.object)
  const after = jsonLength(edited)
  let msg = 'not labeled'
  if (JSON.stringify(edited) !== JSON.stringify(info.object)) msg = !overwrite && after < before ? 'unlabeled' : 'labeled'
  if (dryRun !== 'client') {
    patchMetadataMap(ctx, info, 'labels', next, dryRun)
    if (cause !== undefined) patchMetadataMap(ctx, { ...info, object: edited }, 'annotations', edited.metadata.annotations ?? {}, dryRun)
  }
  printEdited(ctx, info, edited, msg, dryRun)
}

/** label's own `parseLabels`: `k=v` (exactly one `=`, a valid value) or `k-`. */
function parseLabelArgs(specs: string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>()
  const remove: string[] = []
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=')
      if (parts.length !== 2) throw new KubectlError(`invalid label spec: ${spec}`)
      const errs = isValidLabelValue(parts[1])
      if (errs.length) throw new KubectlError(`invalid label value: "${spec}": ${errs.join(';')}`)
      set.set(parts[0], parts[1])
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1))
    else throw new KubectlError(`unknown label spec: ${spec}`)
  }
  for (const k of remove) if (set.has(k)) throw new KubectlError('can not both modify and remove a label in the same command')
  return { set, remove }
}
