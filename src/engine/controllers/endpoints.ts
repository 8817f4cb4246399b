import type { Component, EngineContext } from '../context'
import type { KObject, Pod } from '../api/types'
import { deepCopy, objectKey } from '../api/types'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'
import { runPlan, type Action } from '../runtime/plan'
import type { EventSource } from '../runtime/events'
import { ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS, isServiceIPSet, podEndpointsChanged, selectorMatches, serviceSelector, TriggerTimeTracker } from './endpoints-common'
import { endpointSubsets, truncateSubsets, MAX_CAPACITY } from './endpoints-subsets'

const BY_NAMESPACE = 'namespace'
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity'
const MAX_RETRIES = 15

/**
 * The Endpoints controller of kube-controller-manager (`pkg/controller/endpoint`): keeps the
 * legacy `Endpoints` object named after each Service with a selector (REFERENCE 8.5).
 * Services without a selector are never touched, so people can write their own Endpoints
 * (e.g. to point a Service at a database outside the cluster).
 *
 * @example
 *   new EndpointsController(ctx).start()
 *   // Service web + ready pod 10.244.1.5 → Endpoints web: subsets[0].addresses[0].ip 10.244.1.5
 */
export class EndpointsController implements Component {
  readonly name = 'endpoint-controller'
  private readonly services: Informer
  private readonly pods: Informer
  private readonly endpoints: Informer
  private readonly queue: WorkQueue
  private readonly source: EventSource = { component: 'endpoint-controller' }
  private readonly triggers = new TriggerTimeTracker()
  private active = false

