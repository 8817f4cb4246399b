import type { KEvent } from '../../api/types'
import { registerTable } from './table'

/**
 * `kubectl get events` (`printEvent`): LAST SEEN, TYPE, REASON, OBJECT (`kind/name` in lower
 * case), MESSAGE; wide adds SUBOBJECT, SOURCE (`component, host`), FIRST SEEN, COUNT, NAME.
 */
registerTable({
  kind: 'Event',
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1, format: 'name' },
  ],
  row(o, p) {
    const e = o as KEvent & { eventTime?: string; series?: { count: number; lastObservedTime: string }; reportingInstance?: string }
    const first = e.firstTimestamp ? p.age(e.firstTimestamp) : p.age(e.eventTime)
    let last = e.lastTimestamp ? p.age(e.lastTimestamp) : first
    let count = e.count
    if (e.series) {
      last = p.age(e.series.lastObservedTime)
      count = e.series.count
    } else if (!count) count = 1
    const io = e.involvedObject ?? {}
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase()
    const component = e.source?.component || e.reportingComponent || ''
    const host = e.source?.host || e.reportingInstance || ''
    return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', host ? `${component}, ${host}` : component, (e.message ?? '').trim(), first, count, e.metadata.name ?? '']
  },
})
