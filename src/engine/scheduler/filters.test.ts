import { describe, expect, it } from 'vitest'
import type { Pod, Toleration } from '../api/types'
import { preFilter, runFilterPlugins } from './filters'
import { node, nodeInfo, pod } from './fixtures'
import type { NodeInfo } from './node-info'

const run = (p: Pod, n: NodeInfo) => runFilterPlugins(preFilter(p), n)

describe('TaintToleration filter', () => {
  it('rejects the not-ready NoSchedule taint despite the default NoExecute tolerations', () => {
    const n = nodeInfo(node('a', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] }))
    expect(run(pod('p'), n)).toEqual({
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    })
  })

  it('prints the value of the first untolerated taint', () => {
    const n = nodeInfo(node('a', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }))
    expect(run(pod('p'), n)?.reasons).toEqual(['node(s) had untolerated taint {dedicated: gpu}'])
  })

  it.each<[string, Toleration, boolean]>([
    ['Equal with the value', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    ['no operator means Equal', { key: 'dedicated', value: 'gpu' }, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, false],
    ['Exists on the key, any effect', { key: 'dedicated', operator: 'Exists' }, true],
    ['Exists with an empty key tolerates everything', { operator: 'Exists' }, true],
    ['another effect', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
  ])('%s → fits: %s', (_name, tol, fits) => {
    const n = nodeInfo(node('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }))
    const p = pod('p', { spec: { tolerations: [tol] } })
    expect(run(p, n) === undefined).toBe(fits)
  })

  it('ignores PreferNoSchedule taints (they only lower the score)', () => {
    expect(run(pod('p'), nodeInfo(node('a', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] })))).toBeUndefined()
  })
})

describe('NodeUnschedulable filter', () => {
  it('rejects a cordoned node, before TaintToleration looks', () => {
    const n = nodeInfo(node('a', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }))
    expect(run(pod('p'), n)).toEqual({ plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] })
  })

  it('lets a pod that tolerates node.kubernetes.io/unschedulable:NoSchedule through', () => {
    const p = pod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } })
    expect(run(p, nodeInfo(node('a', { unschedulable: true })))).toBeUndefined()
  })
})

describe('NodeAffinity filter', () => {
  const affinityPod = (matchExpressions: unknown[]) =>
    pod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } } } })
  const labelled = nodeInfo(node('a', { labels: { disk: 'ssd', cores: '8' } }))

  it('nodeSelector needs every label', () => {
    expect(run(pod('p', { spec: { nodeSelector: { disk: 'ssd' } } }), labelled)).toBeUndefined()
    expect(run(pod('p', { spec: { nodeSelector: { disk: 'ssd', gpu: 'yes' } } }), labelled)).toEqual({
      plugin: 'NodeAffinity',
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match Pod's node affinity/selector"],
    })
  })

  it.each([
    [{ key: 'disk', operator: 'In', values: ['hdd', 'ssd'] }, true],
    [{ key: 'disk', operator: 'In', values: ['hdd'] }, false],
    [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }, true],
    [{ key: 'gpu', operator: 'NotIn', values: ['yes'] }, true], // absent key matches NotIn
    [{ key: 'disk', operator: 'Exists' }, true],
    [{ key: 'gpu', operator: 'Exists' }, false],
    [{ key: 'gpu', operator: 'DoesNotExist' }, true],
    [{ key: 'cores', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'cores', operator: 'Gt', values: ['8'] }, false],
    [{ key: 'cores', operator: 'Lt', values: ['16'] }, true],
    [{ key: 'disk', operator: 'Gt', values: ['4'] }, false], // not an integer label
    [{ key: 'disk', operator: 'In', values: [] }, false], // does not parse: the term never matches
  ])('%j → fits: %s', (req, fits) => {
    expect(run(affinityPod([req]), labelled) === undefined).toBe(fits)
  })

  it('ORs the terms and ANDs the expressions inside a term', () => {
    const terms = [
      { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'gpu', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2'] }] },
    ]
    const p = pod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } })
    expect(run(p, labelled)).toBeUndefined()
    expect(run(p, nodeInfo(node('b', { labels: { disk: 'ssd' } })))?.plugin).toBe('NodeAffinity')
  })
})

