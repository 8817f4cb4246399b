import type { Node, NodeCondition, Pod, PodCondition } from '../api/types'

/**
 * How the node lifecycle controller judges a node's health from its heartbeats
 * (`tryUpdateNodeHealth`, `MarkPodsNotReady` in `pkg/controller/nodelifecycle`). Pure.
 */

/** What the controller remembers per node (`nodeHealthData`). */
export interface NodeHealth {
  /** When the controller last saw the heartbeat change — its own clock, not the node's. */
  probeTimestamp: number
  readyTransitionTimestamp: number
  /** The Ready condition as last seen. */
  ready?: NodeCondition
}

const readyOf = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')

/**
 * One look at a node. Returns the updated memory, the Ready condition as observed, and — when
 * the heartbeat is older than the grace period — the conditions to write (all Unknown).
 * A node that never posted a Ready condition gets the longer startup grace, counted from its
 * creation.
 */
export function observeNodeHealth(
  node: Node,
  prev: NodeHealth | undefined,
  now: number,
  nowTs: string,
  createdAt: number,
  grace: { monitorMs: number; startupMs: number },
): { health: NodeHealth; observed: NodeCondition; graceMs: number; unknown?: NodeCondition[] } {
  const current = readyOf(node)
  let health = prev
  let observed: NodeCondition
  let graceMs: number
  if (!current) {
    // The kubelet never posted: pretend a Ready=Unknown as old as the node.
    observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: node.metadata.creationTimestamp }
    graceMs = grace.startupMs
    health = health ? { ...health, ready: undefined } : { probeTimestamp: createdAt, readyTransitionTimestamp: createdAt }
  } else {
    observed = { ...current }
    graceMs = grace.monitorMs
  }
  const saved = health?.ready
  if (!health || (!saved && current) || (saved && !current)) health = { probeTimestamp: now, readyTransitionTimestamp: now, ready: current }
  else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
    // A new heartbeat. The transition time moves only if Ready itself changed.
    const transition = saved.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp
    health = { probeTimestamp: now, readyTransitionTimestamp: transition, ready: current }
  }
  if (now <= health.probeTimestamp + graceMs) return { health, observed, graceMs }
  const unknown = markConditionsUnknown(node, nowTs)
  // Nothing to write when Ready already says Unknown (written by an earlier pass).
  if (JSON.stringify(unknown.find((c) => c.type === 'Ready')) === JSON.stringify(observed)) return { health, observed, graceMs }
  return { health, observed, graceMs, unknown }
}

/**
 * The heartbeat is older than the grace period: every condition the kubelet owns becomes
 * Unknown; lastHeartbeatTime stays, lastTransitionTime is now. NetworkUnavailable is left
 * alone (the network plugin owns it).
 */
export function markConditionsUnknown(node: Node, now: string): NodeCondition[] {
  const conds = (node.status?.conditions ?? []).map((c) => ({ ...c }))
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    const c = conds.find((x) => x.type === type)
    if (!c) {
      conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: now })
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown'
      c.reason = 'NodeStatusUnknown'
      c.message = 'Kubelet stopped posting node status.'
      c.lastTransitionTime = now
    }
  }
  return conds
}

/** `MarkPodsNotReady` for one pod: its Ready condition turns False (reason and message kept). Undefined if already not ready. */
export function podNotReadyConditions(pod: Pod, now: string): PodCondition[] | undefined {
  const conds = pod.status?.conditions ?? []
  const i = conds.findIndex((c) => c.type === 'Ready')
  if (i < 0 || conds[i].status === 'False') return undefined
  const next = conds.map((c) => ({ ...c }))
  next[i] = { ...next[i], status: 'False', lastTransitionTime: now }
  return next
}
