import { describe, expect, it } from 'vitest'
import type { Container, ContainerStatus, PodSpec } from '../api/types'
import { getPhase, hasAnyRegularContainerStarted } from './phase'

// Statuses by shorthand: R running, T<n> terminated with exit n, W waiting, W<n> waiting after exit n, S running+started.
function st(name: string, s: string): ContainerStatus {
  const base = { name, image: 'x', ready: false, restartCount: 0 }
  if (s === 'R') return { ...base, state: { running: {} }, started: false }
  if (s === 'S') return { ...base, state: { running: {} }, started: true }
  if (s.startsWith('T')) return { ...base, state: { terminated: { exitCode: Number(s.slice(1)) } } }
  if (s === 'W') return { ...base, state: { waiting: { reason: 'ContainerCreating' } } }
  if (s.startsWith('W')) return { ...base, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: Number(s.slice(1)) } } }
  return { ...base, state: {} }
}

const c = (name: string): Container => ({ name, image: 'x' })
const sidecar = (name: string): Container => ({ name, image: 'x', restartPolicy: 'Always' })

interface Case {
  name: string
  init?: Container[]
  containers?: string[]
  policy?: PodSpec['restartPolicy']
  statuses: Record<string, string>
  terminal?: boolean
  initialized?: boolean
  static?: boolean
  want: string
}

const cases: Case[] = [
  { name: 'no statuses yet', statuses: {}, want: 'Pending' },
  { name: 'waiting (ContainerCreating)', statuses: { a: 'W' }, want: 'Pending' },
  { name: 'running', statuses: { a: 'R' }, want: 'Running' },
  { name: 'one running, one waiting', containers: ['a', 'b'], statuses: { a: 'R', b: 'W' }, want: 'Pending' },
  { name: 'one running, one unknown', containers: ['a', 'b'], statuses: { a: 'R' }, want: 'Pending' },
  { name: 'one running, one exited 0', containers: ['a', 'b'], statuses: { a: 'R', b: 'T0' }, want: 'Running' },
  { name: 'exited 0, Always: restarting', statuses: { a: 'T0' }, policy: 'Always', want: 'Running' },
  { name: 'exited 0, OnFailure', statuses: { a: 'T0' }, policy: 'OnFailure', want: 'Succeeded' },
  { name: 'exited 0, Never', statuses: { a: 'T0' }, policy: 'Never', want: 'Succeeded' },
  { name: 'exited 1, Always', statuses: { a: 'T1' }, policy: 'Always', want: 'Running' },
  { name: 'exited 1, OnFailure: restarting', statuses: { a: 'T1' }, policy: 'OnFailure', want: 'Running' },
  { name: 'exited 1, Never', statuses: { a: 'T1' }, policy: 'Never', want: 'Failed' },
  { name: 'one 0, one 1, Never', containers: ['a', 'b'], statuses: { a: 'T0', b: 'T1' }, policy: 'Never', want: 'Failed' },
  { name: 'CrashLoopBackOff counts as stopped', statuses: { a: 'W1' }, policy: 'Always', want: 'Running' },
  { name: 'terminal, killed by SIGTERM', statuses: { a: 'T143' }, policy: 'Always', terminal: true, want: 'Failed' },
  { name: 'terminal, all exit 0', statuses: { a: 'T0' }, policy: 'Always', terminal: true, want: 'Succeeded' },
  { name: 'terminal static pod keeps the policy rule', statuses: { a: 'T143' }, policy: 'Always', terminal: true, static: true, want: 'Running' },
  { name: 'terminal but one still running', containers: ['a', 'b'], statuses: { a: 'R', b: 'T0' }, terminal: true, want: 'Running' },
  // Regular init containers.
  { name: 'init not started', init: [c('i')], statuses: { a: 'W' }, want: 'Pending' },
  { name: 'init running', init: [c('i')], statuses: { i: 'R', a: 'W' }, want: 'Pending' },
  { name: 'init done, app running', init: [c('i')], statuses: { i: 'T0', a: 'R' }, want: 'Running' },
  { name: 'init failed, Never', init: [c('i')], statuses: { i: 'T1', a: 'W' }, policy: 'Never', want: 'Failed' },
  { name: 'init failed, Always: retried', init: [c('i')], statuses: { i: 'T1', a: 'W' }, policy: 'Always', want: 'Pending' },
  { name: 'init back-off after exit 1, Never', init: [c('i')], statuses: { i: 'W1', a: 'W' }, policy: 'Never', want: 'Failed' },
  { name: 'init waiting, never ran', init: [c('i')], statuses: { i: 'W', a: 'W' }, want: 'Pending' },
  // Sidecars (restartable init containers).
  { name: 'sidecar running, not started yet', init: [sidecar('s')], statuses: { s: 'R', a: 'W' }, want: 'Pending' },
  { name: 'sidecar started, app running', init: [sidecar('s')], statuses: { s: 'S', a: 'R' }, want: 'Running' },
  { name: 'sidecar restarting after the pod initialized', init: [sidecar('s')], statuses: { s: 'R', a: 'R' }, initialized: true, want: 'Running' },
  { name: 'sidecar unknown', init: [sidecar('s')], statuses: { a: 'R' }, want: 'Pending' },
  { name: 'sidecar waiting first time', init: [sidecar('s')], statuses: { s: 'W', a: 'R' }, initialized: true, want: 'Pending' },
  { name: 'sidecar stopped does not count', init: [sidecar('s')], statuses: { s: 'T0', a: 'T0' }, policy: 'Never', want: 'Succeeded' },
  { name: 'sidecar running, app done, Never', init: [sidecar('s')], statuses: { s: 'S', a: 'T0' }, policy: 'Never', want: 'Running' },
]

describe('getPhase (REFERENCE 6.1)', () => {
  it.each(cases)('$name → $want', (tc) => {
    const spec: PodSpec = { containers: (tc.containers ?? ['a']).map(c), initContainers: tc.init, restartPolicy: tc.policy ?? 'Always' }
    const statuses = Object.entries(tc.statuses).map(([n, s]) => st(n, s))
    expect(getPhase(spec, statuses, tc.terminal ?? false, tc.initialized ?? false, tc.static ?? false)).toBe(tc.want)
  })
})

describe('hasAnyRegularContainerStarted', () => {
  const spec: PodSpec = { containers: [c('a')], initContainers: [c('i')] }
  it.each([
    [{ a: 'W' }, false],
    [{ i: 'R' }, false],
    [{ a: 'R' }, true],
    [{ a: 'T0' }, true],
    [{ a: 'W1' }, true],
  ] as [Record<string, string>, boolean][])('%j → %s', (s, want) => {
    expect(hasAnyRegularContainerStarted(spec, Object.entries(s).map(([n, v]) => st(n, v)))).toBe(want)
  })
})
