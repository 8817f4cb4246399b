/**
 * The cluster mirror slice: the UI's copy of every object, keyed by uid, applied from the
 * worker's diffs. Pure functions from state + message to the next state, so one `set` per diff
 * applies everything and unchanged objects keep their identity (memoised components skip them).
 */
import type { KObject } from '../../engine/index'
import type { DiffMessage, FullMessage } from '../../protocol'
import { EMPTY_LAYOUT, layoutForget, layoutRemove, layoutUpsert, type Layout } from './layout'

/** Newest Events kept for the logs and the inspector. */
export const MAX_EVENTS = 1000
/** A departed pod is dropped even if its exit animation never reported back (e.g. off-screen). */
export const LEAVING_TIMEOUT_MS = 2000

export interface MirrorState {
  /** The first diff (or full state) arrived. */
  ready: boolean
  /** Virtual ms. */
  clock: number
  revision: number
  objects: Readonly<Record<string, KObject>>
  /** Pods deleted on the server, still animating out; `since` is wall ms. */
  leaving: Readonly<Record<string, { obj: KObject; since: number }>>
  /** uids of Event objects, oldest first (by last write). */
  eventOrder: readonly string[]
  layout: Layout
}

export const INITIAL_MIRROR: MirrorState = { ready: false, clock: 0, revision: 0, objects: {}, leaving: {}, eventOrder: [], layout: EMPTY_LAYOUT }

const uidOf = (o: KObject) => o.metadata.uid as string

/** Apply one diff. `wall` is the UI's wall clock (for the leaving timeout). */
export function mirrorDiff(s: MirrorState, d: DiffMessage, wall: number): Partial<MirrorState> {
  const out: Partial<MirrorState> = { ready: true, clock: d.clock, revision: d.revision }
  const stale = Object.entries(s.leaving).filter(([, v]) => wall - v.since > LEAVING_TIMEOUT_MS)
  if (!d.upserts.length && !d.removed.length && !stale.length) return out

  const objects = { ...s.objects }
  let leaving = s.leaving
  const removedObjs: KObject[] = []
  let eventsTouched = false
  for (const o of d.upserts) {
    objects[uidOf(o)] = o
    if (o.kind === 'Event') eventsTouched = true
  }
  for (const uid of d.removed) {
    const o = objects[uid]
    if (!o) continue
    delete objects[uid]
    removedObjs.push(o)
    if (o.kind === 'Event') eventsTouched = true
    if (o.kind === 'Pod') leaving = { ...leaving, [uid]: { obj: o, since: wall } }
  }
  // A uid may come back (never in Kubernetes, but be safe): it is no longer leaving.
  for (const o of d.upserts) if (leaving[uidOf(o)]) leaving = omit(leaving, [uidOf(o)])

  let layout = layoutRemove(layoutUpsert(s.layout, d.upserts), removedObjs)
  if (stale.length) {
    const gone = stale.map(([uid]) => uid).filter((uid) => !objects[uid])
    leaving = omit(leaving, gone)
    layout = layoutForget(layout, gone)
  }
  out.objects = objects
  out.leaving = leaving
  out.layout = layout
  if (eventsTouched) out.eventOrder = orderEvents(s.eventOrder, d.upserts, d.removed)
  return out
}

/** Replace everything (start-up, resync), keeping the identity of objects that did not change. */
export function mirrorFull(s: MirrorState, f: FullMessage): Partial<MirrorState> {
  const objects: Record<string, KObject> = {}
  for (const o of f.objects) {
    const prev = s.objects[uidOf(o)]
    objects[uidOf(o)] = prev && prev.metadata.resourceVersion === o.metadata.resourceVersion ? prev : o
  }
  const gonePods = Object.keys(s.layout.pods).filter((uid) => !objects[uid])
  const goneOthers = Object.values(s.objects).filter((o) => !objects[uidOf(o)])
  const layout = layoutForget(layoutRemove(layoutUpsert(s.layout, f.objects), goneOthers), gonePods)
  const events = f.objects.filter((o) => o.kind === 'Event').sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)))
  return {
    ready: true,
    clock: f.clock,
    revision: f.revision,
    objects,
    leaving: {},
    layout,
    eventOrder: events.slice(-MAX_EVENTS).map(uidOf),
  }
}

/** An exit animation finished. */
export function mirrorForget(s: MirrorState, uid: string): Partial<MirrorState> {
  if (!s.leaving[uid]) return {}
  return { leaving: omit(s.leaving, [uid]), layout: layoutForget(s.layout, [uid]) }
}

function orderEvents(order: readonly string[], upserts: readonly KObject[], removed: readonly string[]): string[] {
  const touched = new Set<string>(removed)
  const moved: string[] = []
  for (const o of upserts) {
    if (o.kind !== 'Event') continue
    touched.add(uidOf(o))
    moved.push(uidOf(o))
  }
  const next = order.filter((uid) => !touched.has(uid))
  next.push(...moved)
  return next.length > MAX_EVENTS ? next.slice(-MAX_EVENTS) : next
}

function omit<T>(rec: Readonly<Record<string, T>>, keys: readonly string[]): Record<string, T> {
  const out = { ...rec }
  for (const k of keys) delete out[k]
  return out
}
