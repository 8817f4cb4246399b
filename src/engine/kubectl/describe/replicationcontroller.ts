import type { KEvent, KObject } from '../../api/types'
import { fromEqualityMap, matches } from '../../api/selector'
import type { CommandContext } from '../command'
import { formatLabels } from '../printers/table'
import type { PrintContext } from '../printers/table'
import { ACTOR } from '../resources'
import type { PodCounts } from './replicaset'
import { describePodTemplate } from './replicaset'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './writer'

/**
 * `describeReplicationController` (kubectl `pkg/describe/describe.go`): like a ReplicaSet's,
 * but the selector is the plain equality map (`labels.FormatLabels`) and there is no
 * `Controlled By` line.
 */
export function describeReplicationController(rc: KObject, counts: PodCounts, events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${rc.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${rc.metadata.namespace ?? ''}\n`)
  w.write(0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`)
  printLabelsMultiline(w, 'Labels', rc.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations)
  w.write(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 1} desired\n`)
  w.write(0, `Pods Status:\t${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`)
  describePodTemplate(rc.spec?.template, w)
  const conds: { type: string; status: string; reason?: string }[] = rc.status?.conditions ?? []
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(1, '----\t------\t------\n')
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
  }
  if (events) describeEvents(w, events, p)
  return w.toString()
}

/**
 * `getPodStatusForController` with `labels.SelectorFromSet(rc.spec.selector)`: the phases of
 * the pods the selector matches and whose controller reference is this RC.
 */
export function rcPodCounts(ctx: CommandContext, rc: KObject): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 }
  const sel = fromEqualityMap(rc.spec?.selector)
  for (const pod of ctx.host.ctx.api.list('pods', rc.metadata.namespace, { actor: ACTOR }).items) {
    if (!matches(sel, pod.metadata.labels)) continue
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller)
    if (!ref || ref.uid !== rc.metadata.uid) continue
    const phase = pod.status?.phase
    if (phase === 'Running') counts.running++
    else if (phase === 'Pending') counts.waiting++
    else if (phase === 'Succeeded') counts.succeeded++
    else if (phase === 'Failed') counts.failed++
  }
  return counts
}
