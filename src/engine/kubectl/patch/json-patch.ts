/**
 * JSON Patch (RFC 6902), `kubectl patch --type=json`: a list of `add`, `remove`, `replace`,
 * `move`, `copy` and `test` operations on JSON Pointer paths (RFC 6901: `~1` is `/`, `~0` is
 * `~`, `-` appends to an array). Applied to a copy; the first failing operation aborts the whole
 * patch. Error texts follow evanphx/json-patch, which the API server uses.
 *
 * A small implementation rather than a dependency: the playground needs exactly these six
 * operations and their failure modes, and `fast-json-patch` differs in its error reporting.
 *
 * @example
 *   applyJsonPatch(pod, [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.28' }])
 */
export class JsonPatchError extends Error {
  override name = 'JsonPatchError'
}

type Op = { op?: unknown; path?: unknown; from?: unknown; value?: unknown }

/** `jsonpatch.DecodePatch`: the patch must be a JSON array of operation objects. */
export function decodeJsonPatch(v: unknown): Op[] {
  if (!Array.isArray(v)) throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch')
  for (const op of v) if (typeof op !== 'object' || op === null || Array.isArray(op)) throw new JsonPatchError('json: cannot unmarshal array into Go value of type jsonpatch.Operation')
  return v as Op[]
}

export function applyJsonPatch(doc: unknown, ops: Op[]): unknown {
  let root = structuredClone(doc)
  for (const o of ops) {
    const kind = String(o.op ?? '')
    const path = pointer(o.path, kind)
    switch (kind) {
      case 'add':
        root = add(root, path, structuredClone(o.value), kind)
        break
      case 'remove':
        remove(root, path, kind)
        break
      case 'replace': {
        const { parent, key } = locate(root, path, kind)
        if (path.length === 0) {
          root = structuredClone(o.value)
          break
        }
        if (!has(parent, key)) throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${String(o.path)}: missing value`)
        set(parent, key, structuredClone(o.value))
        break
      }
      case 'move': {
        const from = pointer(o.from, kind)
        const value = get(root, from, 'move')
        remove(root, from, 'move')
        root = add(root, path, value, 'move')
        break
      }
      case 'copy':
        root = add(root, path, structuredClone(get(root, pointer(o.from, kind), 'copy')), 'copy')
        break
      case 'test': {
        const actual = path.length === 0 ? root : tryGet(root, path)
        if (JSON.stringify(canonical(actual)) !== JSON.stringify(canonical(o.value ?? null))) throw new JsonPatchError(`testing value ${String(o.path)} failed: test failed`)
        break
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${kind}`)
    }
  }
  return root
}

function pointer(p: unknown, op: string): string[] {
  if (typeof p !== 'string') throw new JsonPatchError(`${op} operation does not apply: doc is missing path: : missing value`)
  if (p === '') return []
  if (!p.startsWith('/')) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${p}": missing value`)
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function locate(root: unknown, path: string[], op: string): { parent: unknown; key: string } {
  let cur = root
  for (const seg of path.slice(0, -1)) {
    const next = tryChild(cur, seg)
    if (next === undefined) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "/${path.join('/')}": missing value`)
    cur = next
  }
  return { parent: cur, key: path[path.length - 1] }
}

function tryChild(cur: unknown, seg: string): unknown {
  if (Array.isArray(cur)) return /^(0|[1-9][0-9]*)$/.test(seg) ? cur[Number(seg)] : undefined
  if (typeof cur === 'object' && cur !== null) return (cur as Record<string, unknown>)[seg]
  return undefined
}

function has(parent: unknown, key: string): boolean {
  return tryChild(parent, key) !== undefined
}

function set(parent: unknown, key: string, value: unknown): void {
  if (Array.isArray(parent)) parent[Number(key)] = value
  else (parent as Record<string, unknown>)[key] = value
}

function tryGet(root: unknown, path: string[]): unknown {
  let cur = root
  for (const seg of path) {
    cur = tryChild(cur, seg)
    if (cur === undefined) return undefined
  }
  return cur
}

function get(root: unknown, path: string[], op: string): unknown {
  const v = tryGet(root, path)
  if (v === undefined) throw new JsonPatchError(`${op} operation does not apply: doc is missing from path: "/${path.join('/')}": missing value`)
  return v
}

function add(root: unknown, path: string[], value: unknown, op: string): unknown {
  if (path.length === 0) return value
  const { parent, key } = locate(root, path, op)
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : NaN
    if (!(i >= 0 && i <= parent.length)) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "/${path.join('/')}": missing value`)
    parent.splice(i, 0, value)
  } else if (typeof parent === 'object' && parent !== null) (parent as Record<string, unknown>)[key] = value
  else throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "/${path.join('/')}": missing value`)
  return root
}

function remove(root: unknown, path: string[], op: string): void {
  const { parent, key } = locate(root, path, op)
  if (!has(parent, key)) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "/${path.join('/')}": missing value`)
  if (Array.isArray(parent)) parent.splice(Number(key), 1)
  else delete (parent as Record<string, unknown>)[key]
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    )
  return v
}
