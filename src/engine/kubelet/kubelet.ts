import type { Component, EngineContext } from '../context'
import type { ScheduledTask } from '../clock'
import type { KObject, Node, Pod } from '../api/types'
import { deepCopy, objectKey } from '../api/types'
import { ApiError } from '../apiserver/errors'
import { Informer } from '../runtime/informer'
import type { EventSource } from '../runtime/events'
import { ContainerRuntime } from './containers'
import { StatusManager } from './status-manager'
import { Backoff } from './backoff'
import { DEFAULT_TIMINGS, type KubeletTimings, stageDelay } from './stages'
import { PodWorker, type LifecycleRecord, type WorkerHost } from './pod-worker'
import { initialNode, nodeRef, setNodeStatus } from './node-status'
import type { ProbeOverride, ProbeType } from './prober'
import { containerVars } from './container-start'
import { containerLogs, type LogsResult } from './container-logs-api'
import type { ExecResult } from './container-process'

/** One worker node, as `cluster.ts` describes it. */
export interface NodeConfig {
  name: string
  /** The node's InternalIP. */
  ip: string
  /** The node's pod range, e.g. `10.244.1.0/24`: pods get `.2` upwards, `.1` is the bridge. */
  podCIDR: string
  cpu: string
  memory: string
  /** `maxPods`, normally `110`. */
  pods: string
}

/** Image pull back-off: 10 s doubling to 300 s (kubelet `backOffPeriod`, `MaxContainerBackOff`). */
const IMAGE_BACKOFF = { initialMs: 10_000, maxMs: 300_000 } as const
/**
 * Container restart back-off (CrashLoopBackOff): 10 s (`containerBackOffPeriod`) doubling to
 * 300 s (`MaxContainerBackOff`), reset after 600 s without a failure (REFERENCE 6.5).
 */
export const CONTAINER_BACKOFF = { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 } as const
/** `nodeStatusUpdateRetry`. */
const NODE_STATUS_RETRIES = 5
/** Lifecycle history kept for pods that are gone (for the UI's timeline). */
const FINISHED_LOGS_KEPT = 500
/** Lifecycle records kept per pod (probe runs every few seconds would grow it forever). */
const RECORDS_PER_POD = 1000

/**
 * The kubelet of one node. It registers its Node and posts a heartbeat every 10 s
 * (`nodeStatusUpdateFrequency`), and runs the pods bound to it (REFERENCE 6, 7): sandbox and
 * IP, image pulls, init containers one at a time, sidecars, postStart/preStop hooks, startup/
 * liveness/readiness probes, restarts with CrashLoopBackOff, status and graceful termination.
 * The pieces: `pod-worker.ts` (the sync loop), `pod-actions.ts` (what a sync must do),
 * `container-start.ts` / `container-kill.ts` / `pod-kills.ts` (starting and stopping),
 * `prober.ts` (probes), `pod-status.ts` (the API status), `containers.ts` (the simulated
 * runtime, whose processes are modelled in `container-behaviour.ts`).
 *
 * Its pods' containers live in the node's runtime, which outlives the kubelet: `stop()` (the
 * fault "the kubelet stops") ends heartbeats, probes and pod work but nothing is faked — pods
 * keep their last status until the node lifecycle controller notices. `logs`/`exec` serve
 * `kubectl logs`/`exec`; `crashContainer`, `setProbeOverride`, `slowImagePulls` are the
 * node-level faults `faults.ts` uses.
 *
 * @example
 *   const k = new Kubelet(ctx, { name: 'node-1', ip: '172.18.0.2', podCIDR: '10.244.1.0/24', cpu: '4', memory: '8Gi', pods: '110' })
 *   k.start()   // registers node-1; pods with spec.nodeName=node-1 start running
 */
export class Kubelet implements Component {
  readonly name: string
  readonly actor: string
  readonly source: EventSource
  readonly runtime: ContainerRuntime
  private timings: KubeletTimings = structuredClone(DEFAULT_TIMINGS)
  private statuses: StatusManager
  private imageBackoff = new Backoff(IMAGE_BACKOFF.initialMs, IMAGE_BACKOFF.maxMs)
  private containerBackoff = new Backoff(CONTAINER_BACKOFF.initialMs, CONTAINER_BACKOFF.maxMs, CONTAINER_BACKOFF.resetMs)
  /** Fault injection: probe results forced per pod uid, container and probe type. */
  private probeOverrides = new Map<string, ProbeOverride>()
  private restartedAt: number | undefined
  private everStarted = false
  private informer?: Informer
  private workers = new Map<string, PodWorker>()
  private timeline = new Map<string, LifecycleRecord[]>()
  private finishedLogs: string[] = []
  private heartbeat?: ScheduledTask
  private readyTask?: ScheduledTask
  private runtimeReady = false
  private isRunning = false

