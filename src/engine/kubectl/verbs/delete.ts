import { ApiError } from '../../apiserver/errors'
import { dryRunStrategy, F, type Command } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { readManifests } from '../apply/manifest'
import { ACTOR, fetchInfos, kindName, kindString, parseResourceArgs, type Info } from '../resources'
import { validates } from './apply'

/**
 * `kubectl delete` (kubectl `pkg/cmd/delete/delete.go`): `pod "x" deleted` per object
 * (`force deleted` with `--grace-period=0 --force`), `--cascade` → propagationPolicy,
 * `--now` → grace period 1, `-l`/`--all` select, NotFound ignored with a selector.
 * Output follows kubectl v1.31–v1.33; v1.34 appends ` from <ns> namespace` (see `deletedLine`).
 *
 * The playground does not block until the objects are gone (kubectl's `--wait`): time only
 * moves when the simulation runs.
 */
export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  use: 'kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]',
  flags: [
    F.filename,
    F.selector,
    F.all,
    F.allNamespaces,
    F.dryRun,
    F.output,
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
    { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete.' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning.' },
    // workloads
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on, supports =, ==, and != (e.g. --field-selector key1=value1,key2=value2).' },
  ],
  run(ctx) {
    const f = ctx.flags
    let grace = f.int('grace-period')
    const force = f.bool('force')
    const selector = f.string('selector')
    const all = f.bool('all')
    let ignoreNotFound = f.bool('ignore-not-found')
    if ((all || selector || f.string('field-selector')) && !f.changed('ignore-not-found')) ignoreNotFound = true // workloads: or a field selector
    if (f.bool('now')) {
      if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together')
      grace = 1
    }
    // --grace-period=0 without --force becomes 1, for safety (kubectl's backwards-compatible rule).
    if (grace === 0 && !force) grace = 1
    if (force && grace < 0) grace = 0
    const policy = cascade(ctx.out, f.string('cascade'))
    const out = f.string('output')
    if (out !== '' && out !== 'name') throw new KubectlError(`unexpected -o output mode: ${out}. We only support '-o name'`)
    if (all && selector) throw new KubectlError('cannot set --all and --selector at the same time')
    if (grace === 0 && force)
      ctx.out.err('warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n')
    else if (grace > 0 && force) throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together')
    const dryRun = dryRunStrategy(f)

    let infos: Info[] = []
    let errors: unknown[] = []
    const filenames = f.strings('filename')
    if (filenames.length) {
      const read = readManifests(ctx, filenames, validates(ctx))
      errors.push(...read.errors)
      for (const m of read.manifests) {
        const ns = m.def.namespaced ? m.object.metadata?.namespace || ctx.namespace : undefined
        infos.push({ def: m.def, namespace: ns, name: m.object.metadata?.name ?? '', object: m.object })
      }
    } else {
      if (ctx.args.length === 0)
        throw new KubectlError(
          "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        )
      const req = parseResourceArgs(ctx, ctx.args)
      const fieldSelector = f.string('field-selector') // workloads
      if (req.tuples.length === 0 && !all && !selector && !fieldSelector) throw new KubectlError('resource(s) were provided, but no name was specified')
      ;({ infos, errors } = fetchInfos(ctx, req, { selector, allNamespaces: f.bool('all-namespaces'), fieldSelector }))
    }
    if (ignoreNotFound) errors = errors.filter((e) => !(e instanceof ApiError && e.reason === 'NotFound'))

    let warnedClusterScope = false
    let found = 0
    for (const info of infos) {
      found++
      if (ctx.explicitNamespace && !f.bool('all-namespaces') && !info.def.namespaced && !warnedClusterScope) {
        ctx.out.err('warning: deleting cluster-scoped resources, not scoped to the provided namespace\n')
        warnedClusterScope = true
      }
      try {
        if (dryRun !== 'client')
          ctx.host.ctx.api.delete(info.def.resource, info.namespace, info.name, {
            actor: ACTOR,
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
            propagationPolicy: policy,
            dryRun: dryRun === 'server',
          })
        ctx.out.out(out === 'name' ? `${kindName(info.def, info.name)}\n` : deletedLine(kindString(info.def), info.name, grace, dryRun))
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        if (ignoreNotFound && e.reason === 'NotFound') continue
        errors.push(filenames.length ? new ApiError(e.code, e.reason, `error when deleting "STDIN": ${e.message}`, e.causes) : e)
      }
    }
    if (found === 0 && errors.length === 0) ctx.out.out('No resources found\n')
    if (errors.length) throw new AggregateErrors(errors)
  },
}

/** `DeleteOptions.PrintObj`: `pod "web" deleted`, `force deleted`, `(dry run)`, `(server dry run)`. */
export function deletedLine(kind: string, name: string, grace: number, dryRun: 'none' | 'client' | 'server'): string {
  let op = grace === 0 ? 'force deleted' : 'deleted'
  if (dryRun === 'client') op += ' (dry run)'
  if (dryRun === 'server') op += ' (server dry run)'
  return `${kind} "${name}" ${op}\n`
}

/** `--cascade`: background | foreground | orphan, or the deprecated booleans. */
function cascade(out: { err(s: string): void }, v: string): 'Background' | 'Foreground' | 'Orphan' {
  switch (v) {
    case 'background':
      return 'Background'
    case 'foreground':
      return 'Foreground'
    case 'orphan':
      return 'Orphan'
    case 'true':
      out.err('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n')
      return 'Background'
    case 'false':
      out.err('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n')
      return 'Orphan'
    default:
      throw new KubectlError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`)
  }
}
