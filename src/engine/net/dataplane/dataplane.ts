import type { Component } from '../../context'
import type { KObject } from '../../api/types'
import { Informer } from '../../runtime/informer'
import { DnsIndex } from '../dns'
import type { NodeKernel } from './kernel'
import { Topology, type DataplaneHost } from './topology'
import { trace, type DataplaneCore, type TraceRequest, type TraceResult } from './tracer'

/**
 * The cluster's data plane: the nodes' kernels (owned by their kube-proxies), the cluster DNS
 * (CoreDNS's view: informers on Services and EndpointSlices, actor `coredns`), and the last
 * trace for the UI. The cluster keeps one and exposes `trace` and the shells through it.
 *
 * @example
 *   const dp = new Dataplane(cluster)     // cluster: { ctx, kubelets, proxies }
 *   dp.start()
 *   dp.trace({ from: 'pod', namespace: 'default', pod: 'client', url: 'http://web' })
 *   dp.lastTrace()
 */
export class Dataplane implements Component, DataplaneCore {
  readonly name = 'coredns'
  private svcInformer?: Informer
  private sliceInformer?: Informer
  private dnsIndex?: DnsIndex
  private readonly internet = new DnsIndex({ services: [], slices: [] })
  private readonly spare = new Map<string, NodeKernel>()
  private last?: TraceResult
  private active = false

  constructor(readonly host: DataplaneHost) {}

  start(): void {
    if (this.active) return
    this.active = true
    const api = this.host.ctx.api
    this.svcInformer = new Informer(api, 'services', this.name)
    this.sliceInformer = new Informer(api, 'endpointslices', this.name)
    const invalidate = { add: () => this.invalidate(), update: () => this.invalidate(), delete: () => this.invalidate() }
    this.svcInformer.addHandlers(invalidate)
    this.sliceInformer.addHandlers(invalidate)
    this.svcInformer.start()
    this.sliceInformer.start()
  }

  stop(): void {
    if (!this.active) return
    this.active = false
    this.svcInformer?.stop()
    this.sliceInformer?.stop()
    this.svcInformer = this.sliceInformer = undefined
    this.invalidate()
  }

  running(): boolean {
    return this.active
  }

  topology(): Topology {
    return new Topology(this.host, this.spare)
  }

  /** A node's kernel (its rules, conntrack, IPVS state). */
  kernel(node: string): NodeKernel {
    return this.topology().kernel(node)
  }

  services(): readonly KObject[] {
    this.ensureStarted()
    return this.svcInformer!.list()
  }

  slices(): readonly KObject[] {
    this.ensureStarted()
    return this.sliceInformer!.list()
  }

  clusterDns(): DnsIndex {
    this.ensureStarted()
    this.dnsIndex ??= new DnsIndex({ services: this.services() as KObject[], slices: this.slices() as KObject[] })
    return this.dnsIndex
  }

  upstreamDns(): DnsIndex {
    return this.internet
  }

  /**
   * CoreDNS runs as pods: kube-dns has at least one endpoint (ready or not) in its slices, or
   * the `kube-system/coredns` Deployment exists (scaled to 0, DNS must fail through the REJECT
   * rule as on a real cluster, not fall back to the model).
   */
  coreDnsPods(): boolean {
    if (this.host.ctx.api.peek('deployments', 'kube-system', 'coredns')) return true
    return this.slices().some((s) => s.metadata.namespace === 'kube-system' && s.metadata.labels?.['kubernetes.io/service-name'] === 'kube-dns' && (s.endpoints ?? []).length > 0)
  }

  /** Trace one request (see `tracer.ts`); it becomes the last trace. */
  trace(req: TraceRequest): TraceResult {
    this.last = trace(this, req)
    return this.last
  }

  /** Keep a trace made elsewhere (a shell's curl) as the last one. */
  remember(t: TraceResult): void {
    this.last = t
  }

  lastTrace(): TraceResult | undefined {
    return this.last
  }

  private invalidate(): void {
    this.dnsIndex = undefined
  }

  /** Used before the cluster started us (tests, scripts): list and watch on first use. */
  private ensureStarted(): void {
    if (!this.active) this.start()
  }
}
