import { describe, expect, it } from 'vitest'
import type { Container, Pod } from '../api/types'
import type { RuntimeContainer, RuntimePod } from './containers'
import { computePodActions } from './pod-actions'
import type { ProbeResult } from './prober'

type State = 'none' | 'created' | 'running' | `exited:${number}`

function runtimePod(states: Record<string, State>, sandbox = true): RuntimePod {
  const containers = new Map<string, RuntimeContainer>()
  for (const [name, s] of Object.entries(states)) {
    if (s === 'none') continue
    const exited = s.startsWith('exited:')
    containers.set(name, { name, id: `id-${name}`, state: exited ? 'exited' : (s as 'created' | 'running'), exitCode: exited ? Number(s.slice(7)) : undefined } as RuntimeContainer)
  }
  return { uid: 'u', containers, previous: new Map(), volumes: new Map(), sandbox: sandbox ? { id: 's', ip: '10.244.1.2', createdAt: 0 } : undefined }
}

function pod(containers: Partial<Container>[], inits: Partial<Container>[] = [], restartPolicy: Pod['spec']['restartPolicy'] = 'Always'): Pod {
  const c = (x: Partial<Container>) => ({ image: 'busybox', ...x }) as Container
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { restartPolicy, containers: containers.map(c), initContainers: inits.map(c) } }
}

function actions(p: Pod, rp: RuntimePod | undefined, probes: { liveness?: Record<string, ProbeResult>; startup?: Record<string, ProbeResult> } = {}) {
  return computePodActions({ pod: p, rp, liveness: (id) => probes.liveness?.[id], startup: (id) => probes.startup?.[id] })
}

describe('computePodActions: restart policy', () => {
  // [policy, exit code, restarted?]
  it.each<[Pod['spec']['restartPolicy'], number, boolean]>([
    ['Always', 0, true],
    ['Always', 1, true],
    ['OnFailure', 0, false],
    ['OnFailure', 1, true],
    ['Never', 0, false],
    ['Never', 1, false],
  ])('%s, exit %d → restart %s', (policy, code, restarted) => {
    const a = actions(pod([{ name: 'app' }], [], policy), runtimePod({ app: `exited:${code}` }))
    expect(a.toStart).toEqual(restarted ? ['app'] : [])
    // A finished pod (nothing runs, nothing to start) is killed.
    expect(a.killPod).toBe(!restarted)
  })

  it('a pod with no sandbox gets one; one that finished does not', () => {
    expect(actions(pod([{ name: 'app' }]), undefined).createSandbox).toBe(true)
    expect(actions(pod([{ name: 'app' }]), runtimePod({ app: 'exited:0' }, false))).toMatchObject({ createSandbox: false, killPod: true })
  })

  it('starts every regular container in spec order; keeps running ones', () => {
    const a = actions(pod([{ name: 'a' }, { name: 'b' }, { name: 'c' }]), runtimePod({ a: 'none', b: 'running', c: 'created' }))
    expect(a).toMatchObject({ toStart: ['a', 'c'], kill: [], killPod: false })
  })
})

describe('computePodActions: probes', () => {
  it('a liveness failure kills and restarts (`, will be restarted` unless Never)', () => {
    const p = pod([{ name: 'app' }])
    expect(actions(p, runtimePod({ app: 'running' }), { liveness: { 'id-app': 'Failure' } })).toMatchObject({
      kill: [{ name: 'app', message: 'Container app failed liveness probe, will be restarted', reason: 'LivenessProbe' }],
      toStart: ['app'],
    })
    const never = pod([{ name: 'app' }], [], 'Never')
    expect(actions(never, runtimePod({ app: 'running' }), { liveness: { 'id-app': 'Failure' } })).toMatchObject({
      kill: [{ name: 'app', message: 'Container app failed liveness probe', reason: 'LivenessProbe' }],
      toStart: [],
      killPod: true,
    })
  })

  it('a startup failure kills too; Unknown and Success keep the container', () => {
    const p = pod([{ name: 'app' }])
    expect(actions(p, runtimePod({ app: 'running' }), { startup: { 'id-app': 'Failure' } }).kill[0]?.message).toBe('Container app failed startup probe, will be restarted')
    expect(actions(p, runtimePod({ app: 'running' }), { startup: { 'id-app': 'Unknown' }, liveness: { 'id-app': 'Success' } }).kill).toEqual([])
  })
})

describe('computePodActions: init containers', () => {
  const inits = [{ name: 'i0' }, { name: 'i1' }]
  it.each<[string, Record<string, State>, string[], boolean]>([
    ['nothing ran: the first', { i0: 'none', i1: 'none', app: 'none' }, ['i0'], false],
    ['the first runs: wait', { i0: 'running', i1: 'none', app: 'none' }, [], false],
    ['the first done: the second', { i0: 'exited:0', i1: 'none', app: 'none' }, ['i1'], false],
    ['the first failed: again', { i0: 'exited:1', i1: 'none', app: 'none' }, ['i0'], false],
    ['all done: the app', { i0: 'exited:0', i1: 'exited:0', app: 'none' }, [], true],
    ['the app runs: inits are not looked at again', { i0: 'exited:1', i1: 'none', app: 'running' }, [], false],
  ])('%s', (_, states, initToStart, appStarts) => {
    const a = actions(pod([{ name: 'app' }], inits), runtimePod(states))
    expect(a.initToStart).toEqual(initToStart)
    expect(a.toStart).toEqual(appStarts ? ['app'] : [])
  })

  it('a failed init container with restartPolicy Never kills the pod', () => {
    expect(actions(pod([{ name: 'app' }], inits, 'Never'), runtimePod({ i0: 'exited:1' }))).toMatchObject({ killPod: true, initToStart: [], toStart: [] })
  })

  it('a sidecar must be started before the next init container; it restarts when it exits', () => {
    const p = pod([{ name: 'app' }], [{ name: 'side', restartPolicy: 'Always', startupProbe: { exec: { command: ['true'] } } }, { name: 'i1' }])
    expect(actions(p, runtimePod({ side: 'running' }), { startup: {} }).initToStart).toEqual([])
    expect(actions(p, runtimePod({ side: 'running' }), { startup: { 'id-side': 'Unknown' } }).initToStart).toEqual([])
    expect(actions(p, runtimePod({ side: 'running' }), { startup: { 'id-side': 'Success' } }).initToStart).toEqual(['i1'])
    expect(actions(p, runtimePod({ side: 'exited:1', i1: 'exited:0', app: 'running' })).initToStart).toEqual(['side'])
    expect(actions(p, runtimePod({ side: 'running' }), { startup: { 'id-side': 'Failure' } })).toMatchObject({
      initToStart: ['side'],
      kill: [{ name: 'side', message: 'Init container side failed startup probe', reason: 'StartupProbe' }],
    })
  })

  it('sidecars do not keep a finished pod alive', () => {
    const p = pod([{ name: 'app' }], [{ name: 'side', restartPolicy: 'Always' }], 'Never')
    expect(actions(p, runtimePod({ side: 'running', app: 'exited:0' }))).toMatchObject({ killPod: true, initToStart: [] })
  })
})
