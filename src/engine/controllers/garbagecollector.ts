import type { Component, EngineContext } from '../context'
import type { KObject, OwnerReference } from '../api/types'
import type { KindDef } from '../api/kinds/kind'
import { ApiError } from '../apiserver/errors'
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from '../apiserver/apiserver'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'
import { runPlan, type Action, type ActionResult } from '../runtime/plan'
import { removeOwnerRefsPatch } from './controller-ref-manager'
import { DependencyGraph, type GraphEffects, type GraphNode, type Identity } from './gc-graph'

/** Resources the collector never watches (`DefaultIgnoredResources`: events). */
export const GC_IGNORED_RESOURCES: readonly string[] = ['events']

type Outcome = 'done' | 'retry-later'

/** A reference whose kind the API server does not serve (yet): retried quietly (`restMappingError`). */
class UnknownKind extends Error {}

/**
 * kube-controller-manager's garbage collector (`pkg/controller/garbagecollector`): it watches
 * every kind that can own or be owned, keeps the dependency graph, and
 * - deletes dependents none of whose owners exist any more (background propagation);
 * - for an owner deleted with `propagationPolicy: Foreground` (finalizer `foregroundDeletion`),
 *   deletes its dependents and removes the finalizer when no blocking dependent is left;
 * - for `Orphan` (finalizer `orphan`), removes the owner from its dependents' ownerReferences,
 *   then the finalizer.
 * Removing the last finalizer is what makes the API server delete the owner. The collector
 * emits no events (upstream neither); it leaves controller records instead.
 *
 * @example
 *   const gc = new GarbageCollector(ctx)   // watches every registered kind but events
 *   gc.start()
 */
export class GarbageCollector implements Component {
  readonly name = 'generic-garbage-collector'
  readonly graph = new DependencyGraph()
  private informers: Informer[] = []
  private readonly attemptToDelete: WorkQueue
  private readonly attemptToOrphan: WorkQueue
  private readonly unknownKindRetries = new Map<string, number>()
  private active = false

  constructor(
    private readonly ctx: EngineContext,
    private readonly opts: { resources?: string[] } = {},
  ) {
    this.attemptToDelete = new WorkQueue(ctx.clock, 'garbage-collector-attempt-to-delete', (uid) => this.process(uid, this.attemptToDelete, (n) => this.attemptToDeleteItem(n)))
    this.attemptToOrphan = new WorkQueue(ctx.clock, 'garbage-collector-attempt-to-orphan', (uid) => this.process(uid, this.attemptToOrphan, (n) => this.orphanDependents(n)))
  }

  /** The resources watched: the given list, or every registered kind but the ignored ones. */
  resources(): string[] {
    return this.opts.resources ?? this.ctx.api.registry.all().map((d) => d.resource).filter((r) => !GC_IGNORED_RESOURCES.includes(r))
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.informers = this.resources().map((resource) => {
      const inf = new Informer(this.ctx.api, resource, this.name)
      inf.addHandlers({
        add: (o) => this.apply(this.graph.observe('ADDED', o)),
        update: (old, cur) => this.apply(this.graph.observe('MODIFIED', cur, old)),
        delete: (o) => this.apply(this.graph.observe('DELETED', o)),
      })
      return inf
    })
    for (const inf of this.informers) inf.start()
  }

  stop(): void {
    this.active = false
    for (const inf of this.informers) inf.stop()
    this.informers = []
  }

  running(): boolean {
    return this.active
  }

  private apply(fx: GraphEffects): void {
    for (const n of fx.attemptToDelete) this.attemptToDelete.add(n.identity.uid)
    for (const n of fx.attemptToOrphan) this.attemptToOrphan.add(n.identity.uid)
  }

  private process(uid: string, queue: WorkQueue, work: (n: GraphNode) => Outcome): void {
    const node = this.graph.nodes.get(uid)
    if (!this.active || !node) return
    let outcome: Outcome
    try {
      outcome = work(node)
    } catch (e) {
      if (e instanceof UnknownKind) {
        // Not an error worth hurrying for: the kind may be registered later. Exponential
        // back-off like the queue's, but in the background, so settle() can finish.
        const n = this.unknownKindRetries.get(uid) ?? 0
        this.unknownKindRetries.set(uid, n + 1)
        queue.addAfter(uid, Math.min(5 * 2 ** n, 1_000_000), { background: true })
        return
      }
      if (!(e instanceof ApiError)) throw e
      this.record(node.identity, 'error', e.message)
      outcome = 'retry-later'
    }
    // A node known only as an owner is looked at again until an informer has seen it (kubernetes#56121).
    if (outcome === 'done' && !node.observed && this.graph.nodes.get(uid) === node) outcome = 'retry-later'
    this.unknownKindRetries.delete(uid)
    if (outcome === 'retry-later') queue.addRateLimited(uid)
    else queue.forget(uid)
  }

