/**
 * Strategic merge patch (apimachinery `pkg/util/strategicpatch`), the default of `kubectl patch`
 * and what `kubectl set image` sends: maps merge key by key (`null` deletes), and the lists the
 * Kubernetes types mark `patchStrategy:"merge"` merge element by element on their
 * `patchMergeKey` — so `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}`
 * changes one container's image and keeps the others. Other lists are replaced.
 *
 * Directives: `$patch: replace` (a map or list replaces instead of merging), `$patch: delete`
 * (a list element — or a whole map — is removed), `$retainKeys` (keys not listed are cleared),
 * `$deleteFromPrimitiveList/<field>`, and `$setElementOrder/<field>` (accepted, order kept as
 * merged). Unknown list fields replace, as for types without a strategy.
 *
 * @example
 *   strategicMerge(deploy, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } })
 */
type Obj = Record<string, unknown>
const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `patchMergeKey` of the list fields with `patchStrategy:"merge"` in core/v1, apps/v1 and meta/v1. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  addresses: 'type',
}
/** Lists of scalars with `patchStrategy:"merge"`: merged as a set. */
const PRIMITIVE_MERGE = new Set(['finalizers'])

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  // Container ports merge on containerPort, Service ports on port.
  if (field === 'ports') return items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port'
  return MERGE_KEYS[field]
}

export function strategicMerge(original: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return structuredClone(patch)
  return mergeMap(isMap(original) ? original : {}, patch)
}

function mergeMap(original: Obj, patch: Obj): Obj {
  const directive = patch.$patch
  if (directive === 'replace') return stripDirectives(patch) as Obj
  if (directive === 'delete') return {}
  const out: Obj = { ...original }
  const retain = patch.$retainKeys
  if (Array.isArray(retain)) for (const k of Object.keys(out)) if (!retain.includes(k) && !(k in patch)) delete out[k]
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length)
      if (Array.isArray(out[field]) && Array.isArray(value)) out[field] = (out[field] as unknown[]).filter((x) => !value.includes(x))
      continue
    }
    if (value === null) {
      delete out[key]
      continue
    }
    const cur = out[key]
    if (isMap(value)) out[key] = mergeMap(isMap(cur) ? cur : {}, value)
    else if (Array.isArray(value) && Array.isArray(cur)) out[key] = mergeList(key, cur, value)
    else out[key] = stripDirectives(value)
  }
  return out
}

function mergeList(field: string, cur: unknown[], patch: unknown[]): unknown[] {
  if (PRIMITIVE_MERGE.has(field)) return [...cur, ...patch.filter((x) => !cur.includes(x))]
  const key = mergeKeyFor(field, patch.length ? patch : cur)
  if (!key) return stripDirectives(patch) as unknown[]
  // A `{"$patch": "replace"}` element makes the patch's elements the whole list.
  if (patch.some((p) => isMap(p) && p.$patch === 'replace')) return patch.filter((p) => !(isMap(p) && p.$patch === 'replace')).map(stripDirectives)
  const out = cur.map((x) => x)
  for (const p of patch) {
    if (!isMap(p)) continue
    const idx = out.findIndex((x) => isMap(x) && x[key] === p[key])
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1)
      continue
    }
    if (idx >= 0) out[idx] = mergeMap(out[idx] as Obj, p)
    else out.push(stripDirectives(p))
  }
  return out
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives)
  if (!isMap(v)) return v
  const out: Obj = {}
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x)
  return out
}
