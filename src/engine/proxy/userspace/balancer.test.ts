import { describe, expect, it } from 'vitest'
import { Rng } from '../../rng'
import {
  cleanupStaleStickySessions, ENDPOINT_DIAL_TIMEOUTS_MS, newService, nextEndpoint, perm, resetService, setEndpoints, shuffleStrings,
  tryConnectEndpoints, type BalancerState, type IntRng,
} from './balancer'

/** An RNG that returns the given Intn results in order. */
const scripted = (...vals: number[]): IntRng => ({ intn: (n) => { const v = vals.shift()!; if (v >= n) throw new Error('bad script'); return v } })
const next = (s: BalancerState, ip = '10.244.1.9', now = 0, reset = false): string => {
  const r = nextEndpoint(s, 'default/web', ip, now, reset)
  return 'endpoint' in r ? r.endpoint : r.error
}

describe('ShuffleStrings (Go rand.Perm)', () => {
  it('follows Go\'s Perm algorithm: m[i] = m[j]; m[j] = i', () => {
    // Intn(1)=0, Intn(2)=0, Intn(3)=1 → m = [1, 2, 0]
    expect(perm(3, scripted(0, 0, 1))).toEqual([1, 2, 0])
    expect(shuffleStrings(['a', 'b', 'c'], scripted(0, 0, 1))).toEqual(['c', 'a', 'b'])
  })
  it('is a permutation and deterministic for a seed', () => {
    const s = ['a', 'b', 'c', 'd', 'e']
    const x = shuffleStrings(s, new Rng(7))
    expect([...x].sort()).toEqual(s)
    expect(shuffleStrings(s, new Rng(7))).toEqual(x)
  })
})

describe('LoadBalancerRR', () => {
  const eps = ['10.244.1.5:8080', '10.244.2.7:8080', '10.244.3.9:8080']
  const fresh = (affinity: 'None' | 'ClientIP' = 'None', ttl = 0): BalancerState => {
    const s: BalancerState = {}
    newService(s, 'default/web', affinity, ttl)
    setEndpoints(s, 'default/web', eps, scripted(0, 1, 2))
    return s
  }

  it('walks the shuffled list in exact round robin', () => {
    const s = fresh()
    expect(s['default/web'].endpoints).toEqual(eps)
    expect([next(s), next(s), next(s), next(s)]).toEqual([eps[0], eps[1], eps[2], eps[0]])
  })

  it('an unchanged endpoint set keeps its order and position; a changed one reshuffles and restarts', () => {
    const s = fresh()
    next(s)
    setEndpoints(s, 'default/web', [...eps].reverse(), scripted())
    expect(next(s)).toBe(eps[1])
    setEndpoints(s, 'default/web', eps.slice(0, 2), scripted(0, 0))
    expect(s['default/web']).toMatchObject({ endpoints: [eps[1], eps[0]], index: 0 })
  })

  it('errors when the service or its endpoints are missing', () => {
    expect(nextEndpoint({}, 'default/web', 'x', 0, false)).toEqual({ error: 'missing service entry' })
    const s = fresh()
    resetService(s, 'default/web')
    expect(next(s)).toBe('missing endpoints')
  })

  it('ClientIP affinity sticks while now − lastUsed < ttl, per client', () => {
    const s = fresh('ClientIP', 60)
    expect(next(s, 'A', 0)).toBe(eps[0])
    expect(next(s, 'B', 0)).toBe(eps[1])
    expect(next(s, 'A', 59_999)).toBe(eps[0])
    expect(next(s, 'A', 119_998)).toBe(eps[0])
    expect(next(s, 'A', 179_998)).toBe(eps[2])
  })

  it('affinity records of vanished endpoints are dropped; stale ones are cleaned up', () => {
    const s = fresh('ClientIP', 60)
    next(s, 'A', 0)
    next(s, 'B', 0)
    setEndpoints(s, 'default/web', eps.slice(1), scripted(0, 0))
    expect(Object.keys(s['default/web'].affinity)).toEqual(['B'])
    cleanupStaleStickySessions(s, 'default/web', 60_000)
    expect(s['default/web'].affinity).toEqual({})
  })
})

describe('TryConnectEndpoints', () => {
  const eps = ['10.244.1.5:8080', '10.244.2.7:8080', '10.244.3.9:8080']
  const state = (): BalancerState => {
    const s: BalancerState = {}
    newService(s, 'default/web', 'ClientIP', 10800)
    setEndpoints(s, 'default/web', eps, scripted(0, 1, 2))
    return s
  }

  it('retries the next endpoint after a failed dial', () => {
    const r = tryConnectEndpoints(state(), 'default/web', 'A', 0, (ep) => (ep === eps[0] ? 'timeout' : 'ok'))
    expect(r).toEqual({
      endpoint: eps[1], elapsedMs: 250,
      attempts: [{ endpoint: eps[0], timeoutMs: 250, result: 'timeout' }, { endpoint: eps[1], timeoutMs: 500, result: 'ok' }],
    })
  })

  it('ignores a dead sticky endpoint after the first failure', () => {
    const s = state()
    tryConnectEndpoints(s, 'default/web', 'A', 0, () => 'ok')
    const r = tryConnectEndpoints(s, 'default/web', 'A', 1000, (ep) => (ep === eps[0] ? 'refused' : 'ok'))
    expect(r.attempts.map((a) => a.endpoint)).toEqual([eps[0], eps[1]])
    expect(r.elapsedMs).toBe(0)
  })

  it('gives up after four dials (250 ms, 500 ms, 1 s, 2 s) and closes the client connection', () => {
    const r = tryConnectEndpoints(state(), 'default/web', 'A', 0, () => 'timeout')
    expect(r.attempts.map((a) => a.timeoutMs)).toEqual([...ENDPOINT_DIAL_TIMEOUTS_MS])
    expect(r.attempts.map((a) => a.endpoint)).toEqual([eps[0], eps[1], eps[2], eps[0]])
    expect(r.elapsedMs).toBe(3750)
    expect(r.error).toBe('failed to connect to an endpoint.')
  })
})
