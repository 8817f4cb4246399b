import { AGE, NAME, registerTable } from './table'

/** `kubectl get ns` (`printNamespace`). */
registerTable({
  kind: 'Namespace',
  columns: [NAME, { name: 'Status' }, AGE],
  row: (o, p) => [o.metadata.name ?? '', o.status?.phase ?? '', p.age(o.metadata.creationTimestamp)],
})
