/**
 * The userspace proxy's load balancer (`pkg/proxy/userspace/roundrobin.go` LoadBalancerRR,
 * last in v1.25; REFERENCE 11) and its dial loop (`proxysocket.go` TryConnectEndpoints).
 * Pure state + functions; time is virtual and the shuffle uses the injected RNG.
 */

export interface AffinityState {
  endpoint: string
  /** Virtual ms of the last connection that used it. */
  lastUsed: number
}

export interface BalancerEntry {
  /** `ip:port` strings, in the shuffled order NextEndpoint walks. */
  endpoints: string[]
  index: number
  affinityType: 'None' | 'ClientIP'
  ttlSeconds: number
  affinity: Record<string, AffinityState>
}

/** One entry per ServicePortName. */
export type BalancerState = Record<string, BalancerEntry>

export interface IntRng {
  /** Go's rand.Intn: an integer in [0, n). */
  intn(n: number): number
}

/** Go's rand.Perm (the algorithm matters: it fixes which shuffle a seed produces). */
export function perm(n: number, rng: IntRng): number[] {
  const m = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const j = rng.intn(i + 1)
    m[i] = m[j]
    m[j] = i
  }
  return m
}

/** slice.ShuffleStrings: `shuffled[perm[i]] = s[i]`. */
export function shuffleStrings(s: readonly string[], rng: IntRng): string[] {
  const out = new Array<string>(s.length)
  perm(s.length, rng).forEach((j, i) => (out[j] = s[i]))
  return out
}

/** NewService: create the entry, or update its affinity (ttl 0 means the 3 h default). */
export function newService(state: BalancerState, spn: string, affinityType: 'None' | 'ClientIP', ttlSeconds: number): BalancerEntry {
  const ttl = ttlSeconds === 0 ? 10800 : ttlSeconds
  const e = (state[spn] ??= { endpoints: [], index: 0, affinityType, ttlSeconds: ttl, affinity: {} })
  e.affinityType = affinityType
  e.ttlSeconds = ttl
  return e
}

/**
 * OnEndpointsUpdate for one service port: when the set of `ip:port`s changed, drop the
 * affinity records of vanished endpoints, shuffle the new list and restart at index 0.
 * An unchanged set keeps its order and position.
 */
export function setEndpoints(state: BalancerState, spn: string, endpoints: readonly string[], rng: IntRng): void {
  const e = state[spn] ?? newService(state, spn, 'None', 0)
  const same = e.endpoints.length === endpoints.length && [...e.endpoints].sort().join() === [...endpoints].sort().join()
  if (same) return
  const keep = new Set(endpoints)
  for (const [ip, a] of Object.entries(e.affinity)) if (!keep.has(a.endpoint)) delete e.affinity[ip]
  e.endpoints = shuffleStrings(endpoints, rng)
  e.index = 0
}

/** resetService: the service port vanished from Endpoints; it keeps its entry but nothing to pick. */
export function resetService(state: BalancerState, spn: string): void {
  const e = state[spn]
  if (!e) return
  e.endpoints = []
  e.index = 0
  e.affinity = {}
}

export const ErrMissingServiceEntry = 'missing service entry'
export const ErrMissingEndpoints = 'missing endpoints'

/**
 * NextEndpoint: the affinity record wins while `now − lastUsed < ttl` (whole seconds),
 * otherwise the next endpoint in round-robin order, which then becomes the client's.
 */
export function nextEndpoint(state: BalancerState, spn: string, clientIP: string, now: number, affinityReset: boolean): { endpoint: string } | { error: string } {
  const e = state[spn]
  if (!e) return { error: ErrMissingServiceEntry }
  if (e.endpoints.length === 0) return { error: ErrMissingEndpoints }
  const sticky = e.affinityType === 'ClientIP'
  if (sticky && !affinityReset) {
    const a = e.affinity[clientIP]
    if (a && Math.floor((now - a.lastUsed) / 1000) < e.ttlSeconds) {
      a.lastUsed = now
      return { endpoint: a.endpoint }
    }
  }
  const endpoint = e.endpoints[e.index]
  e.index = (e.index + 1) % e.endpoints.length
  if (sticky) e.affinity[clientIP] = { endpoint, lastUsed: now }
  return { endpoint }
}

/** CleanupStaleStickySessions: drop records unused for ≥ ttl seconds (run each sync). */
export function cleanupStaleStickySessions(state: BalancerState, spn: string, now: number): void {
  const e = state[spn]
  if (!e) return
  for (const [ip, a] of Object.entries(e.affinity)) if (Math.floor((now - a.lastUsed) / 1000) >= e.ttlSeconds) delete e.affinity[ip]
}

/** EndpointDialTimeouts: one attempt per timeout, each with the next endpoint. */
export const ENDPOINT_DIAL_TIMEOUTS_MS = [250, 500, 1000, 2000] as const

export type DialResult = 'ok' | 'refused' | 'timeout'

export interface DialAttempt {
  endpoint: string
  timeoutMs: number
  result: DialResult
}

export interface ConnectResult {
  endpoint?: string
  attempts: DialAttempt[]
  /** Virtual time spent dialing: a timeout costs its full budget; a refusal is immediate. */
  elapsedMs: number
  /** Set when the client connection is closed instead. */
  error?: string
}

/**
 * TryConnectEndpoints: up to four endpoints are tried; after the first failure session
 * affinity is ignored so a dead sticky endpoint is not retried. If every dial fails the
 * proxy closes the client's connection ("failed to connect to an endpoint.") — the retry
 * iptables mode does not have.
 */
export function tryConnectEndpoints(
  state: BalancerState, spn: string, clientIP: string, now: number,
  dial: (endpoint: string, timeoutMs: number) => DialResult,
): ConnectResult {
  const attempts: DialAttempt[] = []
  let elapsedMs = 0
  let affinityReset = false
  for (const timeoutMs of ENDPOINT_DIAL_TIMEOUTS_MS) {
    const next = nextEndpoint(state, spn, clientIP, now + elapsedMs, affinityReset)
    if ('error' in next) return { attempts, elapsedMs, error: next.error }
    const result = dial(next.endpoint, timeoutMs)
    attempts.push({ endpoint: next.endpoint, timeoutMs, result })
    if (result === 'ok') return { endpoint: next.endpoint, attempts, elapsedMs }
    if (result === 'timeout') elapsedMs += timeoutMs
    affinityReset = true
  }
  return { attempts, elapsedMs, error: 'failed to connect to an endpoint.' }
}
