import type { KEvent, PodTemplateSpec, ReplicaSet } from '../../api/types'
import { formatLabelSelector } from '../../api/selector'
import type { PrintContext } from '../printers/table'
import { describeContainers } from './containers'
import { describeTopologySpread } from './pod'
import { describeVolumes } from './volumes'
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, PrefixWriter } from './writer'

export interface PodCounts {
  running: number
  waiting: number
  succeeded: number
  failed: number
}

/** `describeReplicaSet` (kubectl `pkg/describe/describe.go`). */
export function describeReplicaSet(rs: ReplicaSet, counts: PodCounts, events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${rs.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`)
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`)
  printLabelsMultiline(w, 'Labels', rs.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations)
  const owner = controlledBy(rs)
  if (owner) w.write(0, `Controlled By:\t${owner}\n`)
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`)
  w.write(0, 'Pods Status:\t')
  w.write(0, `${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`)
  describePodTemplate(rs.spec?.template, w)
  const conds = rs.status?.conditions ?? []
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(1, '----\t------\t------\n')
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
  }
  if (events) describeEvents(w, events, p)
  return w.toString()
}

/** `DescribePodTemplate`, shared with ReplicationControllers and Deployments. */
export function describePodTemplate(t: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(0, 'Pod Template:\n')
  if (!t) return w.write(1, '<unset>')
  printLabelsMultiline(w, '  Labels', t.metadata?.labels)
  if (Object.keys(t.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', t.metadata?.annotations)
  const spec = t.spec ?? { containers: [] }
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`)
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, undefined, w, '  ')
  describeContainers('Containers', spec.containers, undefined, w, '  ')
  describeVolumes(spec.volumes, w, '  ')
  describeTopologySpread(spec.topologySpreadConstraints, w, '  ')
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations)
}
