import type { Component, EngineContext } from '../context'
import type { KObject } from '../api/types'
import { objectKey } from '../api/types'
import type { ScheduledTask } from '../clock'
import { VIRTUAL_EPOCH_MS } from '../clock'
import { Informer } from '../runtime/informer'
import type { EventSource } from '../runtime/events'
import { nodeRef } from '../kubelet/node-status'
import { ADDRESS_PLAN } from '../net/addresses'
import { NodeKernel, type HttpAnswer, type ProxyProcess } from '../net/dataplane/kernel'
import type { ProxyMode } from './cost'
import { proxiedServices, type EndpointInfo, type KubeProxyConfig, type ProxyModel, type ServicePortInfo } from './model'
import { buildIptables } from './iptables/rules'
import { userChains } from './iptables/types'
import { buildIpvs } from './ipvs/ipvs'
import { newUserspaceState, syncUserspace, buildUserspaceIptables, type UserspaceState } from './userspace/userspace'
import { mergeEndpoints, servicePortsOf, sliceEndpoints } from './kube-proxy-model'
import { PROXY_HEALTHZ_PORT, proxierHealth, serviceHealth } from './kube-proxy-health'

/**
 * kube-proxy on one node (`cmd/kube-proxy`, `pkg/proxy/{iptables,ipvs,userspace}`): it watches
 * Services, EndpointSlices and its own Node, and after a change programs the node's kernel —
 * the iptables tables, the IPVS virtual servers and ipsets, or the userspace proxy's portals —
 * through the pure builders in this folder. Packets never touch kube-proxy (except in
 * userspace mode): the tracer evaluates what this component left in `kernel`.
 *
 * Syncs are batched like kube-proxy's BoundedFrequencyRunner: at most one per
 * `minSyncPeriodMs` (`--iptables-min-sync-period`, 1 s), each a foreground task so `settle()`
 * waits for the rules. Rules are never rebuilt per packet.
 *
 * `stop()` is the fault "kube-proxy stops": the rules stay in the kernel and keep working
 * (conntrack and all), they just stop following changes; in userspace mode the proxy process
 * itself is gone, so connections redirected to its ports are refused.
 *
 * @example
 *   const kp = new KubeProxy(ctx, { nodeName: 'node-1', nodeIP: '172.18.0.2', mode: 'iptables' })
 *   kp.start(); ctx.clock.settle()
 *   iptablesSave(kp.kernel.iptables)
 *   kp.setMode('ipvs')   // cleans up the iptables-mode chains, builds virtual servers
 */

export interface KubeProxyOptions {
  nodeName: string
  nodeIP: string
  mode: ProxyMode
  /** This node's pod range; default: read from the Node (`spec.podCIDR`), else 10.244.0.0/24. */
  podCIDR?: string
  /** `--cluster-cidr`, the local-traffic detector's range (default the playground pod CIDR). */
  clusterCIDR?: string
  /** `--iptables-min-sync-period` / `--ipvs-min-sync-period` (default 1000 ms). */
  minSyncPeriodMs?: number
  config?: Partial<KubeProxyConfig>
  /** The node's kernel, if the cluster keeps one per node; otherwise this kube-proxy creates it. */
  kernel?: NodeKernel
}

export interface KubeProxyStatus {
  node: string
  mode: ProxyMode
  running: boolean
  /** RFC 3339 time and virtual ms of the last sync (absent before the first). */
  lastSyncTime?: string
  lastSyncAt?: number
  syncs: number
  /** Service ports programmed and their endpoints. */
  servicePorts: number
  endpoints: number
  rules: { nat: number; filter: number; total: number; chains: number }
  ipvs?: { virtualServers: number; realServers: number }
  userspace?: { proxyPorts: number }
  /** A change is waiting for the next sync (or for a stopped kube-proxy that will never make it). */
  pendingChanges: boolean
}

const SOURCE = (node: string): EventSource => ({ component: 'kube-proxy', host: node })
const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler'

export class KubeProxy implements Component {
  readonly name: string
  readonly nodeName: string
  readonly kernel: NodeKernel
  private proxyMode: ProxyMode
  private readonly minSyncMs: number
  private readonly clusterCIDR: string
  private readonly config?: Partial<KubeProxyConfig>
  private services?: Informer
  private slices?: Informer
  private nodes?: Informer
  private readonly svcPorts = new Map<string, ServicePortInfo[]>()
  private readonly sliceEps = new Map<string, [string, EndpointInfo][]>()
  private syncTask?: ScheduledTask
  private lastSyncAt?: number
  private syncs = 0
  private pendingSince?: number
  private nodeEligible = true
  private userspace: UserspaceState = newUserspaceState()
  private lastModel?: ProxyModel
  private active = false

