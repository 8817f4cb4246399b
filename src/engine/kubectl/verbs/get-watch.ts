import type { CommandContext, WatchSpec } from '../command'
import { KubectlError, PreformattedError } from '../errors'
import { printContext } from '../printers'
import { printWatched } from '../printers/watch'
import { fetchInfos, kindString, parseResourceArgs } from '../resources'

/**
 * `kubectl get … -w` / `--watch-only` (kubectl `pkg/cmd/get/get.go` `watch`): one resource
 * type, a collection or a single object; print the current objects (unless `--watch-only`)
 * and hand back a `WatchSpec` on `ctx.out.watch`, with which the worker streams the rows of
 * later changes (`printers/watch.ts`). kubectl itself would now block until interrupted.
 */
export function runWatch(ctx: CommandContext, output: '' | 'wide' | 'name' | 'yaml' | 'json'): void {
  const f = ctx.flags
  if (ctx.args.length === 0) {
    ctx.out.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n')
    throw new PreformattedError(
      `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee '${ctx.path} -h' for help and examples`,
    )
  }
  const req = parseResourceArgs(ctx, ctx.args)
  const defs = new Set([...req.types, ...req.tuples.map((t) => t.def)])
  // SingleResourceType()
  if (defs.size > 1) throw new KubectlError('you may only specify a single resource type')
  if (req.tuples.length > 1) throw new KubectlError(`watch is only supported on individual resources and resource collections, but ${req.tuples.length} resources were found`)
  const def = [...defs][0]
  const allNamespaces = f.bool('all-namespaces')
  const selector = f.string('selector')
  const fieldSelector = f.string('field-selector')
  const { infos, errors } = fetchInfos(ctx, req, { selector, allNamespaces, fieldSelector })
  if (errors.length) throw errors[0]
  const spec: WatchSpec = {
    resource: def.resource,
    namespace: def.namespaced && !allNamespaces ? ctx.namespace : undefined,
    name: req.tuples[0]?.name,
    selector: selector || undefined,
    fieldSelector: fieldSelector || undefined,
    columns: {
      output,
      noHeaders: f.bool('no-headers'),
      showLabels: f.bool('show-labels'),
      labelColumns: f.strings('label-columns'),
      withNamespace: allNamespaces && def.namespaced,
    },
    headerPrinted: false,
    widths: [],
    printed: 0,
  }
  if (!f.bool('watch-only')) {
    const p = printContext(ctx.host.now(), (ts) => ctx.host.ctx.clock.parse(ts ?? undefined), output === 'wide')
    ctx.out.out(printWatched(spec, infos.map((i) => i.object), p, kindString(def)))
  }
  ctx.out.watch = spec
}
