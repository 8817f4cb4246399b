import { beforeEach, describe, expect, it } from 'vitest'
import type { DiffMessage, FromWorker, FullMessage, ResultMessage, StatusMessage } from '../protocol'
import { PROTOCOL_VERSION } from '../protocol'
import { EngineRunner, MAX_TICK_WALL_MS } from './runner'
import { FakeCluster, pod } from './fake-cluster'
import { MAX_RECORDS_PER_DIFF } from './diff'

let cluster: FakeCluster
let posted: FromWorker[]
let wall: number
let runner: EngineRunner

function make(playing = true) {
  cluster = new FakeCluster()
  posted = []
  wall = 1_000
  runner = new EngineRunner({ cluster, post: (m) => posted.push(m), now: () => wall, playing })
}

const ofType = <T extends FromWorker['type']>(t: T) => posted.filter((m) => m.type === t) as Extract<FromWorker, { type: T }>[]
const lastDiff = () => ofType('diff').at(-1) as DiffMessage

beforeEach(() => make())

describe('start', () => {
  it('says hello with the protocol version, then the whole state, then the status', () => {
    cluster.put(pod('a', 'u1'))
    runner.start()
    expect(posted.map((m) => m.type)).toEqual(['hello', 'full', 'status'])
    expect(posted[0]).toMatchObject({ version: PROTOCOL_VERSION, playing: true, speed: 1 })
    const full = posted[1] as FullMessage
    expect(full.objects.map((o) => o.metadata.uid)).toEqual(['u1'])
    expect(full.revision).toBe(1)
  })
})

describe('diffs', () => {
  beforeEach(() => {
    runner.start()
    posted = []
  })

  it('squashes several writes to one object into its last state', () => {
    cluster.put(pod('a', 'u1', 'Pending'))
    cluster.put(pod('a', 'u1', 'Pending', 'node-1'))
    cluster.put(pod('a', 'u1', 'Running', 'node-1'))
    runner.tick()
    const d = lastDiff()
    expect(d.upserts).toHaveLength(1)
    expect(d.upserts[0].status.phase).toBe('Running')
    expect(d.revision).toBe(3)
  })

  it('sends a delete only for objects the UI has seen', () => {
    const seen = pod('seen', 'u1')
    cluster.put(seen)
    runner.tick()
    const ghost = pod('ghost', 'u2')
    cluster.put(ghost)
    cluster.remove(ghost) // born and gone within one frame
    cluster.remove(seen)
    runner.tick()
    const d = lastDiff()
    expect(d.removed).toEqual(['u1'])
    expect(d.upserts).toEqual([])
  })

  it('keys by uid: a pod recreated under the same name is a removal plus a new object', () => {
    cluster.put(pod('a', 'old'))
    runner.tick()
    cluster.remove(pod('a', 'old'))
    cluster.put(pod('a', 'new'))
    runner.tick()
    expect(lastDiff().removed).toEqual(['old'])
    expect(lastDiff().upserts.map((o) => o.metadata.uid)).toEqual(['new'])
  })

  it('posts nothing while paused and nothing changes', () => {
    runner.handle({ type: 'control', action: 'pause' })
    posted = []
    wall += 500
    runner.tick()
    runner.tick()
    expect(posted).toEqual([])
  })

  it('forwards schedule records even when API records are capped', () => {
    for (let i = 0; i < MAX_RECORDS_PER_DIFF + 50; i++)
      cluster.record({ type: 'api', actor: 'kubelet/node-1', verb: 'patch', resource: 'pods', code: 200 })
    cluster.record({ type: 'schedule', pod: 'a', namespace: 'default', podUid: 'u1', nodes: [], selected: 'node-1' })
    runner.tick()
    const d = lastDiff()
    expect(d.droppedRecords).toBe(50)
    expect(d.records.filter((r) => r.type === 'api')).toHaveLength(MAX_RECORDS_PER_DIFF)
    expect(d.records.at(-1)?.type).toBe('schedule')
  })

  it('falls back to a full message when the history it needs was compacted', () => {
    cluster.put(pod('a', 'u1'))
    cluster.compact()
    runner.tick()
    expect(posted.map((m) => m.type)).toEqual(['full'])
  })
})

