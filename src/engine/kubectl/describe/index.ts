import type { KEvent, KObject, Namespace, Node, Pod, ReplicaSet } from '../../api/types'
import { fromLabelSelector, matches } from '../../api/selector'
import { ACTOR, type Info } from '../resources'
import type { CommandContext } from '../command'
import type { PrintContext } from '../printers/table'
import { describeGeneric } from './generic'
import { describeNamespace } from './namespace'
import { describeNode, type NodeLease } from './node'
import { describePod } from './pod'
import { describeReplicaSet, type PodCounts } from './replicaset'
// workloads
import { describeDeployment } from './deployment'
import { describeReplicationController, rcPodCounts } from './replicationcontroller'
import type { Deployment } from '../../api/kinds/deployment'
// services & nodes
import { describeService, serviceSlices } from './service'
import { describeEndpoints, describeEndpointSlice } from './endpoints'

/**
 * Describers by kind (kubectl `describerMap`); kinds without one get the generic describer.
 * Each fetches what its section needs (events, the node's pods, the RS's pods) through the
 * API server, as kubectl's describers do.
 */
export type Describer = (ctx: CommandContext, info: Info, showEvents: boolean, p: PrintContext) => string

const DESCRIBERS: Record<string, Describer> = {
  Pod: (ctx, info, show, p) => describePod(info.object as Pod, show ? searchEvents(ctx, info.object, { kind: false }) : undefined, p),
  ReplicaSet: (ctx, info, show, p) =>
    describeReplicaSet(info.object as ReplicaSet, podCounts(ctx, info.object as ReplicaSet), show ? searchEvents(ctx, info.object, { kind: true }) : undefined, p),
  Node: (ctx, info, show, p) => {
    const node = info.object as Node
    const pods = ctx.host.ctx.api
      .list('pods', undefined, { actor: ACTOR })
      .items.filter((o) => o.spec?.nodeName === node.metadata.name && o.status?.phase !== 'Succeeded' && o.status?.phase !== 'Failed') as Pod[]
    // Node events come from the node controller (uid) and the kubelet (uid = node name).
    const events = show ? [...searchEvents(ctx, node, { kind: true }), ...searchEvents(ctx, node, { kind: true, uid: node.metadata.name })] : undefined
    return describeNode(node, pods, events, nodeLease(ctx, node), p)
  },
  Namespace: (_ctx, info) => describeNamespace(info.object as Namespace),
  // workloads
  ReplicationController: (ctx, info, show, p) =>
    describeReplicationController(info.object, rcPodCounts(ctx, info.object), show ? searchEvents(ctx, info.object, { kind: true }) : undefined, p),
  Deployment: (ctx, info, show, p) =>
    describeDeployment(
      info.object as Deployment,
      ctx.host.ctx.api.list('replicasets', info.object.metadata.namespace, { actor: ACTOR }).items as ReplicaSet[],
      show ? searchEvents(ctx, info.object, { kind: true }) : undefined,
      p,
    ),
  // services & nodes
  Service: (ctx, info, show, p) => describeService(info.object, serviceSlices(ctx, info.object), show ? searchEvents(ctx, info.object, { kind: true }) : undefined, p),
  Endpoints: (ctx, info, show, p) => describeEndpoints(info.object, show ? searchEvents(ctx, info.object, { kind: true }) : undefined, p),
  EndpointSlice: (ctx, info, show, p) => describeEndpointSlice(info.object, show ? searchEvents(ctx, info.object, { kind: true }) : undefined, p),
}

export function describerFor(kind: string): Describer {
  return DESCRIBERS[kind] ?? ((ctx, info, show, p) => describeGeneric(info.object, show ? searchEvents(ctx, info.object, { kind: true }) : undefined, p))
}

/** `searchEvents`: events whose involvedObject has this name, namespace, uid (and kind, except for pods). */
export function searchEvents(ctx: CommandContext, o: KObject, opts: { kind: boolean; uid?: string }): KEvent[] {
  const uid = opts.uid ?? o.metadata.uid
  const ns = o.metadata.namespace ?? ''
  return ctx.host.ctx.api.list('events', ns || undefined, { actor: ACTOR }).items.filter((e) => {
    const io = (e as KEvent).involvedObject ?? {}
    return io.name === o.metadata.name && (io.namespace ?? '') === ns && (!opts.kind || io.kind === o.kind) && (!uid || io.uid === uid)
  }) as KEvent[]
}

/** `getPodStatusForController`: phases of the pods matching the selector and controlled by this uid. */
function podCounts(ctx: CommandContext, rs: ReplicaSet): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 }
  let sel: ReturnType<typeof fromLabelSelector>
  try {
    sel = fromLabelSelector(rs.spec?.selector)
  } catch {
    return counts
  }
  for (const pod of ctx.host.ctx.api.list('pods', rs.metadata.namespace, { actor: ACTOR }).items) {
    if (!matches(sel, pod.metadata.labels)) continue
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller)
    if (!ref || ref.uid !== rs.metadata.uid) continue
    const phase = pod.status?.phase
    if (phase === 'Running') counts.running++
    else if (phase === 'Pending') counts.waiting++
    else if (phase === 'Succeeded') counts.succeeded++
    else if (phase === 'Failed') counts.failed++
  }
  return counts
}

/**
 * The node's Lease in `kube-node-lease`. The playground's kubelets heartbeat through the Node's
 * Ready condition instead of a Lease object, so when no `leases` resource is served the lease
 * is derived from it: holder = node name, renewed at the last heartbeat.
 */
function nodeLease(ctx: CommandContext, node: Node): NodeLease | undefined {
  const api = ctx.host.ctx.api
  if (api.registry.get('leases')) {
    const lease = api.peek('leases', 'kube-node-lease', node.metadata.name ?? '')
    return lease ? { holderIdentity: lease.spec?.holderIdentity, acquireTime: lease.spec?.acquireTime, renewTime: lease.spec?.renewTime } : undefined
  }
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready')
  return { holderIdentity: node.metadata.name, renewTime: ready?.lastHeartbeatTime }
}
