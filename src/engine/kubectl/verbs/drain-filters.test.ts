import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/types'
import { deleteErrors, deleteWarnings, filterPods, podsToDelete, type DrainFilterOptions } from './drain-filters'

const pod = (name: string, o: { owner?: string; phase?: string; emptyDir?: boolean; mirror?: boolean; deletedAt?: number } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    ownerReferences: o.owner ? [{ apiVersion: 'apps/v1', kind: o.owner, name: 'x', uid: 'u', controller: true }] : undefined,
    annotations: o.mirror ? { 'kubernetes.io/config.mirror': 'hash' } : undefined,
    deletionTimestamp: o.deletedAt !== undefined ? String(o.deletedAt) : undefined,
  },
  spec: { containers: [], volumes: o.emptyDir ? [{ name: 'v', emptyDir: {} }] : undefined },
  status: { phase: (o.phase ?? 'Running') as 'Running' },
})

const opts = (o: Partial<DrainFilterOptions> = {}): DrainFilterOptions => ({
  force: false,
  ignoreDaemonSets: false,
  deleteEmptyDirData: false,
  skipWaitForDeleteTimeoutSeconds: 0,
  now: 100_000,
  parse: (ts) => (ts === undefined ? undefined : Number(ts)),
  daemonSetError: () => undefined,
  ...o,
})

describe('drain filters (pkg/drain/filters.go)', () => {
  it.each<[string, Pod, Partial<DrainFilterOptions>, boolean, string, string?]>([
    ['managed pod', pod('a', { owner: 'ReplicaSet' }), {}, true, 'Okay'],
    ['no controller', pod('a'), {}, false, 'Error', 'cannot delete Pods that declare no controller (use --force to override)'],
    ['no controller, --force', pod('a'), { force: true }, true, 'Warning', 'deleting Pods that declare no controller'],
    ['finished, no controller', pod('a', { phase: 'Succeeded' }), {}, true, 'Okay'],
    ['DaemonSet pod', pod('a', { owner: 'DaemonSet' }), {}, false, 'Error', 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'],
    ['DaemonSet pod, --ignore-daemonsets', pod('a', { owner: 'DaemonSet' }), { ignoreDaemonSets: true }, false, 'Warning', 'ignoring DaemonSet-managed Pods'],
    ['failed DaemonSet pod', pod('a', { owner: 'DaemonSet', phase: 'Failed' }), {}, true, 'Okay'],
    ['orphaned DaemonSet pod', pod('a', { owner: 'DaemonSet' }), { daemonSetError: () => ({ message: 'daemonsets.apps "x" not found', notFound: true }) }, false, 'Error', 'daemonsets.apps "x" not found'],
    ['mirror pod', pod('a', { mirror: true }), {}, false, 'Skip'],
    ['emptyDir', pod('a', { owner: 'ReplicaSet', emptyDir: true }), {}, false, 'Error', 'Pods with local storage (use --delete-emptydir-data to override)'],
    ['emptyDir, allowed: the warning is overwritten by the next filter', pod('a', { owner: 'ReplicaSet', emptyDir: true }), { deleteEmptyDirData: true }, true, 'Okay'],
    ['deleted long ago, --skip-wait-for-delete-timeout', pod('a', { deletedAt: 10_000 }), { skipWaitForDeleteTimeoutSeconds: 60 }, false, 'Skip'],
    ['deleted recently', pod('a', { owner: 'ReplicaSet', deletedAt: 90_000 }), { skipWaitForDeleteTimeoutSeconds: 60 }, true, 'Okay'],
  ])('%s', (_n, p, o, del, reason, message) => {
    const [r] = filterPods([p], opts(o))
    expect(r.status).toEqual({ delete: del, reason, ...(message ? { message } : {}) })
  })

  it('groups errors and warnings by message, in order', () => {
    const list = filterPods([pod('a'), pod('b', { owner: 'DaemonSet' }), pod('c'), pod('d', { owner: 'ReplicaSet' })], opts())
    expect(deleteErrors(list)).toEqual([
      'cannot delete Pods that declare no controller (use --force to override): default/a, default/c',
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/b',
    ])
    const forced = filterPods([pod('a'), pod('b', { owner: 'DaemonSet' }), pod('c')], opts({ force: true, ignoreDaemonSets: true }))
    expect(deleteWarnings(forced)).toBe('deleting Pods that declare no controller: default/a, default/c; ignoring DaemonSet-managed Pods: default/b')
    expect(podsToDelete(forced).map((p) => p.metadata.name)).toEqual(['a', 'c'])
  })
})
