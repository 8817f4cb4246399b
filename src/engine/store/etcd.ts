import type { KObject } from '../api/types'

/**
 * etcd as the API server uses it: one cluster-wide revision, incremented by every create,
 * update and delete; each value remembers the revision of its last write (ModRevision),
 * which the API server exposes as `metadata.resourceVersion`.
 *
 * Watches deliver events in revision order and can resume from a revision, replaying the
 * retained history first (like an etcd watch with `WithRev`). Stored values are frozen:
 * readers share them and must copy before changing anything.
 *
 * @example
 *   const db = new Etcd()
 *   db.put('/registry/pods/default/a', pod)          // -> revision 1
 *   db.watch('/registry/pods/', 0, e => console.log(e.type, e.key, e.revision))
 */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface StoreEvent {
  type: WatchEventType
  key: string
  revision: number
  /** The new value; for DELETED, the last value (with the delete's revision). */
  object: KObject
  prev?: KObject
}

interface Entry {
  value: KObject
  createRevision: number
  modRevision: number
}

export interface Watch {
  cancel(): void
}

export class CompactedError extends Error {
  constructor(public readonly compactRevision: number) {
    super(`mvcc: required revision has been compacted`)
  }
}

export class Etcd {
  private data = new Map<string, Entry>()
  private rev = 0
  /** Retained history for resuming watches and for the worker's diffs. */
  private history: StoreEvent[] = []
  private compacted = 0
  private watchers = new Set<{ prefix: string; cb: (e: StoreEvent) => void }>()

  revision(): number {
    return this.rev
  }

  get(key: string): KObject | undefined {
    return this.data.get(key)?.value
  }

  modRevision(key: string): number | undefined {
    return this.data.get(key)?.modRevision
  }

  /** Values under a prefix, in key order (stable output for lists). */
  list(prefix: string): KObject[] {
    const out: [string, KObject][] = []
    for (const [k, e] of this.data) if (k.startsWith(prefix)) out.push([k, e.value])
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    return out.map(([, v]) => v)
  }

  count(prefix: string): number {
    let n = 0
    for (const k of this.data.keys()) if (k.startsWith(prefix)) n++
    return n
  }

  /**
   * Write a value. `build` receives the revision this write will get, so the API server can
   * stamp `resourceVersion` into the stored object in the same step.
   */
  put(key: string, build: (revision: number) => KObject): KObject {
    const revision = ++this.rev
    const value = deepFreeze(build(revision))
    const prev = this.data.get(key)
    this.data.set(key, { value, createRevision: prev?.createRevision ?? revision, modRevision: revision })
    this.emit({ type: prev ? 'MODIFIED' : 'ADDED', key, revision, object: value, prev: prev?.value })
    return value
  }

  delete(key: string, build?: (revision: number, last: KObject) => KObject): KObject | undefined {
    const prev = this.data.get(key)
    if (!prev) return undefined
    const revision = ++this.rev
    const last = deepFreeze(build ? build(revision, prev.value) : prev.value)
    this.data.delete(key)
    this.emit({ type: 'DELETED', key, revision, object: last, prev: prev.value })
    return last
  }

  /**
   * Watch keys under `prefix` for events with revision > `fromRevision`, replaying retained
   * history first. Throws CompactedError if that history is gone (client must re-list).
   */
  watch(prefix: string, fromRevision: number, cb: (e: StoreEvent) => void): Watch {
    if (fromRevision < this.compacted) throw new CompactedError(this.compacted)
    for (const e of this.eventsSince(fromRevision)) if (e.key.startsWith(prefix)) cb(e)
    const w = { prefix, cb }
    this.watchers.add(w)
    return { cancel: () => this.watchers.delete(w) }
  }

  /** Retained events with revision > `fromRevision`, oldest first (binary search: cost ∝ result). */
  eventsSince(fromRevision: number): StoreEvent[] {
    const h = this.history
    let lo = 0
    let hi = h.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (h[mid].revision <= fromRevision) lo = mid + 1
      else hi = mid
    }
    return h.slice(lo)
  }

  /** Forget history up to and including `revision` (etcd compaction). */
  compact(revision: number): void {
    const keep = this.eventsSince(revision)
    this.history = keep
    this.compacted = Math.max(this.compacted, revision)
  }

  compactedRevision(): number {
    return this.compacted
  }

  /** Everything, for snapshots. */
  dump(): { rev: number; entries: [string, Entry][] } {
    return { rev: this.rev, entries: [...this.data.entries()] }
  }

  load(d: { rev: number; entries: [string, Entry][] }): void {
    this.data = new Map(d.entries.map(([k, e]) => [k, { ...e, value: deepFreeze(e.value) }]))
    this.rev = d.rev
    this.history = []
    this.compacted = d.rev
  }

  private emit(e: StoreEvent): void {
    this.history.push(e)
    for (const w of [...this.watchers]) if (e.key.startsWith(w.prefix)) w.cb(e)
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o as object)) deepFreeze(v)
  }
  return o
}
