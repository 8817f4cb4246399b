import { describe, expect, it } from 'vitest'
import type { Pod } from '../api/types'
import { controllerOf, isPodActive, isPodAvailable, isPodReady, maxContainerRestarts, podDeletionCost, POD_DELETION_COST } from './pod-utils'

const base = (over: Partial<Pod> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'x' }] },
  ...over,
})
const ready = (since: string) => base({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] } })
const T = (s: string) => Date.parse(`2026-01-01T00:00:${s}Z`)

describe('isPodActive', () => {
  it.each([
    ['Pending', undefined, true],
    ['Running', undefined, true],
    ['Unknown', undefined, true],
    ['Succeeded', undefined, false],
    ['Failed', undefined, false],
    ['Running', '2026-01-01T00:00:00Z', false],
  ] as const)('phase %s, deletionTimestamp %s -> %s', (phase, del, want) => {
    expect(isPodActive(base({ metadata: { name: 'p', deletionTimestamp: del }, status: { phase } }))).toBe(want)
  })
})

describe('isPodReady / isPodAvailable', () => {
  it('needs the Ready condition True', () => {
    expect(isPodReady(base())).toBe(false)
    expect(isPodReady(base({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }))).toBe(false)
    expect(isPodReady(ready('2026-01-01T00:00:00Z'))).toBe(true)
  })
  it.each([
    // minReadySeconds 0: available as soon as ready
    [0, '00', '00', true],
    // ready at :00, minReady 10: at :10 exactly it is not yet available (strictly Before), at :10.001 it is
    [10, '00', '10', false],
    [10, '00', '10.001', true],
    [10, '00', '05', false],
  ] as const)('minReadySeconds %i, ready at :%s, now :%s -> %s', (min, since, now, want) => {
    expect(isPodAvailable(ready(`2026-01-01T00:00:${since}Z`), min, T(now))).toBe(want)
  })
  it('a pod that is not ready is never available', () => {
    expect(isPodAvailable(base({ status: { phase: 'Running' } }), 0, T('59'))).toBe(false)
  })
})

describe('podDeletionCost (GetDeletionCostFromPodAnnotations)', () => {
  it.each([
    [undefined, 0],
    ['100', 100],
    ['-5', -5],
    ['0', 0],
    ['+10', 0],
    ['008', 0],
    ['1e3', 0],
    ['', 0],
    ['2147483647', 2147483647],
    ['2147483648', 0],
    ['-2147483648', -2147483648],
  ] as const)('%s -> %i', (v, want) => {
    const p = base({ metadata: { name: 'p', annotations: v === undefined ? undefined : { [POD_DELETION_COST]: v } } })
    expect(podDeletionCost(p)).toBe(want)
  })
})

describe('maxContainerRestarts', () => {
  it('separates regular containers from sidecars (restartable init containers)', () => {
    const p = base({
      spec: { containers: [{ name: 'a', image: 'x' }], initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always' }, { name: 'init', image: 'x' }] },
      status: {
        containerStatuses: [{ name: 'a', image: 'x', ready: true, restartCount: 2, state: {} }],
        initContainerStatuses: [
          { name: 'side', image: 'x', ready: true, restartCount: 7, state: {} },
          { name: 'init', image: 'x', ready: false, restartCount: 9, state: {} },
        ],
      },
    })
    expect(maxContainerRestarts(p)).toEqual({ regular: 2, sidecar: 7 })
  })
})

describe('controllerOf', () => {
  it('returns the reference with controller: true only', () => {
    const refs = [
      { apiVersion: 'v1', kind: 'X', name: 'a', uid: '1' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ]
    expect(controllerOf(base({ metadata: { name: 'p', ownerReferences: refs } }))?.uid).toBe('2')
    expect(controllerOf(base({ metadata: { name: 'p', ownerReferences: [refs[0]] } }))).toBeUndefined()
  })
})
