/**
 * Which boxes on the canvas a record lights up, and the one-line caption it leaves there.
 * Components never talk to each other directly, only through the API server (DESIGN): so an
 * API request lights the caller and kube-apiserver, and a successful write also lights etcd.
 */
import type { EngineRecord } from '../../engine/index'

export const CONTROL_PLANE = ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager'] as const
export type ControlPlaneId = (typeof CONTROL_PLANE)[number]

const WRITES = new Set(['create', 'update', 'patch', 'delete', 'bind'])

/**
 * The box an actor belongs to: controllers (`replicaset-controller`, `garbage-collector`, …)
 * all run inside kube-controller-manager; kubelets are per node (`kubelet/node-1`).
 */
export function componentOf(actor: string): string {
  if (actor.startsWith('kubelet/') || actor === 'kube-scheduler' || actor === 'kube-apiserver' || actor === 'kubectl') return actor
  if (/controller|garbage|collector|^node-lifecycle|^namespace/.test(actor)) return 'kube-controller-manager'
  return actor
}

/** The boxes a record makes act. */
export function actorsOf(r: EngineRecord): string[] {
  switch (r.type) {
    case 'api': {
      const out = [componentOf(r.actor), 'kube-apiserver']
      if (WRITES.has(r.verb) && r.code < 300) out.push('etcd')
      return out
    }
    case 'watch':
      return ['kube-apiserver', componentOf(r.watcher)]
    case 'controller':
      // Controller records come from controllers and from kubelets (`kubelet/node-1`) alike.
      return [componentOf(r.controller)]
    case 'schedule':
      return ['kube-scheduler']
  }
}

function objectRef(ns: string | undefined, name: string | undefined): string {
  if (!name) return ''
  return ns ? ` ${ns}/${name}` : ` ${name}`
}

/**
 * A short caption: `PATCH pods/status default/web-x`, `default/web-x → node-2`, `0/3 nodes are
 * available…`. `withActor: false` leaves out a controller's name (when a column shows it).
 */
export function describeRecord(r: EngineRecord, withActor = true): string {
  switch (r.type) {
    case 'api': {
      const res = r.subresource ? `${r.resource}/${r.subresource}` : r.resource
      const failed = r.code >= 300 ? ` → ${r.code}` : ''
      return `${r.verb.toUpperCase()} ${res}${objectRef(r.namespace, r.name)}${failed}`
    }
    case 'watch':
      return `watch ${r.event} ${r.resource}${objectRef(r.namespace, r.name)}`
    case 'controller':
      return `${withActor ? `${r.controller}: ` : ''}${r.action} ${r.key}${r.detail ? ` (${r.detail})` : ''}`
    case 'schedule':
      return r.selected ? `${r.namespace}/${r.pod} → ${r.selected}` : `${r.namespace}/${r.pod}: ${r.message ?? 'unschedulable'}`
  }
}

/**
 * What one batch of records does to each box: how many times it acted, and the caption of its
 * most telling act (a write or a decision beats a watch notification it merely received).
 */
/**
 * Heartbeats (node status, leases) are real traffic and still pulse their boxes, but they would
 * overwrite every caption every few seconds and hide the writes worth reading.
 */
function isHeartbeat(r: EngineRecord): boolean {
  return r.type === 'api' && ((r.resource === 'nodes' && r.subresource === 'status') || r.resource === 'leases')
}

export function summarizeActivity(records: readonly EngineRecord[]): Map<string, { n: number; text?: string }> {
  const out = new Map<string, { n: number; text?: string }>()
  for (const r of records) {
    const telling = r.type !== 'watch' && !isHeartbeat(r) && !(r.type === 'api' && (r.verb === 'get' || r.verb === 'list' || r.verb === 'watch'))
    for (const who of actorsOf(r)) {
      const cur = out.get(who) ?? { n: 0 }
      cur.n++
      // The caption goes to the box that *did* it (the caller, not the API server it went through), except for etcd.
      const doer = r.type === 'api' ? componentOf(r.actor) : r.type === 'watch' ? 'kube-apiserver' : who
      if (telling && (who === doer || who === 'kube-apiserver' || who === 'etcd')) cur.text = describeRecord(r)
      out.set(who, cur)
    }
  }
  return out
}
