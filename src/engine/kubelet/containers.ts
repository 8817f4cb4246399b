import type { Clock, ScheduledTask } from '../clock'
import type { Rng } from '../rng'
import type { Container } from '../api/types'
import { hexDigest } from './hex'
import { imageFacts, pullDurationMs, type ImageFacts } from './image-model'
import { containerBehaviour, type Behaviour } from './container-behaviour'
import { PodIPAllocator } from './pod-ips'

/**
 * The simulated container runtime of one node (containerd behind the CRI): the image store,
 * pod sandboxes with their IPs, and containers. Nothing runs; a container's life is a few
 * timestamps and a scheduled exit taken from its image and command (`container-behaviour.ts`).
 *
 * The runtime is not the kubelet: when the kubelet stops, containers keep running and still
 * exit on their own; the kubelet finds out when it comes back (PLEG relist). Notifications go
 * through `onEvent`, which the kubelet ignores while it is stopped.
 */

export interface RuntimeContainer {
  name: string
  /** 64 hex characters; the API shows `containerd://<id>`. */
  id: string
  facts: ImageFacts
  behaviour: Behaviour
  state: 'created' | 'running' | 'exited'
  createdAt: number
  startedAt?: number
  finishedAt?: number
  exitCode?: number
  /** `Completed` (exit 0) or `Error`. */
  reason?: string
  /** A stop in progress: the SIGKILL deadline. */
  stopping?: { killAt: number }
  exitTask?: ScheduledTask
}

export interface RuntimeSandbox {
  id: string
  ip: string
  createdAt: number
}

export interface RuntimePod {
  uid: string
  /** The pod's name and namespace, as containerd labels (`io.kubernetes.pod.name`) keep them. */
  name?: string
  namespace?: string
  sandbox?: RuntimeSandbox
  /** The current instance of each container, by name. */
  containers: Map<string, RuntimeContainer>
}

export type RuntimeEvent = { type: 'ContainerDied'; uid: string; name: string }

export interface PullResult {
  ok: boolean
  facts: ImageFacts
  /** Time spent pulling, and including the wait for earlier pulls on this node. */
  pullMs: number
  totalMs: number
  error?: string
}

export interface PullHandle {
  endAt: number
  cancel(): void
}

/** How long a server takes to exit after SIGTERM (it shuts down promptly). */
export const TERM_EXIT_MS = { baseMs: 50, jitterMs: 150 } as const

