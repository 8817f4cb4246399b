import type { Clock } from '../clock'
import { randomString, type Rng } from '../rng'
import type { Etcd, StoreEvent, Watch } from '../store/etcd'
import type { KObject } from '../api/types'
import { deepCopy } from '../api/types'
import type { RecordLog } from '../records'
import type { AllocateEnv, AllocationTxn, KindDef } from '../api/kinds/kind'
import { qualifiedKind, qualifiedResource } from '../api/kinds/kind'
import type { Registry } from './registry'
import type { UidSource } from './uid'
import { ApiError, alreadyExists, badRequest, conflict, forbidden, invalid, notFound } from './errors'
import { validateObjectMeta } from './validate-meta'
import { admit } from './admission'
import { decodeCheck } from './decode'
import { mergePatch } from './patch'
import { specChanged } from './generation'
import { LATENCY } from '../latency'

export interface RequestOptions {
  /** Who is asking (shown in the control-plane log). */
  actor?: string
  /** `--dry-run=server`: run the whole pipeline, write nothing. */
  dryRun?: boolean
}

export interface ListOptions extends RequestOptions {
  /** A filter applied server-side (label and field selectors are parsed by the caller). */
  filter?: (o: KObject) => boolean
}

export interface DeleteOptions extends RequestOptions {
  gracePeriodSeconds?: number
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'
  /** Only delete if the uid still matches (a precondition controllers use). */
  uid?: string
}

export type WatchHandler = (e: StoreEvent) => void

/** Finalizers the garbage collector understands (metav1.FinalizerOrphanDependents / DeleteDependents). */
export const FINALIZER_ORPHAN = 'orphan'
export const FINALIZER_FOREGROUND = 'foregroundDeletion'

/**
 * The API server: every read and write of cluster state goes through here, along the
 * pipeline decode → defaulting → mutating admission → validation → etcd → watch fan-out
 * (REFERENCE 2.1). A rejection at any step writes nothing.
 *
 * Methods throw `ApiError` (NotFound, AlreadyExists, Conflict, Invalid, Forbidden) with
 * Kubernetes' texts; every request is recorded for the control-plane view.
 */
export class ApiServer {
  constructor(
    private readonly db: Etcd,
    private readonly clock: Clock,
    private readonly rng: Rng,
    readonly registry: Registry,
    private readonly log: RecordLog,
    private readonly uids: UidSource,
  ) {}