describe('NodePorts filter', () => {
  const withPort = (name: string, hostPort: number, protocol: 'TCP' | 'UDP' = 'TCP', hostIP?: string, nodeName?: string) =>
    pod(name, { nodeName, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort, protocol, ...(hostIP ? { hostIP } : {}) }] }] })

  it('rejects a host port already in use', () => {
    const n = nodeInfo(node('a'), [withPort('x', 8080, 'TCP', undefined, 'a')])
    expect(run(withPort('p', 8080), n)).toEqual({
      plugin: 'NodePorts',
      code: 'Unschedulable',
      reasons: ["node(s) didn't have free ports for the requested pod ports"],
    })
  })

  it.each([
    ['another port', withPort('p', 8081), true],
    ['same port, UDP', withPort('p', 8080, 'UDP'), true],
    ['same port on a specific IP, the other binds 0.0.0.0', withPort('p', 8080, 'TCP', '10.0.0.1'), false],
  ])('%s → fits: %s', (_n, p, fits) => {
    const n = nodeInfo(node('a'), [withPort('x', 8080, 'TCP', undefined, 'a')])
    expect(run(p, n) === undefined).toBe(fits)
  })

  it('two specific IPs do not conflict', () => {
    const n = nodeInfo(node('a'), [withPort('x', 8080, 'TCP', '10.0.0.1', 'a')])
    expect(run(withPort('p', 8080, 'TCP', '10.0.0.2'), n)).toBeUndefined()
    expect(run(withPort('p', 8080, 'TCP'), n)?.plugin).toBe('NodePorts')
  })
})

describe('NodeResourcesFit filter (fit.go fitsRequest)', () => {
  it('lists every insufficient resource of one node, in Kubernetes order', () => {
    const n = nodeInfo(node('a', { cpu: '1', memory: '1Gi' }))
    expect(run(pod('p', { cpu: '2', memory: '2Gi' }), n)).toEqual({
      plugin: 'NodeResourcesFit',
      code: 'Unschedulable',
      reasons: ['Insufficient cpu', 'Insufficient memory'],
    })
  })

  it('counts what is already requested on the node', () => {
    const n = nodeInfo(node('a'), [pod('x', { cpu: '3500m', nodeName: 'a' })])
    expect(run(pod('p', { cpu: '500m' }), n)).toBeUndefined()
    expect(run(pod('p', { cpu: '501m' }), n)?.reasons).toEqual(['Insufficient cpu'])
  })

  it('Too many pods comes first, and applies even to pods with no requests', () => {
    const n = nodeInfo(node('a', { pods: '1', cpu: '1' }), [pod('x', { nodeName: 'a' })])
    expect(run(pod('p'), n)?.reasons).toEqual(['Too many pods'])
    expect(run(pod('p', { cpu: '2' }), n)?.reasons).toEqual(['Too many pods', 'Insufficient cpu'])
  })

  it('a resource the pod does not request never fails, even when the node is overcommitted', () => {
    const n = nodeInfo(node('a', { cpu: '1' }), [pod('x', { cpu: '2', nodeName: 'a' })])
    expect(run(pod('p', { memory: '1Gi' }), n)).toBeUndefined()
  })

  it('takes the largest init container when it exceeds the sum of the containers', () => {
    const p = pod('p', { cpu: '1', spec: { initContainers: [{ name: 'i', image: 'busybox', resources: { requests: { cpu: '5' } } }] } })
    expect(run(p, nodeInfo(node('a')))?.reasons).toEqual(['Insufficient cpu'])
  })
})

describe('plugin order', () => {
  it('the first failing plugin decides: NodeAffinity before NodeResourcesFit', () => {
    const p = pod('p', { cpu: '64', spec: { nodeSelector: { disk: 'ssd' } } })
    expect(run(p, nodeInfo(node('a')))?.plugin).toBe('NodeAffinity')
  })
})
