import type { KindDef } from '../../api/kinds/kind'
import type { Command } from '../command'
import { KubectlError } from '../errors'
import { TABLE, TabWriter } from '../printers/tabwriter'

/**
 * `kubectl api-resources` (kubectl `pkg/cmd/apiresources/apiresources.go`) for the kinds the
 * playground's API server serves: NAME SHORTNAMES APIVERSION NAMESPACED KIND (`-o wide` adds
 * VERBS and CATEGORIES, `-o name` prints `pods`, `deployments.apps`). Sorted as kubectl sorts
 * without `--sort-by`: stably by API group, the core group first; within a group in discovery
 * order (by resource name). `--namespaced`, `--api-group`, `--sort-by=name|kind`, `--no-headers`.
 */
const VERBS: Record<string, string[]> = {
  namespaces: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  bindings: ['create'],
}
const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  use: 'kubectl api-resources [flags]',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: "Output format. One of: (wide, name)." },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
    { name: 'categories', type: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
  ],
  run(ctx) {
    const f = ctx.flags
    const out = f.string('output')
    if (out !== '' && out !== 'wide' && out !== 'name') throw new KubectlError(`--output ${out} is not available`)
    const sortBy = f.string('sort-by')
    if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError(`--sort-by accepts only name or kind`)
    let defs = ctx.host.ctx.api.registry.all()
    if (f.changed('namespaced')) defs = defs.filter((d) => d.namespaced === f.bool('namespaced'))
    if (f.changed('api-group')) defs = defs.filter((d) => d.group === f.string('api-group'))
    for (const v of f.strings('verbs')) defs = defs.filter((d) => verbsOf(d).includes(v))
    for (const c of f.strings('categories')) defs = defs.filter((d) => (d.categories ?? []).includes(c))
    const key = (d: KindDef) => (sortBy === 'name' ? d.resource : sortBy === 'kind' ? d.kind : d.group)
    defs = [...defs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    if (out === 'name') return ctx.out.out(defs.map((d) => (d.group ? `${d.resource}.${d.group}\n` : `${d.resource}\n`)).join(''))
    const w = new TabWriter(TABLE)
    const wide = out === 'wide'
    if (!f.bool('no-headers')) w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`)
    for (const d of defs) {
      const row = [d.resource, d.shortNames.join(','), d.apiVersion, String(d.namespaced), d.kind]
      if (wide) row.push(`[${verbsOf(d).join(' ')}]`, (d.categories ?? []).join(','))
      w.write(row.join('\t') + '\n')
    }
    ctx.out.out(w.flush())
  },
}

function verbsOf(d: KindDef): string[] {
  return VERBS[d.resource] ?? DEFAULT_VERBS
}
