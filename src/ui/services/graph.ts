/**
 * The Services part of the React Flow graph, added by GraphBuilder (graph/derive.ts): Service
 * boxes with edges to their endpoint pods (solid = ready, dashed = not ready, faded =
 * terminating), namespaces-as-one-box, the external client and the cloud load balancers
 * outside the cluster, and in every node its kernel and kube-proxy (with a warning under the
 * node when kube-proxy is stopped). Node data holds ids only; components read the objects.
 */
import type { Edge, Node } from '@xyflow/react'
import type { Box, Geometry } from '../graph/geometry'
import type { Layout } from '../store/layout'
import { servicesGeometry } from './geometry'
import type { EndpointState, ServiceGraph } from './model'

/** `ready`/`total`: its endpoints that are pods (for the count on the box). */
export type ServiceRFNode = Node<{ uid: string; ready: number; total: number }, 'service'>
export type ServiceGroupRFNode = Node<{ namespace: string; count: number }, 'serviceGroup'>
export type ExternalRFNode = Node<{ external: true }, 'externalClient'>
export type LoadBalancerRFNode = Node<{ uid: string }, 'loadBalancer'>
/** `uid` is the Node's, so a click selects the node (its inspector has the kube-proxy section). */
export type KernelRFNode = Node<{ node: string; uid: string }, 'nodeKernel'>
export type KubeProxyRFNode = Node<{ node: string; uid: string }, 'kubeProxy'>
export type ProxyWarningRFNode = Node<{ node: string }, 'proxyWarning'>
export type ServicesRFNode = ServiceRFNode | ServiceGroupRFNode | ExternalRFNode | LoadBalancerRFNode | KernelRFNode | KubeProxyRFNode | ProxyWarningRFNode

export const serviceId = (uid: string) => `svc:${uid}`
export const lbId = (uid: string) => `lb:${uid}`
export const EXTERNAL_ID = 'ext:client'
export const kernelId = (node: string) => `kernel:${node}`
export const kubeProxyId = (node: string) => `kproxy:${node}`

/** The builder's `put` (keeps identity of unchanged nodes). */
export type Put = (id: string, type: ServicesRFNode['type'], box: Box, data: ServicesRFNode['data'], parentId?: string, zIndex?: number) => void

const EDGE_CLASS: Record<EndpointState, string> = { ready: 'edge-endpoint ep-ready', notReady: 'edge-endpoint ep-not-ready', terminating: 'edge-endpoint ep-terminating' }

/** Add the Services nodes (via `put`) and return their edges. Call after the worker nodes and pods. */
export function addServiceGraph(graph: ServiceGraph, layout: Layout, base: Geometry, put: Put, nodeGroupId: (name: string) => string, podId: (uid: string) => string): Edge[] {
  const g = servicesGeometry(base, graph)
  const edges: Edge[] = []
  for (const n of layout.nodes) {
    const parent = nodeGroupId(n.name)
    put(kernelId(n.name), 'nodeKernel', g.kernel, { node: n.name, uid: n.uid }, parent)
    put(kubeProxyId(n.name), 'kubeProxy', g.kubeProxy, { node: n.name, uid: n.uid }, parent)
    const w = g.warnings[n.name]
    if (w) put(`kpwarn:${n.name}`, 'proxyWarning', w, { node: n.name })
  }
  put(EXTERNAL_ID, 'externalClient', g.external, { external: true })

  graph.slots.forEach((uid, i) => {
    const box = g.services[i]
    if (!uid || !box) return
    const eps = graph.endpoints[uid] ?? []
    put(serviceId(uid), 'service', box, { uid, ready: eps.filter((e) => e.state === 'ready').length, total: eps.length })
    for (const ep of eps) {
      if (!layout.pods[ep.podUid]) continue
      edges.push({
        id: `ep:${uid}:${ep.podUid}`, source: serviceId(uid), target: podId(ep.podUid), sourceHandle: 'out', targetHandle: 'svc',
        className: EDGE_CLASS[ep.state], zIndex: 1, selectable: false, focusable: false, interactionWidth: 0,
      })
    }
  })
  graph.aggregated.forEach((a, j) => put(`svcgroup:${a.namespace}`, 'serviceGroup', g.aggregates[j], { namespace: a.namespace, count: a.count }))
  graph.loadBalancers.forEach((lb, i) => {
    put(lbId(lb.svcUid), 'loadBalancer', g.loadBalancers[i], { uid: lb.svcUid })
    edges.push({
      id: `lbsvc:${lb.svcUid}`, source: lbId(lb.svcUid), target: serviceId(lb.svcUid), sourceHandle: 'left', targetHandle: 'right',
      type: 'smoothstep', className: 'edge-lb', zIndex: 1, selectable: false, focusable: false, interactionWidth: 0,
    })
  })
  return edges
}
