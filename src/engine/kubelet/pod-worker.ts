import type { ScheduledTask } from '../clock'
import type { EngineContext } from '../context'
import type { Container, Pod } from '../api/types'
import type { ContainerRuntime, PullHandle, PullResult } from './containers'
import type { StatusManager } from './status-manager'
import type { Backoff } from './backoff'
import { type KubeletTimings, jitter, stageDelay } from './stages'
import { generatePodStatus, type WaitingReason } from './pod-status'
import { computePodActions, planSteps, type KillReason, type Step } from './pod-actions'
import { startContainer, type StartOps } from './container-start'
import { type KillHost, terminationGracePeriod } from './container-kill'
import { PodKills } from './pod-kills'
import { PodProber, type ProbeOverride, type ProbeType, type ProberHost } from './prober'
import type { ProbeTarget } from './probe-handlers'
import { workerProberHost } from './pod-probes'
import { isRestartableInitContainer } from './phase'
import { NODE_INFO } from './node-status'

/** One step of a pod's life on the node, for the UI's timeline ("why is it still ContainerCreating?"). */
export interface LifecycleRecord {
  at: number
  stage: string
  container?: string
  detail?: string
}

/** What a pod worker needs from its kubelet. */
export interface WorkerHost {
  readonly ctx: EngineContext
  readonly hostIP: string
  readonly nodeName: string
  readonly runtime: ContainerRuntime
  readonly statuses: StatusManager
  readonly timings: KubeletTimings
  readonly imageBackoff: Backoff
  /** CrashLoopBackOff: 10 s doubling to 300 s, per pod and container (REFERENCE 6.5). */
  readonly containerBackoff: Backoff
  /** When the kubelet was restarted (undefined on its first start): probe workers created soon after begin with jitter. */
  readonly restartedAt: number | undefined
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void
  /** `quiet`: timeline only, not the engine's record log (probe successes). */
  lifecycle(pod: Pod, rec: Omit<LifecycleRecord, 'at'>, quiet?: boolean): void
  /** The pod is gone and its runtime state removed: drop the worker. */
  finished(uid: string): void
  probeOverride(uid: string, container: string, type: ProbeType): ProbeOverride | undefined
}

const isTerminal = (phase: string | undefined) => phase === 'Succeeded' || phase === 'Failed'

/**
 * The per-pod worker (`pkg/kubelet/pod_workers.go` + `SyncPod`). A sync writes the status,
 * asks `computePodActions` what to do and runs the answer as a plan of steps on the virtual
 * clock — sandbox; kills (liveness/startup failures: preStop, SIGTERM, SIGKILL); init
 * containers one at a time; regular containers in spec order, each back-off check → image →
 * create → start → postStart (`container-start.ts`). Anything that happens meanwhile (a
 * container exits, a probe result changes) asks for another sync when the plan is done.
 * Deletion interrupts and terminates: every container killed with the pod's grace period,
 * sidecars after the regular containers, then the sandbox, the terminal status and the
 * kubelet's grace-0 delete. Only spec/metadata changes of the pod trigger a sync (the kubelet
 * ignores status-only updates, its own included).
 */
export class PodWorker implements StartOps, KillHost {
  readonly reasons = new Map<string, WaitingReason>()
  readonly frozen = new Set<string>()
  private op?: { name: string; task?: ScheduledTask; pull?: PullHandle }
  private plan?: Step[]
  private planFailed = false
  /** A container started in this plan: PLEG's ContainerStarted brings another sync (the next init container after a sidecar). */
  private startedInPlan = false
  private resyncWanted = false
  private pendingSync?: ScheduledTask
  private resyncTask?: ScheduledTask
  private retryTask?: ScheduledTask
  private kills = new PodKills(this, () => this.requestSync())
  private prober?: PodProber
  private terminating = false
  private deleteRequested = false
  private gone = false
  private closed = false
  private synced = false

  constructor(
    readonly host: WorkerHost,
    private current: Pod,
  ) {}

  get uid(): string {
    return this.current.metadata.uid as string
  }

  /** The newest version of the pod we know (the informer's, or the one our last status write returned). */
  pod(): Pod {
    return this.host.statuses.latest(this.current)
  }

