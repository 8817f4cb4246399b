import type { ApiServer, DeleteOptions } from '../apiserver/apiserver'
import type { KObject } from '../api/types'
import { ApiError } from '../apiserver/errors'
import type { EventRecorder, EventSource } from './events'

/**
 * What a controller asks for. Controllers read their informer caches and return a plan;
 * the runtime makes the API calls (CONVENTIONS: "controllers return plans, not effects"),
 * so a controller is testable as "given these objects, it asks for these writes".
 */
export type Action =
  | { verb: 'create'; resource: string; object: KObject }
  | { verb: 'update'; resource: string; object: KObject; subresource?: 'status' }
  | { verb: 'patch'; resource: string; namespace?: string; name: string; patch: Record<string, unknown>; subresource?: 'status' }
  | { verb: 'delete'; resource: string; namespace?: string; name: string; options?: DeleteOptions }
  | { verb: 'event'; involved: KObject; type: 'Normal' | 'Warning'; reason: string; message: string }

/** `slowStart`: run in batches 1, 2, 4, … and stop after the first batch with an error (`slowStartBatch`). */
export type Step = Action | { slowStart: Action[]; initialBatch?: number }

export interface ActionResult {
  action: Action
  ok: boolean
  object?: KObject
  error?: ApiError
  /** Skipped because an earlier slow-start batch failed. */
  skipped?: boolean
}

export function runPlan(api: ApiServer, recorder: EventRecorder, source: EventSource, steps: Step[]): ActionResult[] {
  const actor = source.host ? `${source.component}/${source.host}` : source.component
  const results: ActionResult[] = []
  for (const step of steps) {
    if ('slowStart' in step) {
      let batch = step.initialBatch ?? 1
      let i = 0
      let failed = false
      while (i < step.slowStart.length) {
        const chunk = step.slowStart.slice(i, i + batch)
        i += chunk.length
        if (failed) {
          for (const a of chunk) results.push({ action: a, ok: false, skipped: true })
          continue
        }
        for (const a of chunk) {
          const r = runAction(api, recorder, source, actor, a)
          results.push(r)
          if (!r.ok) failed = true
        }
        batch = Math.min(2 * batch, step.slowStart.length - i)
      }
    } else results.push(runAction(api, recorder, source, actor, step))
  }
  return results
}

function runAction(api: ApiServer, recorder: EventRecorder, source: EventSource, actor: string, a: Action): ActionResult {
  try {
    switch (a.verb) {
      case 'create':
        return { action: a, ok: true, object: api.create(a.resource, a.object, { actor }) }
      case 'update':
        return { action: a, ok: true, object: api.update(a.resource, a.object, { actor, subresource: a.subresource }) }
      case 'patch':
        return { action: a, ok: true, object: api.patch(a.resource, a.namespace, a.name, a.patch, { actor, subresource: a.subresource }) }
      case 'delete':
        return { action: a, ok: true, object: api.delete(a.resource, a.namespace, a.name, { ...a.options, actor }) }
      case 'event':
        recorder.record(source, a.involved, a.type, a.reason, a.message)
        return { action: a, ok: true }
    }
  } catch (e) {
    if (e instanceof ApiError) return { action: a, ok: false, error: e }
    throw e
  }
}
