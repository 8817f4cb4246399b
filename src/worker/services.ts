/**
 * The worker side of the Services feature: traced requests and streams, node shells and rule
 * tables, kube-proxy modes and faults, the mode comparison and the scale experiment. The
 * runner hands it every `ServicesToWorker` message and calls `tick()` once per wall tick (after
 * advancing the clock); it posts `ServicesFromWorker` messages. It never throws at the runner:
 * failures are answered with `svcError` for the request's id.
 *
 * It holds no Kubernetes logic: every answer comes from the engine (src/worker/services-host.ts
 * lists what it calls); this class only schedules, counts and shapes data for the UI.
 */
import type { FromWorker, ProxyStatusMessage, RulesSection, ServicesToWorker, TraceSource, TraceView } from '../protocol'
import { callFault, exec, NotAvailable, readProxyStatus, runTrace, type ServicesHost } from './services-host'
import { HitCounter, MAX_PER_SECOND, Stream, toTraceView } from './traffic'
import { ScaleExperiment } from './scale-experiment'
import { compareModes } from './compare-modes'

/** Re-read kube-proxy status every this many ticks (~160 ms), besides after each command. */
const STATUS_EVERY_TICKS = 10

/** What each mode's node shell shows in the rules view, in order. */
export const RULE_COMMANDS = {
  iptables: ['iptables-save'],
  ipvs: ['ipvsadm -Ln', 'iptables-save'],
  userspace: ['iptables-save -t nat', 'ss -ltnp'],
} as const

export class ServicesWorker {
  private readonly hits = new HitCounter()
  private stream?: Stream
  private readonly scale: ScaleExperiment
  private ticks = 0
  /** What the UI believes before we say anything: no kube-proxy. An engine without one never posts. */
  private lastStatus = JSON.stringify({ type: 'proxyStatus', available: false, nodes: [] } satisfies ProxyStatusMessage)

  constructor(
    private readonly host: ServicesHost,
    private readonly post: (m: FromWorker) => void,
  ) {
    this.scale = new ScaleExperiment(host)
  }

  /** Handle one request. Errors are answered, never thrown. */
  handle(msg: ServicesToWorker): void {
    try {
      this.dispatch(msg)
    } catch (e) {
      this.post({ type: 'svcError', id: msg.id, message: e instanceof Error ? e.message : String(e) })
    }
  }

