import type { Component, EngineContext } from '../context'
import type { KObject } from '../api/types'
import type { KindDef } from '../api/kinds/kind'
import { ApiError } from '../apiserver/errors'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'

/** `namespaceDeletionGracePeriod`: wait before acting, so late creations in the namespace are seen. */
export const NAMESPACE_DELETION_GRACE_MS = 5_000
/** `finalizerEstimateSeconds`: the wait when what remains is held by finalizers. */
export const FINALIZER_ESTIMATE_SECONDS = 15

/** What one resource's pass left behind (`gvrDeletionMetadata`). */
export interface ContentLeft {
  resource: string
  deleted: number
  remaining: number
  /** Seconds the remaining objects are expected to need (graceful termination, finalizers). */
  estimate: number
  error?: string
}

/**
 * The namespace controller (`pkg/controller/namespace`, `deletion/namespaced_resources_deleter.go`):
 * for a namespace being deleted, delete everything in it, then finalize it. With
 * OrderedNamespaceDeletion (beta and on in 1.33, GA in 1.34) pods go first and nothing else is
 * deleted while any remain. Remaining content means a requeue after `estimate/2 + 1` seconds
 * (pods terminating gracefully: their grace period, until it has passed since the namespace
 * was deleted; finalizers: 15 s); unexpected leftovers are an error, retried with back-off.
 *
 * Not modelled yet: the NamespaceDeletion* / NamespaceContentRemaining status conditions
 * (a status write on a Terminating namespace would finalize it in our API server).
 *
 * @example
 *   new NamespaceController(ctx).start()
 *   ctx.api.delete('namespaces', undefined, 'team')   // Terminating; gone ~5 s later once empty
 */
export class NamespaceController implements Component {
  readonly name = 'namespace-controller'
  private readonly informer: Informer
  private readonly queue: WorkQueue
  private active = false

  constructor(private readonly ctx: EngineContext) {
    this.informer = new Informer(ctx.api, 'namespaces', this.name)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.process(key))
    const enqueue = (ns: KObject) => {
      if (ns.metadata.deletionTimestamp) this.queue.addAfter(ns.metadata.name as string, NAMESPACE_DELETION_GRACE_MS)
    }
    this.informer.addHandlers({ add: enqueue, update: (_old, cur) => enqueue(cur) })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.informer.start()
  }

  stop(): void {
    this.active = false
    this.informer.stop()
  }

  running(): boolean {
    return this.active
  }

  /**
   * One pass over a namespace (`namespacedResourcesDeleter.Delete`). Returns the seconds to
   * wait before the next pass, an error, or nothing when the namespace is finalized or not
   * being deleted.
   */
  sync(name: string): { estimate?: number; error?: string } {
    let ns: KObject
    try {
      ns = this.ctx.api.get('namespaces', undefined, name, { actor: this.name })
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return {}
      throw e
    }
    if (!ns.metadata.deletionTimestamp) return {}
    const deletedAt = this.ctx.clock.parse(ns.metadata.deletionTimestamp) ?? this.ctx.clock.now()
    const kinds = this.ctx.api.registry.all().filter((d) => d.namespaced)
    const pods = kinds.find((d) => d.resource === 'pods')
    const passes: ContentLeft[] = []
    // Pods first; the rest only once they are all gone (OrderedNamespaceDeletion).
    if (pods) {
      const p = this.deleteAll(pods, name, deletedAt)
      passes.push(p)
      if (p.remaining > 0) return this.verdict(name, passes)
    }
    for (const def of kinds) if (def !== pods) passes.push(this.deleteAll(def, name, deletedAt))
    const v = this.verdict(name, passes)
    if (v.error || v.estimate) return v
    this.record(name, 'finalize', `namespace is empty: removing the kubernetes finalizer (${summary(passes)})`)
    this.ctx.api.finalizeNamespace(name, { actor: this.name })
    return {}
  }

  /** `deleteAllContentForGroupVersionResource` (delete each with Background propagation). */
  private deleteAll(def: KindDef, ns: string, deletedAt: number): ContentLeft {
    const actor = this.name
    const before = this.ctx.api.list(def.resource, ns, { actor }).items
    let estimate = def.resource === 'pods' ? gracefulEstimate(before) : 0
    // An estimate that has already elapsed since the namespace was deleted no longer counts.
    if (this.ctx.clock.now() - deletedAt >= estimate * 1000) estimate = 0
    let deleted = 0
    for (const o of before) {
      if (o.metadata.deletionTimestamp) continue // already on its way out
      try {
        this.ctx.api.delete(def.resource, ns, o.metadata.name as string, { actor, propagationPolicy: 'Background' })
        deleted++
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        if (e.code !== 404) return { resource: def.resource, deleted, remaining: before.length, estimate, error: e.message }
      }
    }
    const left = this.ctx.api.list(def.resource, ns, { actor }).items
    const out: ContentLeft = { resource: def.resource, deleted, remaining: left.length, estimate: 0 }
    if (!left.length) return out
    if (estimate) return { ...out, estimate }
    if (left.some((o) => o.metadata.finalizers?.length)) return { ...out, estimate: FINALIZER_ESTIMATE_SECONDS }
    return { ...out, error: `unexpected items still remain in namespace: ${ns} for gvr: ${gvrString(def)}` }
  }

  private verdict(name: string, passes: ContentLeft[]): { estimate?: number; error?: string } {
    const errors = passes.filter((p) => p.error).map((p) => p.error as string)
    const estimate = Math.max(0, ...passes.map((p) => p.estimate))
    const left = passes.filter((p) => p.remaining > 0).map((p) => `${p.resource} has ${p.remaining}`)
    if (errors.length) {
      this.record(name, 'error', errors.sort().join(', '))
      return { error: errors[0] }
    }
    if (estimate > 0) {
      this.record(name, 'wait', `${summary(passes)}; remaining: ${left.join(', ')}; checking again in ${Math.floor(estimate / 2) + 1}s (estimate ${estimate}s)`)
      return { estimate }
    }
    return {}
  }

  private process(name: string): void {
    if (!this.active) return
    const r = this.sync(name)
    if (r.error) this.queue.addRateLimited(name)
    else if (r.estimate) this.queue.addAfter(name, (Math.floor(r.estimate / 2) + 1) * 1000)
    else this.queue.forget(name)
  }

  private record(name: string, action: string, detail: string): void {
    this.ctx.records.add({ type: 'controller', controller: this.name, key: name, action, detail })
  }
}

/** `estimateGracefulTerminationForPods`: the longest grace period of the pods not yet finished. */
function gracefulEstimate(pods: KObject[]): number {
  let est = 0
  for (const p of pods) {
    const phase = p.status?.phase
    if (phase === 'Succeeded' || phase === 'Failed') continue
    const grace = p.spec?.terminationGracePeriodSeconds
    if (typeof grace === 'number' && grace > est) est = grace
  }
  return est
}

/** `schema.GroupVersionResource.String()`: `/v1, Resource=pods`, `apps/v1, Resource=replicasets`. */
function gvrString(def: KindDef): string {
  const [group, version] = def.apiVersion.includes('/') ? def.apiVersion.split('/') : ['', def.apiVersion]
  return `${group}/${version}, Resource=${def.resource}`
}

function summary(passes: ContentLeft[]): string {
  const parts = passes.filter((p) => p.deleted).map((p) => `deleted ${p.deleted} ${p.resource}`)
  return parts.length ? parts.join(', ') : 'nothing to delete'
}
