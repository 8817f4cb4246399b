import type { KObject } from '../types'
import type { FieldError } from '../field-errors'
import type { Rng } from '../../rng'

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
  /**
   * Cluster-wide resources the registry hands out for an object — Service ClusterIPs and
   * NodePorts (the Service registry's BeginCreate/BeginUpdate, `storage/alloc.go`). Runs after
   * admission and before validation, as upstream; may fill fields of `obj` (a private copy);
   * throws an ApiError to reject. The API server commits the returned transaction once the
   * write succeeds and reverts it if the request fails. `old` is undefined on create.
   */
  allocate?(obj: KObject, old: KObject | undefined, env: AllocateEnv): AllocationTxn
  /** Give back what `allocate` took, once an object is finally removed (registry AfterDelete). */
  release?(obj: KObject, env: AllocateEnv): void
}

/** What an allocate/release hook may use. */
export interface AllocateEnv {
  /** The cluster's seeded RNG (dynamic ClusterIP / NodePort choice). */
  rng: Rng
  /** `--dry-run=server`: compute the result, reserve nothing. */
  dryRun: boolean
  /** Every stored object of a resource, all namespaces: to rebuild allocator state (e.g. after a snapshot restore). */
  list(resource: string): KObject[]
}

/** An allocation in flight: keep it (after the write) or undo it (the request failed). */
export interface AllocationTxn {
  commit(): void
  revert(): void
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
