import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { podView } from './pod-status'

const running = { running: { startedAt: '2026-01-01T00:00:05Z' } }
const waiting = (reason: string) => ({ waiting: { reason } })

function pod(opts: { nodeName?: string; phase?: string; statuses?: object[]; conditions?: object[]; deleting?: boolean; init?: object[]; initSpecs?: object[] }): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u', ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}) },
    spec: { containers: [{ name: 'a', image: 'nginx' }], ...(opts.nodeName ? { nodeName: opts.nodeName } : {}), ...(opts.initSpecs ? { initContainers: opts.initSpecs } : {}) },
    status: { phase: opts.phase ?? 'Pending', containerStatuses: opts.statuses, conditions: opts.conditions, initContainerStatuses: opts.init },
  }
}
const ready = [{ type: 'Ready', status: 'True' }]
const cs = (state: object, extra: object = {}) => ({ name: 'a', image: 'nginx', ready: false, restartCount: 0, state, ...extra })

describe('podView: kubectl STATUS column and canvas colour', () => {
  it.each([
    ['unscheduled', pod({}), 'Pending', 'pending', '0/1'],
    ['bound, kubelet not yet reporting', pod({ nodeName: 'node-1' }), 'Pending', 'pending', '0/1'],
    ['creating', pod({ nodeName: 'node-1', statuses: [cs(waiting('ContainerCreating'))] }), 'ContainerCreating', 'creating', '0/1'],
    ['running and ready', pod({ nodeName: 'node-1', phase: 'Running', statuses: [cs(running, { ready: true })], conditions: ready }), 'Running', 'running', '1/1'],
    ['running, not ready', pod({ nodeName: 'node-1', phase: 'Running', statuses: [cs(running)] }), 'Running', 'notReady', '0/1'],
    ['crash loop', pod({ nodeName: 'node-1', phase: 'Running', statuses: [cs(waiting('CrashLoopBackOff'), { restartCount: 3 })] }), 'CrashLoopBackOff', 'failed', '0/1'],
    ['image pull', pod({ nodeName: 'node-1', statuses: [cs(waiting('ImagePullBackOff'))] }), 'ImagePullBackOff', 'failed', '0/1'],
    ['completed', pod({ nodeName: 'node-1', phase: 'Succeeded', statuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }), 'Completed', 'succeeded', '0/1'],
    ['failed, no reason', pod({ nodeName: 'node-1', phase: 'Failed', statuses: [cs({ terminated: { exitCode: 2 } })] }), 'ExitCode:2', 'failed', '0/1'],
    ['terminating', pod({ nodeName: 'node-1', phase: 'Running', statuses: [cs(running, { ready: true })], conditions: ready, deleting: true }), 'Terminating', 'terminating', '1/1'],
    ['deleting a terminal pod is not Terminating', pod({ nodeName: 'node-1', phase: 'Succeeded', statuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })], deleting: true }), 'Completed', 'succeeded', '0/1'],
    ['init running', pod({ nodeName: 'node-1', init: [cs(running)], initSpecs: [{ name: 'i', image: 'busybox' }] }), 'Init:0/1', 'creating', '0/1'],
    ['init crash', pod({ nodeName: 'node-1', init: [cs(waiting('CrashLoopBackOff'))], initSpecs: [{ name: 'i', image: 'busybox' }] }), 'Init:CrashLoopBackOff', 'failed', '0/1'],
  ])('%s', (_name, p, status, tone, readyCol) => {
    const v = podView(p)
    expect(v.status).toBe(status)
    expect(v.tone).toBe(tone)
    expect(v.ready).toBe(readyCol)
  })

  it('sums restarts over containers', () => {
    const p = pod({ nodeName: 'n', phase: 'Running', statuses: [cs(running, { restartCount: 2 }), cs(running, { restartCount: 5 })] })
    expect(podView(p).restarts).toBe(7)
  })
})
