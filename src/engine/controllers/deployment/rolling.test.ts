import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../api/types'
import type { Deployment, IntOrString } from '../../api/kinds/deployment'
import { validateRollingUpdateDeployment } from '../../api/kinds/deployment'
import { Rng } from '../../rng'
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, rollingStep, scaleDownOldReplicaSetsForRollingUpdate } from './rolling'
import { desiredReplicas, maxSurge, maxUnavailable, newRSNewReplicas } from './fenceposts'
import { findNewReplicaSet, findOldReplicaSets } from './revision'
import { availableReplicas, specReplicas, sum } from './replicasets'
import { deployment, ownedRS } from './test-fixtures'

/**
 * A tiny world for the pure rolling-update functions: ReplicaSets whose pods appear and
 * vanish at once (the RS controller), new pods start unavailable and become available when
 * the test says so (the kubelet), and a scale-down removes unavailable pods first (the RS
 * controller's deletion ranking). One `sync` = what one rolloutRolling sync decides.
 */
class World {
  rss: ReplicaSet[]
  private t = 1
  constructor(public d: Deployment, rss: ReplicaSet[]) {
    this.rss = rss
  }

  /** getAllReplicaSetsAndSyncRevision(create) + rollingStep; returns (old, new) after each write. */
  sync(): { writes: string[]; why?: string } {
    const d = this.d
    const writes: string[] = []
    let newRS = findNewReplicaSet(d, this.rss)
    const old = findOldReplicaSets(d, this.rss).all
    if (!newRS) {
      newRS = ownedRS(d, { replicas: 0, actual: 0, available: 0, created: this.t++, hash: `h${this.t}` })
      newRS.spec.replicas = newRSNewReplicas(d, [...old, newRS], newRS)
      this.rss.push(newRS)
      writes.push(`create ${this.state()}`)
    }
    const step = rollingStep(d, newRS, old)
    if (step.kind === 'none') return { writes, why: step.why }
    const intents = step.kind === 'scale-new' ? [step.intent] : [...step.cleanup, ...step.scaleDown]
    for (const i of intents) {
      const rs = this.rss.find((r) => r.metadata.uid === i.rs.metadata.uid)!
      rs.spec.replicas = i.to
      writes.push(`${i === intents[0] && step.kind === 'scale-new' ? 'new' : 'old'} ${this.state()}`)
    }
    return { writes }
  }

  /** The RS controller: pods follow spec; unavailable pods are deleted first. */
  react(): void {
    for (const rs of this.rss) {
      const spec = specReplicas(rs)
      const st = rs.status!
      st.availableReplicas = Math.min(st.availableReplicas ?? 0, spec)
      st.replicas = spec
      st.readyReplicas = st.availableReplicas
    }
  }

  /** The kubelet: up to `n` unavailable pods of an RS become available. */
  ready(rs: ReplicaSet, n = Infinity): void {
    const st = rs.status!
    st.availableReplicas = Math.min(st.replicas, (st.availableReplicas ?? 0) + n)
    st.readyReplicas = st.availableReplicas
  }

  newRS(): ReplicaSet | undefined {
    return findNewReplicaSet(this.d, this.rss)
  }

  pods(): number {
    return sum(this.rss, (rs) => rs.status?.replicas ?? 0)
  }

  available(): number {
    return sum(this.rss, availableReplicas)
  }

  state(): string {
    const n = this.newRS()
    const old = sum(this.rss.filter((r) => r !== n), specReplicas)
    return `${old}/${n ? specReplicas(n) : 0}`
  }
}

describe('rolling update: the REFERENCE 5.3 worked trace', () => {
  // 4 replicas, 25%/25%: surge 1, unavailable 1. The old RS has 4 pods, all available.
  const d0 = deployment('web', 4)
  const d = deployment('web', 4, { image: 'nginx:1.27' })

  it('walks old/new 4/1, 3/1, 3/2, (wait), 1/2, 1/4, (wait), 0/4', () => {
    const w = new World(d, [ownedRS(d0, { replicas: 4, revision: 1 })])
    // Rows 1 and 2 fall into one sync: creating the new RS at 1 is not a reconcileNewReplicaSet
    // scaling, so the same sync goes on to reconcileOldReplicaSets (maxScaledDown 5−3−1 = 1,
    // available 4 − minAvailable 3 = 1).
    expect(w.sync().writes).toEqual(['create 4/1', 'old 3/1'])
    w.react()
    expect(w.sync().writes).toEqual(['new 3/2']) // row 3: current 4 < 5
    w.react()
    const wait = w.sync() // row 4: maxScaledDown 5−3−2 = 0
    expect(wait.writes).toEqual([])
    expect(wait.why).toBe('maxScaledDown = 5 pods − minAvailable 3 − 2 new not yet available = 0: waiting for new pods to become available')
    w.ready(w.newRS()!)
    expect(w.sync().writes).toEqual(['old 1/2']) // row 5: available 5 − 3 = 2
    w.react()
    expect(w.sync().writes).toEqual(['new 1/4']) // row 6: min(5−3, 4−2) = 2
    w.react()
    expect(w.sync().writes).toEqual([]) // new pods not yet available
    w.ready(w.newRS()!)
    expect(w.sync().writes).toEqual(['old 0/4']) // row 7
    w.react()
    expect(w.sync().why).toBe('no old replicas left to scale down')
  })

  it('explains each decision with its numbers', () => {
    const old = ownedRS(d0, { replicas: 3, revision: 1 })
    const neu = ownedRS(d, { replicas: 1, actual: 1, available: 0, created: 1 })
    const up = reconcileNewReplicaSet(d, [old, neu], neu)
    expect(up?.to).toBe(2)
    expect(up?.why).toBe('desired 4 + maxSurge 1 = 5 pods allowed, 4 exist: new replica set grows by min(1, 3) = 1')
    const tooBig = ownedRS(d, { replicas: 6, created: 1 })
    expect(reconcileNewReplicaSet(d, [tooBig], tooBig)).toMatchObject({ to: 4 })
  })
})

