/**
 * The canvas' structure: which group (worker node or the Pending area) each pod sits in, and
 * in which slot. A pod keeps its slot for as long as it stays in its group, and a new pod takes
 * the lowest free slot — so nothing jumps when one pod changes (DESIGN "stable layout").
 *
 * Pure and copy-on-write: an update that changes nothing structural returns the *same* Layout
 * object, so the derived React Flow graph is not rebuilt when a pod merely changes status.
 */
import type { KObject } from '../../engine/index'

/** The group of pods that have no `spec.nodeName` yet. */
export const PENDING = '__pending'

/** Kinds drawn as controllers above the nodes, with edges to the pods they own. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'ReplicationController', 'Deployment'])

export interface PodPlace {
  group: string
  slot: number
  /** uid of the controlling owner (ownerReferences[controller=true]). */
  owner?: string
}

export interface Layout {
  /** Worker nodes in name order (node-2 before node-10). */
  nodes: readonly { name: string; uid: string }[]
  pods: Readonly<Record<string, PodPlace>>
  /** group → slot → pod uid (null = free). */
  groups: Readonly<Record<string, readonly (string | null)[]>>
  /** slot → top-level workload uid (null = free): Deployments, and ReplicaSets/RCs nobody owns. */
  workloads: readonly (string | null)[]
  /**
   * Workloads owned by a top-level workload (a Deployment's ReplicaSets), drawn stacked under
   * it: owner uid → slot → uid. Each keeps its slot, so a new revision never moves the old one.
   */
  children: Readonly<Record<string, readonly (string | null)[]>>
  /** Child workload uid → its owner's uid. */
  parents: Readonly<Record<string, string>>
}

export const EMPTY_LAYOUT: Layout = { nodes: [], pods: {}, groups: {}, workloads: [], children: {}, parents: {} }

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { numeric: true })

export function controllerOf(o: KObject): string | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller)?.uid
}

/** A mutable working copy that clones each container at most once. */
class Draft {
  changed = false
  private cloned = new Set<string>()
  nodes: { name: string; uid: string }[]
  pods: Record<string, PodPlace>
  groups: Record<string, (string | null)[]>
  workloads: (string | null)[]
  children: Record<string, (string | null)[]>
  parents: Record<string, string>

  constructor(readonly base: Layout) {
    this.nodes = base.nodes as { name: string; uid: string }[]
    this.pods = base.pods as Record<string, PodPlace>
    this.groups = base.groups as Record<string, (string | null)[]>
    this.workloads = base.workloads as (string | null)[]
    this.children = (base.children ?? {}) as Record<string, (string | null)[]>
    this.parents = (base.parents ?? {}) as Record<string, string>
  }

