import type { ApiServer } from '../apiserver/apiserver'
import type { KObject, Pod } from '../api/types'
import { objectKey } from '../api/types'
import { matches } from '../api/selector'
import { Informer } from '../runtime/informer'
import { controllerOf } from './pod-utils'
import type { ReplicaKindAdapter } from './replicaset-sync'

const BY_CONTROLLER = 'controllerUID'
const BY_NAMESPACE = 'namespace'
/** Orphan pods are indexed per namespace (`OrphanPodIndexKeyForNamespace`). */
const orphanKey = (ns: string | undefined) => `orphan-pod/${ns ?? ''}`

/**
 * The ReplicaSet controller's read-only view: informers on its kind and on pods, indexed by
 * controller uid (`PodControllerUIDIndex`, orphans per namespace) and by namespace, and the
 * lookups `replica_set.go` makes through its listers. Lists come back in `namespace/name` order.
 *
 * @example
 *   const view = new ReplicaInformers(api, rsAdapter); view.start()
 *   view.podsOf(rs)   // pods it controls + orphans it might adopt
 */
export class ReplicaInformers {
  readonly owners: Informer
  readonly pods: Informer

  constructor(
    api: ApiServer,
    private readonly adapter: ReplicaKindAdapter,
  ) {
    this.owners = new Informer(api, adapter.resource, adapter.component)
    this.pods = new Informer(api, 'pods', adapter.component)
    this.owners.addIndex(BY_CONTROLLER, (o) => {
      const ref = controllerOf(o)
      return ref ? [ref.uid] : []
    })
    this.owners.addIndex(BY_NAMESPACE, (o) => [o.metadata.namespace ?? ''])
    this.pods.addIndex(BY_CONTROLLER, (p) => [controllerOf(p)?.uid ?? orphanKey(p.metadata.namespace)])
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata.namespace ?? ''])
  }

  start(): void {
    this.owners.start()
    this.pods.start()
  }

  stop(): void {
    this.owners.stop()
    this.pods.stop()
  }

  /** Pods this owner controls plus the orphans of its namespace (`FilterPodsByOwner`). */
  podsOf(owner: KObject): Pod[] {
    const ns = owner.metadata.namespace
    return sortByKey([...this.pods.byIndex(BY_CONTROLLER, owner.metadata.uid as string), ...this.pods.byIndex(BY_CONTROLLER, orphanKey(ns))]) as Pod[]
  }

  /**
   * `getIndirectlyRelatedPods`: pods selected by every owner that shares this one's
   * controller (a Deployment's ReplicaSets); none when it has no controller.
   */
  relatedPods(owner: KObject): Pod[] {
    const ref = controllerOf(owner)
    if (!ref) return []
    const seen = new Map<string, Pod>()
    for (const sibling of sortByKey(this.owners.byIndex(BY_CONTROLLER, ref.uid))) {
      const sel = this.selectorOf(sibling)
      if (!sel) continue
      for (const p of this.pods.byIndex(BY_NAMESPACE, sibling.metadata.namespace ?? ''))
        if (!seen.has(p.metadata.uid as string) && matches(sel, p.metadata.labels)) seen.set(p.metadata.uid as string, p as Pod)
    }
    return sortByKey([...seen.values()]) as Pod[]
  }

  /** `resolveControllerRef`: the owner a pod's controller reference names, if it is our kind and the uid matches. */
  resolve(namespace: string | undefined, pod: KObject): KObject | undefined {
    const ref = controllerOf(pod)
    if (!ref || ref.kind !== this.adapter.kind) return undefined
    const owner = this.owners.get(`${namespace}/${ref.name}`)
    return owner?.metadata.uid === ref.uid ? owner : undefined
  }

  /** `GetPodReplicaSets`: owners whose non-empty selector matches a pod's labels (a pod without labels: none). */
  ownersSelecting(pod: KObject): KObject[] {
    if (!pod.metadata.labels || !Object.keys(pod.metadata.labels).length) return []
    return sortByKey(this.owners.byIndex(BY_NAMESPACE, pod.metadata.namespace ?? '')).filter((o) => {
      const sel = this.selectorOf(o)
      return !!sel && sel !== 'nothing' && sel.requirements.length > 0 && matches(sel, pod.metadata.labels)
    })
  }

  /** An invalid selector selects nothing here (upstream skips such owners). */
  private selectorOf(owner: KObject) {
    try {
      return this.adapter.selector(owner)
    } catch {
      return undefined
    }
  }
}

function sortByKey(objs: KObject[]): KObject[] {
  return objs.map((o) => [objectKey(o), o] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, o]) => o)
}
