/**
 * Kube Playground's engine: a whole Kubernetes cluster, simulated, headless and
 * deterministic. Runs in the Web Worker for the app and directly in Node for tests,
 * benchmarks and scripts.
 *
 * @example
 *   import { createCluster } from './src/engine'
 *   const c = createCluster({ seed: 1, nodes: 3 })
 *   c.kubectl('apply -f -', yamlText)   // -> { code, stdout, stderr }
 *   c.settle()
 *   c.kubectl('get pods -o wide').stdout
 */
export { createCluster, restoreCluster, Cluster } from './cluster'
export type { ClusterOptions, ClusterSnapshot, ExecResult } from './cluster'
export type { KObject, Pod, Node, ReplicaSet, Namespace, KEvent, ObjectMeta } from './api/types'
export type { EngineRecord, ApiRecord, WatchRecord, ControllerRecord, ScheduleRecord, NodeVerdict } from './records'
export type { StoreEvent } from './store/etcd'
export { ApiError } from './apiserver/errors'
