/**
 * Modelled latencies on the virtual clock, in one place so a scenario (or a lesson that
 * wants to slow the control plane down to watch it) can see what they are.
 * Real clusters see a few ms per hop; we keep that order so a 1× run looks real.
 */
export const LATENCY = {
  /** etcd commit → a watcher's informer receives the event. */
  watchMs: 5,
  /** A work-queue key is picked up by a controller worker. */
  queueMs: 1,
  /** One scheduling cycle (filter + score + bind request). */
  scheduleMs: 10,
  /** Kubelet pod-worker reaction to a change (syncPod). */
  kubeletSyncMs: 20,
} as const
