import type { Pod } from '../api/types'
import type { ProbeOutcome, ProbeTarget } from './probe-handlers'
import type { ContainerView, ProbeResult, ProbeType, ProberHost } from './prober'
import type { WorkerHost } from './pod-worker'

/** What the prober needs from a pod worker. */
export interface ProbedWorker {
  readonly host: WorkerHost
  readonly uid: string
  pod(): Pod
  target(): ProbeTarget | undefined
  event(type: 'Normal' | 'Warning', reason: string, message: string): void
  log(stage: string, container?: string, detail?: string, quiet?: boolean): void
  writeStatus(): unknown
  requestSync(): void
}

const TYPE_STAGE: Record<ProbeType, string> = { liveness: 'LivenessProbe', readiness: 'ReadinessProbe', startup: 'StartupProbe' }
const isTerminal = (phase: string | undefined) => phase === 'Succeeded' || phase === 'Failed'

/**
 * The prober's view of a pod worker. Like upstream's workers it reads the container from the
 * status the kubelet last generated (the status manager's cache), not from the runtime: a
 * container in its postStart hook is not "running" for the probes yet. Each probe run goes on
 * the pod's timeline (successes quietly); a changed result writes the status (readiness,
 * startup) and asks for a sync (a liveness failure is acted on there).
 */
export function workerProberHost(w: ProbedWorker): ProberHost {
  return {
    get ctx() {
      return w.host.ctx
    },
    pod: () => w.pod(),
    podTerminal: () => isTerminal(w.host.statuses.cached(w.uid)?.phase),
    view: (name: string): ContainerView | undefined => {
      const st = w.host.statuses.cached(w.uid)
      const cs = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((s) => s.name === name)
      const id = cs?.containerID?.replace(/^containerd:\/\//, '')
      if (!cs || !id) return undefined
      const inst = w.host.runtime.instance(w.uid, id)
      return { id, running: !!cs.state.running, terminated: !!cs.state.terminated, startedAt: inst?.startedAt ?? 0, started: !!cs.started }
    },
    target: () => w.target(),
    override: (name: string, type: ProbeType) => w.host.probeOverride(w.uid, name, type),
    event: (type: 'Normal' | 'Warning', reason: string, message: string) => w.event(type, reason, message),
    record: (type: ProbeType, container: string, o: ProbeOutcome) => {
      const detail = o.result === 'Error' ? `error: ${o.error}` : o.result === 'Success' ? 'Success' : `Failure: ${o.output.replace(/\n+$/, '')}`
      w.log(TYPE_STAGE[type], container, detail, o.result === 'Success')
    },
    changed: (type: ProbeType, container: string, result: ProbeResult) => {
      w.log('ProbeResult', container, `${type}: ${result}`)
      if (type !== 'liveness') w.writeStatus()
      w.requestSync()
    },
  }
}
