/**
 * Where things go on the canvas, in flow coordinates. Three bands, top to bottom, the way
 * Kubernetes is usually drawn: the control plane; the controllers (ReplicaSets) with the
 * Unscheduled area; the worker nodes holding their pods. Sizes are fixed so that a pod changing
 * status never moves anything, and a group grows only in whole rows.
 */
import { PENDING, type Layout } from '../store/layout'

export const POD = { w: 122, h: 50, gap: 10 } as const
/** `header` leaves room under the node's name rows for its kernel / kube-proxy strip (src/ui/services/geometry.ts). */
export const NODE = { cols: 2, pad: 12, header: 88, minRows: 2, gap: 36 } as const
export const NODE_W = NODE.pad * 2 + NODE.cols * POD.w + (NODE.cols - 1) * POD.gap
export const CP = { w: 214, h: 92, gap: 14, y: 0 } as const
export const CP_IDS = ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager'] as const
export const WORKLOAD = { w: 224, h: 104, gap: 24, y: CP.h + 44 } as const
/** A Deployment's ReplicaSets, stacked under it and indented (the owner edges run in the indent). */
export const CHILD = { indent: 18, h: 58, gap: 8 } as const
/** Vertical gap between the workloads band and the nodes. */
const BAND_GAP = 44
export const PENDING_AREA = { cols: 2, header: 30, pad: 8, minRows: 1 } as const
export const PENDING_W = PENDING_AREA.pad * 2 + PENDING_AREA.cols * POD.w + (PENDING_AREA.cols - 1) * POD.gap

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

const rowsFor = (slots: number, cols: number, min: number) => Math.max(min, Math.ceil(slots / cols))

/** Position of slot `i` inside a group whose pods start at (pad, header). */
export function slotPosition(i: number, cols: number, pad: number, header: number): { x: number; y: number } {
  return { x: pad + (i % cols) * (POD.w + POD.gap), y: header + Math.floor(i / cols) * (POD.h + POD.gap) }
}

export interface Geometry {
  nodes: Record<string, Box>
  pending: Box
  workloads: Box[]
  /** Owner uid → boxes of its child workloads, by slot. */
  children: Record<string, Box[]>
  controlPlane: Record<(typeof CP_IDS)[number], Box>
  /** Rows of the tallest node (all nodes share it, so the row of nodes stays even). */
  nodeRows: number
}

/**
 * Boxes for everything but pods. Depends only on the layout's structure (how many nodes,
 * workloads and slots), never on object contents.
 */
export function computeGeometry(layout: Layout): Geometry {
  const maxSlots = Math.max(0, ...layout.nodes.map((n) => layout.groups[n.name]?.length ?? 0))
  const nodeRows = rowsFor(maxSlots, NODE.cols, NODE.minRows)
  const nodeH = NODE.header + nodeRows * (POD.h + POD.gap) - POD.gap + NODE.pad
  const nodesRight = Math.max(layout.nodes.length * (NODE_W + NODE.gap) - NODE.gap, CP_IDS.length * (CP.w + CP.gap) - CP.gap)
  const pendingSlots = layout.groups[PENDING]?.length ?? 0
  const pendingRows = rowsFor(pendingSlots, PENDING_AREA.cols, PENDING_AREA.minRows)
  const pendingH = PENDING_AREA.header + pendingRows * (POD.h + POD.gap) - POD.gap + PENDING_AREA.pad
  // The Unscheduled area is right-aligned with the nodes, above them: pods wait there, between
  // the controller that made them and the nodes the scheduler will put them on.
  const pending: Box = { x: nodesRight - PENDING_W, y: WORKLOAD.y, w: PENDING_W, h: pendingH }

  // Workloads fill the band left of the Unscheduled area, wrapping into more rows when needed.
  // A column is a workload and the children stacked under it; a row is as tall as its tallest column.
  const perRow = Math.max(1, Math.floor(pending.x / (WORKLOAD.w + WORKLOAD.gap)))
  const columnH = (uid: string | null) => WORKLOAD.h + (uid ? (layout.children?.[uid]?.length ?? 0) * (CHILD.h + CHILD.gap) : 0)
  const workloadRows = Math.max(1, Math.ceil(layout.workloads.length / perRow))
  const rowY: number[] = []
  let y = WORKLOAD.y
  for (let r = 0; r < workloadRows; r++) {
    rowY.push(y)
    y += Math.max(WORKLOAD.h, ...layout.workloads.slice(r * perRow, (r + 1) * perRow).map(columnH)) + WORKLOAD.gap
  }
  const workloadBottom = y - WORKLOAD.gap
  const workloads = layout.workloads.map((_, i) => ({ x: (i % perRow) * (WORKLOAD.w + WORKLOAD.gap), y: rowY[Math.floor(i / perRow)], w: WORKLOAD.w, h: WORKLOAD.h }))
  const children: Record<string, Box[]> = {}
  layout.workloads.forEach((uid, i) => {
    const list = uid ? layout.children?.[uid] : undefined
    if (!uid || !list) return
    const top = workloads[i]
    children[uid] = list.map((_, j) => ({
      x: top.x + CHILD.indent,
      y: top.y + WORKLOAD.h + CHILD.gap + j * (CHILD.h + CHILD.gap),
      w: WORKLOAD.w - CHILD.indent,
      h: CHILD.h,
    }))
  })

  // Nodes sit below whichever is taller: the workloads or the Unscheduled area.
  const nodesY = Math.max(workloadBottom, pending.y + pendingH) + BAND_GAP
  const nodes: Record<string, Box> = {}
  layout.nodes.forEach((n, i) => (nodes[n.name] = { x: i * (NODE_W + NODE.gap), y: nodesY, w: NODE_W, h: nodeH }))

  const cpWidth = CP_IDS.length * (CP.w + CP.gap) - CP.gap
  const cpX = Math.max(0, (nodesRight - cpWidth) / 2)
  const controlPlane = Object.fromEntries(CP_IDS.map((id, i) => [id, { x: cpX + i * (CP.w + CP.gap), y: CP.y, w: CP.w, h: CP.h }])) as Geometry['controlPlane']
  return { nodes, pending, workloads, children, controlPlane, nodeRows }
}
