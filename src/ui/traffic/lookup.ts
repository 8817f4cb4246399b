/**
 * The canvas' ids for what a trace names — pods by `namespace/name`, nodes, load balancers by
 * IP — read from the store once per trace (not per frame), for `hopAnchors`.
 */
import type { KObject } from '../../engine/index'
import type { Layout } from '../store/layout'
import type { ServicesIndex } from '../services/services-index'
import { podId } from '../graph/derive'
import type { AnchorLookup } from './positions'

export function anchorLookup(objects: Readonly<Record<string, KObject>>, layout: Layout, index: ServicesIndex): AnchorLookup {
  const pods = new Map<string, string>()
  const lbs = new Map<string, string>()
  for (const uid of Object.keys(layout.pods)) {
    const o = objects[uid]
    if (o) pods.set(`${o.metadata.namespace}/${o.metadata.name}`, podId(uid))
  }
  for (const e of Object.values(index.byNs))
    for (const [uid, o] of Object.entries(e.services))
      if (o.spec?.type === 'LoadBalancer') for (const i of (o.status?.loadBalancer?.ingress ?? []) as { ip?: string }[]) if (i.ip) lbs.set(i.ip, uid)
  const nodes = new Set(layout.nodes.map((n) => n.name))
  return { pod: (k) => pods.get(k), hasNode: (n) => nodes.has(n), lbOfIP: (ip) => lbs.get(ip) }
}
