import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types'
import type { RuntimeContainer, RuntimePod } from './containers'
import { getPhase, isRestartableInitContainer } from './phase'
import { isKubeletCondition, kubeletConditions } from './conditions'

/**
 * The API PodStatus the kubelet reports, from what its runtime holds: `generateAPIPodStatus`,
 * `convertToAPIContainerStatuses` (`pkg/kubelet/kubelet_pods.go`), the prober manager's
 * `UpdatePodStatus` (started/ready) and the status manager's `TerminatePod`. Pure; condition
 * transition times are added by the status manager.
 */

/** Why a container is not running, as the kubelet's reason cache remembers it (ErrImagePull, CrashLoopBackOff, …). */
export interface WaitingReason {
  reason: string
  message?: string
}

export interface StatusInput {
  pod: Pod
  hostIP: string
  rp: RuntimePod | undefined
  /** Start failures per container name (the kubelet's `reasonCache`). */
  waiting: ReadonlyMap<string, WaitingReason>
  /** Probe results for a running container (`started`: startup probe passed or none; `ready`: readiness). */
  probes?: { started(name: string, id: string): boolean; ready(name: string, id: string): boolean }
  /** Containers whose postStart hook is running: the kubelet is blocked in SyncPod, their status is not regenerated. */
  frozen?: ReadonlySet<string>
  /** The kubelet is done with the pod: its containers will not run again. */
  podIsTerminal: boolean
  /** RFC 3339 for a virtual time (`clock.timestamp`). */
  ts: (ms: number) => string
}

type Kind = 'regular' | 'init' | 'sidecar'

/** A terminated state as the API writes it (with `containerID`, which our shared type omits). */
type Terminated = NonNullable<ContainerStatus['state']['terminated']> & { containerID?: string }

export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, rp, podIsTerminal } = input
  const old = pod.status ?? {}
  const spec = pod.spec
  const inits = spec.initContainers ?? []
  const hasInit = inits.length > 0
  let containerStatuses = spec.containers.map((c) => containerStatus(c, 'regular', input, hasInit ? 'PodInitializing' : 'ContainerCreating'))
  // The statuses of regular containers are sorted by name (`kubetypes.SortedContainerStatuses`).
  containerStatuses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  let initContainerStatuses = hasInit ? inits.map((c) => containerStatus(c, isRestartableInitContainer(c) ? 'sidecar' : 'init', input, 'PodInitializing')) : undefined
  if (podIsTerminal) {
    // status manager `TerminatePod`: once initialized, a container without a terminated state is
    // reported failed; of the init containers, those up to the last one that was attempted.
    if (hasPodInitialized(spec.initContainers ?? [], containerStatuses, initContainerStatuses ?? [])) containerStatuses = containerStatuses.map(terminateUnknown)
    if (initContainerStatuses) {
      const n = initializedCount(initContainerStatuses)
      initContainerStatuses = initContainerStatuses.map((s, i) => (i < n ? terminateUnknown(s) : s))
    }
  }
  const all = [...(initContainerStatuses ?? []), ...containerStatuses]
  const started = rp ? spec.containers.some((c) => { const r = rp.containers.get(c.name); return r?.state === 'running' || r?.state === 'exited' }) : false
  let phase = getPhase(spec, all, podIsTerminal, started)
  // Terminal is final: a phase Failed/Succeeded already in the API is never undone.
  if ((old.phase === 'Failed' || old.phase === 'Succeeded') && phase !== old.phase) phase = old.phase
  const others = (old.conditions ?? []).filter((c) => !isKubeletCondition(c.type))
  const conditions = [...others, ...kubeletConditions(spec, all, phase, !!rp?.sandbox, others)] as PodCondition[]
  const ip = rp?.sandbox?.ip ?? old.podIP
  const status: PodStatus = { phase, conditions }
  if (old.reason && old.phase === phase) status.reason = old.reason
  if (old.message && old.phase === phase) status.message = old.message
  status.hostIP = input.hostIP
  ;(status as Record<string, unknown>).hostIPs = [{ ip: input.hostIP }]
  if (ip) {
    status.podIP = ip
    status.podIPs = [{ ip }]
  }
  if (old.startTime) status.startTime = old.startTime
  if (initContainerStatuses) status.initContainerStatuses = initContainerStatuses
  status.containerStatuses = containerStatuses
  status.qosClass = old.qosClass
  if (!status.qosClass) delete status.qosClass
  return status
}

