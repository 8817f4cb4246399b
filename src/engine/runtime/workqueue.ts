import type { Clock, ScheduledTask } from '../clock'
import { LATENCY } from '../latency'

/**
 * client-go's rate-limited work queue on the virtual clock. It holds keys, not objects:
 * a key added many times before it is processed is processed once. Failed keys come back
 * with per-item exponential back-off (5 ms doubling to 1000 s, `DefaultControllerRateLimiter`).
 */
export class WorkQueue {
  private queued = new Set<string>()
  private delayed = new Map<string, ScheduledTask>()
  private failures = new Map<string, number>()
  private scheduled?: ScheduledTask
  private order: string[] = []

  constructor(
    private readonly clock: Clock,
    readonly name: string,
    private readonly process: (key: string) => void,
    private readonly opts: { background?: boolean } = {},
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return
    this.queued.add(key)
    this.order.push(key)
    this.kick()
  }

  /** Add after a delay (a later add of the same key wins if sooner). */
  addAfter(key: string, delayMs: number, opts: { background?: boolean } = {}): void {
    if (delayMs <= 0) return this.add(key)
    const existing = this.delayed.get(key)
    const at = this.clock.now() + delayMs
    if (existing && !existing.cancelled && existing.at <= at) return
    this.clock.cancel(existing)
    this.delayed.set(
      key,
      this.clock.at(at, () => {
        this.delayed.delete(key)
        this.add(key)
      }, { label: `${this.name} requeue ${key}`, background: opts.background ?? this.opts.background }),
    )
  }

  /** Requeue with back-off after a failure. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0
    this.failures.set(key, n + 1)
    this.addAfter(key, Math.min(5 * 2 ** n, 1_000_000))
  }

  forget(key: string): void {
    this.failures.delete(key)
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0
  }

  len(): number {
    return this.queued.size
  }

  private kick(): void {
    if (this.scheduled && !this.scheduled.cancelled) return
    this.scheduled = this.clock.after(LATENCY.queueMs, () => this.drain(), { label: `${this.name} worker`, background: this.opts.background })
  }

  private drain(): void {
    this.scheduled = undefined
    // Process what was queued when the worker woke; keys added meanwhile wait for the next turn.
    const batch = this.order
    this.order = []
    for (const key of batch) {
      if (!this.queued.delete(key)) continue
      this.process(key)
    }
    if (this.order.length) this.kick()
  }
}
