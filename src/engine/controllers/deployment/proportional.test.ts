import { describe, expect, it } from 'vitest'
import { findActiveOrLatest, getProportion, getReplicaSetFraction, isSaturated, planScale, roundHalfAwayFromZero } from './proportional'
import { DESIRED_REPLICAS, MAX_REPLICAS } from './annotations'
import { deployment, ownedRS } from './test-fixtures'

describe('proportional scaling (REFERENCE 5.5)', () => {
  it('the REFERENCE example: 10 → 20 with old 8, new 5, max-replicas 13 gives old 15, new 10', () => {
    const d10 = deployment('web', 10, { image: 'nginx:1.27', status: { replicas: 13 } })
    const old = ownedRS(d10, { image: 'nginx:1.26', replicas: 8, created: 1, annotations: { [MAX_REPLICAS]: '13', [DESIRED_REPLICAS]: '10' } })
    const neu = ownedRS(d10, { replicas: 5, available: 0, created: 2, annotations: { [MAX_REPLICAS]: '13', [DESIRED_REPLICAS]: '10' } })
    const d20 = deployment('web', 20, { image: 'nginx:1.27', status: { replicas: 13 } })
    // allowed 20 + 5 = 25, toAdd 12: old round(8·25/13) − 8 = 7, new round(5·25/13) − 5 = 5
    expect(getReplicaSetFraction(old, d20)).toBe(7)
    expect(getReplicaSetFraction(neu, d20)).toBe(5)
    const plan = planScale(d20, neu, [old])
    expect(plan.map((i) => [i.rs.metadata.name, i.to])).toEqual([['web-nginx126', 15], ['web-nginx127', 10]])
    expect(plan.every((i) => i.always)).toBe(true)
    expect(plan[0].why).toBe("proportional scaling: 25 allowed (desired 20 + maxSurge 5), 13 now, add 12 in proportion to each replica set's size")
  })

  it('scaling down removes from the larger and older first, leftovers to the first', () => {
    const d = deployment('web', 10, { image: 'nginx:1.27', status: { replicas: 13 } })
    const old = ownedRS(d, { image: 'nginx:1.26', replicas: 8, created: 1, annotations: { [MAX_REPLICAS]: '13' } })
    const neu = ownedRS(d, { replicas: 5, created: 2, annotations: { [MAX_REPLICAS]: '13' } })
    const d5 = deployment('web', 5, { image: 'nginx:1.27', status: { replicas: 13 } })
    // allowed 5 + 2 = 7, toAdd −6: old round(8·7/13)=4 → −4, new round(5·7/13)=3 → −2
    expect(planScale(d5, neu, [old]).map((i) => i.to)).toEqual([4, 3])
    const d0 = deployment('web', 0, { image: 'nginx:1.27', status: { replicas: 13 } })
    expect(planScale(d0, neu, [old]).map((i) => i.to)).toEqual([0, 0])
  })

  it('GetProportion never gives more than is left to add (or remove)', () => {
    const d = deployment('web', 20, { status: { replicas: 13 } })
    const rs = ownedRS(d, { replicas: 8, annotations: { [MAX_REPLICAS]: '13' } })
    expect(getProportion(rs, d, 12, 0)).toBe(7)
    expect(getProportion(rs, d, 12, 9)).toBe(3)
    expect(getProportion(rs, d, 12, 12)).toBe(0)
    expect(getProportion(ownedRS(d, { replicas: 0 }), d, 12, 0)).toBe(0)
  })

  it('max-replicas missing, invalid or 0 falls back to status.replicas; 0 there means no share', () => {
    const d = deployment('web', 20, { status: { replicas: 10 } })
    expect(getReplicaSetFraction(ownedRS(d, { replicas: 5, annotations: { [MAX_REPLICAS]: 'x' } }), d)).toBe(roundHalfAwayFromZero(5 * 25 / 10) - 5)
    expect(getReplicaSetFraction(ownedRS(d, { replicas: 5, annotations: { [MAX_REPLICAS]: '-3' } }), d)).toBe(8)
    expect(getReplicaSetFraction(ownedRS(d, { replicas: 5, annotations: { [MAX_REPLICAS]: '0' } }), d)).toBe(8)
    const none = deployment('web', 20, { status: {} })
    expect(getReplicaSetFraction(ownedRS(none, { replicas: 5 }), none)).toBe(0)
  })

  it('math.Round is half away from zero', () => {
    expect([2.5, 3.5, -2.5, 2.4, -0.5].map(roundHalfAwayFromZero)).toEqual([3, 4, -3, 2, -1])
  })

  it('FindActiveOrLatest: the only active RS, else new, else newest old; several → none', () => {
    const d = deployment('web', 3)
    const a = ownedRS(d, { image: 'a', replicas: 0, created: 1 })
    const b = ownedRS(d, { image: 'b', replicas: 0, created: 2 })
    const n = ownedRS(d, { replicas: 0, created: 3 })
    expect(findActiveOrLatest(n, [a, b])).toBe(n)
    expect(findActiveOrLatest(undefined, [a, b])).toBe(b)
    const c = ownedRS(d, { image: 'c', replicas: 2, created: 1 })
    expect(findActiveOrLatest(n, [a, c])).toBe(c)
    expect(findActiveOrLatest(ownedRS(d, { replicas: 1 }), [c])).toBeUndefined()
    // The one active RS takes all replicas.
    expect(planScale(deployment('web', 7), n, [a, c]).map((i) => [i.rs.metadata.name, i.to])).toEqual([['web-c', 7]])
  })

  it('a saturated new RS sends the old ones to 0', () => {
    const d = deployment('web', 3)
    const n = ownedRS(d, { replicas: 3, annotations: { [DESIRED_REPLICAS]: '3' } })
    expect(isSaturated(d, n)).toBe(true)
    expect(isSaturated(d, ownedRS(d, { replicas: 3, available: 2, annotations: { [DESIRED_REPLICAS]: '3' } }))).toBe(false)
    expect(isSaturated(d, ownedRS(d, { replicas: 3 }))).toBe(false)
    const old = ownedRS(d, { image: 'old', replicas: 1, created: 1 })
    expect(planScale(d, n, [old]).map((i) => [i.rs.metadata.name, i.to])).toEqual([['web-old', 0]])
  })
})
