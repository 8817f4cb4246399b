import type { Taint } from '../../api/types'
import { isQualifiedName, isValidLabelValue } from '../../api/labels'

/**
 * The pure part of `kubectl taint` (kubectl `pkg/cmd/taint/utils.go`): parsing
 * `key=value:Effect`, `key:Effect`, `key:Effect-`, `key-`, and merging the result into a
 * node's taints the way `reorganizeTaints` does (new taints first, then the old ones they do
 * not replace), with the operation kubectl reports: `tainted`, `untainted` or `modified`.
 *
 * @example
 *   parseTaints(['dedicated=gpu:NoSchedule', 'old-']) // add [{key:'dedicated',value:'gpu',effect:'NoSchedule'}], remove [{key:'old'}]
 */

export class TaintSpecError extends Error {}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** `Taint.ToString`. */
export function taintToString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`
}

/** `parseTaint`: `key`, `key:effect` or `key=value:effect`. */
export function parseTaint(st: string): Taint {
  const parts = st.split(':')
  let key: string
  let value = ''
  let effect = ''
  if (parts.length === 1) key = parts[0]
  else if (parts.length === 2) {
    effect = parts[1]
    if (!EFFECTS.includes(effect)) throw new TaintSpecError(`invalid taint effect: ${effect}, unsupported taint effect`)
    const kv = parts[0].split('=')
    if (kv.length > 2) throw new TaintSpecError(`invalid taint spec: ${st}`)
    key = kv[0]
    if (kv.length === 2) {
      value = kv[1]
      const errs = isValidLabelValue(value)
      if (errs.length) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`)
    }
  } else throw new TaintSpecError(`invalid taint spec: ${st}`)
  const errs = isQualifiedName(key)
  if (errs.length) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`)
  const t: Taint = { key, effect: effect as Taint['effect'] }
  if (value) t.value = value
  return t
}

/** `parseTaints`: additions need an effect and must be unique by key and effect. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = []
  const remove: Taint[] = []
  const seen = new Set<string>()
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1))
      remove.push({ key: t.key, effect: t.effect })
      continue
    }
    const t = parseTaint(spec)
    if (!t.effect) throw new TaintSpecError(`invalid taint spec: ${spec}`)
    if (seen.has(`${t.effect}\u0000${t.key}`)) throw new TaintSpecError(`duplicated taints with the same key and effect: ${goTaint(t)}`)
    seen.add(`${t.effect}\u0000${t.key}`)
    add.push(t)
  }
  return { add, remove }
}

/** Go's `%v` of a `corev1.Taint` value: `{key value effect <nil>}`. */
function goTaint(t: Taint): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect} <nil>}`
}

/** The conflicts `Validate` reports: a key both added and removed (same effect, or removal without effect). */
export function conflictingTaints(add: Taint[], remove: Taint[]): string[] {
  const out: string[] = []
  for (const a of add)
    for (const r of remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) out.push(`{"${r.key}":"${r.effect ?? ''}"}`)
  return out
}

/** `checkIfTaintsAlreadyExists`: keys of additions that already exist with the same effect. */
export function existingTaintKeys(old: Taint[], add: Taint[]): string {
  const keys: string[] = []
  for (const t of add) for (const o of old) if (t.key === o.key && t.effect === o.effect) keys.push(t.key)
  return keys.join(',')
}

const matchTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect

/**
 * `reorganizeTaints`: the new list and the operation; removals that match nothing are
 * errors (`taint "key:Effect" not found`).
 */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { operation: 'tainted' | 'untainted' | 'modified'; taints: Taint[]; errors: string[] } {
  let taints = [...add]
  for (const o of old) if (!taints.some((t) => matchTaint(t, o))) taints.push(o)
  const added = old.length !== taints.length
  const errors: string[] = []
  let deleted = false
  for (const r of remove) {
    const before = taints.length
    taints = r.effect ? taints.filter((t) => !matchTaint(r, t)) : taints.filter((t) => t.key !== r.key)
    deleted = taints.length !== before
    if (!deleted) errors.push(`taint "${taintToString(r)}" not found`)
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted'
  return { operation, taints, errors }
}
