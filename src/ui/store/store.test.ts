import { beforeEach, describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import type { DiffMessage } from '../../protocol'
import { useStore } from './index'
import { INITIAL_MIRROR } from './mirror'
import { INITIAL_RECORDS } from './records'

const pod = (uid: string, phase: string, nodeName?: string, deleting = false): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `p-${uid}`, namespace: 'default', uid, resourceVersion: `${phase}${nodeName}`, ...(deleting ? { deletionTimestamp: 'x' } : {}) },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
  status: { phase },
})
const diff = (over: Partial<DiffMessage>): DiffMessage => ({ type: 'diff', clock: 0, revision: 0, upserts: [], removed: [], records: [], droppedRecords: 0, ...over })

beforeEach(() => useStore.setState({ ...INITIAL_MIRROR, ...INITIAL_RECORDS, selection: null }))

describe('store: applying diffs', () => {
  it('applies a diff with a single set, and keeps unchanged objects’ identity', () => {
    const { applyDiff } = useStore.getState()
    applyDiff(diff({ upserts: [pod('a', 'Pending'), pod('b', 'Pending')], revision: 2 }))
    const before = useStore.getState().objects
    let sets = 0
    const unsub = useStore.subscribe(() => sets++)
    applyDiff(diff({ upserts: [pod('a', 'Running', 'node-1')], revision: 3, clock: 50 }))
    unsub()
    const after = useStore.getState()
    expect(sets).toBe(1)
    expect(after.objects.b).toBe(before.b)
    expect(after.objects.a.status.phase).toBe('Running')
    expect(after.layout.pods.a.group).toBe('node-1')
    expect(after.ready).toBe(true)
    expect(after.clock).toBe(50)
  })

  it('a clock-only diff leaves the object map untouched', () => {
    const { applyDiff } = useStore.getState()
    applyDiff(diff({ upserts: [pod('a', 'Pending')] }))
    const objects = useStore.getState().objects
    const layout = useStore.getState().layout
    applyDiff(diff({ clock: 16 }))
    expect(useStore.getState().objects).toBe(objects)
    expect(useStore.getState().layout).toBe(layout)
  })

  it('a deleted pod leaves the mirror but keeps its slot until its exit animation ends', () => {
    const { applyDiff } = useStore.getState()
    applyDiff(diff({ upserts: [pod('a', 'Running', 'n'), pod('b', 'Running', 'n')] }))
    applyDiff(diff({ removed: ['a'] }))
    let s = useStore.getState()
    expect(s.objects.a).toBeUndefined()
    expect(s.leaving.a.obj.metadata.name).toBe('p-a')
    expect(s.layout.groups.n).toEqual(['a', 'b'])
    s.forget('a')
    s = useStore.getState()
    expect(s.leaving.a).toBeUndefined()
    expect(s.layout.groups.n).toEqual([null, 'b'])
  })

  it('keeps each pod’s latest scheduling decision and drops it with the pod', () => {
    const { applyDiff } = useStore.getState()
    const rec = (seq: number, selected?: string) => ({ type: 'schedule' as const, seq, time: 0, pod: 'p-a', namespace: 'default', podUid: 'a', nodes: [], selected })
    applyDiff(diff({ upserts: [pod('a', 'Pending')], records: [rec(1), rec(2, 'node-2')] }))
    expect(useStore.getState().schedules.a.selected).toBe('node-2')
    useStore.getState().applyDiff(diff({ removed: ['a'] }))
    useStore.getState().forget('a')
    expect(useStore.getState().schedules.a).toBeUndefined()
  })

  it('orders events by their last write and lights the boxes that acted', () => {
    const ev = (uid: string): KObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: uid, namespace: 'default', uid }, involvedObject: { uid: 'a' }, reason: 'R', message: '' })
    const { applyDiff } = useStore.getState()
    applyDiff(
      diff({
        upserts: [ev('e1'), ev('e2')],
        records: [{ type: 'api', seq: 1, time: 0, actor: 'kube-scheduler', verb: 'bind', resource: 'pods', namespace: 'default', name: 'p-a', code: 201 }],
      }),
    )
    applyDiff(diff({ upserts: [ev('e1')] }))
    const s = useStore.getState()
    expect(s.eventOrder).toEqual(['e2', 'e1'])
    expect(s.activity['kube-scheduler']).toMatchObject({ n: 1, text: 'BIND pods default/p-a' })
    expect(s.activity.etcd.n).toBe(1)
  })
})
