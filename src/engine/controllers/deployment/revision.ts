import type { PodTemplateSpec, ReplicaSet } from '../../api/types'
import type { Deployment } from '../../api/kinds/deployment'
import { compareByCreation, sortByCreation, specReplicas } from './replicasets'
import { REVISION, POD_TEMPLATE_HASH } from './annotations'

/**
 * Revisions and the new/old ReplicaSet split (REFERENCE 5.6; `deployment_util.go`
 * `Revision`, `MaxRevision`, `LastRevision`, `EqualIgnoreHash`, `FindNewReplicaSet`,
 * `FindOldReplicaSets`, `ReplicaSetsByRevision`).
 *
 * @example
 *   const newRS = findNewReplicaSet(d, owned)           // the RS whose template is d's, or undefined
 *   const next = maxRevision(findOldReplicaSets(d, owned).all) + 1
 */

/**
 * `Revision(obj)`: the `deployment.kubernetes.io/revision` annotation as an int64.
 * Missing → 0; unparseable → undefined (callers skip it, as upstream skips errors).
 */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = obj.metadata.annotations?.[REVISION]
  if (v === undefined) return 0
  return parseInt64(v)
}

/** `strconv.ParseInt(v, 10, 64)`: optional sign, decimal digits only. */
export function parseInt64(v: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(v)) return undefined
  const n = Number(v)
  return Number.isSafeInteger(n) ? n : undefined
}

/** `MaxRevision`: the highest parseable revision (0 if none). */
export function maxRevision(rss: readonly (ReplicaSet | undefined)[]): number {
  let max = 0
  for (const rs of rss) {
    if (!rs) continue
    const v = revisionOf(rs)
    if (v !== undefined && v > max) max = v
  }
  return max
}

/** `LastRevision`: the second-highest revision (0 if none). */
export function lastRevision(rss: readonly (ReplicaSet | undefined)[]): number {
  let max = 0
  let second = 0
  for (const rs of rss) {
    if (!rs) continue
    const v = revisionOf(rs)
    if (v === undefined) continue
    if (v >= max) {
      second = max
      max = v
    } else if (v > second) second = v
  }
  return second
}

/**
 * `ReplicaSetsByRevision`: ascending revision; when either is unparseable or they are equal,
 * by creation time (then name).
 */
export function compareByRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a)
  const rb = revisionOf(b)
  if (ra === undefined || rb === undefined || ra === rb) return compareByCreation(a, b)
  return ra - rb
}

/**
 * apimachinery's `Semantic.DeepEqual` on JSON-shaped data: nil and empty slices/maps are
 * equal (the forked reflect.DeepEqual upstream uses says so), key order never matters. JSON
 * cannot tell a map from a struct, so an object whose fields are all empty also equals absence.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === undefined || a === null) return deepEmpty(b)
  if (b === undefined || b === null) return deepEmpty(a)
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]))
  if (Array.isArray(a) || Array.isArray(b)) return deepEmpty(a) && deepEmpty(b)
  const oa = a as Record<string, unknown>
  const ob = b as Record<string, unknown>
  for (const k of new Set([...Object.keys(oa), ...Object.keys(ob)])) if (!semanticEqual(oa[k], ob[k])) return false
  return true
}

function deepEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true
  if (Array.isArray(v)) return v.length === 0
  return typeof v === 'object' && Object.values(v as object).every(deepEmpty)
}

/**
 * `EqualIgnoreHash`: templates equal once `pod-template-hash` is removed from both label sets
 * (the Deployment's template never has it; the RS's always does).
 */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHash(t1), withoutHash(t2))
}

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  if (!t) return t
  const labels = { ...(t.metadata?.labels ?? {}) }
  delete labels[POD_TEMPLATE_HASH]
  return { ...t, metadata: { ...(t.metadata ?? {}), labels } }
}

/**
 * `FindNewReplicaSet`: oldest first, the first RS whose template equals the Deployment's
 * (ignoring the hash). Several can match after upgrades (kubernetes#40415): the oldest wins.
 */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return sortByCreation(rss).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template))
}

/** `FindOldReplicaSets`: every RS but the new one (`all`), and those of them with replicas (`active`). */
export function findOldReplicaSets(d: Deployment, rss: readonly ReplicaSet[]): { active: ReplicaSet[]; all: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rss)
  const all = rss.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid)
  return { active: all.filter((rs) => specReplicas(rs) !== 0), all }
}
