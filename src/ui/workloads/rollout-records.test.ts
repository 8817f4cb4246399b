import { describe, expect, it } from 'vitest'
import type { EngineRecord } from '../../engine/index'
import { parseFenceposts, rolloutsApply } from './rollout-records'

let seq = 0
const rec = (action: string, detail: string, key = 'default/web', controller = 'deployment-controller'): EngineRecord => ({ type: 'controller', seq: ++seq, time: seq * 100, controller, key, action, detail })

describe('rollout notes', () => {
  it('keeps the latest arithmetic and the latest other action per Deployment', () => {
    const a = rolloutsApply({}, [
      rec('create', 'created replica set web-1 at revision 1 (pod-template-hash 1) with 6 replicas: desired 6, maxSurge 25% → 2, maxUnavailable 25% → 1: at most 8 pods, at least 5 available'),
      rec('arithmetic', 'desired 10, maxSurge 25% → 3, maxUnavailable 25% → 2: at most 13 pods, at least 8 available'),
      rec('scale-up', 'Scaled up replica set web-2 from 0 to 3: …'),
    ])!
    expect(a['default/web'].arithmetic?.detail).toBe('desired 10, maxSurge 25% → 3, maxUnavailable 25% → 2: at most 13 pods, at least 8 available')
    expect(a['default/web'].last?.action).toBe('scale-up')
  })

  it('ignores other controllers and routine 409 retries; answers undefined when nothing is about Deployments', () => {
    expect(rolloutsApply({}, [rec('create', 'x', 'default/web', 'replicaset-controller')])).toBeUndefined()
    const prev = rolloutsApply({}, [rec('scale-up', 'up')])!
    const next = rolloutsApply(prev, [rec('error', 'sync failed, retrying with back-off: Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again')])
    expect(next).toBeUndefined()
  })

  it('reads the fenceposts back out of the sentence (REFERENCE 5.2: 10 at 25% → surge 3, unavailable 2)', () => {
    expect(parseFenceposts('scaling to 10: desired 10, maxSurge 25% → 3, maxUnavailable 25% → 2: at most 13 pods, at least 8 available')).toEqual({
      desired: 10,
      maxSurge: '25%',
      surge: 3,
      maxUnavailable: '25%',
      unavailable: 2,
      atMost: 13,
      atLeast: 8,
    })
    expect(parseFenceposts('desired 3, Recreate: every old pod stops before any new pod starts')).toBeUndefined()
  })
})
