import type { ScheduledTask } from '../clock'
import type { Container, Pod } from '../api/types'
import type { ContainerRuntime } from './containers'
import type { EngineContext } from '../context'
import { type LifecycleHandler, runHook } from './hooks'
import type { ProbeTarget } from './probe-handlers'
import type { KillReason } from './pod-actions'

/**
 * `killContainer` (`kuberuntime_container.go`): Normal `Killing` (`Stopping container <c>`, or
 * the reason the kubelet gives), then the preStop hook, which counts against the grace period
 * (the kubelet waits for it at most the whole period and deducts the whole seconds it took),
 * then StopContainer with what is left — at least 2 s (`minimumGracePeriodInSeconds`): SIGTERM,
 * and SIGKILL when that runs out. A failed preStop records Warning `FailedPreStopHook`
 * `PreStopHook failed`. Exit codes: 143 after SIGTERM, 137 after SIGKILL (REFERENCE 6.6).
 */

/** `minimumGracePeriodInSeconds`. */
export const MIN_GRACE_S = 2

export interface KillHost {
  readonly ctx: EngineContext
  readonly runtime: ContainerRuntime
  readonly uid: string
  pod(): Pod
  target(): ProbeTarget | undefined
  event(type: 'Normal' | 'Warning', reason: string, message: string): void
  log(stage: string, container?: string, detail?: string): void
}

/**
 * `setTerminationGracePeriod`: the deletion's grace; for a probe kill the probe's own
 * `terminationGracePeriodSeconds` when set; else the pod's.
 */
export function terminationGracePeriod(pod: Pod, c: Container, reason: KillReason | 'Deletion'): number {
  if (pod.metadata.deletionGracePeriodSeconds !== undefined) return pod.metadata.deletionGracePeriodSeconds
  const probe = reason === 'LivenessProbe' ? c.livenessProbe : reason === 'StartupProbe' ? c.startupProbe : undefined
  if (probe?.terminationGracePeriodSeconds !== undefined) return probe.terminationGracePeriodSeconds
  return pod.spec.terminationGracePeriodSeconds ?? 30
}

/** One container being killed; `exited()` is called by the pod worker when the runtime reports it. */
export class ContainerKill {
  done = false
  private preStopTask?: ScheduledTask
  private deadline: number
  private stopping = false

  constructor(
    private readonly host: KillHost,
    readonly container: Container,
    graceS: number,
    message: string | undefined,
    private readonly onDone: () => void,
  ) {
    const { ctx, runtime, uid } = host
    const now = ctx.clock.now()
    this.deadline = now + graceS * 1000
    host.event('Normal', 'Killing', message || `Stopping container ${container.name}`)
    host.log('Killing', container.name, message || `grace period ${graceS}s`)
    const r = runtime.pod(uid)?.containers.get(container.name)
    if (!r || r.state === 'exited') {
      this.finish()
      return
    }
    const preStop = container.lifecycle?.preStop as LifecycleHandler | undefined
    const target = host.target()
    if (preStop && graceS > 0 && target && r.state === 'running') {
      const res = runHook(preStop, container, host.pod(), target)
      const waitMs = Math.min(res.ms, graceS * 1000)
      host.log('PreStopHook', container.name, res.ok ? `runs ${waitMs === Infinity ? 'forever' : `${waitMs / 1000}s`}` : `failed: ${res.message}`)
      this.preStopTask = ctx.clock.after(waitMs, () => {
        this.preStopTask = undefined
        if (!res.ok && res.ms <= graceS * 1000) host.event('Warning', 'FailedPreStopHook', 'PreStopHook failed')
        // The kubelet deducts the whole seconds the hook took.
        this.stop(graceS - Math.floor(waitMs / 1000))
      }, { label: `kubelet preStop ${host.pod().metadata.name}/${container.name}` })
    } else this.stop(graceS)
  }

  /** A shorter grace period arrived (a second delete): cut the wait short. */
  shorten(graceS: number): void {
    if (this.done) return
    const deadline = this.host.ctx.clock.now() + graceS * 1000
    if (deadline >= this.deadline) return
    this.deadline = deadline
    if (this.preStopTask) {
      this.host.ctx.clock.cancel(this.preStopTask)
      this.preStopTask = undefined
      this.stop(graceS)
    } else if (this.stopping) this.host.runtime.stopContainer(this.host.uid, this.container.name, Math.max(MIN_GRACE_S, graceS) * 1000)
  }

  exited(): void {
    this.finish()
  }

  /** The kubelet stops (or the pod is force-deleted): nothing more happens here. */
  cancel(): void {
    this.host.ctx.clock.cancel(this.preStopTask)
    this.done = true
  }

  private stop(graceS: number): void {
    const g = Math.max(MIN_GRACE_S, graceS)
    this.stopping = true
    this.host.log('StopContainer', this.container.name, `SIGTERM, SIGKILL after ${g}s`)
    const r = this.host.runtime.stopContainer(this.host.uid, this.container.name, g * 1000)
    if (!r || r.state === 'exited') this.finish()
  }

  private finish(): void {
    if (this.done) return
    this.done = true
    this.host.ctx.clock.cancel(this.preStopTask)
    this.onDone()
  }
}
