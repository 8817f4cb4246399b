import type { Command } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { fetchInfos, kindName, parseResourceArgs } from '../resources'

/**
 * `kubectl edit TYPE NAME` opens `$EDITOR` on the object's YAML and applies what is saved. The
 * engine has no terminal or editor, so it answers with an explanation (after checking that the
 * object exists, so a typo still gets kubectl's NotFound); the playground's UI opens its own
 * YAML editor for `edit` lines before they reach the engine.
 */
export const editCommand: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  use: 'kubectl edit (RESOURCE/NAME | -f FILENAME)',
  flags: [{ name: 'output', short: 'o', type: 'string', usage: 'Output format.' }],
  run(ctx) {
    if (ctx.args.length === 0)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      )
    const req = parseResourceArgs(ctx, ctx.args)
    if (req.tuples.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
    const { infos, errors } = fetchInfos(ctx, req)
    if (errors.length) throw new AggregateErrors(errors)
    const what = infos.map((i) => kindName(i.def, i.name)).join(', ')
    throw new KubectlError(
      `the playground's kubectl cannot start an editor from this console: open ${what} in the YAML editor (the inspector's YAML tab), or print it with 'kubectl get ${ctx.args.join(' ')} -o yaml' and send your changes with 'kubectl apply -f -'`,
    )
  },
}
