import type { ApiServer } from '../apiserver/apiserver'
import type { Clock } from '../clock'
import type { KObject, KEvent } from '../api/types'
import { ApiError } from '../apiserver/errors'

export interface EventSource {
  component: string
  host?: string
}

/**
 * client-go's event recorder: an Event per (object, type, reason, message, source); a repeat
 * bumps `count` and `lastTimestamp` instead of writing a new one, which is how
 * `kubectl describe` comes to print `(x3 over 2m)`. Event names are `<object>.<hex ns>`.
 */
export class EventRecorder {
  private seen = new Map<string, { namespace: string; name: string }>()
  private counter = 0

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
  ) {}

  record(source: EventSource, involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ns = involved.metadata.namespace || 'default'
    const aggKey = [involved.metadata.uid, type, reason, message, source.component, source.host ?? ''].join('\u0000')
    const now = this.clock.timestamp()
    const actor = source.host ? `${source.component}/${source.host}` : source.component
    const prev = this.seen.get(aggKey)
    if (prev) {
      const cur = this.api.peek('events', prev.namespace, prev.name) as KEvent | undefined
      if (cur) {
        try {
          this.api.update('events', { ...cur, count: (cur.count ?? 1) + 1, lastTimestamp: now }, { actor })
          return
        } catch (e) {
          if (!(e instanceof ApiError)) throw e
        }
      }
    }
    // Unique, monotonic names; real ones are `<name>.<UnixNano hex>`.
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(++this.counter)
    const name = `${involved.metadata.name}.${(nanos + 0x18000000000000000n).toString(16)}`
    const ev: KEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      reportingComponent: source.component,
    }
    try {
      this.api.create('events', ev, { actor })
      this.seen.set(aggKey, { namespace: ns, name })
    } catch (e) {
      // Events are best-effort (client-go drops them on error); e.g. the namespace is gone.
      if (!(e instanceof ApiError)) throw e
    }
  }
}
