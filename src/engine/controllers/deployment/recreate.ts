import type { Pod, ReplicaSet } from '../../api/types'
import type { ScaleIntent } from './scale'
import { filterActive, specReplicas, statusReplicas, sum } from './replicasets'

/**
 * The Recreate strategy (REFERENCE 5.4; `pkg/controller/deployment/recreate.go`):
 * 1. scale every active old ReplicaSet to 0 (and return if anything was scaled);
 * 2. wait while any old pod still runs — *gone*, not just scaled away: a terminating pod
 *    still counts until it is deleted or reaches Succeeded/Failed;
 * 3. only then create the new ReplicaSet (if missing) and scale it to `replicas`.
 *
 * @example
 *   recreateScaleDowns(oldRSs)                    // every active old RS → 0
 *   oldPodsRunning(newRS, oldRSs, podsByRSUid)     // true while an old pod is not terminal
 */

export function recreateScaleDowns(oldRSs: readonly ReplicaSet[]): ScaleIntent[] {
  return filterActive(oldRSs).map((rs) => ({ rs, to: 0, why: `Recreate: old replica set ${rs.metadata.name} goes to 0 before any new pod starts` }))
}

/**
 * `oldPodsRunning`: an old RS still reports replicas, or a pod of any RS but the new one is
 * Pending, Running or Unknown (Unknown counts: "if we can't be sure that the pod is not
 * running, we have to count it").
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (sum(oldRSs, statusReplicas) > 0) return true
  for (const [rsUid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === rsUid) continue
    for (const pod of pods) {
      const phase = pod.status?.phase
      if (phase !== 'Failed' && phase !== 'Succeeded') return true
    }
  }
  return false
}

/** What is still in the way of the new ReplicaSet, for the controller record. */
export function describeOldPods(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: ReadonlyMap<string, readonly Pod[]>): string {
  let pods = 0
  for (const [rsUid, list] of podMap) {
    if (newRS && newRS.metadata.uid === rsUid) continue
    pods += list.filter((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded').length
  }
  return `Recreate: waiting for old pods to stop (${sum(oldRSs, statusReplicas)} reported by old replica sets, ` +
    `${pods} old pods not yet terminal, ${sum(oldRSs, specReplicas)} still wanted)`
}
