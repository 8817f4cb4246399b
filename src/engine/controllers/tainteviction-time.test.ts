import { describe, expect, it } from 'vitest'
import { minTolerationMs } from './tainteviction-time'
import type { Taint, Toleration } from '../api/types'

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }
const tol = (key: string, seconds?: number): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) })

describe('getMinTolerationTime', () => {
  it.each([
    ['no NoExecute taint: nothing to do', [{ key: 'x', effect: 'NoSchedule' } as Taint], [], undefined],
    ['an untolerated taint: now', [unreachable], [], 0],
    ['the admission default: 300 s', [unreachable], [tol('node.kubernetes.io/unreachable', 300)], 300_000],
    ['the smallest of the used tolerations', [unreachable, notReady], [tol('node.kubernetes.io/unreachable', 300), tol('node.kubernetes.io/not-ready', 60)], 60_000],
    ['tolerated forever (no seconds)', [unreachable], [tol('node.kubernetes.io/unreachable')], undefined],
    ['a negative tolerationSeconds counts as 0', [unreachable], [tol('node.kubernetes.io/unreachable', -5)], 0],
    ['one taint tolerated, another not: now', [unreachable, notReady], [tol('node.kubernetes.io/unreachable')], 0],
  ] as const)('%s', (_why, taints, tolerations, expected) => {
    expect(minTolerationMs([...taints], [...tolerations])).toBe(expected)
  })
})
