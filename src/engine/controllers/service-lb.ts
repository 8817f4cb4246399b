import type { Component, EngineContext } from '../context'
import type { KObject } from '../api/types'
import { deepCopy, objectKey } from '../api/types'
import { Informer } from '../runtime/informer'
import { WorkQueue } from '../runtime/workqueue'
import type { EventSource } from '../runtime/events'
import { ApiError } from '../apiserver/errors'
import { ADDRESS_PLAN, formatIPv4, parseIPv4 } from '../net/addresses'

/** `servicehelper.LoadBalancerCleanupFinalizer`. */
export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup'
const MAX_RETRIES = 15

/**
 * The cloud provider's service controller (`k8s.io/cloud-provider/controllers/service`,
 * component `service-controller`) with a simulated cloud: a LoadBalancer Service gets the
 * cleanup finalizer, then an address from a pool (172.18.255.200–250, as MetalLB is usually
 * set up on kind) in `status.loadBalancer.ingress`, with the events kubectl describe shows:
 * `EnsuringLoadBalancer`, `EnsuredLoadBalancer`, and on removal `DeletingLoadBalancer`,
 * `DeletedLoadBalancer`. Services with a `loadBalancerClass` belong to another controller.
 *
 * The pool's state is the Services' own status, so nothing needs restoring after a snapshot.
 *
 * @example
 *   new ServiceLBController(ctx).start()
 *   // type: LoadBalancer → status.loadBalancer.ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }]
 */
export class ServiceLBController implements Component {
  readonly name = 'service-controller'
  private readonly services: Informer
  private readonly queue: WorkQueue
  private readonly source: EventSource = { component: 'service-controller' }
  /** `cachedService`: the last version synced, to skip updates that do not concern the balancer. */
  private readonly synced = new Map<string, KObject>()
  private readonly pool: { first: number; last: number }
  /** The simulated cloud's balancers: Service uid → address (what `GetLoadBalancer` would find). */
  private readonly balancers = new Map<string, string>()
  private active = false

