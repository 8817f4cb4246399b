/**
 * The records slice: what the control plane did, for the pulses on the canvas, the API log
 * and the inspector's "why". Watch notifications only pulse (they would drown the log);
 * API requests, controller actions and scheduling decisions are kept in a ring buffer; each
 * pod's latest scheduling decision is kept for as long as the pod exists.
 */
import type { EngineRecord, ScheduleRecord } from '../../engine/index'
import { summarizeActivity } from '../model/activity'
import { rolloutsApply, type RolloutNotes } from '../workloads/rollout-records'

/** Records kept for the log panel. */
export const RING_SIZE = 400

export interface Activity {
  /** How many times this box has acted (monotonic: a change triggers a pulse). */
  n: number
  /** Caption of its latest telling act. */
  text: string
  /** Virtual ms of that act. */
  time: number
}

export interface RecordsState {
  records: readonly EngineRecord[]
  /** API/watch records the worker left out to bound diff size. */
  droppedRecords: number
  schedules: Readonly<Record<string, ScheduleRecord>>
  activity: Readonly<Record<string, Activity>>
  /** The deployment controller's latest arithmetic and action per Deployment (`ns/name`). */
  rollouts: Readonly<Record<string, RolloutNotes>>
}

export const INITIAL_RECORDS: RecordsState = { records: [], droppedRecords: 0, schedules: {}, activity: {}, rollouts: {} }

export function recordsApply(s: RecordsState, incoming: readonly EngineRecord[], dropped: number, clock: number): Partial<RecordsState> {
  if (!incoming.length && !dropped) return {}
  const out: Partial<RecordsState> = {}
  const kept = incoming.filter((r) => r.type !== 'watch')
  if (kept.length) {
    const merged = s.records.length + kept.length > RING_SIZE ? [...s.records, ...kept].slice(-RING_SIZE) : [...s.records, ...kept]
    out.records = merged
  }
  if (dropped) out.droppedRecords = s.droppedRecords + dropped

  let schedules: Record<string, ScheduleRecord> | undefined
  for (const r of incoming) {
    if (r.type !== 'schedule') continue
    schedules ??= { ...s.schedules }
    schedules[r.podUid] = r
  }
  if (schedules) out.schedules = schedules
  const rollouts = rolloutsApply(s.rollouts, incoming)
  if (rollouts) out.rollouts = rollouts

  const summary = summarizeActivity(incoming)
  if (summary.size) {
    const activity = { ...s.activity }
    for (const [who, { n, text }] of summary) {
      const cur = activity[who]
      activity[who] = { n: (cur?.n ?? 0) + n, text: text ?? cur?.text ?? '', time: text ? clock : (cur?.time ?? clock) }
    }
    out.activity = activity
  }
  return out
}

/** Forget the decisions of pods that are gone for good. */
export function recordsForgetPods(s: RecordsState, podUids: readonly string[]): Partial<RecordsState> {
  if (!podUids.some((u) => s.schedules[u])) return {}
  const schedules = { ...s.schedules }
  for (const u of podUids) delete schedules[u]
  return { schedules }
}
