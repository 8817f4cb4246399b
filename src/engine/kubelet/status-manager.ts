import type { EngineContext } from '../context'
import type { Pod, PodCondition, PodStatus } from '../api/types'
import { ApiError } from '../apiserver/errors'
import { isKubeletCondition } from './conditions'

/** How many times a status write is retried after a 409 (the kubelet re-reads and tries again). */
const MAX_CONFLICT_RETRIES = 5

/**
 * The kubelet's status manager (`pkg/kubelet/status/status_manager.go`): it keeps the last
 * status it generated per pod, stamps condition transition times, keeps `startTime`, and
 * writes `pods/status` when something changed. A write that loses an optimistic-concurrency
 * race (409 Conflict, REFERENCE 2.6) is retried on a fresh read, so the 409 shows in the API log.
 * It also makes the final grace-0 delete once a deleted pod is terminal (`canBeDeleted`).
 */
export class StatusManager {
  private cache = new Map<string, PodStatus>()
  /** The newest pod object each write returned (our informer may not have seen it yet). */
  private written = new Map<string, Pod>()

  constructor(
    private readonly ctx: EngineContext,
    private readonly actor: string,
  ) {}

  /** The newest version of a pod we know: the informer's, or the one our last write returned. */
  latest(pod: Pod): Pod {
    const w = this.written.get(pod.metadata.uid as string)
    if (!w || Number(w.metadata.resourceVersion) <= Number(pod.metadata.resourceVersion)) return pod
    return w
  }

  cached(uid: string): PodStatus | undefined {
    return this.cache.get(uid)
  }

  /**
   * Record a freshly generated status and write it if it differs from the API's.
   * Returns the stored pod, or undefined when nothing was written (or the pod is gone).
   */
  setPodStatus(podIn: Pod, generated: PodStatus): Pod | undefined {
    const uid = podIn.metadata.uid as string
    let pod = this.latest(podIn)
    const old = this.cache.get(uid) ?? pod.status ?? {}
    const status = this.stamp(generated, old)
    this.cache.set(uid, status)
    for (let attempt = 0; ; attempt++) {
      const merged = mergeStatus(pod.status ?? {}, status)
      if (sameJSON(merged, pod.status ?? {})) return undefined
      try {
        const stored = this.ctx.api.update('pods', { ...pod, status: merged }, { subresource: 'status', actor: this.actor }) as Pod
        this.written.set(uid, stored)
        return stored
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        if (e.code === 409 && attempt < MAX_CONFLICT_RETRIES) {
          const fresh = this.reread(pod)
          if (!fresh) return undefined
          pod = fresh
          continue
        }
        return undefined // 404: the pod is gone; anything else is dropped like a failed sync
      }
    }
  }

  /** The last step of graceful deletion: the kubelet deletes the terminal pod with grace 0 (REFERENCE 2.7, 6.6). */
  deletePod(pod: Pod): boolean {
    try {
      this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name as string, {
        gracePeriodSeconds: 0,
        uid: pod.metadata.uid,
        actor: this.actor,
      })
      return true
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return e.code === 404
    }
  }

  forget(uid: string): void {
    this.cache.delete(uid)
    this.written.delete(uid)
  }

  /** A kubelet restart loses its in-memory status cache. */
  reset(): void {
    this.cache.clear()
    this.written.clear()
  }

  private reread(pod: Pod): Pod | undefined {
    try {
      const fresh = this.ctx.api.get('pods', pod.metadata.namespace, pod.metadata.name as string, { actor: this.actor }) as Pod
      return fresh.metadata.uid === pod.metadata.uid ? fresh : undefined
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return undefined
    }
  }

  /**
   * `updateLastTransitionTime` for every kubelet condition: kept while the status is unchanged,
   * now when it flips; `lastProbeTime` is null (no probe writes it). `startTime` never changes
   * once set; the first status sets it.
   */
  private stamp(generated: PodStatus, old: PodStatus): PodStatus {
    const now = this.ctx.clock.timestamp()
    const conditions = (generated.conditions ?? []).map((c): PodCondition => {
      if (!isKubeletCondition(c.type)) return c
      const prev = old.conditions?.find((o) => o.type === c.type)
      const lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now
      return { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) }
    })
    const status: PodStatus = { ...generated, conditions }
    status.startTime = old.startTime ?? generated.startTime ?? now
    return status
  }
}

/** `mergePodStatus`: conditions the kubelet does not own stay as the API has them. */
function mergeStatus(api: PodStatus, ours: PodStatus): PodStatus {
  const foreign = (api.conditions ?? []).filter((c) => !isKubeletCondition(c.type))
  const mine = (ours.conditions ?? []).filter((c) => isKubeletCondition(c.type))
  return { ...ours, conditions: [...foreign, ...mine] }
}

/** Key-order-insensitive equality of JSON values. */
export function sameJSON(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

