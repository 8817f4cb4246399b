/**
 * What the Workloads views read off the mirrored objects: a ReplicaSet's revision and
 * pod-template-hash (the annotations and label the deployment controller writes, REFERENCE
 * 5.1), a Deployment's revisions with their images (what `kubectl rollout history` lists),
 * and how a selector is written (set-based for ReplicaSet/Deployment, a plain equality map for
 * ReplicationController, REFERENCE 4). Reading only: no Kubernetes decision is made here.
 */
import type { KObject } from '../../engine/index'

export const REVISION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history'
export const HASH_LABEL = 'pod-template-hash'
export const CHANGE_CAUSE = 'kubernetes.io/change-cause'

export interface ContainerImage {
  name: string
  image: string
}

/** The revision annotation as a number (undefined when missing or not an integer). */
export function revisionOf(o: KObject | undefined): number | undefined {
  const v = o?.metadata.annotations?.[REVISION]
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined
}

export function templateHash(rs: KObject): string | undefined {
  return rs.metadata.labels?.[HASH_LABEL] ?? rs.spec?.selector?.matchLabels?.[HASH_LABEL]
}

/** The containers of a pod template with their images. */
export function templateImages(o: KObject | undefined): ContainerImage[] {
  const spec = o?.spec?.template?.spec
  return ((spec?.containers ?? []) as { name: string; image: string }[]).map((c) => ({ name: c.name, image: c.image }))
}

export interface Revision {
  uid: string
  name: string
  revision?: number
  /** Older revisions this ReplicaSet served before a rollback brought it back. */
  history: number[]
  hash?: string
  images: ContainerImage[]
  changeCause?: string
  desired: number
  ready: number
  current: boolean
  created: string
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/**
 * The ReplicaSets a Deployment controls, newest revision first. `current` marks the one whose
 * revision the Deployment carries (the new ReplicaSet).
 */
export function revisionsOf(d: KObject, objects: Readonly<Record<string, KObject>>, childUids: readonly (string | null)[] = []): Revision[] {
  const current = revisionOf(d)
  const out: Revision[] = []
  for (const uid of childUids) {
    const rs = uid ? objects[uid] : undefined
    if (!rs || rs.kind !== 'ReplicaSet') continue
    const rev = revisionOf(rs)
    out.push({
      uid: uid as string,
      name: rs.metadata.name as string,
      revision: rev,
      history: String(rs.metadata.annotations?.[REVISION_HISTORY] ?? '')
        .split(',')
        .filter((x) => /^\d+$/.test(x))
        .map(Number),
      hash: templateHash(rs),
      images: templateImages(rs),
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE],
      desired: rs.spec?.replicas ?? 1,
      ready: num(rs.status?.readyReplicas),
      current: rev !== undefined && rev === current,
      created: String(rs.metadata.creationTimestamp ?? ''),
    })
  }
  return out.sort((a, b) => (b.revision ?? -1) - (a.revision ?? -1) || b.created.localeCompare(a.created))
}

export type SelectorStyle = 'set-based' | 'equality'

export interface SelectorView {
  style: SelectorStyle
  /** RS/Deployment: `matchLabels`; RC: the plain map. */
  labels: Record<string, string>
  /** RS/Deployment only. */
  expressions: { key: string; operator: string; values?: string[] }[]
  /** The selector as `kubectl get -l` would take it. */
  text: string
}

/** How this workload selects its pods: RC's plain map vs the set-based LabelSelector. */
export function selectorView(o: KObject): SelectorView {
  const sel = o.spec?.selector ?? {}
  if (o.kind === 'ReplicationController') {
    const labels = { ...(sel as Record<string, string>) }
    return { style: 'equality', labels, expressions: [], text: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') }
  }
  const labels: Record<string, string> = { ...(sel.matchLabels ?? {}) }
  const expressions = ((sel.matchExpressions ?? []) as SelectorView['expressions']).map((e) => ({ ...e }))
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`)
  for (const e of expressions) {
    if (e.operator === 'Exists') parts.push(e.key)
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`)
    else parts.push(`${e.key} ${e.operator === 'NotIn' ? 'notin' : 'in'} (${(e.values ?? []).join(',')})`)
  }
  return { style: 'set-based', labels, expressions, text: parts.join(',') }
}

export interface DeploymentView {
  strategy: 'RollingUpdate' | 'Recreate' | string
  maxSurge?: string | number
  maxUnavailable?: string | number
  paused: boolean
  desired: number
  replicas: number
  updated: number
  ready: number
  available: number
  unavailable: number
  progressing?: { status: string; reason?: string; message?: string }
  availableCond?: { status: string; reason?: string; message?: string }
  /** observedGeneration caught up with generation. */
  observed: boolean
}

export function deploymentView(d: KObject): DeploymentView {
  const st = d.status ?? {}
  const cond = (type: string) => (st.conditions ?? []).find((c: { type: string }) => c.type === type)
  return {
    strategy: d.spec?.strategy?.type ?? 'RollingUpdate',
    maxSurge: d.spec?.strategy?.rollingUpdate?.maxSurge,
    maxUnavailable: d.spec?.strategy?.rollingUpdate?.maxUnavailable,
    paused: !!d.spec?.paused,
    desired: d.spec?.replicas ?? 1,
    replicas: num(st.replicas),
    updated: num(st.updatedReplicas),
    ready: num(st.readyReplicas),
    available: num(st.availableReplicas),
    unavailable: num(st.unavailableReplicas),
    progressing: cond('Progressing'),
    availableCond: cond('Available'),
    observed: (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0),
  }
}

/**
 * Where the rollout stands, in `kubectl rollout status`'s order of checks (REFERENCE 5.7) —
 * read from the status the controller wrote, so the readout and the console agree.
 */
export type RolloutPhase = 'waitingSpec' | 'timedOut' | 'updating' | 'terminatingOld' | 'waitingAvailable' | 'complete'

export function rolloutPhase(v: DeploymentView): RolloutPhase {
  if (!v.observed) return 'waitingSpec'
  if (v.progressing?.reason === 'ProgressDeadlineExceeded') return 'timedOut'
  if (v.updated < v.desired) return 'updating'
  if (v.replicas > v.updated) return 'terminatingOld'
  if (v.available < v.updated) return 'waitingAvailable'
  return 'complete'
}
