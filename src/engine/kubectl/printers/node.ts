import type { Node } from '../../api/types'
import { AGE, NAME, registerTable } from './table'

/**
 * `kubectl get nodes` (`printNode`): STATUS from the Ready condition (`Ready`, `NotReady`, or
 * `Unknown` without one) plus `SchedulingDisabled` when cordoned; ROLES from
 * `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, `<none>` otherwise.
 */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready')
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown']
  if (node.spec?.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

const ROLE_PREFIX = 'node-role.kubernetes.io/'

/** `findNodeRoles`: sorted, de-duplicated. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length))
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v)
  }
  return [...roles].sort()
}

export function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>'
}

registerTable({
  kind: 'Node',
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Roles' },
    AGE,
    { name: 'Version' },
    { name: 'Internal-IP', priority: 1 },
    { name: 'External-IP', priority: 1 },
    { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 },
    { name: 'Container-Runtime', priority: 1 },
  ],
  row(o, p) {
    const node = o as Node
    const info = node.status?.nodeInfo ?? {}
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      p.age(node.metadata.creationTimestamp),
      info.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ]
  },
})