export class ContainerRuntime {
  readonly ips: PodIPAllocator
  private images = new Map<string, { facts: ImageFacts; pulledAt: number }>()
  private pods = new Map<string, RuntimePod>()
  private pullBusyUntil = 0
  /** Successful pulls queued or running: image → when it lands. */
  private inflight = new Map<string, number>()
  private seq = 0
  /** PLEG: the kubelet's handler for container state changes it did not ask for. */
  onEvent?: (e: RuntimeEvent) => void

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    readonly node: string,
    podCIDR: string,
  ) {
    this.ips = new PodIPAllocator(podCIDR)
  }

  // ---- images ------------------------------------------------------------------------

  hasImage(raw: string): boolean {
    return this.images.has(imageFacts(raw).ref.canonical)
  }

  /** The image store, largest first (what the node reports in `status.images`). */
  imageList(): ImageFacts[] {
    return [...this.images.values()].map((i) => i.facts).sort((a, b) => b.sizeBytes - a.sizeBytes || a.ref.canonical.localeCompare(b.ref.canonical))
  }

  /**
   * Pull an image. Pulls on a node run one at a time (kubelet `serializeImagePulls`), so this
   * one starts when the previous ends. `onDone` runs when it finishes, unless cancelled.
   */
  pullImage(raw: string, onDone: (r: PullResult) => void): PullHandle {
    const facts = imageFacts(raw)
    const requestedAt = this.clock.now()
    const startAt = Math.max(requestedAt, this.pullBusyUntil)
    // Present when this pull starts: already stored, or an earlier queued pull brings it first.
    const key = facts.ref.canonical
    const present = this.images.has(key) || (this.inflight.get(key) ?? Infinity) <= startAt
    const pullMs = pullDurationMs(facts, present, this.rng.next())
    const endAt = startAt + pullMs
    this.pullBusyUntil = endAt
    if (facts.exists && !this.inflight.has(key)) this.inflight.set(key, endAt)
    let cancelled = false
    this.clock.at(endAt, () => {
      if (this.inflight.get(key) === endAt) this.inflight.delete(key)
      if (cancelled) return
      if (facts.exists) this.images.set(key, { facts, pulledAt: endAt })
      onDone({ ok: facts.exists, facts, pullMs, totalMs: endAt - requestedAt, error: facts.error })
    }, { label: `containerd ${this.node}: pull ${facts.ref.canonical}` })
    return { endAt, cancel: () => (cancelled = true) }
  }

  // ---- sandboxes ---------------------------------------------------------------------

  pod(uid: string): RuntimePod | undefined {
    return this.pods.get(uid)
  }

  /** RunPodSandbox with CNI ADD: a network namespace and the lowest free IP. Undefined when the range is full. */
  runSandbox(uid: string, pod?: { name?: string; namespace?: string }): RuntimeSandbox | undefined {
    const rp = this.ensurePod(uid)
    rp.name = pod?.name
    rp.namespace = pod?.namespace
    if (rp.sandbox) return rp.sandbox
    const ip = this.ips.allocate(uid)
    if (!ip) return undefined
    rp.sandbox = { id: this.newId(uid, 'sandbox'), ip, createdAt: this.clock.now() }
    return rp.sandbox
  }

  /** StopPodSandbox + CNI DEL: the IP goes back to the pool. Containers must already be stopped. */
  stopSandbox(uid: string): void {
    const rp = this.pods.get(uid)
    if (!rp?.sandbox) return
    this.ips.release(rp.sandbox.ip)
    rp.sandbox = undefined
  }

  /** Forget a pod entirely (its containers are removed; timers cancelled). */
  removePod(uid: string): void {
    const rp = this.pods.get(uid)
    if (!rp) return
    for (const c of rp.containers.values()) this.clock.cancel(c.exitTask)
    if (rp.sandbox) this.ips.release(rp.sandbox.ip)
    this.pods.delete(uid)
  }

  podUids(): string[] {
    return [...this.pods.keys()]
  }

  // ---- containers --------------------------------------------------------------------

  createContainer(uid: string, spec: Container, facts: ImageFacts): RuntimeContainer {
    const rp = this.ensurePod(uid)
    const old = rp.containers.get(spec.name)
    if (old) this.clock.cancel(old.exitTask)
    const c: RuntimeContainer = {
      name: spec.name,
      id: this.newId(uid, spec.name),
      facts,
      behaviour: containerBehaviour(spec, facts.kind),
      state: 'created',
      createdAt: this.clock.now(),
    }
    rp.containers.set(spec.name, c)
    return c
  }

  /** StartContainer: running now; a process that ends on its own gets its exit scheduled. */
  startContainer(uid: string, name: string): RuntimeContainer | undefined {
    const c = this.pods.get(uid)?.containers.get(name)
    if (!c || c.state !== 'created') return c
    c.state = 'running'
    c.startedAt = this.clock.now()
    if (c.behaviour.kind === 'process' && c.behaviour.runsMs !== undefined)
      this.scheduleExit(uid, c, c.startedAt + c.behaviour.runsMs, c.behaviour.exitCode)
    return c
  }

  /**
   * StopContainer with a timeout: SIGTERM now, SIGKILL at `now + graceMs`. A server exits
   * promptly with 143; a shell that ignores TERM dies at the deadline with 137.
   */
  stopContainer(uid: string, name: string, graceMs: number): RuntimeContainer | undefined {
    const c = this.pods.get(uid)?.containers.get(name)
    if (!c || c.state === 'exited') return c
    if (c.state === 'created') {
      this.exit(uid, c, 0, false)
      return c
    }
    const now = this.clock.now()
    const killAt = now + graceMs
    if (c.stopping && c.stopping.killAt <= killAt) return c
    c.stopping = { killAt }
    const onTerm = c.behaviour.onTerm
    const termAt = now + TERM_EXIT_MS.baseMs + Math.floor(this.rng.next() * TERM_EXIT_MS.jitterMs)
    if (onTerm === 'exit' && termAt < killAt) this.scheduleExit(uid, c, termAt, 143, false)
    else this.scheduleExit(uid, c, killAt, 137, false)
    return c
  }

  /**
   * A running pod found in the API after a restore: rebuild the sandbox and containers from
   * its status, as a restarted kubelet finds them still running in containerd.
   */
  adopt(uid: string, pod: { name?: string; namespace?: string }, ip: string | undefined, containers: { spec: Container; id?: string; startedAt?: number }[]): void {
    const rp = this.ensurePod(uid)
    rp.name = pod.name
    rp.namespace = pod.namespace
    if (ip && !rp.sandbox && this.ips.reserve(ip, uid)) rp.sandbox = { id: this.newId(uid, 'sandbox'), ip, createdAt: this.clock.now() }
    for (const { spec, id, startedAt } of containers) {
      if (rp.containers.has(spec.name)) continue
      const c = this.createContainer(uid, spec, imageFacts(spec.image))
      if (id) c.id = id
      this.startContainer(uid, spec.name)
      if (startedAt !== undefined) {
        c.startedAt = startedAt
        this.clock.cancel(c.exitTask)
        if (c.behaviour.kind === 'process' && c.behaviour.runsMs !== undefined)
          this.scheduleExit(uid, c, startedAt + c.behaviour.runsMs, c.behaviour.exitCode)
      }
    }
  }

  /**
   * A process ending on its own is the workload's life, not work the cluster converges on:
   * it is a background task (so `settle()` does not run a `sleep 30` to its end). An exit
   * after a stop request is foreground: the deletion waits for it.
   */
  private scheduleExit(uid: string, c: RuntimeContainer, at: number, exitCode: number, background = true): void {
    this.clock.cancel(c.exitTask)
    c.exitTask = this.clock.at(at, () => this.exit(uid, c, exitCode, true), {
      label: `containerd ${this.node}: ${c.name} exits ${exitCode}`,
      background,
    })
  }

  private exit(uid: string, c: RuntimeContainer, exitCode: number, notify: boolean): void {
    if (c.state === 'exited') return
    c.state = 'exited'
    c.exitCode = exitCode
    c.reason = exitCode === 0 ? 'Completed' : 'Error'
    c.finishedAt = this.clock.now()
    c.stopping = undefined
    c.exitTask = undefined
    if (notify) this.onEvent?.({ type: 'ContainerDied', uid, name: c.name })
  }

  private ensurePod(uid: string): RuntimePod {
    let rp = this.pods.get(uid)
    if (!rp) this.pods.set(uid, (rp = { uid, containers: new Map() }))
    return rp
  }

  private newId(uid: string, what: string): string {
    return hexDigest(`${this.node}/${uid}/${what}/${++this.seq}`)
  }
}
