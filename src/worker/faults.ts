/**
 * Fault injection from the UI (DESIGN "Simulated containers": crash a container, make a probe
 * fail, slow image pulls, stop a kubelet). The worker only forwards each request to the
 * engine's fault API, `cluster.faults` — feature-detected method by method, so a UI built
 * before the engine gained a fault answers "not available yet" instead of crashing — and
 * reports which faults are in force so the canvas can show them at once.
 */
import type { Fault, FaultStateMessage } from '../protocol'

/** What the worker reads from the cluster: its fault API and its kubelets (both optional). */
export interface FaultHost {
  faults?: object
  /** The same API under its other name (`Cluster.fault`). */
  fault?: object
  kubelets?: ReadonlyMap<string, { running(): boolean }>
}

export interface FaultOutcome {
  code: number
  stdout: string
  stderr: string
  /** The engine call that ran, shown as "the command behind your click". */
  command: string
}

const q = (s: string) => JSON.stringify(s)

/** Method names to try, in order (the engine's name first, then the name the UI was designed with). */
const METHODS: Record<Fault['kind'], string[]> = {
  crashContainer: ['crashContainer'],
  setProbe: ['setProbeOverride', 'setProbe'],
  slowImagePulls: ['slowImagePulls'],
  stopKubelet: ['stopKubelet'],
  startKubelet: ['startKubelet'],
}

/** The call's text, as people could write it in a script: `cluster.faults.stopKubelet("node-2")`. */
export function callText(api: string, method: string, args: readonly unknown[]): string {
  return `cluster.${api}.${method}(${args.map((a) => (typeof a === 'string' ? q(a) : String(a))).join(', ')})`
}

/** The arguments of a fault request, in the engine API's order. */
export function faultCall(f: Fault): { methods: string[]; args: unknown[] } {
  const call = (args: unknown[]) => ({ methods: METHODS[f.kind], args })
  switch (f.kind) {
    case 'crashContainer':
      return call([f.namespace, f.pod, f.container, f.exitCode])
    case 'setProbe':
      return call([f.namespace, f.pod, f.container, f.probe, f.result])
    case 'slowImagePulls':
      return call([f.node, f.factor])
    case 'stopKubelet':
      return call([f.node])
    case 'startKubelet':
      return call([f.node])
  }
}

const probeKey = (f: Extract<Fault, { kind: 'setProbe' }>) => `${f.namespace}/${f.pod}/${f.container}/${f.probe}`

/**
 * Runs faults and keeps what the engine does not report itself (pull factors, probe
 * overrides); stopped kubelets are read from the kubelets, which know best.
 */
export class FaultTracker {
  private slowPulls: Record<string, number> = {}
  private probes: Record<string, 'fail' | 'succeed'> = {}
  private lastSent = ''

  apply(host: FaultHost, f: Fault): FaultOutcome {
    const { methods, args } = faultCall(f)
    const name = host.faults ? 'faults' : 'fault'
    const api = (host.faults ?? host.fault) as Record<string, unknown> | undefined
    const method = methods.find((m) => typeof api?.[m] === 'function')
    if (!api || !method) return { code: 1, stdout: '', stderr: `error: fault injection is not available yet (the engine has no ${methods[0]})\n`, command: callText('faults', methods[0], args) }
    const command = callText(name, method, args)
    let out: unknown
    try {
      out = (api[method] as (...a: unknown[]) => unknown).apply(api, args)
    } catch (e) {
      return { code: 1, stdout: '', stderr: `error: ${e instanceof Error ? e.message : String(e)}\n`, command }
    }
    // The engine answers { ok, message } / { ok: false, error } (or nothing, or a string).
    const res = (out && typeof out === 'object' ? out : {}) as { ok?: boolean; message?: string; error?: string }
    if (res.ok === false) return { code: 1, stdout: '', stderr: `error: ${res.error ?? 'failed'}\n`, command }
    this.remember(f)
    const said = typeof out === 'string' ? out : (res.message ?? '')
    return { code: 0, stdout: said ? `${said.replace(/\n$/, '')}\n` : '', stderr: '', command }
  }

  private remember(f: Fault): void {
    if (f.kind === 'slowImagePulls') {
      const next = { ...this.slowPulls }
      if (f.factor === 1) delete next[f.node]
      else next[f.node] = f.factor
      this.slowPulls = next
    } else if (f.kind === 'setProbe') {
      const next = { ...this.probes }
      if (f.result === null) delete next[probeKey(f)]
      else next[probeKey(f)] = f.result
      this.probes = next
    }
  }

  state(host: FaultHost): FaultStateMessage {
    const stopped: string[] = []
    for (const [name, k] of host.kubelets ?? []) if (!k.running()) stopped.push(name)
    stopped.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    return { type: 'faultState', available: !!(host.faults ?? host.fault), stoppedKubelets: stopped, slowPulls: this.slowPulls, probes: this.probes }
  }

  /** The state if it changed since the last call (first call: always). */
  changed(host: FaultHost): FaultStateMessage | undefined {
    // A cluster without kubelets or faults (a test double) has nothing to report.
    if (!host.faults && !host.fault && !host.kubelets) return undefined
    const s = this.state(host)
    const key = JSON.stringify(s)
    if (key === this.lastSent) return undefined
    this.lastSent = key
    return s
  }
}