  /** A newer version of the pod from the informer; a status-only change does not trigger a sync. */
  update(pod: Pod): void {
    const prev = this.current
    this.current = pod
    if (!this.synced || semanticChange(prev, pod)) this.requestSync()
  }

  /** The pod left the API (our grace-0 delete, or a force delete): stop what runs, clean up. */
  removed(last: Pod): void {
    this.current = last
    this.gone = true
    this.requestSync()
  }

  /** PLEG: a container exited on its own or after a stop. */
  containerDied(name: string): void {
    const c = this.host.runtime.pod(this.uid)?.containers.get(name)
    this.log('Exited', name, c ? `exit code ${c.exitCode} (${c.reason})` : undefined)
    this.kills.exited(name)
    this.requestSync()
  }

  /** The kubelet stops: drop in-flight work. The runtime keeps running containers. */
  halt(): void {
    this.closed = true
    this.cancelOp()
    const { clock } = this.host.ctx
    for (const t of [this.pendingSync, this.resyncTask, this.retryTask]) clock.cancel(t)
    this.kills.cancel()
    this.prober?.stop()
  }

  requestSync(): void {
    if (this.closed || (this.pendingSync && !this.pendingSync.cancelled)) return
    const { ctx, timings } = this.host
    this.pendingSync = ctx.clock.after(stageDelay(timings.sync, ctx.rng), () => {
      this.pendingSync = undefined
      this.sync()
    }, { label: `kubelet syncPod ${this.key()}` })
  }

  // ---- the sync loop -----------------------------------------------------------------

  private sync(): void {
    if (this.closed) return
    this.synced = true
    if (this.gone || this.current.metadata.deletionTimestamp) return this.syncTerminating()
    if (this.op || this.plan) {
      this.resyncWanted = true
      return
    }
    this.prober ??= new PodProber(this.proberHost, this.current, this.host.restartedAt)
    this.writeStatus(false)
    if (isTerminal(this.pod().status?.phase)) return this.syncTerminal()
    const rp = this.host.runtime.pod(this.uid)
    const actions = computePodActions({
      pod: this.pod(),
      rp,
      liveness: (id) => this.prober?.result('liveness', id),
      startup: (id) => this.prober?.result('startup', id),
    })
    this.plan = planSteps(actions, rp)
    this.planFailed = false
    this.startedInPlan = false
    this.runPlan()
  }

  private runPlan(): void {
    while (this.plan && !this.closed && !this.op) {
      const s = this.plan.shift()
      if (!s) {
        this.plan = undefined
        return this.planDone()
      }
      if (this.runStep(s)) return // an asynchronous step calls runPlan when it ends
    }
  }

  /** Run one step; true when it continues asynchronously. */
  private runStep(s: Step): boolean {
    if (s.k === 'sandbox') return this.startSandbox()
    if (s.k === 'kill') {
      const c = this.spec(s.name)
      if (!c) return false
      let sync = true
      let finished = false
      this.kill(c, s.message, s.reason, () => {
        finished = true
        if (!sync) this.runPlan()
      })
      sync = false
      return !finished
    }
    if (s.k === 'killPod') return this.killPod()
    const c = this.spec(s.name)
    if (!c) return false
    let sync = true
    let finished = false
    startContainer(this, c, s.lastExitAt, (ok) => {
      finished = true
      if (ok) {
        this.startedInPlan = true
        this.writeStatus(false)
      } else {
        this.planFailed = true
        // A regular init container that failed to start ends this sync (upstream returns).
        if (s.init && !isRestartableInitContainer(c)) this.plan = this.plan?.filter((x) => x.k !== 'start')
      }
      if (!sync) this.runPlan()
    })
    sync = false
    return !finished
  }

  private planDone(): void {
    this.writeStatus(false)
    if (this.planFailed) this.scheduleResync()
    if (this.resyncWanted || this.startedInPlan || isTerminal(this.pod().status?.phase)) {
      this.resyncWanted = false
      this.requestSync()
    }
  }

  /**
   * A failed sync is retried after `workerBackOffPeriod` (10 s, jitter factor 0.5). Background:
   * a pod stuck in ImagePullBackOff retries forever, and that must not keep `settle()` busy.
   */
  private scheduleResync(): void {
    if (this.resyncTask && !this.resyncTask.cancelled) return
    const { ctx, timings } = this.host
    this.resyncTask = ctx.clock.after(jitter(timings.podWorkerBackOffMs, timings.podWorkerBackOffJitter, ctx.rng), () => {
      this.resyncTask = undefined
      this.sync()
    }, { label: `kubelet resync ${this.key()}`, background: true })
  }

