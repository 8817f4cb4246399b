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
  /** slot → workload uid (null = free). */
  workloads: readonly (string | null)[]
}

export const EMPTY_LAYOUT: Layout = { nodes: [], pods: {}, groups: {}, workloads: [] }

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

  constructor(readonly base: Layout) {
    this.nodes = base.nodes as { name: string; uid: string }[]
    this.pods = base.pods as Record<string, PodPlace>
    this.groups = base.groups as Record<string, (string | null)[]>
    this.workloads = base.workloads as (string | null)[]
  }

  private own<K extends 'nodes' | 'pods' | 'groups' | 'workloads'>(k: K): Draft[K] {
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

  placeWorkload(uid: string): void {
    if (this.workloads.includes(uid)) return
    const w = this.own('workloads')
    const free = w.indexOf(null)
    if (free >= 0) w[free] = uid
    else w.push(uid)
  }

  removeWorkload(uid: string): void {
    const i = this.workloads.indexOf(uid)
    if (i < 0) return
    const w = this.own('workloads')
    w[i] = null
    while (w.length && w[w.length - 1] === null) w.pop()
  }

  result(): Layout {
    return this.changed ? { nodes: this.nodes, pods: this.pods, groups: this.groups, workloads: this.workloads } : this.base
  }
}

/** Objects written (new or changed). */
export function layoutUpsert(prev: Layout, objects: readonly KObject[]): Layout {
  const d = new Draft(prev)
  for (const o of objects) {
    const uid = o.metadata.uid as string
    if (o.kind === 'Pod') d.placePod(uid, o.spec?.nodeName || PENDING, controllerOf(o))
    else if (o.kind === 'Node') d.setNode(o.metadata.name as string, uid)
    else if (WORKLOAD_KINDS.has(o.kind)) d.placeWorkload(uid)
  }
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
