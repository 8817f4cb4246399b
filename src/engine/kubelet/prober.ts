import type { ScheduledTask } from '../clock'
import type { EngineContext } from '../context'
import type { Container, Pod } from '../api/types'
import { isRestartableInitContainer } from './phase'
import { type ProbeOutcome, type ProbeSpec, type ProbeTarget, forcedOutcome, probeTiming, runProbe } from './probe-handlers'

/**
 * The probes of one pod (`pkg/kubelet/prober/{prober_manager,worker,prober}.go`): one worker
 * per container and probe type, each ticking every `periodSeconds` on the virtual clock as a
 * background task, from when the pod is added (a worker added just after the kubelet was
 * restarted first waits a random part of its period, from the seeded RNG). `doProbe` is upstream's:
 * - a new container ID resets the result to the initial one: readiness `Failure`, liveness
 *   `Success`, startup `Unknown`; a container that is not running reads `Failure`;
 * - nothing before `initialDelaySeconds` (whole seconds since the container started);
 * - liveness and readiness wait for the container to be started (startup probe passed); the
 *   startup probe stops once it has;
 * - a result flips after `failureThreshold` consecutive failures / `successThreshold` successes;
 *   a liveness or startup failure puts the worker on hold until the next container;
 * - once the pod is being deleted, liveness and startup report Success and stop;
 * - every failure records Warning `Unhealthy` `<Type> probe failed: <output>`.
 * The readiness probe also runs at once when the pod's status is generated for a started,
 * not-yet-ready container (`UpdatePodStatus`'s manual trigger).
 */

export type ProbeType = 'liveness' | 'readiness' | 'startup'
export type ProbeResult = 'Success' | 'Failure' | 'Unknown'
export type ProbeOverride = 'fail' | 'succeed'

/** A container as the status manager last reported it (what upstream's worker reads). */
export interface ContainerView {
  id: string
  running: boolean
  terminated: boolean
  /** Virtual ms the current instance started. */
  startedAt: number
  started: boolean
}

export interface ProberHost {
  readonly ctx: EngineContext
  pod(): Pod
  podTerminal(): boolean
  view(name: string): ContainerView | undefined
  target(): ProbeTarget | undefined
  override(name: string, type: ProbeType): ProbeOverride | undefined
  event(type: 'Normal' | 'Warning', reason: string, message: string): void
  record(type: ProbeType, container: string, outcome: ProbeOutcome): void
  /** A result changed (upstream's results-manager update → the kubelet syncs the pod). */
  changed(type: ProbeType, container: string, result: ProbeResult): void
}

const TYPE_NAME: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' }
const INITIAL: Record<ProbeType, ProbeResult> = { liveness: 'Success', readiness: 'Failure', startup: 'Unknown' }

interface Worker {
  container: Container
  type: ProbeType
  spec: ProbeSpec
  sidecar: boolean
  containerID?: string
  lastResult?: ProbeResult
  resultRun: number
  onHold: boolean
  tick?: ScheduledTask
  trigger?: ScheduledTask
  stopped: boolean
}

export class PodProber {
  private workers: Worker[] = []
  private results: Record<ProbeType, Map<string, ProbeResult>> = { liveness: new Map(), readiness: new Map(), startup: new Map() }

  constructor(
    private readonly host: ProberHost,
    pod: Pod,
    /**
     * When the kubelet was restarted (upstream: workers created within one period of the
     * kubelet's start wait a random part of it, so probes do not all fire at once). The
     * cluster's first start is not a restart: no jitter then.
     */
    kubeletRestartedAt: number | undefined,
  ) {
    const containers = [...(pod.spec.initContainers ?? []).filter(isRestartableInitContainer), ...pod.spec.containers]
    for (const c of containers) {
      for (const type of ['startup', 'liveness', 'readiness'] as const) {
        const spec = c[`${type}Probe`] as ProbeSpec | undefined
        if (!spec) continue
        const w: Worker = { container: c, type, spec, sidecar: isRestartableInitContainer(c), resultRun: 0, onHold: false, stopped: false }
        this.workers.push(w)
        const period = probeTiming(spec).periodMs
        const now = host.ctx.clock.now()
        const delay = kubeletRestartedAt !== undefined && period > now - kubeletRestartedAt ? Math.floor(host.ctx.rng.next() * period) : 0
        this.schedule(w, delay)
      }
    }
  }

  /** The current result for a container instance, if the worker has set one. */
  result(type: ProbeType, id: string): ProbeResult | undefined {
    return this.results[type].get(id)
  }

