/**
 * Every decision leaves a record (DESIGN principle 5). Records are plain data: the worker
 * drains them each frame and the UI explains *why* from them.
 */

/** One API request as the API server saw it. */
export interface ApiRecord {
  type: 'api'
  seq: number
  time: number
  /** Who asked: `kubectl`, `kube-scheduler`, `kubelet/node-1`, `replicaset-controller`, … */
  actor: string
  verb: 'create' | 'get' | 'list' | 'update' | 'patch' | 'delete' | 'watch' | 'bind'
  resource: string
  subresource?: string
  namespace?: string
  name?: string
  code: number
  /** etcd revision written, for writes that succeeded. */
  revision?: number
  message?: string
}

/** A watch notification delivered to a component. */
export interface WatchRecord {
  type: 'watch'
  seq: number
  time: number
  watcher: string
  resource: string
  event: 'ADDED' | 'MODIFIED' | 'DELETED'
  namespace?: string
  name?: string
  uid?: string
  revision: number
}

/** A controller acting, with the numbers behind it. */
export interface ControllerRecord {
  type: 'controller'
  seq: number
  time: number
  controller: string
  key: string
  action: string
  detail: string
}

/** The scheduler's verdict on one node for one pod (REFERENCE 3). */
export interface NodeVerdict {
  node: string
  /** The first filter plugin that rejected the node, and its reason text. */
  filter?: { plugin: string; reason: string }
  /** Per score plugin: the normalized score (0–100) and its weight; absent if filtered out. */
  scores?: { plugin: string; score: number; weight: number }[]
  total?: number
}

/** One scheduling attempt for one pod: every node's verdict and the outcome. */
export interface ScheduleRecord {
  type: 'schedule'
  seq: number
  time: number
  pod: string
  namespace: string
  podUid: string
  nodes: NodeVerdict[]
  /** The chosen node, or undefined when none fit. */
  selected?: string
  /** How many nodes shared the best total (ties broken by reservoir sampling). */
  tiedForBest?: number
  /** `0/3 nodes are available: 3 Insufficient cpu.` when none fit. */
  message?: string
}

export type EngineRecord = ApiRecord | WatchRecord | ControllerRecord | ScheduleRecord

type Unsequenced<T> = T extends EngineRecord ? Omit<T, 'seq' | 'time'> : never

/**
 * A bounded log of records. Consumers remember the last `seq` they read; reading is
 * proportional to what is new.
 */
export class RecordLog {
  private items: EngineRecord[] = []
  private nextSeq = 1
  constructor(
    private readonly now: () => number,
    private readonly capacity = 20_000,
  ) {}

  add(r: Unsequenced<EngineRecord>): void {
    this.items.push({ ...r, seq: this.nextSeq++, time: this.now() } as EngineRecord)
    if (this.items.length > this.capacity * 1.5) this.items = this.items.slice(-this.capacity)
  }

  since(seq: number): EngineRecord[] {
    const first = this.items.length ? this.items[0].seq : this.nextSeq
    const start = Math.max(0, seq + 1 - first)
    return this.items.slice(start)
  }

  lastSeq(): number {
    return this.nextSeq - 1
  }
}
