import type { Pod } from '../api/types'
import type { RuntimePod } from './containers'
import { isRestartableInitContainer } from './phase'
import { shouldContainerBeRestarted } from './pod-status'
import type { ProbeResult } from './prober'

/**
 * What one pod sync must do: `computePodActions` and `computeInitContainerActions`
 * (`pkg/kubelet/kuberuntime/kuberuntime_manager.go`, `kuberuntime_container.go`, the
 * sidecar-aware form). Pure: the runtime's containers and the probe results in, the actions
 * out. The pod worker then runs them in upstream's order: kill, start init containers (stop at
 * the first regular one that fails), start regular containers.
 *
 * - Init containers run one at a time, each to exit 0; a failed one restarts, unless the pod's
 *   `restartPolicy` is Never: then the whole pod is killed (it is Failed). A sidecar
 *   (`restartPolicy: Always`) must be started (startup probe passed) before the next one
 *   starts, and is restarted whenever it exits.
 * - A running regular container that failed its liveness or startup probe is killed
 *   (`Container <c> failed liveness probe`, `, will be restarted` unless the policy is Never).
 * - A container that is not running starts again per `ShouldContainerBeRestarted`.
 * - When nothing runs and nothing is to start, the pod is killed (it has finished).
 */

export type KillReason = 'LivenessProbe' | 'StartupProbe' | 'FailedPostStartHook' | 'Unknown'

export interface KillAction {
  name: string
  /** The `Killing` event's message. */
  message: string
  reason: KillReason
}

export interface PodActions {
  createSandbox: boolean
  killPod: boolean
  kill: KillAction[]
  initToStart: string[]
  toStart: string[]
}

export interface ActionsInput {
  pod: Pod
  rp: RuntimePod | undefined
  liveness(id: string): ProbeResult | undefined
  startup(id: string): ProbeResult | undefined
}

export function computePodActions(input: ActionsInput): PodActions {
  const { pod, rp } = input
  const changes: PodActions = { createSandbox: false, killPod: false, kill: [], initToStart: [], toStart: [] }
  if (!rp?.sandbox) {
    // A pod whose sandbox is gone after it ran (it finished) is not started again.
    if (rp && rp.containers.size > 0) changes.killPod = true
    else changes.createSandbox = true
    return changes
  }
  const initialized = initContainerActions(input, changes)
  if (changes.killPod || !initialized) return changes

  const restart = (pod.spec.restartPolicy ?? 'Always') !== 'Never'
  let keep = 0
  for (const c of pod.spec.containers) {
    const r = rp.containers.get(c.name)
    if (!r || r.state !== 'running') {
      if (shouldContainerBeRestarted('regular', pod, r)) changes.toStart.push(c.name)
      continue
    }
    let kill: KillAction
    if (input.liveness(r.id) === 'Failure') kill = { name: c.name, message: `Container ${c.name} failed liveness probe`, reason: 'LivenessProbe' }
    else if (input.startup(r.id) === 'Failure') kill = { name: c.name, message: `Container ${c.name} failed startup probe`, reason: 'StartupProbe' }
    else {
      keep++
      continue
    }
    if (restart) {
      kill.message += ', will be restarted'
      changes.toStart.push(c.name)
    }
    changes.kill.push(kill)
  }
  if (keep === 0 && changes.toStart.length === 0) {
    changes.killPod = true
    // Sidecars must not keep a finished pod alive.
    changes.initToStart = []
  }
  return changes
}

/** `computeInitContainerActions`; true once the pod has initialized. */
function initContainerActions(input: ActionsInput, changes: PodActions): boolean {
  const { pod, rp } = input
  const inits = pod.spec.initContainers ?? []
  if (inits.length === 0 || !rp) return true
  // A created or running regular container means initialization happened before.
  let podHasInitialized = pod.spec.containers.some((c) => {
    const s = rp.containers.get(c.name)?.state
    return s === 'created' || s === 'running'
  })
  let previouslyInitialized = podHasInitialized
  const restartOnFailure = (pod.spec.restartPolicy ?? 'Always') !== 'Never'
  const start: number[] = []
  // Backwards: the last init container that ran says where initialization is.
  for (let i = inits.length - 1; i >= 0; i--) {
    const c = inits[i]
    const sidecar = isRestartableInitContainer(c)
    const r = rp.containers.get(c.name)
    if (!r) {
      if (previouslyInitialized && sidecar) start.push(i)
      continue
    }
    if (previouslyInitialized && !sidecar) continue
    if (r.state === 'created') start.push(i)
    else if (r.state === 'running') {
      if (sidecar) sidecarRunning(input, i, r.id, previouslyInitialized, changes, start, () => (podHasInitialized = true))
    } else if (sidecar) start.push(i)
    else if (r.exitCode !== 0) {
      if (!restartOnFailure) {
        changes.killPod = true
        changes.initToStart = []
        return false
      }
      start.push(i)
    } else if (i === inits.length - 1) podHasInitialized = true
    else start.push(i + 1)
    previouslyInitialized = true
  }
  if (!previouslyInitialized) start.push(0)
  changes.initToStart = start.reverse().map((i) => inits[i].name)
  return podHasInitialized
}

/** A running sidecar: wait for its startup probe, then let the next init container start; restart it if a probe killed it. */
function sidecarRunning(input: ActionsInput, i: number, id: string, previouslyInitialized: boolean, changes: PodActions, start: number[], initialized: () => void): void {
  const inits = input.pod.spec.initContainers ?? []
  const c = inits[i]
  if (c.startupProbe) {
    const s = input.startup(id)
    if (s === undefined) return
    if (s !== 'Success') {
      if (s === 'Failure') {
        changes.kill.push({ name: c.name, message: `Init container ${c.name} failed startup probe`, reason: 'StartupProbe' })
        start.push(i)
      }
      return
    }
  }
  if (i === inits.length - 1) initialized()
  else if (!previouslyInitialized) start.push(i + 1)
  if (c.livenessProbe && input.liveness(id) === 'Failure') {
    changes.kill.push({ name: c.name, message: `Init container ${c.name} failed liveness probe`, reason: 'LivenessProbe' })
    start.push(i)
  }
}

/** One step of a sync's plan, in the order SyncPod runs them. */
export type Step =
  | { k: 'sandbox' }
  | { k: 'kill'; name: string; message: string; reason: KillReason }
  | { k: 'killPod' }
  | { k: 'start'; name: string; init: boolean; lastExitAt?: number }

/**
 * The actions as a plan: sandbox alone, or the pod kill alone, or kills then init starts
 * then regular starts. Each start carries when the container last exited *in this sync's
 * snapshot* — `doBackOff` looks at the newest exited instance, so a container killed in this
 * same sync (liveness) is judged by the exit before that one.
 */
export function planSteps(a: PodActions, rp: RuntimePod | undefined): Step[] {
  if (a.createSandbox) return [{ k: 'sandbox' }]
  if (a.killPod) return [{ k: 'killPod' }]
  const lastExitAt = (name: string) => {
    const cur = rp?.containers.get(name)
    if (cur?.state === 'exited') return cur.finishedAt
    return rp?.previous.get(name)?.finishedAt
  }
  return [
    ...a.kill.map((k): Step => ({ k: 'kill', ...k })),
    ...a.initToStart.map((name): Step => ({ k: 'start', name, init: true, lastExitAt: lastExitAt(name) })),
    ...a.toStart.map((name): Step => ({ k: 'start', name, init: false, lastExitAt: lastExitAt(name) })),
  ]
}
