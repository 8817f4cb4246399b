import type { ContainerStatus, PodCondition, PodSpec } from '../api/types'
import type { PodPhase } from './phase'
import { isRestartableInitContainer } from './phase'

/**
 * The kubelet-owned pod conditions, as `pkg/kubelet/status/generate.go` builds them
 * (REFERENCE 6.2). Pure: statuses in, conditions out. Transition times are the status
 * manager's business (`status-manager.ts`), not these functions'.
 */

export const REASON = {
  UnknownContainerStatuses: 'UnknownContainerStatuses',
  PodCompleted: 'PodCompleted',
  PodFailed: 'PodFailed',
  ContainersNotReady: 'ContainersNotReady',
  ContainersNotInitialized: 'ContainersNotInitialized',
  ReadinessGatesNotReady: 'ReadinessGatesNotReady',
} as const

/** The condition types the kubelet owns (`kubetypes.PodConditionByKubelet`); others are kept as found. */
export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const

export function isKubeletCondition(type: string): boolean {
  return (KUBELET_CONDITIONS as readonly string[]).includes(type)
}

/** Go's `%s` of a []string: `[a b]`. */
const goList = (names: string[]) => `[${names.join(' ')}]`

type Cond = Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>

function cond(type: string, status: PodCondition['status'], reason?: string, message?: string): Cond {
  const c: Cond = { type, status }
  if (reason) c.reason = reason
  if (message) c.message = message
  return c
}

/** True once the sandbox exists with its network (`GeneratePodReadyToStartContainersCondition`). */
export function podReadyToStartContainersCondition(sandboxReady: boolean): Cond {
  return cond('PodReadyToStartContainers', sandboxReady ? 'True' : 'False')
}

/** `GenerateContainersReadyCondition`: sidecars and regular containers must all be ready. */
export function containersReadyCondition(spec: PodSpec, statuses: ContainerStatus[] | undefined, phase: PodPhase): Cond {
  if (!statuses) return cond('ContainersReady', 'False', REASON.UnknownContainerStatuses)
  const byName = new Map(statuses.map((s) => [s.name, s]))
  const unknown: string[] = []
  const unready: string[] = []
  const check = (name: string) => {
    const s = byName.get(name)
    if (!s) unknown.push(name)
    else if (!s.ready) unready.push(name)
  }
  for (const c of spec.initContainers ?? []) if (isRestartableInitContainer(c)) check(c.name)
  for (const c of spec.containers) check(c.name)
  if (phase === 'Succeeded' && unknown.length === 0) return cond('ContainersReady', 'False', REASON.PodCompleted)
  if (phase === 'Failed') return cond('ContainersReady', 'False', REASON.PodFailed)
  const parts: string[] = []
  if (unknown.length) parts.push(`containers with unknown status: ${goList(unknown)}`)
  if (unready.length) parts.push(`containers with unready status: ${goList(unready)}`)
  if (parts.length) return cond('ContainersReady', 'False', REASON.ContainersNotReady, parts.join(', '))
  return cond('ContainersReady', 'True')
}

/**
 * `GeneratePodReadyCondition`: ContainersReady's status, reason and message when that is not
 * True; otherwise every readiness gate's condition (from `conditions`) must be True.
 */
export function podReadyCondition(spec: PodSpec, conditions: { type: string; status: string }[], statuses: ContainerStatus[] | undefined, phase: PodPhase): Cond {
  const cr = containersReadyCondition(spec, statuses, phase)
  if (cr.status !== 'True') return { ...cr, type: 'Ready' }
  const msgs: string[] = []
  for (const gate of (spec.readinessGates ?? []) as { conditionType: string }[]) {
    const c = conditions.find((x) => x.type === gate.conditionType)
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`)
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`)
  }
  if (msgs.length) return cond('Ready', 'False', REASON.ReadinessGatesNotReady, msgs.join(', '))
  return cond('Ready', 'True')
}

/**
 * `GeneratePodInitializedCondition`: a regular init container counts when ready (it exited 0),
 * a sidecar when started; True for good once any regular container has started.
 */
export function initializedCondition(spec: PodSpec, statuses: ContainerStatus[] | undefined, phase: PodPhase): Cond {
  const inits = spec.initContainers ?? []
  if (!statuses && inits.length > 0) return cond('Initialized', 'False', REASON.UnknownContainerStatuses)
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]))
  const unknown: string[] = []
  const incomplete: string[] = []
  for (const c of inits) {
    const s = byName.get(c.name)
    if (!s) {
      unknown.push(c.name)
      continue
    }
    const done = isRestartableInitContainer(c) ? !!s.started : s.ready
    if (!done) incomplete.push(c.name)
  }
  if (phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', 'True', REASON.PodCompleted)
  // HasAnyRegularContainerStarted (API statuses: Running or Terminated).
  const regular = new Set(spec.containers.map((c) => c.name))
  if ((statuses ?? []).some((s) => regular.has(s.name) && (s.state.running || s.state.terminated))) return cond('Initialized', 'True')
  const parts: string[] = []
  if (unknown.length) parts.push(`containers with unknown status: ${goList(unknown)}`)
  if (incomplete.length) parts.push(`containers with incomplete status: ${goList(incomplete)}`)
  if (parts.length) return cond('Initialized', 'False', REASON.ContainersNotInitialized, parts.join(', '))
  return cond('Initialized', 'True')
}

/**
 * Every kubelet-owned condition, in the order `generateAPIPodStatus` appends them:
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled (always True:
 * the pod is on this node). `others` are the conditions not owned by the kubelet (readiness
 * gates, DisruptionTarget); they come first, as the kubelet keeps them.
 */
export function kubeletConditions(
  spec: PodSpec,
  statuses: ContainerStatus[] | undefined,
  phase: PodPhase,
  sandboxReady: boolean,
  others: { type: string; status: string }[] = [],
): Cond[] {
  return [
    podReadyToStartContainersCondition(sandboxReady),
    initializedCondition(spec, statuses, phase),
    podReadyCondition(spec, others, statuses, phase),
    containersReadyCondition(spec, statuses, phase),
    cond('PodScheduled', 'True'),
  ]
}
