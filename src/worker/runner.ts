/**
 * Runs a simulated cluster in real time × speed and speaks the protocol (src/protocol.ts).
 *
 * The engine has no timers (DESIGN principle 2); this class is the only place where wall time
 * turns into virtual time. The worker calls `tick()` from its timer; each tick advances the
 * virtual clock by the wall time elapsed × speed — capped, so a throttled background tab
 * (timers at 1 Hz or slower) slows the simulation down instead of jumping minutes — and posts
 * at most one diff. Wall time and `post` are injected so the runner is unit-tested in Node.
 */
import type { EngineRecord, KObject, StoreEvent } from '../engine/index'
import { DEFAULT_STEP_MS, PROTOCOL_VERSION, isSpeed, type FromWorker, type LifecycleEntry, type Speed, type TestRequest, type ToWorker } from '../protocol'
import { DiffBuilder, type DiffSource } from './diff'
import { displayCommand, scaleCommand, stripKubectl } from './commands'
import { FaultTracker, type FaultHost } from './faults'
import { LifecycleFollower, type LifecycleHost } from './lifecycle'
import { ServicesWorker } from './services'
import { isServicesRequest } from '../protocol-services'
import { ConsoleHost, type ConsoleEngine } from './console-host'
import { isConsoleRequest } from '../protocol-console'

/** The part of `Cluster` (src/engine/index.ts) the runner drives. */
export interface SimCluster extends DiffSource, Omit<FaultHost, 'kubelets'>, Omit<LifecycleHost, 'kubelets'> {
  /** Each node's kubelet: whether it runs (faults) and its pods' lifecycle logs (timeline). */
  kubelets?: ReadonlyMap<string, { running(): boolean; podLifecycle?(uid: string): readonly LifecycleEntry[] }>
  kubectl(line: string, stdin?: string): { code: number; stdout: string; stderr: string }
  advance(ms: number): void
  settle(maxMs?: number): number
  changesSince(revision: number): StoreEvent[]
  recordsSince(seq: number): EngineRecord[]
  etcd: { revision(): number; list(prefix: string): KObject[]; compactedRevision?(): number }
}

export interface RunnerOptions {
  cluster: SimCluster
  post: (m: FromWorker) => void
  /** Wall-clock milliseconds (performance.now() in the worker, a fake in tests). */
  now: () => number
  seed?: number
  nodes?: number
  /** Start playing (default true). */
  playing?: boolean
  speed?: Speed
  /** Most wall time one tick may account for. */
  maxTickWallMs?: number
  /** Engine functions for the console feature (export, edit, completion, `get -w`); see console-host.ts. */
  consoleEngine?: ConsoleEngine
}

/** A tick after a long gap (background tab, debugger) counts as at most this much wall time. */
export const MAX_TICK_WALL_MS = 250

/** Default for `settle` from the test hook: ten virtual minutes. */
const SETTLE_MAX_MS = 600_000

export class EngineRunner {
  private readonly cluster: SimCluster
  private readonly post: (m: FromWorker) => void
  private readonly wall: () => number
  private readonly diffs: DiffBuilder
  private readonly maxTickWallMs: number
  private lastWall: number
  /** Virtual ms owed but not yet advanced (the clock advances in whole ms). */
  private carry = 0
  private tickWaiters: { id: number; remaining: number }[] = []
  private _playing: boolean
  private _speed: Speed
  private readonly faults = new FaultTracker()
  private readonly lifecycle = new LifecycleFollower()
  /** Traffic, rule tables, kube-proxy modes, the scale experiment (src/worker/services.ts). */
  private readonly services: ServicesWorker
  /** Shells, `get -w` watches, completion catalog, export and edit (src/worker/console-host.ts). */
  private readonly console: ConsoleHost

  constructor(private readonly opts: RunnerOptions) {
    this.cluster = opts.cluster
    this.post = opts.post
    this.wall = opts.now
    this.diffs = new DiffBuilder(opts.cluster)
    this.maxTickWallMs = opts.maxTickWallMs ?? MAX_TICK_WALL_MS
    this._playing = opts.playing ?? true
    this._speed = opts.speed ?? 1
    this.lastWall = this.wall()
    this.services = new ServicesWorker(opts.cluster, opts.post)
    this.console = new ConsoleHost(opts.cluster, opts.consoleEngine, opts.post)
  }

  get playing(): boolean {
    return this._playing
  }

  get speed(): Speed {
    return this._speed
  }

  /** Say hello, send the whole state, then the status. */
  start(): void {
    const { seed = 1, nodes = 3 } = this.opts
    this.post({ type: 'hello', version: PROTOCOL_VERSION, seed, nodes, playing: this._playing, speed: this._speed })
    this.post(this.diffs.full())
    this.postStatus()
    this.services.hello()
    this.lastWall = this.wall()
  }

