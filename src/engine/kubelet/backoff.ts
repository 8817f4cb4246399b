/**
 * client-go's `flowcontrol.Backoff` on virtual milliseconds: per-key exponential back-off.
 * The kubelet keeps two: image pulls (key `<podUID>_<image>`, `pkg/kubelet/images`) and
 * container restarts (CrashLoopBackOff, key per pod+container), both 10 s doubling to 300 s
 * (REFERENCE 6.5).
 *
 * @example
 *   const b = new Backoff(10_000, 300_000)
 *   b.next('uid_nginx:1.161', now)            // first failure: back off 10 s
 *   b.isInBackOffSinceUpdate('uid_nginx:1.161', now + 5_000) // true
 */
export class Backoff {
  private entries = new Map<string, { backoffMs: number; lastUpdate: number }>()

  /**
   * @param resetMs an entry untouched for longer than this starts again from `initialMs`
   *   (client-go: 2 × max; the kubelet's container back-off overrides it with 600 s).
   */
  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
    readonly resetMs = 2 * maxMs,
  ) {}

  /**
   * `Next(id, eventTime)`: record a failure; the delay starts at `initialMs` (no entry, or the
   * entry expired by `eventTime`) and doubles up to `maxMs`. `lastUpdate` becomes `now`.
   */
  next(key: string, now: number, eventTime = now): number {
    const e = this.entries.get(key)
    const backoffMs = !e || this.expired(eventTime, e.lastUpdate) ? this.initialMs : Math.min(2 * e.backoffMs, this.maxMs)
    this.entries.set(key, { backoffMs, lastUpdate: now })
    return backoffMs
  }

  /**
   * `IsInBackOffSince(id, eventTime)`: less than the current delay has passed since
   * `eventTime` (the kubelet passes the container's last `finishedAt`), unless the entry expired.
   */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key)
    if (!e || this.expired(eventTime, e.lastUpdate)) return false
    return now - eventTime < e.backoffMs
  }

  /** `IsInBackOffSinceUpdate`: less than the current delay has passed since the last failure. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key)
    if (!e || this.expired(now, e.lastUpdate)) return false
    return now - e.lastUpdate < e.backoffMs
  }

  /** The current delay for a key (0 when none), e.g. for `back-off 20s restarting failed container`. */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0
  }

  /** When the current back-off of a key ends (undefined when none). */
  until(key: string): number | undefined {
    const e = this.entries.get(key)
    return e ? e.lastUpdate + e.backoffMs : undefined
  }

  reset(key: string): void {
    this.entries.delete(key)
  }

  /** Forget every key with a prefix (a pod's uid) when the pod is gone. */
  forgetPrefix(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k)
  }

  /** `GC`: drop entries that have expired. */
  gc(now: number): void {
    for (const [k, e] of this.entries) if (this.expired(now, e.lastUpdate)) this.entries.delete(k)
  }

  /** `hasExpired(eventTime, lastUpdate, max)`: `eventTime − lastUpdate > resetMs`. */
  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.resetMs
  }
}