  constructor(
    private readonly ctx: EngineContext,
    readonly cfg: NodeConfig,
  ) {
    this.name = `kubelet/${cfg.name}`
    this.actor = `kubelet/${cfg.name}`
    this.source = { component: 'kubelet', host: cfg.name }
    this.runtime = new ContainerRuntime(ctx.clock, ctx.rng, cfg.name, cfg.podCIDR)
    this.statuses = new StatusManager(ctx, this.actor)
  }

  running(): boolean {
    return this.isRunning
  }

  /** Slow down or speed up a stage (kwok-style), e.g. `configure({ sandbox: { baseMs: 5000, jitterMs: 0 } })`. */
  configure(timings: Partial<KubeletTimings>): void {
    this.timings = { ...this.timings, ...structuredClone(timings) }
  }

  /** The timeline of a pod on this node: every stage with its virtual time. */
  podLifecycle(uid: string): readonly LifecycleRecord[] {
    return this.timeline.get(uid) ?? []
  }

  /** Pods this kubelet is working on (uids). */
  podUids(): string[] {
    return [...this.workers.keys()]
  }

  /**
   * A container's log, as `kubectl logs` gets it from the kubelet (`GetContainerLogs` with
   * `validateContainerLogStatus`'s errors, e.g. `container "web" in pod "p" is waiting to start:
   * ContainerCreating`). `previous` reads the instance before the current one.
   *
   * @example
   *   const r = kubelet.logs(pod, 'liveness', { previous: true })
   *   if ('lines' in r) for (const l of r.lines) console.log(l.text)
   */
  logs(pod: Pod, container: string, opts: { previous?: boolean } = {}): LogsResult {
    if (!this.isRunning) return { error: this.unreachable(`containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${container}`) }
    return containerLogs(this.runtime, pod, container, !!opts.previous)
  }

  /** `kubectl exec`: run a command in a running container (only its sleeps take time). */
  exec(pod: Pod, container: string, argv: string[]): ExecResult | { error: string } {
    if (!this.isRunning) return { error: this.unreachable(`exec/${pod.metadata.namespace}/${pod.metadata.name}/${container}`) }
    const r = this.runtime.exec(pod.metadata.uid as string, container, argv, 0)
    return r ?? { error: `unable to upgrade connection: container not found ("${container}")` }
  }

  /** Fault: the container's process dies now with `exitCode` (`reason` e.g. `OOMKilled`). False if it is not running. */
  crashContainer(uid: string, container: string, exitCode: number, reason?: string): boolean {
    return this.runtime.crashContainer(uid, container, exitCode, reason)
  }

  /** Fault: make a probe fail or succeed from now on (`null` lets it probe for real again). */
  setProbeOverride(uid: string, container: string, type: ProbeType, result: ProbeOverride | null): void {
    const key = `${uid}/${container}/${type}`
    if (result) this.probeOverrides.set(key, result)
    else this.probeOverrides.delete(key)
  }

  /** Fault: image pulls on this node take `factor` times as long (1 = normal). */
  slowImagePulls(factor: number): void {
    this.runtime.pullFactor = Math.max(0, factor)
  }

  /** What `kubectl` sees when the kubelet's port does not answer. */
  private unreachable(path: string): string {
    return `Get "https://${this.cfg.ip}:10250/${path}": dial tcp ${this.cfg.ip}:10250: connect: connection refused`
  }

