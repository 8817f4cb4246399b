import type { Rng } from '../rng'
import { heapInit, heapPop } from './go-heap'

/**
 * How many nodes to filter and how to pick among the best (`pkg/scheduler/schedule_one.go`,
 * REFERENCE 3.4 and 3.5).
 */

/** `minFeasibleNodesToFind`: below this many nodes every node is checked. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100
/** `minFeasibleNodesPercentageToFind`. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5
/** `numberOfHighestScoredNodesToReport`: selectHost keeps the top 3 for the record. */
export const NODE_SCORES_TO_REPORT = 3

/**
 * `numFeasibleNodesToFind`: with `percentageOfNodesToScore` unset (0) the percentage adapts,
 * 50% at 0 nodes falling by 1 per 125 nodes to a floor of 5%, and never fewer than 100 nodes.
 * Integer arithmetic as in Go's int32.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
  let percentage = percentageOfNodesToScore
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125)
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100)
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes
}

export interface HostScore {
  name: string
  totalScore: number
}

export interface SelectedHost {
  host: string
  /** The top nodes (at most `count`, plus every node tied for the best), selected first. */
  sorted: HostScore[]
  /** How many nodes shared the best total. */
  tied: number
}

const byScore = (a: HostScore, b: HostScore) => a.totalScore > b.totalScore

/**
 * `selectHost`: a max-heap of the scores; the top is the candidate, and every further node
 * with the same total replaces it with probability 1/cntOfMaxScore (`rand.Intn(cnt) == 0`) —
 * reservoir sampling, a uniform choice among ties. The heap is Go's, move for move, so the
 * same seed picks the same node. Throws `empty priorityList` like Go returns it.
 */
export function selectHost(nodeScores: HostScore[], count: number, rng: Rng): SelectedHost {
  if (nodeScores.length === 0) throw new Error('empty priorityList')
  const h = nodeScores.slice()
  heapInit(h, byScore)
  let cntOfMaxScore = 1
  let selectedIndex = 0
  const sorted: HostScore[] = [heapPop(h, byScore)!]
  // Go pops before the first check; with one node the heap is already empty (schedulePod
  // never calls selectHost for a single feasible node, but guard anyway).
  while (h.length > 0) {
    const ns = heapPop(h, byScore)!
    if (ns.totalScore !== sorted[0].totalScore && sorted.length === count) break
    if (ns.totalScore === sorted[0].totalScore) {
      cntOfMaxScore++
      if (rng.intn(cntOfMaxScore) === 0) selectedIndex = cntOfMaxScore - 1
    }
    sorted.push(ns)
  }
  if (selectedIndex !== 0) {
    const previous = sorted[0]
    sorted[0] = sorted[selectedIndex]
    sorted[selectedIndex] = previous
  }
  return { host: sorted[0].name, sorted: sorted.slice(0, Math.max(count, 1)), tied: cntOfMaxScore }
}
