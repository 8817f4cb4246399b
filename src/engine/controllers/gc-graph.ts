import type { KObject, OwnerReference } from '../api/types'
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from '../apiserver/apiserver'

/**
 * The garbage collector's dependency graph (`pkg/controller/garbagecollector/graph.go`,
 * `graph_builder.go`): one node per object uid with its owner references and the set of its
 * dependents. Informer events update it and say which nodes the collector must look at next
 * (`attemptToDelete`, `attemptToOrphan`). Owners not seen yet are "virtual" nodes that the
 * collector verifies with a live read. Pure: no API calls here.
 *
 * @example
 *   const g = new DependencyGraph()
 *   const fx = g.observe('DELETED', rs)      // fx.attemptToDelete: the pods that rs owned
 */

export interface Identity {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
  uid: string
}

export class GraphNode {
  owners: OwnerReference[] = []
  /** Of the last observed version (what an ownerReferences patch is computed against). */
  resourceVersion?: string
  readonly dependents = new Set<GraphNode>()
  beingDeleted = false
  deletingDependents = false
  /** Seen through an informer (false: only named as an owner so far). */
  observed = false
  constructor(public identity: Identity) {}

  get virtual(): boolean {
    return !this.observed
  }

  /** Dependents whose reference to this node has `blockOwnerDeletion: true`. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((d) => d.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion === true))
  }
}

export interface GraphEffects {
  attemptToDelete: GraphNode[]
  attemptToOrphan: GraphNode[]
}

/** Owners confirmed absent (`absentOwnerCache`, an LRU of 500 uids). */
export class AbsentOwnerCache {
  private uids = new Map<string, true>()
  constructor(private readonly capacity = 500) {}
  add(uid: string): void {
    this.uids.delete(uid)
    this.uids.set(uid, true)
    if (this.uids.size > this.capacity) this.uids.delete(this.uids.keys().next().value as string)
  }
  has(uid: string): boolean {
    return this.uids.has(uid)
  }
}

const beingDeleted = (o: KObject) => !!o.metadata.deletionTimestamp
const hasFinalizer = (o: KObject, f: string) => !!o.metadata.finalizers?.includes(f)

/** `deletionStartsWithFinalizer`: now being deleted with `f`, and was not before. */
function startsWith(old: KObject | undefined, cur: KObject, f: string): boolean {
  if (!beingDeleted(cur) || !hasFinalizer(cur, f)) return false
  return !old || !beingDeleted(old) || !hasFinalizer(old, f)
}

export class DependencyGraph {
  readonly nodes = new Map<string, GraphNode>()
  readonly absentOwners = new AbsentOwnerCache()

  /** `processGraphChanges` for an informer event. */
  observe(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject, old?: KObject): GraphEffects {
    const fx: GraphEffects = { attemptToDelete: [], attemptToOrphan: [] }
    const uid = obj.metadata.uid as string
    const existing = this.nodes.get(uid)
    if (type === 'DELETED') {
      if (existing) this.remove(existing, fx)
      return fx
    }
    if (existing) existing.resourceVersion = obj.metadata.resourceVersion
    if (existing && !existing.observed) {
      // A virtual node turns real: take the observed coordinates.
      existing.identity = identityOf(obj)
      existing.observed = true
    }
    if (!existing) {
      const n = new GraphNode(identityOf(obj))
      n.observed = true
      n.resourceVersion = obj.metadata.resourceVersion
      n.owners = obj.metadata.ownerReferences ?? []
      n.beingDeleted = beingDeleted(obj)
      n.deletingDependents = beingDeleted(obj) && hasFinalizer(obj, FINALIZER_FOREGROUND)
      this.nodes.set(uid, n)
      this.addDependentToOwners(n, n.owners, fx)
      this.transitions(old, obj, n, fx)
      return fx
    }
    const { added, removed, changed } = referencesDiffs(existing.owners, obj.metadata.ownerReferences ?? [])
    if (added.length || removed.length || changed.length) {
      // A dependent that stops blocking (reference removed, or blockOwnerDeletion cleared) may unblock a foreground deletion.
      for (const r of removed) if (r.blockOwnerDeletion) this.enqueueUid(r.uid, fx)
      for (const [o, n] of changed) if (o.blockOwnerDeletion && !n.blockOwnerDeletion) this.enqueueUid(n.uid, fx)
      existing.owners = obj.metadata.ownerReferences ?? []
      this.addDependentToOwners(existing, added, fx)
      for (const r of removed) this.nodes.get(r.uid)?.dependents.delete(existing)
    }
    if (beingDeleted(obj)) existing.beingDeleted = true
    this.transitions(old, obj, existing, fx)
    return fx
  }

  /**
   * A live read found the object absent (`enqueueVirtualDeleteEvent`): drop the node and let
   * its dependents be re-examined, now with this owner known to be gone.
   */
  confirmAbsent(n: GraphNode): GraphEffects {
    const fx: GraphEffects = { attemptToDelete: [], attemptToOrphan: [] }
    if (this.nodes.get(n.identity.uid) === n) this.remove(n, fx)
    return fx
  }

  private remove(n: GraphNode, fx: GraphEffects): void {
    this.nodes.delete(n.identity.uid)
    for (const o of n.owners) this.nodes.get(o.uid)?.dependents.delete(n)
    if (n.dependents.size) this.absentOwners.add(n.identity.uid)
    fx.attemptToDelete.push(...n.dependents)
    // An owner waiting for its dependents may now have none left.
    for (const o of n.owners) {
      const owner = this.nodes.get(o.uid)
      if (owner?.deletingDependents) fx.attemptToDelete.push(owner)
    }
  }

  /** `processTransitions`: deletion with the orphan or foreground finalizer begins. */
  private transitions(old: KObject | undefined, cur: KObject, n: GraphNode, fx: GraphEffects): void {
    if (startsWith(old, cur, FINALIZER_ORPHAN)) {
      fx.attemptToOrphan.push(n)
      return
    }
    if (startsWith(old, cur, FINALIZER_FOREGROUND)) {
      n.deletingDependents = true
      fx.attemptToDelete.push(...n.dependents, n)
    }
  }

  /** `addDependentToOwners`: owners not in the graph become virtual nodes to verify. */
  private addDependentToOwners(n: GraphNode, owners: OwnerReference[], fx: GraphEffects): void {
    for (const ref of owners) {
      let owner = this.nodes.get(ref.uid)
      if (!owner) {
        owner = new GraphNode({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: n.identity.namespace })
        this.nodes.set(ref.uid, owner)
        fx.attemptToDelete.push(owner)
      }
      owner.dependents.add(n)
    }
  }

  private enqueueUid(uid: string, fx: GraphEffects): void {
    const n = this.nodes.get(uid)
    if (n) fx.attemptToDelete.push(n)
  }
}

export function identityOf(o: KObject): Identity {
  return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name as string, uid: o.metadata.uid as string }
}

/** `referencesDiffs`: by uid, which references appeared, disappeared or changed. */
export function referencesDiffs(old: OwnerReference[], cur: OwnerReference[]) {
  const before = new Map(old.map((r) => [r.uid, r]))
  const after = new Map(cur.map((r) => [r.uid, r]))
  const added = cur.filter((r) => !before.has(r.uid))
  const removed = old.filter((r) => !after.has(r.uid))
  const changed: [OwnerReference, OwnerReference][] = []
  for (const r of cur) {
    const o = before.get(r.uid)
    if (o && JSON.stringify(o) !== JSON.stringify(r)) changed.push([o, r])
  }
  return { added, removed, changed }
}
