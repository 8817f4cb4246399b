/**
 * React Flow nodes and edges, derived from the layout (never stored twice, CONVENTIONS "UI").
 *
 * Identity matters (TOOLCHAIN gotcha 2): React Flow adopts nodes in O(N) and re-measures any
 * node without `measured`, unmounting its edges. So every node carries width, height and
 * `measured`, and the builder hands back the *previous* object for anything whose position,
 * size, parent and data are unchanged. Node data holds only ids: components select the
 * object itself from the store, so a pod changing status re-renders that pod and nothing else.
 */
import type { Edge, Node } from '@xyflow/react'
import { PENDING, type Layout } from '../store/layout'
import { addServiceGraph, type ServicesRFNode } from '../services/graph'
import { EMPTY_SERVICE_GRAPH, type ServiceGraph } from '../services/model'
import { CP_IDS, NODE, PENDING_AREA, POD, computeGeometry, slotPosition, type Box } from './geometry'

export type ControlPlaneRFNode = Node<{ id: (typeof CP_IDS)[number] }, 'controlPlane'>
export type WorkerRFNode = Node<{ name: string; uid: string }, 'workerNode'>
export type PendingRFNode = Node<{ count: number }, 'pendingArea'>
export type PodRFNode = Node<{ uid: string }, 'pod'>
export type WorkloadRFNode = Node<{ uid: string }, 'workload'>
/** A workload stacked under its owner: a Deployment's ReplicaSet (one revision). */
export type RevisionRFNode = Node<{ uid: string; parent: string }, 'revision'>
export type AppNode = ControlPlaneRFNode | WorkerRFNode | PendingRFNode | PodRFNode | WorkloadRFNode | RevisionRFNode | ServicesRFNode

export const PENDING_ID = 'pending'
/** Workload cards above owner edges (zIndex 1). */
const WORKLOAD_Z = 2
export const nodeGroupId = (name: string) => `node:${name}`
export const podId = (uid: string) => `pod:${uid}`
export const workloadId = (uid: string) => `wl:${uid}`

/** The control plane talks through kube-apiserver only: etcd behind it, everyone else in front. */
const CONTROL_PLANE_EDGES: Edge[] = [
  { id: 'cp:apiserver-etcd', source: 'cp:kube-apiserver', target: 'cp:etcd', sourceHandle: 'left', targetHandle: 'right', className: 'edge-cp' },
  { id: 'cp:apiserver-scheduler', source: 'cp:kube-apiserver', target: 'cp:kube-scheduler', sourceHandle: 'right', targetHandle: 'left', className: 'edge-cp' },
  {
    id: 'cp:apiserver-cm',
    source: 'cp:kube-apiserver',
    target: 'cp:kube-controller-manager',
    sourceHandle: 'bottom',
    targetHandle: 'bottom',
    type: 'smoothstep',
    className: 'edge-cp',
  },
]

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
}

export interface Graph {
  nodes: AppNode[]
  edges: Edge[]
}

export class GraphBuilder {
  private nodes = new Map<string, AppNode>()
  private edges = new Map<string, Edge>()
  private last: { layout: Layout; services: ServiceGraph; graph: Graph } | null = null