  // ---- attemptToDeleteItem -------------------------------------------------------------

  private attemptToDeleteItem(item: GraphNode): Outcome {
    // "Being deleted" is a one-way trip; only an owner deleting its dependents still needs us.
    if (item.beingDeleted && !item.deletingDependents) return 'done'
    const latest = this.getLatest(item.identity)
    if (!latest || latest.metadata.uid !== item.identity.uid) {
      this.apply(this.graph.confirmAbsent(item))
      return 'done'
    }
    if (item.deletingDependents) return this.processDeletingDependents(item)
    const refs = latest.metadata.ownerReferences ?? []
    if (!refs.length) return 'done'
    const solid: OwnerReference[] = []
    const dangling: { ref: OwnerReference; why: string }[] = []
    const waiting: OwnerReference[] = []
    for (const ref of refs) {
      const c = this.classify(ref, latest)
      if (c === 'invalid') return 'done' // namespacedOwnerOfClusterScopedObjectErr: nothing to do, ever
      if (c === 'solid') solid.push(ref)
      else if (c === 'waiting') waiting.push(ref)
      else dangling.push({ ref, why: c.dangling })
    }
    const id = item.identity
    if (solid.length) {
      if (!dangling.length && !waiting.length) return 'done'
      // Keep the object, but drop references to owners that are gone or that wait for us.
      const drop = [...dangling.map((d) => d.ref.uid), ...waiting.map((r) => r.uid)]
      this.record(id, 'remove-owner-references', `${solid.length} owner(s) still exist; removing references to ${[...dangling.map((d) => d.ref), ...waiting].map(refText).join(', ')}`)
      return this.mustSucceed(this.run([{ verb: 'patch', resource: this.resourceOf(id), namespace: id.namespace, name: id.name, patch: removeOwnerRefsPatch(latest, drop) }]))
    }
    if (waiting.length && item.dependents.size) {
      // An owner waits for us and we have dependents ourselves: delete in the foreground too.
      this.record(id, 'delete', `owner ${waiting.map(refText).join(', ')} is deleting its dependents in the foreground and this object has dependents: deleting with propagationPolicy Foreground`)
      return this.deleteObject(id, 'Foreground')
    }
    const policy = hasFinalizer(latest, FINALIZER_ORPHAN) ? 'Orphan' : hasFinalizer(latest, FINALIZER_FOREGROUND) ? 'Foreground' : 'Background'
    const because = [...dangling.map((d) => `owner ${refText(d.ref)} ${d.why}`), ...waiting.map((r) => `owner ${refText(r)} is deleting its dependents in the foreground`)].join('; ')
    this.record(id, 'delete', `${because}: deleting with propagationPolicy ${policy}`)
    return this.deleteObject(id, policy)
  }

  /** An owner deleted in the foreground: delete its dependents; when none blocks, remove the finalizer. */
  private processDeletingDependents(item: GraphNode): Outcome {
    const blocking = item.blockingDependents()
    if (!blocking.length) {
      this.record(item.identity, 'remove-finalizer', `no dependent with blockOwnerDeletion left: removing the ${FINALIZER_FOREGROUND} finalizer`)
      return this.removeFinalizer(item.identity, FINALIZER_FOREGROUND)
    }
    this.record(item.identity, 'wait', `foreground deletion: waiting for ${blocking.length} blocking dependent(s): ${blocking.map((d) => `${d.identity.kind} ${d.identity.name}`).join(', ')}`)
    for (const d of blocking) if (!d.deletingDependents) this.attemptToDelete.add(d.identity.uid)
    return 'done'
  }

  // ---- attemptToOrphan -----------------------------------------------------------------

  private orphanDependents(owner: GraphNode): Outcome {
    const deps = [...owner.dependents]
    if (deps.length) this.record(owner.identity, 'orphan', `removing the ownerReference to ${owner.identity.kind} ${owner.identity.name} from ${deps.length} dependent(s): ${deps.map((d) => d.identity.name).join(', ')}`)
    for (const d of deps) {
      // Patched against the version the graph last saw (upstream: a strategic merge patch, no read);
      // if the dependent changed meanwhile, the 409 brings us back once the informer has caught up.
      const seen = { metadata: { resourceVersion: d.resourceVersion, ownerReferences: d.owners } } as KObject
      const [r] = this.run([{ verb: 'patch', resource: this.resourceOf(d.identity), namespace: d.identity.namespace, name: d.identity.name, patch: removeOwnerRefsPatch(seen, [owner.identity.uid]) }])
      if (!r.ok && r.error?.reason !== 'NotFound') {
        this.record(owner.identity, 'error', `orphaning ${d.identity.name} failed: ${r.error?.message}`)
        return 'retry-later'
      }
    }
    this.record(owner.identity, 'remove-finalizer', `dependents orphaned: removing the ${FINALIZER_ORPHAN} finalizer`)
    return this.removeFinalizer(owner.identity, FINALIZER_ORPHAN)
  }

