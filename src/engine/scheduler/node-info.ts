import type { Node, Pod } from '../api/types'
import { addResource, emptyResource, nodeAllocatable, podRequests, type Resource } from './resources'

/**
 * `framework.NodeInfo`: one node and what the scheduler believes is on it — the pods
 * (bound or assumed), their summed requests (actual and non-zero), and the host ports in use.
 * The scheduler cache keeps one per node and updates it incrementally, so a cycle costs
 * O(nodes), not O(pods).
 */
export class NodeInfo {
  node: Node | undefined
  /** Pods by uid, in the order they were added (Go keeps a slice). */
  readonly pods = new Map<string, PodEntry>()
  /** Σ actual requests (`Requested`): NodeResourcesFit and BalancedAllocation. */
  readonly requested: Resource = emptyResource()
  /** Σ requests with 100m/200Mi for missing cpu/memory (`NonZeroRequested`): LeastAllocated. */
  readonly nonZeroRequested: Resource = emptyResource()
  readonly usedPorts = new HostPortInfo()
  allocatable: Resource = emptyResource()
  allowedPodNumber = 0

  constructor(node?: Node) {
    if (node) this.setNode(node)
  }

  get name(): string {
    return this.node?.metadata.name ?? ''
  }

  setNode(node: Node): void {
    this.node = node
    const a = nodeAllocatable(node)
    this.allocatable = a.resource
    this.allowedPodNumber = a.allowedPodNumber
  }

  addPod(pod: Pod): void {
    const uid = pod.metadata.uid as string
    if (this.pods.has(uid)) this.removePod(uid)
    const entry: PodEntry = { pod, requested: podRequests(pod.spec), nonZero: podRequests(pod.spec, true) }
    this.pods.set(uid, entry)
    addResource(this.requested, entry.requested)
    addResource(this.nonZeroRequested, entry.nonZero)
    for (const p of hostPorts(pod)) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort)
  }

  removePod(uid: string): boolean {
    const entry = this.pods.get(uid)
    if (!entry) return false
    this.pods.delete(uid)
    addResource(this.requested, entry.requested, -1)
    addResource(this.nonZeroRequested, entry.nonZero, -1)
    for (const p of hostPorts(entry.pod)) this.usedPorts.remove(p.hostIP, p.protocol, p.hostPort)
    return true
  }

  /** A copy with the given pods left out: what preemption's dry run looks at. */
  without(uids: Set<string>): NodeInfo {
    const n = new NodeInfo(this.node)
    for (const [uid, e] of this.pods) if (!uids.has(uid)) n.addPod(e.pod)
    return n
  }
}

export interface PodEntry {
  pod: Pod
  requested: Resource
  nonZero: Resource
}

export interface HostPort {
  hostIP: string
  protocol: string
  hostPort: number
}

/** The container ports that claim a host port (`hostPort > 0`), as NodePorts and NodeInfo read them. */
export function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = []
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if ((p.hostPort ?? 0) > 0) out.push({ hostIP: (p as { hostIP?: string }).hostIP ?? '', protocol: p.protocol ?? 'TCP', hostPort: p.hostPort! })
  return out
}

const BIND_ALL = '0.0.0.0'

/** `framework.HostPortInfo`: ip → set of "protocol/port" (empty ip and protocol mean 0.0.0.0 and TCP). */
export class HostPortInfo {
  private readonly byIP = new Map<string, Set<string>>()

  add(ip: string, protocol: string, port: number): void {
    if (port <= 0) return
    const key = `${protocol || 'TCP'}/${port}`
    const addr = ip || BIND_ALL
    let s = this.byIP.get(addr)
    if (!s) this.byIP.set(addr, (s = new Set()))
    s.add(key)
  }

  remove(ip: string, protocol: string, port: number): void {
    const addr = ip || BIND_ALL
    const s = this.byIP.get(addr)
    if (!s) return
    s.delete(`${protocol || 'TCP'}/${port}`)
    if (s.size === 0) this.byIP.delete(addr)
  }

  /** `CheckConflict`: 0.0.0.0 conflicts with the same protocol/port on any IP; a specific IP with itself and 0.0.0.0. */
  checkConflict(ip: string, protocol: string, port: number): boolean {
    if (port <= 0) return false
    const key = `${protocol || 'TCP'}/${port}`
    const addr = ip || BIND_ALL
    if (addr === BIND_ALL) {
      for (const s of this.byIP.values()) if (s.has(key)) return true
      return false
    }
    return !!(this.byIP.get(BIND_ALL)?.has(key) || this.byIP.get(addr)?.has(key))
  }
}