  constructor(
    private readonly ctx: EngineContext,
    pool: { first: string; last: string } = ADDRESS_PLAN.loadBalancerPool,
  ) {
    this.pool = { first: parseIPv4(pool.first) as number, last: parseIPv4(pool.last) as number }
    this.services = new Informer(ctx.api, 'services', this.name)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.process(key))
    this.services.addHandlers({
      add: (s) => this.onChange(undefined, s),
      update: (old, cur) => this.onChange(old, cur),
      delete: (s) => {
        this.synced.delete(objectKey(s))
      },
    })
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.services.start()
  }

  stop(): void {
    this.active = false
    this.services.stop()
  }

  running(): boolean {
    return this.active
  }

  /** `syncLoadBalancerIfNeeded` for one Service key; an error text means "retry with back-off". */
  sync(key: string): string | undefined {
    const svc = this.services.get(key)
    if (!svc) return undefined
    const actor = { actor: this.name }
    try {
      if (!wantsLoadBalancer(svc) || needsCleanup(svc)) {
        // `needsCleanup` or no longer a LoadBalancer: give the address back, drop the finalizer.
        const uid = svc.metadata.uid as string
        const had = this.balancers.has(uid) || (svc.status?.loadBalancer?.ingress ?? []).length > 0
        this.balancers.delete(uid)
        const hasFinalizer = (svc.metadata.finalizers ?? []).includes(LB_FINALIZER)
        if (!had && !hasFinalizer) return undefined
        if (had) this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer')
        let cur = svc
        if (hasFinalizer) {
          const meta = deepCopy(svc.metadata)
          meta.finalizers = meta.finalizers!.filter((f) => f !== LB_FINALIZER)
          if (!meta.finalizers.length) delete meta.finalizers
          cur = this.ctx.api.update('services', { ...deepCopy(svc), metadata: meta }, actor)
        }
        this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer')
        if ((cur.status?.loadBalancer?.ingress ?? []).length && this.ctx.api.peek('services', svc.metadata.namespace, svc.metadata.name as string))
          this.ctx.api.update('services', { ...deepCopy(cur), status: { ...(cur.status ?? {}), loadBalancer: {} } }, { ...actor, subresource: 'status' })
        this.record(key, 'delete', `load balancer for ${key} removed`)
        return undefined
      }
      this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer')
      let cur = svc
      if (!(svc.metadata.finalizers ?? []).includes(LB_FINALIZER))
        cur = this.ctx.api.update('services', { ...deepCopy(svc), metadata: { ...deepCopy(svc.metadata), finalizers: [...(svc.metadata.finalizers ?? []), LB_FINALIZER] } }, actor)
      const ip = this.ensureAddress(cur)
      if (!ip) throw new Error('failed to ensure load balancer: no available IPs in pool ' + `${formatIPv4(this.pool.first)}-${formatIPv4(this.pool.last)}`)
      this.balancers.set(cur.metadata.uid as string, ip)
      this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer')
      const want = { ingress: [{ ip, ipMode: 'VIP' }] }
      if (JSON.stringify(cur.status?.loadBalancer ?? {}) !== JSON.stringify(want)) {
        this.ctx.api.update('services', { ...deepCopy(cur), status: { ...(cur.status ?? {}), loadBalancer: want } }, { ...actor, subresource: 'status' })
        this.record(key, 'ensure', `load balancer ${ip} for ${key} (ports ${(svc.spec?.ports ?? []).map((p: any) => `${p.port}→${p.nodePort}`).join(', ')})`)
      }
      return undefined
    } catch (e) {
      const msg = e instanceof ApiError || e instanceof Error ? e.message : String(e)
      if (e instanceof ApiError && e.reason === 'NotFound') return undefined
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: ${msg}`)
      return msg
    }
  }

  /** The address this Service has (or asked for with spec.loadBalancerIP), else the lowest free one in the pool. */
  private ensureAddress(svc: KObject): string | undefined {
    const have = this.balancers.get(svc.metadata.uid as string) ?? svc.status?.loadBalancer?.ingress?.[0]?.ip
    if (have) return have
    const used = new Set<number>()
    for (const [uid, ip] of this.balancers) if (uid !== svc.metadata.uid) used.add(parseIPv4(ip) ?? -1)
    for (const s of this.services.list())
      if (s.metadata.uid !== svc.metadata.uid) for (const ing of s.status?.loadBalancer?.ingress ?? []) if (ing?.ip) used.add(parseIPv4(ing.ip) ?? -1)
    const asked = parseIPv4(svc.spec?.loadBalancerIP ?? '')
    if (asked !== undefined && asked >= this.pool.first && asked <= this.pool.last && !used.has(asked)) return formatIPv4(asked)
    for (let a = this.pool.first; a <= this.pool.last; a++) if (!used.has(a)) return formatIPv4(a)
    return undefined
  }

  /** `needsUpdate` (plus first sight and deletion): only changes that concern the balancer trigger a sync. */
  private onChange(old: KObject | undefined, cur: KObject): void {
    const key = objectKey(cur)
    const last = this.synced.get(key) ?? old
    const relevant = (s: KObject | undefined) =>
      s && JSON.stringify([s.spec?.type, s.spec?.loadBalancerClass, s.spec?.ports, s.spec?.loadBalancerIP, s.spec?.loadBalancerSourceRanges,
        s.spec?.externalTrafficPolicy, s.spec?.healthCheckNodePort, s.metadata.deletionTimestamp, s.metadata.uid])
    const lbNow = wantsLoadBalancer(cur)
    const lbBefore = !!last && wantsLoadBalancer(last)
    if (!lbNow && !lbBefore && !(cur.metadata.finalizers ?? []).includes(LB_FINALIZER)) return
    if (last && relevant(last) === relevant(cur)) return
    if (last && last.spec?.type !== cur.spec?.type) this.event(cur, 'Normal', 'Type', `${last.spec?.type} -> ${cur.spec?.type}`)
    this.synced.set(key, cur)
    this.queue.add(key)
  }

  private process(key: string): void {
    if (!this.active) return
    const err = this.sync(key)
    if (err === undefined || this.queue.numRequeues(key) >= MAX_RETRIES) this.queue.forget(key)
    else this.queue.addRateLimited(key)
  }

  private event(svc: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.source, svc, type, reason, message)
  }

  private record(key: string, action: string, detail: string): void {
    this.ctx.records.add({ type: 'controller', controller: this.name, key, action, detail })
  }
}

/** `wantsLoadBalancer`: type LoadBalancer and no loadBalancerClass (that one is someone else's). */
export function wantsLoadBalancer(svc: KObject): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec?.loadBalancerClass == null
}

/** `needsCleanup`: being deleted while still holding our finalizer. */
function needsCleanup(svc: KObject): boolean {
  return !!svc.metadata.deletionTimestamp && (svc.metadata.finalizers ?? []).includes(LB_FINALIZER)
}
