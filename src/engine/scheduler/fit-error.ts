import type { FilterCode } from './filters'

/**
 * The text of a failed scheduling attempt (`framework.FitError.Error()`, REFERENCE 3.6):
 *
 *   0/<N> nodes are available: [<PreFilterMsg>.] [<histogram>.] [<PostFilterMsg>]
 *
 * The histogram counts every reason of every node that was rejected ("3 Insufficient cpu",
 * and a node short of cpu and memory counts once in each), plus, for nodes absent from the
 * status map, the "absent nodes" reasons times how many are absent. It is sorted as strings,
 * so "10 …" comes before "2 …" — exactly as Go's `sort.Strings` leaves it.
 */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods'

export interface NodeStatus {
  code: FilterCode
  reasons: string[]
}

/** `framework.NodeToStatus`: explicit statuses by node name, and one status for every node not in it. */
export interface NodeToStatus {
  statuses: Map<string, NodeStatus>
  absent?: NodeStatus
}

export function fitErrorMessage(numAllNodes: number, diag: NodeToStatus, preFilterMsg = '', postFilterMsg = ''): string {
  let msg = `0/${numAllNodes} nodes are available:`
  if (preFilterMsg) msg += ` ${preFilterMsg}.`
  else {
    // When PreFilter rejected, every node carries that same status; counting it again would duplicate it.
    const hist = new Map<string, number>()
    for (const st of diag.statuses.values()) for (const r of st.reasons) hist.set(r, (hist.get(r) ?? 0) + 1)
    const absentCount = numAllNodes - diag.statuses.size
    if (absentCount > 0) for (const r of diag.absent?.reasons ?? []) hist.set(r, (hist.get(r) ?? 0) + absentCount)
    const lines = [...hist].map(([reason, n]) => `${n} ${reason}`).sort(goStringLess)
    if (lines.length) msg += ` ${lines.join(', ')}.`
  }
  // PostFilter's message already ends the way its own FitError did; it gets no extra period.
  if (postFilterMsg) msg += ` ${postFilterMsg}`
  return msg
}

/** Go's `sort.Strings` compares bytes; UTF-16 order agrees for the ASCII texts used here. */
function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `validation.NoteLengthLimit`: events and conditions carry at most 1024 bytes (`truncateMessage`). */
export const NOTE_LENGTH_LIMIT = 1024

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message
  const suffix = ' ...'
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix
}
