import type { Node } from '../../api/types'
import { matches } from '../../api/selector'
import { ApiError } from '../../apiserver/errors'
import type { CommandContext } from '../command'
import { KubectlError, usageError } from '../errors'
import { ACTOR, resolveType } from '../resources'
import { selectorOrError } from './selector-arg'

/** `resource.Builder`'s error when no resource was given (shared by several verbs). */
export const NO_RESOURCES_GIVEN =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"

/**
 * The nodes `cordon`, `uncordon` and `drain` act on (`DrainCmdOptions.Complete`, kubectl
 * `pkg/cmd/drain/drain.go`): node names (or `node/NAME`) or `-l`, never both; each GET
 * through the API server, stopping at the first error as the builder does without
 * ContinueOnError.
 */
export function resolveNodes(ctx: CommandContext, use: string): Node[] {
  const selector = ctx.flags.string('selector')
  if (ctx.args.length === 0 && !ctx.flags.changed('selector')) throw usageError(ctx.path, `USAGE: ${use} [flags]`)
  if (ctx.args.length > 0 && selector) throw usageError(ctx.path, 'error: cannot specify both a node name and a --selector option')
  const api = ctx.host.ctx.api
  if (ctx.args.length === 0) {
    const sel = selectorOrError(ctx, 'nodes', selector)
    return api.list('nodes', undefined, { actor: ACTOR, filter: (o) => matches(sel, o.metadata.labels) }).items as Node[]
  }
  return ctx.args.map((arg) => {
    let name = arg
    if (arg.includes('/')) {
      const [type, n] = arg.split('/')
      const def = resolveType(ctx, type)
      if (def.resource !== 'nodes') throw new KubectlError(`error: expected resource of type node, got "${def.group}/${def.apiVersion.split('/').pop()}, Resource=${def.resource}"`)
      name = n
    }
    return api.get('nodes', undefined, name, { actor: ACTOR }) as Node
  })
}

/** Is this an ApiError with the given reason? */
export const isReason = (e: unknown, reason: ApiError['reason']): e is ApiError => e instanceof ApiError && e.reason === reason
