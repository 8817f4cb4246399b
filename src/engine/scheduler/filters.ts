import type { Pod } from '../api/types'
import type { NodeInfo } from './node-info'
import { hostPorts, type HostPort } from './node-info'
import { podRequests, type Resource } from './resources'
import { doNotSchedule, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from './taints'
import { hasRequiredNodeSelection, matchesRequiredNodeAffinity } from './node-affinity'

/**
 * The Filter plugins, in the newest default order without the volume plugins (REFERENCE 3.1):
 * NodeName, NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit.
 * Per node they run in order and the first that rejects decides (`RunFilterPlugins` returns
 * on the first non-success). Reason texts are Kubernetes' (REFERENCE 3.2).
 */

/** `framework.Code`s a Filter can answer with. Unresolvable means preemption cannot help. */
export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable'

export interface FilterStatus {
  code: FilterCode
  /** One node can have several reasons (NodeResourcesFit); the FitError histogram counts each. */
  reasons: string[]
  plugin: string
}

/** What PreFilter computes once per pod (`CycleState`). */
export interface CycleState {
  pod: Pod
  podRequest: Resource
  wantPorts: HostPort[]
  checkAffinity: boolean
}

export function preFilter(pod: Pod): CycleState {
  return {
    pod,
    podRequest: podRequests(pod.spec),
    wantPorts: hostPorts(pod),
    checkAffinity: hasRequiredNodeSelection(pod.spec),
  }
}

export const REASON = {
  nodeName: "node(s) didn't match the requested node name",
  unschedulable: 'node(s) were unschedulable',
  affinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
} as const

type Filter = (s: CycleState, n: NodeInfo) => Omit<FilterStatus, 'plugin'> | undefined

const uau = (reason: string) => ({ code: 'UnschedulableAndUnresolvable' as const, reasons: [reason] })

export const FILTER_PLUGINS: { name: string; filter: Filter }[] = [
  {
    name: 'NodeName',
    filter: (s, n) => (s.pod.spec.nodeName && s.pod.spec.nodeName !== n.name ? uau(REASON.nodeName) : undefined),
  },
  {
    // A pod that tolerates node.kubernetes.io/unschedulable:NoSchedule may use a cordoned node.
    name: 'NodeUnschedulable',
    filter: (s, n) =>
      n.node?.spec?.unschedulable &&
      !tolerationsTolerateTaint(s.pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
        ? uau(REASON.unschedulable)
        : undefined,
  },
  {
    name: 'TaintToleration',
    filter: (s, n) => {
      const t = findMatchingUntoleratedTaint(n.node?.spec?.taints, s.pod.spec.tolerations, doNotSchedule)
      // Go prints `{%s: %s}`: an empty value leaves `{node.kubernetes.io/not-ready: }`.
      return t ? uau(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`) : undefined
    },
  },
  {
    name: 'NodeAffinity',
    filter: (s, n) => (s.checkAffinity && n.node && !matchesRequiredNodeAffinity(s.pod.spec, n.node) ? uau(REASON.affinity) : undefined),
  },
  {
    name: 'NodePorts',
    filter: (s, n) =>
      s.wantPorts.some((p) => n.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort))
        ? { code: 'Unschedulable', reasons: [REASON.ports] }
        : undefined,
  },
  {
    name: 'NodeResourcesFit',
    filter: (s, n) => {
      const reasons = insufficientResources(s.podRequest, n)
      return reasons.length ? { code: 'Unschedulable', reasons } : undefined
    },
  },
]

/** Run the filters on one node; undefined means it fits. */
export function runFilterPlugins(s: CycleState, n: NodeInfo): FilterStatus | undefined {
  for (const p of FILTER_PLUGINS) {
    const st = p.filter(s, n)
    if (st) return { ...st, plugin: p.name }
  }
  return undefined
}

/**
 * NodeResourcesFit's `fitsRequest`: every shortfall is a reason, in this order — pods, cpu,
 * memory, ephemeral-storage, then extended resources (sorted here; Go iterates a map). A
 * resource the pod does not request never fails, even on an overcommitted node.
 */
export function insufficientResources(req: Resource, n: NodeInfo): string[] {
  const out: string[] = []
  if (n.pods.size + 1 > n.allowedPodNumber) out.push(REASON.tooManyPods)
  const scalars = Object.keys(req.scalar).filter((k) => req.scalar[k] !== 0)
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalars.length === 0) return out
  const a = n.allocatable
  const r = n.requested
  if (req.milliCPU > 0 && req.milliCPU > a.milliCPU - r.milliCPU) out.push('Insufficient cpu')
  if (req.memory > 0 && req.memory > a.memory - r.memory) out.push('Insufficient memory')
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > a.ephemeralStorage - r.ephemeralStorage) out.push('Insufficient ephemeral-storage')
  for (const k of scalars.sort())
    if (req.scalar[k] > (a.scalar[k] ?? 0) - (r.scalar[k] ?? 0)) out.push(`Insufficient ${k}`)
  return out
}
