import type { ScheduledTask } from '../clock'
import type { EngineContext } from '../context'
import type { Container, Pod } from '../api/types'
import { imageTag } from '../api/kinds/pod-spec'
import type { ContainerRuntime, PullHandle } from './containers'
import type { StatusManager } from './status-manager'
import type { Backoff } from './backoff'
import { type KubeletTimings, jitter, stageDelay } from './stages'
import { imageFacts, type ImageFacts } from './image-model'
import { generatePodStatus, type WaitingReason } from './pod-status'
import { goDuration } from './go-duration'

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
  readonly runtime: ContainerRuntime
  readonly statuses: StatusManager
  readonly timings: KubeletTimings
  readonly imageBackoff: Backoff
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void
  lifecycle(pod: Pod, rec: Omit<LifecycleRecord, 'at'>): void
  /** The pod is gone and its runtime state removed: drop the worker. */
  finished(uid: string): void
}

const isTerminal = (phase: string | undefined) => phase === 'Succeeded' || phase === 'Failed'

/** `minimumGracePeriodInSeconds` in `killContainer`. */
const MIN_GRACE_S = 2

/** The key a failed sandbox takes in `failedThisRound` (no container has an empty name). */
const SANDBOX = ''

/**
 * The per-pod worker (`pkg/kubelet/pod_workers.go` + `syncPod`): one operation at a time,
 * each a stage on the virtual clock (`stages.ts`) — sandbox, then per container in spec order
 * image → create → start — and after every step it looks again at what the pod needs, the
 * way `computePodActions` does. Deletion interrupts whatever is in flight and terminates.
 *
 * Next issue (slots): init containers before the regular ones, postStart/preStop hooks,
 * probes, restarts with CrashLoopBackOff. They belong in `sync` (what to do next) and in
 * `pod-status.ts` (how it looks), as new stages.
 */
export class PodWorker {
  private op?: { name: string; task?: ScheduledTask; pull?: PullHandle }
  private pendingSync?: ScheduledTask
  private resyncTask?: ScheduledTask
  /** The kubelet's reason cache: why a container could not start (ErrImagePull, …). */
  private waiting = new Map<string, WaitingReason>()
  /** Containers whose start failed in this round; retried at the next resync. */
  private failedThisRound = new Set<string>()
  private terminating?: { graceS: number }
  private deleteRequested = false
  private gone = false
  private closed = false

  constructor(
    private readonly host: WorkerHost,
    public pod: Pod,
  ) {}

  get uid(): string {
    return this.pod.metadata.uid as string
  }

  /** A newer version of the pod from the informer. */
  update(pod: Pod): void {
    this.pod = pod
    this.requestSync()
  }

  /** The pod left the API (our grace-0 delete, or a force delete): stop what runs, clean up. */
  removed(last: Pod): void {
    this.pod = last
    this.gone = true
    this.requestSync()
  }

  /** PLEG: a container exited on its own or after a stop. */
  containerDied(name: string): void {
    const c = this.host.runtime.pod(this.uid)?.containers.get(name)
    this.log('Exited', name, c ? `exit code ${c.exitCode} (${c.reason})` : undefined)
    this.requestSync()
  }

