import type { Container, KObject, ReplicaSet } from '../../api/types'
import { formatLabelSelector } from '../../api/selector'
import { AGE, NAME, registerTable, type Column } from './table'

/** `layoutContainerCells`: container names and images joined by commas (wide output). */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? []
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')]
}

/** The columns `printReplicaSet` and `printReplicationController` share. */
export const REPLICA_COLUMNS: Column[] = [
  NAME,
  { name: 'Desired' },
  { name: 'Current' },
  { name: 'Ready' },
  AGE,
  { name: 'Containers', priority: 1 },
  { name: 'Images', priority: 1 },
  { name: 'Selector', priority: 1 },
]

/** DESIRED spec.replicas, CURRENT status.replicas, READY status.readyReplicas, then the wide cells. */
export function replicaRow(o: KObject, age: (ts: string | undefined) => string, selector: string): (string | number)[] {
  const [names, images] = containerCells(o.spec?.template?.spec?.containers)
  return [o.metadata.name ?? '', o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o.metadata.creationTimestamp), names, images, selector]
}

/** `kubectl get rs` (`printReplicaSet`): the selector as a LabelSelector string. */
registerTable({
  kind: 'ReplicaSet',
  columns: REPLICA_COLUMNS,
  row: (o, p) => replicaRow(o, (ts) => p.age(ts), formatLabelSelector((o as ReplicaSet).spec?.selector)),
})
