import type { KindDef } from '../api/kinds/kind'
import type { KObject } from '../api/types'
import { ApiError } from '../apiserver/errors'
import { matches, parseSelector, SelectorParseError, type Selector } from '../api/selector'
import type { CommandContext } from './command'
import { KubectlError } from './errors'
import { fieldFilter } from './fieldselector' // workloads
import { unservedResource } from './unsupported'

/**
 * kubectl's resource builder (cli-runtime `resource.Builder`) for what the playground needs:
 * turning `TYPE[,TYPE…] [NAME…]`, `TYPE/NAME…`, `-l`, `--all`, `-A` into objects fetched
 * through the API server (actor `kubectl`), continuing past per-object errors.
 *
 * @example
 *   const req = parseResourceArgs(ctx.host.ctx.api.registry, ['rs,po'])  // two types, no names
 *   const { infos, errors } = fetch(ctx, req, { selector: 'app=web' })
 */
export interface Info {
  def: KindDef
  namespace?: string
  name: string
  object: KObject
}

export interface ResourceRequest {
  /** (type, name) pairs when names were given; otherwise types to list. */
  tuples: { def: KindDef; name: string }[]
  types: KindDef[]
  /** One `TYPE NAME` or `TYPE/NAME` (kubectl's "single item implied"). */
  singleItem: boolean
}

export const ACTOR = 'kubectl'

/** Resolve a typed resource the way discovery does (`po`, `pods`, `Pod`, `rs.apps`), or kubectl's error. */
export function resolveType(ctx: CommandContext, typed: string): KindDef {
  const def = ctx.host.ctx.api.registry.resolve(typed) ?? withVersion(ctx, typed)
  if (def) return def
  const first = `the server doesn't have a resource type "${typed}"`
  const unserved = unservedResource(typed)
  if (!unserved) throw new KubectlError(first)
  const simulated = ctx.host.ctx.api.registry.all().map((d) => d.resource)
  throw new KubectlError(`${first}\n(the playground does not simulate ${unserved.resource}; simulated: ${simulated.join(', ')})`)
}

/**
 * `resource.version.group` (`deployments.v1.apps`, `pods.v1.`; also `Kind.version.group`): the
 * builder's `schema.ParseResourceArg` splits at the first two dots into a fully specified
 * GroupVersionResource, which must name the version the server serves.
 */
function withVersion(ctx: CommandContext, typed: string): KindDef | undefined {
  const parts = typed.split('.')
  if (parts.length < 3) return undefined
  const [resource, version, ...rest] = parts
  const group = rest.join('.')
  const def = ctx.host.ctx.api.registry.resolve(group ? `${resource}.${group}` : resource)
  if (!def || def.group !== group || def.apiVersion.split('/').pop() !== version) return undefined
  return def
}

/** The `all` category: what `kubectl get all` lists, in discovery order (core first, then groups). */
function expandTypes(ctx: CommandContext, typed: string): KindDef[] {
  if (typed.toLowerCase() === 'all') {
    const order = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs']
    const rank = (d: KindDef) => (order.indexOf(d.resource) + 1 || order.length + 1)
    return ctx.host.ctx.api.registry
      .all()
      .filter((d) => d.categories?.includes('all'))
      .sort((a, b) => rank(a) - rank(b))
  }
  return [resolveType(ctx, typed)]
}

/** `ResourceTypeOrNameArgs`: validate the argument shapes and resolve every type. */
export function parseResourceArgs(ctx: CommandContext, args: string[]): ResourceRequest {
  const slashed = args.filter((a) => a.includes('/')).length
  if (slashed > 0 && slashed !== args.length)
    throw new KubectlError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    )
  if (slashed > 0) {
    const tuples = args.map((a) => {
      const seg = a.split('/')
      if (seg.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash')
      if (!seg[0] || !seg[1]) throw new KubectlError('arguments in resource/name form must have a single resource and name')
      return { def: resolveType(ctx, seg[0]), name: seg[1] }
    })
    return { tuples, types: [], singleItem: tuples.length === 1 }
  }
  if (args.length === 0) return { tuples: [], types: [], singleItem: false }
  const types = unique(args[0].split(',').filter((t) => t !== '').flatMap((t) => expandTypes(ctx, t)))
  const names = args.slice(1)
  if (names.length === 0) return { tuples: [], types, singleItem: false }
  const tuples = types.flatMap((def) => names.map((name) => ({ def, name })))
  return { tuples, types: [], singleItem: types.length === 1 && names.length === 1 }
}

