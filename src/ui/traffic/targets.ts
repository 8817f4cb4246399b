/**
 * The choices of the traffic panel, read off the mirror: where a request can start (the
 * external client, a node's shell, a running pod) and where it can go (each Service by its DNS
 * name, ClusterIP, NodePort on each node, load-balancer IP — and pods by IP, no Service). Only
 * the addresses that make sense from the chosen source are offered: a cluster DNS name
 * resolves only inside a pod, and a ClusterIP is not routable from outside the cluster.
 */
import type { KObject } from '../../engine/index'
import type { TraceSource } from '../../protocol'
import { AGGREGATE_OVER } from '../services/model'

export interface TargetOption {
  url: string
  /** What kind of address it is (a message key suffix: dns, clusterIP, nodePort, lb, podIP). */
  kind: 'dns' | 'clusterIP' | 'nodePort' | 'lb' | 'podIP'
  /** The node, for NodePort targets. */
  node?: string
}

export interface TargetGroup {
  /** `namespace/name` of the Service, or '' for the pod IPs. */
  service: string
  options: TargetOption[]
}

const MAX_PODS = 24

const hostPort = (host: string, port: number) => `http://${host}${port === 80 ? '' : `:${port}`}/`

export function sourceKey(s: TraceSource): string {
  return s.from === 'pod' ? `pod:${s.namespace}/${s.pod}` : s.from === 'node' ? `node:${s.node}` : 'external'
}

export function parseSourceKey(k: string): TraceSource {
  if (k.startsWith('pod:')) {
    const [namespace, pod] = k.slice(4).split('/')
    return { from: 'pod', namespace, pod }
  }
  if (k.startsWith('node:')) return { from: 'node', node: k.slice(5) }
  return { from: 'external' }
}

/** Nodes by name with their InternalIP. */
export function nodeIPs(objects: readonly KObject[]): { name: string; ip: string }[] {
  return objects
    .filter((o) => o.kind === 'Node')
    .map((n) => ({ name: n.metadata.name as string, ip: (n.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address as string }))
    .filter((n) => n.ip)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
}

/** Running pods a request can start from (not the scale experiment's backends). */
export function sourcePods(objects: readonly KObject[]): KObject[] {
  return objects
    .filter((o) => o.kind === 'Pod' && o.status?.phase === 'Running' && o.status?.podIP && !o.metadata.deletionTimestamp && o.metadata.namespace !== 'scale-test')
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
    .slice(0, MAX_PODS)
}

export function targetGroups(objects: readonly KObject[], source: TraceSource): TargetGroup[] {
  const nodes = nodeIPs(objects)
  const services = objects.filter((o) => o.kind === 'Service')
  const perNs = new Map<string, number>()
  for (const s of services) perNs.set(s.metadata.namespace ?? 'default', (perNs.get(s.metadata.namespace ?? 'default') ?? 0) + 1)
  const inside = source.from === 'pod'
  const onNode = source.from === 'node'
  const groups: TargetGroup[] = []
  const sorted = services
    .filter((s) => (perNs.get(s.metadata.namespace ?? 'default') ?? 0) <= AGGREGATE_OVER && s.spec?.type !== 'ExternalName')
    // User Services first: kubernetes and kube-dns answer on 443 and 53, not plain HTTP.
    .sort((a, b) => Number(isSystem(a)) - Number(isSystem(b)) || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
  for (const s of sorted) {
    const ns = s.metadata.namespace ?? 'default'
    const name = s.metadata.name as string
    const ports = ((s.spec?.ports ?? []) as { port: number; nodePort?: number; protocol?: string }[]).filter((p) => (p.protocol ?? 'TCP') === 'TCP')
    if (!ports.length) continue
    const p = ports[0]
    const options: TargetOption[] = []
    if (inside) options.push({ kind: 'dns', url: hostPort(ns === 'default' ? name : `${name}.${ns}`, p.port) })
    const cip = s.spec?.clusterIP
    if ((inside || onNode) && cip && cip !== 'None') options.push({ kind: 'clusterIP', url: hostPort(cip, p.port) })
    if (p.nodePort) for (const n of nodes) options.push({ kind: 'nodePort', node: n.name, url: hostPort(n.ip, p.nodePort) })
    for (const ing of (s.status?.loadBalancer?.ingress ?? []) as { ip?: string }[]) if (ing.ip) options.push({ kind: 'lb', url: hostPort(ing.ip, p.port) })
    if (options.length) groups.push({ service: `${ns}/${name}`, options })
  }
  if (inside || onNode) {
    const pods: TargetOption[] = []
    for (const pod of sourcePods(objects)) {
      const port = ((pod.spec?.containers ?? []) as { ports?: { containerPort: number }[] }[]).flatMap((c) => c.ports ?? [])[0]?.containerPort
      if (port) pods.push({ kind: 'podIP', url: hostPort(pod.status.podIP, port) })
    }
    if (pods.length) groups.push({ service: '', options: pods })
  }
  return groups
}

function isSystem(s: KObject): boolean {
  return s.metadata.namespace === 'kube-system' || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')
}

/** The first target that teaches the most: a NodePort or LB from outside, a DNS name from a pod. */
export function defaultTarget(groups: readonly TargetGroup[]): string {
  return groups[0]?.options[0]?.url ?? ''
}

/** The Service a target URL belongs to (`namespace/name`), if it is one of the offered ones. */
export function serviceOfUrl(groups: readonly TargetGroup[], url: string): string | undefined {
  return groups.find((g) => g.service && g.options.some((o) => o.url === url))?.service
}

/** `namespace/name` of the pods behind a Service, from its EndpointSlices. */
export function endpointPods(objects: readonly KObject[], service: string): string[] {
  const [ns, name] = service.split('/')
  const out = new Set<string>()
  for (const o of objects) {
    if (o.kind !== 'EndpointSlice' || o.metadata.namespace !== ns || o.metadata.labels?.['kubernetes.io/service-name'] !== name) continue
    for (const e of o.endpoints ?? []) if (e?.targetRef?.kind === 'Pod' && e.targetRef.name) out.add(`${ns}/${e.targetRef.name}`)
  }
  return [...out].sort()
}
