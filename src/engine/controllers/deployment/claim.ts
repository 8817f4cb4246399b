import type { Pod, ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { matches, type Selector } from '../../api/selector'
import { controllerOf } from '../pod-utils'

/**
 * Which ReplicaSets a Deployment owns (`deployment_controller.go`
 * `getReplicaSetsForDeployment` → `ReplicaSetControllerRefManager.ClaimReplicaSets`, whose
 * rules are `BaseControllerRefManager.ClaimObject`), and its pods grouped by ReplicaSet
 * (`getPodMapForDeployment`). Pure: adoption and release are returned as work to do.
 *
 * @example
 *   const { claimed, adopt, release } = claimReplicaSets(d, selector, rsInNamespace)
 */

export interface ReplicaSetClaim {
  /** Owned after this sync, assuming the adoptions succeed. */
  claimed: ReplicaSet[]
  /** Orphans that match: patch our controllerRef onto them. */
  adopt: ReplicaSet[]
  /** Ours but no longer matching: drop our controllerRef. */
  release: ReplicaSet[]
}

/**
 * `ClaimObject` for each ReplicaSet: someone else's → ignored; ours and matching → kept (even
 * while we are being deleted); ours and not matching → released unless we are being deleted;
 * an orphan that matches, is not being deleted, in our namespace, while we are not being
 * deleted → adopted.
 */
export function claimReplicaSets(d: Deployment, selector: Selector | 'nothing', rss: readonly ReplicaSet[]): ReplicaSetClaim {
  const out: ReplicaSetClaim = { claimed: [], adopt: [], release: [] }
  const deleting = !!d.metadata.deletionTimestamp
  for (const rs of rss) {
    const ref = controllerOf(rs)
    const match = matches(selector, rs.metadata.labels)
    if (ref) {
      if (ref.uid !== d.metadata.uid) continue
      if (match) out.claimed.push(rs)
      else if (!deleting) out.release.push(rs)
      continue
    }
    if (deleting || !match || rs.metadata.deletionTimestamp) continue
    if (d.metadata.namespace && d.metadata.namespace !== rs.metadata.namespace) continue
    out.adopt.push(rs)
    out.claimed.push(rs)
  }
  return out
}

/**
 * `getPodMapForDeployment`: the pods matching the Deployment's selector, grouped by the uid of
 * the owned ReplicaSet that controls them (every owned RS has an entry, maybe empty). Inactive
 * pods are kept: Recreate must see old pods that have not yet stopped.
 */
export function podMapForDeployment(selector: Selector | 'nothing', rss: readonly ReplicaSet[], pods: readonly Pod[]): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>()
  for (const rs of rss) map.set(rs.metadata.uid as string, [])
  for (const pod of pods) {
    const ref = controllerOf(pod)
    if (!ref || !matches(selector, pod.metadata.labels)) continue
    map.get(ref.uid)?.push(pod)
  }
  return map
}
