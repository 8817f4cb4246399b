import type { KObject, Pod, ReplicaSet } from '../../api/types'
import { deepCopy } from '../../api/types'
import { deploymentKind, type Deployment, type DeploymentStatus, type IntOrString } from '../../api/kinds/deployment'
import { Clock, VIRTUAL_EPOCH_MS, utcDate } from '../../clock'
import type { Action, ActionResult } from '../../runtime/plan'
import { ApiError } from '../../apiserver/errors'
import { newControllerRef } from '../controller-ref-manager'
import { POD_TEMPLATE_HASH, REVISION } from './annotations'
import type { SyncView, SyncWriter } from './sync'

/**
 * Test-only builders for the deployment controller's tests: defaulted Deployments, owned
 * ReplicaSets, and a recording writer. Not imported by engine code.
 */

export interface DeploymentOpts {
  image?: string
  maxSurge?: IntOrString
  maxUnavailable?: IntOrString
  strategy?: 'RollingUpdate' | 'Recreate'
  uid?: string
  generation?: number
  status?: DeploymentStatus
  annotations?: Record<string, string>
  minReadySeconds?: number
  progressDeadlineSeconds?: number
  revisionHistoryLimit?: number
  paused?: boolean
  resourceVersion?: string
}

export function deployment(name: string, replicas: number, o: DeploymentOpts = {}): Deployment {
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      generation: o.generation ?? 1,
      resourceVersion: o.resourceVersion ?? '10',
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(o.annotations ? { annotations: { ...o.annotations } } : {}),
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1.26' }] } },
      strategy: o.strategy === 'Recreate'
        ? { type: 'Recreate' }
        : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
      ...(o.paused ? { paused: true } : {}),
    },
    status: o.status ?? {},
  }
  deploymentKind.default!(d, { now: '2026-01-01T00:00:00Z' })
  return d
}

export interface RSOpts {
  image?: string
  replicas: number
  /** status.replicas (default: replicas). */
  actual?: number
  ready?: number
  available?: number
  revision?: number | string
  /** Seconds after the epoch. */
  created?: number
  hash?: string
  annotations?: Record<string, string>
  uid?: string
  name?: string
}

/** A ReplicaSet controlled by `d`, with d's template (or another image) and a hash label. */
export function ownedRS(d: Deployment, o: RSOpts): ReplicaSet {
  const hash = o.hash ?? (o.image ?? d.spec.template.spec.containers[0].image).replace(/[^a-z0-9]/g, '')
  const template = deepCopy(d.spec.template)
  if (o.image) template.spec.containers[0].image = o.image
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } }
  const name = o.name ?? `${d.metadata.name}-${hash}`
  const annotations: Record<string, string> = { ...(o.annotations ?? {}) }
  if (o.revision !== undefined) annotations[REVISION] = String(o.revision)
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: '5',
      generation: 1,
      creationTimestamp: utcDate(VIRTUAL_EPOCH_MS + (o.created ?? 0) * 1000).toISOString().replace('.000Z', 'Z'),
      labels: { ...(template.metadata.labels ?? {}) },
      annotations,
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: {
      replicas: o.replicas,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
      template,
    },
    status: {
      replicas: o.actual ?? o.replicas,
      readyReplicas: o.ready ?? o.available ?? o.actual ?? o.replicas,
      availableReplicas: o.available ?? o.actual ?? o.replicas,
      observedGeneration: 1,
    },
  }
}

/** A pod controlled by `rs` in a given phase. */
export function podOf(rs: ReplicaSet, name: string, phase: NonNullable<Pod['status']>['phase'] = 'Running', extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, labels: { ...(rs.spec.template.metadata?.labels ?? {}) },
      ownerReferences: [newControllerRef(rs, 'apps/v1', 'ReplicaSet')], ...extra,
    },
    spec: deepCopy(rs.spec.template.spec),
    status: { phase },
  }
}

/** What a write did, in a line: `update replicasets web-old replicas=3`, `event ScalingReplicaSet …`. */
export function describeAction(a: Action): string {
  switch (a.verb) {
    case 'event': return `event ${a.type} ${a.reason} ${a.message}`
    case 'create': return `create ${a.resource} ${a.object.metadata.name} replicas=${a.object.spec?.replicas}`
    case 'update':
      return a.subresource === 'status' ? `status ${a.resource} ${a.object.metadata.name}` : `update ${a.resource} ${a.object.metadata.name}${a.resource === 'replicasets' ? ` replicas=${a.object.spec?.replicas}` : ''}`
    case 'patch': return `patch ${a.resource} ${a.name}`
    case 'delete': return `delete ${a.resource} ${a.name}`
  }
}

/**
 * A writer that records every Action and answers like an API server would: writes succeed
 * (resourceVersion bumped, creates get a uid) unless `fail` says otherwise; a stale
 * resourceVersion on a Deployment write is a Conflict when `conflicts` is on.
 */
export class RecordingWriter implements SyncWriter {
  actions: Action[] = []
  records: { action: string; detail: string }[] = []
  private rv = 100
  private deploymentRV = new Map<string, string>()
  constructor(private readonly opts: { fail?: (a: Action) => ApiError | undefined; conflicts?: boolean } = {}) {}

  run(a: Action): ActionResult {
    this.actions.push(a)
    const err = this.opts.fail?.(a)
    if (err) return { action: a, ok: false, error: err }
    if (a.verb === 'event' || a.verb === 'delete' || a.verb === 'patch') return { action: a, ok: true }
    const obj = deepCopy(a.object) as KObject
    if (a.resource === 'deployments' && this.opts.conflicts) {
      const key = obj.metadata.name as string
      const cur = this.deploymentRV.get(key)
      if (cur && obj.metadata.resourceVersion !== cur)
        return { action: a, ok: false, error: new ApiError(409, 'Conflict', `Operation cannot be fulfilled on deployments.apps "${key}": the object has been modified; please apply your changes to the latest version and try again`) }
    }
    obj.metadata.resourceVersion = String(++this.rv)
    if (a.verb === 'create') {
      obj.metadata.uid ??= `uid-${obj.metadata.name}`
      obj.metadata.creationTimestamp ??= '2026-01-01T01:00:00Z'
      obj.status ??= { replicas: 0 }
    }
    if (a.resource === 'deployments') this.deploymentRV.set(obj.metadata.name as string, obj.metadata.resourceVersion)
    return { action: a, ok: true, object: obj }
  }

  record(action: string, detail: string): void {
    this.records.push({ action, detail })
  }

  lines(): string[] {
    return this.actions.map(describeAction)
  }

  events(): string[] {
    return this.actions.filter((a) => a.verb === 'event').map(describeAction)
  }
}

/** A SyncView over fixed objects, at virtual time `nowMs`. */
export function viewOf(d: Deployment | undefined, rss: ReplicaSet[], pods: Pod[] = [], nowMs = 60_000): SyncView {
  const clock = new Clock()
  clock.advance(nowMs)
  return {
    deployment: d,
    replicaSets: rss,
    podsFor: (list) => pods.filter((p) => list.some((rs) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)),
    getReplicaSet: (ns, name) => rss.find((rs) => rs.metadata.namespace === ns && rs.metadata.name === name),
    clock,
  }
}
