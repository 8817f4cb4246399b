/**
 * The scale experiment (REFERENCE 12): grow the cluster to 10 → 100 → 1,000 → 10,000
 * ClusterIP Services with one endpoint each, and measure on every node what kube-proxy wrote
 * (rules, chains, IPVS virtual servers) and what the first packet of a connection costs —
 * traced through the real tables, beside the model (`modelledCost`): linear for iptables,
 * flat for IPVS.
 *
 * Everything goes through kubectl, in batches (one per worker tick), so the worker keeps
 * answering and the UI shows progress. The Services live in their own namespace and select
 * one backend pod, so each has exactly one endpoint, built by the EndpointSlice controller.
 *
 * Phases: preparing (the backend pod until it is Ready) → creating (or deleting) → syncing (until every running kube-proxy has synced the
 * last change; the clock is advanced if it is paused) → measuring → done.
 */
import { PERF_FACTS, modelledCost, type ProxyMode } from '../engine/index'
import type { PerfFactView, ScalePoint, ScaleProgressMessage } from '../protocol'
import { PROXY_MODES } from '../protocol'
import { readProxyStatus, runTrace, type ServicesHost } from './services-host'
import { sumCost } from './traffic'

export const SCALE_NAMESPACE = 'scale-test'
export const SCALE_BACKEND = 'scale-backend'
/** Most Services the experiment creates. */
export const SCALE_MAX = 10_000
/** Give up waiting for kube-proxy after this much virtual time. */
const SYNC_TIMEOUT_MS = 120_000
/** Wall-time budget per tick for kubectl batches. */
const TICK_BUDGET_MS = 40

/** The published figures the captions quote. */
export const SCALE_FACTS = ['P1', 'P2', 'P3', 'P5', 'P6', 'P11', 'P12', 'P13'] as const
export const MODE_FACTS = ['P7', 'P8', 'P9', 'P12'] as const

export function factViews(ids: readonly (keyof typeof PERF_FACTS)[]): PerfFactView[] {
  return ids.map((id) => {
    const f = PERF_FACTS[id]
    return { id: f.id, figures: { ...f.figures }, summary: f.summary, source: f.source }
  })
}

export const svcName = (i: number) => `svc-${String(i).padStart(5, '0')}`