  constructor(private readonly ctx: EngineContext) {
    this.services = new Informer(ctx.api, 'services', this.name)
    this.pods = new Informer(ctx.api, 'pods', this.name)
    this.endpoints = new Informer(ctx.api, 'endpoints', this.name)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.process(key))
    this.services.addIndex(BY_NAMESPACE, (s) => [s.metadata.namespace ?? ''])
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata.namespace ?? ''])
    this.services.addHandlers({
      add: (s) => this.queue.add(objectKey(s)),
      update: (_, s) => this.queue.add(objectKey(s)),
      delete: (s) => this.queue.add(objectKey(s)),
    })
    this.pods.addHandlers({
      add: (p) => this.enqueueFor(p),
      update: (old, cur) => {
        const [changed, labelsChanged] = podEndpointsChanged(old, cur)
        if (changed || labelsChanged) this.enqueueFor(cur)
        if (labelsChanged) this.enqueueFor(old)
      },
      delete: (p) => this.enqueueFor(p),
    })
    // Only deletions matter (`onEndpointsDelete`): a deleted Endpoints is written again.
    this.endpoints.addHandlers({ delete: (e) => this.queue.add(objectKey(e)) })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.endpoints.start()
    this.pods.start()
    this.services.start()
    // `checkLeftoverEndpoints`: Endpoints whose Service vanished while we were down.
    for (const e of this.endpoints.list()) if (!this.services.get(objectKey(e))) this.queue.add(objectKey(e))
  }

  stop(): void {
    this.active = false
    for (const i of [this.services, this.pods, this.endpoints]) i.stop()
  }

  running(): boolean {
    return this.active
  }

  /** One sync of a Service key (`syncService`); an error text means "retry with back-off". */
  sync(key: string): string | undefined {
    const [namespace, name] = key.split('/')
    const svc = this.services.get(key)
    if (!svc) {
      this.triggers.delete(namespace, name)
      // The Service is gone: so are its Endpoints (the apiserver deletes them too).
      if (!this.endpoints.get(key)) return undefined
      return this.run([{ verb: 'delete', resource: 'endpoints', namespace, name }], key, 'deleted (Service gone)')
    }
    if (svc.spec?.type === 'ExternalName') return undefined
    const selector = serviceSelector(svc)
    if (!selector) return undefined

    const pods = this.pods.byIndex(BY_NAMESPACE, namespace).filter((p) => selectorMatches(selector, p.metadata.labels)) as Pod[]
    const trigger = this.triggers.compute(svc, pods)
    const subsets = endpointSubsets(svc, pods)
    const current = this.endpoints.get(key)
    const svcLabels: Record<string, string> = svc.metadata.labels ?? {}
    if (current) {
      const cmpLabels = { ...(current.metadata.labels ?? {}) }
      delete cmpLabels[LABEL_HEADLESS]
      const count = (current.subsets ?? []).reduce((n: number, s: any) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0)
      const capacityOk = count > MAX_CAPACITY ? false : !current.metadata.annotations?.[ANNOTATION_OVER_CAPACITY]
      if (sameSubsets(current.subsets, subsets) && JSON.stringify(sortKeys(cmpLabels)) === JSON.stringify(sortKeys(svcLabels)) && capacityOk) return undefined
    }
    const next: KObject = current ? deepCopy(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } }
    if (subsets.length) next.subsets = subsets
    else delete next.subsets
    const labels: Record<string, string> = { ...svcLabels }
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = ''
    if (Object.keys(labels).length) next.metadata.labels = labels
    else delete next.metadata.labels
    const ann: Record<string, string> = { ...(next.metadata.annotations ?? {}) }
    if (trigger) ann[ANNOTATION_TRIGGER_TIME] = trigger
    else delete ann[ANNOTATION_TRIGGER_TIME]
    if (next.subsets && truncateSubsets(next.subsets)) ann[ANNOTATION_OVER_CAPACITY] = 'truncated'
    else delete ann[ANNOTATION_OVER_CAPACITY]
    if (Object.keys(ann).length) next.metadata.annotations = ann
    else delete next.metadata.annotations
    const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)
    const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)
    const action: Action = current ? { verb: 'update', resource: 'endpoints', object: next } : { verb: 'create', resource: 'endpoints', object: next }
    return this.run([action], key, `${current ? 'updated' : 'created'}: ${ready} ready, ${notReady} not ready`, svc)
  }

  private run(actions: Action[], key: string, what: string, svc?: KObject): string | undefined {
    const [r] = runPlan(this.ctx.api, this.ctx.events, this.source, actions)
    if (r.ok || r.error?.reason === 'NotFound') {
      this.record(key, actions[0].verb, `Endpoints ${key} ${what}`)
      return undefined
    }
    // A terminating namespace refuses new objects: nothing to retry.
    if (r.error?.reason === 'Forbidden' && actions[0].verb === 'create') return undefined
    if (svc && actions[0].verb !== 'delete') {
      const obj = actions[0].verb === 'create' || actions[0].verb === 'update' ? actions[0].object : svc
      const [reason, msg] = actions[0].verb === 'create'
        ? ['FailedToCreateEndpoint', `Failed to create endpoint for service ${key}: ${r.error?.message}`]
        : ['FailedToUpdateEndpoint', `Failed to update endpoint ${key}: ${r.error?.message}`]
      this.ctx.events.record(this.source, obj, 'Warning', reason, msg)
    }
    return r.error?.message
  }

  private enqueueFor(pod: KObject): void {
    for (const svc of this.services.byIndex(BY_NAMESPACE, pod.metadata.namespace ?? '')) {
      const sel = serviceSelector(svc)
      if (sel && selectorMatches(sel, pod.metadata.labels)) this.queue.add(objectKey(svc))
    }
  }

  private process(key: string): void {
    if (!this.active) return
    const err = this.sync(key)
    if (err === undefined || this.queue.numRequeues(key) >= MAX_RETRIES) this.queue.forget(key)
    else this.queue.addRateLimited(key)
  }

  private record(key: string, action: string, detail: string): void {
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }
}

/** `endpointSubsetsEqualIgnoreResourceVersion`. */
function sameSubsets(a: unknown, b: unknown): boolean {
  const strip = (v: unknown) =>
    JSON.stringify(v ?? [], (k, x) => (k === 'resourceVersion' ? undefined : x && typeof x === 'object' && !Array.isArray(x) ? sortKeys(x) : x))
  return strip(a) === strip(b)
}

function sortKeys(o: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]))
}
