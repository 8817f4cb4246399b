import type { Node, Pod } from '../api/types'
import { NodeInfo } from './node-info'

/**
 * The scheduler cache (`pkg/scheduler/backend/cache`): a NodeInfo per node with the pods
 * bound to it, plus *assumed* pods — placed by this scheduler, binding not yet seen through
 * the watch. Assuming right after a decision is what lets two pods scheduled back-to-back
 * see each other. When the bound pod arrives from the informer it confirms the assumption.
 *
 * Nodes are listed in `nodeTree` order: zones round-robin (a node's zone is its region and
 * zone labels), and within a zone the order nodes were added.
 */
export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>()
  /** pod uid → node name and whether it is only assumed. */
  private readonly podStates = new Map<string, { node: string; assumed: boolean }>()
  private readonly tree = new Map<string, string[]>()
  private zones: string[] = []
  private list?: NodeInfo[]

  addNode(node: Node): void {
    const name = node.metadata.name as string
    let info = this.infos.get(name)
    if (!info) this.infos.set(name, (info = new NodeInfo()))
    else if (info.node) this.removeFromTree(info.node)
    info.setNode(node)
    this.addToTree(node)
  }

  updateNode(oldNode: Node, node: Node): void {
    const info = this.infos.get(node.metadata.name as string)
    if (!info?.node) return this.addNode(node)
    if (zoneKey(oldNode) !== zoneKey(node)) {
      this.removeFromTree(oldNode)
      this.addToTree(node)
    }
    info.setNode(node)
  }

  /** A removed node's pods stay accounted until they are deleted (Go keeps a NodeInfo without a node). */
  removeNode(node: Node): void {
    const name = node.metadata.name as string
    const info = this.infos.get(name)
    if (!info?.node) return
    this.removeFromTree(info.node)
    info.node = undefined
    if (info.pods.size === 0) this.infos.delete(name)
  }

  /** A pod bound to a node (from the informer); confirms it if it was assumed. */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid as string
    const st = this.podStates.get(uid)
    if (st && st.node !== pod.spec.nodeName) this.removePod(pod)
    this.place(pod, false)
  }

  updatePod(pod: Pod): void {
    this.addPod(pod)
  }

  removePod(pod: Pod): boolean {
    const uid = pod.metadata.uid as string
    const st = this.podStates.get(uid)
    if (!st) return false
    this.podStates.delete(uid)
    const info = this.infos.get(st.node)
    info?.removePod(uid)
    if (info && !info.node && info.pods.size === 0) this.infos.delete(st.node)
    return true
  }

  /** `AssumePod`: count the pod on `nodeName` now, before the binding is confirmed. */
  assumePod(pod: Pod, nodeName: string): void {
    this.place({ ...pod, spec: { ...pod.spec, nodeName } }, true)
  }

  /** `ForgetPod`: the binding failed; give the room back. */
  forgetPod(pod: Pod): void {
    if (this.isAssumed(pod.metadata.uid as string)) this.removePod(pod)
  }

  isAssumed(uid: string): boolean {
    return this.podStates.get(uid)?.assumed ?? false
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.infos.get(name)
  }

  /** The snapshot's node list, in nodeTree order (what the scan rotates over). */
  nodeInfos(): NodeInfo[] {
    if (!this.list) {
      const names = roundRobin(this.zones.map((z) => this.tree.get(z)!))
      this.list = names.map((n) => this.infos.get(n)!)
    }
    return this.list
  }

  private place(pod: Pod, assumed: boolean): void {
    const uid = pod.metadata.uid as string
    const node = pod.spec.nodeName as string
    let info = this.infos.get(node)
    if (!info) this.infos.set(node, (info = new NodeInfo()))
    info.addPod(pod)
    this.podStates.set(uid, { node, assumed })
  }

  private addToTree(node: Node): void {
    const z = zoneKey(node)
    let names = this.tree.get(z)
    if (!names) {
      this.tree.set(z, (names = []))
      this.zones.push(z)
    }
    names.push(node.metadata.name as string)
    this.list = undefined
  }

  private removeFromTree(node: Node): void {
    const z = zoneKey(node)
    const names = this.tree.get(z)
    if (!names) return
    const i = names.indexOf(node.metadata.name as string)
    if (i >= 0) names.splice(i, 1)
    if (names.length === 0) {
      this.tree.delete(z)
      this.zones = this.zones.filter((x) => x !== z)
    }
    this.list = undefined
  }
}

/** `utilnode.GetZoneKey`: region + ":\x00:" + zone, or '' without either label. */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {}
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? ''
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? ''
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`
}

/** `nodeTree.list`: one node from each zone in turn until every zone is exhausted. */
function roundRobin(zones: string[][]): string[] {
  const out: string[] = []
  const longest = Math.max(0, ...zones.map((z) => z.length))
  for (let i = 0; i < longest; i++) for (const z of zones) if (i < z.length) out.push(z[i])
  return out
}
