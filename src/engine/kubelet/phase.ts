import type { Container, ContainerStatus, PodSpec, PodStatus } from '../api/types'

export type PodPhase = NonNullable<PodStatus['phase']>

/** A sidecar: an init container with `restartPolicy: Always` (`podutil.IsRestartableInitContainer`). */
export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === 'Always'
}

/**
 * `HasAnyRegularContainerStarted` over API statuses: some regular container is Running or
 * Terminated, or waits to be restarted after having run. The kubelet itself asks its runtime
 * (`HasAnyActiveRegularContainerStarted`); callers without a runtime use this.
 */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: ContainerStatus[] | undefined): boolean {
  if (!statuses?.length) return false
  const names = new Set(spec.containers.map((c) => c.name))
  return statuses.some(
    (s) => names.has(s.name) && (!!s.state.running || !!s.state.terminated || (!!s.state.waiting && !!s.lastState?.terminated)),
  )
}

/**
 * The pod phase from its container statuses: `getPhase` in `pkg/kubelet/kubelet_pods.go`
 * (newest form, without the alpha ContainerRestartRules gate). REFERENCE 6.1 is the table.
 *
 * `statuses` holds init and regular container statuses together (looked up by name, as
 * `podutil.GetContainerStatus` does). `podIsTerminal`: the kubelet has finished with the pod
 * (deleted, or every container done and none will restart) — the containers will not restart
 * whatever the policy says. The kubelet never returns Unknown.
 */
export function getPhase(
  spec: PodSpec,
  statuses: ContainerStatus[],
  podIsTerminal: boolean,
  podHasInitialized: boolean,
  isStaticPod = false,
): PodPhase {
  const byName = new Map(statuses.map((s) => [s.name, s]))
  let pendingRegularInit = 0
  let pendingRestartableInit = 0
  let failedInit = 0

  for (const c of spec.initContainers ?? []) {
    if (isRestartableInitContainer(c)) continue
    const s = byName.get(c.name)
    if (!s) pendingRegularInit++
    else if (s.state.running) pendingRegularInit++
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++
    } else if (s.state.waiting) {
      const last = s.lastState?.terminated
      if (last) {
        if (last.exitCode !== 0) failedInit++
      } else pendingRegularInit++
    } else pendingRegularInit++
  }

  let unknown = 0
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0

  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInitContainer(c)) continue
    const s = byName.get(c.name)
    if (!s) unknown++
    else if (s.state.running) {
      if (!s.started) pendingRestartableInit++
      running++
    } else if (s.state.terminated) {
      // Terminated sidecars do not count towards the phase.
    } else if (s.state.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInit++
        waiting++
      }
    } else {
      pendingRestartableInit++
      unknown++
    }
  }

  for (const c of spec.containers) {
    const s = byName.get(c.name)
    if (!s) unknown++
    else if (s.state.running) running++
    else if (s.state.terminated) {
      stopped++
      if (s.state.terminated.exitCode === 0) succeeded++
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) stopped++
      else waiting++
    } else unknown++
  }

  const policy = spec.restartPolicy ?? 'Always'
  if (failedInit > 0 && policy === 'Never') return 'Failed'
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized)) return 'Pending'
  if (waiting > 0) return 'Pending'
  if (running > 0 && unknown === 0) return 'Running'
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && !isStaticPod) return stopped === succeeded ? 'Succeeded' : 'Failed'
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    if (policy === 'Never') return 'Failed'
    return 'Running' // OnFailure: at least one failed and is being restarted
  }
  return 'Pending'
}
