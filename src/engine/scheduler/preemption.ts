import type { Pod } from '../api/types'
import type { NodeInfo } from './node-info'
import { runFilterPlugins, type CycleState } from './filters'
import { fitErrorMessage, type NodeStatus, type NodeToStatus } from './fit-error'

/**
 * DefaultPreemption's PostFilter, reduced to what it *says* (the playground has no pod
 * priorities yet, so nothing is ever evicted). Sources: `plugins/defaultpreemption/
 * default_preemption.go` (`PostFilter`, `SelectVictimsOnNode`, `PodEligibleToPreemptOthers`)
 * and `framework/preemption/preemption.go` (`Preempt`, `findCandidates`, `DryRunPreemption`).
 *
 * - Only nodes rejected with a plain `Unschedulable` status are candidates; nodes rejected
 *   as UnschedulableAndUnresolvable (taints, node name, affinity, cordon) are not, and
 *   count as "Preemption is not helpful for scheduling".
 * - A candidate node with no pod of lower priority says "No preemption victims found for incoming pod".
 * - With no candidate, the answer is a FitError of its own, prefixed `preemption: `.
 *
 * The random offset DryRunPreemption starts at is not drawn: with no candidate every node is
 * checked anyway, so the message does not depend on it.
 */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const NO_VICTIMS = 'No preemption victims found for incoming pod'

export interface PostFilterResult {
  /** `preemption: …`, or '' when preemption would have found room (and would now evict). */
  message: string
  /** Nodes where evicting lower-priority pods would make room (not acted on). */
  candidates: string[]
}

export function postFilter(state: CycleState, nodes: NodeInfo[], filtered: Map<string, NodeStatus>): PostFilterResult {
  const pod = state.pod
  if (pod.spec.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.', candidates: [] }

  const potential = nodes.filter((n) => filtered.get(n.name)?.code === 'Unschedulable')
  const statuses = new Map<string, NodeStatus>()
  const candidates: string[] = []
  for (const n of potential) {
    const st = selectVictimsOnNode(state, n)
    if (st === 'fits') candidates.push(n.name)
    else statuses.set(n.name, st)
  }
  if (candidates.length) return { message: '', candidates }
  const diag: NodeToStatus = { statuses, absent: { code: 'UnschedulableAndUnresolvable', reasons: [PREEMPTION_NOT_HELPFUL] } }
  return { message: `preemption: ${fitErrorMessage(nodes.length, diag)}`, candidates }
}

/** Remove every pod of lower priority; if none, there are no victims; else does the pod fit without them? */
function selectVictimsOnNode(state: CycleState, n: NodeInfo): NodeStatus | 'fits' {
  const prio = priority(state.pod)
  const victims = new Set<string>()
  for (const [uid, e] of n.pods) if (priority(e.pod) < prio) victims.add(uid)
  if (victims.size === 0) return { code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] }
  const st = runFilterPlugins(state, n.without(victims))
  return st ? { code: st.code, reasons: st.reasons } : 'fits'
}

function priority(pod: Pod): number {
  return typeof pod.spec.priority === 'number' ? pod.spec.priority : 0
}
