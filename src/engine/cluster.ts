import { Clock } from './clock'
import { Rng } from './rng'
import { Etcd, type StoreEvent } from './store/etcd'
import { ApiServer } from './apiserver/apiserver'
import { UidSource } from './apiserver/uid'
import { defaultRegistry } from './api/kinds/registry'
import { RecordLog, type EngineRecord, type ScheduleRecord } from './records'
import { EventRecorder } from './runtime/events'
import type { Component, EngineContext } from './context'
import { Scheduler } from './scheduler/scheduler'
import { Kubelet, type NodeConfig } from './kubelet/kubelet'
import type { LifecycleRecord } from './kubelet/pod-worker'
import type { Pod } from './api/types'
import { ReplicaSetController } from './controllers/replicaset'
import { rcAdapter } from './controllers/replicaset-sync'
import { DeploymentController } from './controllers/deployment/controller'
import { GarbageCollector } from './controllers/garbagecollector'
import { NamespaceController } from './controllers/namespace'
import { NodeLifecycleController } from './controllers/nodelifecycle'
import { TaintEvictionController } from './controllers/tainteviction'
import { EndpointsController } from './controllers/endpoints'
import { EndpointSliceController } from './controllers/endpointslice'
import { EndpointSliceMirroringController } from './controllers/endpointslicemirroring'
import { ServiceLBController } from './controllers/service-lb'
import { coreDnsDeployment, ensureKubernetesService, kubeDnsService } from './net/system-services'
import { nodeIP, nodePodCIDR } from './net/addresses'
import { runKubectl, type KubectlResult } from './kubectl/kubectl'
import type { PodLogLine } from './kubectl/command'
import { KubeProxy, type KubeProxyStatus } from './proxy/kube-proxy'
import { Dataplane } from './net/dataplane/dataplane'
import type { TraceRequest, TraceResult } from './net/dataplane/tracer'
import { execOnNode, execInPodArgv } from './shell/exec'
import { ApiError } from './apiserver/errors'
import { stateHash } from './state-hash'
import { faultApi, type FaultApi } from './faults'

export interface ClusterOptions {
  /** Seed of the one RNG (scheduler ties, generated names, …). Default 1. */
  seed?: number
  /** Worker nodes `node-1..N`. Default 3. */
  nodes?: number
  /** Per node. Defaults: 4 CPU, 8Gi, 110 pods (kubelet `maxPods`). */
  nodeCpu?: string
  nodeMemory?: string
  /** kube-proxy mode (used from the services work on). Default `iptables`. */
  proxyMode?: 'iptables' | 'ipvs' | 'userspace'
  /** kube-proxy `--ipvs-scheduler` in IPVS mode: rr (default), wrr, lc, wlc, sh. */
  ipvsScheduler?: 'rr' | 'wrr' | 'lc' | 'wlc' | 'sh'
}

export interface ExecResult {
  code: number
  stdout: string
  stderr: string
}

/** Whole cluster state, serialisable (structured-clone / JSON safe). */
export interface ClusterSnapshot {
  version: 1
  options: Required<ClusterOptions>
  time: number
  rng: number
  uid: number
  etcd: ReturnType<Etcd['dump']>
}

const DEFAULTS: Required<ClusterOptions> = { seed: 1, nodes: 3, nodeCpu: '4', nodeMemory: '8Gi', proxyMode: 'iptables', ipvsScheduler: 'rr' }

/**
 * A simulated cluster: etcd, API server, scheduler, controller manager and one kubelet per
 * node, all on one virtual clock. See `createCluster`.
 */
export class Cluster {
  readonly clock: Clock
  readonly rng: Rng
  readonly etcd: Etcd
  readonly api: ApiServer
  readonly records: RecordLog
  readonly events: EventRecorder
  readonly ctx: EngineContext
  readonly options: Required<ClusterOptions>
  readonly scheduler: Scheduler
  readonly kubelets = new Map<string, Kubelet>()
  /** Fault injection (faults.ts): `c.faults.crashContainer('default', 'web', 'nginx', 1)`. */
  readonly faults: FaultApi = faultApi(this)
  readonly controllers: Component[]
  /** kube-proxy on every node (iptables, IPVS or userspace). */
  readonly proxies = new Map<string, KubeProxy>()
  /** The network: node kernels (rules, conntrack), cluster DNS, the packet tracer. */
  readonly dataplane: Dataplane
  private readonly uids: UidSource

