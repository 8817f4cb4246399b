import type { Node, Taint } from '../api/types'

/**
 * Node taints the node lifecycle controller owns: the well-known keys and how node
 * conditions map to them (`nodeConditionToTaintKeyStatusMap` in
 * `pkg/controller/nodelifecycle/node_lifecycle_controller.go`, REFERENCE 7). Pure.
 */

/** api `core/v1/well_known_taints.go`. */
export const TAINT_KEYS = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  unschedulable: 'node.kubernetes.io/unschedulable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
  pidPressure: 'node.kubernetes.io/pid-pressure',
} as const

/** `nodeConditionToTaintKeyStatusMap`: which condition status means which taint. */
const CONDITION_TAINTS: Record<string, Partial<Record<string, string>>> = {
  Ready: { False: TAINT_KEYS.notReady, Unknown: TAINT_KEYS.unreachable },
  MemoryPressure: { True: TAINT_KEYS.memoryPressure },
  DiskPressure: { True: TAINT_KEYS.diskPressure },
  NetworkUnavailable: { True: TAINT_KEYS.networkUnavailable },
  PIDPressure: { True: TAINT_KEYS.pidPressure },
}
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m) as string[]))

export const sameTaint = (a: Taint, b: { key: string; effect: string }) => a.key === b.key && a.effect === b.effect
export const hasTaint = (n: Node, key: string, effect: string) => (n.spec?.taints ?? []).some((t) => sameTaint(t, { key, effect }))


/**
 * `doNoScheduleTaintingPass`: the NoSchedule taints the node's conditions (and
 * `spec.unschedulable`) call for, against the condition taints it has.
 */
export function noScheduleTaintDiff(node: Node): { add: Taint[]; remove: Taint[] } {
  const want: Taint[] = []
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status]
    if (key) want.push({ key, effect: 'NoSchedule' })
  }
  if (node.spec?.unschedulable) want.push({ key: TAINT_KEYS.unschedulable, effect: 'NoSchedule' })
  const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_KEYS.unschedulable || CONDITION_TAINT_KEYS.has(t.key)))
  return { add: want.filter((w) => !have.some((h) => sameTaint(h, w))), remove: have.filter((h) => !want.some((w) => sameTaint(h, w))) }
}

/** `SwapNodeControllerTaint`: add (stamped `timeAdded`, appended) and remove by key and effect. */
export function swapTaints(taints: Taint[] | undefined, add: Taint[], remove: { key: string; effect: string }[], now: string): Taint[] {
  const out = (taints ?? []).filter((t) => !remove.some((r) => sameTaint(t, r)))
  for (const a of add) {
    const i = out.findIndex((t) => sameTaint(t, a))
    const stamped = { ...a, timeAdded: now }
    if (i >= 0) out[i] = stamped
    else out.push(stamped)
  }
  return out
}
