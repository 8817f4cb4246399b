import { describe, expect, it } from 'vitest'
import type { KObject, Pod } from '../api/types'
import { calculateStatus, statusUpdate, withStatus } from './replicaset-status'

const NOW = Date.parse('2026-01-01T00:01:00Z')
const NOW_TS = '2026-01-01T00:01:00Z'

const rs = (over: { replicas?: number; minReadySeconds?: number; status?: KObject['status']; generation?: number } = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default', generation: over.generation ?? 2 },
  spec: { replicas: over.replicas ?? 3, minReadySeconds: over.minReadySeconds ?? 0, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
  status: over.status ?? { replicas: 0 },
})

const pod = (labels: Record<string, string>, readySince?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels },
  spec: { containers: [] },
  status: { phase: 'Running', conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [] },
})

describe('calculateStatus', () => {
  const pods = [
    pod({ app: 'web', tier: 'fe', extra: 'ok' }, '2026-01-01T00:00:00Z'), // ready 60 s
    pod({ app: 'web', tier: 'fe' }, '2026-01-01T00:00:55Z'), // ready 5 s
    pod({ app: 'web' }), // not fully labeled, not ready
  ]
  it('counts replicas, fully labeled (template labels ⊆ pod labels), ready and available', () => {
    expect(calculateStatus(rs({ minReadySeconds: 10 }), pods, undefined, NOW, NOW_TS)).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 1,
    })
  })
  it('omits zero counts (omitempty) but always writes replicas', () => {
    expect(calculateStatus(rs(), [], undefined, NOW, NOW_TS)).toEqual({ replicas: 0 })
  })
  it('sets ReplicaFailure FailedCreate on a failed round when short of replicas', () => {
    const s = calculateStatus(rs(), [pods[0]], 'pods "web-x" is forbidden: exceeded quota', NOW, NOW_TS)
    expect(s.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: NOW_TS, reason: 'FailedCreate', message: 'pods "web-x" is forbidden: exceeded quota' },
    ])
  })
  it('FailedDelete when over; an existing failure is kept as is; a clean round removes it', () => {
    expect(calculateStatus(rs({ replicas: 1 }), pods, 'unable to delete pods: boom', NOW, NOW_TS).conditions?.[0].reason).toBe('FailedDelete')
    const old = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'first', lastTransitionTime: 'x' }
    const failing = rs({ status: { replicas: 1, conditions: [old] } })
    expect(calculateStatus(failing, [], 'second', NOW, NOW_TS).conditions).toEqual([old])
    expect(calculateStatus(failing, [], undefined, NOW, NOW_TS).conditions).toBeUndefined()
  })
})

describe('statusUpdate (updateReplicaSetStatus)', () => {
  it('no write in the steady state', () => {
    const cur = rs({ status: { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 2 } })
    expect(statusUpdate(cur, { replicas: 3, fullyLabeledReplicas: 3 })).toBeUndefined()
  })
  it('a new generation alone is a write, stamping observedGeneration', () => {
    const cur = rs({ status: { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 } })
    const w = statusUpdate(cur, { replicas: 3, fullyLabeledReplicas: 3 })
    expect(w).toMatchObject({ verb: 'update', resource: 'replicasets', subresource: 'status' })
    expect(JSON.stringify(w?.object.status)).toBe('{"replicas":3,"fullyLabeledReplicas":3,"observedGeneration":2}')
  })
  it('withStatus keeps the generation acted on when retrying against a fresher object', () => {
    expect(withStatus(rs({ generation: 5 }), { replicas: 1 }, 2).status).toEqual({ replicas: 1, observedGeneration: 2 })
  })
})