  /** Sync again when a container's back-off runs out (background: a crash loop goes on forever). */
  retryAt(at: number): void {
    if (this.retryTask && !this.retryTask.cancelled && this.retryTask.at <= at) return
    this.host.ctx.clock.cancel(this.retryTask)
    this.retryTask = this.host.ctx.clock.at(at, () => {
      this.retryTask = undefined
      this.sync()
    }, { label: `kubelet back-off ends ${this.key()}`, background: true })
  }

  /** Sandbox first: the pod gets its network namespace and IP (PodReadyToStartContainers). */
  private startSandbox(): boolean {
    this.log('SandboxCreating')
    this.step('sandbox', stageDelay(this.host.timings.sandbox, this.host.ctx.rng), () => {
      const sb = this.host.runtime.runSandbox(this.uid, this.current.metadata)
      if (!sb) {
        const range = this.host.runtime.ips.rangeText()
        this.event('Warning', 'FailedCreatePodSandBox',
          `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${range}`)
        this.planFailed = true
      } else {
        this.log('SandboxReady', undefined, `IP ${sb.ip}`)
        this.writeStatus(false)
        this.resyncWanted = true // go on with the containers at once
      }
      this.runPlan()
    })
    return true
  }

  /** `killPodWithSyncResult` for a pod that has finished: stop what still runs (sidecars). */
  private killPod(): boolean {
    const rp = this.host.runtime.pod(this.uid)
    const running = this.allContainers().filter((c) => { const s = rp?.containers.get(c.name)?.state; return s === 'running' || s === 'created' })
    if (!running.length) return false
    let left = running.length
    let sync = true
    const op = { name: 'killPod' }
    this.op = op
    for (const c of running) {
      this.kills.start(c, terminationGracePeriod(this.pod(), c, 'Unknown'), undefined, () => {
        if (--left > 0 || this.op !== op || this.closed) return
        this.op = undefined
        if (!sync) this.runPlan()
      })
    }
    sync = false
    return this.op === op
  }

  /** A pod that finished on its own (Succeeded/Failed): its sandbox goes, its IP is freed; the status stays. */
  private syncTerminal(): void {
    this.prober?.stop()
    const rp = this.host.runtime.pod(this.uid)
    if (!rp?.sandbox || [...rp.containers.values()].some((c) => c.state !== 'exited')) return
    this.step('sandboxStop', stageDelay(this.host.timings.sandboxStop, this.host.ctx.rng), () => {
      this.host.runtime.stopSandbox(this.uid)
      this.log('SandboxStopped')
      this.writeStatus(true)
    })
  }

  // ---- termination -------------------------------------------------------------------

  /**
   * Graceful termination (REFERENCE 6.6): `Killing` + preStop + SIGTERM/SIGKILL per container
   * (`container-kill.ts`), regular containers first and sidecars once those have exited (or the
   * grace period is over), then the sandbox, the terminal status and the grace-0 delete. A pod
   * already gone from the API (force delete) is only stopped and cleaned up.
   */
  private syncTerminating(): void {
    const { runtime, ctx, timings } = this.host
    const meta = this.current.metadata
    const graceS = this.gone ? (meta.deletionGracePeriodSeconds ?? 0) : (meta.deletionGracePeriodSeconds ?? this.current.spec.terminationGracePeriodSeconds ?? 30)
    if (!this.terminating) {
      if (this.op?.name !== 'sandboxStop') this.cancelOp()
      for (const t of [this.resyncTask, this.retryTask]) ctx.clock.cancel(t)
      this.plan = undefined
      this.frozen.clear()
      this.terminating = true
      this.log('Terminating', undefined, `grace period ${graceS}s`)
    }
    if (!this.kills.terminate(this.current, graceS) || this.op) return // ContainerDied brings us back
    this.prober?.stop()
    const rp = runtime.pod(this.uid)
    if (rp?.sandbox) {
      this.step('sandboxStop', stageDelay(timings.sandboxStop, ctx.rng), () => {
        runtime.stopSandbox(this.uid)
        this.log('SandboxStopped')
        this.sync()
      })
      return
    }
    if (this.gone) {
      runtime.removePod(this.uid)
      this.log('Removed')
      this.closed = true
      this.host.finished(this.uid)
      return
    }
    if (this.deleteRequested) return
    this.writeStatus(true)
    this.deleteRequested = true
    this.log('Deleting', undefined, 'grace period 0')
    this.host.statuses.deletePod(this.pod())
  }