  /** One wall-clock tick: advance virtual time by elapsed × speed (if playing) and post a diff. */
  tick(): void {
    const t = this.wall()
    const elapsed = Math.min(Math.max(0, t - this.lastWall), this.maxTickWallMs)
    this.lastWall = t
    if (this._playing) {
      this.carry += elapsed * this._speed
      const whole = Math.floor(this.carry)
      this.carry -= whole
      if (whole > 0) this.cluster.advance(whole)
    }
    this.services.tick(this._playing)
    this.flush()
    this.tickWaiters = this.tickWaiters.filter((w) => {
      if (--w.remaining > 0) return true
      this.postTestResult(w.id)
      return false
    })
  }

  /** Handle one message from the UI. Nothing the UI sends may kill the worker. */
  handle(msg: ToWorker): void {
    try {
      this.dispatch(msg)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      this.post({ type: 'error', message: `${msg.type}: ${message}` })
      if ('id' in msg && msg.type !== 'test') this.post({ type: 'result', id: msg.id, code: 1, stdout: '', stderr: `error: ${message}\n`, command: '' })
    }
  }

  private dispatch(msg: ToWorker): void {
    if (isServicesRequest(msg)) {
      this.services.handle(msg)
      return this.flush()
    }
    if (isConsoleRequest(msg)) return this.console.handle(msg, () => this.flush())
    switch (msg.type) {
      case 'kubectl': {
        const args = stripKubectl(msg.line)
        return this.run(msg.id, args, msg.stdin)
      }
      case 'apply':
        return this.run(msg.id, 'apply -f -', msg.yaml)
      case 'scale':
        return this.run(msg.id, scaleCommand(msg))
      case 'control':
        return this.control(msg.action, msg.stepMs)
      case 'speed':
        if (!isSpeed(msg.speed)) throw new Error(`unsupported speed ${String(msg.speed)}`)
        this._speed = msg.speed
        return this.postStatus()
      case 'resync':
        this.post(this.diffs.full())
        return this.postStatus()
      case 'test':
        return this.test(msg)
      case 'lifecycle':
        this.lifecycle.follow(msg)
        return this.postLifecycle()
      case 'fault': {
        const r = this.faults.apply(this.cluster, msg.fault)
        this.flush()
        return this.post({ type: 'result', id: msg.id, ...r })
      }
      default: {
        const never: never = msg
        throw new Error(`unknown message ${JSON.stringify(never)}`)
      }
    }
  }

  /** Run kubectl, post the state it caused first, then the result (so the UI already shows it). */
  private run(id: number, args: string, stdin?: string): void {
    const r = this.cluster.kubectl(args, stdin)
    const extra = this.console.afterKubectl(id, r)
    this.flush()
    this.post({ type: 'result', id, code: r.code, stdout: r.stdout, stderr: r.stderr, command: displayCommand(args), ...extra })
  }

  private control(action: 'play' | 'pause' | 'step', stepMs = DEFAULT_STEP_MS): void {
    if (action === 'play') {
      // The paused interval is not owed: time resumes from now.
      this.lastWall = this.wall()
      this.carry = 0
      this._playing = true
    } else if (action === 'pause') {
      this._playing = false
      this.carry = 0
    } else {
      // A step is a paused concept: stepping while playing pauses first, like a debugger.
      this._playing = false
      this.carry = 0
      this.cluster.advance(Math.max(0, Math.floor(stepMs)))
      this.flush()
    }
    this.postStatus()
  }

  private test(msg: TestRequest): void {
    switch (msg.op) {
      case 'advance':
        this.cluster.advance(Math.max(0, Math.floor(msg.ms)))
        break
      case 'settle':
        this.cluster.settle(msg.maxMs ?? SETTLE_MAX_MS)
        break
      case 'ticks':
        // Answered by tick() after n more ticks.
        this.tickWaiters.push({ id: msg.id, remaining: Math.max(1, Math.floor(msg.n)) })
        return
      case 'state':
        break
    }
    this.flush()
    this.postTestResult(msg.id)
  }

  /** Post what changed (or the whole state if the history we need was compacted). */
  flush(): void {
    if (this.diffs.needsFull()) {
      this.post(this.diffs.full())
      return
    }
    const d = this.diffs.diff()
    if (d) this.post(d)
    this.console.afterFlush()
    this.postLifecycle()
    const faults = this.faults.changed(this.cluster)
    if (faults) this.post(faults)
  }

  private postLifecycle(): void {
    const l = this.lifecycle.poll(this.cluster)
    if (l) this.post(l)
  }

  private postStatus(): void {
    this.post({ type: 'status', playing: this._playing, speed: this._speed, clock: this.cluster.now() })
  }

  private postTestResult(id: number): void {
    this.post({ type: 'testResult', id, clock: this.cluster.now(), revision: this.cluster.etcd.revision(), playing: this._playing })
  }
}