  /** `isContainerStarted` for a running container: the startup probe passed, or there is none. */
  started(name: string, id: string): boolean {
    const r = this.results.startup.get(id)
    if (r !== undefined) return r === 'Success'
    return !this.worker(name, 'startup')
  }

  /** Readiness of a started, running container; a pending readiness probe is run now. */
  ready(name: string, id: string): boolean {
    if (this.results.readiness.get(id) === 'Success') return true
    const w = this.worker(name, 'readiness')
    if (!w) return true
    this.triggerNow(w)
    return false
  }

  stop(): void {
    for (const w of this.workers) this.stopWorker(w)
  }

  private worker(name: string, type: ProbeType): Worker | undefined {
    return this.workers.find((w) => !w.stopped && w.container.name === name && w.type === type)
  }

  private schedule(w: Worker, delayMs: number): void {
    const label = `kubelet prober ${w.type} ${this.host.pod().metadata.name}/${w.container.name}`
    w.tick = this.host.ctx.clock.after(delayMs, () => {
      if (w.stopped) return
      if (this.doProbe(w)) this.schedule(w, probeTiming(w.spec).periodMs)
      else this.stopWorker(w)
    }, { label, background: true })
  }

  /** A one-shot run now (foreground: it settles the pod's readiness). */
  private triggerNow(w: Worker): void {
    if (w.stopped || (w.trigger && !w.trigger.cancelled)) return
    w.trigger = this.host.ctx.clock.after(0, () => {
      w.trigger = undefined
      if (!w.stopped && !this.doProbe(w)) this.stopWorker(w)
    }, { label: `kubelet prober ${w.type} ${this.host.pod().metadata.name}/${w.container.name} (manual)` })
  }

  private stopWorker(w: Worker): void {
    w.stopped = true
    this.host.ctx.clock.cancel(w.tick)
    this.host.ctx.clock.cancel(w.trigger)
  }

  private set(w: Worker, id: string, result: ProbeResult): void {
    const m = this.results[w.type]
    if (m.get(id) === result) return
    m.set(id, result)
    this.host.changed(w.type, w.container.name, result)
  }

  /** upstream `worker.doProbe`; false stops the worker. */
  private doProbe(w: Worker): boolean {
    if (this.host.podTerminal()) return false
    const v = this.host.view(w.container.name)
    if (!v || !v.id) return true
    if (w.containerID !== v.id) {
      if (w.containerID) this.results[w.type].delete(w.containerID)
      w.containerID = v.id
      this.set(w, v.id, INITIAL[w.type])
      w.onHold = false
    }
    if (w.onHold) return true
    const pod = this.host.pod()
    if (!v.running) {
      this.set(w, v.id, 'Failure')
      return !v.terminated || (pod.spec.restartPolicy ?? 'Always') !== 'Never' || w.sidecar
    }
    if (pod.metadata.deletionTimestamp && (w.type === 'liveness' || w.type === 'startup')) {
      this.set(w, v.id, 'Success')
      return false
    }
    const timing = probeTiming(w.spec)
    if (Math.floor((this.host.ctx.clock.now() - v.startedAt) / 1000) < timing.initialDelayS) return true
    if (v.started) {
      if (w.type === 'startup') return true
    } else if (w.type !== 'startup') return true
    const outcome = this.probe(w)
    this.host.record(w.type, w.container.name, outcome)
    if (outcome.result === 'Error') {
      this.host.event('Warning', 'Unhealthy', `${TYPE_NAME[w.type]} probe errored: ${outcome.error}`)
      return true
    }
    if (outcome.result === 'Failure') this.host.event('Warning', 'Unhealthy', `${TYPE_NAME[w.type]} probe failed: ${outcome.output.replace(/\n+$/, '')}`)
    const result = outcome.result
    if (w.lastResult === result) w.resultRun++
    else {
      w.lastResult = result
      w.resultRun = 1
    }
    if ((result === 'Failure' && w.resultRun < timing.failureThreshold) || (result === 'Success' && w.resultRun < timing.successThreshold)) return true
    this.set(w, v.id, result)
    if ((w.type === 'liveness' || w.type === 'startup') && result === 'Failure') {
      // Stop probing until a new container ID is seen (upstream: avoid exec into a dying container).
      w.onHold = true
      w.resultRun = 0
    }
    return true
  }

  private probe(w: Worker): ProbeOutcome {
    const t = this.host.target()
    if (!t) return { result: 'Error', error: 'pod has no IP' }
    const forced = this.host.override(w.container.name, w.type)
    if (forced) return forcedOutcome(w.spec, w.container, t, forced)
    return runProbe(w.spec, w.container, t)
  }
}
