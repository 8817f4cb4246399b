import { describe, expect, it } from 'vitest'
import { describeFenceposts, getScaledValueFromIntOrPercent, maxSurge, maxUnavailable, minAvailable, newRSNewReplicas, resolveFenceposts } from './fenceposts'
import { deployment, ownedRS } from './test-fixtures'

describe('GetScaledValueFromIntOrPercent', () => {
  it.each([
    [5, 10, true, 5],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, true, 1],
    ['25%', 4, false, 1],
    ['25%', 3, false, 0],
    ['25%', 3, true, 1],
    ['100%', 7, false, 7],
    ['1%', 1, true, 1],
    ['1%', 1, false, 0],
    ['0%', 50, true, 0],
    ['33%', 10, true, 4],
    ['33%', 10, false, 3],
  ] as const)('%j of %i (roundUp %s) = %i', (v, total, up, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, up)).toBe(want)
  })

  it('rejects strings that are not percentages, with apimachinery texts', () => {
    expect(() => getScaledValueFromIntOrPercent('90', 10, true)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage')
    expect(() => getScaledValueFromIntOrPercent(null, 10, true)).toThrow('nil value for IntOrString')
    expect(() => getScaledValueFromIntOrPercent('x%', 10, true)).toThrow(/invalid value for IntOrString: invalid value "x%"/)
  })
})

describe('ResolveFenceposts (REFERENCE 5.2)', () => {
  it.each([
    // desired, surge, unavailable → surge, unavailable
    [10, '25%', '25%', 3, 2],
    [4, '25%', '25%', 1, 1],
    [3, '25%', '25%', 1, 0],
    [1, '25%', '25%', 1, 0],
    // upstream's doc comment cases: both resolve to 0 → unavailable 1
    [2, '0%', '1%', 0, 1],
    [1, '0%', '1%', 0, 1],
    [2, '1%', '25%', 1, 0],
    [2, '1%', '0%', 1, 0],
    [0, '25%', '25%', 0, 1],
    [5, 2, 0, 2, 0],
    [5, undefined, undefined, 0, 1],
  ] as const)('desired %i, maxSurge %j, maxUnavailable %j → %i / %i', (desired, s, u, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable })
  })

  it('MaxUnavailable is capped at replicas and 0 for Recreate or 0 replicas; MinAvailable follows', () => {
    expect([maxSurge(deployment('w', 10)), maxUnavailable(deployment('w', 10)), minAvailable(deployment('w', 10))]).toEqual([3, 2, 8])
    expect(maxUnavailable(deployment('w', 2, { maxSurge: 0, maxUnavailable: 5 }))).toBe(2)
    expect(maxUnavailable(deployment('w', 0))).toBe(0)
    const recreate = deployment('w', 5, { strategy: 'Recreate' })
    expect([maxSurge(recreate), maxUnavailable(recreate), minAvailable(recreate)]).toEqual([0, 0, 0])
  })

  it('describes the arithmetic for the UI', () => {
    expect(describeFenceposts(deployment('w', 10))).toBe('desired 10, maxSurge 25% → 3, maxUnavailable 25% → 2: at most 13 pods, at least 8 available')
    expect(describeFenceposts(deployment('w', 4, { maxSurge: 1, maxUnavailable: 0 }))).toBe('desired 4, maxSurge 1 → 1, maxUnavailable 0 → 0: at most 5 pods, at least 4 available')
  })
})

describe('NewRSNewReplicas', () => {
  const d = deployment('web', 4, { image: 'nginx:1.27' })
  const old = (n: number) => ownedRS(d, { image: 'nginx:1.26', replicas: n })
  const neu = (n: number) => ownedRS(d, { replicas: n })
  it.each([
    // old, new → new
    [4, 0, 1], // maxTotal 5, current 4: +1
    [3, 1, 2],
    [3, 2, 2], // at maxTotal: stays
    [1, 2, 4], // min(5 - 3, 4 - 2) = 2
    [0, 0, 4], // never beyond replicas
    [5, 0, 0], // already above maxTotal
  ])('old %i, new %i → %i', (o, n, want) => {
    const newRS = neu(n)
    expect(newRSNewReplicas(d, [old(o), newRS], newRS)).toBe(want)
  })

  it('Recreate takes all replicas at once', () => {
    const r = deployment('web', 4, { strategy: 'Recreate' })
    expect(newRSNewReplicas(r, [ownedRS(r, { replicas: 0 })], ownedRS(r, { replicas: 0 }))).toBe(4)
  })
})
