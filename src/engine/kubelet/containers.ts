import type { Clock, ScheduledTask } from '../clock'
import type { Rng } from '../rng'
import type { Container } from '../api/types'
import { hexDigest } from './hex'
import { imageFacts, pullDurationMs, type ImageFacts } from './image-model'
import { containerBehaviour, type Behaviour } from './container-behaviour'
import { ContainerProcess, type ExecResult, type HttpAnswer } from './container-process'
import { ContainerFs } from './container-fs'
import { ContainerLog } from './container-logs'
import { PodIPAllocator } from './pod-ips'

/**
 * The simulated container runtime of one node (containerd behind the CRI): the image store,
 * pod sandboxes with their IPs, and containers. Nothing runs; a container's process is the
 * model in `container-behaviour.ts`, advanced along the virtual clock (`container-process.ts`).
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
  /** The `io.kubernetes.container.restartCount` annotation: earlier instances of this container. */
  restartCount: number
  createdAt: number
  startedAt?: number
  finishedAt?: number
  exitCode?: number
  /** `Completed` (exit 0), `Error`, `OOMKilled`. */
  reason?: string
  /** A stop in progress: the SIGKILL deadline. */
  stopping?: { killAt: number }
  /** The process's own next step (a sleep ending), and the exit a stop brings. */
  wakeTask?: ScheduledTask
  exitTask?: ScheduledTask
  proc?: ContainerProcess
  fs: ContainerFs
  log: ContainerLog
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
  /** The instance before the current one (the kubelet keeps one dead container per name). */
  previous: Map<string, RuntimeContainer>
  /** The pod's volumes (emptyDir and the like), shared by the containers that mount them. */
  volumes: Map<string, Map<string, string>>
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
  /** Pull-time multiplier (the `slowImagePulls` fault): 1 = the image model's times. */
  pullFactor = 1
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
    const pullMs = Math.round(pullDurationMs(facts, present, this.rng.next()) * this.pullFactor)
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
    for (const c of rp.containers.values()) this.cancelTasks(c)
    if (rp.sandbox) this.ips.release(rp.sandbox.ip)
    this.pods.delete(uid)
  }

  podUids(): string[] {
    return [...this.pods.keys()]
  }

  /** The runtime's clock (the node's time). */
  now(): number {
    return this.clock.now()
  }

  // ---- containers --------------------------------------------------------------------

  /**
   * CreateContainer: a new instance replaces the current one, which becomes the previous
   * (its log stays readable with `--previous`); the restart count is one more than its.
   */
  createContainer(uid: string, spec: Container, facts: ImageFacts): RuntimeContainer {
    const rp = this.ensurePod(uid)
    const old = rp.containers.get(spec.name)
    if (old) {
      this.cancelTasks(old)
      if (old.state === 'exited') rp.previous.set(spec.name, old)
    }
    const mounts = ((spec.volumeMounts ?? []) as { name: string; mountPath: string }[]).map((m) => {
      let files = rp.volumes.get(m.name)
      if (!files) rp.volumes.set(m.name, (files = new Map()))
      return { path: m.mountPath.replace(/\/+$/, '') || '/', files }
    })
    const c: RuntimeContainer = {
      name: spec.name,
      id: this.newId(uid, spec.name),
      facts,
      behaviour: containerBehaviour(spec, facts),
      state: 'created',
      restartCount: old ? old.restartCount + 1 : 0,
      createdAt: this.clock.now(),
      fs: new ContainerFs(seedFiles(facts, rp.name ?? ''), mounts),
      log: new ContainerLog(),
    }
    rp.containers.set(spec.name, c)
    return c
  }

  /** StartContainer: the process starts now; `vars` is its environment (`env`, `HOSTNAME`, …). */
  startContainer(uid: string, name: string, vars: Map<string, string> = new Map(), startedAt = this.clock.now()): RuntimeContainer | undefined {
    const rp = this.pods.get(uid)
    const c = rp?.containers.get(name)
    if (!rp || !c || c.state !== 'created') return c
    c.state = 'running'
    c.startedAt = startedAt
    c.proc = new ContainerProcess(c.behaviour, { startedAt, hostname: rp.name ?? '', podIP: rp.sandbox?.ip ?? '', vars, fs: c.fs, log: c.log })
    // The process runs from the next instant: even `exit 1` is seen to exit after it started.
    c.wakeTask = this.clock.after(0, () => this.pump(uid, c), { label: `containerd ${this.node}: ${c.name} runs`, background: true })
    return c
  }

  /**
   * StopContainer with a timeout: SIGTERM now, SIGKILL at `now + graceMs`. A server exits
   * promptly with 143; a shell that ignores TERM keeps running its script (it may still end
   * on its own) and dies at the deadline with 137.
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
    const first = !c.stopping
    c.stopping = { killAt }
    if (first) c.proc?.terminated(now)
    const termAt = now + TERM_EXIT_MS.baseMs + Math.floor(this.rng.next() * TERM_EXIT_MS.jitterMs)
    // An exit after a stop request is foreground work: the deletion waits for it.
    this.clock.cancel(c.exitTask)
    const [at, code] = c.behaviour.onTerm === 'exit' && termAt < killAt ? [termAt, 143] : [killAt, 137]
    c.exitTask = this.clock.at(at, () => this.exit(uid, c, code, true), { label: `containerd ${this.node}: ${c.name} exits ${code}` })
    return c
  }

  /** The crash fault: the process dies now with `exitCode` (`OOMKilled` is 137 with that reason). */
  crashContainer(uid: string, name: string, exitCode: number, reason?: string): boolean {
    const c = this.pods.get(uid)?.containers.get(name)
    if (!c || c.state !== 'running') return false
    this.exit(uid, c, exitCode, true, reason)
    return true
  }

  /** ExecSync in a running container. */
  exec(uid: string, name: string, argv: string[], timeoutMs: number): ExecResult | undefined {
    const c = this.pods.get(uid)?.containers.get(name)
    if (!c || c.state !== 'running' || !c.proc) return undefined
    return c.proc.exec(this.clock.now(), argv, timeoutMs)
  }

  /** An HTTP GET to the pod's IP: whichever running container listens on the port answers; undefined = refused. */
  http(uid: string, port: number, path: string, from: string, userAgent: string): HttpAnswer | undefined {
    const c = this.listener(uid, port)
    return c?.proc?.http(this.clock.now(), port, path, from, userAgent)
  }

  /** Whether a TCP connect to the pod's port succeeds. */
  listening(uid: string, port: number): boolean {
    return !!this.listener(uid, port)
  }

  /** A container instance by its ID (current or previous), e.g. for `kubectl logs`. */
  instance(uid: string, containerID: string): RuntimeContainer | undefined {
    const rp = this.pods.get(uid)
    if (!rp) return undefined
    for (const c of [...rp.containers.values(), ...rp.previous.values()]) if (c.id === containerID) return c
    return undefined
  }

  /**
   * A running pod found in the API after a restore: rebuild the sandbox and containers from
   * its status, as a restarted kubelet finds them still running in containerd.
   */
  adopt(uid: string, pod: { name?: string; namespace?: string }, ip: string | undefined, containers: { spec: Container; id?: string; startedAt?: number; restartCount?: number; vars?: Map<string, string> }[]): void {
    const rp = this.ensurePod(uid)
    rp.name = pod.name
    rp.namespace = pod.namespace
    if (ip && !rp.sandbox && this.ips.reserve(ip, uid)) rp.sandbox = { id: this.newId(uid, 'sandbox'), ip, createdAt: this.clock.now() }
    for (const { spec, id, startedAt, restartCount, vars } of containers) {
      if (rp.containers.has(spec.name)) continue
      const c = this.createContainer(uid, spec, imageFacts(spec.image))
      if (id) c.id = id
      c.restartCount = restartCount ?? 0
      this.startContainer(uid, spec.name, vars, startedAt ?? this.clock.now())
    }
  }

  private listener(uid: string, port: number): RuntimeContainer | undefined {
    const rp = this.pods.get(uid)
    if (!rp?.sandbox) return undefined
    for (const c of rp.containers.values()) {
      if (c.state !== 'running' || !c.proc) continue
      c.proc.advance(this.clock.now())
      if (c.proc.listens(port)) return c
    }
    return undefined
  }

  /**
   * Advance a process to now; when it ended, the container exits; otherwise wake it when its
   * current sleep ends. A process's own life is background work (so `settle()` does not run a
   * `sleep 3600` to its end).
   */
  private pump(uid: string, c: RuntimeContainer): void {
    if (c.state !== 'running' || !c.proc) return
    c.proc.advance(this.clock.now())
    if (c.proc.exit) return this.exit(uid, c, c.proc.exit.code, true)
    const at = c.proc.nextWake()
    this.clock.cancel(c.wakeTask)
    c.wakeTask = at === undefined ? undefined : this.clock.at(at, () => this.pump(uid, c), { label: `containerd ${this.node}: ${c.name} runs`, background: true })
  }

  private exit(uid: string, c: RuntimeContainer, exitCode: number, notify: boolean, reason?: string): void {
    if (c.state === 'exited') return
    const now = this.clock.now()
    c.proc?.advance(now)
    c.log.flush(now)
    c.state = 'exited'
    c.exitCode = exitCode
    c.reason = reason ?? (exitCode === 0 ? 'Completed' : 'Error')
    c.finishedAt = now
    c.stopping = undefined
    this.cancelTasks(c)
    if (notify) this.onEvent?.({ type: 'ContainerDied', uid, name: c.name })
  }

  private cancelTasks(c: RuntimeContainer): void {
    this.clock.cancel(c.wakeTask)
    this.clock.cancel(c.exitTask)
    c.wakeTask = c.exitTask = undefined
  }

  private ensurePod(uid: string): RuntimePod {
    let rp = this.pods.get(uid)
    if (!rp) this.pods.set(uid, (rp = { uid, containers: new Map(), previous: new Map(), volumes: new Map() }))
    return rp
  }

  private newId(uid: string, what: string): string {
    return hexDigest(`${this.node}/${uid}/${what}/${++this.seq}`)
  }
}

/** The few files an image ships that examples read (`/etc/hostname`, nginx's index page). */
function seedFiles(facts: ImageFacts, hostname: string): Record<string, string> {
  const files: Record<string, string> = { '/etc/hostname': `${hostname}\n` }
  const repo = facts.ref.repository.split('/').pop()
  if (repo === 'nginx') {
    files['/usr/share/nginx/html/index.html'] = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n</html>\n'
    files['/etc/nginx/nginx.conf'] = 'user  nginx;\nworker_processes  auto;\n'
  }
  if (repo === 'httpd') files['/usr/local/apache2/htdocs/index.html'] = '<html><body><h1>It works!</h1></body></html>\n'
  return files
}
