import { cidrContains } from '../../proxy/ip'
import { emptyTables, type IptablesTables } from '../../proxy/iptables/types'
import type { RecentLists } from '../../proxy/iptables/match'
import type { IpvsState } from '../../proxy/ipvs/ipvs'
import { connectionClosed, newIpvsRuntime, type IpvsRuntime } from '../../proxy/ipvs/schedulers'
import type { VirtualServer, RealServer } from '../../proxy/ipvs/ipvs'
import type { UserspaceState } from '../../proxy/userspace/userspace'
import type { ProxyMode } from '../../proxy/cost'
import { Conntrack } from './conntrack'

/**
 * The network state one node's Linux kernel holds: the iptables tables, the IPVS virtual
 * servers and ipsets (with the `kube-ipvs0` dummy), the `-m recent` lists, the conntrack table
 * and IPVS's connection counters. kube-proxy *writes* this state on each sync; the packet
 * tracer *reads* it. It outlives kube-proxy: stopping the process leaves the rules in the
 * kernel (REFERENCE 9.8), which is exactly what a student should see.
 *
 * The only thing that dies with the process is what the process itself serves: the
 * userspace proxy's listening sockets and the health servers (`process`).
 *
 * @example
 *   const k = new NodeKernel('node-1', '172.18.0.2', '10.244.1.0/24')
 *   k.install('iptables', { iptables: buildIptables(model) })
 *   k.localAddresses()   // ['172.18.0.2', '10.244.1.1']
 */

/** An HTTP answer from something listening on the node (kube-proxy's health servers). */
export interface HttpAnswer {
  status: number
  headers: [string, string][]
  body: string
}

/** What a running kube-proxy serves on its node; absent while it is stopped. */
export interface ProxyProcess {
  mode: ProxyMode
  /** Userspace mode: the listening proxy ports and the round-robin balancer (process memory). */
  userspace?: UserspaceState
  /** `/healthz` on 10256, and the health-check node ports of eTP=Local Services; undefined = not listening. */
  http(port: number, path: string): HttpAnswer | undefined
}

/** Linux's default `net.ipv4.vs` TIME_WAIT for IPVS connections: InActConn entries linger this long. */
const IPVS_TIME_WAIT_MS = 120_000

export class NodeKernel {
  /** Which proxy mode's state is programmed (what the last kube-proxy to sync here left). */
  mode: ProxyMode | 'none' = 'none'
  iptables: IptablesTables = emptyTables()
  ipvs?: IpvsState
  ipvsRuntime: IpvsRuntime = newIpvsRuntime()
  recent: RecentLists = {}
  readonly conntrack = new Conntrack()
  process?: ProxyProcess
  /** Closed IPVS connections still counted as InActConn, with when they stop counting. */
  private inactive: { vs: VirtualServer; rs: RealServer; until: number }[] = []
  /** podCIDR → its .1, cached (asked for on every routing decision). */
  private bridge?: [string, string]

  constructor(
    readonly node: string,
    public ip: string,
    /** This node's pod range (`10.244.1.0/24`); its `.1` is the `cni0` bridge. */
    public podCIDR: string,
  ) {}

  /** The cni0 bridge address: the pods' default gateway and the source of hairpin masquerade. */
  bridgeIP(): string {
    if (this.bridge?.[0] !== this.podCIDR) {
      const parts = this.podCIDR.split('/')[0].split('.').map(Number)
      parts[3] += 1
      this.bridge = [this.podCIDR, parts.join('.')]
    }
    return this.bridge[1]
  }

  /** Addresses `--dst-type LOCAL` matches besides 127/8 (the IPVS VIPs are added by the IPVS tracer). */
  localAddresses(): string[] {
    return [this.ip, this.bridgeIP()]
  }

  /** Is `ip` one of this node's own addresses (including the VIPs bound to kube-ipvs0)? */
  isLocal(ip: string): boolean {
    return cidrContains('127.0.0.0/8', ip) || ip === this.ip || ip === this.bridgeIP() || !!this.ipvs?.dummyAddresses.includes(ip)
  }

  /** MASQUERADE picks the address of the interface the packet leaves by: cni0 for local pods, eth0 otherwise. */
  egressIP(dst: string): string {
    return cidrContains(this.podCIDR, dst) ? this.bridgeIP() : this.ip
  }

  /**
   * Program a mode's state, cleaning up the others' (kube-proxy's CleanupLeftovers on start:
   * an iptables-mode kube-proxy deletes the IPVS virtual servers, ipsets and kube-ipvs0, and
   * an IPVS one deletes the KUBE-SVC/SEP chains). Conntrack entries survive a mode switch.
   */
  install(mode: ProxyMode, state: { iptables: IptablesTables; ipvs?: IpvsState }): void {
    if (mode !== this.mode) {
      this.recent = {}
      this.ipvsRuntime = newIpvsRuntime()
      this.inactive = []
    }
    this.mode = mode
    this.iptables = state.iptables
    this.ipvs = mode === 'ipvs' ? state.ipvs : undefined
  }

  /** An IPVS connection ended: it moves from ActiveConn to InActConn until TIME_WAIT is over. */
  ipvsConnectionClosed(vs: VirtualServer, rs: RealServer, now: number): void {
    connectionClosed(this.ipvsRuntime, vs, rs)
    this.inactive.push({ vs, rs, until: now + IPVS_TIME_WAIT_MS })
  }

  /** Drop InActConn counts whose TIME_WAIT has passed (called before anything reads the counters). */
  expireIpvs(now: number): void {
    const keep: typeof this.inactive = []
    for (const x of this.inactive) {
      if (x.until > now) keep.push(x)
      else {
        const c = this.ipvsRuntime.conns[`${x.vs.protocol}:${x.vs.address}:${x.vs.port}/${x.rs.address}:${x.rs.port}`]
        if (c && c.inactive > 0) c.inactive--
      }
    }
    this.inactive = keep
  }
}
