import type { KObject } from '../../api/types'
import { containerCells } from './replicaset'
import { AGE, NAME, formatLabels, registerTable } from './table'

/**
 * `kubectl get rc` (`printReplicationController`): DESIRED `spec.replicas`, CURRENT
 * `status.replicas`, READY `status.readyReplicas`; the wide SELECTOR is the equality map as
 * `labels.FormatLabels` prints it (`app=web`, `<none>` when empty).
 */
registerTable({
  kind: 'ReplicationController',
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
  row(o: KObject, p) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers)
    return [
      o.metadata.name ?? '',
      o.spec?.replicas ?? 1,
      o.status?.replicas ?? 0,
      o.status?.readyReplicas ?? 0,
      p.age(o.metadata.creationTimestamp),
      names,
      images,
      formatLabels(o.spec?.selector),
    ]
  },
})