/** `ShouldContainerBeRestarted` (kubelet `container/helpers.go`); a sidecar always restarts. */
export function shouldContainerBeRestarted(kind: Kind, pod: Pod, r: RuntimeContainer | undefined): boolean {
  if (pod.metadata.deletionTimestamp) return false
  if (!r || r.state === 'created') return true
  if (r.state === 'running') return false
  if (kind === 'sidecar') return true
  const policy = pod.spec.restartPolicy ?? 'Always'
  if (policy === 'Never') return false
  if (policy === 'OnFailure' && r.exitCode === 0) return false
  return true
}

function containerStatus(c: Container, kind: Kind, input: StatusInput, defaultWaiting: string): ContainerStatus {
  const old = [...(input.pod.status?.containerStatuses ?? []), ...(input.pod.status?.initContainerStatuses ?? [])].find((s) => s.name === c.name)
  if (input.frozen?.has(c.name)) return old ?? waitingStatus(c, defaultWaiting)
  const r = input.rp?.containers.get(c.name)
  const prev = input.rp?.previous.get(c.name)
  let s: ContainerStatus
  if (!r) s = waitingStatus(c, defaultWaiting)
  else {
    const containerID = `containerd://${r.id}`
    s = { name: c.name, state: {}, lastState: {}, ready: false, restartCount: r.restartCount, image: r.facts.ref.canonical, imageID: r.facts.imageID, containerID, started: false }
    if (r.state === 'created') s.state = { waiting: { reason: defaultWaiting } }
    else if (r.state === 'running') {
      s.state = { running: { startedAt: input.ts(r.startedAt ?? 0) } }
      if (kind === 'init') s.started = true
      else {
        s.started = input.probes ? input.probes.started(c.name, r.id) : true
        s.ready = s.started && (input.probes ? input.probes.ready(c.name, r.id) : true)
      }
    } else {
      s.state = { terminated: terminated(r, input) }
      if (kind === 'init') s.ready = r.exitCode === 0
    }
  }
  if (prev) s.lastState = { terminated: terminated(prev, input) }
  const w = input.waiting.get(c.name)
  if (w && shouldContainerBeRestarted(kind, input.pod, r)) {
    if (s.state.terminated) s.lastState = { terminated: s.state.terminated }
    s.state = { waiting: w.message ? { reason: w.reason, message: w.message } : { reason: w.reason } }
    s.ready = false
    s.started = false
  }
  return s
}

function waitingStatus(c: Container, reason: string): ContainerStatus {
  return { name: c.name, state: { waiting: { reason } }, lastState: {}, ready: false, restartCount: 0, image: c.image, imageID: '', started: false }
}

function terminated(r: RuntimeContainer, input: StatusInput): Terminated {
  return {
    exitCode: r.exitCode ?? 0,
    reason: r.reason,
    startedAt: input.ts(r.startedAt ?? r.createdAt),
    finishedAt: input.ts(r.finishedAt ?? 0),
    containerID: `containerd://${r.id}`,
  }
}

function terminateUnknown(s: ContainerStatus): ContainerStatus {
  if (s.state.terminated) return s
  return {
    ...s,
    ready: false,
    started: false,
    state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } },
  }
}

/** `hasPodInitialized` (status manager): no init containers, a regular container that left Waiting, or the last init container done. */
function hasPodInitialized(inits: Container[], regular: ContainerStatus[], initStatuses: ContainerStatus[]): boolean {
  if (inits.length === 0) return true
  if (regular.some((s) => s.lastState?.terminated || !s.state.waiting)) return true
  const last = initStatuses[initStatuses.length - 1]
  if (!last) return false
  if (isRestartableInitContainer(inits[inits.length - 1])) return !!last.state.running && !!last.started
  const t = last.lastState?.terminated ?? last.state.terminated
  return !!t && t.exitCode === 0
}

/** `initializedContainers`: all but the trailing init containers still waiting for their first start (at least one). */
function initializedCount(s: ContainerStatus[]): number {
  for (let i = s.length - 1; i >= 0; i--) if (!s[i].state.waiting || s[i].lastState?.terminated) return i + 1
  return s.length ? 1 : 0
}