  constructor(
    private readonly ctx: EngineContext,
    opts: KubeProxyOptions,
  ) {
    this.nodeName = opts.nodeName
    this.name = `kube-proxy/${opts.nodeName}`
    this.proxyMode = opts.mode
    this.minSyncMs = opts.minSyncPeriodMs ?? 1000
    this.clusterCIDR = opts.clusterCIDR ?? ADDRESS_PLAN.podCIDR
    this.config = opts.config
    this.kernel = opts.kernel ?? new NodeKernel(opts.nodeName, opts.nodeIP, opts.podCIDR ?? '10.244.0.0/24')
  }

  running(): boolean {
    return this.active
  }

  mode(): ProxyMode {
    return this.proxyMode
  }

  /** The model of the last sync: what this kube-proxy believed (for the UI's "why"). */
  model(): ProxyModel | undefined {
    return this.lastModel
  }

  start(): void {
    if (this.active) return
    this.active = true
    // server.go: `recorder.Eventf(nodeRef, nil, Normal, "Starting", "StartKubeProxy", "")`.
    this.ctx.events.record(SOURCE(this.nodeName), nodeRef(this.nodeName), 'Normal', 'Starting', '')
    // A new process: fresh userspace sockets and balancer (the old portals are flushed and reopened).
    this.userspace = newUserspaceState()
    this.kernel.process = this.process()
    const actor = this.name
    this.svcPorts.clear()
    this.sliceEps.clear()
    this.services = new Informer(this.ctx.api, 'services', actor)
    this.slices = new Informer(this.ctx.api, 'endpointslices', actor)
    // kube-proxy watches only its own Node (fieldSelector metadata.name=<node>).
    this.nodes = new Informer(this.ctx.api, 'nodes', actor, undefined, (o) => o.metadata.name === this.nodeName)
    this.services.addHandlers({
      add: (s) => this.onService(s),
      update: (_, s) => this.onService(s),
      delete: (s) => this.onService(s, true),
    })
    this.slices.addHandlers({
      add: (s) => this.onSlice(s),
      update: (_, s) => this.onSlice(s),
      delete: (s) => this.onSlice(s, true),
    })
    this.nodes.addHandlers({ add: (n) => this.onNode(n), update: (_, n) => this.onNode(n) })
    this.nodes.start()
    this.services.start()
    this.slices.start()
    this.requestSync()
  }

  stop(): void {
    if (!this.active) return
    this.active = false
    this.services?.stop()
    this.slices?.stop()
    this.nodes?.stop()
    this.ctx.clock.cancel(this.syncTask)
    this.syncTask = undefined
    // The process is gone: its sockets (userspace proxy ports, health servers) close. The
    // kernel keeps every rule it was given.
    this.kernel.process = undefined
  }

  /**
   * Switch the proxy mode (kube-proxy restarted with `--proxy-mode`): the new proxier cleans up
   * the other modes' leftovers at its first sync. A stopped kube-proxy only remembers the mode.
   */
  setMode(mode: ProxyMode): void {
    if (mode === this.proxyMode) return
    this.proxyMode = mode
    if (!this.active) return
    this.stop()
    this.start()
  }

  status(): KubeProxyStatus {
    const k = this.kernel
    const nat = k.iptables.nat.rules.length
    const filter = k.iptables.filter.rules.length
    const st: KubeProxyStatus = {
      node: this.nodeName, mode: this.proxyMode, running: this.active, syncs: this.syncs,
      servicePorts: this.lastModel ? proxiedServices(this.lastModel).length : 0,
      endpoints: this.lastModel ? Object.values(this.lastModel.endpoints).reduce((n, l) => n + l.length, 0) : 0,
      rules: { nat, filter, total: nat + filter + k.iptables.mangle.rules.length, chains: userChains(k.iptables.nat).length + userChains(k.iptables.filter).length },
      pendingChanges: this.pendingSince !== undefined,
    }
    if (this.lastSyncAt !== undefined) {
      st.lastSyncAt = this.lastSyncAt
      st.lastSyncTime = this.ctx.clock.timestamp(this.lastSyncAt)
    }
    if (k.ipvs) st.ipvs = { virtualServers: k.ipvs.virtualServers.length, realServers: k.ipvs.virtualServers.reduce((n, v) => n + v.realServers.length, 0) }
    if (this.proxyMode === 'userspace') st.userspace = { proxyPorts: Object.keys(this.userspace.ports).length }
    return st
  }

