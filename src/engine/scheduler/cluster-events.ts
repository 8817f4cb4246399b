import type { Node, Pod } from '../api/types'

/**
 * Which watch events may make a waiting pod schedulable (`pkg/scheduler/eventhandlers.go`,
 * `nodeSchedulingPropertiesChange`). A node update counts only if something the filters read
 * changed — not a heartbeat, which rewrites `lastHeartbeatTime` every 10 s.
 */
export function nodeSchedulingPropertiesChanged(oldNode: Node, node: Node): boolean {
  if (!!oldNode.spec?.unschedulable !== !!node.spec?.unschedulable) return true // UpdateNodeTaint
  if (json(oldNode.status?.allocatable) !== json(node.status?.allocatable)) return true // UpdateNodeAllocatable
  if (json(oldNode.metadata.labels) !== json(node.metadata.labels)) return true // UpdateNodeLabel
  if (json(oldNode.spec?.taints) !== json(node.spec?.taints)) return true // UpdateNodeTaint
  if (json(oldNode.metadata.annotations) !== json(node.metadata.annotations)) return true // UpdateNodeAnnotation
  return conditionStatuses(oldNode) !== conditionStatuses(node) // UpdateNodeCondition: type → status only
}

function conditionStatuses(n: Node): string {
  return (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',')
}

function json(v: unknown): string {
  return JSON.stringify(v ?? null)
}

/**
 * The scheduler's pod informer lists with `status.phase!=Succeeded,status.phase!=Failed`, so
 * a finished pod leaves its cache (and frees its node's resources) as if deleted.
 */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

export function isAssigned(pod: Pod): boolean {
  return !!pod.spec?.nodeName
}
