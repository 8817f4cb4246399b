/**
 * What the canvas draws for Services, read off the mirror: each Service's slot (stable — a
 * Service keeps its place while others come and go), its endpoints from its EndpointSlices
 * (ready / not ready / terminating, as the EndpointSlice controller wrote them) with the pod
 * each one points at, and the load balancers of LoadBalancer Services. A namespace with many
 * Services (the scale experiment's 10,000) is drawn as one box with a count.
 *
 * Pure and identity-preserving: `deriveServiceGraph(prev, index)` returns `prev` itself when
 * nothing it draws changed, so the React Flow graph is not rebuilt for a pod's status update.
 */
import type { KObject } from '../../engine/index'
import type { ServicesIndex } from './services-index'

/** A namespace with more Services than this is drawn as one box. */
export const AGGREGATE_OVER = 12

export type EndpointState = 'ready' | 'notReady' | 'terminating'

export interface EndpointEdge {
  podUid: string
  state: EndpointState
}

export interface LoadBalancerView {
  svcUid: string
  ips: readonly string[]
}

export interface ServiceGraph {
  /** slot → Service uid (null = free). */
  slots: readonly (string | null)[]
  /** Namespaces drawn as one box: how many Services each has. */
  aggregated: readonly { namespace: string; count: number }[]
  /** Service uid → its endpoints that are pods (by `targetRef.uid`). */
  endpoints: Readonly<Record<string, readonly EndpointEdge[]>>
  loadBalancers: readonly LoadBalancerView[]
}

export const EMPTY_SERVICE_GRAPH: ServiceGraph = { slots: [], aggregated: [], endpoints: {}, loadBalancers: [] }

const key = (o: KObject) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`

/** A slice endpoint's state, as kube-proxy reads it: nil `ready` is ready; terminating wins. */
export function endpointState(conditions: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null } | undefined): EndpointState {
  if (conditions?.terminating) return 'terminating'
  return conditions?.ready === false ? 'notReady' : 'ready'
}

function sameEdges(a: readonly EndpointEdge[] | undefined, b: readonly EndpointEdge[]): boolean {
  return !!a && a.length === b.length && a.every((e, i) => e.podUid === b[i].podUid && e.state === b[i].state)
}

/**
 * The graph from the Services index (services-index.ts): only the namespaces small enough to
 * draw are looked at, so a namespace of 10,000 Services costs one count, not a scan.
 */
export function deriveServiceGraph(prev: ServiceGraph, index: ServicesIndex): ServiceGraph {
  const big = new Set<string>()
  const counts = new Map<string, number>()
  const shown: KObject[] = []
  const slices: KObject[] = []
  for (const [ns, e] of Object.entries(index.byNs)) {
    const list = Object.values(e.services)
    counts.set(ns, list.length)
    if (list.length > AGGREGATE_OVER) {
      big.add(ns)
      continue
    }
    shown.push(...list)
    slices.push(...Object.values(e.slices))
  }
  const shownUids = new Set(shown.map((s) => s.metadata.uid as string))

  // Slots: keep everyone's place, free the departed, fill holes first (like the pod slots).
  const slots = prev.slots.map((u) => (u && shownUids.has(u) ? u : null))
  const placed = new Set(slots.filter(Boolean))
  const newcomers = shown.filter((s) => !placed.has(s.metadata.uid as string)).sort((a, b) => key(a).localeCompare(key(b)))
  for (const s of newcomers) {
    const hole = slots.indexOf(null)
    if (hole >= 0) slots[hole] = s.metadata.uid as string
    else slots.push(s.metadata.uid as string)
  }
  while (slots.length && slots[slots.length - 1] === null) slots.pop()

  // Endpoints: the slices labelled kubernetes.io/service-name, endpoints that point at pods.
  const uidByKey = new Map(shown.map((s) => [key(s), s.metadata.uid as string]))
  const found: Record<string, EndpointEdge[]> = {}
  const sortedSlices = slices.sort((a, b) => key(a).localeCompare(key(b)))
  for (const sl of sortedSlices) {
    const svc = sl.metadata.labels?.['kubernetes.io/service-name']
    const svcUid = svc ? uidByKey.get(`${sl.metadata.namespace ?? 'default'}/${svc}`) : undefined
    if (!svcUid) continue
    const list = (found[svcUid] ??= [])
    for (const e of sl.endpoints ?? []) {
      const ref = e?.targetRef
      if (ref?.kind !== 'Pod' || !ref.uid || list.some((x) => x.podUid === ref.uid)) continue
      list.push({ podUid: ref.uid, state: endpointState(e.conditions) })
    }
  }
  const endpoints: Record<string, readonly EndpointEdge[]> = {}
  let endpointsSame = Object.keys(prev.endpoints).length === Object.keys(found).length
  for (const [uid, list] of Object.entries(found)) {
    const old = prev.endpoints[uid]
    if (sameEdges(old, list)) endpoints[uid] = old
    else {
      endpoints[uid] = list
      endpointsSame = false
    }
  }

  const loadBalancers: LoadBalancerView[] = []
  const byUid = new Map(shown.map((o) => [o.metadata.uid as string, o]))
  for (const uid of slots) {
    const s = uid ? byUid.get(uid) : undefined
    if (s?.spec?.type !== 'LoadBalancer') continue
    const ips = ((s.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean)
    loadBalancers.push({ svcUid: uid as string, ips })
  }
  const aggregated = [...big].sort().map((namespace) => ({ namespace, count: counts.get(namespace) ?? 0 }))

  const same =
    endpointsSame &&
    slots.length === prev.slots.length &&
    slots.every((u, i) => u === prev.slots[i]) &&
    aggregated.length === prev.aggregated.length &&
    aggregated.every((a, i) => a.namespace === prev.aggregated[i].namespace && a.count === prev.aggregated[i].count) &&
    loadBalancers.length === prev.loadBalancers.length &&
    loadBalancers.every((l, i) => l.svcUid === prev.loadBalancers[i].svcUid && l.ips.join() === prev.loadBalancers[i].ips.join())
  return same ? prev : { slots, aggregated, endpoints, loadBalancers }
}

/** `80:31234/TCP` — kubectl's PORT(S) column for one port. */
export function portText(p: { port: number; nodePort?: number; protocol?: string }): string {
  return `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`
}

/** `app=web,tier=front` — kubectl's SELECTOR column. */
export function selectorText(sel: Record<string, string> | undefined): string {
  return Object.entries(sel ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}