export function serviceYaml(from: number, to: number): string {
  const docs: string[] = []
  for (let i = from; i <= to; i++)
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${svcName(i)}\n  namespace: ${SCALE_NAMESPACE}\nspec:\n  selector:\n    app: ${SCALE_BACKEND}\n  ports:\n  - port: 80\n    targetPort: 80\n`,
    )
  return docs.join('---\n')
}

const BACKEND_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${SCALE_BACKEND}
  namespace: ${SCALE_NAMESPACE}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${SCALE_BACKEND}}
  template:
    metadata:
      labels: {app: ${SCALE_BACKEND}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`

type Phase = ScaleProgressMessage['phase']

export class ScaleExperiment {
  private id = 0
  private target = 0
  private created = -1
  private phase: Phase = 'done'
  private command?: string
  private error?: string
  private batch = 100
  private changedAt = 0
  private points: ScalePoint[] = []
  /** The backend pod was seen Ready (reset when the backend is created or deleted). */
  private ready = false

  constructor(
    private readonly host: ServicesHost,
    /** Wall clock for batch sizing (performance.now in the worker). */
    private readonly wall: () => number = () => globalThis.performance?.now() ?? 0,
  ) {}

  get busy(): boolean {
    return this.phase !== 'done' && this.phase !== 'error'
  }

  /** Start (or retarget) a run. */
  start(id: number, total: number): ScaleProgressMessage {
    this.id = id
    this.target = Math.max(0, Math.min(SCALE_MAX, Math.floor(total)))
    this.error = undefined
    if (this.created < 0) this.created = this.countExisting()
    this.phase = this.target > this.created ? 'preparing' : this.target < this.created ? 'deleting' : 'syncing'
    this.changedAt = this.host.now()
    if (this.phase === 'preparing') this.ensureBackend()
    return this.progress()
  }

  /** One tick of work; returns a progress message when something changed. */
  tick(playing: boolean): ScaleProgressMessage | undefined {
    try {
      switch (this.phase) {
        case 'preparing':
          // The backend pod first: a Service created before its endpoint is ready is only a REJECT rule.
          if (this.backendReady()) this.phase = 'creating'
          else if (!playing) this.host.advance(500)
          return this.progress()
        case 'creating':
        case 'deleting':
          this.work()
          return this.progress()
        case 'syncing':
          return this.sync(playing)
        case 'measuring':
          this.measure()
          this.phase = 'done'
          return this.progress()
        default:
          return undefined
      }
    } catch (e) {
      this.phase = 'error'
      this.error = e instanceof Error ? e.message : String(e)
      return this.progress()
    }
  }

  progress(): ScaleProgressMessage {
    const m: ScaleProgressMessage = { type: 'scaleProgress', id: this.id, total: this.target, created: Math.max(0, this.created), phase: this.phase, points: this.points, facts: factViews(SCALE_FACTS) }
    if (this.command) m.command = this.command
    if (this.error) m.error = this.error
    return m
  }

  private countExisting(): number {
    const r = this.host.kubectl(`get services -n ${SCALE_NAMESPACE} -o name`)
    if (r.code !== 0) return 0
    let max = 0
    for (const line of r.stdout.split('\n')) {
      const m = /svc-(\d+)$/.exec(line.trim())
      if (m) max = Math.max(max, Number(m[1]))
    }
    return max
  }

  private ensureBackend(): void {
    this.host.kubectl(`create namespace ${SCALE_NAMESPACE}`)
    this.host.kubectl('apply -f -', BACKEND_YAML)
    this.ready = false
  }

  /** Create or delete batches until the tick's wall budget is spent. */
  private work(): void {
    const t0 = this.wall()
    while (this.phase === 'creating' || this.phase === 'deleting') {
      const t = this.wall()
      if (this.phase === 'creating') {
        const to = Math.min(this.target, this.created + this.batch)
        const r = this.host.kubectl('create -f -', serviceYaml(this.created + 1, to))
        if (r.code !== 0 && !/AlreadyExists/.test(r.stderr)) throw new Error(r.stderr.trim() || 'kubectl create failed')
        this.command = `kubectl create -f - # ${to - this.created} Services ${svcName(this.created + 1)} … ${svcName(to)}`
        this.created = to
      } else {
        const from = Math.max(this.target + 1, this.created - this.batch + 1)
        const names: string[] = []
        for (let i = this.created; i >= from; i--) names.push(svcName(i))
        this.host.kubectl(`delete service -n ${SCALE_NAMESPACE} ${names.join(' ')} --wait=false`)
        this.command = `kubectl delete service -n ${SCALE_NAMESPACE} ${names[0]} … ${names[names.length - 1]}`
        this.created = from - 1
        if (this.created === 0) this.host.kubectl(`delete deployment ${SCALE_BACKEND} -n ${SCALE_NAMESPACE}`)
      }
      this.changedAt = this.host.now()
      // Aim each batch at a quarter of the tick budget, so a slow engine gets smaller batches.
      const took = Math.max(1, this.wall() - t)
      this.batch = Math.max(10, Math.min(500, Math.round((this.batch * TICK_BUDGET_MS) / 4 / took)))
      if (this.created === this.target) this.phase = 'syncing'
      if (this.wall() - t0 > TICK_BUDGET_MS) break
    }
  }

  /** Wait for every running kube-proxy to have synced after the last change. */
  private sync(playing: boolean): ScaleProgressMessage | undefined {
    const status = readProxyStatus(this.host)
    const now = this.host.now()
    const synced = !status || status.every((s) => !s.running || (!s.pendingChanges && (s.lastSyncAt ?? -1) >= this.changedAt))
    const slicesReady = !status || this.target === 0 || status.every((s) => !s.running || s.endpoints >= this.target)
    if ((synced && slicesReady) || now - this.changedAt > SYNC_TIMEOUT_MS) {
      this.phase = 'measuring'
      return this.progress()
    }
    // The experiment is an explicit action: if the clock is paused, move it so the controllers and kube-proxy can work.
    if (!playing) this.host.advance(500)
    return undefined
  }

  private measure(): void {
    const status = readProxyStatus(this.host)
    if (!status?.length) return
    const first = status[0]
    const mode: ProxyMode = first.mode
    const services = first.servicePorts
    const point: ScalePoint = {
      services,
      endpoints: first.endpoints,
      mode,
      at: this.host.now(),
      nodes: status.map((s) => ({ node: s.node, nat: s.rules.nat, filter: s.rules.filter, total: s.rules.total, chains: s.rules.chains, virtualServers: s.ipvs?.virtualServers })),
      modelled: Object.fromEntries(
        PROXY_MODES.map((m) => {
          const c = modelledCost(m, Math.max(1, services), 1)
          return [m, { rulesTraversed: c.rulesTraversed, hashLookups: c.hashLookups, copiesPerByte: c.copiesPerByte, contextSwitches: c.contextSwitches, tcpConnections: c.tcpConnections }]
        }),
      ) as ScalePoint['modelled'],
    }
    const ip = this.created > 0 ? this.clusterIP(svcName(this.created)) : undefined
    if (ip) {
      try {
        const t = runTrace(this.host, { from: 'node', node: first.node }, `http://${ip}:80/`)
        point.measured = sumCost(t.hops ?? [])
      } catch {
        // No tracer yet: the chart shows the model and the rule counts only.
      }
    }
    // One point per (services, mode): a re-measurement replaces the old one.
    this.points = [...this.points.filter((p) => !(p.services === point.services && p.mode === point.mode)), point].sort((a, b) => a.services - b.services || a.mode.localeCompare(b.mode))
  }

  private backendReady(): boolean {
    if (this.ready) return true
    const r = this.host.kubectl(`get deployment ${SCALE_BACKEND} -n ${SCALE_NAMESPACE} -o json`)
    try {
      this.ready = r.code === 0 && ((JSON.parse(r.stdout) as { status?: { readyReplicas?: number } }).status?.readyReplicas ?? 0) > 0
    } catch {
      this.ready = false
    }
    return this.ready
  }

  private clusterIP(name: string): string | undefined {
    const r = this.host.kubectl(`get service ${name} -n ${SCALE_NAMESPACE} -o json`)
    if (r.code !== 0) return undefined
    try {
      const ip = (JSON.parse(r.stdout) as { spec?: { clusterIP?: string } }).spec?.clusterIP
      return ip && ip !== 'None' ? ip : undefined
    } catch {
      return undefined
    }
  }
}
