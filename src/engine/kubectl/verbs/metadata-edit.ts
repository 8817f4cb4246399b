import type { KObject } from '../../api/types'
import { F, type CommandContext } from '../command'
import { KubectlError } from '../errors'
import type { FlagDef } from '../flags'
import { goJson } from '../printers/gojson'
import { printStructured } from '../printers/output'
import { ACTOR, fetchInfos, kindName, parseResourceArgs, type Info } from '../resources'
import { RECORD_FLAG } from './record'

/**
 * What `kubectl label` and `kubectl annotate` share (kubectl `pkg/cmd/label`, `pkg/cmd/annotate`):
 * the flags, finding the objects (`TYPE NAME`, `TYPE/NAME`, `-l`, `--field-selector`, `--all`,
 * `-A`), sending the change as a JSON merge patch of `metadata`, printing
 * `pod/web labeled` with the dry-run suffix, and `--list`.
 */
export const METADATA_FLAGS: FlagDef[] = [
  { name: 'overwrite', type: 'bool', usage: 'If true, allow labels/annotations to be overwritten, otherwise reject updates that overwrite existing ones.' },
  { name: 'list', type: 'bool', usage: 'If true, display the labels/annotations for a given resource.' },
  { name: 'local', type: 'bool', usage: 'If true, will NOT contact api-server but run locally.' },
  { name: 'resource-version', type: 'string', usage: 'If non-empty, the update will only succeed if this is the current resource-version for the object.' },
  { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on, supports =, ==, and != (e.g. --field-selector key1=value1,key2=value2).' },
  F.selector,
  F.all,
  F.allNamespaces,
  F.dryRun,
  F.output,
  F.filename,
  RECORD_FLAG,
]

/** The objects to change, or kubectl's errors for the arguments. */
export function metadataTargets(ctx: CommandContext, resources: string[]): { infos: Info[]; errors: unknown[]; single: boolean } {
  const f = ctx.flags
  const req = parseResourceArgs(ctx, resources)
  if (req.tuples.length === 0 && !f.bool('all') && !f.string('selector') && !f.string('field-selector'))
    throw new KubectlError('resource(s) were provided, but no name was specified')
  const { infos, errors } = fetchInfos(ctx, req, { selector: f.string('selector'), allNamespaces: f.bool('all-namespaces'), fieldSelector: f.string('field-selector') })
  if (!req.singleItem && f.string('resource-version')) throw new KubectlError('--resource-version may only be used with a single resource')
  return { infos, errors, single: req.singleItem }
}

/** Send `metadata.<field>` as a merge patch (the map, with removed keys set to null). */
export function patchMetadataMap(
  ctx: CommandContext,
  info: Info,
  field: 'labels' | 'annotations',
  next: Record<string, string>,
  dryRun: 'none' | 'client' | 'server',
): KObject {
  const before = info.object.metadata[field] ?? {}
  const patch: Record<string, string | null> = {}
  for (const k of Object.keys(before)) if (!(k in next)) patch[k] = null
  for (const [k, v] of Object.entries(next)) if (before[k] !== v) patch[k] = v
  const rv = ctx.flags.string('resource-version')
  return ctx.host.ctx.api.patch(
    info.def.resource,
    info.namespace,
    info.name,
    { metadata: { [field]: Object.keys(patch).length ? patch : {}, ...(rv ? { resourceVersion: rv } : {}) } },
    { actor: ACTOR, dryRun: dryRun === 'server' },
  )
}

/** `--list`: `key=value` per line (sorted), under a heading when several objects are listed. */
export function listMap(ctx: CommandContext, info: Info, single: boolean, what: 'labels' | 'annotations'): void {
  const map = info.object.metadata[what] ?? {}
  const indent = single ? '' : ' '
  if (!single) ctx.out.out(`Listing ${what} for ${info.def.kind}.${info.def.group}/${info.name}:\n`)
  for (const k of Object.keys(map).sort()) ctx.out.out(`${indent}${k}=${map[k]}\n`)
}

/** The name printer with kubectl's dry-run suffixes, or the object for `-o yaml|json`. */
export function printEdited(ctx: CommandContext, info: Info, obj: KObject, operation: string, dryRun: 'none' | 'client' | 'server'): void {
  const fmt = ctx.flags.string('output')
  if (fmt === 'yaml' || fmt === 'json') return ctx.out.out(printStructured(fmt, [obj], true))
  if (fmt === 'name') return ctx.out.out(`${kindName(info.def, info.name)}\n`)
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  ctx.out.out(`${kindName(info.def, info.name)} ${operation}${suffix}\n`)
}

/** Go's `json.Marshal` length of the object: what `updateDataChangeMsg` compares. */
export const jsonLength = (o: unknown) => goJson(o).length
