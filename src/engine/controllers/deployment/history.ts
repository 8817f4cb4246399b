import type { ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { fromLabelSelector, matches } from '../../api/selector'
import { controllerOf } from '../pod-utils'
import { CHANGE_CAUSE } from './annotations'
import { revisionOf } from './revision'

/**
 * `kubectl rollout history deployment/<d>` (kubectl `polymorphichelpers/history.go`
 * `DeploymentHistoryViewer`) and the ReplicaSet lookup kubectl's rollout verbs share
 * (kubectl `util/deployment` `GetAllReplicaSets` → `ListReplicaSets`).
 *
 * @example
 *   const rss = replicaSetsOf(d, api.list('replicasets', ns).items)
 *   historyTable(deploymentHistory(rss))
 *   // 'REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image …\n'
 */

/** The Deployment's ReplicaSets: selected by its selector and controlled by it. */
export function replicaSetsOf(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet[] {
  let sel
  try {
    sel = fromLabelSelector(d.spec.selector)
  } catch {
    return []
  }
  return rss.filter((rs) => rs.metadata.namespace === d.metadata.namespace && matches(sel, rs.metadata.labels) && controllerOf(rs)?.uid === d.metadata.uid)
}

export interface HistoryEntry {
  revision: number
  /** The `kubernetes.io/change-cause` annotation, or `<none>`. */
  changeCause: string
  rs: ReplicaSet
}

/** One entry per parseable revision, ascending (a later RS with the same number wins, as the map upstream). */
export function deploymentHistory(rss: readonly ReplicaSet[]): HistoryEntry[] {
  const byRev = new Map<number, ReplicaSet>()
  for (const rs of rss) {
    const v = revisionOf(rs)
    if (v !== undefined) byRev.set(v, rs)
  }
  return [...byRev.entries()].sort((a, b) => a[0] - b[0]).map(([revision, rs]) => ({
    revision,
    changeCause: rs.metadata.annotations?.[CHANGE_CAUSE] || '<none>',
    rs,
  }))
}

/**
 * `ViewHistory` without `--revision`: a tabwriter table (min width 0, tab 8, padding 2).
 * kubectl prints it after `deployment.apps/<name> ` and a newline.
 */
export function historyTable(entries: readonly HistoryEntry[]): string {
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...entries.map((e) => [String(e.revision), e.changeCause])]
  const width = Math.max(...rows.map((r) => r[0].length)) + 2
  return rows.map((r) => r[0].padEnd(width) + r[1] + '\n').join('')
}

/**
 * `ViewHistory --revision=N`: the RS whose template kubectl prints (`Pod Template:` in
 * describe format, kubectl's printer), or kubectl's error text.
 */
export function historyRevision(entries: readonly HistoryEntry[], revision: number): { rs: ReplicaSet } | { error: string } {
  const e = entries.find((x) => x.revision === revision)
  return e ? { rs: e.rs } : { error: `unable to find the specified revision` }
}