  private own<K extends 'nodes' | 'pods' | 'groups' | 'workloads' | 'children' | 'parents'>(k: K): Draft[K] {
    if (!this.cloned.has(k)) {
      this.cloned.add(k)
      const v = this[k]
      ;(this as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : { ...v }
    }
    this.changed = true
    return this[k]
  }

  private group(name: string): (string | null)[] {
    const groups = this.own('groups')
    const key = `group:${name}`
    if (!this.cloned.has(key)) {
      this.cloned.add(key)
      groups[name] = [...(groups[name] ?? [])]
    }
    return groups[name]
  }

  setNode(name: string, uid: string): void {
    const i = this.nodes.findIndex((n) => n.name === name)
    if (i >= 0 && this.nodes[i].uid === uid) return
    const nodes = this.own('nodes')
    if (i >= 0) nodes[i] = { name, uid }
    else nodes.push({ name, uid })
    nodes.sort(byName)
  }

  removeNode(uid: string): void {
    if (!this.nodes.some((n) => n.uid === uid)) return
    const nodes = this.own('nodes')
    nodes.splice(
      nodes.findIndex((n) => n.uid === uid),
      1,
    )
  }

  placePod(uid: string, group: string, owner: string | undefined): void {
    const cur = this.pods[uid]
    if (cur && cur.group === group && cur.owner === owner) return
    if (cur && cur.group === group) {
      this.own('pods')[uid] = { ...cur, owner }
      return
    }
    if (cur) this.freeSlot(cur.group, cur.slot)
    const slots = this.group(group)
    let slot = slots.indexOf(null)
    if (slot < 0) slot = slots.push(null) - 1
    slots[slot] = uid
    this.own('pods')[uid] = { group, slot, owner }
  }

  forgetPod(uid: string): void {
    const cur = this.pods[uid]
    if (!cur) return
    this.freeSlot(cur.group, cur.slot)
    delete this.own('pods')[uid]
  }

  private freeSlot(group: string, slot: number): void {
    const slots = this.group(group)
    slots[slot] = null
    // Trailing free slots go, so a group can shrink back; inner holes stay (nothing shifts).
    while (slots.length && slots[slots.length - 1] === null) slots.pop()
  }

  /**
   * A workload goes under its owner when the owner is a top-level workload on the canvas (a
   * Deployment's ReplicaSet), else into a top-level slot. It moves only when that changes
   * (adoption, orphaning).
   */
  placeWorkload(uid: string, owner?: string): void {
    const parent = owner && owner !== uid && this.workloads.includes(owner) ? owner : undefined
    const curParent = this.parents[uid]
    if (parent ? curParent === parent : !curParent && this.workloads.includes(uid)) return
    this.unplaceWorkload(uid)
    if (parent) {
      this.own('parents')[uid] = parent
      const list = this.childSlots(parent)
      const free = list.indexOf(null)
      if (free >= 0) list[free] = uid
      else list.push(uid)
      return
    }
    const w = this.own('workloads')
    const free = w.indexOf(null)
    if (free >= 0) w[free] = uid
    else w.push(uid)
  }

  private childSlots(parent: string): (string | null)[] {
    const children = this.own('children')
    const key = `children:${parent}`
    if (!this.cloned.has(key) || !children[parent]) {
      this.cloned.add(key)
      children[parent] = [...(children[parent] ?? [])]
    }
    return children[parent]
  }

  /** Free a workload's slot (top-level or under its owner); nothing else moves. */
  private unplaceWorkload(uid: string): void {
    const parent = this.parents[uid]
    if (parent) {
      delete this.own('parents')[uid]
      const list = this.childSlots(parent)
      const i = list.indexOf(uid)
      if (i >= 0) list[i] = null
      while (list.length && list[list.length - 1] === null) list.pop()
      if (!list.length) delete this.own('children')[parent]
      return
    }
    const i = this.workloads.indexOf(uid)
    if (i < 0) return
    const w = this.own('workloads')
    w[i] = null
    while (w.length && w[w.length - 1] === null) w.pop()
  }

  removeWorkload(uid: string): void {
    // Its children (a deleted Deployment's ReplicaSets, until the garbage collector takes them) stand alone.
    const orphans = (this.children[uid] ?? []).filter((c): c is string => !!c)
    this.unplaceWorkload(uid)
    if (!orphans.length) return
    delete this.own('children')[uid]
    const parents = this.own('parents')
    for (const c of orphans) delete parents[c]
    for (const c of orphans) this.placeWorkload(c)
  }

  result(): Layout {
    return this.changed
      ? { nodes: this.nodes, pods: this.pods, groups: this.groups, workloads: this.workloads, children: this.children, parents: this.parents }
      : this.base
  }
}

/** Objects written (new or changed). */
export function layoutUpsert(prev: Layout, objects: readonly KObject[]): Layout {
  const d = new Draft(prev)
  const owned: KObject[] = []
  for (const o of objects) {
    const uid = o.metadata.uid as string
    if (o.kind === 'Pod') d.placePod(uid, o.spec?.nodeName || PENDING, controllerOf(o))
    else if (o.kind === 'Node') d.setNode(o.metadata.name as string, uid)
    else if (WORKLOAD_KINDS.has(o.kind)) {
      if (controllerOf(o)) owned.push(o)
      else d.placeWorkload(uid)
    }
  }
  // Owned workloads last, so an owner that arrives in the same batch is placed first.
  for (const o of owned) d.placeWorkload(o.metadata.uid as string, controllerOf(o))
  return d.result()
}

/**
 * Objects deleted. Pods keep their slot until `layoutForget` (they animate out first);
 * nodes and workloads go at once.
 */
export function layoutRemove(prev: Layout, removed: readonly KObject[]): Layout {
  const d = new Draft(prev)
  for (const o of removed) {
    const uid = o.metadata.uid as string
    if (o.kind === 'Node') d.removeNode(uid)
    else if (WORKLOAD_KINDS.has(o.kind)) d.removeWorkload(uid)
  }
  return d.result()
}

/** A departed pod finished animating out: free its slot. */
export function layoutForget(prev: Layout, podUids: readonly string[]): Layout {
  const d = new Draft(prev)
  for (const uid of podUids) d.forgetPod(uid)
  return d.result()
}
