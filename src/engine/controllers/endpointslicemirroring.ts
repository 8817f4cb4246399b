import type { Component, EngineContext } from '../context'
import type { KObject } from '../api/types'
import { objectKey } from '../api/types'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'
import { runPlan, type Action } from '../runtime/plan'
import { serviceSelector } from './endpoints-common'
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MAX_ENDPOINTS_PER_SLICE } from './endpointslice-reconcile'

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io'
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror'
/** `--mirroring-max-endpoints-per-subset`. */
const MAX_ENDPOINTS_PER_SUBSET = 1000
const BY_ENDPOINTS = 'endpoints'

/**
 * The EndpointSliceMirroring controller (`pkg/controller/endpointslicemirroring`): Endpoints
 * written by hand for a Service *without* a selector are mirrored into EndpointSlices
 * (managed-by `endpointslicemirroring-controller.k8s.io`, owned by the Endpoints), so
 * kube-proxy — which reads only slices — routes to them. Endpoints labelled
 * `endpointslice.kubernetes.io/skip-mirror: "true"` (the `kubernetes` Service's) are skipped.
 *
 * Playground simplification: slices are rewritten by subset and port set in order; upstream
 * reuses its general reconciler.
 *
 * @example
 *   // Service db (no selector) + Endpoints db → 192.168.1.20:5432
 *   // → EndpointSlice db-xxxxx { endpoints: [{ addresses: [192.168.1.20], conditions: { ready: true } }] }
 */
export class EndpointSliceMirroringController implements Component {
  readonly name = 'endpointslicemirroring-controller'
  private readonly services: Informer
  private readonly endpoints: Informer
  private readonly slices: Informer
  private readonly queue: WorkQueue
  private active = false

  constructor(private readonly ctx: EngineContext) {
    this.services = new Informer(ctx.api, 'services', this.name)
    this.endpoints = new Informer(ctx.api, 'endpoints', this.name)
    this.slices = new Informer(ctx.api, 'endpointslices', this.name)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.process(key))
    this.slices.addIndex(BY_ENDPOINTS, (s) =>
      s.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME ? [`${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME]}`] : [])
    const enqueue = (o: KObject) => this.queue.add(objectKey(o))
    this.services.addHandlers({ add: enqueue, update: (_, o) => enqueue(o), delete: enqueue })
    this.endpoints.addHandlers({ add: enqueue, update: (_, o) => enqueue(o), delete: enqueue })
    this.slices.addHandlers({
      delete: (s) => {
        if (s.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME) this.queue.add(`${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME]}`)
      },
    })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.slices.start()
    this.endpoints.start()
    this.services.start()
  }

  stop(): void {
    this.active = false
    for (const i of [this.services, this.endpoints, this.slices]) i.stop()
  }

  running(): boolean {
    return this.active
  }

  sync(key: string): string | undefined {
    const svc = this.services.get(key)
    const ep = this.endpoints.get(key)
    const existing = this.slices.byIndex(BY_ENDPOINTS, key).sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
    const mirror = !!svc && !!ep && !serviceSelector(svc) && ep.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true'
    const desired = mirror ? desiredSlices(ep!) : []
    const actions: Action[] = []
    const used = new Set<string>()
    for (const d of desired) {
      // Reuse a slice with the same ports if there is one left, else create.
      const match = existing.find((s) => !used.has(s.metadata.name as string) && JSON.stringify(s.ports ?? []) === JSON.stringify(d.ports))
      if (match) {
        used.add(match.metadata.name as string)
        const next = { ...match, metadata: { ...match.metadata, labels: d.metadata.labels, annotations: d.metadata.annotations }, endpoints: d.endpoints }
        if (!next.metadata.annotations) delete next.metadata.annotations
        if (JSON.stringify(next) !== JSON.stringify(match)) actions.push({ verb: 'update', resource: 'endpointslices', object: next })
      } else actions.push({ verb: 'create', resource: 'endpointslices', object: d })
    }
    for (const s of existing)
      if (!used.has(s.metadata.name as string)) actions.push({ verb: 'delete', resource: 'endpointslices', namespace: s.metadata.namespace, name: s.metadata.name as string })
    if (!actions.length) return undefined
    let error: string | undefined
    for (const r of runPlan(this.ctx.api, this.ctx.events, { component: 'endpoint-slice-mirroring-controller' }, actions))
      if (!r.ok && r.error?.reason !== 'NotFound') error ??= r.error?.message
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action: 'mirror', detail: `${desired.length} slices mirrored from Endpoints ${key}` })
    return error
  }

  private process(key: string): void {
    if (!this.active) return
    const err = this.sync(key)
    if (err === undefined || this.queue.numRequeues(key) >= 15) this.queue.forget(key)
    else this.queue.addRateLimited(key)
  }
}

/** One group of slices per subset (ready and not-ready addresses), at most 100 endpoints each. */
function desiredSlices(ep: KObject): KObject[] {
  const name = ep.metadata.name as string
  const labels: Record<string, string> = { ...(ep.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: name, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME }
  const annotations = Object.fromEntries(Object.entries(ep.metadata.annotations ?? {}).filter(([k]) =>
    k !== 'endpoints.kubernetes.io/last-change-trigger-time' && k !== 'kubectl.kubernetes.io/last-applied-configuration'))
  const out: KObject[] = []
  for (const ss of ep.subsets ?? []) {
    const toEndpoint = (a: any, ready: boolean) => ({
      addresses: [a.ip],
      conditions: { ready },
      ...(a.hostname ? { hostname: a.hostname } : {}),
      ...(a.targetRef ? { targetRef: a.targetRef } : {}),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    })
    const eps = [...(ss.addresses ?? []).map((a: any) => toEndpoint(a, true)), ...(ss.notReadyAddresses ?? []).map((a: any) => toEndpoint(a, false))]
      .filter((e) => !String(e.addresses[0]).includes(':'))
      .slice(0, MAX_ENDPOINTS_PER_SUBSET)
    const ports = (ss.ports ?? []).map((p: any) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }))
    for (let i = 0; i < eps.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace: ep.metadata.namespace,
          labels,
          ...(Object.keys(annotations).length ? { annotations } : {}),
          ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: ep.metadata.uid as string, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        endpoints: eps.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
        ports,
      })
    }
  }
  return out
}
