import type { Node, NodeCondition } from '../api/types'

/**
 * Zones and the rate of NoExecute tainting (`ComputeZoneState`, `RateLimitedTimedQueue`,
 * `pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go`): when many nodes of a zone
 * go silent at once the controller slows down or stops, because the control plane is then
 * more likely cut off than the nodes dead.
 */

/** `--unhealthy-zone-threshold`. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption'

/** `ComputeZoneState`: no Ready node → full disruption; ≥ 55 % (and > 2) not Ready → partial. */
export function computeZoneState(ready: (NodeCondition | undefined)[]): { notReady: number; state: ZoneState } {
  const readyNodes = ready.filter((c) => c?.status === 'True').length
  const notReady = ready.length - readyNodes
  if (readyNodes === 0 && notReady > 0) return { notReady, state: 'FullDisruption' }
  if (notReady > 2 && notReady / ready.length >= UNHEALTHY_ZONE_THRESHOLD) return { notReady, state: 'PartialDisruption' }
  return { notReady, state: 'Normal' }
}

/** `GetZoneKey`: region and zone labels; nodes without them share the zone "". */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {}
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? ''
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? ''
  return region || zone ? `${region}:\u0000:${zone}` : ''
}

/**
 * `RateLimitedTimedQueue` with a token-bucket limiter (burst 1): how the controller spaces out
 * NoExecute taints, one node per 10 s per zone at the default `--node-eviction-rate 0.1`.
 */
export class RateLimitedTimedQueue {
  private queue: { value: string; processAt: number }[] = []
  private set = new Set<string>()
  private tokens = 1
  private last = 0

  constructor(private qps: number) {}

  add(value: string, now: number): boolean {
    if (this.set.has(value)) return false
    this.set.add(value)
    this.queue.push({ value, processAt: now })
    return true
  }

  remove(value: string): boolean {
    this.queue = this.queue.filter((q) => q.value !== value)
    return this.set.delete(value)
  }

  size(): number {
    return this.queue.length
  }

  /** Whether trying can ever succeed (a zero rate means evictions are stopped). */
  active(): boolean {
    return this.qps > 0 && this.queue.length > 0
  }

  /** `SwapLimiter`: a new bucket for a new rate (0 = never); drained if the old one was. */
  swapLimiter(qps: number, now: number): void {
    if (qps === this.qps) return
    const drained = !this.tryAccept(now)
    this.qps = qps
    this.tokens = qps > 0 && !drained ? 1 : 0
    this.last = now
  }

  /** `Try`: process due items while the limiter allows; `fn` returns [done, retry-after ms]. */
  try(now: number, fn: (value: string) => [boolean, number]): void {
    this.queue.sort((a, b) => a.processAt - b.processAt)
    while (this.queue.length && this.queue[0].processAt <= now) {
      if (!this.tryAccept(now)) break
      const head = this.queue.shift()!
      const [ok, wait] = fn(head.value)
      // Done items leave the queue but stay in the set (`RemoveFromQueue`): no second taint until `remove`.
      if (!ok) this.queue.push({ value: head.value, processAt: now + wait + 1 })
    }
  }

  private tryAccept(now: number): boolean {
    if (this.qps <= 0) return false
    this.tokens = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.qps)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
