import type { KObject } from '../types'
import type { FieldError } from '../field-errors'

/**
 * Everything the API server needs to serve one kind. Adding a kind means writing one of
 * these (defaulting, validation, printing metadata) and registering it in `registry.ts`.
 */
export interface KindDef {
  kind: string
  apiVersion: string
  /** '' for the core group. */
  group: string
  /** Plural resource name, as in URLs and `kubectl get <resource>`. */
  resource: string
  singular: string
  shortNames: string[]
  /** kubectl categories, e.g. `all`. */
  categories?: string[]
  namespaced: boolean
  /** Has a /status subresource: main-resource writes keep status, status writes keep spec. */
  hasStatus: boolean
  /** Fill in Kubernetes' defaults (mutates the copy it is given). */
  default?(obj: KObject, ctx: DefaultContext): void
  /** Validation beyond ObjectMeta, with Kubernetes' field paths and messages. */
  validate?(obj: KObject): FieldError[]
  /** Update-only validation (immutable fields). */
  validateUpdate?(obj: KObject, old: KObject): FieldError[]
}

export interface DefaultContext {
  /** RFC 3339 "now" on the virtual clock. */
  now: string
}

/** The group-qualified resource Kubernetes uses in error texts: `pods`, `replicasets.apps`. */
export function qualifiedResource(def: KindDef): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource
}

/** The group-qualified kind used in Invalid errors: `Pod`, `ReplicaSet.apps`. */
export function qualifiedKind(def: KindDef): string {
  return def.group ? `${def.kind}.${def.group}` : def.kind
}