export interface FetchOptions {
  selector?: string
  allNamespaces?: boolean
  // workloads: `--field-selector`, evaluated as the API server does (fieldselector.ts)
  fieldSelector?: string
}

/**
 * The server parses `-l` (kubectl sends it as `labelSelector`), so a bad selector is a 400 that
 * `EnhanceListError` rewrites: `Unable to find "/v1, Resource=pods" that match label selector "x y", field selector "": …`.
 */
function selectorFor(def: KindDef, s: string): Selector | undefined {
  if (!s.trim()) return undefined
  try {
    return parseSelector(s)
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e
    const gvr = `${def.group}/${def.apiVersion.split('/').pop()}, Resource=${def.resource}`
    throw new ApiError(400, 'BadRequest', `Unable to find "${gvr}" that match label selector "${s}", field selector "": ${e.message}`)
  }
}

/**
 * Fetch the objects a request names (GET each) or lists (LIST each type, filtered by the
 * selector). Errors are collected per object, as kubectl's `ContinueOnError` does.
 */
export function fetchInfos(ctx: CommandContext, req: ResourceRequest, opts: FetchOptions = {}): { infos: Info[]; errors: unknown[] } {
  const api = ctx.host.ctx.api
  const infos: Info[] = []
  const errors: unknown[] = []
  if (req.tuples.length > 0) {
    if (opts.selector || opts.fieldSelector) throw new KubectlError('name cannot be provided when a selector is specified') // workloads: or a field selector
    if (opts.allNamespaces) throw new KubectlError('a resource cannot be retrieved by name across all namespaces')
    for (const { def, name } of req.tuples) {
      const ns = def.namespaced ? ctx.namespace : undefined
      try {
        const object = api.get(def.resource, ns, name, { actor: ACTOR })
        infos.push({ def, namespace: ns, name, object })
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        errors.push(e)
      }
    }
    return { infos, errors }
  }
  for (const def of req.types) {
    const ns = def.namespaced && !opts.allNamespaces ? ctx.namespace : undefined
    let sel: Selector | undefined
    try {
      sel = selectorFor(def, opts.selector ?? '')
    } catch (e) {
      errors.push(e)
      continue
    }
    // workloads: the field selector is checked (and rejected) by the server like the label selector
    let byField: ((o: KObject) => boolean) | undefined
    try {
      byField = fieldFilter(def, opts.selector ?? '', opts.fieldSelector ?? '')
    } catch (e) {
      errors.push(e)
      continue
    }
    const filter = sel || byField ? (o: KObject) => (!sel || matches(sel, o.metadata.labels)) && (!byField || byField(o)) : undefined
    const { items } = api.list(def.resource, ns, { actor: ACTOR, filter })
    for (const object of items) infos.push({ def, namespace: object.metadata.namespace, name: object.metadata.name ?? '', object })
  }
  return { infos, errors }
}

/** `kind.group/name` as kubectl's name printer writes it: `pod/web`, `replicaset.apps/web`. */
export function kindName(def: KindDef, name: string): string {
  return `${kindString(def)}/${name}`
}

/** `pod`, `replicaset.apps`: the lower-case GroupKind. */
export function kindString(def: KindDef): string {
  return def.group ? `${def.kind.toLowerCase()}.${def.group}` : def.kind.toLowerCase()
}

function unique(defs: KindDef[]): KindDef[] {
  return defs.filter((d, i) => defs.indexOf(d) === i)
}
