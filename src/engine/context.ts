import type { Clock } from './clock'
import type { Rng } from './rng'
import type { ApiServer } from './apiserver/apiserver'
import type { RecordLog } from './records'
import type { EventRecorder } from './runtime/events'

/**
 * What every component is handed: the virtual clock, the seeded RNG, the API server (its
 * only way to touch cluster state), the record log and the event recorder. Nothing else is
 * shared between components — exactly as in Kubernetes, they talk only through the API.
 */
export interface EngineContext {
  clock: Clock
  rng: Rng
  api: ApiServer
  records: RecordLog
  events: EventRecorder
}

/** A running part of the cluster (scheduler, a kubelet, a controller). */
export interface Component {
  readonly name: string
  start(): void
  stop(): void
  running(): boolean
}
