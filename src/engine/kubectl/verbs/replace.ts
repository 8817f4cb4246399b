import type { KObject } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { withLastApplied } from '../apply/merge'
import { placeInNamespace, readManifests, SOURCE_STDIN } from '../apply/manifest'
import { dryRunStrategy, F, type Command } from '../command'
import { addSourceToErr, AggregateErrors, KubectlError } from '../errors'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR, kindName } from '../resources'
import { validates } from './apply'

/**
 * `kubectl replace -f` (kubectl `pkg/cmd/replace/replace.go`): PUT each object as written.
 * `resource.Helper.Replace(…, overwrite=true, …)` sends the manifest's
 * `metadata.resourceVersion` when it has one, so a stale one is the server's 409; without one
 * the PUT is unconditional (the helper fills in the current version). Prints
 * `pod/solo replaced`; failures are `error when replacing "STDIN": …`, reported after every
 * object has been tried (`ContinueOnError`). `--force` (delete and re-create) is not simulated.
 *
 * @example
 *   runKubectl(cluster, 'replace -f -', podYaml)  // pod/solo replaced
 */
export const replaceCommand: Command = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  use: 'kubectl replace -f FILENAME [flags]',
  flags: [F.filename, F.output, F.dryRun, F.validate, { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' }],
  run(ctx) {
    const fmt = outputFormat(ctx.flags.string('output'), ['', 'name', 'yaml', 'json'])
    const dryRun = dryRunStrategy(ctx.flags)
    // `ReplaceOptions.Validate` (v1.27+): a plain error, not a usage error.
    if (ctx.flags.strings('filename').length === 0) throw new KubectlError('must specify --filename to replace')
    const { manifests, errors } = readManifests(ctx, ctx.flags.strings('filename'), validates(ctx))
    if (manifests.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to replace')
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
    const results: KObject[] = []
    for (const m of manifests) {
      try {
        let obj = placeInNamespace(ctx, m)
        if (ctx.flags.bool('save-config')) obj = withLastApplied(obj)
        const stored = dryRun === 'client' ? obj : ctx.host.ctx.api.update(m.def.resource, obj, { actor: ACTOR, dryRun: dryRun === 'server' })
        const name = kindName(m.def, stored.metadata.name ?? '')
        if (fmt === '') ctx.out.out(`${name} replaced${suffix}\n`)
        else if (fmt === 'name') ctx.out.out(`${name}\n`)
        results.push(stored)
      } catch (e) {
        errors.push(e instanceof ApiError ? addSourceToErr('replacing', SOURCE_STDIN, e) : e)
      }
    }
    if ((fmt === 'yaml' || fmt === 'json') && results.length) ctx.out.out(printStructured(fmt, results, results.length === 1))
    if (errors.length) throw new AggregateErrors(errors)
  },
}