  // ---- informer handlers: keep kube-proxy's change trackers up to date ------------------

  private onService(s: KObject, deleted = false): void {
    const key = objectKey(s)
    if (deleted) this.svcPorts.delete(key)
    else this.svcPorts.set(key, servicePortsOf(s))
    this.requestSync()
  }

  private onSlice(s: KObject, deleted = false): void {
    const key = objectKey(s)
    if (deleted) this.sliceEps.delete(key)
    else this.sliceEps.set(key, sliceEndpoints(s))
    this.requestSync()
  }

  private onNode(n: KObject): void {
    const ip = (n.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address
    if (ip) this.kernel.ip = ip
    if (n.spec?.podCIDR) this.kernel.podCIDR = n.spec.podCIDR
    this.nodeEligible = !n.metadata.deletionTimestamp && !(n.spec?.taints ?? []).some((t: { key: string }) => t.key === TO_BE_DELETED_TAINT)
    this.requestSync()
  }

  /** BoundedFrequencyRunner: run now if the last sync is older than the min period, else when it ends. */
  private requestSync(): void {
    if (!this.active) return
    this.pendingSince ??= this.ctx.clock.now()
    if (this.syncTask) return
    const now = this.ctx.clock.now()
    const due = this.lastSyncAt === undefined ? now : Math.max(now, this.lastSyncAt + this.minSyncMs)
    this.syncTask = this.ctx.clock.at(due, () => this.sync(), { label: `${this.name} syncProxyRules` })
  }

  private buildModel(): ProxyModel {
    const services: ServicePortInfo[] = []
    for (const list of this.svcPorts.values()) services.push(...list)
    return {
      nodeName: this.nodeName, nodeIP: this.kernel.ip, podCIDR: this.clusterCIDR, clusterCIDR: ADDRESS_PLAN.serviceCIDR,
      services, endpoints: mergeEndpoints(this.sliceEps.values()), config: this.config,
    }
  }

  private sync(): void {
    this.syncTask = undefined
    if (!this.active) return
    const model = this.buildModel()
    const now = this.ctx.clock.now()
    switch (this.proxyMode) {
      case 'iptables':
        this.kernel.install('iptables', { iptables: buildIptables(model) })
        break
      case 'ipvs': {
        const ipvs = buildIpvs(model)
        this.kernel.install('ipvs', { iptables: ipvs.iptables, ipvs })
        break
      }
      case 'userspace':
        this.userspace = syncUserspace(this.userspace, model, this.ctx.rng, now)
        this.kernel.install('userspace', { iptables: buildUserspaceIptables(model, this.userspace) })
        break
    }
    this.lastModel = model
    this.lastSyncAt = now
    this.pendingSince = undefined
    this.syncs++
    const st = this.status()
    const detail = this.proxyMode === 'ipvs'
      ? `ipvs: ${st.ipvs?.virtualServers ?? 0} virtual servers, ${st.ipvs?.realServers ?? 0} real servers, ${st.rules.nat} nat rules`
      : `${this.proxyMode}: ${st.servicePorts} service ports, ${st.rules.nat} nat rules, ${st.rules.filter} filter rules, ${st.rules.chains} chains`
    this.ctx.records.add({ type: 'controller', controller: this.name, key: this.nodeName, action: 'SyncProxyRules', detail })
  }

  /** What the running process serves on the node. */
  private process(): ProxyProcess {
    const self = this
    return {
      mode: this.proxyMode,
      get userspace() {
        return self.proxyMode === 'userspace' ? self.userspace : undefined
      },
      http: (port: number, path: string): HttpAnswer | undefined => {
        const now = this.ctx.clock.now()
        // Healthy unless a change has waited longer than healthTimeout (2 × syncPeriod 30 s).
        const healthy = this.pendingSince === undefined || now - this.pendingSince < 60_000
        if (port === PROXY_HEALTHZ_PORT)
          return proxierHealth(path, { lastUpdated: this.lastSyncAt ?? 0, now, healthy, nodeEligible: this.nodeEligible, virtualEpochMs: VIRTUAL_EPOCH_MS })
        return this.lastModel ? serviceHealth(this.lastModel, port, healthy) : undefined
      },
    }
  }
}
