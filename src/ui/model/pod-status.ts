/**
 * What a pod looks like at a glance: kubectl's STATUS and READY columns, and the colour the
 * canvas paints it. STATUS follows kubectl's pod printer (`printPod` in
 * kubernetes/pkg/printers/internalversion/printers.go): the phase, overridden by the last
 * container's waiting/terminated reason, `Init:…` while init containers run, and
 * `Terminating` once a deletionTimestamp is set on a non-terminal pod.
 */
import type { KObject } from '../../engine/index'

/** Colour classes of the legend (DESIGN "colours carry meaning"). */
export const POD_TONES = ['pending', 'creating', 'running', 'notReady', 'terminating', 'failed', 'succeeded'] as const
export type PodTone = (typeof POD_TONES)[number]

export interface PodView {
  phase: string
  /** kubectl's STATUS column. */
  status: string
  /** kubectl's READY column, e.g. `1/1`. */
  ready: string
  restarts: number
  tone: PodTone
  nodeName?: string
}

/** Waiting/terminated reasons that mean "something is wrong" (red), though the phase may be Pending/Running. */
const ERROR_REASONS = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PostStartHookError',
  'Error',
  'OOMKilled',
  'ContainerCannotRun',
  'DeadlineExceeded',
  'Evicted',
])
const CREATING = /^(ContainerCreating|PodInitializing|Init:\d+\/\d+)$/

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ContainerStatus = { ready?: boolean; restartCount?: number; started?: boolean; state?: any }

function terminatedReason(t: { reason?: string; signal?: number; exitCode?: number }, prefix = ''): string {
  if (t.reason) return prefix + t.reason
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`
}

function conditionTrue(pod: KObject, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === type && c.status === 'True')
}

export function podView(pod: KObject): PodView {
  const phase: string = pod.status?.phase ?? 'Pending'
  let reason: string = pod.status?.reason || phase
  let restarts = 0
  let initializing = false
  const initStatuses: ContainerStatus[] = pod.status?.initContainerStatuses ?? []
  const initSpecs: { restartPolicy?: string }[] = pod.spec?.initContainers ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]
    restarts += c.restartCount ?? 0
    const sidecar = initSpecs[i]?.restartPolicy === 'Always'
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue
    if (sidecar && c.started) continue
    if (c.state?.terminated) reason = terminatedReason(c.state.terminated, 'Init:')
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`
    else reason = `Init:${i}/${initSpecs.length}`
    initializing = true
    break
  }

  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? []
  let readyCount = 0
  if (!initializing || conditionTrue(pod, 'Initialized')) {
    let hasRunning = false
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]
      restarts += c.restartCount ?? 0
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason
      else if (c.state?.terminated) reason = terminatedReason(c.state.terminated)
      else if (c.ready && c.state?.running) {
        hasRunning = true
        readyCount++
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady'
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  if (pod.metadata.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown'
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating'

  const total = (pod.spec?.containers ?? []).length
  return { phase, status: reason, ready: `${readyCount}/${total}`, restarts, tone: toneOf(pod, phase, reason), nodeName: pod.spec?.nodeName }
}

function toneOf(pod: KObject, phase: string, reason: string): PodTone {
  if (reason === 'Terminating' || reason === 'Unknown') return 'terminating'
  if (phase === 'Failed') return 'failed'
  if (phase === 'Succeeded') return 'succeeded'
  if (ERROR_REASONS.has(reason) || /^(Init:)?(ExitCode|Signal):/.test(reason) || /^Init:(?!\d)/.test(reason)) return 'failed'
  if (!pod.spec?.nodeName) return 'pending'
  if (phase === 'Running') return conditionTrue(pod, 'Ready') ? 'running' : 'notReady'
  if (CREATING.test(reason)) return 'creating'
  return 'pending'
}
