import type { Rng } from '../rng'
import { LATENCY } from '../latency'

/**
 * How long each step of a pod's life takes on a node, as data (kwok's "stages"): a scenario
 * or lesson can slow one down (a sluggish CNI, a slow registry) without new code, via
 * `Kubelet.configure({ sandbox: { baseMs: 5000, jitterMs: 0 } })`. Image pulls take their
 * time from the image model (`image-model.ts`).
 */
export interface StageDelay {
  baseMs: number
  /** Uniform extra delay in [0, jitterMs), drawn from the seeded RNG. */
  jitterMs: number
}

export interface KubeletTimings {
  /** Pod worker reaction to a pod change (`syncPod` latency). */
  sync: StageDelay
  /** RunPodSandbox + CNI ADD (pause container, veth, IP). */
  sandbox: StageDelay
  /** CreateContainer. */
  create: StageDelay
  /** StartContainer. */
  start: StageDelay
  /** StopPodSandbox + CNI DEL. */
  sandboxStop: StageDelay
  /** `nodeStatusUpdateFrequency`: the heartbeat, 10 s. */
  nodeStatusUpdateMs: number
  /** After (re)start, the runtime status check that turns the node Ready. */
  runtimeReady: StageDelay
  /** The pod worker's requeue after a failed sync: 10 s with jitter factor 0.5 (`workerBackOffPeriod`). */
  podWorkerBackOffMs: number
  podWorkerBackOffJitter: number
}

export const DEFAULT_TIMINGS: KubeletTimings = {
  sync: { baseMs: LATENCY.kubeletSyncMs, jitterMs: 0 },
  sandbox: { baseMs: 300, jitterMs: 400 },
  create: { baseMs: 30, jitterMs: 50 },
  start: { baseMs: 50, jitterMs: 100 },
  sandboxStop: { baseMs: 100, jitterMs: 100 },
  nodeStatusUpdateMs: 10_000,
  runtimeReady: { baseMs: 1000, jitterMs: 0 },
  podWorkerBackOffMs: 10_000,
  podWorkerBackOffJitter: 0.5,
}

export function stageDelay(d: StageDelay, rng: Rng): number {
  return d.baseMs + (d.jitterMs > 0 ? Math.floor(rng.next() * d.jitterMs) : 0)
}

/** `wait.Jitter(d, f)`: d + rand·f·d. */
export function jitter(ms: number, factor: number, rng: Rng): number {
  return Math.round(ms + rng.next() * factor * ms)
}