  constructor(options: ClusterOptions = {}, restore?: ClusterSnapshot) {
    this.options = { ...DEFAULTS, ...options }
    this.clock = new Clock()
    this.rng = new Rng(this.options.seed)
    this.etcd = new Etcd()
    this.uids = new UidSource()
    this.records = new RecordLog(() => this.clock.now())
    this.api = new ApiServer(this.etcd, this.clock, this.rng, defaultRegistry(), this.records, this.uids)
    this.events = new EventRecorder(this.api, this.clock)
    this.ctx = { clock: this.clock, rng: this.rng, api: this.api, records: this.records, events: this.events }

    if (restore) {
      this.etcd.load(restore.etcd)
      this.clock.advance(restore.time)
      this.rng.setState(restore.rng)
      this.uids.setState(restore.uid)
    } else {
      // The API server creates the system namespaces on start (REFERENCE 2.4).
      for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
        this.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { actor: 'kube-apiserver' })
      // The API server keeps the `kubernetes` Service (10.96.0.1); kubeadm installs kube-dns (10.96.0.10).
      ensureKubernetesService(this.api)
      this.api.create('services', kubeDnsService(), { actor: 'kubeadm' })
      this.api.create('deployments', coreDnsDeployment(), { actor: 'kubeadm' })
    }

