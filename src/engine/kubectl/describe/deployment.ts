import type { KEvent, ReplicaSet } from '../../api/types'
import type { Deployment, IntOrString } from '../../api/kinds/deployment'
import { findNewReplicaSet } from '../../controllers/deployment/revision'
import { replicaSetsOf } from '../../controllers/deployment/history'
import { sortByCreation } from '../../controllers/deployment/replicasets'
import { rfc1123z } from '../duration'
import { selectorText } from '../printers/deployment'
import type { PrintContext } from '../printers/table'
import { describePodTemplate } from './replicaset'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './writer'

/**
 * `describeDeployment` (kubectl `pkg/describe/describe.go`): the header, the replica counts
 * (`3 desired | 3 updated | 3 total | 3 available | 0 unavailable`), the strategy, the pod
 * template, the conditions table, then `OldReplicaSets` / `NewReplicaSet` as kubectl's
 * `GetAllReplicaSetsInChunks` finds them — the Deployment's own ReplicaSets, oldest first;
 * the old list includes ReplicaSets scaled to 0 (the describer takes the "all old" list), so
 * a finished rollout shows `web-7d9f (0/0 replicas created)` there.
 */
export function describeDeployment(d: Deployment, rss: readonly ReplicaSet[], events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  const spec = d.spec ?? ({} as Deployment['spec'])
  const s = d.status ?? {}
  w.write(0, `Name:\t${d.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`)
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`)
  printLabelsMultiline(w, 'Labels', d.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations)
  w.write(0, `Selector:\t${selectorText(d)}\n`)
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  )
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`)
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`)
  const ru = spec.strategy?.rollingUpdate
  if (ru) w.write(0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`)
  describePodTemplate(spec.template, w)
  const conds = s.conditions ?? []
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(1, '----\t------\t------\n')
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
  }
  const owned = sortByCreation(replicaSetsOf(d, rss))
  const newRS = findNewReplicaSet(d, owned)
  const oldRSs = owned.filter((rs) => rs !== newRS)
  if (oldRSs.length || newRS) {
    w.write(0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`)
    w.write(0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`)
  }
  if (events) describeEvents(w, events, p)
  return w.toString()
}

/** `printReplicaSetsByLabels`: `web-7d9f (3/3 replicas created)`, comma-joined, `<none>` when empty. */
function replicaSetsByLabels(rss: readonly ReplicaSet[]): string {
  const list = rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ')
  return list || '<none>'
}

/** `intstr.IntOrString.String()`: an int as decimal, a string as is; a nil pointer prints `<nil>`. */
function intOrString(v: IntOrString | undefined | null): string {
  return v === undefined || v === null ? '<nil>' : String(v)
}