describe('time', () => {
  beforeEach(() => {
    runner.start()
  })

  it('advances virtual time by wall time × speed', () => {
    runner.handle({ type: 'speed', speed: 5 })
    wall += 16
    runner.tick()
    expect(cluster.advances).toEqual([80])
    expect(lastDiff().clock).toBe(80)
  })

  it('carries fractions so slow speeds do not lose time', () => {
    runner.handle({ type: 'speed', speed: 0.25 })
    for (let i = 0; i < 4; i++) {
      wall += 2 // 0.5 virtual ms each
      runner.tick()
    }
    expect(cluster.time).toBe(2)
  })

  it('caps a long gap (background tab) instead of jumping minutes', () => {
    runner.handle({ type: 'speed', speed: 20 })
    wall += 120_000
    runner.tick()
    expect(cluster.time).toBe(MAX_TICK_WALL_MS * 20)
  })

  it('does not advance while paused, and does not owe the paused interval on play', () => {
    runner.handle({ type: 'control', action: 'pause' })
    wall += 1_000
    runner.tick()
    expect(cluster.time).toBe(0)
    wall += 1_000
    runner.handle({ type: 'control', action: 'play' })
    wall += 10
    runner.tick()
    expect(cluster.time).toBe(10)
  })

  it('step advances 100 ms by default (or stepMs) and pauses', () => {
    runner.handle({ type: 'control', action: 'step' })
    expect(cluster.time).toBe(100)
    expect(runner.playing).toBe(false)
    runner.handle({ type: 'control', action: 'step', stepMs: 1_000 })
    expect(cluster.time).toBe(1_100)
    const status = ofType('status').at(-1) as StatusMessage
    expect(status).toMatchObject({ playing: false, clock: 1_100 })
  })

  it('rejects a speed outside the offered list without dying', () => {
    runner.handle({ type: 'speed', speed: 3 as never })
    expect(runner.speed).toBe(1)
    expect(ofType('error')).toHaveLength(1)
  })
})

describe('commands', () => {
  beforeEach(() => {
    runner.start()
    posted = []
  })

  it('runs kubectl without its leading word and posts the state before the result', () => {
    cluster.onKubectl = () => {
      cluster.put(pod('a', 'u1'))
      return { code: 0, stdout: 'pod/a created\n', stderr: '' }
    }
    runner.handle({ type: 'kubectl', id: 7, line: 'kubectl run a --image=nginx' })
    expect(cluster.commands[0].line).toBe('run a --image=nginx')
    expect(posted.map((m) => m.type)).toEqual(['diff', 'result'])
    expect(posted[1]).toEqual({ type: 'result', id: 7, code: 0, stdout: 'pod/a created\n', stderr: '', command: 'kubectl run a --image=nginx' })
  })

  it('applies YAML through `apply -f -` with the YAML on stdin', () => {
    runner.handle({ type: 'apply', id: 1, yaml: 'kind: Pod' })
    expect(cluster.commands[0]).toEqual({ line: 'apply -f -', stdin: 'kind: Pod' })
  })

  it('translates a scale click into the kubectl command and returns its text', () => {
    runner.handle({ type: 'scale', id: 2, namespace: 'team-a', kind: 'ReplicaSet', name: 'web', replicas: 5 })
    expect(cluster.commands[0].line).toBe('scale replicaset/web --replicas=5 -n team-a')
    expect((ofType('result')[0] as ResultMessage).command).toBe('kubectl scale replicaset/web --replicas=5 -n team-a')
  })

  it('turns an exception into an error result instead of killing the worker', () => {
    cluster.onKubectl = () => {
      throw new Error('boom')
    }
    runner.handle({ type: 'kubectl', id: 3, line: 'get pods' })
    expect(ofType('result')[0]).toMatchObject({ id: 3, code: 1, stderr: 'error: boom\n' })
  })
})

describe('test hooks', () => {
  beforeEach(() => {
    runner.start()
    posted = []
  })

  it('advance and settle answer after the diff they caused', () => {
    runner.handle({ type: 'test', id: 1, op: 'advance', ms: 2_500 })
    expect(posted.map((m) => m.type)).toEqual(['diff', 'testResult'])
    expect(posted[1]).toMatchObject({ id: 1, clock: 2_500 })
  })

  it('ticks answers only after n ticks', () => {
    runner.handle({ type: 'test', id: 9, op: 'ticks', n: 3 })
    runner.tick()
    runner.tick()
    expect(ofType('testResult')).toHaveLength(0)
    runner.tick()
    expect(ofType('testResult')).toEqual([expect.objectContaining({ id: 9 })])
  })
})