  // ---- API helpers ---------------------------------------------------------------------

  /** `removeFinalizer`: read, drop the finalizer, write with the read's resourceVersion; retry conflicts (4 steps). */
  private removeFinalizer(id: Identity, finalizer: string): Outcome {
    for (let i = 0; i < 4; i++) {
      const cur = this.getLatest(id)
      if (!cur || !hasFinalizer(cur, finalizer)) return 'done'
      const rest = (cur.metadata.finalizers ?? []).filter((f) => f !== finalizer)
      const patch = { metadata: { resourceVersion: cur.metadata.resourceVersion, finalizers: rest.length ? rest : null } }
      const [r] = this.run([{ verb: 'patch', resource: this.resourceOf(id), namespace: id.namespace, name: id.name, patch }])
      if (r.ok || r.error?.reason === 'NotFound') return 'done'
      if (r.error?.reason !== 'Conflict') return 'retry-later'
    }
    return 'retry-later'
  }

  private deleteObject(id: Identity, propagationPolicy: 'Background' | 'Foreground' | 'Orphan'): Outcome {
    const [r] = this.run([{ verb: 'delete', resource: this.resourceOf(id), namespace: id.namespace, name: id.name, options: { uid: id.uid, propagationPolicy } }])
    return r.ok || r.error?.reason === 'NotFound' ? 'done' : 'retry-later'
  }

  /**
   * `classifyReferences` for one reference: the owner is gone (`isDangling`: absent-owner
   * cache, not found, or another uid), is deleting its dependents in the foreground
   * ("waiting"), or exists ("solid").
   */
  private classify(ref: OwnerReference, dependent: KObject): 'solid' | 'waiting' | 'invalid' | { dangling: string } {
    if (this.graph.absentOwners.has(ref.uid)) return { dangling: 'is gone' }
    const def = this.kindOf(ref)
    if (def.namespaced && !dependent.metadata.namespace) return 'invalid'
    const owner = this.getLatest({ ...ref, namespace: def.namespaced ? dependent.metadata.namespace : undefined })
    if (!owner || owner.metadata.uid !== ref.uid) {
      this.graph.absentOwners.add(ref.uid)
      return { dangling: owner ? `was not found (uid mismatch: ${owner.metadata.uid})` : 'was not found' }
    }
    return owner.metadata.deletionTimestamp && hasFinalizer(owner, FINALIZER_FOREGROUND) ? 'waiting' : 'solid'
  }

  /** A live GET (the collector reads through the API, not its cache); undefined on NotFound. */
  private getLatest(id: { apiVersion: string; kind: string; namespace?: string; name: string }): KObject | undefined {
    const def = this.kindOf(id)
    try {
      return this.ctx.api.get(def.resource, def.namespaced ? id.namespace : undefined, id.name, { actor: this.name })
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return undefined
      throw e
    }
  }

  /** The REST mapping: kind + API group (any served version). */
  private kindOf(ref: { apiVersion: string; kind: string }): KindDef {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : ''
    const def = this.ctx.api.registry.byKind(ref.kind)
    if (!def || def.group !== group) throw new UnknownKind(`no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`)
    return def
  }

  private resourceOf(id: Identity): string {
    return this.kindOf(id).resource
  }

  private mustSucceed(results: ActionResult[]): Outcome {
    return results.every((r) => r.ok || r.error?.reason === 'NotFound') ? 'done' : 'retry-later'
  }

  private run(steps: Action[]): ActionResult[] {
    return runPlan(this.ctx.api, this.ctx.events, { component: this.name }, steps)
  }

  private record(id: Identity, action: string, detail: string): void {
    const key = `${this.safeResource(id)}/${id.namespace ? id.namespace + '/' : ''}${id.name}`
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }

  private safeResource(id: Identity): string {
    try {
      return this.resourceOf(id)
    } catch {
      return id.kind
    }
  }
}

const hasFinalizer = (o: KObject, f: string) => !!o.metadata.finalizers?.includes(f)
const refText = (r: OwnerReference) => `${r.kind} ${r.name} (uid ${r.uid})`
