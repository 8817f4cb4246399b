import { parseSelector, SelectorParseError, type Selector } from '../../api/selector'
import { ApiError } from '../../apiserver/errors'
import type { CommandContext } from '../command'

/**
 * A `-l` selector as the API server parses it: a bad one is the 400 kubectl shows as
 * `Unable to find "/v1, Resource=nodes" that match label selector "…", field selector "": …`
 * (`resource.EnhanceListError`). An empty selector matches everything.
 */
export function selectorOrError(ctx: CommandContext, resource: string, s: string): Selector {
  try {
    return parseSelector(s)
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e
    const def = ctx.host.ctx.api.kind(resource)
    const gvr = `${def.group}/${def.apiVersion.split('/').pop()}, Resource=${def.resource}`
    throw new ApiError(400, 'BadRequest', `Unable to find "${gvr}" that match label selector "${s}", field selector "": ${e.message}`)
  }
}