  build(layout: Layout, services: ServiceGraph = EMPTY_SERVICE_GRAPH): Graph {
    if (this.last?.layout === layout && this.last.services === services) return this.last.graph
    const g = computeGeometry(layout)
    const nodes: AppNode[] = []
    const seen = new Set<string>()
    const put = <N extends AppNode>(id: string, type: N['type'], box: Box, data: N['data'], parentId?: string, zIndex?: number) => {
      seen.add(id)
      const prev = this.nodes.get(id)
      if (
        prev &&
        prev.type === type &&
        prev.position.x === box.x &&
        prev.position.y === box.y &&
        prev.width === box.w &&
        prev.height === box.h &&
        prev.parentId === parentId &&
        prev.zIndex === zIndex &&
        shallowEqual(prev.data, data)
      ) {
        nodes.push(prev)
        return
      }
      const n = {
        id,
        type,
        position: { x: box.x, y: box.y },
        data,
        width: box.w,
        height: box.h,
        measured: { width: box.w, height: box.h },
        draggable: false,
        connectable: false,
        selectable: false,
        ...(parentId ? { parentId } : {}),
        ...(zIndex !== undefined ? { zIndex } : {}),
      } as AppNode
      this.nodes.set(id, n)
      nodes.push(n)
    }

    for (const id of CP_IDS) put<ControlPlaneRFNode>(`cp:${id}`, 'controlPlane', g.controlPlane[id], { id })
    // Workload cards sit above the owner edges (zIndex 1): an edge from an upper card passes behind a lower one.
    layout.workloads.forEach((uid, i) => uid && put<WorkloadRFNode>(workloadId(uid), 'workload', g.workloads[i], { uid }, undefined, WORKLOAD_Z))
    const revisionEdges: Edge[] = []
    for (const [parent, list] of Object.entries(layout.children ?? {})) {
      const boxes = g.children[parent]
      if (!boxes) continue
      list.forEach((uid, j) => {
        if (!uid) return
        put<RevisionRFNode>(workloadId(uid), 'revision', boxes[j], { uid, parent }, undefined, WORKLOAD_Z)
        revisionEdges.push(this.treeEdge(`rev:${uid}`, workloadId(parent), workloadId(uid)))
      })
    }
    const pendingPods = layout.groups[PENDING] ?? []
    put<PendingRFNode>(PENDING_ID, 'pendingArea', g.pending, { count: pendingPods.filter(Boolean).length })
    for (const n of layout.nodes) put<WorkerRFNode>(nodeGroupId(n.name), 'workerNode', g.nodes[n.name], { name: n.name, uid: n.uid })

    const edges: Edge[] = [...CONTROL_PLANE_EDGES, ...revisionEdges]
    const workloadSet = new Set([...layout.workloads, ...Object.keys(layout.parents ?? {})])
    const addPods = (group: string, parent: string, cols: number, pad: number, header: number) => {
      ;(layout.groups[group] ?? []).forEach((uid, slot) => {
        if (!uid) return
        const p = slotPosition(slot, cols, pad, header)
        put<PodRFNode>(podId(uid), 'pod', { x: p.x, y: p.y, w: POD.w, h: POD.h }, { uid }, parent)
        const owner = layout.pods[uid]?.owner
        if (owner && workloadSet.has(owner)) edges.push(this.edge(`own:${uid}`, workloadId(owner), podId(uid)))
      })
    }
    addPods(PENDING, PENDING_ID, PENDING_AREA.cols, PENDING_AREA.pad, PENDING_AREA.header)
    for (const n of layout.nodes) addPods(n.name, nodeGroupId(n.name), NODE.cols, NODE.pad, NODE.header)
    // Services, the external client, load balancers, each node's kernel and kube-proxy (src/ui/services).
    const svcPut = (id: string, type: ServicesRFNode['type'], box: Box, data: ServicesRFNode['data'], parent?: string, z?: number) => put(id, type, box, data as never, parent, z)
    for (const e of addServiceGraph(services, layout, g, svcPut, nodeGroupId, podId)) edges.push(this.keepEdge(e))

    for (const id of this.nodes.keys()) if (!seen.has(id)) this.nodes.delete(id)
    const liveEdges = new Set(edges.map((e) => e.id))
    for (const id of this.edges.keys()) if (!liveEdges.has(id)) this.edges.delete(id)
    const graph = { nodes, edges }
    this.last = { layout, services, graph }
    return graph
  }

  /** Deployment → ReplicaSet: a bracket down the left of the column, like a tree. */
  private treeEdge(id: string, source: string, target: string): Edge {
    const prev = this.edges.get(id)
    if (prev && prev.source === source && prev.target === target) return prev
    const e: Edge = { id, source, target, sourceHandle: 'tree', targetHandle: 'tree', type: 'smoothstep', className: 'edge-revision', zIndex: WORKLOAD_Z, selectable: false, focusable: false, interactionWidth: 0 }
    this.edges.set(id, e)
    return e
  }

  /** The previous edge object if nothing about it changed (identity keeps React Flow from redrawing it). */
  private keepEdge(e: Edge): Edge {
    const prev = this.edges.get(e.id)
    if (prev && shallowEqual(prev, e)) return prev
    this.edges.set(e.id, e)
    return e
  }

  private edge(id: string, source: string, target: string): Edge {
    const prev = this.edges.get(id)
    if (prev && prev.source === source && prev.target === target) return prev
    // Above the node groups (zIndex 1), and inert: a click near a pod must select the pod, not the edge.
    const e: Edge = { id, source, target, sourceHandle: 'out', targetHandle: 'in', className: 'edge-owner', zIndex: 1, selectable: false, focusable: false, interactionWidth: 0 }
    this.edges.set(id, e)
    return e
  }
}
