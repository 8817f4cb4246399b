/**
 * What the traffic panel and the Service inspector choose from — nodes, pods, and the Services
 * and EndpointSlices of namespaces small enough to list — gathered from the layout and the
 * Services index, never by scanning every object (the scale experiment adds 30,000 of them).
 */
import { useMemo } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { AGGREGATE_OVER } from '../services/model'

export interface ClusterLists {
  nodes: KObject[]
  pods: KObject[]
  services: KObject[]
  slices: KObject[]
  /** All of the above, for the pure helpers in targets.ts. */
  all: KObject[]
}

export function useClusterLists(): ClusterLists {
  const objects = useStore((s) => s.objects)
  const layout = useStore((s) => s.layout)
  const index = useStore((s) => s.svcIndex)
  return useMemo(() => {
    const nodes = layout.nodes.map((n) => objects[n.uid]).filter((o): o is KObject => !!o)
    const pods = Object.keys(layout.pods)
      .map((u) => objects[u])
      .filter((o): o is KObject => !!o)
    const services: KObject[] = []
    const slices: KObject[] = []
    for (const e of Object.values(index.byNs)) {
      const list = Object.values(e.services)
      if (list.length > AGGREGATE_OVER) continue
      services.push(...list)
      slices.push(...Object.values(e.slices))
    }
    return { nodes, pods, services, slices, all: [...nodes, ...pods, ...services, ...slices] }
  }, [objects, layout, index])
}
