/**
 * The node-agents slice: what the worker tells the UI beyond the API objects — the kubelet's
 * lifecycle records of the pod the inspector follows, and the faults in force (a stopped
 * kubelet shows on its node at once, long before the node turns NotReady).
 */
import type { FaultStateMessage, LifecycleEntry, LifecycleMessage } from '../../protocol'

export interface FollowedLifecycle {
  uid: string
  /** False: the engine keeps no lifecycle records; the timeline falls back on status and Events. */
  available: boolean
  records: readonly LifecycleEntry[]
}

export type FaultState = Omit<FaultStateMessage, 'type'>

export interface NodeAgentsState {
  lifecycle: FollowedLifecycle | null
  faultState: FaultState
}

export const INITIAL_FAULT_STATE: FaultState = { available: false, stoppedKubelets: [], slowPulls: {}, probes: {} }

export const INITIAL_NODE_AGENTS: NodeAgentsState = { lifecycle: null, faultState: INITIAL_FAULT_STATE }

export function lifecycleFrom(m: LifecycleMessage): FollowedLifecycle {
  return { uid: m.uid, available: m.available, records: m.records }
}

export function faultStateFrom(m: FaultStateMessage): FaultState {
  return { available: m.available, stoppedKubelets: m.stoppedKubelets, slowPulls: m.slowPulls, probes: m.probes }
}
