import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types'
import type { RuntimeContainer, RuntimePod } from './containers'
import { getPhase } from './phase'
import { isKubeletCondition, kubeletConditions } from './conditions'

/**
 * The API PodStatus the kubelet reports, from what its runtime holds: `generateAPIPodStatus`
 * and `convertToAPIContainerStatuses` (`pkg/kubelet/kubelet_pods.go`), reduced to what the
 * simulation has. Pure; condition transition times are added by the status manager.
 */

/** Why a container is not running, as the kubelet's reason cache remembers it (ErrImagePull, …). */
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
  /** The kubelet is done with the pod: its containers will not run again. */
  podIsTerminal: boolean
  /** RFC 3339 for a virtual time (`clock.timestamp`). */
  ts: (ms: number) => string
}

/** A terminated state as the API writes it (with `containerID`, which our shared type omits). */
type Terminated = NonNullable<ContainerStatus['state']['terminated']> & { containerID?: string }

export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, rp, podIsTerminal } = input
  const old = pod.status ?? {}
  const spec = pod.spec
  const hasInit = (spec.initContainers ?? []).length > 0
  let containerStatuses = spec.containers.map((c) => containerStatus(c, input, hasInit ? 'PodInitializing' : 'ContainerCreating'))
  // The statuses of regular containers are sorted by name (`kubetypes.SortedContainerStatuses`).
  containerStatuses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  let initContainerStatuses = hasInit ? (spec.initContainers ?? []).map((c) => containerStatus(c, input, 'PodInitializing')) : undefined
  if (podIsTerminal) {
    // status manager `TerminatePod`: whatever never got to run is reported terminated, unknown.
    containerStatuses = containerStatuses.map(terminateUnknown)
    initContainerStatuses = initContainerStatuses?.map(terminateUnknown)
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

function containerStatus(c: Container, input: StatusInput, defaultWaiting: string): ContainerStatus {
  const r = input.rp?.containers.get(c.name)
  const prev = [...(input.pod.status?.containerStatuses ?? []), ...(input.pod.status?.initContainerStatuses ?? [])].find((s) => s.name === c.name)
  if (r && r.state !== 'created') return runtimeStatus(c, r, input, prev)
  const w = input.waiting.get(c.name)
  const waiting: { reason: string; message?: string } = { reason: w?.reason ?? defaultWaiting }
  if (w?.message) waiting.message = w.message
  return {
    name: c.name,
    state: { waiting },
    lastState: prev?.lastState ?? {},
    ready: false,
    restartCount: prev?.restartCount ?? 0,
    image: c.image,
    imageID: '',
    started: false,
  }
}

function runtimeStatus(c: Container, r: RuntimeContainer, input: StatusInput, prev: ContainerStatus | undefined): ContainerStatus {
  const containerID = `containerd://${r.id}`
  const s: ContainerStatus = {
    name: c.name,
    state: {},
    lastState: prev?.lastState ?? {},
    // No readiness probe yet: a started container is ready (REFERENCE 6.4). Probes arrive next.
    ready: r.state === 'running',
    restartCount: prev?.restartCount ?? 0,
    image: r.facts.ref.canonical,
    imageID: r.facts.imageID,
    containerID,
    started: r.state === 'running',
  }
  if (r.state === 'running') s.state = { running: { startedAt: input.ts(r.startedAt ?? 0) } }
  else {
    const t: Terminated = {
      exitCode: r.exitCode ?? 0,
      reason: r.reason,
      startedAt: input.ts(r.startedAt ?? r.createdAt),
      finishedAt: input.ts(r.finishedAt ?? 0),
      containerID,
    }
    s.state = { terminated: t }
  }
  return s
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
