import type { Namespace } from '../../api/types'
import { rfc1123z } from '../duration'
import { printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './writer'

/**
 * `describeNamespace`. The playground serves no ResourceQuotas or LimitRanges, so the
 * sections read as on a cluster that has none: `No resource quota.`, `No LimitRange resource.`
 */
export function describeNamespace(ns: Namespace): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ns.metadata.name ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', ns.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations)
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`)
  const conds: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[] = (ns.status as { conditions?: [] } | undefined)?.conditions ?? []
  if (conds.length) {
    w.write(0, 'Conditions:\n')
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n')
    w.write(1, '----\t------\t------------------\t------\t-------\n')
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`)
  }
  w.write(0, '\n')
  w.write(0, 'No resource quota.\n')
  w.write(0, '\n')
  w.write(0, 'No LimitRange resource.\n')
  return w.toString()
}
