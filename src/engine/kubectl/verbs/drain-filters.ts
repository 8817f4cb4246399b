import type { Pod } from '../../api/types'

/**
 * Which pods `kubectl drain` removes (kubectl `pkg/drain/filters.go`), as pure functions.
 * Each pod runs through the filters in kubectl's order — skip-deleted, DaemonSet, mirror,
 * local storage, unreplicated — until one says "do not delete"; the last status counts.
 * Errors are grouped by message (`cannot delete <why>: ns/a, ns/b`), warnings too
 * (`<why>: ns/a; <why>: ns/b`).
 *
 * @example
 *   const list = filterPods(pods, { force: false, ignoreDaemonSets: true, deleteEmptyDirData: false, daemonSetExists: () => true, now, skipWaitForDeleteTimeoutSeconds: 0 })
 *   podsToDelete(list) ; deleteErrors(list) ; deleteWarnings(list)
 */

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller'
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror'

export type DeleteReason = 'Okay' | 'Skip' | 'Warning' | 'Error'

export interface PodDeleteStatus {
  delete: boolean
  reason: DeleteReason
  message?: string
}

export interface PodDelete {
  pod: Pod
  status: PodDeleteStatus
}

export interface DrainFilterOptions {
  force: boolean
  ignoreDaemonSets: boolean
  deleteEmptyDirData: boolean
  skipWaitForDeleteTimeoutSeconds: number
  /** Virtual now, ms, and a timestamp parser (for `--skip-wait-for-delete-timeout`). */
  now: number
  parse: (ts: string | undefined) => number | undefined
  /** GET the DaemonSet: undefined when it exists, else the error text (`daemonsets.apps "x" not found`) and whether it is NotFound. */
  daemonSetError: (namespace: string, name: string) => { message: string; notFound: boolean } | undefined
}

const OKAY: PodDeleteStatus = { delete: true, reason: 'Okay' }
const SKIP: PodDeleteStatus = { delete: false, reason: 'Skip' }
const warning = (del: boolean, message: string): PodDeleteStatus => ({ delete: del, reason: 'Warning', message })
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message })

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'
const controllerOf = (p: Pod) => (p.metadata.ownerReferences ?? []).find((r) => r.controller)

type Filter = (pod: Pod, o: DrainFilterOptions) => PodDeleteStatus

const skipDeleted: Filter = (pod, o) => {
  const deleted = o.parse(pod.metadata.deletionTimestamp)
  if (o.skipWaitForDeleteTimeoutSeconds > 0 && deleted !== undefined && Math.trunc((o.now - deleted) / 1000) > o.skipWaitForDeleteTimeoutSeconds) return SKIP
  return OKAY
}

const daemonSet: Filter = (pod, o) => {
  const ref = controllerOf(pod)
  if (!ref || ref.kind !== 'DaemonSet') return OKAY
  if (finished(pod)) return OKAY
  const err = o.daemonSetError(pod.metadata.namespace ?? '', ref.name)
  if (err) return err.notFound && o.force ? warning(true, err.message) : error(err.message)
  return o.ignoreDaemonSets ? warning(false, DAEMONSET_WARNING) : error(DAEMONSET_FATAL)
}

const mirror: Filter = (pod) => (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? SKIP : OKAY)

const localStorage: Filter = (pod, o) => {
  if (!(pod.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir)) return OKAY
  if (finished(pod)) return OKAY
  if (!o.deleteEmptyDirData) return error(LOCAL_STORAGE_FATAL)
  // Upstream TODO: this warning is dropped by the filters that follow.
  return warning(true, LOCAL_STORAGE_WARNING)
}

const unreplicated: Filter = (pod, o) => {
  if (finished(pod)) return OKAY
  if (controllerOf(pod)) return OKAY
  return o.force ? warning(true, UNMANAGED_WARNING) : error(UNMANAGED_FATAL)
}

const FILTERS: Filter[] = [skipDeleted, daemonSet, mirror, localStorage, unreplicated]

/** `filterPods`: every pod with the status of the first filter that refused it, or of the last. */
export function filterPods(pods: Pod[], o: DrainFilterOptions): PodDelete[] {
  return pods.map((pod) => {
    let status = OKAY
    for (const f of FILTERS) {
      status = f(pod, o)
      if (!status.delete) break
    }
    return { pod, status }
  })
}

export const podsToDelete = (list: PodDelete[]): Pod[] => list.filter((i) => i.status.delete).map((i) => i.pod)

const podRef = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`

/** `PodDeleteList.errors()`: one error per message (Go map order; here the order of first appearance). */
export function deleteErrors(list: PodDelete[]): string[] {
  const byMsg = new Map<string, string[]>()
  for (const i of list) if (i.status.reason === 'Error') byMsg.set(i.status.message || 'unexpected error', [...(byMsg.get(i.status.message || 'unexpected error') ?? []), podRef(i.pod)])
  return [...byMsg].map(([msg, pods]) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${pods.join(', ')}` : `cannot delete ${msg}: ${pods.join(', ')}`))
}

/** `PodDeleteList.Warnings()`. */
export function deleteWarnings(list: PodDelete[]): string {
  const byMsg = new Map<string, string[]>()
  for (const i of list) if (i.status.reason === 'Warning') byMsg.set(i.status.message ?? '', [...(byMsg.get(i.status.message ?? '') ?? []), podRef(i.pod)])
  return [...byMsg].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`).join('; ')
}
