/**
 * A pod's life on its node as a picture: lanes (the pod, then each init container, then each
 * container), coloured segments (pulling, running, back-off, stopping, …) and markers (probe
 * results, readiness changes, hooks, exits, restarts) on virtual time. Built from the
 * kubelet's lifecycle records (`pkg/kubelet`'s steps as the engine logs them, REFERENCE 6.3–6.6);
 * every stage we do not know still appears, as a plain marker, so nothing the kubelet says is hidden.
 */
import type { LifecycleEntry } from '../../protocol'

export const SEGMENT_KINDS = ['sandbox', 'pulling', 'pullBackOff', 'creating', 'running', 'init', 'stopping', 'exited', 'crashBackOff', 'terminating', 'postStart', 'preStop'] as const
export type SegmentKind = (typeof SEGMENT_KINDS)[number]

export type MarkerKind = 'probeOk' | 'probeFail' | 'ready' | 'notReady' | 'exit' | 'exitOk' | 'kill' | 'hook' | 'hookFail' | 'restart' | 'pullFail' | 'info'

export interface Lane {
  id: string
  label: string
  init: boolean
}

export interface Segment {
  lane: string
  kind: SegmentKind
  from: number
  /** Still going at `end`. */
  to: number
  open: boolean
  /** Hooks run beside the container's own state: drawn as a thin band over it. */
  overlay: boolean
  detail?: string
}

export interface Marker {
  lane: string
  kind: MarkerKind
  at: number
  stage: string
  detail?: string
}

/** Ready (true) or not, from each readiness ProbeResult, per container. */
export interface ReadySpan {
  lane: string
  from: number
  to: number
  ready: boolean
}

export interface Timeline {
  lanes: Lane[]
  segments: Segment[]
  markers: Marker[]
  ready: ReadySpan[]
  start: number
  end: number
}

export const POD_LANE = '__pod'

interface Containers {
  init: string[]
  regular: string[]
}

const PROBE_STAGES = new Set(['LivenessProbe', 'ReadinessProbe', 'StartupProbe'])

/** `exit code 137 (Error)` → 137. */
export function exitCode(detail: string | undefined): number | undefined {
  const m = /exit code (-?\d+)/.exec(detail ?? '')
  return m ? Number(m[1]) : undefined
}

/**
 * Build the timeline. `now` closes whatever is still going (the clock, or the last record for
 * a pod that is gone).
 */
