/**
 * Turns the engine's store events and records into the UI's diffs (CONVENTIONS "Worker ↔ UI":
 * whole objects keyed by uid, squashed, cost proportional to the change).
 *
 * The builder remembers the last etcd revision and record sequence it sent and which uids the
 * UI holds, so a pod created and deleted between two frames never reaches the UI, and a pod
 * written five times in one frame arrives once, in its last state.
 */
import type { EngineRecord, KObject, StoreEvent } from '../engine/index'
import type { DiffMessage, FullMessage } from '../protocol'

/** Most API/watch records forwarded per diff; the rest are counted, not sent. */
export const MAX_RECORDS_PER_DIFF = 400

/** Records kept in a `full` message besides each live pod's last scheduling decision. */
export const FULL_RECENT_RECORDS = 200

/** The part of the engine the diff builder reads. `Cluster` satisfies it. */
export interface DiffSource {
  now(): number
  changesSince(revision: number): StoreEvent[]
  recordsSince(seq: number): EngineRecord[]
  etcd: { revision(): number; list(prefix: string): KObject[]; compactedRevision?(): number }
}

/** The uid the UI keys an object by (every stored object has one; the key is a fallback). */
export function uidOf(o: KObject, key = ''): string {
  return (o.metadata?.uid as string | undefined) ?? key
}

export class DiffBuilder {
  private revision = 0
  private seq = 0
  private clock = -1
  /** uids the UI currently mirrors. */
  private readonly sent = new Set<string>()

  constructor(private readonly src: DiffSource) {}

  /** Whether the store history the next diff needs has been compacted away (then send `full`). */
  needsFull(): boolean {
    const compacted = this.src.etcd.compactedRevision?.() ?? 0
    return this.revision < compacted
  }

  /** The whole state; afterwards diffs continue from here. */
  full(): FullMessage {
    const objects = this.src.etcd.list('/registry/')
    this.sent.clear()
    for (const o of objects) this.sent.add(uidOf(o))
    this.revision = this.src.etcd.revision()
    const all = this.src.recordsSince(0)
    this.seq = all.length ? all[all.length - 1].seq : this.seq
    this.clock = this.src.now()
    return { type: 'full', clock: this.clock, revision: this.revision, objects, records: recentRecords(all, this.sent) }
  }

  /** The diff since the last one, or undefined when nothing changed (not even the clock). */
  diff(): DiffMessage | undefined {
    const events = this.src.changesSince(this.revision)
    const records = this.src.recordsSince(this.seq)
    const clock = this.src.now()
    if (!events.length && !records.length && clock === this.clock) return undefined

    // Squash: the last event per uid wins (a Map keeps first-insertion order, which is stable).
    const last = new Map<string, StoreEvent>()
    for (const e of events) last.set(uidOf(e.object, e.key), e)
    const upserts: KObject[] = []
    const removed: string[] = []
    for (const [uid, e] of last) {
      if (e.type === 'DELETED') {
        // Created and deleted within one frame: the UI never saw it, so there is nothing to remove.
        if (this.sent.delete(uid)) removed.push(uid)
      } else {
        this.sent.add(uid)
        upserts.push(e.object)
      }
    }
    if (events.length) this.revision = events[events.length - 1].revision
    if (records.length) this.seq = records[records.length - 1].seq
    this.clock = clock
    const { kept, dropped } = capRecords(records, MAX_RECORDS_PER_DIFF)
    return { type: 'diff', clock, revision: this.revision, upserts, removed, records: kept, droppedRecords: dropped }
  }
}

/**
 * Bound a batch of records: scheduling decisions and controller actions are always kept (the
 * inspector explains from them); of the chatty API calls and watch notifications only the
 * newest `max` survive. Sequence order is preserved.
 */
export function capRecords(records: EngineRecord[], max: number): { kept: EngineRecord[]; dropped: number } {
  let chatty = 0
  for (const r of records) if (r.type === 'api' || r.type === 'watch') chatty++
  if (chatty <= max) return { kept: records, dropped: 0 }
  let skip = chatty - max
  const dropped = skip
  const kept = records.filter((r) => {
    if ((r.type === 'api' || r.type === 'watch') && skip > 0) {
      skip--
      return false
    }
    return true
  })
  return { kept, dropped }
}

/** For `full`: each live pod's latest scheduling decision, plus the newest other records. */
function recentRecords(all: EngineRecord[], live: Set<string>): EngineRecord[] {
  const lastSchedule = new Map<string, EngineRecord>()
  for (const r of all) if (r.type === 'schedule' && live.has(r.podUid)) lastSchedule.set(r.podUid, r)
  const recent = all.filter((r) => r.type !== 'schedule').slice(-FULL_RECENT_RECORDS)
  return [...lastSchedule.values(), ...recent].sort((a, b) => a.seq - b.seq)
}