  kind(resource: string): KindDef {
    const def = this.registry.get(resource)
    if (!def) throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${resource})`)
    return def
  }

  key(def: KindDef, namespace: string | undefined, name: string): string {
    return def.namespaced ? `/registry/${def.resource}/${namespace}/${name}` : `/registry/${def.resource}/${name}`
  }

  prefix(def: KindDef, namespace?: string): string {
    return def.namespaced && namespace ? `/registry/${def.resource}/${namespace}/` : `/registry/${def.resource}/`
  }

  revision(): number {
    return this.db.revision()
  }

  // ---- reads -------------------------------------------------------------------------

  get(resource: string, namespace: string | undefined, name: string, opts: RequestOptions = {}): KObject {
    const def = this.kind(resource)
    const obj = this.db.get(this.key(def, namespace, name))
    this.record(opts, 'get', def, namespace, name, obj ? 200 : 404)
    if (!obj) throw notFound(qualifiedResource(def), name)
    return obj
  }

  /** Like `get` but returns undefined instead of throwing, and records nothing (an informer-style read). */
  peek(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const def = this.kind(resource)
    return this.db.get(this.key(def, namespace, name))
  }

  list(resource: string, namespace?: string, opts: ListOptions = {}): { items: KObject[]; resourceVersion: string } {
    const def = this.kind(resource)
    let items = this.db.list(this.prefix(def, namespace))
    if (opts.filter) items = items.filter(opts.filter)
    this.record(opts, 'list', def, namespace, undefined, 200)
    return { items, resourceVersion: String(this.db.revision()) }
  }

  // ---- writes ------------------------------------------------------------------------

  create(resource: string, input: KObject, opts: RequestOptions = {}): KObject {
    const def = this.kind(resource)
    // Registry allocations (Service ClusterIPs/NodePorts): kept after the write, undone on any failure or dry run.
    let alloc: AllocationTxn | undefined
    try {
      const [obj, txn] = this.prepareCreate(def, input, !!opts.dryRun)
      alloc = txn
      const ns = obj.metadata.namespace
      const name = obj.metadata.name as string
      const key = this.key(def, ns, name)
      if (this.db.get(key)) throw alreadyExists(qualifiedResource(def), name)
      if (opts.dryRun) {
        alloc?.revert()
        this.record(opts, 'create', def, ns, name, 201, undefined, 'dry run')
        return obj
      }
      const stored = this.db.put(key, (rev) => stamp(obj, rev))
      alloc?.commit()
      alloc = undefined
      this.record(opts, 'create', def, ns, name, 201, Number(stored.metadata.resourceVersion))
      return stored
    } catch (e) {
      alloc?.revert()
      this.fail(opts, 'create', def, input.metadata?.namespace, input.metadata?.name, e)
      throw e
    }
  }

  /**
   * Replace an object. A stale `metadata.resourceVersion` is a 409 Conflict; an empty one
   * means "unconditional" (as kubectl replace/apply use). With `subresource: 'status'` only
   * the status is taken from `input`; otherwise the status is kept from the stored object.
   */
  update(resource: string, input: KObject, opts: RequestOptions & { subresource?: 'status'; verb?: 'update' | 'patch' } = {}): KObject {
    const def = this.kind(resource)
    const verb = opts.verb ?? 'update'
    const ns = def.namespaced ? input.metadata?.namespace ?? 'default' : undefined
    const name = input.metadata?.name ?? ''
    // Registry allocations, as in create(): committed once the outcome is written, else undone.
    let alloc: AllocationTxn | undefined
    try {
      const key = this.key(def, ns, name)
      const old = this.db.get(key)
      if (!old) throw notFound(qualifiedResource(def), name)
      const rv = input.metadata.resourceVersion
      if (rv && rv !== old.metadata.resourceVersion) throw conflict(qualifiedResource(def), name)
      const [obj, txn] = this.prepareUpdate(def, input, old, opts.subresource, !!opts.dryRun)
      alloc = txn
      if (opts.dryRun) {
        alloc?.revert()
        this.record(opts, verb, def, ns, name, 200, undefined, 'dry run', opts.subresource)
        return obj
      }
      // Deleting objects whose last finalizer was just removed disappear here (registry `Update`).
      // Namespaces are the exception: their finalizer lives in spec.finalizers and the
      // namespace controller removes them through finalizeNamespace.
      if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers?.length) && !isGracefulPod(def, obj) && def.kind !== 'Namespace') {
        const last = this.db.delete(key, (rev) => stamp(obj, rev))!
        alloc?.commit()
        alloc = undefined
        def.release?.(last, this.allocateEnv(false)) // registry AfterDelete
        this.record(opts, verb, def, ns, name, 200, Number(last.metadata.resourceVersion), 'finalizers removed: deleted', opts.subresource)
        return last
      }
      if (unchanged(obj, old)) {
        alloc?.commit()
        alloc = undefined
        this.record(opts, verb, def, ns, name, 200, undefined, 'no change', opts.subresource)
        return old
      }
      const stored = this.db.put(key, (r) => stamp(obj, r))
      alloc?.commit()
      alloc = undefined
      this.record(opts, verb, def, ns, name, 200, Number(stored.metadata.resourceVersion), undefined, opts.subresource)
      return stored
    } catch (e) {
      alloc?.revert()
      this.fail(opts, verb, def, ns, name, e, opts.subresource)
      throw e
    }
  }

  /** Read-modify-write through a function, with the optimistic-lock check (a JSON merge patch, RFC 7386, is one such function). */
  patch(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown> | ((o: KObject) => KObject),
    opts: RequestOptions & { subresource?: 'status' } = {},
  ): KObject {
    const def = this.kind(resource)
    let current: KObject | undefined
    try {
      current = this.db.get(this.key(def, namespace, name))
      if (!current) throw notFound(qualifiedResource(def), name)
      const next = typeof patch === 'function' ? patch(deepCopy(current)) : (mergePatch(deepCopy(current), patch) as KObject)
      const meta = next.metadata ?? {}
      // A patch may carry its own resourceVersion precondition; otherwise it applies to the current one.
      next.metadata = { ...meta, resourceVersion: meta.resourceVersion ?? current.metadata.resourceVersion }
      if (next.metadata.name !== name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`)
      return this.update(resource, next, { ...opts, verb: 'patch' })
    } catch (e) {
      if (!(e instanceof ApiError) || !current) this.fail(opts, 'patch', def, namespace, name, e)
      throw e
    }
  }

  /** The pods/binding subresource: how the scheduler assigns a node (fails if already bound). */
  bind(namespace: string, podName: string, nodeName: string, opts: RequestOptions = {}): KObject {
    const def = this.kind('pods')
    const key = this.key(def, namespace, podName)
    const pod = this.db.get(key)
    try {
      if (!pod) throw notFound('pods', podName)
      if (pod.spec.nodeName)
        throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is already assigned to node "${pod.spec.nodeName}"`)
      if (pod.metadata.deletionTimestamp) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is being deleted, cannot be assigned to a host`)
      const next = deepCopy(pod)
      next.spec.nodeName = nodeName
      // The binding REST storage also marks the pod scheduled (`setPodHostAndAnnotations` →
      // `UpdatePodCondition`): lastTransitionTime moves only if the status changes.
      next.status ??= {}
      const conds = (next.status.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string; lastProbeTime?: unknown }[]
      const prev = conds.find((c) => c.type === 'PodScheduled')
      const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: prev?.status === 'True' ? prev.lastTransitionTime : this.clock.timestamp() }
      next.status.conditions = prev ? conds.map((c) => (c === prev ? scheduled : c)) : [...conds, scheduled]
      const stored = this.db.put(key, (rev) => stamp(next, rev))
      this.record(opts, 'bind', def, namespace, podName, 201, Number(stored.metadata.resourceVersion), `→ ${nodeName}`, 'binding')
      return stored
    } catch (e) {
      this.fail(opts, 'bind', def, namespace, podName, e, 'binding')
      throw e
    }
  }

  /**
   * Delete. Objects with finalizers, and pods on a node (graceful termination), get a
   * `deletionTimestamp` and stay until the finalizers are gone / the kubelet confirms with
   * a grace-0 delete. `propagationPolicy` adds the GC finalizers (Foreground, Orphan).
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const def = this.kind(resource)
    try {
      const key = this.key(def, namespace, name)
      const cur = this.db.get(key)
      if (!cur) throw notFound(qualifiedResource(def), name)
      if (opts.uid && cur.metadata.uid !== opts.uid)
        throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(def)} "${name}": Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata.uid}`)
      if (def.kind === 'Namespace') return this.deleteNamespace(def, cur, opts)
      const next = deepCopy(cur)
      const finalizers = new Set(next.metadata.finalizers ?? [])
      if (opts.propagationPolicy === 'Foreground') finalizers.add(FINALIZER_FOREGROUND)
      if (opts.propagationPolicy === 'Orphan') finalizers.add(FINALIZER_ORPHAN)
      const grace = def.kind === 'Pod' ? podGrace(next, opts.gracePeriodSeconds) : 0
      if (opts.dryRun) {
        this.record(opts, 'delete', def, namespace, name, 200, undefined, 'dry run')
        return cur
      }
      if (finalizers.size === 0 && grace === 0) {
        const last = this.db.delete(key, (rev) => stamp(next, rev))!
        def.release?.(last, this.allocateEnv(false)) // registry AfterDelete: free Service IPs/ports
        this.record(opts, 'delete', def, namespace, name, 200, Number(last.metadata.resourceVersion))
        return last
      }
      // Graceful: mark, keep. A second delete may only shorten the grace period.
      const now = this.clock.now()
      const prevDeadline = this.clock.parse(cur.metadata.deletionTimestamp)
      const deadline = now + grace * 1000
      if (prevDeadline === undefined || deadline < prevDeadline) {
        next.metadata.deletionTimestamp = this.clock.timestamp(deadline)
        if (def.kind === 'Pod') next.metadata.deletionGracePeriodSeconds = grace
      }
      next.metadata.finalizers = finalizers.size ? [...finalizers] : undefined
      if (!next.metadata.finalizers) delete next.metadata.finalizers
      if (unchanged(next, cur)) {
        this.record(opts, 'delete', def, namespace, name, 200, undefined, 'already terminating')
        return cur
      }
      const stored = this.db.put(key, (rev) => stamp(next, rev))
      this.record(opts, 'delete', def, namespace, name, 200, Number(stored.metadata.resourceVersion), grace ? `graceful, ${grace}s` : 'waiting for finalizers')
      return stored
    } catch (e) {
      this.fail(opts, 'delete', def, namespace, name, e)
      throw e
    }
  }

  /**
   * Watch from a resourceVersion; events reach the handler after the watch latency, in
   * revision order. `filter` is a field selector evaluated server-side, with the watch
   * cache's semantics: an object that stops matching arrives as DELETED, one that starts
   * matching as ADDED — so a kubelet watching `spec.nodeName=<node>` hears only its pods.
   */
  watch(resource: string, namespace: string | undefined, fromRevision: number, handler: WatchHandler, opts: RequestOptions & { filter?: (o: KObject) => boolean } = {}): Watch {
    const def = this.kind(resource)
    this.record(opts, 'watch', def, namespace, undefined, 200)
    const filter = opts.filter
    return this.db.watch(this.prefix(def, namespace), fromRevision, (raw) => {
      let e = raw
      if (filter) {
        const now = e.type !== 'DELETED' && filter(e.object)
        const before = e.type === 'ADDED' ? false : e.prev ? filter(e.prev) : e.type === 'DELETED' && filter(e.object)
        if (!now && !before) return
        if (e.type === 'MODIFIED' && now && !before) e = { ...e, type: 'ADDED' }
        else if (e.type === 'MODIFIED' && !now && before) e = { ...e, type: 'DELETED' }
        else if (e.type === 'DELETED' && !before) return
      }
      const ev = e
      this.clock.after(LATENCY.watchMs, () => handler(ev), { label: `watch ${def.resource} → ${opts.actor ?? '?'}` })
      this.log.add({
        type: 'watch',
        watcher: opts.actor ?? 'unknown',
        resource: def.resource,
        event: e.type,
        namespace: e.object.metadata.namespace,
        name: e.object.metadata.name,
        uid: e.object.metadata.uid,
        revision: e.revision,
      })
    })
  }

  // ---- pipeline ----------------------------------------------------------------------

  private prepareCreate(def: KindDef, input: KObject, dryRun: boolean): [KObject, AllocationTxn | undefined] {
    if (!input || typeof input !== 'object' || !input.metadata || typeof input.metadata !== 'object')
      throw badRequest(`Object 'metadata' is missing in '${JSON.stringify(input)}'`)
    decodeCheck(def, input)
    const obj = deepCopy(input)
    obj.apiVersion = def.apiVersion
    obj.kind = def.kind
    const meta = obj.metadata
    if (def.namespaced) meta.namespace = meta.namespace || 'default'
    else delete meta.namespace
    if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created')
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, this.rng)
    // Server-set fields: whatever the client sent is replaced.
    meta.uid = this.uids.next()
    meta.creationTimestamp = this.clock.timestamp()
    meta.generation = 1
    delete meta.deletionTimestamp
    delete meta.deletionGracePeriodSeconds
    def.default?.(obj, { now: this.clock.timestamp() })
    const admitted = admit(this, def, obj, undefined)
    // Registry BeginCreate (Service ClusterIPs/NodePorts): after admission, before validation, as upstream.
    const alloc = def.allocate?.(admitted, undefined, this.allocateEnv(dryRun))
    const errs = [...validateObjectMeta(def, admitted), ...(def.validate?.(admitted) ?? [])]
    if (errs.length) {
      alloc?.revert()
      throw invalid(qualifiedKind(def), admitted.metadata.name ?? '', errs)
    }
    return [admitted, alloc]
  }

  private prepareUpdate(def: KindDef, input: KObject, old: KObject, subresource: 'status' | undefined, dryRun: boolean): [KObject, AllocationTxn | undefined] {
    let obj = deepCopy(input)
    obj.apiVersion = def.apiVersion
    obj.kind = def.kind
    // Fields the server owns cannot be changed by a client.
    const om = old.metadata
    obj.metadata = {
      ...obj.metadata,
      namespace: om.namespace,
      uid: om.uid,
      creationTimestamp: om.creationTimestamp,
      generation: om.generation,
      deletionTimestamp: om.deletionTimestamp,
      deletionGracePeriodSeconds: om.deletionGracePeriodSeconds,
    }
    if (!obj.metadata.namespace) delete obj.metadata.namespace
    if (!obj.metadata.deletionTimestamp) delete obj.metadata.deletionTimestamp
    if (obj.metadata.deletionGracePeriodSeconds === undefined) delete obj.metadata.deletionGracePeriodSeconds
    if (def.hasStatus) {
      if (subresource === 'status') {
        // A status write keeps everything but status and metadata from the stored object.
        const status = obj.status
        const meta = obj.metadata
        obj = { ...deepCopy(old), metadata: { ...deepCopy(old.metadata), labels: meta.labels, annotations: meta.annotations, ownerReferences: meta.ownerReferences, finalizers: meta.finalizers }, status }
        for (const k of ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const) if (obj.metadata[k] === undefined) delete obj.metadata[k]
      } else if (old.status !== undefined) {
        obj.status = deepCopy(old.status)
      } else delete obj.status
    }
    def.default?.(obj, { now: this.clock.timestamp() })
    obj = admit(this, def, obj, old)
    // Registry BeginUpdate (Service ClusterIPs/NodePorts), before validation as upstream; none for status writes.
    const alloc = subresource === 'status' ? undefined : def.allocate?.(obj, old, this.allocateEnv(dryRun))
    if (subresource !== 'status' && specChanged(obj, old)) obj.metadata.generation = (om.generation ?? 1) + 1
    const errs = [
      ...validateObjectMeta(def, obj),
      ...(def.validate?.(obj) ?? []),
      ...(def.validateUpdate?.(obj, old) ?? []),
    ]
    if (errs.length) {
      alloc?.revert()
      throw invalid(qualifiedKind(def), obj.metadata.name ?? '', errs)
    }
    return [obj, alloc]
  }

  /** What a kind's allocate/release hook may use (see KindDef.allocate). */
  private allocateEnv(dryRun: boolean): AllocateEnv {
    return { rng: this.rng, dryRun, list: (resource) => this.db.list(this.prefix(this.kind(resource))) }
  }

  private deleteNamespace(def: KindDef, ns: KObject, opts: DeleteOptions): KObject {
    const name = ns.metadata.name as string
    if (name === 'default' || name === 'kube-system' || name === 'kube-public')
      throw forbidden('namespaces', name, 'this namespace may not be deleted')
    if (ns.status?.phase === 'Terminating') return ns
    const next = deepCopy(ns)
    next.metadata.deletionTimestamp = this.clock.timestamp()
    next.status = { ...(next.status ?? {}), phase: 'Terminating' }
    if (opts.dryRun) return next
    const stored = this.db.put(this.key(def, undefined, name), (rev) => stamp(next, rev))
    this.record(opts, 'delete', def, undefined, name, 200, Number(stored.metadata.resourceVersion), 'Terminating')
    return stored
  }

  /** The namespace controller finalizes: the last step of namespace deletion. */
  finalizeNamespace(name: string, opts: RequestOptions = {}): void {
    const def = this.kind('namespaces')
    const key = this.key(def, undefined, name)
    const cur = this.db.get(key)
    if (!cur) return
    const last = this.db.delete(key)!
    this.record(opts, 'delete', def, undefined, name, 200, Number(last.metadata.resourceVersion), 'finalized')
  }

  private record(
    opts: RequestOptions,
    verb: 'create' | 'get' | 'list' | 'update' | 'patch' | 'delete' | 'watch' | 'bind',
    def: KindDef,
    namespace: string | undefined,
    name: string | undefined,
    code: number,
    revision?: number,
    message?: string,
    subresource?: string,
  ): void {
    this.log.add({ type: 'api', actor: opts.actor ?? 'unknown', verb, resource: def.resource, subresource, namespace, name, code, revision, message })
  }

  private fail(opts: RequestOptions, verb: 'create' | 'update' | 'patch' | 'delete' | 'bind', def: KindDef, ns: string | undefined, name: string | undefined, e: unknown, sub?: string): void {
    const code = e instanceof ApiError ? e.code : 500
    this.record(opts, verb, def, ns, name, code, undefined, e instanceof Error ? e.message : String(e), sub)
  }
}

function stamp(obj: KObject, revision: number): KObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } }
}

/** `names.SimpleNameGenerator`: base[:58] + 5 characters of `rand.String`. */
export function generateName(base: string, rng: Rng): string {
  return base.slice(0, 63 - 5) + randomString(rng, 5)
}

function podGrace(pod: KObject, requested: number | undefined): number {
  // Unscheduled pods and pods already finished go at once (pod REST strategy `CheckGracefulDelete`).
  if (!pod.spec?.nodeName) return 0
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') return 0
  const g = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30
  return Math.max(0, g)
}

function isGracefulPod(def: KindDef, obj: KObject): boolean {
  return def.kind === 'Pod' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0
}

function unchanged(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } })
  return strip(a) === strip(b)
}
