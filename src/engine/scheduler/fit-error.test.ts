import { describe, expect, it } from 'vitest'
import { fitErrorMessage, truncateMessage, type NodeStatus } from './fit-error'
import { schedulePod } from './schedule-one'
import { node, nodeInfo, pod } from './fixtures'
import { Rng } from '../rng'

const st = (...reasons: string[]): NodeStatus => ({ code: 'Unschedulable', reasons })
const statuses = (entries: [string, NodeStatus][]) => ({ statuses: new Map(entries) })

describe('FitError message (framework/types.go)', () => {
  it('counts one reason per node', () => {
    const d = statuses([['a', st('Insufficient cpu')], ['b', st('Insufficient cpu')], ['c', st('Insufficient cpu')]])
    expect(fitErrorMessage(3, d)).toBe('0/3 nodes are available: 3 Insufficient cpu.')
  })

  it('a node with two reasons counts once in each', () => {
    const d = statuses([['a', st('Insufficient cpu', 'Insufficient memory')], ['b', st('Insufficient cpu')]])
    expect(fitErrorMessage(2, d)).toBe('0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.')
  })

  it('sorts the histogram as strings: "10 …" before "2 …"', () => {
    const entries: [string, NodeStatus][] = []
    for (let i = 0; i < 10; i++) entries.push([`n${i}`, st('Too many pods')])
    entries.push(['x', st('Insufficient cpu')], ['y', st('Insufficient cpu')])
    expect(fitErrorMessage(12, statuses(entries))).toBe('0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu.')
  })

  it('adds the absent-nodes reasons times the number of absent nodes', () => {
    const d = { statuses: new Map([['a', st('Insufficient cpu')]]), absent: st('Preemption is not helpful for scheduling') }
    expect(fitErrorMessage(4, d)).toBe('0/4 nodes are available: 1 Insufficient cpu, 3 Preemption is not helpful for scheduling.')
  })

  it('uses only the PreFilter message when PreFilter rejected', () => {
    const d = statuses([['a', st('x')]])
    expect(fitErrorMessage(2, d, "node(s) didn't satisfy plugin(s) [NodeAffinity]")).toBe(
      "0/2 nodes are available: node(s) didn't satisfy plugin(s) [NodeAffinity].",
    )
  })

  it('appends the PostFilter message without another period', () => {
    expect(fitErrorMessage(1, statuses([['a', st('Insufficient cpu')]]), '', 'preemption: x.')).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: x.',
    )
  })

  it('truncates to NoteLengthLimit (1024) with " ..."', () => {
    const long = 'x'.repeat(2000)
    expect(truncateMessage(long)).toHaveLength(1024)
    expect(truncateMessage(long).endsWith('x ...')).toBe(true)
    expect(truncateMessage('short')).toBe('short')
  })
})

describe('the whole message, with DefaultPreemption (schedulePod)', () => {
  const rng = new Rng(1)
  const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' as const }

  it('resolvable reasons: preemption finds no victims on any node', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => nodeInfo(node(n)))
    expect(schedulePod(pod('big', { cpu: '5' }), nodes, 0, rng).message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    )
  })

  it('unresolvable reasons: preemption is not helpful', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => nodeInfo(node(n, { taints: [notReady] })))
    expect(schedulePod(pod('p'), nodes, 0, rng).message).toBe(
      '0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })

  it('mixed: each node is counted under its own reason', () => {
    const nodes = [nodeInfo(node('node-1', { taints: [notReady] })), nodeInfo(node('node-2')), nodeInfo(node('node-3'))]
    expect(schedulePod(pod('big', { cpu: '5' }), nodes, 0, rng).message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    )
  })

  it('victims of lower priority that would not make room leave the filter reason', () => {
    const n = nodeInfo(node('node-1', { cpu: '1' }), [pod('low', { cpu: '500m', priority: -1, nodeName: 'node-1' })])
    expect(schedulePod(pod('big', { cpu: '2' }), [n], 0, rng).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    )
  })

  it('preemptionPolicy: Never', () => {
    const nodes = [nodeInfo(node('node-1'))]
    expect(schedulePod(pod('big', { cpu: '5', spec: { preemptionPolicy: 'Never' } }), nodes, 0, rng).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    )
  })

  it('no nodes at all', () => {
    expect(schedulePod(pod('p'), [], 0, rng).message).toBe('no nodes available to schedule pods')
  })
})
