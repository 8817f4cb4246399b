import type { KObject } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { diffPatch, jsonEqual, readLastApplied, threeWayMerge, withLastApplied } from '../apply/merge'
import { infoString, placeInNamespace, readManifests, SOURCE_STDIN, type Manifest } from '../apply/manifest'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { addSourceToErr, AggregateErrors, KubectlError } from '../errors'
import { goJson } from '../printers/gojson'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR, kindName } from '../resources'

/**
 * `kubectl apply -f` (client-side apply, kubectl `pkg/cmd/apply/apply.go`): create what does
 * not exist (with the last-applied-configuration annotation), otherwise three-way merge and
 * update; print `kind.group/name created|configured|unchanged`. Errors are reported after
 * every object has been tried.
 */
export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  use: 'kubectl apply (-f FILENAME | -k DIRECTORY) [flags]',
  // --server-side, --prune, … are real flags we lack: kubectl.ts says so (unsupported.ts).
  flags: [F.filename, F.output, F.dryRun, F.validate],
  run(ctx) {
    const filenames = ctx.flags.strings('filename')
    if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k')
    const fmt = outputFormat(ctx.flags.string('output'), ['', 'name', 'yaml', 'json'])
    const dryRun = dryRunStrategy(ctx.flags)
    const { manifests, errors } = readManifests(ctx, filenames, validates(ctx))
    if (manifests.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to apply')
    const results: KObject[] = []
    for (const m of manifests) {
      try {
        const { op, object } = applyOne(ctx, m, dryRun)
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
        if (fmt === '') ctx.out.out(`${kindName(m.def, object.metadata.name ?? '')} ${op}${suffix}\n`)
        else if (fmt === 'name') ctx.out.out(`${kindName(m.def, object.metadata.name ?? '')}\n`)
        results.push(object)
      } catch (e) {
        errors.push(e)
      }
    }
    if ((fmt === 'yaml' || fmt === 'json') && results.length) ctx.out.out(printStructured(fmt, results, results.length === 1))
    if (errors.length) throw new AggregateErrors(errors)
  },
}

/** `--validate`: strict/true/warn validate; ignore/false do not. */
export function validates(ctx: CommandContext): boolean {
  const v = ctx.flags.string('validate')
  return !(v === 'false' || v === 'ignore')
}

function applyOne(ctx: CommandContext, m: Manifest, dryRun: 'none' | 'client' | 'server'): { op: string; object: KObject } {
  const api = ctx.host.ctx.api
  const config = placeInNamespace(ctx, m)
  const name = config.metadata.name ?? ''
  const ns = m.def.namespaced ? config.metadata.namespace : undefined
  const modified = withLastApplied(config)
  if (!name)
    throw new KubectlError(`error when retrieving current configuration of:\n${infoString(m.def, '', ns ?? '')}\nfrom server for: "${SOURCE_STDIN}": resource name may not be empty`)
  // kubectl GETs first: a 404 means create, anything else is the current configuration.
  let current: KObject | undefined
  try {
    current = api.get(m.def.resource, ns, name, { actor: ACTOR })
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    if (e.reason !== 'NotFound') throw addSourceToErr(`retrieving current configuration of:\n${infoString(m.def, name, ns ?? '')}\nfrom server for:`, SOURCE_STDIN, e)
  }
  if (!current) return { op: 'created', object: create(ctx, m, modified, dryRun) }
  const original = readLastApplied(current)
  if (!original)
    ctx.out.err(
      `Warning: resource ${m.def.resource}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    )
  const merged = threeWayMerge(original, modified, current) as KObject
  if (jsonEqual(merged, current)) return { op: 'unchanged', object: current }
  if (dryRun === 'client') return { op: 'configured', object: merged }
  // A resourceVersion in the manifest is part of kubectl's patch, so the server checks it
  // (optimistic locking): a stale one is a 409. Without one the patch is unconditional.
  const resourceVersion = config.metadata.resourceVersion || current.metadata.resourceVersion
  try {
    const stored = api.update(m.def.resource, { ...merged, metadata: { ...merged.metadata, resourceVersion } }, { actor: ACTOR, dryRun: dryRun === 'server' })
    return { op: 'configured', object: stored }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    // `Patcher.Patch` wraps with "patching" (after its conflict retries, which a stale
    // resourceVersion in the patch cannot win), then `RunApply` with "applying patch: …".
    const patching = addSourceToErr('patching', SOURCE_STDIN, e)
    throw addSourceToErr(`applying patch:\n${goJson(diffPatch(current, merged))}\nto:\n${infoString(m.def, name, ns ?? '')}\nfor:`, SOURCE_STDIN, patching)
  }
}

function create(ctx: CommandContext, m: Manifest, obj: KObject, dryRun: 'none' | 'client' | 'server'): KObject {
  if (dryRun === 'client') return obj
  try {
    return ctx.host.ctx.api.create(m.def.resource, obj, { actor: ACTOR, dryRun: dryRun === 'server' })
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    throw addSourceToErr('creating', SOURCE_STDIN, e)
  }
}
