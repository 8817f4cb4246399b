import type { KObject } from './api/types'
import { cleanManifest } from './export-clean'
import { goYaml } from './kubectl/printers/goyaml'

export { cleanManifest, type CleanResult } from './export-clean'

/**
 * Export a cluster (or chosen objects) as one multi-document YAML that `kubectl apply -f`
 * accepts on a real cluster: the objects a person made, without status or server-set fields
 * (see `cleanManifest`), in an order that applies cleanly (Namespaces first).
 *
 * Left out, because applying them elsewhere would be wrong or redundant:
 * - objects a controller owns (`ownerReferences[].controller`): a Deployment's ReplicaSets, a
 *   ReplicaSet's or ReplicationController's Pods, controller-made EndpointSlices — their owner
 *   recreates them;
 * - what the cluster made for itself: Nodes, Events, Leases, the system Namespaces and
 *   everything in them (kube-dns lives in kube-system), the `default/kubernetes` Service and
 *   its Endpoints;
 * - Endpoints of Services with a selector (the endpoints controller writes them).
 *
 * Objects named in `uids` are exported even if a controller owns them (the person asked);
 * a note says the owner would normally create them.
 *
 * Pure: the same objects give the same text.
 *
 * @example
 *   const { yaml, objects } = exportManifests(etcd.list('/registry/'), { now: clock.timestamp() })
 *   // yaml: '# Exported from Kube Playground …\n---\napiVersion: v1\nkind: Service\n…'
 */
export interface ExportOptions {
  /** Only these objects (by uid). Default: every object a person made. */
  uids?: readonly string[]
  /** RFC 3339 virtual time for the header. */
  now?: string
}

export interface ExportResult {
  yaml: string
  /** The cleaned manifests, in output order. */
  objects: KObject[]
  /** What was left out and why, for the UI. */
  skipped: { kind: string; namespace?: string; name: string; reason: SkipReason }[]
}

export type SkipReason = 'owned' | 'system' | 'generated'

/** Kinds the cluster writes for itself. */
const GENERATED_KINDS = new Set(['Node', 'Event', 'Lease', 'Binding', 'ComponentStatus'])
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease'])
const SYSTEM_OBJECT_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease'])

/** Apply order: what others live in or refer to comes first (as `kubectl apply -f dir/` users order files). */
const KIND_ORDER = ['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod', 'Endpoints', 'EndpointSlice']

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind)
  return i < 0 ? KIND_ORDER.length : i
}

/** Why an object is left out of a whole-cluster export, or undefined to keep it. */
export function skipReason(o: KObject, all: readonly KObject[]): SkipReason | undefined {
  const ns = o.metadata.namespace
  if (GENERATED_KINDS.has(o.kind)) return 'generated'
  if (o.kind === 'Namespace' && SYSTEM_NAMESPACES.has(o.metadata.name ?? '')) return 'system'
  if (ns && SYSTEM_OBJECT_NAMESPACES.has(ns)) return 'system'
  if (ns === 'default' && o.metadata.name === 'kubernetes' && (o.kind === 'Service' || o.kind === 'Endpoints' || o.kind === 'EndpointSlice')) return 'system'
  if ((o.metadata.ownerReferences ?? []).some((r) => r.controller)) return 'owned'
  if (o.kind === 'EndpointSlice' && o.metadata.labels?.['endpointslice.kubernetes.io/managed-by']) return 'owned'
  if (o.kind === 'Endpoints') {
    const svc = all.find((s) => s.kind === 'Service' && s.metadata.namespace === ns && s.metadata.name === o.metadata.name)
    if (svc?.spec?.selector && Object.keys(svc.spec.selector).length > 0) return 'owned'
  }
  return undefined
}

export function exportManifests(all: readonly KObject[], opts: ExportOptions = {}): ExportResult {
  const wanted = opts.uids ? new Set(opts.uids) : undefined
  const skipped: ExportResult['skipped'] = []
  const chosen: { obj: KObject; notes: string[] }[] = []
  for (const o of all) {
    if (wanted && !wanted.has(o.metadata.uid ?? '')) continue
    const why = skipReason(o, all)
    if (why && !(wanted && why === 'owned')) {
      skipped.push({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? '', reason: why })
      continue
    }
    const { object, notes } = cleanManifest(o)
    const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller)
    if (owner) notes.unshift(`Normally created by ${owner.kind} ${owner.name}; applied alone it has no owner.`)
    chosen.push({ obj: object, notes })
  }
  chosen.sort((a, b) => rank(a.obj.kind) - rank(b.obj.kind) || cmp(a.obj.metadata.namespace ?? '', b.obj.metadata.namespace ?? '') || cmp(a.obj.metadata.name ?? '', b.obj.metadata.name ?? ''))

  const header = [
    `# Exported from Kube Playground${opts.now ? ` at ${opts.now} (virtual time)` : ''}: ${chosen.length} ${chosen.length === 1 ? 'object' : 'objects'}.`,
    '# Apply to any cluster with: kubectl apply -f <this file>',
    '# Left out: status, fields the cluster sets (uid, resourceVersion, clusterIP, …), objects a',
    '# controller creates (a Deployment’s ReplicaSets, their Pods) and system objects.',
  ]
  const docs = chosen.map(({ obj, notes }) => notes.map((n) => `# ${obj.kind} ${obj.metadata.name}: ${n}\n`).join('') + goYaml(obj))
  const yaml = header.join('\n') + '\n' + docs.map((d) => `---\n${d}`).join('')
  return { yaml, objects: chosen.map((c) => c.obj), skipped }
}

/**
 * `kubectl edit` for the playground's editor: the objects as manifests (no status, no
 * server-set fields, see `cleanManifest`), one YAML document each, under a header that says
 * how saving works here (Apply runs `kubectl apply -f -`; kubectl's own header talks about
 * closing the editor).
 *
 * @example
 *   editManifests([deployment])  // '# Edit the object below, then Apply …\napiVersion: apps/v1\nkind: Deployment\n…'
 */
export function editManifests(objects: readonly KObject[]): string {
  const header = [
    '# Edit the object below, then Apply (kubectl apply -f -).',
    '# Status and the fields the cluster sets (uid, resourceVersion, …) are left out:',
    '# apply never removes what it did not set, so they stay as they are.',
  ].join('\n')
  // The export notes (allocated nodePorts, the scheduler's nodeName) are about another cluster; editing stays here.
  const docs = objects.map((o) => goYaml(cleanManifest(o).object))
  return `${header}\n${docs.join('---\n')}`
}

/** Go's string order (byte-wise), like the rest of kubectl's sorting. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
