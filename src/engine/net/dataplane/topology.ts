import type { EngineContext } from '../../context'
import type { KObject } from '../../api/types'
import type { Kubelet } from '../../kubelet/kubelet'
import type { RuntimePod } from '../../kubelet/containers'
import type { KubeProxy } from '../../proxy/kube-proxy'
import { cidrContains } from '../../proxy/ip'
import { NodeKernel } from './kernel'

/**
 * Where things are on the simulated network: the nodes (each a kernel, an InternalIP and a
 * pod /24 behind its `cni0` bridge), the pods' sandboxes (from each node's container runtime —
 * the truth about which IPs are alive), and the host outside the cluster. Routes are what a
 * simple CNI (kindnet/host-gw) installs: the local /24 on cni0, every other node's /24 via
 * that node's InternalIP, everything else out of eth0 to the default gateway.
 *
 * @example
 *   const topo = new Topology(cluster, kernels)
 *   topo.nodeOfPodIP('10.244.2.7')   // 'node-2'
 *   topo.podAt('10.244.2.7')         // { node: 'node-2', pod: RuntimePod }
 */

/** What the tracer needs from the cluster: the context, the kubelets (runtimes) and kube-proxies (kernels). */
export interface DataplaneHost {
  readonly ctx: EngineContext
  readonly kubelets: ReadonlyMap<string, Kubelet>
  readonly proxies?: ReadonlyMap<string, KubeProxy>
}

/** The host outside the cluster (`cluster.exec('external', …)`): a laptop on the internet (TEST-NET-2). */
export const EXTERNAL_HOST = { name: 'external', ip: '198.51.100.10' } as const

/** The nodes' default gateway on kind's docker network. */
export const NODE_GATEWAY = '172.18.0.1'

export interface PodSite {
  node: string
  pod: RuntimePod
  /** The API object, when it still exists (name, hostname, container ports). */
  obj?: KObject
}

export class Topology {
  /** Node names, computed once per topology (one is made per command). */
  private names?: string[]

  constructor(
    readonly host: DataplaneHost,
    /** Kernels of nodes that have no kube-proxy (created on demand, kept by the caller). */
    private readonly spare: Map<string, NodeKernel>,
  ) {}

  get ctx(): EngineContext {
    return this.host.ctx
  }

  /** Worker node names, in order. */
  nodes(): string[] {
    if (!this.names) {
      const names = new Set<string>([...this.host.kubelets.keys(), ...(this.host.proxies?.keys() ?? [])])
      this.names = [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    }
    return this.names
  }

  hasNode(name: string): boolean {
    return this.host.kubelets.has(name) || !!this.host.proxies?.has(name)
  }

  /** The node's kernel: kube-proxy's if it has one, else an empty one (no rules ever programmed). */
  kernel(node: string): NodeKernel {
    const kp = this.host.proxies?.get(node)
    if (kp) return kp.kernel
    let k = this.spare.get(node)
    if (!k) {
      const cfg = this.host.kubelets.get(node)?.cfg
      this.spare.set(node, (k = new NodeKernel(node, cfg?.ip ?? '0.0.0.0', cfg?.podCIDR ?? '10.244.0.0/24')))
    }
    return k
  }

  /** The node owning an address of its own (InternalIP or cni0). */
  nodeOfAddress(ip: string): string | undefined {
    for (const n of this.nodes()) {
      const k = this.kernel(n)
      if (k.ip === ip || k.bridgeIP() === ip) return n
    }
    return undefined
  }

  /** The node whose pod /24 contains `ip` (where the route for it points). */
  nodeOfPodIP(ip: string): string | undefined {
    for (const n of this.nodes()) if (cidrContains(this.kernel(n).podCIDR, ip)) return n
    return undefined
  }

  /** The live sandbox holding `ip`, if any (a deleted pod's IP answers nothing: no ARP reply). */
  podAt(ip: string): PodSite | undefined {
    const node = this.nodeOfPodIP(ip)
    const runtime = node ? this.host.kubelets.get(node)?.runtime : undefined
    if (!node || !runtime) return undefined
    for (const uid of runtime.podUids()) {
      const pod = runtime.pod(uid)
      if (pod?.sandbox?.ip !== ip) continue
      const obj = pod.name ? this.ctx.api.peek('pods', pod.namespace ?? 'default', pod.name) : undefined
      return { node, pod, obj: obj && obj.metadata.uid === uid ? obj : undefined }
    }
    return undefined
  }

  /** The pod's hostname as its containers see it (`spec.hostname`, else the pod name, at most 63 characters). */
  static hostname(obj: KObject | undefined, fallback: string): string {
    const name: string = obj?.spec?.hostname || obj?.metadata.name || fallback
    return name.slice(0, 63)
  }
}
