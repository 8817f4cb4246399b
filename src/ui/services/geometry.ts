/**
 * Where the Services feature draws, around the base geometry (graph/geometry.ts): a band of
 * Services under the worker nodes (their endpoint edges run up into the pods); a column
 * "outside the cluster" right of the nodes with the external client and the cloud load
 * balancers; and inside each node, under its header, a strip with the node's kernel (the
 * rules) and its kube-proxy process. Sizes are fixed so that nothing moves when a Service
 * changes status; the band grows in whole rows.
 */
import { NODE, NODE_W, type Box, type Geometry } from '../graph/geometry'
import type { ServiceGraph } from './model'

export const SVC = { w: 236, h: 100, gap: 20 } as const
/** Room between the nodes and the Services band (the kube-proxy warnings sit in it). */
export const SVC_BAND_GAP = 66
export const OUTSIDE = { gap: 84, w: 214, extH: 80, lbH: 84, vgap: 18 } as const
/** The kernel / kube-proxy strip inside a node, under its two header rows (NODE.header leaves room for it). */
export const STRIP = { y: 58, h: 24, kernelW: 96, gap: 5 } as const
export const WARNING = { gap: 6, h: 46 } as const

export interface ServicesGeometry {
  /** By slot (holes included, so a Service keeps its box). */
  services: (Box | null)[]
  aggregates: Box[]
  external: Box
  loadBalancers: Box[]
  /** Relative to the node. */
  kernel: Box
  kubeProxy: Box
  /** Under each node, absolute. */
  warnings: Record<string, Box>
}

export function servicesGeometry(base: Geometry, graph: ServiceGraph): ServicesGeometry {
  const nodeBoxes = Object.values(base.nodes)
  const left = 0
  const right = nodeBoxes.length ? Math.max(...nodeBoxes.map((b) => b.x + b.w)) : base.pending.x + base.pending.w
  const top = nodeBoxes.length ? Math.min(...nodeBoxes.map((b) => b.y)) : base.pending.y
  const bottom = nodeBoxes.length ? Math.max(...nodeBoxes.map((b) => b.y + b.h)) : base.pending.y + base.pending.h

  const perRow = Math.max(1, Math.floor((right - left + SVC.gap) / (SVC.w + SVC.gap)))
  const at = (i: number): Box => ({
    x: left + (i % perRow) * (SVC.w + SVC.gap),
    y: bottom + SVC_BAND_GAP + Math.floor(i / perRow) * (SVC.h + SVC.gap),
    w: SVC.w,
    h: SVC.h,
  })
  const services = graph.slots.map((uid, i) => (uid ? at(i) : null))
  const aggregates = graph.aggregated.map((_, j) => at(graph.slots.length + j))

  const x = right + OUTSIDE.gap
  const external: Box = { x, y: top, w: OUTSIDE.w, h: OUTSIDE.extH }
  const loadBalancers = graph.loadBalancers.map((_, i) => ({ x, y: top + OUTSIDE.extH + OUTSIDE.vgap + i * (OUTSIDE.lbH + OUTSIDE.vgap), w: OUTSIDE.w, h: OUTSIDE.lbH }))

  const inner = NODE_W - 2 * NODE.pad
  const kernel: Box = { x: NODE.pad, y: STRIP.y, w: STRIP.kernelW, h: STRIP.h }
  const kubeProxy: Box = { x: NODE.pad + STRIP.kernelW + STRIP.gap, y: STRIP.y, w: inner - STRIP.kernelW - STRIP.gap, h: STRIP.h }
  const warnings: Record<string, Box> = {}
  for (const [name, b] of Object.entries(base.nodes)) warnings[name] = { x: b.x, y: b.y + b.h + WARNING.gap, w: b.w, h: WARNING.h }
  return { services, aggregates, external, loadBalancers, kernel, kubeProxy, warnings }
}