  // ---- StartOps / KillHost -----------------------------------------------------------

  /** Kill one container as a plan step (the sync waits for it; a deletion takes over). */
  kill(c: Container, message: string, reason: KillReason, done: () => void): void {
    const op = { name: 'kill' }
    this.op = op
    this.kills.start(c, terminationGracePeriod(this.pod(), c, reason), message, () => {
      if (this.op !== op || this.closed) return
      this.op = undefined
      done()
    })
  }

  /** Run one stage after `ms` (Infinity: until interrupted); the worker is busy until it ends. */
  step(name: string, ms: number, run: () => void): void {
    const task =
      ms === Infinity
        ? undefined
        : this.host.ctx.clock.after(ms, () => {
            this.op = undefined
            if (!this.closed) run()
          }, { label: `kubelet ${name} ${this.key()}` })
    this.op = { name, task }
  }

  /** Pull an image as the worker's current operation (a deletion cancels it). */
  pull(image: string, onDone: (r: PullResult) => void): void {
    const op: { name: string; pull?: PullHandle } = { name: 'pull' }
    this.op = op
    op.pull = this.host.runtime.pullImage(image, (r) => {
      if (this.op === op) this.op = undefined
      onDone(r)
    })
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.host.event(this.pod(), type, reason, message)
  }

  log(stage: string, container?: string, detail?: string, quiet = false): void {
    this.host.lifecycle(this.current, { stage, ...(container ? { container } : {}), ...(detail ? { detail } : {}) }, quiet)
  }

  writeStatus(podIsTerminal = false): Pod | undefined {
    const { ctx, statuses, runtime, hostIP } = this.host
    const pod = statuses.latest(this.current)
    const prober = this.prober
    const status = generatePodStatus({
      pod,
      hostIP,
      rp: runtime.pod(this.uid),
      waiting: this.reasons,
      probes: prober && { started: (n, id) => prober.started(n, id), ready: (n, id) => prober.ready(n, id) },
      frozen: this.frozen,
      podIsTerminal,
      ts: (ms) => ctx.clock.timestamp(ms),
    })
    return statuses.setPodStatus(pod, status)
  }

  target(): ProbeTarget | undefined {
    const { runtime } = this.host
    const ip = runtime.pod(this.uid)?.sandbox?.ip
    if (!ip) return undefined
    const version = /^v(\d+\.\d+)/.exec(NODE_INFO.kubeletVersion)?.[1] ?? ''
    return { runtime, uid: this.uid, podIP: ip, sourceIP: runtime.ips.gateway(), userAgent: `kube-probe/${version}` }
  }

  get ctx(): EngineContext {
    return this.host.ctx
  }

  get runtime(): ContainerRuntime {
    return this.host.runtime
  }

  private readonly proberHost: ProberHost = workerProberHost(this)

  // ---- helpers -----------------------------------------------------------------------

  private spec(name: string): Container | undefined {
    return this.allContainers().find((c) => c.name === name)
  }

  private allContainers(): Container[] {
    return [...(this.current.spec.initContainers ?? []), ...this.current.spec.containers]
  }

  private cancelOp(): void {
    if (!this.op) return
    this.host.ctx.clock.cancel(this.op.task)
    this.op.pull?.cancel()
    this.op = undefined
    this.frozen.clear()
  }

  private key(): string {
    return `${this.current.metadata.namespace}/${this.current.metadata.name}`
  }
}

/** `checkAndUpdatePod`: only these changes make the kubelet sync a pod again. */
function semanticChange(a: Pod, b: Pod): boolean {
  const pick = (p: Pod) =>
    JSON.stringify([p.spec, p.metadata.labels, p.metadata.annotations, p.metadata.deletionTimestamp, p.metadata.deletionGracePeriodSeconds])
  return pick(a) !== pick(b)
}
