import { ApiError } from '../../apiserver/errors'
import { F, type Command } from '../command'
import { describerFor } from '../describe'
import { AggregateErrors, KubectlError } from '../errors'
import { printContext } from '../printers'
import { fetchInfos, parseResourceArgs } from '../resources'

/**
 * `kubectl describe` (kubectl `pkg/cmd/describe/describe.go`): descriptions separated by a
 * blank line; `TYPE NAME` that does not exist falls back to every object whose name starts
 * with NAME (`DescribeMatchingResources`); events are shown for a single object, and for
 * several only with an explicit `--show-events`.
 */
export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  use: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]',
  flags: [
    F.selector,
    F.allNamespaces,
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  run(ctx) {
    if (ctx.args.length === 0)
      throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n')
    const req = parseResourceArgs(ctx, ctx.args)
    const allNamespaces = ctx.flags.bool('all-namespaces')
    const { infos, errors } = fetchInfos(ctx, req, { selector: ctx.flags.string('selector'), allNamespaces })
    let showEvents = ctx.flags.bool('show-events')
    if ((errors.length > 0 || infos.length > 1) && !ctx.flags.changed('show-events')) showEvents = false
    const p = printContext(ctx.host.now(), (ts) => ctx.host.ctx.clock.parse(ts ?? undefined), false)

    if (errors.length > 0 && ctx.args.length === 2 && errors.some((e) => e instanceof ApiError && e.reason === 'NotFound')) {
      // `describe TYPE PREFIX`: describe every object whose name starts with the prefix.
      const [type, prefix] = ctx.args
      const all = fetchInfos(ctx, parseResourceArgs(ctx, [type]), {})
      const matching = all.infos.filter((i) => i.name.startsWith(prefix))
      if (matching.length === 0) throw errors[0]
      for (const info of matching) ctx.out.out(describerFor(info.def.kind)(ctx, info, showEvents, p) + "\n")
      return
    }

    ctx.out.out(infos.map((info) => describerFor(info.def.kind)(ctx, info, showEvents, p)).join('\n\n'))
    if (infos.length === 0 && errors.length === 0)
      ctx.out.err(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`)
    if (errors.length) throw new AggregateErrors(errors)
  },
}
