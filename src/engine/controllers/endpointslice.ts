import type { Component, EngineContext } from '../context'
import type { KObject, Pod } from '../api/types'
import { objectKey } from '../api/types'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'
import { runPlan, type Action } from '../runtime/plan'
import type { EventSource } from '../runtime/events'
import { podEndpointsChanged, selectorMatches, serviceSelector, TriggerTimeTracker } from './endpoints-common'
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, reconcileSlices } from './endpointslice-reconcile'

const BY_NAMESPACE = 'namespace'
const BY_SERVICE = 'service'
/** `maxRetries`: after 15 failed syncs a Service is dropped from the queue until its next change. */
export const MAX_RETRIES = 15

/**
 * The EndpointSlice controller of kube-controller-manager (`pkg/controller/endpointslice`):
 * for every Service with a selector, EndpointSlices listing the matching pods with their
 * ready/serving/terminating conditions (REFERENCE 8.5). The algorithm is
 * endpointslice-reconcile.ts; this file wires informers, the work queue and the API.
 *
 * Services without a selector (and ExternalName Services) are left alone: their slices are
 * written by hand or by the mirroring controller.
 *
 * @example
 *   new EndpointSliceController(ctx).start()
 *   // Service web (selector app=web) + 2 ready pods → EndpointSlice web-xxxxx with 2 endpoints
 */
export class EndpointSliceController implements Component {
  readonly name = 'endpointslice-controller'
  private readonly services: Informer
  private readonly pods: Informer
  private readonly nodes: Informer
  private readonly slices: Informer
  private readonly queue: WorkQueue
  private readonly source: EventSource = { component: 'endpoint-slice-controller' }
  private readonly triggers = new TriggerTimeTracker()
  /** resourceVersions this controller wrote: their watch events need no resync (EndpointSliceTracker). */
  private readonly written = new Map<string, string>()
  private active = false

  constructor(private readonly ctx: EngineContext) {
    this.services = new Informer(ctx.api, 'services', this.name)
    this.pods = new Informer(ctx.api, 'pods', this.name)
    this.nodes = new Informer(ctx.api, 'nodes', this.name)
    this.slices = new Informer(ctx.api, 'endpointslices', this.name)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.process(key))
    this.services.addIndex(BY_NAMESPACE, (s) => [s.metadata.namespace ?? ''])
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata.namespace ?? ''])
    this.slices.addIndex(BY_SERVICE, (s) => {
      const svc = s.metadata.labels?.[LABEL_SERVICE_NAME]
      return svc && s.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME ? [`${s.metadata.namespace}/${svc}`] : []
    })
    this.services.addHandlers({
      add: (s) => this.queue.add(objectKey(s)),
      update: (_, s) => this.queue.add(objectKey(s)),
      delete: (s) => {
        this.triggers.delete(s.metadata.namespace, s.metadata.name as string)
        this.queue.add(objectKey(s))
      },
    })
    this.pods.addHandlers({
      add: (p) => this.enqueueFor(p),
      update: (old, cur) => this.podUpdated(old, cur),
      delete: (p) => this.enqueueFor(p),
    })
    this.slices.addHandlers({
      add: (s) => this.sliceChanged(s),
      update: (_, s) => this.sliceChanged(s),
      delete: (s) => this.sliceChanged(s, true),
    })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.nodes.start()
    this.slices.start()
    this.pods.start()
    this.services.start()
  }

  stop(): void {
    this.active = false
    for (const i of [this.services, this.pods, this.nodes, this.slices]) i.stop()
  }

  running(): boolean {
    return this.active
  }

  /** One sync of a Service key (`syncService`); returns an error text to retry with back-off. */
  sync(key: string): string | undefined {
    const svc = this.services.get(key)
    // A deleted Service's slices go with it (garbage collector, through the owner reference).
    if (!svc) return undefined
    if (svc.spec?.type === 'ExternalName') return undefined
    const selector = serviceSelector(svc)
    if (!selector) return undefined
    const pods = this.pods.byIndex(BY_NAMESPACE, svc.metadata.namespace ?? '').filter((p) => selectorMatches(selector, p.metadata.labels)) as Pod[]
    const plan = reconcileSlices({
      service: svc,
      pods,
      node: (n) => this.nodes.get(n),
      existing: this.slices.byIndex(BY_SERVICE, key),
      triggerTime: this.triggers.compute(svc, pods),
    })
    const actions: Action[] = [
      ...plan.create.map((o): Action => ({ verb: 'create', resource: 'endpointslices', object: o })),
      ...plan.update.map((o): Action => ({ verb: 'update', resource: 'endpointslices', object: o })),
      ...plan.delete.map((o): Action => ({ verb: 'delete', resource: 'endpointslices', namespace: o.metadata.namespace, name: o.metadata.name as string })),
    ]
    let error: string | undefined
    for (const r of runPlan(this.ctx.api, this.ctx.events, this.source, actions)) {
      if (r.ok && r.object) this.written.set(r.object.metadata.uid as string, r.object.metadata.resourceVersion as string)
      if (r.ok || r.error?.reason === 'NotFound') continue
      error ??= r.error?.message
    }
    if (actions.length)
      this.record(key, 'sync', `${pods.length} matching pods → ${plan.create.length} created, ${plan.update.length} updated, ${plan.delete.length} deleted`)
    if (error) {
      this.ctx.events.record(this.source, svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${error}`)
      return error
    }
    if (plan.missingNodes.length) return `skipping pods for Service ${key}: Node ${plan.missingNodes.join(', ')} Not Found`
    return undefined
  }

  private enqueueFor(pod: KObject, labels = pod.metadata.labels): void {
    for (const svc of this.services.byIndex(BY_NAMESPACE, pod.metadata.namespace ?? '')) {
      const sel = serviceSelector(svc)
      if (sel && selectorMatches(sel, labels)) this.queue.add(objectKey(svc))
    }
  }

  private podUpdated(old: KObject, cur: KObject): void {
    const [changed, labelsChanged] = podEndpointsChanged(old, cur)
    if (!changed && !labelsChanged) return
    this.enqueueFor(cur)
    if (labelsChanged) this.enqueueFor(old, old.metadata.labels)
  }

  /** Someone else touched (or deleted) one of our slices: look at its Service again. */
  private sliceChanged(slice: KObject, deleted = false): void {
    const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME]
    if (!svc || slice.metadata.labels?.[LABEL_MANAGED_BY] !== CONTROLLER_NAME) return
    const uid = slice.metadata.uid as string
    if (!deleted && this.written.get(uid) === slice.metadata.resourceVersion) return
    if (deleted) this.written.delete(uid)
    this.queue.add(`${slice.metadata.namespace}/${svc}`)
  }

  private process(key: string): void {
    if (!this.active) return
    const err = this.sync(key)
    if (err === undefined || this.queue.numRequeues(key) >= MAX_RETRIES) {
      if (err !== undefined) this.record(key, 'drop', `dropping Service out of the queue: ${err}`)
      this.queue.forget(key)
    } else this.queue.addRateLimited(key)
  }

  private record(key: string, action: string, detail: string): void {
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }
}