  start(): void {
    if (this.isRunning) return
    this.isRunning = true
    // A restarted kubelet has lost its in-memory state; the runtime still has its containers.
    this.statuses.reset()
    this.imageBackoff = new Backoff(IMAGE_BACKOFF.initialMs, IMAGE_BACKOFF.maxMs)
    this.containerBackoff = new Backoff(CONTAINER_BACKOFF.initialMs, CONTAINER_BACKOFF.maxMs, CONTAINER_BACKOFF.resetMs)
    if (this.everStarted) this.restartedAt = this.ctx.clock.now()
    this.everStarted = true
    this.runtimeReady = false
    this.nodeEvent('Starting', 'Starting kubelet.')
    this.registerNode()
    this.nodeEvent('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods')
    this.runtime.onEvent = (e) => {
      if (this.isRunning) this.workers.get(e.uid)?.containerDied(e.name)
    }
    // Like a real kubelet, watch with `fieldSelector=spec.nodeName=<node>`: the API server
    // filters, so this kubelet's work is proportional to its own pods.
    const node = this.cfg.name
    const informer = new Informer(this.ctx.api, 'pods', this.actor, undefined, (o) => o.spec?.nodeName === node)
    informer.addHandlers({
      add: (o) => this.onPod(o),
      update: (_, o) => this.onPod(o),
      delete: (o) => this.onPodGone(o),
    })
    this.informer = informer
    informer.start()
    this.cleanupOrphans()
    // The runtime's first status check turns the node Ready (foreground: cluster creation waits for it).
    this.readyTask = this.ctx.clock.after(stageDelay(this.timings.runtimeReady, this.ctx.rng), () => {
      this.runtimeReady = true
      this.updateNodeStatus()
    }, { label: `${this.actor} runtime ready` })
    this.scheduleHeartbeat()
  }

  stop(): void {
    if (!this.isRunning) return
    this.isRunning = false
    this.ctx.clock.cancel(this.heartbeat)
    this.ctx.clock.cancel(this.readyTask)
    this.informer?.stop()
    this.informer = undefined
    for (const w of this.workers.values()) w.halt()
    this.workers.clear()
    this.runtime.onEvent = undefined
  }

  // ---- pods --------------------------------------------------------------------------

  private onPod(o: KObject): void {
    if (!this.isRunning || o.spec?.nodeName !== this.cfg.name) return
    const pod = o as Pod
    const uid = pod.metadata.uid as string
    let w = this.workers.get(uid)
    if (!w) {
      this.adopt(pod)
      w = new PodWorker(this.host, pod)
      this.workers.set(uid, w)
      this.lifecycle(pod, { stage: 'Accepted' })
    }
    w.update(pod)
  }

  private onPodGone(o: KObject): void {
    if (!this.isRunning || o.spec?.nodeName !== this.cfg.name) return
    this.workers.get(o.metadata.uid as string)?.removed(o as Pod)
  }

