import type { Pod } from '../api/types'
import type { NodeVerdict } from '../records'
import type { Rng } from '../rng'
import type { NodeInfo } from './node-info'
import { preFilter, runFilterPlugins } from './filters'
import { fitErrorMessage, NO_NODES_AVAILABLE, type NodeStatus } from './fit-error'
import { postFilter } from './preemption'
import { scoreNodes } from './scoring'
import { NODE_SCORES_TO_REPORT, numFeasibleNodesToFind, selectHost } from './select-host'

/**
 * `schedulePod` (`pkg/scheduler/schedule_one.go`): filter from a rotating start, stop after
 * `numFeasibleNodesToFind` fits, score, pick. Pure given the node infos, the start index and
 * the RNG, so it is tested without a cluster.
 */
export interface ScheduleResult {
  host?: string
  /** Per evaluated node, in the snapshot's node order. */
  verdicts: NodeVerdict[]
  tiedForBest?: number
  /** The FitError text (or `no nodes available to schedule pods`) when no node fits. */
  message?: string
  /** Where the next cycle starts its scan. */
  nextStartNodeIndex: number
}

export function schedulePod(pod: Pod, nodes: NodeInfo[], startIndex: number, rng: Rng): ScheduleResult {
  const n = nodes.length
  if (n === 0) return { verdicts: [], message: NO_NODES_AVAILABLE, nextStartNodeIndex: startIndex }

  const state = preFilter(pod)
  const toFind = numFeasibleNodesToFind(n)
  const feasible: NodeInfo[] = []
  const filtered = new Map<string, NodeStatus>()
  const verdict = new Map<string, NodeVerdict>()
  // Sequential version of the parallel scan: it stops once enough nodes fit, and every node
  // gets its turn across cycles because the next scan starts where this one stopped.
  for (let i = 0; i < n && feasible.length < toFind; i++) {
    const node = nodes[(startIndex + i) % n]
    const st = runFilterPlugins(state, node)
    if (!st) {
      feasible.push(node)
      verdict.set(node.name, { node: node.name })
    } else {
      filtered.set(node.name, { code: st.code, reasons: st.reasons })
      // Status.Message() joins a plugin's reasons with ", ".
      verdict.set(node.name, { node: node.name, filter: { plugin: st.plugin, reason: st.reasons.join(', ') } })
    }
  }
  const nextStartNodeIndex = (startIndex + feasible.length + filtered.size) % n
  const verdicts = nodes.filter((x) => verdict.has(x.name)).map((x) => verdict.get(x.name)!)

  if (feasible.length === 0) {
    const post = postFilter(state, nodes, filtered)
    return { verdicts, message: fitErrorMessage(n, { statuses: filtered }, '', post.message), nextStartNodeIndex }
  }
  // "When only one node after predicate, just use it": no scoring, no random draw.
  if (feasible.length === 1) return { host: feasible[0].name, verdicts, tiedForBest: 1, nextStartNodeIndex }

  const scored = scoreNodes(pod, feasible)
  for (const s of scored) Object.assign(verdict.get(s.node)!, { scores: s.scores, total: s.total })
  const sel = selectHost(
    scored.map((s) => ({ name: s.node, totalScore: s.total })),
    NODE_SCORES_TO_REPORT,
    rng,
  )
  return { host: sel.host, verdicts, tiedForBest: sel.tied, nextStartNodeIndex }
}