  private dispatch(msg: ServicesToWorker): void {
    switch (msg.type) {
      case 'trace': {
        const v = this.trace(msg.source, msg.url)
        this.post({ type: 'traceResult', id: msg.id, result: v })
        return this.postHits()
      }
      case 'stream':
        return this.setStream(msg.id, msg.source, msg.url, msg.perSecond)
      case 'trafficReset':
        this.hits.reset()
        this.post({ type: 'svcResult', id: msg.id, code: 0, stdout: '', stderr: '', command: '' })
        return this.postHits()
      case 'exec': {
        const r = exec(this.host, msg.host, msg.command)
        return this.post({ type: 'svcResult', id: msg.id, ...r, command: `${msg.host}$ ${msg.command}` })
      }
      case 'proxyMode': {
        if (typeof this.host.setProxyMode !== 'function') throw new NotAvailable('switching proxy modes is not available in this engine yet (cluster.setProxyMode)')
        this.host.setProxyMode(msg.mode, msg.node)
        this.post({ type: 'svcResult', id: msg.id, code: 0, stdout: '', stderr: '', command: `kube-proxy --proxy-mode=${msg.mode}${msg.node ? ` # on ${msg.node}` : ' # on every node'}` })
        return this.postStatus(true)
      }
      case 'proxyFault': {
        const method = msg.action === 'stop' ? 'stopKubeProxy' : 'startKubeProxy'
        callFault(this.host, method, msg.node)
        this.post({ type: 'svcResult', id: msg.id, code: 0, stdout: '', stderr: '', command: `cluster.faults.${method}(${JSON.stringify(msg.node)})` })
        return this.postStatus(true)
      }
      case 'rules':
        return this.post(this.rules(msg.id, msg.node))
      case 'compareModes': {
        this.post(compareModes(this.host, msg.id, msg.source, msg.url))
        return this.postStatus(true)
      }
      case 'scaleServices':
        return this.post(this.scale.start(msg.id, msg.total))
      default: {
        const never: never = msg
        throw new Error(`unknown message ${JSON.stringify(never)}`)
      }
    }
  }

  /** Once per worker tick, after the clock advanced: run the stream, the experiment, and report changes. */
  tick(playing: boolean): void {
    try {
      if (this.stream) {
        const s = this.stream.spec
        const m = this.stream.run(this.host.now(), () => this.tryTrace(s.source, s.url))
        if (m) this.post(m)
      }
      const p = this.scale.tick(playing)
      if (p) this.post(p)
      this.postHits()
      if (++this.ticks % STATUS_EVERY_TICKS === 0 || this.scale.busy) this.postStatus()
    } catch (e) {
      // A failing stream stops instead of failing every tick.
      const stopped = this.stream?.stopped()
      this.stream = undefined
      if (stopped) this.post(stopped)
      this.post({ type: 'svcError', id: 0, message: e instanceof Error ? e.message : String(e) })
    }
  }

  /** At start, if the engine has kube-proxy: its status, and the scale experiment's (empty) state with the published figures. */
  hello(): void {
    if (!readProxyStatus(this.host)) return
    this.postStatus(true)
    this.post(this.scale.progress())
  }

  /** The current kube-proxy status, if it changed (or `force`). */
  postStatus(force = false): void {
    const nodes = readProxyStatus(this.host)
    const m: ProxyStatusMessage = { type: 'proxyStatus', available: !!nodes, nodes: nodes ?? [] }
    const key = JSON.stringify(m)
    if (!force && key === this.lastStatus) return
    this.lastStatus = key
    this.post(m)
  }

  private postHits(): void {
    const h = this.hits.take()
    if (h) this.post(h)
  }

  private trace(source: TraceSource, url: string): TraceView {
    const v = toTraceView(runTrace(this.host, source, url), source, url, this.host.now())
    this.hits.count(v)
    return v
  }

  private tryTrace(source: TraceSource, url: string): TraceView | undefined {
    try {
      return this.trace(source, url)
    } catch (e) {
      if (e instanceof NotAvailable) throw e
      return undefined
    }
  }

  private setStream(id: number, source: TraceSource, url: string, perSecond: number): void {
    const old = this.stream
    this.stream = undefined
    if (old) this.post(old.stopped())
    if (perSecond > 0) {
      if (typeof this.host.trace !== 'function') throw new NotAvailable('the packet tracer is not available in this engine yet (cluster.trace)')
      const rate = Math.min(MAX_PER_SECOND, perSecond)
      this.stream = new Stream({ id, source, url, perSecond: rate }, this.host.now())
    }
    const what = perSecond > 0 ? `while true; do curl -s ${url}; sleep ${+(1 / Math.min(MAX_PER_SECOND, perSecond)).toFixed(3)}; done` : 'stopped'
    this.post({ type: 'svcResult', id, code: 0, stdout: '', stderr: '', command: what })
  }

  private rules(id: number, node: string): FromWorker {
    const st = readProxyStatus(this.host)?.find((s) => s.node === node)
    const mode = st?.mode ?? 'iptables'
    const sections: RulesSection[] = []
    for (const command of RULE_COMMANDS[mode]) {
      const r = exec(this.host, node, command)
      if (r.code === 0) sections.push({ command, text: r.stdout })
      else if (command === RULE_COMMANDS[mode][0]) sections.push({ command, text: r.stderr || r.stdout })
    }
    return { type: 'rulesResult', id, node, mode: st?.mode, running: st?.running, at: this.host.now(), sections }
  }
}