export function buildTimeline(records: readonly LifecycleEntry[], containers: Containers, now: number): Timeline {
  const lanes: Lane[] = [{ id: POD_LANE, label: 'pod', init: false }]
  const known = new Set<string>()
  const addLane = (name: string, init: boolean) => {
    if (known.has(name)) return
    known.add(name)
    lanes.push({ id: name, label: name, init })
  }
  for (const c of containers.init) addLane(c, true)
  for (const c of containers.regular) addLane(c, false)
  const initSet = new Set(containers.init)

  const segments: Segment[] = []
  const markers: Marker[] = []
  const ready: ReadySpan[] = []
  const main = new Map<string, Segment>()
  const overlay = new Map<string, Segment>()
  const readyOpen = new Map<string, ReadySpan>()

  const close = (m: Map<string, Segment>, lane: string, at: number) => {
    const s = m.get(lane)
    if (!s) return
    s.to = at
    s.open = false
    m.delete(lane)
    // A state that lasted no time (exited and backed off in the same instant) draws nothing.
    if (s.to === s.from) segments.splice(segments.lastIndexOf(s), 1)
  }
  const open = (lane: string, kind: SegmentKind, at: number, detail?: string) => {
    close(main, lane, at)
    const s: Segment = { lane, kind, from: at, to: at, open: true, overlay: false, ...(detail ? { detail } : {}) }
    segments.push(s)
    main.set(lane, s)
  }
  const openOverlay = (lane: string, kind: SegmentKind, at: number, detail?: string) => {
    close(overlay, lane, at)
    const s: Segment = { lane, kind, from: at, to: at, open: true, overlay: true, ...(detail ? { detail } : {}) }
    segments.push(s)
    overlay.set(lane, s)
  }
  const setReady = (lane: string, at: number, value: boolean) => {
    const cur = readyOpen.get(lane)
    if (cur && cur.ready === value) return
    if (cur) cur.to = at
    const span = { lane, from: at, to: at, ready: value }
    ready.push(span)
    readyOpen.set(lane, span)
  }
  const mark = (lane: string, kind: MarkerKind, r: LifecycleEntry) => markers.push({ lane, kind, at: r.at, stage: r.stage, ...(r.detail ? { detail: r.detail } : {}) })

  for (const r of records) {
    const lane = r.container ?? POD_LANE
    if (r.container) addLane(r.container, false)
    const at = r.at
    switch (r.stage) {
      // ---- the pod (sandbox, termination) ----
      case 'SandboxCreating':
        open(POD_LANE, 'sandbox', at)
        break
      case 'SandboxReady':
        close(main, POD_LANE, at)
        mark(POD_LANE, 'info', r)
        break
      case 'Terminating':
        open(POD_LANE, 'terminating', at, r.detail)
        mark(POD_LANE, 'kill', r)
        break
      case 'SandboxStopped':
      case 'Removed':
        if (r.container) break
        close(main, POD_LANE, at)
        mark(POD_LANE, 'info', r)
        break
      // ---- images ----
      case 'Pulling':
        open(lane, 'pulling', at, r.detail)
        break
      case 'Pulled':
      case 'ImagePresent':
        open(lane, 'creating', at, r.detail)
        break
      case 'PullFailed':
        // ErrImagePull, then the image waits out its back-off (ImagePullBackOff) until the next pull.
        open(lane, 'pullBackOff', at, r.detail)
        mark(lane, 'pullFail', r)
        break
      case 'ImagePullBackOff':
        open(lane, 'pullBackOff', at, r.detail)
        break
      // ---- container start ----
      case 'Created':
        if (main.get(lane)?.kind !== 'creating') open(lane, 'creating', at)
        break
      case 'Started':
        open(lane, initSet.has(lane) ? 'init' : 'running', at)
        if (r.detail?.startsWith('restart')) mark(lane, 'restart', r)
        break
      case 'PostStartHook':
        openOverlay(lane, 'postStart', at, r.detail)
        mark(lane, 'hook', r)
        break
      case 'PostStartHookDone':
        close(overlay, lane, at)
        break
      case 'PostStartHookFailed':
        close(overlay, lane, at)
        mark(lane, 'hookFail', r)
        break
      // ---- probes ----
      case 'ProbeResult': {
        const [type, result] = (r.detail ?? '').split(': ')
        if (type === 'readiness') {
          setReady(lane, at, result === 'Success')
          mark(lane, result === 'Success' ? 'ready' : 'notReady', r)
        }
        // Liveness/startup flips are already visible: each probe run has its marker, and a
        // failure is followed by the kill. The list keeps the ProbeResult line.
        break
      }
      // ---- stopping ----
      case 'Killing':
        if (main.get(lane)?.kind === 'running' || main.get(lane)?.kind === 'init') open(lane, 'stopping', at, r.detail)
        mark(lane, 'kill', r)
        break
      case 'PreStopHook':
        openOverlay(lane, 'preStop', at, r.detail)
        mark(lane, 'hook', r)
        break
      case 'StopContainer':
        close(overlay, lane, at)
        mark(lane, 'kill', r)
        break
      case 'Exited': {
        close(overlay, lane, at)
        const code = exitCode(r.detail)
        if (readyOpen.get(lane)?.ready) setReady(lane, at, false)
        // A completed init container is done; anything else waits to be restarted (or not).
        if (initSet.has(lane) && code === 0) close(main, lane, at)
        else open(lane, 'exited', at, r.detail)
        mark(lane, code === 0 ? 'exitOk' : 'exit', r)
        break
      }
      case 'BackOff':
        open(lane, 'crashBackOff', at, r.detail)
        break
      default:
        if (PROBE_STAGES.has(r.stage)) mark(lane, /^Success/.test(r.detail ?? '') ? 'probeOk' : 'probeFail', r)
        else mark(lane, 'info', r)
    }
  }

  const start = records.length ? records[0].at : now
  const end = Math.max(now, records.length ? records[records.length - 1].at : now, start + 1000)
  for (const s of segments) if (s.open) s.to = end
  for (const s of ready) if (readyOpen.get(s.lane) === s) s.to = end
  return { lanes, segments, markers, ready, start, end }
}

/** The list view: consecutive identical successful probes fold into one line with a count. */
export interface ListItem extends LifecycleEntry {
  count: number
  last: number
}

export function foldRecords(records: readonly LifecycleEntry[]): ListItem[] {
  const out: ListItem[] = []
  for (const r of records) {
    const prev = out[out.length - 1]
    if (prev && PROBE_STAGES.has(r.stage) && prev.stage === r.stage && prev.container === r.container && prev.detail === r.detail) {
      prev.count++
      prev.last = r.at
      continue
    }
    out.push({ ...r, count: 1, last: r.at })
  }
  return out
}
