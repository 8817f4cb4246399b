import type { Container, Node, Pod, Taint } from '../api/types'
import { NodeInfo } from './node-info'

/**
 * Test fixtures: nodes and pods shaped as the API server stores them, for the scheduler's
 * table tests (no cluster needed).
 */
let uid = 0

export function node(name: string, opts: { cpu?: string; memory?: string; pods?: string; taints?: Taint[]; labels?: Record<string, string>; unschedulable?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-uid-${name}`, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: {
      allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }
}

export function pod(
  name: string,
  opts: { cpu?: string; memory?: string; nodeName?: string; priority?: number; containers?: Container[]; spec?: Record<string, unknown> } = {},
): Pod {
  const requests: Record<string, string> = {}
  if (opts.cpu !== undefined) requests.cpu = opts.cpu
  if (opts.memory !== undefined) requests.memory = opts.memory
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `pod-uid-${name}-${++uid}` },
    spec: {
      containers: opts.containers ?? [{ name: 'c', image: 'nginx', resources: Object.keys(requests).length ? { requests } : {} }],
      nodeName: opts.nodeName,
      priority: opts.priority ?? 0,
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      ...(opts.spec ?? {}),
    },
    status: { phase: 'Pending' },
  }
}

/** A NodeInfo with these pods already on it. */
export function nodeInfo(n: Node, pods: Pod[] = []): NodeInfo {
  const info = new NodeInfo(n)
  for (const p of pods) info.addPod(p)
  return info
}