  /** The kubelet stops: drop in-flight work. The runtime keeps running containers. */
  halt(): void {
    this.closed = true
    this.cancelOp()
    this.host.ctx.clock.cancel(this.pendingSync)
    this.host.ctx.clock.cancel(this.resyncTask)
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
    if (this.gone || this.pod.metadata.deletionTimestamp) return this.syncTerminating()
    if (this.op) return // the running step calls sync when it ends
    const rp = this.host.runtime.pod(this.uid)
    if (isTerminal(this.host.statuses.latest(this.pod).status?.phase)) return this.syncTerminal()
    if (!rp?.sandbox) {
      if (this.failedThisRound.has(SANDBOX)) return this.scheduleResync()
      return this.startSandbox()
    }
    // TODO(next issue): init containers run first, one at a time, each to exit 0.
    for (const c of this.pod.spec.containers) {
      // TODO(next issue): an exited container restarts per restartPolicy, with CrashLoopBackOff.
      if (rp.containers.has(c.name) || this.failedThisRound.has(c.name)) continue
      if (this.ensureImage(c)) return
    }
    const stored = this.writeStatus(false)
    if (isTerminal(stored?.status?.phase)) this.requestSync()
    if (this.failedThisRound.size) this.scheduleResync()
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
      this.failedThisRound.clear()
      this.sync()
    }, { label: `kubelet resync ${this.key()}`, background: true })
  }

  /** Sandbox first: the pod gets its network namespace and IP (PodReadyToStartContainers). */
  private startSandbox(): void {
    // The first status the kubelet posts: Pending, containers ContainerCreating, hostIP, startTime.
    this.writeStatus(false)
    this.log('SandboxCreating')
    this.step('sandbox', stageDelay(this.host.timings.sandbox, this.host.ctx.rng), () => {
      const sb = this.host.runtime.runSandbox(this.uid, this.pod.metadata)
      if (!sb) {
        const range = this.host.runtime.ips.rangeText()
        this.host.event(this.pod, 'Warning', 'FailedCreatePodSandBox',
          `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${range}`)
        this.failedThisRound.add(SANDBOX)
        return this.sync()
      }
      this.log('SandboxReady', undefined, `IP ${sb.ip}`)
      this.writeStatus(false)
      this.sync()
    })
  }

  /**
   * `EnsureImageExists` (`pkg/kubelet/images/image_manager.go`): use a present image, pull,
   * or refuse while backing off. True when a step started.
   */
  private ensureImage(c: Container): boolean {
    const { runtime, ctx, imageBackoff } = this.host
    const policy = c.imagePullPolicy ?? (imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent')
    const present = runtime.hasImage(c.image)
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        this.host.event(this.pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`)
        this.log('ImagePresent', c.name, c.image)
        this.createContainer(c, imageFacts(c.image))
        return true
      }
      const msg = `Container image "${c.image}" is not present with pull policy of Never`
      this.host.event(this.pod, 'Warning', 'ErrImageNeverPull', msg)
      this.failStart(c, 'ErrImageNeverPull', msg)
      return false
    }
    const key = `${this.uid}_${c.image}`
    if (imageBackoff.isInBackOffSinceUpdate(key, ctx.clock.now())) {
      const msg = `Back-off pulling image "${c.image}"`
      this.host.event(this.pod, 'Normal', 'BackOff', msg)
      this.log('ImagePullBackOff', c.name, goDuration(imageBackoff.get(key)))
      this.failStart(c, 'ImagePullBackOff', msg)
      return false
    }
    this.host.event(this.pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`)
    this.log('Pulling', c.name, c.image)
    const pull = runtime.pullImage(c.image, (r) => {
      this.op = undefined
      if (r.ok) {
        const msg = `Successfully pulled image "${c.image}" in ${goDuration(r.pullMs)} (${goDuration(r.totalMs)} including waiting). Image size: ${r.facts.sizeBytes} bytes.`
        this.host.event(this.pod, 'Normal', 'Pulled', msg)
        this.log('Pulled', c.name, `${goDuration(r.pullMs)}, ${r.facts.sizeBytes} bytes`)
        return this.createContainer(c, r.facts)
      }
      this.host.event(this.pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${r.error}`)
      imageBackoff.next(key, ctx.clock.now())
      this.log('PullFailed', c.name, r.error)
      this.failStart(c, 'ErrImagePull', r.error)
      this.writeStatus(false)
      this.sync()
    })
    this.op = { name: 'pull', pull }
    return true
  }

  /** `startContainer` failed before creating anything: the reason shows as the container's waiting state. */
  private failStart(c: Container, reason: string, message: string | undefined): void {
    this.waiting.set(c.name, { reason, message })
    this.host.event(this.pod, 'Warning', 'Failed', `Error: ${reason}`)
    this.failedThisRound.add(c.name)
  }

  private createContainer(c: Container, facts: ImageFacts): void {
    const { runtime, timings, ctx } = this.host
    this.step('create', stageDelay(timings.create, ctx.rng), () => {
      runtime.createContainer(this.uid, c, facts)
      this.host.event(this.pod, 'Normal', 'Created', `Created container: ${c.name}`)
      this.log('Created', c.name)
      this.step('start', stageDelay(timings.start, ctx.rng), () => {
        runtime.startContainer(this.uid, c.name)
        this.waiting.delete(c.name)
        this.host.event(this.pod, 'Normal', 'Started', `Started container ${c.name}`)
        this.log('Started', c.name)
        this.writeStatus(false)
        this.sync()
      })
    })
  }

  /** A pod that finished on its own (Succeeded/Failed): its sandbox goes, its IP is freed; the status stays. */
  private syncTerminal(): void {
    const rp = this.host.runtime.pod(this.uid)
    if (!rp?.sandbox || [...rp.containers.values()].some((c) => c.state !== 'exited')) return
    this.step('sandboxStop', stageDelay(this.host.timings.sandboxStop, this.host.ctx.rng), () => {
      this.host.runtime.stopSandbox(this.uid)
      this.log('SandboxStopped')
      this.writeStatus(false)
    })
  }

  /**
   * Graceful termination (REFERENCE 6.6): `Killing` per running container, SIGTERM, SIGKILL at
   * the end of the grace period (at least 2 s, `minimumGracePeriodInSeconds`), then the sandbox,
   * then the terminal status, then the kubelet's grace-0 delete. A pod already gone from the API
   * (force delete) is only stopped and cleaned up.
   */
  private syncTerminating(): void {
    const { runtime, ctx, timings } = this.host
    // A force-deleted pod is gone with grace 0; otherwise the deletion's grace, else the spec's.
    const meta = this.pod.metadata
    const requested = this.gone ? meta.deletionGracePeriodSeconds ?? 0 : meta.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30
    const graceS = Math.max(MIN_GRACE_S, requested)
    if (!this.terminating) {
      this.cancelOp()
      ctx.clock.cancel(this.resyncTask)
      this.terminating = { graceS }
      this.log('Terminating', undefined, `grace period ${graceS}s`)
    } else if (this.op) return
    const shorter = graceS < this.terminating.graceS
    if (shorter) this.terminating.graceS = graceS
    const rp = runtime.pod(this.uid)
    for (const c of this.pod.spec.containers) {
      const rc = rp?.containers.get(c.name)
      if (!rc || rc.state === 'exited' || (rc.stopping && !shorter)) continue
      if (!rc.stopping) {
        this.host.event(this.pod, 'Normal', 'Killing', `Stopping container ${c.name}`)
        this.log('Killing', c.name, `SIGTERM, SIGKILL after ${graceS}s`)
      }
      runtime.stopContainer(this.uid, c.name, this.terminating.graceS * 1000)
    }
    if (rp && [...rp.containers.values()].some((c) => c.state !== 'exited')) return // ContainerDied brings us back
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
    this.host.statuses.deletePod(this.host.statuses.latest(this.pod))
  }

  // ---- helpers -----------------------------------------------------------------------

  private writeStatus(podIsTerminal: boolean): Pod | undefined {
    const { ctx, statuses, runtime, hostIP } = this.host
    const pod = statuses.latest(this.pod)
    const status = generatePodStatus({ pod, hostIP, rp: runtime.pod(this.uid), waiting: this.waiting, podIsTerminal, ts: (ms) => ctx.clock.timestamp(ms) })
    return statuses.setPodStatus(pod, status)
  }

  /** Run one stage after `ms`; the worker is busy until it ends. */
  private step(name: string, ms: number, run: () => void): void {
    this.op = {
      name,
      task: this.host.ctx.clock.after(ms, () => {
        this.op = undefined
        if (!this.closed) run()
      }, { label: `kubelet ${name} ${this.key()}` }),
    }
  }

  private cancelOp(): void {
    if (!this.op) return
    this.host.ctx.clock.cancel(this.op.task)
    this.op.pull?.cancel()
    this.op = undefined
  }

  private log(stage: string, container?: string, detail?: string): void {
    this.host.lifecycle(this.pod, { stage, ...(container ? { container } : {}), ...(detail ? { detail } : {}) })
  }

  private key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`
  }
}
