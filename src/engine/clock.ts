import { UtcTime } from './utc-time'
/**
 * Virtual time: a discrete-event queue. Nothing in the engine reads wall time; work is
 * scheduled at a virtual instant and runs when `advance` reaches it, in (time, sequence)
 * order, so the same commands always run in the same order.
 *
 * Background tasks (heartbeats, probe ticks, resyncs) never keep `settle()` busy: a cluster
 * is "settled" when only background work is left.
 *
 * @example
 *   const clock = new Clock()
 *   clock.after(1000, () => console.log('one virtual second later'))
 *   clock.advance(1000)
 */
export interface ScheduledTask {
  id: number
  at: number
  seq: number
  label: string
  background: boolean
  run: () => void
  cancelled: boolean
}

/** The virtual epoch: the wall-clock instant virtual time 0 stands for (fixed, so output is reproducible). */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0)

/**
 * Calendar fields of a *given* instant (ms since the Unix epoch), for formatting virtual time
 * in Kubernetes' and the tools' formats. Pure arithmetic (`utc-time.ts`): the engine never
 * constructs a host Date.
 */
export function utcDate(unixMs: number): UtcTime {
  return new UtcTime(unixMs)
}

export class Clock {
  private nowMs = 0
  private seq = 0
  private heap: ScheduledTask[] = []
  private foreground = 0

  /** Virtual milliseconds since the cluster was created. */
  now(): number {
    return this.nowMs
  }

  /** RFC 3339 at one-second precision, as Kubernetes writes timestamps. */
  timestamp(atMs = this.nowMs): string {
    return utcDate(VIRTUAL_EPOCH_MS + Math.floor(atMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  }

  /** Virtual ms for an RFC 3339 timestamp written by `timestamp`. */
  parse(ts: string | undefined): number | undefined {
    if (!ts) return undefined
    const t = Date.parse(ts)
    return Number.isNaN(t) ? undefined : t - VIRTUAL_EPOCH_MS
  }

  after(delayMs: number, run: () => void, opts: { label?: string; background?: boolean } = {}): ScheduledTask {
    return this.at(this.nowMs + Math.max(0, delayMs), run, opts)
  }

  at(atMs: number, run: () => void, opts: { label?: string; background?: boolean } = {}): ScheduledTask {
    const task: ScheduledTask = {
      id: ++this.seq,
      at: Math.max(atMs, this.nowMs),
      seq: this.seq,
      label: opts.label ?? '',
      background: opts.background ?? false,
      run,
      cancelled: false,
    }
    if (!task.background) this.foreground++
    this.push(task)
    return task
  }

  cancel(task: ScheduledTask | undefined): void {
    if (!task || task.cancelled) return
    task.cancelled = true
    if (!task.background) this.foreground--
  }

  /** Foreground tasks still queued (what `settle` waits for). */
  pendingForeground(): number {
    return this.foreground
  }

  nextAt(): number | undefined {
    this.dropCancelled()
    return this.heap[0]?.at
  }

  /** Move time forward by `ms`, running every task due on the way, in order. */
  advance(ms: number): void {
    const end = this.nowMs + Math.max(0, ms)
    this.runUntil(end)
    this.nowMs = end
  }

  /** Run tasks due at or before `end`; time stops at the last task run. Returns tasks run. */
  runUntil(end: number, maxTasks = Infinity): number {
    let n = 0
    for (;;) {
      this.dropCancelled()
      const top = this.heap[0]
      if (!top || top.at > end || n >= maxTasks) return n
      this.pop()
      if (!top.background) this.foreground--
      top.cancelled = true
      this.nowMs = Math.max(this.nowMs, top.at)
      top.run()
      n++
    }
  }

  /** Advance until no foreground work is left, or `maxMs` of virtual time has passed. */
  settle(maxMs = 10 * 60_000): number {
    const limit = this.nowMs + maxMs
    while (this.foreground > 0) {
      const next = this.nextForegroundAt()
      if (next === undefined || next > limit) break
      this.runUntil(next)
    }
    return this.nowMs
  }

  private nextForegroundAt(): number | undefined {
    let best: number | undefined
    for (const t of this.heap) if (!t.cancelled && !t.background && (best === undefined || t.at < best)) best = t.at
    return best
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].cancelled) this.pop()
  }

  private less(a: ScheduledTask, b: ScheduledTask): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }

  private push(t: ScheduledTask): void {
    const h = this.heap
    h.push(t)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
  }

  private pop(): ScheduledTask | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(h[l], h[m])) m = l
        if (r < h.length && this.less(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top
  }
}
