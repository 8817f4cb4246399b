import type { KindDef } from '../api/kinds/kind'
import type { KObject } from '../api/types'
import { ApiError } from '../apiserver/errors'

/**
 * `--field-selector` as the API server evaluates it: apimachinery `fields.ParseSelector`
 * (`key=value`, `key==value`, `key!=value`, comma-separated, `\` escapes), then each kind's
 * field label conversion, which accepts only the fields that kind indexes — `metadata.name`
 * and `metadata.namespace` for every kind, plus e.g. `spec.nodeName` and `status.phase` for
 * pods (`pkg/registry/core/pod/strategy.go` `PodToSelectableFields`). Anything else is the
 * server's `field label not supported: <key>`, which kubectl shows through `EnhanceListError`:
 *
 *   Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label
 *   selector "", field selector "foo=bar": field label not supported: foo
 *
 * @example
 *   const keep = fieldFilter(podDef, '', 'status.phase=Running,spec.nodeName!=node-1')
 *   pods.filter(keep)
 */
export interface FieldTerm {
  field: string
  op: '=' | '!='
  value: string
}

/** Fields each kind supports beyond metadata.name/namespace, with how to read them. */
const FIELDS: Record<string, Record<string, (o: KObject) => string>> = {
  Pod: {
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => o.spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => o.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
    'status.phase': (o) => o.status?.phase ?? '',
    'status.podIP': (o) => o.status?.podIP ?? '',
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName ?? '',
  },
  Node: { 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
  Namespace: { 'status.phase': (o) => o.status?.phase ?? '' },
  ReplicaSet: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  ReplicationController: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  Service: { 'spec.clusterIP': (o) => o.spec?.clusterIP ?? '', 'spec.type': (o) => o.spec?.type ?? '' },
  Event: {
    'involvedObject.kind': (o) => o.involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => o.involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => o.involvedObject?.name ?? '',
    'involvedObject.uid': (o) => o.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath ?? '',
    reason: (o) => o.reason ?? '',
    reportingComponent: (o) => o.reportingComponent ?? '',
    source: (o) => o.source?.component ?? '',
    type: (o) => o.type ?? '',
  },
}

class FieldSelectorError extends Error {}

/** `fields.ParseSelector`: the terms, sorted as the server sorts them. */
export function parseFieldSelector(s: string): FieldTerm[] {
  const terms: FieldTerm[] = []
  for (const part of splitTerms(s).sort()) {
    if (part === '') continue
    const t = splitTerm(part)
    if (!t) throw new FieldSelectorError(`invalid selector: '${s}'; can't understand '${part}'`)
    terms.push({ field: t.lhs, op: t.op === '!=' ? '!=' : '=', value: unescape(t.rhs) })
  }
  return terms
}

/**
 * The filter for a LIST with this field selector, or undefined for none. Throws the server's
 * 400, already in kubectl's `EnhanceListError` wording.
 */
export function fieldFilter(def: KindDef, labelSelector: string, s: string): ((o: KObject) => boolean) | undefined {
  if (!s.trim()) return undefined
  const fail = (msg: string) => {
    const gvr = `${def.group}/${def.apiVersion.split('/').pop()}, Resource=${def.resource}`
    return new ApiError(400, 'BadRequest', `Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "${s}": ${msg}`)
  }
  let terms: FieldTerm[]
  try {
    terms = parseFieldSelector(s)
  } catch (e) {
    if (e instanceof FieldSelectorError) throw fail(e.message)
    throw e
  }
  const readers = terms.map((t) => {
    const read = readerFor(def, t.field)
    if (!read) throw fail(`field label not supported: ${t.field}`)
    return { t, read }
  })
  return (o) => readers.every(({ t, read }) => (read(o) === t.value) === (t.op === '='))
}

function readerFor(def: KindDef, field: string): ((o: KObject) => string) | undefined {
  if (field === 'metadata.name') return (o) => o.metadata.name ?? ''
  if (field === 'metadata.namespace' && def.namespaced) return (o) => o.metadata.namespace ?? ''
  return FIELDS[def.kind]?.[field]
}

/** `splitTerms`: split at commas that are not escaped. */
function splitTerms(s: string): string[] {
  if (s === '') return []
  const terms: string[] = []
  let cur = ''
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1]
      i++
    } else if (s[i] === ',') {
      terms.push(cur)
      cur = ''
    } else cur += s[i]
  }
  terms.push(cur)
  return terms
}

/** `splitTerm`: the first `!=`, `==` or `=` from the left. */
function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++)
    for (const op of ['!=', '==', '='])
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) }
  return undefined
}

/** `UnescapeValue`: `\\`, `\,` and `\=` stand for themselves; anything else escaped is an error. */
function unescape(v: string): string {
  let out = ''
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '\\') {
      if (v[i] === '=' || v[i] === ',') throw new FieldSelectorError(`invalid field selector: unescaped character: ${v[i]}`)
      out += v[i]
      continue
    }
    const n = v[++i]
    if (n === undefined || !'\\,='.includes(n)) throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${n ?? ''}`)
    out += n
  }
  return out
}
