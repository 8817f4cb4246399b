import type { Behaviour, ServerKind } from './container-behaviour'
import type { ContainerFs } from './container-fs'
import type { ContainerLog } from './container-logs'
import { ExitSignal, type Run, type ShellHost, SpinSignal, runScript } from './shell-run'
import { formatDate } from './shell-commands'
import { NODE_INFO } from './node-status'
import { shellQuote } from './container-behaviour'

/**
 * The process inside one container instance (model: `container-behaviour.ts`). A script is a
 * generator advanced lazily along the virtual clock: `advance(now)` runs it up to `now`, and
 * `nextWake()` says when it must be advanced again for its exit to happen on time (undefined
 * when it will never exit on its own). Servers just listen. `exec` runs a probe's or hook's
 * command against the same files; `http` answers a request on a port.
 */

export interface ProcessEnv {
  startedAt: number
  /** The pod's name (the container's hostname). */
  hostname: string
  podIP: string
  vars: Map<string, string>
  fs: ContainerFs
  log: ContainerLog
}

export interface ExecResult {
  exitCode: number
  /** stdout followed by stderr, as the CRI's ExecSync returns them. */
  output: string
  stdout: string
  stderr: string
  /** Virtual time the command took (its sleeps). */
  ms: number
  timedOut: boolean
}

export interface HttpAnswer {
  status: number
  body: string
}

export class ContainerProcess {
  /** The script ended: when and with what status. */
  exit?: { at: number; code: number }
  /** The script spins without sleeping (never exits, does nothing more). */
  stuck = false
  private gen?: Run
  private cursor: number
  private wake?: number
  private server?: ServerKind
  private ports = new Set<number>()
  private readonly host: ShellHost

  constructor(
    readonly behaviour: Behaviour,
    private readonly env: ProcessEnv,
  ) {
    this.cursor = env.startedAt
    this.host = this.shellHost(env.vars, () => this.cursor)
    if (behaviour.kind === 'server') this.becomeServer(behaviour.server, behaviour.ports)
    else {
      const out = (stream: 'stdout' | 'stderr') => (t: string) => env.log.write(this.cursor, stream, t)
      this.gen = runScript(behaviour.script, this.host, { stdin: '', out: out('stdout'), err: out('stderr') })
      this.wake = env.startedAt
    }
  }

  /** Run the script up to `now`. */
  advance(now: number): void {
    while (this.gen && !this.exit && !this.stuck && this.wake !== undefined && this.wake <= now) {
      this.cursor = this.wake
      let r: IteratorResult<number, number>
      try {
        r = this.gen.next()
      } catch (e) {
        if (e instanceof SpinSignal) {
          this.stuck = true
          this.wake = undefined
          return
        }
        if (e instanceof ExitSignal) r = { done: true, value: e.code }
        else throw e
      }
      if (r.done) {
        this.exit = { at: this.cursor, code: r.value & 255 }
        this.env.log.flush(this.cursor)
        this.wake = undefined
        return
      }
      if (r.value > 0) this.host.steps = 0
      this.wake = r.value === Infinity ? undefined : this.cursor + r.value
    }
  }

  /** When the script must be advanced next for its exit to be seen on time (undefined: never exits by itself). */
  nextWake(): number | undefined {
    if (!this.gen || this.exit || this.stuck || this.host.forever) return undefined
    return this.wake
  }

  listens(port: number): boolean {
    return this.ports.has(port)
  }

  /** An HTTP GET on a port; undefined when nothing listens (connection refused). */
  http(now: number, port: number, path: string, from: string, userAgent: string): HttpAnswer | undefined {
    this.advance(now)
    if (!this.ports.has(port)) return undefined
    let answer: HttpAnswer = { status: 200, body: `${this.env.hostname}\n` }
    if (this.server === 'agnhost-liveness') {
      // agnhost `liveness`: /healthz is 200 for the first 10 s, then 500 (the docs' liveness-HTTP example).
      const secs = (now - this.env.startedAt) / 1000
      answer = path !== '/healthz' ? { status: 404, body: '404 page not found\n' } : secs > 10 ? { status: 500, body: `error: ${secs}` } : { status: 200, body: 'ok' }
    }
    this.accessLog(now, path, answer, from, userAgent)
    return answer
  }

