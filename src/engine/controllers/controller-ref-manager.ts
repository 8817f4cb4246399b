import type { KObject, OwnerReference, Pod } from '../api/types'
import { matches, type Selector } from '../api/selector'
import { controllerOf } from './pod-utils'

/**
 * `PodControllerRefManager.ClaimPods` (`pkg/controller/controller_ref_manager.go`): which pods
 * a controller owns after this sync. For each pod:
 * - owned by someone else → ignored;
 * - owned by us and matching → ours (even while we are being deleted);
 * - owned by us, no longer matching → released (unless we are being deleted);
 * - an orphan that matches, in our namespace, not being deleted, while we are not being
 *   deleted → adopted.
 * Adopting and releasing are patches of the pod's ownerReferences; this module plans them,
 * the controller runs them (and recognises failures, see `ClaimObject`).
 *
 * @example
 *   const { claimed, adopt, release } = claimPods(rs, selector, pods)
 */

export interface ClaimResult {
  /** Pods owned after the claim, assuming the adoptions succeed. */
  claimed: Pod[]
  adopt: Pod[]
  release: Pod[]
}

/** `metav1.NewControllerRef`: how a controller names itself in what it owns. */
export function newControllerRef(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  }
}

export function claimPods(owner: KObject, selector: Selector | 'nothing', pods: Pod[]): ClaimResult {
  const out: ClaimResult = { claimed: [], adopt: [], release: [] }
  const ownerDeleting = !!owner.metadata.deletionTimestamp
  for (const pod of pods) {
    const ref = controllerOf(pod)
    const match = matches(selector, pod.metadata.labels)
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue
      if (match) out.claimed.push(pod)
      else if (!ownerDeleting) out.release.push(pod)
      continue
    }
    if (ownerDeleting || !match) continue
    if (pod.metadata.deletionTimestamp) continue
    if (owner.metadata.namespace && owner.metadata.namespace !== pod.metadata.namespace) continue
    out.adopt.push(pod)
    out.claimed.push(pod)
  }
  return out
}

/**
 * The adoption patch: add our controller reference. Upstream sends a strategic merge patch
 * keyed by uid; our API server speaks JSON merge patch, where lists replace, so the patch
 * carries the whole list and the resourceVersion it was computed from (a stale cache is a
 * 409 and a retry, never a lost ownerReference).
 */
export function adoptPatch(pod: KObject, ref: OwnerReference): Record<string, unknown> {
  return {
    metadata: {
      resourceVersion: pod.metadata.resourceVersion,
      ownerReferences: [...(pod.metadata.ownerReferences ?? []), ref],
    },
  }
}

/** The release / orphaning patch: drop the references to the given owner uids. */
export function removeOwnerRefsPatch(obj: KObject, ownerUids: string[]): Record<string, unknown> {
  const rest = (obj.metadata.ownerReferences ?? []).filter((r) => !ownerUids.includes(r.uid))
  return { metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: rest.length ? rest : null } }
}
