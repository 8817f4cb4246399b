import type { KObject } from '../../api/types'
import { goJson } from '../printers/gojson'

/**
 * Client-side `kubectl apply`: the last-applied-configuration annotation and the three-way
 * merge between what was applied last time (original), what is applied now (modified) and
 * what the server has (current) — kubectl's `CreateThreeWayMergePatch` followed by the
 * server's strategic merge, computed here as the resulting object.
 *
 * Semantics (a documented subset of strategic merge patch, k8s.io/apimachinery
 * `pkg/util/strategicpatch`):
 * - maps merge key by key; a key present in original but absent from modified is deleted;
 *   fields only the server or other writers set (absent from both) are kept;
 * - `null` in modified deletes the field;
 * - lists are replaced, except lists with a `patchMergeKey` in the Kubernetes API, which merge
 *   element by element: containers/initContainers/ephemeralContainers/env/volumes/
 *   imagePullSecrets (`name`), volumeMounts (`mountPath`), container ports (`containerPort`),
 *   service ports (`port`), conditions (`type`), ownerReferences (`uid`). Elements of such a
 *   list that only the live object has are kept unless the original had them.
 *
 * @example
 *   threeWayMerge(lastApplied, newConfig, live) // the object to write; equal to live → "unchanged"
 */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

type Obj = Record<string, unknown>
const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  conditions: 'type',
  ownerReferences: 'uid',
}

function mergeKey(field: string | undefined, items: unknown[]): string | undefined {
  if (!field) return undefined
  if (field === 'ports') return items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port'
  return MERGE_KEYS[field]
}

/**
 * The configuration kubectl records: the object without the annotation (so `annotations: {}`
 * when it had no others), as compact sorted JSON with a trailing newline (`json.Encoder`).
 */
export function lastAppliedConfig(config: KObject): string {
  const copy = structuredClone(config)
  const annotations = { ...(copy.metadata.annotations ?? {}) }
  delete annotations[LAST_APPLIED]
  copy.metadata = { ...copy.metadata, annotations }
  return goJson(copy) + '\n'
}

/** The config as it will be sent: with the last-applied annotation set to itself. */
export function withLastApplied(config: KObject): KObject {
  const copy = structuredClone(config)
  copy.metadata = { ...copy.metadata, annotations: { ...(copy.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedConfig(config) } }
  return copy
}

/** The last-applied configuration stored on a live object, or undefined when missing or unreadable. */
export function readLastApplied(live: KObject): Obj | undefined {
  const raw = live.metadata.annotations?.[LAST_APPLIED]
  if (!raw) return undefined
  try {
    const v = JSON.parse(raw)
    return isMap(v) ? v : undefined
  } catch {
    return undefined
  }
}

export function threeWayMerge(original: unknown, modified: unknown, current: unknown): unknown {
  return merge(original, modified, current, undefined)
}

function merge(orig: unknown, mod: unknown, cur: unknown, field: string | undefined): unknown {
  if (isMap(mod)) {
    const out: Obj = isMap(cur) ? { ...cur } : {}
    for (const [k, v] of Object.entries(mod)) {
      if (v === null) delete out[k]
      else out[k] = merge(isMap(orig) ? orig[k] : undefined, v, out[k], k)
    }
    if (isMap(orig)) for (const k of Object.keys(orig)) if (!(k in mod)) delete out[k]
    return out
  }
  if (Array.isArray(mod) && Array.isArray(cur)) {
    const key = mergeKey(field, mod)
    if (!key) return structuredClone(mod)
    const keyOf = (x: unknown) => (isMap(x) ? x[key] : undefined)
    const find = (list: unknown, k: unknown) => (Array.isArray(list) ? list.find((x) => keyOf(x) !== undefined && keyOf(x) === k) : undefined)
    const result: unknown[] = mod.map((m) => {
      const c = find(cur, keyOf(m))
      return c === undefined ? structuredClone(m) : merge(find(orig, keyOf(m)), m, c, undefined)
    })
    for (const c of cur) {
      const k = keyOf(c)
      if (k !== undefined && find(mod, k) !== undefined) continue
      if (k !== undefined && find(orig, k) !== undefined) continue
      result.push(c)
    }
    return result
  }
  return structuredClone(mod)
}

/** What changed from `a` to `b` as a JSON merge patch (for the "error when applying patch" text). */
export function diffPatch(a: unknown, b: unknown): unknown {
  if (!isMap(a) || !isMap(b)) return b
  const out: Obj = {}
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(k in b)) out[k] = null
    else if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = isMap(a[k]) && isMap(b[k]) ? diffPatch(a[k], b[k]) : b[k]
  }
  return out
}

/** Structural equality for JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return goJson(a) === goJson(b)
}
