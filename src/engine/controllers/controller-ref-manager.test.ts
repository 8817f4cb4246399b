import { describe, expect, it } from 'vitest'
import type { KObject, OwnerReference, Pod } from '../api/types'
import { fromLabelSelector } from '../api/selector'
import { adoptPatch, claimPods, newControllerRef, removeOwnerRefsPatch } from './controller-ref-manager'

const rs = (deleting = false): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default', uid: 'rs-uid', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { selector: { matchLabels: { app: 'web' } } },
})
const ours: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }
const theirs: OwnerReference = { ...ours, name: 'other', uid: 'other-uid' }
const pod = (name: string, app: string, extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `${name}-uid`, resourceVersion: '7', labels: { app }, ...extra },
  spec: { containers: [] },
})
const sel = fromLabelSelector({ matchLabels: { app: 'web' } })
const names = (ps: Pod[]) => ps.map((p) => p.metadata.name)

describe('claimPods (ControllerRefManager.ClaimObject)', () => {
  const pods = [
    pod('owned-match', 'web', { ownerReferences: [ours] }),
    pod('owned-nomatch', 'api', { ownerReferences: [ours] }),
    pod('theirs', 'web', { ownerReferences: [theirs] }),
    pod('orphan-match', 'web'),
    pod('orphan-nomatch', 'api'),
    pod('orphan-deleting', 'web', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
    pod('orphan-other-ns', 'web', { namespace: 'other' }),
    // An owner reference without controller: true does not make a controller.
    pod('orphan-nonctrl-ref', 'web', { ownerReferences: [{ ...theirs, controller: undefined }] }),
  ]

  it('keeps matching owned pods, adopts matching orphans, releases owned pods that stopped matching', () => {
    const r = claimPods(rs(), sel, pods)
    expect(names(r.claimed)).toEqual(['owned-match', 'orphan-match', 'orphan-nonctrl-ref'])
    expect(names(r.adopt)).toEqual(['orphan-match', 'orphan-nonctrl-ref'])
    expect(names(r.release)).toEqual(['owned-nomatch'])
  })

  it('an owner being deleted keeps what it owns but neither adopts nor releases', () => {
    const r = claimPods(rs(true), sel, pods)
    expect(names(r.claimed)).toEqual(['owned-match'])
    expect(r.adopt).toEqual([])
    expect(r.release).toEqual([])
  })
})

describe('patches', () => {
  it('controller reference has Kubernetes field order and both flags', () => {
    expect(JSON.stringify(newControllerRef(rs(), 'apps/v1', 'ReplicaSet'))).toBe(
      '{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"rs-uid","controller":true,"blockOwnerDeletion":true}',
    )
  })
  it('adoption appends our reference and pins the resourceVersion', () => {
    const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'x' }
    expect(adoptPatch(pod('p', 'web', { ownerReferences: [other] }), ours)).toEqual({
      metadata: { resourceVersion: '7', ownerReferences: [other, ours] },
    })
  })
  it('release removes only our reference; removing the last one deletes the field', () => {
    expect(removeOwnerRefsPatch(pod('p', 'web', { ownerReferences: [ours, theirs] }), ['rs-uid'])).toEqual({
      metadata: { resourceVersion: '7', ownerReferences: [theirs] },
    })
    expect(removeOwnerRefsPatch(pod('p', 'web', { ownerReferences: [ours] }), ['rs-uid'])).toEqual({
      metadata: { resourceVersion: '7', ownerReferences: null },
    })
  })
})
