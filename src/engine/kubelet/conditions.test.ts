import { describe, expect, it } from 'vitest'
import type { ContainerStatus, PodSpec } from '../api/types'
import { containersReadyCondition, initializedCondition, kubeletConditions, podReadyCondition } from './conditions'

const status = (name: string, ready: boolean, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'x',
  ready,
  restartCount: 0,
  state: ready ? { running: {} } : { waiting: { reason: 'ContainerCreating' } },
  ...extra,
})

const spec = (containers: string[], init: { name: string; restartPolicy?: string }[] = [], gates: string[] = []): PodSpec => ({
  containers: containers.map((name) => ({ name, image: 'x' })),
  initContainers: init.map((i) => ({ image: 'x', ...i })),
  readinessGates: gates.map((conditionType) => ({ conditionType })),
})

describe('ContainersReady / Ready (generate.go)', () => {
  it('lists unready containers in Go %s form', () => {
    expect(containersReadyCondition(spec(['a', 'b']), [status('a', false), status('b', false)], 'Pending')).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a b]',
    })
  })

  it('puts unknown containers first, joined with ", "', () => {
    expect(containersReadyCondition(spec(['a', 'c']), [status('a', false)], 'Pending').message).toBe(
      'containers with unknown status: [c], containers with unready status: [a]',
    )
  })

  it('counts sidecars but not regular init containers', () => {
    const s = spec(['a'], [{ name: 'init' }, { name: 'side', restartPolicy: 'Always' }])
    expect(containersReadyCondition(s, [status('a', true), status('init', false), status('side', false)], 'Running').message).toBe(
      'containers with unready status: [side]',
    )
  })

  it('True when every container is ready', () => {
    expect(containersReadyCondition(spec(['a']), [status('a', true)], 'Running')).toEqual({ type: 'ContainersReady', status: 'True' })
  })

  it('terminal phases: PodCompleted / PodFailed', () => {
    expect(containersReadyCondition(spec(['a']), [status('a', false)], 'Succeeded').reason).toBe('PodCompleted')
    expect(containersReadyCondition(spec(['a']), [status('a', true)], 'Failed').reason).toBe('PodFailed')
  })

  it('no statuses at all: UnknownContainerStatuses', () => {
    expect(containersReadyCondition(spec(['a']), undefined, 'Pending')).toEqual({ type: 'ContainersReady', status: 'False', reason: 'UnknownContainerStatuses' })
  })

  it('Ready copies ContainersReady when that is not True', () => {
    expect(podReadyCondition(spec(['a']), [], [status('a', false)], 'Pending')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a]',
    })
  })

  it('readiness gates: missing and not-True conditions', () => {
    const s = spec(['a'], [], ['example.com/lb', 'example.com/dns'])
    expect(podReadyCondition(s, [{ type: 'example.com/dns', status: 'False' }], [status('a', true)], 'Running')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist., the status of pod readiness gate "example.com/dns" is not "True", but False',
    })
  })
})

describe('Initialized', () => {
  it('incomplete regular init containers', () => {
    const s = spec(['a'], [{ name: 'i1' }, { name: 'i2' }])
    const st = [status('i1', true, { state: { terminated: { exitCode: 0 } } }), status('i2', false), status('a', false)]
    expect(initializedCondition(s, st, 'Pending')).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [i2]',
    })
  })

  it('a sidecar counts once started', () => {
    const s = spec(['a'], [{ name: 'side', restartPolicy: 'Always' }])
    expect(initializedCondition(s, [status('side', false, { started: true }), status('a', false)], 'Pending').status).toBe('True')
    expect(initializedCondition(s, [status('side', false, { started: false }), status('a', false)], 'Pending').message).toBe(
      'containers with incomplete status: [side]',
    )
  })

  it('stays True once a regular container has started', () => {
    const s = spec(['a'], [{ name: 'side', restartPolicy: 'Always' }])
    expect(initializedCondition(s, [status('side', false), status('a', true)], 'Running')).toEqual({ type: 'Initialized', status: 'True' })
  })

  it('no init containers: True', () => {
    expect(initializedCondition(spec(['a']), [status('a', false)], 'Pending')).toEqual({ type: 'Initialized', status: 'True' })
  })
})

describe('kubeletConditions', () => {
  it('in generateAPIPodStatus order, PodScheduled True', () => {
    const conds = kubeletConditions(spec(['a']), [status('a', false)], 'Pending', false)
    expect(conds.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False',
      'ContainersReady=False',
      'PodScheduled=True',
    ])
  })
})
