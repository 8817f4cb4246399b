import type { KObject } from '../../api/types'
import { REPLICA_COLUMNS, replicaRow } from './replicaset'
import { formatLabels, registerTable } from './table'

/**
 * `kubectl get rc` (`printReplicationController`): DESIRED `spec.replicas`, CURRENT
 * `status.replicas`, READY `status.readyReplicas`; the wide SELECTOR is the equality map as
 * `labels.FormatLabels` prints it (`app=web`, `<none>` when empty).
 */
registerTable({
  kind: 'ReplicationController',
  columns: REPLICA_COLUMNS,
  row: (o: KObject, p) => replicaRow(o, (ts) => p.age(ts), formatLabels(o.spec?.selector)),
})
