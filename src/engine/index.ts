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
// Services, kube-proxy and the packet tracer, for the worker and (types only) the UI.
export type {
  Hop, HopCost, HopKind, HopPlace, HeaderChange, ChangeKind, PacketView, Addr, IpRole, PortRole, RuleRef,
} from './net/dataplane/hops'
export type { KubeProxyStatus } from './proxy/kube-proxy'
export type { ProxyMode, ModelledCost, PerfFact } from './proxy/cost'
export { PERF_FACTS, modelledCost } from './proxy/cost'
export { exportManifests, editManifests, cleanManifest, type ExportOptions, type ExportResult } from './export'
export { kubectlCatalog, type KubectlCatalog, type CatalogVerb, type CatalogFlag, type CatalogResource } from './kubectl/catalog'
export type { FaultApi, FaultResult } from './faults'
export type { LifecycleRecord } from './kubelet/pod-worker'
export type { LogLine } from './kubelet/container-logs'
export { watchLines } from './kubectl/printers/watch'
export type { WatchSpec, KubectlResult } from './kubectl/kubectl'
export type { TraceRequest, TraceResult } from './net/dataplane/tracer'
