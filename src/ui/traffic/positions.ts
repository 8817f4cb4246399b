/**
 * Where on the canvas each hop of a trace happens, as anchors on React Flow nodes (resolved to
 * flow coordinates by PacketLayer): a pod's box, a node's kernel strip (netfilter hooks spread
 * along it in hook order: PREROUTING/OUTPUT left, INPUT/FORWARD middle, POSTROUTING right), the
 * node's kube-proxy chip (the userspace proxy process), the external client, a load balancer,
 * and half-way between two hosts for the wire.
 *
 * Pure: the graph's ids come in through `AnchorLookup`, so this is tested without React Flow.
 */
import type { Hop } from '../../protocol'
import { EXTERNAL_ID, kernelId, kubeProxyId, lbId } from '../services/graph'

/** A point on a node: fractions of its width and height from its top-left corner. */
export interface Anchor {
  id: string
  fx: number
  fy: number
}

export type HopAnchor = { at: Anchor } | { between: [Anchor, Anchor] }

export interface AnchorLookup {
  /** The RF node id of a pod (`namespace/name`), if drawn. */
  pod(key: string): string | undefined
  /** Is there a drawn node group with this name? */
  hasNode(name: string): boolean
  /** The Service uid whose load balancer has this IP. */
  lbOfIP(ip: string): string | undefined
}

const HOOK_X: Record<string, number> = { PREROUTING: 0.14, OUTPUT: 0.22, INPUT: 0.5, FORWARD: 0.5, POSTROUTING: 0.86 }
const center = (id: string): Anchor => ({ id, fx: 0.5, fy: 0.5 })
/** Hosts outside the cluster are met at their left edge (facing the nodes), not over their text. */
const edge = (id: string): Anchor => ({ id, fx: 0, fy: 0.5 })

export function hopAnchors(hops: readonly Hop[], look: AnchorLookup): (HopAnchor | undefined)[] {
  let lb: string | undefined
  let last: HopAnchor | undefined
  const host = (name: string | undefined): Anchor | undefined => {
    if (!name) return undefined
    if (name === 'external') return edge(EXTERNAL_ID)
    if (name === 'load balancer' || name === 'loadbalancer') return lb ? edge(lbId(lb)) : undefined
    return look.hasNode(name) ? center(kernelId(name)) : undefined
  }
  return hops.map((h) => {
    const w = h.where
    let a: HopAnchor | undefined
    switch (h.kind) {
      case 'wire': {
        const from = host(w.from)
        const to = host(w.to)
        a = from && to ? { between: [from, to] } : undefined
        break
      }
      case 'loadbalancer': {
        const ip = h.change?.from.dst.ip ?? h.change?.to.src.ip ?? h.packet.dst.ip
        lb = look.lbOfIP(ip) ?? look.lbOfIP(h.packet.src.ip) ?? lb
        a = lb ? { at: edge(lbId(lb)) } : undefined
        break
      }
      case 'kube-proxy':
        a = w.node && look.hasNode(w.node) ? { at: center(kubeProxyId(w.node)) } : undefined
        break
      default:
        if (w.kind === 'pod' && w.pod) {
          const id = look.pod(w.pod)
          a = id ? { at: center(id) } : w.node && look.hasNode(w.node) ? { at: center(kernelId(w.node)) } : undefined
        } else if (w.kind === 'external') a = { at: edge(EXTERNAL_ID) }
        else if (w.kind === 'node' && w.node && look.hasNode(w.node)) {
          const fx = h.kind === 'netfilter' ? (HOOK_X[w.hook ?? ''] ?? 0.5) : h.kind === 'route' ? 0.7 : h.kind === 'socket' ? 0.06 : 0.5
          a = { at: { id: kernelId(w.node), fx, fy: 0.5 } }
        }
    }
    // Somewhere we do not draw (a pod in a collapsed namespace): stay where the packet was.
    a ??= last
    last = a
    return a
  })
}

/** How long the packet dwells on a hop while playing (wall ms): longer where something changes. */
export function dwellMs(h: Hop): number {
  if (h.change) return 1500
  if (h.kind === 'kube-proxy' || h.kind === 'ipvs') return 1300
  if (h.kind === 'wire' || h.kind === 'loadbalancer') return 1000
  if (h.kind === 'netfilter' && (h.rules?.length ?? 0) > 0) return 900
  return 650
}
