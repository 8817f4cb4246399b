import { describe, expect, it } from 'vitest'
import type { LifecycleEntry } from '../../protocol'
import { POD_LANE, buildTimeline, exitCode, foldRecords } from './timeline'

const r = (at: number, stage: string, container?: string, detail?: string): LifecycleEntry => ({ at, stage, ...(container ? { container } : {}), ...(detail ? { detail } : {}) })

describe('lifecycle timeline', () => {
  it('a plain start: sandbox, pull, create, run — lanes for the pod and each container', () => {
    const t = buildTimeline(
      [r(0, 'Accepted'), r(10, 'SandboxCreating'), r(500, 'SandboxReady', undefined, 'IP 10.244.1.2'), r(500, 'Pulling', 'nginx', 'nginx:1.27'), r(3500, 'Pulled', 'nginx'), r(3550, 'Created', 'nginx'), r(3600, 'Started', 'nginx')],
      { init: [], regular: ['nginx'] },
      10_000,
    )
    expect(t.lanes.map((l) => l.id)).toEqual([POD_LANE, 'nginx'])
    expect(t.segments.map((s) => [s.lane, s.kind, s.from, s.to])).toEqual([
      [POD_LANE, 'sandbox', 10, 500],
      ['nginx', 'pulling', 500, 3500],
      ['nginx', 'creating', 3500, 3600],
      ['nginx', 'running', 3600, 10_000],
    ])
    expect(t.segments.at(-1)?.open).toBe(true)
    expect(t.start).toBe(0)
    expect(t.end).toBe(10_000)
  })

  it('init containers run first in their own lanes and end when they exit 0', () => {
    const t = buildTimeline(
      [r(0, 'Started', 'setup'), r(2000, 'Exited', 'setup', 'exit code 0 (Completed)'), r(2100, 'Started', 'app')],
      { init: ['setup'], regular: ['app'] },
      5000,
    )
    expect(t.lanes.map((l) => [l.id, l.init])).toEqual([
      [POD_LANE, false],
      ['setup', true],
      ['app', false],
    ])
    expect(t.segments.map((s) => [s.lane, s.kind, s.from, s.to, s.open])).toEqual([
      ['setup', 'init', 0, 2000, false],
      ['app', 'running', 2100, 5000, true],
    ])
    expect(t.markers.find((m) => m.stage === 'Exited')?.kind).toBe('exitOk')
  })

  it('a failing liveness probe: kill, exit 137, back-off, restart', () => {
    const t = buildTimeline(
      [
        r(0, 'Started', 'liveness'),
        r(10_000, 'LivenessProbe', 'liveness', 'Success'),
        r(40_000, 'LivenessProbe', 'liveness', 'Failure: cat: can\'t open \'/tmp/healthy\''),
        r(50_000, 'ProbeResult', 'liveness', 'liveness: Failure'),
        r(50_000, 'Killing', 'liveness', 'Container liveness failed liveness probe, will be restarted'),
        r(80_000, 'Exited', 'liveness', 'exit code 137 (Error)'),
        r(80_000, 'BackOff', 'liveness', 'back-off 10s'),
        r(90_000, 'Started', 'liveness', 'restart 1'),
      ],
      { init: [], regular: ['liveness'] },
      100_000,
    )
    expect(t.segments.filter((s) => s.lane === 'liveness').map((s) => [s.kind, s.from, s.to])).toEqual([
      ['running', 0, 50_000],
      ['stopping', 50_000, 80_000],
      ['crashBackOff', 80_000, 90_000],
      ['running', 90_000, 100_000],
    ])
    expect(t.markers.map((m) => m.kind)).toEqual(['probeOk', 'probeFail', 'kill', 'exit', 'restart'])
  })

  it('readiness spans follow readiness ProbeResults, and an exit makes the container unready', () => {
    const t = buildTimeline(
      [r(0, 'Started', 'web'), r(5000, 'ProbeResult', 'web', 'readiness: Success'), r(9000, 'ProbeResult', 'web', 'readiness: Failure'), r(12_000, 'ProbeResult', 'web', 'readiness: Success'), r(15_000, 'Exited', 'web', 'exit code 1 (Error)')],
      { init: [], regular: ['web'] },
      20_000,
    )
    expect(t.ready.map((s) => [s.ready, s.from, s.to])).toEqual([
      [true, 5000, 9000],
      [false, 9000, 12_000],
      [true, 12_000, 15_000],
      [false, 15_000, 20_000],
    ])
    expect(t.markers.filter((m) => m.kind === 'ready' || m.kind === 'notReady').map((m) => m.kind)).toEqual(['ready', 'notReady', 'ready'])
  })

  it('hooks are overlays: postStart over the running segment, preStop until SIGTERM', () => {
    const t = buildTimeline(
      [r(0, 'Started', 'c'), r(0, 'PostStartHook', 'c', '2s'), r(2000, 'PostStartHookDone', 'c'), r(10_000, 'Killing', 'c'), r(10_000, 'PreStopHook', 'c', 'runs 5s'), r(15_000, 'StopContainer', 'c', 'SIGTERM, SIGKILL after 25s'), r(15_100, 'Exited', 'c', 'exit code 143 (Error)')],
      { init: [], regular: ['c'] },
      16_000,
    )
    expect(t.segments.filter((s) => s.overlay).map((s) => [s.kind, s.from, s.to])).toEqual([
      ['postStart', 0, 2000],
      ['preStop', 10_000, 15_000],
    ])
    expect(t.segments.filter((s) => !s.overlay).map((s) => s.kind)).toEqual(['running', 'stopping', 'exited'])
  })

  it('ErrImagePull: pull fails, back-off (with or without an ImagePullBackOff record), pull again', () => {
    const t = buildTimeline([r(0, 'Pulling', 'app', 'nginx:does-not-exist'), r(1000, 'PullFailed', 'app', 'not found'), r(1000, 'ImagePullBackOff', 'app', '10s'), r(11_000, 'Pulling', 'app')], { init: [], regular: ['app'] }, 12_000)
    expect(t.segments.map((s) => [s.kind, s.from, s.to])).toEqual([
      ['pulling', 0, 1000],
      ['pullBackOff', 1000, 11_000],
      ['pulling', 11_000, 12_000],
    ])
    expect(t.markers.map((m) => m.kind)).toEqual(['pullFail'])
  })

  it('keeps stages it does not know as plain markers, and containers it was not told about get a lane', () => {
    const t = buildTimeline([r(0, 'SomethingNew', 'sidecar', 'x')], { init: [], regular: ['app'] }, 1000)
    expect(t.lanes.map((l) => l.id)).toEqual([POD_LANE, 'app', 'sidecar'])
    expect(t.markers).toEqual([{ lane: 'sidecar', kind: 'info', at: 0, stage: 'SomethingNew', detail: 'x' }])
  })

  it('exit codes', () => {
    expect(exitCode('exit code 137 (Error)')).toBe(137)
    expect(exitCode('exit code 0 (Completed)')).toBe(0)
    expect(exitCode(undefined)).toBeUndefined()
  })

  it('folds runs of identical probe results in the list', () => {
    const items = foldRecords([r(0, 'LivenessProbe', 'c', 'Success'), r(10, 'LivenessProbe', 'c', 'Success'), r(20, 'LivenessProbe', 'c', 'Success'), r(30, 'LivenessProbe', 'c', 'Failure: x'), r(40, 'Started', 'c')])
    expect(items.map((i) => [i.stage, i.detail, i.count, i.at, i.last])).toEqual([
      ['LivenessProbe', 'Success', 3, 0, 20],
      ['LivenessProbe', 'Failure: x', 1, 30, 30],
      ['Started', undefined, 1, 40, 40],
    ])
  })
})
