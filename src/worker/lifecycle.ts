/**
 * Streams one pod's kubelet lifecycle records to the pod inspector's timeline. The UI follows
 * at most one pod (the selected one); after each frame the worker checks whether that pod's
 * record list grew and, if so, posts it again. Cost: one lookup per frame, whatever the
 * cluster's size.
 */
import type { LifecycleEntry, LifecycleMessage, LifecycleRequest } from '../protocol'

/** What the follower reads from the cluster (a `Cluster` satisfies it). */
export interface LifecycleHost {
  /** An engine accessor by name, if the engine offers one. */
  podLifecycle?(namespace: string, name: string): readonly LifecycleEntry[] | undefined
  /** Otherwise ask the kubelet of the pod's node by uid (it keeps the log of finished pods too). */
  kubelets?: ReadonlyMap<string, { podLifecycle?(uid: string): readonly LifecycleEntry[] }>
}

export class LifecycleFollower {
  private target: { uid: string; node?: string; namespace: string; name: string } | null = null
  private sentLength = -1
  private sentLast = -1

  follow(req: LifecycleRequest): void {
    this.target = req.uid ? { uid: req.uid, node: req.node, namespace: req.namespace ?? '', name: req.name ?? '' } : null
    this.sentLength = -1
    this.sentLast = -1
  }

  /** The message to post, if the followed pod's records changed since the last one. */
  poll(host: LifecycleHost): LifecycleMessage | undefined {
    const t = this.target
    if (!t) return undefined
    const records = lookup(host, t)
    const length = records?.length ?? 0
    const last = records?.length ? records[records.length - 1].at : -1
    if (length === this.sentLength && last === this.sentLast) return undefined
    this.sentLength = length
    this.sentLast = last
    return {
      type: 'lifecycle',
      uid: t.uid,
      available: records !== undefined,
      records: (records ?? []).map((r) => ({ at: r.at, stage: r.stage, ...(r.container ? { container: r.container } : {}), ...(r.detail ? { detail: r.detail } : {}) })),
    }
  }
}

function lookup(host: LifecycleHost, t: { uid: string; node?: string; namespace: string; name: string }): readonly LifecycleEntry[] | undefined {
  const kubelet = t.node ? host.kubelets?.get(t.node) : undefined
  if (kubelet?.podLifecycle) return kubelet.podLifecycle(t.uid)
  if (host.podLifecycle && t.name) return host.podLifecycle(t.namespace, t.name) ?? []
  // Not on a node yet: nothing has happened on a kubelet, which is a fact, not a gap.
  if (!t.node && host.kubelets) return []
  return undefined
}