  /**
   * A pod that already runs according to the API but that the runtime does not know (the
   * cluster was restored from a snapshot): take its sandbox and running containers as found.
   */
  private adopt(pod: Pod): void {
    const st = pod.status
    const uid = pod.metadata.uid as string
    if (this.runtime.pod(uid) || !st?.podIP || st.phase === 'Succeeded' || st.phase === 'Failed') return
    const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers]
    const statuses = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]
    const running = all.flatMap((spec) => {
      const cs = statuses.find((s) => s.name === spec.name)
      if (!cs?.state.running) return []
      return [{
        spec,
        id: cs.containerID?.replace(/^containerd:\/\//, ''),
        startedAt: this.ctx.clock.parse(cs.state.running.startedAt),
        restartCount: cs.restartCount,
        vars: containerVars(pod, spec, st.podIP ?? '', this.cfg.name),
      }]
    })
    this.runtime.adopt(uid, pod.metadata, st.podIP, running)
  }

  /** Containers whose pod is no longer in the API (deleted while the kubelet was down): stop and remove them. */
  private cleanupOrphans(): void {
    for (const uid of this.runtime.podUids()) {
      if (this.workers.has(uid)) continue
      const rp = this.runtime.pod(uid)!
      const ghost: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { uid, name: rp.name ?? uid, namespace: rp.namespace ?? 'default' },
        // The pod spec is gone: stop whatever the runtime still runs for it.
        spec: { containers: [...rp.containers.keys()].map((name) => ({ name, image: '' })) },
      }
      const w = new PodWorker(this.host, ghost)
      this.workers.set(uid, w)
      w.removed(ghost)
    }
  }

  /** What pod workers see of their kubelet (timings and back-off are read live: `configure` and restarts replace them). */
  private readonly host: WorkerHost = (() => {
    const self = this
    return {
      get ctx() {
        return self.ctx
      },
      get hostIP() {
        return self.cfg.ip
      },
      get nodeName() {
        return self.cfg.name
      },
      get runtime() {
        return self.runtime
      },
      get statuses() {
        return self.statuses
      },
      get timings() {
        return self.timings
      },
      get imageBackoff() {
        return self.imageBackoff
      },
      get containerBackoff() {
        return self.containerBackoff
      },
      get restartedAt() {
        return self.restartedAt
      },
      event: (pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string) => self.ctx.events.record(self.source, pod, type, reason, message),
      lifecycle: (pod: Pod, rec: Omit<LifecycleRecord, 'at'>, quiet?: boolean) => self.lifecycle(pod, rec, quiet),
      finished: (uid: string) => self.finished(uid),
      probeOverride: (uid: string, container: string, type: ProbeType) => self.probeOverrides.get(`${uid}/${container}/${type}`),
    }
  })()

  private lifecycle(pod: Pod, rec: Omit<LifecycleRecord, 'at'>, quiet = false): void {
    const uid = pod.metadata.uid as string
    let log = this.timeline.get(uid)
    if (!log) this.timeline.set(uid, (log = []))
    log.push({ at: this.ctx.clock.now(), ...rec })
    if (log.length > RECORDS_PER_POD * 1.2) log.splice(0, log.length - RECORDS_PER_POD)
    if (!quiet) this.ctx.records.add({ type: 'controller', controller: this.actor, key: objectKey(pod), action: rec.stage, detail: [rec.container, rec.detail].filter(Boolean).join(': ') })
  }

  private finished(uid: string): void {
    this.workers.delete(uid)
    this.statuses.forget(uid)
    this.imageBackoff.forgetPrefix(`${uid}_`)
    this.containerBackoff.forgetPrefix(`${uid}_`)
    for (const k of [...this.probeOverrides.keys()]) if (k.startsWith(`${uid}/`)) this.probeOverrides.delete(k)
    this.finishedLogs.push(uid)
    while (this.finishedLogs.length > FINISHED_LOGS_KEPT) this.timeline.delete(this.finishedLogs.shift()!)
  }

  // ---- the node ----------------------------------------------------------------------

  /** `registerWithAPIServer`: create the Node, or adopt the existing one and post its status. */
  private registerNode(): void {
    const node = initialNode(this.cfg)
    node.status = setNodeStatus(node, this.statusContext())
    try {
      this.ctx.api.create('nodes', node, { actor: this.actor })
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'AlreadyExists') throw e
      this.updateNodeStatus()
    }
  }

  /** `tryUpdateNodeStatus`: read the node, run the setters, write `nodes/status`; retried on conflict. */
  private updateNodeStatus(): void {
    if (!this.isRunning) return
    for (let attempt = 0; attempt < NODE_STATUS_RETRIES; attempt++) {
      let node: Node
      try {
        node = this.ctx.api.get('nodes', undefined, this.cfg.name, { actor: this.actor }) as Node
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 404) throw e
        // The Node was deleted. A running kubelet does not register again (registration is
        // done once); it keeps failing until it restarts — as `kubectl delete node` shows.
        this.ctx.records.add({ type: 'controller', controller: this.actor, key: this.cfg.name, action: 'NodeStatusUpdateFailed', detail: `error getting node "${this.cfg.name}": nodes "${this.cfg.name}" not found` })
        return
      }
      const next = deepCopy(node)
      next.status = setNodeStatus(node, this.statusContext())
      try {
        this.ctx.api.update('nodes', next, { subresource: 'status', actor: this.actor })
        return
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 409) throw e
      }
    }
  }

  private statusContext() {
    return {
      id: this.cfg,
      now: this.ctx.clock.timestamp(),
      runtimeReady: this.runtimeReady,
      images: this.runtime.imageList(),
      recordEvent: (reason: string) => this.nodeEvent(reason, `Node ${this.cfg.name} status is now: ${reason}`),
    }
  }

  /** Heartbeats are background work: they go on forever and must not keep `settle()` busy. */
  private scheduleHeartbeat(): void {
    this.heartbeat = this.ctx.clock.after(this.timings.nodeStatusUpdateMs, () => {
      this.updateNodeStatus()
      if (this.isRunning) this.scheduleHeartbeat()
    }, { label: `${this.actor} node status`, background: true })
  }

  private nodeEvent(reason: string, message: string): void {
    this.ctx.events.record(this.source, nodeRef(this.cfg.name), 'Normal', reason, message)
  }
}
