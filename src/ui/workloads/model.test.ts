import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { deploymentView, revisionsOf, rolloutPhase, selectorView } from './model'

const rs = (uid: string, rev: string | undefined, image: string, replicas: number, ready: number, extra: Record<string, string> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: `web-${uid}`, namespace: 'default', uid, creationTimestamp: `2026-01-01T00:00:0${uid.length}Z`, labels: { app: 'web', 'pod-template-hash': `h${uid}` }, annotations: { ...(rev ? { 'deployment.kubernetes.io/revision': rev } : {}), ...extra } },
  spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': `h${uid}` } }, template: { spec: { containers: [{ name: 'nginx', image }] } } },
  status: { readyReplicas: ready },
})
const deploy = (rev: string, status: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd', generation: 2, annotations: { 'deployment.kubernetes.io/revision': rev } },
  spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, ...spec },
  status: { observedGeneration: 2, ...status },
})

describe('revisions of a Deployment (what rollout history lists)', () => {
  it('newest revision first, with images, hash, revision-history, and the current one marked', () => {
    const objects = { a: rs('a', '1', 'nginx:1.26', 0, 0), b: rs('b', '3', 'nginx:1.27', 6, 6, { 'deployment.kubernetes.io/revision-history': '2' }), c: rs('c', '4', 'nginx:bad', 2, 0) }
    const revs = revisionsOf(deploy('4'), objects, ['a', 'b', null, 'c', 'gone'])
    expect(revs.map((r) => [r.revision, r.current, r.images[0].image, r.hash, r.history, `${r.ready}/${r.desired}`])).toEqual([
      [4, true, 'nginx:bad', 'hc', [], '0/2'],
      [3, false, 'nginx:1.27', 'hb', [2], '6/6'],
      [1, false, 'nginx:1.26', 'ha', [], '0/0'],
    ])
  })
})

describe('selectors: RC equality map vs RS set-based LabelSelector', () => {
  it('an RC selector is a plain map', () => {
    const rc: KObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'x' }, spec: { selector: { app: 'x', tier: 'web' } } }
    expect(selectorView(rc)).toEqual({ style: 'equality', labels: { app: 'x', tier: 'web' }, expressions: [], text: 'app=x,tier=web' })
  })
  it('an RS selector has matchLabels and matchExpressions, written as kubectl -l takes them', () => {
    const r: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'x' },
      spec: {
        selector: {
          matchLabels: { app: 'x' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'api'] },
            { key: 'env', operator: 'NotIn', values: ['dev'] },
            { key: 'canary', operator: 'DoesNotExist' },
            { key: 'team', operator: 'Exists' },
          ],
        },
      },
    }
    const s = selectorView(r)
    expect(s.style).toBe('set-based')
    expect(s.text).toBe('app=x,tier in (web,api),env notin (dev),!canary,team')
  })
})

describe('rollout phase, in kubectl rollout status order (REFERENCE 5.7)', () => {
  it.each([
    [{ observedGeneration: 1 }, 'waitingSpec'],
    [{ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }], updatedReplicas: 2 }, 'timedOut'],
    [{ updatedReplicas: 3, replicas: 8 }, 'updating'],
    [{ updatedReplicas: 6, replicas: 8 }, 'terminatingOld'],
    [{ updatedReplicas: 6, replicas: 6, availableReplicas: 4 }, 'waitingAvailable'],
    [{ updatedReplicas: 6, replicas: 6, availableReplicas: 6 }, 'complete'],
  ] as const)('%j → %s', (status, phase) => {
    expect(rolloutPhase(deploymentView(deploy('1', status)))).toBe(phase)
  })

  it('reads strategy, pause and counts', () => {
    const v = deploymentView(deploy('1', { replicas: 7, updatedReplicas: 2, readyReplicas: 6, availableReplicas: 5 }, { paused: true }))
    expect(v).toMatchObject({ strategy: 'RollingUpdate', maxSurge: '25%', paused: true, desired: 6, replicas: 7, updated: 2, ready: 6, available: 5 })
  })
})
