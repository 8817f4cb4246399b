/**
 * What Canvas.tsx takes from the Services feature: the node types, the derived Service graph
 * (identity-preserving, so the React Flow graph is rebuilt only when a Service, an endpoint or
 * a load balancer changes), and the overlay on top (the packet, the mode comparison).
 */
import { useMemo, useRef } from 'react'
import { useStore } from '../store'
import { deriveServiceGraph, EMPTY_SERVICE_GRAPH, type ServiceGraph } from './model'
import { ServiceNode } from './nodes/ServiceNode'
import { ServiceGroupNode } from './nodes/ServiceGroupNode'
import { ExternalClientNode } from './nodes/ExternalClientNode'
import { LoadBalancerNode } from './nodes/LoadBalancerNode'
import { KernelChip, KubeProxyChip, ProxyWarning } from './nodes/KubeProxyNodes'
import { PacketLayer } from '../traffic/PacketLayer'
import { CompareOverlay } from '../traffic/CompareOverlay'

export const SERVICE_NODE_TYPES = {
  service: ServiceNode,
  serviceGroup: ServiceGroupNode,
  externalClient: ExternalClientNode,
  loadBalancer: LoadBalancerNode,
  nodeKernel: KernelChip,
  kubeProxy: KubeProxyChip,
  proxyWarning: ProxyWarning,
} as const

export function useServiceGraph(): ServiceGraph {
  const index = useStore((s) => s.svcIndex)
  const last = useRef<ServiceGraph>(EMPTY_SERVICE_GRAPH)
  return useMemo(() => (last.current = deriveServiceGraph(last.current, index)), [index])
}

/** Inside <ReactFlow>: the packet (flow coordinates) and the mode comparison (over the canvas). */
export function ServicesOverlay() {
  return (
    <>
      <PacketLayer />
      <CompareOverlay />
    </>
  )
}