describe('reconcileOldReplicaSets pieces', () => {
  const d = deployment('web', 10, { image: 'nginx:1.27' })
  it('cleanupUnhealthyReplicas takes unhealthy replicas first, oldest first, up to the budget', () => {
    const a = ownedRS(d, { image: 'v1', replicas: 5, available: 3, created: 1 })
    const b = ownedRS(d, { image: 'v2', replicas: 4, available: 1, created: 2 })
    const { intents, updated } = cleanupUnhealthyReplicas([b, a], 4)
    expect(intents.map((i) => [i.rs.metadata.name, i.to])).toEqual([['web-v1', 3], ['web-v2', 2]])
    expect(updated.map(specReplicas)).toEqual([3, 2])
  })

  it('scaleDownOldReplicaSetsForRollingUpdate keeps minAvailable available pods', () => {
    // 10 replicas: minAvailable 8. Available 9 + 2 = 11 → 3 may go, oldest first.
    const a = ownedRS(d, { image: 'v1', replicas: 2, created: 1 })
    const b = ownedRS(d, { image: 'v2', replicas: 7, created: 2 })
    const n = ownedRS(d, { replicas: 3, available: 2, created: 3 })
    expect(scaleDownOldReplicaSetsForRollingUpdate(d, [a, b, n], [b, a]).map((i) => [i.rs.metadata.name, i.to])).toEqual([['web-v1', 0], ['web-v2', 6]])
    expect(scaleDownOldReplicaSetsForRollingUpdate(d, [ownedRS(d, { image: 'v1', replicas: 8 })], [])).toEqual([])
  })
})

describe('rolling update: property (seeded)', () => {
  const VALUES: IntOrString[] = [0, 1, 2, 3, '0%', '10%', '25%', '50%', '100%']

  it('never exceeds replicas+maxSurge pods, never drops below replicas−maxUnavailable available, always finishes', () => {
    const rng = new Rng(20260101)
    let cases = 0
    while (cases < 300) {
      const replicas = 1 + rng.intn(12)
      const surge = VALUES[rng.intn(VALUES.length)]
      const unavailable = VALUES[rng.intn(VALUES.length)]
      if (validateRollingUpdateDeployment({ maxSurge: surge, maxUnavailable: unavailable }, 'ru').length) continue
      cases++
      const label = `replicas ${replicas}, maxSurge ${surge}, maxUnavailable ${unavailable}`
      const images = ['v1', 'v2', 'v3', 'v4']
      let version = 0
      const dOf = (i: number) => deployment('web', replicas, { image: images[i], maxSurge: surge, maxUnavailable: unavailable })
      const w = new World(dOf(0), [ownedRS(dOf(0), { replicas, revision: 1 })])
      // The first rollout starts from a healthy RS; sometimes the image changes again mid-way.
      w.d = dOf(++version)
      const maxPods = desiredReplicas(w.d) + maxSurge(w.d)
      const minAvail = desiredReplicas(w.d) - maxUnavailable(w.d)
      const changeAt = rng.intn(3) === 0 ? 1 + rng.intn(2 * replicas) : -1
      let round = 0
      for (; round < 500; round++) {
        if (round === changeAt) w.d = dOf(++version)
        w.sync()
        expect(sum(w.rss, specReplicas), `${label}: Σspec at round ${round}`).toBeLessThanOrEqual(maxPods)
        w.react()
        expect(w.pods(), label).toBeLessThanOrEqual(maxPods)
        expect(w.available(), `${label}: available at round ${round}`).toBeGreaterThanOrEqual(minAvail)
        // The kubelet: some not-yet-available pods become available.
        for (const rs of w.rss) w.ready(rs, rng.intn(3))
        expect(w.available(), label).toBeGreaterThanOrEqual(minAvail)
        const n = w.newRS()
        if (round > changeAt && n && specReplicas(n) === replicas && availableReplicas(n) === replicas &&
          w.rss.every((rs) => rs === n || specReplicas(rs) === 0)) break
      }
      expect(round, `${label}: did not finish`).toBeLessThan(500)
      expect(w.newRS()!.spec.template.spec.containers[0].image).toBe(images[version])
    }
  })
})
