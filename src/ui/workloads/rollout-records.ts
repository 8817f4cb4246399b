/**
 * The deployment controller's latest words per Deployment, kept beside the records ring (which
 * forgets them within seconds under API chatter): the last `arithmetic` record — the rollout
 * fenceposts, e.g. `desired 10, maxSurge 25% → 3, maxUnavailable 25% → 2: at most 13 pods,
 * at least 8 available` — and the last action with its reason (scale-up, waiting, …).
 * Keyed `namespace/name`, as the controller's work queue keys them.
 */
import type { EngineRecord } from '../../engine/index'

export interface ControllerNote {
  action: string
  detail: string
  /** Virtual ms. */
  time: number
}

export interface RolloutNotes {
  arithmetic?: ControllerNote
  last?: ControllerNote
}

export const DEPLOYMENT_CONTROLLER = 'deployment-controller'

/** The next notes map, or undefined when these records say nothing about Deployments. */
export function rolloutsApply(prev: Readonly<Record<string, RolloutNotes>>, records: readonly EngineRecord[]): Record<string, RolloutNotes> | undefined {
  let next: Record<string, RolloutNotes> | undefined
  for (const r of records) {
    if (r.type !== 'controller' || r.controller !== DEPLOYMENT_CONTROLLER) continue
    // A 409 on the controller's own write is routine (it retries at once): not worth a headline.
    if (r.action === 'error' && r.detail.includes('the object has been modified')) continue
    next ??= { ...prev }
    const note = { action: r.action, detail: r.detail, time: r.time }
    const cur = next[r.key] ?? {}
    // `arithmetic` records carry the fenceposts; so does the record of a new ReplicaSet's creation.
    const arithmetic = r.action === 'arithmetic' || FENCEPOSTS.test(r.detail) ? note : cur.arithmetic
    next[r.key] = r.action === 'arithmetic' ? { ...cur, arithmetic } : { ...cur, arithmetic, last: note }
  }
  return next
}

/** The numbers of an `arithmetic` record, when it has the RollingUpdate form. */
export interface Fenceposts {
  desired: number
  maxSurge: string
  surge: number
  maxUnavailable: string
  unavailable: number
  atMost: number
  atLeast: number
}

const FENCEPOSTS = /desired (\d+), maxSurge (\S+) → (\d+), maxUnavailable (\S+) → (\d+): at most (\d+) pods, at least (\d+) available/

/** Read the numbers back out of the controller's sentence (for a localized readout). */
export function parseFenceposts(detail: string): Fenceposts | undefined {
  const m = FENCEPOSTS.exec(detail)
  if (!m) return undefined
  return { desired: +m[1], maxSurge: m[2], surge: +m[3], maxUnavailable: m[4], unavailable: +m[5], atMost: +m[6], atLeast: +m[7] }
}
