import type { Container, ReplicaSet } from '../../api/types'
import { formatLabelSelector } from '../../api/selector'
import { AGE, NAME, registerTable } from './table'

/** `layoutContainerCells`: container names and images joined by commas (wide output). */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? []
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')]
}

/** `kubectl get rs` (`printReplicaSet`): DESIRED spec.replicas, CURRENT status.replicas, READY status.readyReplicas. */
registerTable({
  kind: 'ReplicaSet',
  columns: [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(o, p) {
    const rs = o as ReplicaSet
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers)
    return [
      rs.metadata.name ?? '',
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      p.age(rs.metadata.creationTimestamp),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ]
  },
})
