/**
 * The messages between the UI and the engine worker (DESIGN "Worker ↔ UI").
 *
 * Discriminated unions both ways, plain data only (structured-clone safe), versioned: the
 * worker says `hello` with its PROTOCOL_VERSION first and the UI refuses a mismatch instead of
 * drawing garbage. The worker owns the truth; the UI sends intentions and mirrors diffs.
 *
 * @example
 *   worker.postMessage({ type: 'kubectl', id: 1, line: 'get pods -o wide' } satisfies ToWorker)
 *   // ← { type: 'diff', ... } (state first) then { type: 'result', id: 1, code: 0, stdout, ... }
 */
import type { EngineRecord, KObject } from './engine/index'

export const PROTOCOL_VERSION = 1 as const

/** Simulation speeds the UI offers (virtual seconds per wall second). */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20] as const
export type Speed = (typeof SPEEDS)[number]

/** How far one press of "step" moves virtual time when the UI does not say. */
export const DEFAULT_STEP_MS = 100

// ---- UI → worker ------------------------------------------------------------------------------

/** A kubectl command line (with or without the leading `kubectl`). */
export interface KubectlRequest {
  type: 'kubectl'
  id: number
  line: string
  stdin?: string
}

/** `kubectl apply -f -` with this YAML on stdin. */
export interface ApplyRequest {
  type: 'apply'
  id: number
  yaml: string
}

/** A click on +/−: the worker runs the equivalent `kubectl scale` and returns its text. */
export interface ScaleRequest {
  type: 'scale'
  id: number
  namespace: string
  kind: 'ReplicaSet' | 'ReplicationController' | 'Deployment' | 'StatefulSet'
  name: string
  replicas: number
}

export interface ControlRequest {
  type: 'control'
  action: 'play' | 'pause' | 'step'
  /** For `step`: virtual ms to advance (default DEFAULT_STEP_MS). */
  stepMs?: number
}

export interface SpeedRequest {
  type: 'speed'
  speed: Speed
}

/** Ask for the whole state again (after a protocol hiccup or a UI reload of the mirror). */
export interface ResyncRequest {
  type: 'resync'
}

/**
 * Hooks for end-to-end tests, so they step the simulation instead of sleeping:
 * `advance` moves virtual time by `ms`; `settle` runs until only background work is left;
 * `ticks` answers after `n` more wall-clock ticks of the worker (to check that a paused clock
 * stays put without a fixed sleep); `state` just answers. Every op answers with `testResult`
 * after the diff it caused has been posted.
 */
export type TestOp = { op: 'advance'; ms: number } | { op: 'settle'; maxMs?: number } | { op: 'ticks'; n: number } | { op: 'state' }
export type TestRequest = { type: 'test'; id: number } & TestOp

export type ToWorker = KubectlRequest | ApplyRequest | ScaleRequest | ControlRequest | SpeedRequest | ResyncRequest | TestRequest

// ---- worker → UI ------------------------------------------------------------------------------

export interface HelloMessage {
  type: 'hello'
  version: typeof PROTOCOL_VERSION
  seed: number
  nodes: number
  playing: boolean
  speed: Speed
}

/**
 * What changed since the previous diff: whole objects keyed by `metadata.uid` (several writes
 * to one object squashed to its last state), uids deleted, and the engine records (API calls,
 * watch notifications, controller actions, scheduling decisions) in sequence order.
 * At most one per worker tick (~16 ms).
 */
export interface DiffMessage {
  type: 'diff'
  /** Virtual ms since the cluster was created. */
  clock: number
  /** etcd revision this diff brings the mirror to. */
  revision: number
  upserts: KObject[]
  removed: string[]
  records: EngineRecord[]
  /** API/watch records left out of this diff to bound its size (schedule/controller records never are). */
  droppedRecords: number
}

/** The whole state (start-up and resync): replaces the mirror. */
export interface FullMessage {
  type: 'full'
  clock: number
  revision: number
  objects: KObject[]
  /** Recent records, including the last scheduling decision of every pod that still exists. */
  records: EngineRecord[]
}

/** Answer to kubectl/apply/scale. `command` is the kubectl line that ran ("the command behind the click"). */
export interface ResultMessage {
  type: 'result'
  id: number
  code: number
  stdout: string
  stderr: string
  command: string
}

export interface StatusMessage {
  type: 'status'
  playing: boolean
  speed: Speed
  clock: number
}

export interface TestResultMessage {
  type: 'testResult'
  id: number
  clock: number
  revision: number
  playing: boolean
}

/** Something went wrong inside the worker; the UI shows it instead of failing silently. */
export interface ErrorMessage {
  type: 'error'
  message: string
}

export type FromWorker = HelloMessage | DiffMessage | FullMessage | ResultMessage | StatusMessage | TestResultMessage | ErrorMessage

/** Type guard for `speed` values arriving from untyped places (a <select>, a URL). */
export function isSpeed(v: unknown): v is Speed {
  return typeof v === 'number' && (SPEEDS as readonly number[]).includes(v)
}
