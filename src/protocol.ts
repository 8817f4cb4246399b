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
import type { ServicesFromWorker, ServicesToWorker } from './protocol-services'
import type { ConsoleFromWorker, ConsoleToWorker, PodShell } from './protocol-console'

export * from './protocol-services'
export * from './protocol-console'

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

/**
 * Follow one pod's kubelet lifecycle records (the pod inspector's timeline). The worker answers
 * with a `lifecycle` message now and again whenever the pod's records grow; `uid: null` stops.
 * `node`, `namespace` and `name` let the worker find the kubelet that runs the pod.
 */
export interface LifecycleRequest {
  type: 'lifecycle'
  uid: string | null
  node?: string
  namespace?: string
  name?: string
}

/**
 * A failure injected on purpose (DESIGN "Simulated containers"), handled by the engine's fault
 * API (`cluster.faults`). A probe override `null` gives the probe back to the container.
 */
export type Fault =
  | { kind: 'crashContainer'; namespace: string; pod: string; container: string; exitCode: number }
  | { kind: 'setProbe'; namespace: string; pod: string; container: string; probe: 'liveness' | 'readiness' | 'startup'; result: 'fail' | 'succeed' | null }
  | { kind: 'slowImagePulls'; node: string; factor: number }
  | { kind: 'stopKubelet'; node: string }
  | { kind: 'startKubelet'; node: string }

/** Inject a fault; answered with a `result` whose `command` is the fault call that ran. */
export interface FaultRequest {
  type: 'fault'
  id: number
  fault: Fault
}

export type ToWorker = KubectlRequest | ApplyRequest | ScaleRequest | ControlRequest | SpeedRequest | ResyncRequest | TestRequest | LifecycleRequest | FaultRequest | ServicesToWorker | ConsoleToWorker

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
  /** A `kubectl get -w` that keeps streaming `watchLines` with this id until `stopWatch`. */
  watching?: boolean
  /** `kubectl exec -it POD -- sh`: open a shell on this container. */
  shell?: PodShell
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

/** One step of a pod's life on its node, as the kubelet recorded it (virtual ms). */
export interface LifecycleEntry {
  at: number
  stage: string
  container?: string
  detail?: string
}

/** The followed pod's lifecycle records (all of them, oldest first). `available: false`: the engine keeps none. */
export interface LifecycleMessage {
  type: 'lifecycle'
  uid: string
  available: boolean
  records: LifecycleEntry[]
}

/**
 * Faults in force, so the canvas can say so at once (a stopped kubelet shows long before the
 * node turns NotReady). Sent at start and whenever it changes.
 */
export interface FaultStateMessage {
  type: 'faultState'
  /** Whether the engine has a fault API at all. */
  available: boolean
  /** Nodes whose kubelet is stopped. */
  stoppedKubelets: string[]
  /** Node → image pull slow-down factor (absent = normal speed). */
  slowPulls: Record<string, number>
  /** `namespace/pod/container/probe` → forced result. */
  probes: Record<string, 'fail' | 'succeed'>
}

export type FromWorker =
  | HelloMessage
  | DiffMessage
  | FullMessage
  | ResultMessage
  | StatusMessage
  | TestResultMessage
  | ErrorMessage
  | LifecycleMessage
  | FaultStateMessage
  | ServicesFromWorker
  | ConsoleFromWorker

/** Type guard for `speed` values arriving from untyped places (a <select>, a URL). */
export function isSpeed(v: unknown): v is Speed {
  return typeof v === 'number' && (SPEEDS as readonly number[]).includes(v)
}