    this.scheduler = new Scheduler(this.ctx)
    this.controllers = [
      new ReplicaSetController(this.ctx),
      new ReplicaSetController(this.ctx, rcAdapter),
      new DeploymentController(this.ctx),
      new GarbageCollector(this.ctx),
      new NamespaceController(this.ctx),
      new NodeLifecycleController(this.ctx),
      new TaintEvictionController(this.ctx),
      new EndpointsController(this.ctx),
      new EndpointSliceController(this.ctx),
      new EndpointSliceMirroringController(this.ctx),
      new ServiceLBController(this.ctx),
    ]
    for (let i = 1; i <= this.options.nodes; i++) {
      const cfg: NodeConfig = {
        name: `node-${i}`,
        ip: nodeIP(i),
        podCIDR: nodePodCIDR(i),
        cpu: this.options.nodeCpu,
        memory: this.options.nodeMemory,
        pods: '110',
      }
      this.kubelets.set(cfg.name, new Kubelet(this.ctx, cfg))
      this.proxies.set(cfg.name, new KubeProxy(this.ctx, { nodeName: cfg.name, nodeIP: cfg.ip, podCIDR: cfg.podCIDR, mode: this.options.proxyMode, config: { ipvsScheduler: this.options.ipvsScheduler } }))
    }
    this.dataplane = new Dataplane(this)
    const startAll = () => {
      for (const c of this.controllers) c.start()
      this.scheduler.start()
      for (const k of this.kubelets.values()) k.start()
      for (const kp of this.proxies.values()) kp.start()
      this.dataplane.start()
    }
    if (restore) {
      // The restored state is exactly the snapshot's until time moves; then the components
      // restart and re-list, as a control plane does after a restart.
      this.clock.after(0, startAll, { label: 'control plane restart' })
    } else {
      startAll()
      this.settle(60_000)
    }
  }

  /** Run a kubectl command line, exactly as kubectl would print it. `stdin` feeds `-f -`. */
  kubectl(line: string, stdin?: string): KubectlResult {
    try {
      return runKubectl(this, line, stdin)
    } catch (e) {
      // Nothing a user types may throw out of the engine.
      return { code: 1, stdout: '', stderr: `error: internal error: ${(e as Error).message}\n` }
    }
  }

  /**
   * A shell on a node, or on `external` (a host outside the cluster): `iptables-save`,
   * `ipvsadm -Ln`, `ip addr`, `curl http://172.18.0.2:30080/`, … Never throws.
   */
  exec(host: string, command: string): ExecResult {
    try {
      return execOnNode(this.dataplane, host, command)
    } catch (e) {
      return { code: 1, stdout: '', stderr: `error: internal error: ${(e as Error).message}\n` }
    }
  }

  /**
   * Send a request and follow it hop by hop through the rules the nodes hold; without an
   * argument, the last request traced (every curl in a shell is traced too).
   *
   * @example c.trace({ from: 'pod', namespace: 'default', pod: 'client', url: 'http://web' })
   */
  trace(req?: TraceRequest): TraceResult | undefined {
    return req ? this.dataplane.trace(req) : this.dataplane.lastTrace()
  }

  /** Switch kube-proxy's mode, cluster-wide or on one node (kube-proxy restarts and cleans up). */
  setProxyMode(mode: 'iptables' | 'ipvs' | 'userspace', node?: string): void {
    for (const [n, kp] of this.proxies) if (!node || n === node) kp.setMode(mode)
  }

  /** Every node's kube-proxy: mode, running, last sync, rule counts. */
  proxyStatus(): KubeProxyStatus[] {
    return [...this.proxies.values()].map((kp) => kp.status())
  }

  /** kubectl's `pods/log` hook: a container's log lines from its node's kubelet. */
  logs(namespace: string, pod: string, container: string, opts: { previous: boolean }): PodLogLine[] {
    const p = this.api.peek('pods', namespace, pod)
    const kubelet = p?.spec?.nodeName ? this.kubelets.get(p.spec.nodeName) : undefined
    if (!p || !kubelet) throw new ApiError(400, 'BadRequest', `pod ${pod} does not have a host assigned`)
    const r = kubelet.logs(p as Pod, container, opts)
    if ('error' in r) throw new ApiError(400, 'BadRequest', r.error)
    return r.lines.map((l) => ({ at: l.at, text: l.text, stream: l.stream }))
  }

  /** kubectl's `pods/exec` hook. */
  execInPod(namespace: string, pod: string, container: string, argv: string[]): ExecResult {
    return execInPodArgv(this.dataplane, namespace, pod, container, argv)
  }

  /** Move virtual time forward; all work due on the way runs, in order. */
  advance(ms: number): void {
    this.clock.advance(ms)
  }

  /** Advance until nothing but background work (heartbeats, probes) is left, or `maxMs`. Returns the virtual time. */
  settle(maxMs?: number): number {
    return this.clock.settle(maxMs)
  }

  now(): number {
    return this.clock.now()
  }

  /** The scheduler's last decision for a pod (per-node filter results and scores). */
  schedulingDecision(namespace: string, name: string): ScheduleRecord | undefined {
    const pod = this.api.peek('pods', namespace, name)
    return pod ? this.scheduler.lastDecision(pod.metadata.uid as string) : undefined
  }

  /** The kubelet's record of a pod's life: init containers, hooks, probe results, restarts, termination. */
  podLifecycle(namespace: string, name: string): readonly LifecycleRecord[] {
    const pod = this.api.peek('pods', namespace, name)
    const node = pod?.spec?.nodeName as string | undefined
    return pod && node ? (this.kubelets.get(node)?.podLifecycle(pod.metadata.uid as string) ?? []) : []
  }

  /** Store events after a revision (what changed), for the worker's diffs. */
  changesSince(revision: number): StoreEvent[] {
    return this.etcd.eventsSince(revision)
  }

  recordsSince(seq: number): EngineRecord[] {
    return this.records.since(seq)
  }

  /** A hash of the whole stored state: equal hashes ⇔ identical clusters. */
  stateHash(): string {
    return stateHash(this.etcd.dump(), this.clock.now())
  }

  snapshot(): ClusterSnapshot {
    return structuredClone({
      version: 1 as const,
      options: this.options,
      time: this.clock.now(),
      rng: this.rng.getState(),
      uid: this.uids.state(),
      etcd: this.etcd.dump(),
    })
  }
}

/**
 * Create a simulated cluster: 3 worker nodes `node-1..3` (4 CPU, 8Gi), namespaces
 * `default`, `kube-system`, `kube-public`, `kube-node-lease`, and the control plane.
 * It returns once the nodes are Ready.
 *
 * @example
 *   const c = createCluster({ seed: 1 })
 *   c.kubectl('apply -f -', rsYaml)
 *   c.settle()
 *   console.log(c.kubectl('get pods -o wide').stdout)
 */
export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options)
}

/**
 * Rebuild a cluster from a snapshot. Stored objects, time and randomness are restored
 * exactly; components restart and re-list, as a real control plane does after a restart.
 */
export function restoreCluster(snap: ClusterSnapshot): Cluster {
  return new Cluster(snap.options, structuredClone(snap))
}