  /** Run a command in the container now (probe, hook, `kubectl exec`). Only its sleeps take time. */
  exec(now: number, argv: string[], timeoutMs: number): ExecResult {
    this.advance(now)
    let elapsed = 0
    let stdout = ''
    let stderr = ''
    const host = this.shellHost(new Map(this.env.vars), () => now + elapsed)
    const script = argv.length >= 3 && /^(\/bin\/)?(sh|bash|ash)$/.test(argv[0]) && argv[1] === '-c' ? argv[2] : argv.map(shellQuote).join(' ')
    const g = runScript(script, host, { stdin: '', out: (t) => (stdout += t), err: (t) => (stderr += t) })
    let exitCode = 0
    let timedOut = false
    try {
      for (;;) {
        const r = g.next()
        if (r.done) {
          exitCode = r.value & 255
          break
        }
        if (timeoutMs > 0 && elapsed + r.value > timeoutMs) {
          timedOut = true
          elapsed = timeoutMs
          break
        }
        elapsed += r.value
        // Without a timeout, a command that never ends never returns (a hook's `sleep infinity`).
        if (timeoutMs === 0 && (host.forever || elapsed === Infinity)) {
          elapsed = Infinity
          break
        }
      }
    } catch (e) {
      if (!(e instanceof SpinSignal)) throw e
      timedOut = timeoutMs > 0
      elapsed = timeoutMs > 0 ? timeoutMs : Infinity
    }
    return { exitCode, output: stdout + stderr, stdout, stderr, ms: elapsed, timedOut }
  }

  /** SIGTERM reached the process: what a server prints as it shuts down. */
  terminated(now: number): void {
    if (this.server === 'nginx') {
      const t = formatDate(now, '%Y/%m/%d %H:%M:%S')
      for (const l of ['signal 15 (SIGTERM) received, exiting', 'exiting', 'exit']) this.env.log.write(now, 'stderr', `${t} [notice] 1#1: ${l}\n`)
    }
  }

  private becomeServer(kind: ServerKind, ports: number[]): void {
    this.server = kind
    for (const p of ports) this.ports.add(p)
    const at = this.cursor
    const log = (stream: 'stdout' | 'stderr', t: string) => this.env.log.write(at, stream, t + '\n')
    if (kind === 'nginx') {
      const version = this.behaviour.kind === 'server' && this.behaviour.version.split('.').length === 3 ? this.behaviour.version : '1.27.5'
      for (const l of [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ])
        log('stdout', l)
      const t = formatDate(at, '%Y/%m/%d %H:%M:%S')
      for (const l of ['using the "epoll" event method', `nginx/${version}`, `OS: Linux ${NODE_INFO.kernelVersion}`, 'start worker processes'])
        log('stderr', `${t} [notice] 1#1: ${l}`)
    } else if (kind === 'httpd') {
      const t = formatDate(at, '%a %b %d %H:%M:%S.000000 %Y')
      const msg = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${this.env.podIP}. Set the 'ServerName' directive globally to suppress this message`
      log('stderr', msg)
      log('stderr', msg)
      log('stderr', `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming normal operations`)
      log('stderr', `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`)
    }
  }

  private accessLog(now: number, path: string, a: HttpAnswer, from: string, ua: string): void {
    if (this.server === 'agnhost-liveness' || this.server === 'agnhost' || this.server === 'redis') return
    const t = formatDate(now, '%d/%b/%Y:%H:%M:%S +0000')
    const bytes = a.body.length
    const line =
      this.server === 'httpd' ? `${from} - - [${t}] "GET ${path} HTTP/1.1" ${a.status} ${bytes}` : `${from} - - [${t}] "GET ${path} HTTP/1.1" ${a.status} ${bytes} "-" "${ua}" "-"`
    this.env.log.write(now, 'stdout', line + '\n')
  }

  private shellHost(vars: Map<string, string>, now: () => number): ShellHost {
    const self = this
    const flavour = this.behaviour.flavour
    return {
      fs: this.env.fs,
      vars,
      flavour,
      hostname: this.env.hostname,
      now,
      serve(binary: string, argv: string[]) {
        const kind: ServerKind = binary === 'nginx' ? 'nginx' : binary.startsWith('httpd') || binary.startsWith('apache2') ? (flavour === 'busybox' ? 'generic' : 'httpd') : 'generic'
        const p = argv.indexOf('-p')
        const named = p >= 0 ? Number(argv[p + 1]) : Number(argv.find((a) => /^\d+$/.test(a)))
        const ports = self.behaviour.kind === 'script' ? [...self.behaviour.ports] : []
        if (named > 0) ports.push(named)
        else if (kind === 'nginx' || kind === 'httpd') ports.push(80)
        self.becomeServer(kind, ports)
      },
      forever: false,
      steps: 0,
      status: 0,
    }
  }
}
