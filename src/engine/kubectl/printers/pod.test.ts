import { describe, expect, it } from 'vitest'
import type { Pod, PodStatus } from '../../api/types'
import { VIRTUAL_EPOCH_MS } from '../../clock'
import { podRow } from './pod'
import { printContext } from './table'

// now = 10 minutes after the epoch; timestamps are parsed against the same epoch.
const NOW = 600_000
const p = printContext(NOW, (ts) => (ts ? Date.parse(ts) - VIRTUAL_EPOCH_MS : undefined), false)
const at = (ms: number) => new Date(VIRTUAL_EPOCH_MS + ms).toISOString().replace('.000Z', 'Z')

function pod(status: PodStatus, extra: { init?: { name: string; restartPolicy?: string }[]; containers?: number; deleting?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(extra.deleting ? { deletionTimestamp: at(NOW + 30_000) } : {}) },
    spec: {
      containers: Array.from({ length: extra.containers ?? 1 }, (_, i) => ({ name: `c${i}`, image: 'nginx' })),
      initContainers: extra.init?.map((c) => ({ image: 'busybox', ...c })),
    },
    status,
  }
}

const running = { running: { startedAt: at(0) } }
const cs = (state: object, o: { ready?: boolean; restarts?: number; name?: string; lastFinished?: number; started?: boolean } = {}) => ({
  name: o.name ?? 'c0',
  image: 'nginx',
  ready: o.ready ?? false,
  started: o.started,
  restartCount: o.restarts ?? 0,
  state,
  ...(o.lastFinished !== undefined ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(o.lastFinished) } } } : {}),
})
const ready = [{ type: 'Initialized', status: 'True' as const }, { type: 'Ready', status: 'True' as const }]

describe('podRow (printPod STATUS / READY / RESTARTS)', () => {
  it.each<[string, Pod, string, string, string]>([
    ['Pending, unscheduled', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
    ['ContainerCreating', pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }), '0/1', 'ContainerCreating', '0'],
    ['Running and ready', pod({ phase: 'Running', conditions: ready, containerStatuses: [cs(running, { ready: true })] }), '1/1', 'Running', '0'],
    ['Running, not ready', pod({ phase: 'Running', containerStatuses: [cs(running)] }), '0/1', 'Running', '0'],
    ['ErrImagePull', pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ErrImagePull' } })] }), '0/1', 'ErrImagePull', '0'],
    [
      'CrashLoopBackOff with restart age',
      pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restarts: 3, lastFinished: NOW - 45_000 })] }),
      '0/1',
      'CrashLoopBackOff',
      '3 (45s ago)',
    ],
    ['Completed', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }), '0/1', 'Completed', '0'],
    ['Error', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } })] }), '0/1', 'Error', '0'],
    ['ExitCode without reason', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 2 } })] }), '0/1', 'ExitCode:2', '0'],
    [
      'one completed, one still running and ready → Running',
      pod(
        { phase: 'Running', conditions: ready, containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'c1' }), cs(running, { ready: true })] },
        { containers: 2 },
      ),
      '1/2',
      'Running',
      '0',
    ],
    [
      'one completed, one running but pod not Ready → NotReady',
      pod({ phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'c1' }), cs(running, { ready: true })] }, { containers: 2 }),
      '1/2',
      'NotReady',
      '0',
    ],
    ['Init:0/2', pod({ phase: 'Pending', initContainerStatuses: [cs({ running: {} }, { name: 'i0' }), cs({ waiting: { reason: 'PodInitializing' } }, { name: 'i1' })] }, { init: [{ name: 'i0' }, { name: 'i1' }] }), '0/1', 'Init:0/2', '0'],
    ['Init:1/2', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 0 } }, { name: 'i0' }), cs({ running: {} }, { name: 'i1' })] }, { init: [{ name: 'i0' }, { name: 'i1' }] }), '0/1', 'Init:1/2', '0'],
    ['Init:Error', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } }, { name: 'i0' })] }, { init: [{ name: 'i0' }] }), '0/1', 'Init:Error', '0'],
    ['Init:ExitCode', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 7 } }, { name: 'i0' })] }, { init: [{ name: 'i0' }] }), '0/1', 'Init:ExitCode:7', '0'],
    ['Init:CrashLoopBackOff', pod({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { name: 'i0', restarts: 2 })] }, { init: [{ name: 'i0' }] }), '0/1', 'Init:CrashLoopBackOff', '2'],
    [
      'started sidecar counts towards READY',
      pod(
        { phase: 'Running', conditions: ready, initContainerStatuses: [cs(running, { name: 's', ready: true, started: true })], containerStatuses: [cs(running, { ready: true })] },
        { init: [{ name: 's', restartPolicy: 'Always' }] },
      ),
      '2/2',
      'Running',
      '0',
    ],
    ['Terminating', pod({ phase: 'Running', conditions: ready, containerStatuses: [cs(running, { ready: true })] }, { deleting: true }), '1/1', 'Terminating', '0'],
    ['Unknown on a lost node', pod({ phase: 'Running', reason: 'NodeLost', containerStatuses: [cs(running, { ready: true })] }, { deleting: true }), '1/1', 'Unknown', '0'],
    ['terminal pods are not Terminating', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }, { deleting: true }), '0/1', 'Completed', '0'],
    ['Evicted (status.reason)', pod({ phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
    ['SchedulingGated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated', '0'],
  ])('%s', (_name, input, readyCol, status, restarts) => {
    expect(podRow(input, p)).toEqual({ ready: readyCol, status, restarts })
  })
})
