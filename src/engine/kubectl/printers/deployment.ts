import type { Deployment } from '../../api/kinds/deployment'
import { fromLabelSelector, selectorString } from '../../api/selector'
import { containerCells } from './replicaset'
import { AGE, NAME, registerTable } from './table'

/**
 * `kubectl get deployments` (`printDeployment`, `pkg/printers/internalversion/printers.go`):
 * READY is `status.readyReplicas/spec.replicas`, UP-TO-DATE `status.updatedReplicas`,
 * AVAILABLE `status.availableReplicas`. The wide SELECTOR column is
 * `LabelSelectorAsSelector(...).String()` (not `FormatLabelSelector`, which ReplicaSets use),
 * so an empty selector prints as an empty cell rather than `<none>`.
 */
registerTable({
  kind: 'Deployment',
  columns: [
    NAME,
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(o, p) {
    const d = o as Deployment
    const [names, images] = containerCells(d.spec?.template?.spec?.containers)
    return [
      d.metadata.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      p.age(d.metadata.creationTimestamp),
      names,
      images,
      selectorText(d),
    ]
  },
})

/** `metav1.LabelSelectorAsSelector(s).String()`: `<none>`-free; an invalid selector prints nothing. */
export function selectorText(d: Deployment): string {
  try {
    const sel = fromLabelSelector(d.spec?.selector)
    return sel === 'nothing' ? '' : selectorString(sel)
  } catch {
    return ''
  }
}
