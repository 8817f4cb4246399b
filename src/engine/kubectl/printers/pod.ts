import type { Container, ContainerStatus, Pod, PodCondition } from '../../api/types'
import { humanDuration } from '../duration'
import { AGE, NAME, registerTable, type PrintContext } from './table'

/**
 * `kubectl get pods` (`printPod` in `pkg/printers/internalversion/printers.go`, ≈ v1.32):
 * READY counts ready regular containers plus started-and-ready sidecars; STATUS is the last
 * container reason that applies (init containers first: `Init:0/2`, `Init:ErrImagePull`,
 * `Init:ExitCode:1`, …; then regular containers walked from last to first: `ContainerCreating`,
 * `CrashLoopBackOff`, `Completed`, `ExitCode:N`, `Signal:N`), overridden by `Terminating` when
 * deleted and by `Unknown` for a deleted pod on a lost node; RESTARTS shows `N (5m ago)` when
 * a restart time is known.
 */
export interface PodRow {
  ready: string
  status: string
  restarts: string
}

const isRestartable = (c: Container | undefined) => c?.restartPolicy === 'Always'
const isTerminal = (phase?: string) => phase === 'Succeeded' || phase === 'Failed'
const condTrue = (conds: PodCondition[] | undefined, type: string) => (conds ?? []).some((c) => c.type === type && c.status === 'True')

export function podRow(pod: Pod, p: PrintContext): PodRow {
  const spec = pod.spec ?? { containers: [] }
  const status = pod.status ?? {}
  let restarts = 0
  let restartableInitRestarts = 0
  let totalContainers = (spec.containers ?? []).length
  let readyContainers = 0
  let lastRestart: number | undefined
  let lastRestartableInitRestart: number | undefined
  const later = (a: number | undefined, ts: string | undefined) => {
    const t = p.parse(ts)
    return t !== undefined && (a === undefined || t > a) ? t : a
  }

  const podPhase = status.phase ?? ''
  let reason: string = status.reason || podPhase
  // A Pod carrying {type: PodScheduled, reason: SchedulingGated} shows SchedulingGated.
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated'

  const initSpecs = new Map<string, Container>()
  for (const c of spec.initContainers ?? []) {
    initSpecs.set(c.name, c)
    if (isRestartable(c)) totalContainers++
  }

  let initializing = false
  const inits: ContainerStatus[] = status.initContainerStatuses ?? []
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]
    restarts += c.restartCount ?? 0
    const lastTerm = c.lastState?.terminated
    if (lastTerm) lastRestart = later(lastRestart, lastTerm.finishedAt)
    const restartable = isRestartable(initSpecs.get(c.name))
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0
      if (lastTerm) lastRestartableInitRestart = later(lastRestartableInitRestart, lastTerm.finishedAt)
    }
    const term = c.state?.terminated
    const wait = c.state?.waiting
    if (term && term.exitCode === 0) continue
    if (restartable && c.started) {
      if (c.ready) readyContainers++
      continue
    }
    if (term) {
      // Initialization failed.
      const signal = (term as { signal?: number }).signal
      reason = term.reason ? `Init:${term.reason}` : signal ? `Init:Signal:${signal}` : `Init:ExitCode:${term.exitCode}`
    } else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`
    initializing = true
    break
  }

  if (!initializing || condTrue(status.conditions, 'Initialized')) {
    restarts = restartableInitRestarts
    lastRestart = lastRestartableInitRestart
    let hasRunning = false
    const cs = status.containerStatuses ?? []
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]
      restarts += c.restartCount ?? 0
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt)
      const term = c.state?.terminated
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason
      else if (term?.reason) reason = term.reason
      else if (term) {
        const signal = (term as { signal?: number }).signal
        reason = signal ? `Signal:${signal}` : `ExitCode:${term.exitCode}`
      } else if (c.ready && c.state?.running) {
        hasRunning = true
        readyContainers++
      }
    }
    // A pod whose last-listed container completed but another still runs is Running/NotReady.
    if (reason === 'Completed' && hasRunning) reason = condTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady'
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown'
  else if (pod.metadata.deletionTimestamp && !isTerminal(podPhase)) reason = 'Terminating'

  let restartsStr = String(restarts)
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(p.now - lastRestart)} ago)`
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr }
}

registerTable({
  kind: 'Pod',
  columns: [
    NAME,
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    AGE,
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  row(o, p) {
    const pod = o as Pod
    const r = podRow(pod, p)
    const gates: { conditionType: string }[] = pod.spec?.readinessGates ?? []
    let readinessGates = '<none>'
    if (gates.length > 0) {
      const trueCount = gates.filter((g) => (pod.status?.conditions ?? []).find((c) => c.type === g.conditionType)?.status === 'True').length
      readinessGates = `${trueCount}/${gates.length}`
    }
    return [
      pod.metadata.name ?? '',
      r.ready,
      r.status,
      r.restarts,
      p.age(pod.metadata.creationTimestamp),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName || '<none>',
      readinessGates,
    ]
  },
})
