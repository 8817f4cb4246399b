/**
 * When the engine keeps no kubelet lifecycle log (or for a pod it has forgotten), the timeline
 * is rebuilt from what the API shows anyone: the pod's Events (`kubectl describe pod`'s
 * Pulling, Pulled, Created, Started, Unhealthy, Killing, BackOff) and its container statuses
 * (startedAt, last termination). Coarser — Events are stamped to the second and aggregated —
 * but honest, and the same records the timeline draws.
 */
import type { KObject } from '../../engine/index'
import type { LifecycleEntry } from '../../protocol'
import { parseTimestamp } from '../model/time'

/** `spec.containers{nginx}` → `nginx`. */
export function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
  const m = /\{([^}]+)\}/.exec(fieldPath ?? '')
  return m ? m[1] : undefined
}

function stageOf(e: KObject): { stage: string; detail?: string } | undefined {
  const msg = String(e.message ?? '')
  switch (e.reason) {
    case 'Scheduled':
      return { stage: 'Scheduled', detail: msg }
    case 'Pulling':
      return { stage: 'Pulling', detail: msg }
    case 'Pulled':
      return { stage: 'Pulled', detail: msg }
    case 'Created':
      return { stage: 'Created' }
    case 'Started':
      return { stage: 'Started' }
    case 'Failed':
      return { stage: /pull/i.test(msg) ? 'PullFailed' : 'Failed', detail: msg }
    case 'BackOff':
      return { stage: /pulling image/i.test(msg) ? 'ImagePullBackOff' : 'BackOff', detail: msg }
    case 'Unhealthy': {
      const m = /^(Liveness|Readiness|Startup) probe failed: ?(.*)$/s.exec(msg)
      return m ? { stage: `${m[1]}Probe`, detail: `Failure: ${m[2]}` } : { stage: 'Unhealthy', detail: msg }
    }
    case 'Killing':
      return { stage: 'Killing', detail: msg }
    case 'FailedPostStartHook':
      return { stage: 'PostStartHookFailed', detail: msg }
    case 'FailedPreStopHook':
      return { stage: 'PreStopHookFailed', detail: msg }
    default:
      return e.reason ? { stage: String(e.reason), detail: msg } : undefined
  }
}

interface TerminatedState {
  exitCode?: number
  reason?: string
  startedAt?: string
  finishedAt?: string
}

/** Records from the pod's Events and container statuses, oldest first. */
export function recordsFromEvents(pod: KObject, events: readonly KObject[]): LifecycleEntry[] {
  const out: LifecycleEntry[] = []
  for (const e of events) {
    const s = stageOf(e)
    if (!s) continue
    const container = containerOfFieldPath(e.involvedObject?.fieldPath)
    const base = { stage: s.stage, ...(container ? { container } : {}), ...(s.detail ? { detail: s.detail } : {}) }
    const first = parseTimestamp(e.firstTimestamp ?? e.eventTime)
    const last = parseTimestamp(e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime)
    if (first !== undefined && (e.count ?? 1) > 1 && first !== last) out.push({ at: first, ...base })
    if (last !== undefined) out.push({ at: last, ...base })
  }
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])] as {
    name: string
    state?: { terminated?: TerminatedState }
    lastState?: { terminated?: TerminatedState }
  }[]
  for (const cs of statuses) {
    for (const term of [cs.lastState?.terminated, cs.state?.terminated]) {
      const at = parseTimestamp(term?.finishedAt)
      if (term && at !== undefined) out.push({ at, stage: 'Exited', container: cs.name, detail: `exit code ${term.exitCode ?? 0} (${term.reason ?? ''})` })
    }
  }
  return out.sort((a, b) => a.at - b.at)
}
