import type { KObject } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { F, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError, PreformattedError } from '../errors'
import { printContext, renderTable } from '../printers'
import { outputFormat, printNames, printStructured } from '../printers/output'
import { templatePrinter } from '../printers/templates' // workloads
import { runWatch } from './get-watch' // services & nodes
import { fetchInfos, kindString, parseResourceArgs, type Info } from '../resources'

/**
 * `kubectl get` (kubectl `pkg/cmd/get/get.go`): one table per resource type, separated by a
 * blank line, `kind/` name prefixes when several kinds are printed, `NAMESPACE` with `-A`;
 * `No resources found in <ns> namespace.` on stderr when nothing matched. Objects that could
 * not be fetched are reported after the others, and the exit code is 1.
 */
export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  use: 'kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  flags: [
    F.output,
    F.selector,
    F.allNamespaces,
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column.' },
    { name: 'no-headers', type: 'bool', usage: 'When using the default output format, do not print headers.' },
    { name: 'label-columns', short: 'L', type: 'stringSlice', usage: 'Labels to present as columns.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'sort-by', type: 'string', usage: 'Sort list types using this field specification (a JSONPath expression).' },
    // services & nodes: -w prints the current objects and hands the worker a WatchSpec (verbs/get-watch.ts)
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    // workloads
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on, supports =, ==, and != (e.g. --field-selector key1=value1,key2=value2).' },
  ],
  run(ctx) {
    // workloads: -o jsonpath=… / custom-columns=… (printers/templates.ts)
    const template = templatePrinter(ctx.flags.string('output'))
    const fmt = template ? 'json' : outputFormat(ctx.flags.string('output'))
    // services & nodes
    if (ctx.flags.bool('watch') || ctx.flags.bool('watch-only')) {
      if (template) throw new KubectlError("the playground's kubectl watches with table, wide, name, yaml or json output")
      return runWatch(ctx, fmt)
    }
    if (ctx.args.length === 0) {
      ctx.out.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n')
      throw new PreformattedError(
        `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee '${ctx.path} -h' for help and examples`,
      )
    }
    if (ctx.flags.bool('show-labels') && fmt !== '' && fmt !== 'wide') throw new KubectlError(`--show-labels option cannot be used with ${fmt} printer`)
    const req = parseResourceArgs(ctx, ctx.args)
    const allNamespaces = ctx.flags.bool('all-namespaces')
    let { infos, errors } = fetchInfos(ctx, req, { selector: ctx.flags.string('selector'), allNamespaces, fieldSelector: ctx.flags.string('field-selector') })
    if (ctx.flags.bool('ignore-not-found')) errors = errors.filter((e) => !(e instanceof ApiError && e.reason === 'NotFound'))
    const sortBy = ctx.flags.string('sort-by')
    if (sortBy) infos = sortInfos(infos, sortBy)

    if (template) {
      // workloads
      if (req.singleItem && errors.length) throw errors[0]
      ctx.out.out(template.print(infos.map((i) => i.object), req.singleItem, ctx.flags.bool('no-headers')))
    } else if (fmt === 'yaml' || fmt === 'json') {
      if (req.singleItem && errors.length) throw errors[0]
      ctx.out.out(printStructured(fmt, infos.map((i) => i.object), req.singleItem))
    } else if (fmt === 'name') {
      ctx.out.out(printNames(infos))
    } else printTables(ctx, infos, errors.length > 0, allNamespaces)
    if (errors.length) throw new AggregateErrors(errors)
  },
}

function printTables(ctx: CommandContext, infos: Info[], hadErrors: boolean, allNamespaces: boolean): void {
  // kubectl prints `kind/name` when the arguments asked for several types (`EnsureWithKind`
  // after `MultipleTypesRequested(args)`), even if only one of them had objects, or when the
  // objects found are of several kinds (`multipleGVKsRequested`).
  const withKind = multipleTypesRequested(ctx.args) || new Set(infos.map((i) => i.def)).size > 1
  const p = printContext(ctx.host.now(), (ts) => ctx.host.ctx.clock.parse(ts ?? undefined), ctx.flags.string('output') === 'wide')
  let written = ''
  let allNamespaced = !allNamespaces
  // One table per run of the same resource type, as kubectl's printer changes with the mapping.
  for (let i = 0; i < infos.length; ) {
    const def = infos[i].def
    let j = i
    while (j < infos.length && infos[j].def === def) j++
    allNamespaced = allNamespaced && def.namespaced
    const table = renderTable(
      infos.slice(i, j).map((x) => x.object as KObject),
      p,
      {
        wide: p.wide,
        noHeaders: ctx.flags.bool('no-headers'),
        withNamespace: allNamespaces && def.namespaced,
        withKind: withKind ? kindString(def) : undefined,
        showLabels: ctx.flags.bool('show-labels'),
        labelColumns: ctx.flags.strings('label-columns'),
      },
    )
    if (table && written && !ctx.flags.bool('no-headers')) written += '\n'
    written += table
    i = j
  }
  ctx.out.out(written)
  if (written === '' && !hadErrors && !ctx.flags.bool('ignore-not-found'))
    ctx.out.err(allNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n')
}

/**
 * cli-runtime `resource.MultipleTypesRequested`: `all`, `TYPE1,TYPE2` (distinct as typed), or
 * `TYPE/NAME` arguments naming more than one type (`rs,po web` counts as `rs/web po/web`).
 */
export function multipleTypesRequested(args: string[]): boolean {
  const split = (arg: string) => [...new Set(arg.split(','))]
  if (args.length >= 2 && split(args[0]).length > 1) return true // normalizeMultipleResourcesArgs
  const kinds = new Set<string>()
  for (const arg of args) {
    if (arg === 'all') return true
    const slash = arg.split('/')
    if (slash.length > 2) continue
    if (slash.length === 1) {
      if (arg.includes(',') && split(arg).length > 1) return true
      continue
    }
    kinds.add(slash[0])
  }
  return kinds.size > 1
}

/** `--sort-by` with a simple JSONPath field (`.metadata.name`, `{.status.podIP}`, `.spec.containers[0].image`). */
function sortInfos(infos: Info[], spec: string): Info[] {
  const path = spec.replace(/^\{|\}$/g, '').replace(/^\./, '')
  const parts = path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '')
  const value = (o: unknown): unknown => parts.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
  return [...infos].sort((a, b) => {
    const x = value(a.object)
    const y = value(b.object)
    if (typeof x === 'number' && typeof y === 'number') return x - y
    const xs = String(x ?? '')
    const ys = String(y ?? '')
    return xs < ys ? -1 : xs > ys ? 1 : 0
  })
}
