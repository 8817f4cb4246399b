/**
 * apimachinery's field.Error model and the exact texts the API server prints for it.
 *
 * Sources (k8s.io/apimachinery):
 * - pkg/util/validation/field/errors.go: `Error()`, `ErrorBody()`, `NotSupported`, `TooLong`, `ToAggregate`
 * - pkg/util/validation/field/path.go: `Path.String()` (`a.b[0][key]`)
 * - pkg/util/errors/errors.go: `aggregate.Error()` (one error bare, several as `[e1, e2]`)
 * - pkg/api/errors/errors.go: `NewInvalid` (`<Kind> "<name>" is invalid: <aggregate>`)
 *
 * Example:
 *   fieldErrorString(invalid('spec.replicas', -1, 'must be greater than or equal to 0'))
 *   // → 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'
 */

export const FieldErrorType = {
  Invalid: 'FieldValueInvalid',
  Required: 'FieldValueRequired',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
} as const
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType]

/** One field-level validation error (field.Error). `value` is the BadValue. */
export type FieldError = { type: FieldErrorType; field: string; value?: unknown; detail: string }

/** ErrorType.String(): the words between the field and the value. */
const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
}

export const invalid = (field: string, value: unknown, detail: string): FieldError =>
  ({ type: FieldErrorType.Invalid, field, value, detail })

// field.Required and field.Forbidden store BadValue "" but ErrorBody never prints it.
export const required = (field: string, detail = ''): FieldError =>
  ({ type: FieldErrorType.Required, field, value: '', detail })

export const forbidden = (field: string, detail: string): FieldError =>
  ({ type: FieldErrorType.Forbidden, field, value: '', detail })

export const duplicate = (field: string, value: unknown): FieldError =>
  ({ type: FieldErrorType.Duplicate, field, value, detail: '' })

/** field.NotSupported: detail is `supported values: "a", "b"` (each strconv.Quote'd), or empty. */
export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length > 0 ? 'supported values: ' + valid.map(goQuote).join(', ') : ''
  return { type: FieldErrorType.NotSupported, field, value, detail }
}

/** field.TooLong: the value is omitted; the detail counts bytes (`may not be more than 63 bytes`). */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0
    ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`
    : 'value is too long'
  return { type: FieldErrorType.TooLong, field, value: '<value omitted>', detail }
}

/** Error.ErrorBody(): the message without the field (what a StatusCause carries). */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type]
  // Required, Forbidden and TooLong never print the value; the others do.
  if (e.type !== 'FieldValueRequired' && e.type !== 'FieldValueForbidden' && e.type !== 'FieldValueTooLong') {
    s += ': ' + formatBadValue(e.value)
  }
  if (e.detail.length > 0) s += ': ' + e.detail
  return s
}

/** Error.Error(): `<field>: <body>`. */
export const fieldErrorString = (e: FieldError): string => `${e.field}: ${errorBody(e)}`

/**
 * ErrorList.ToAggregate().Error(): identical messages collapse (ToAggregate keeps the first),
 * one error prints bare, several as `[e1, e2]`, none as ''.
 */
export function aggregateString(errs: readonly FieldError[]): string {
  const msgs = [...new Set(errs.map(fieldErrorString))]
  if (msgs.length === 0) return ''
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`
}

/**
 * StatusError message of errors.NewInvalid: `Deployment.apps "web" is invalid: spec.replicas: ...`.
 * `qualifiedKind` is GroupKind.String(): `Pod` in core, `Deployment.apps` elsewhere.
 */
export function invalidMessage(qualifiedKind: string, name: string, errs: readonly FieldError[]): string {
  const head = `${qualifiedKind} ${goQuote(name)} is invalid`
  return errs.length === 0 ? head : `${head}: ${aggregateString(errs)}`
}

// ---- field.Path helpers: Path.String() joins children with '.', subscripts as [i] / [key] ----

export const childPath = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`)
export const indexPath = (path: string, i: number): string => `${path}[${i}]`
export const keyPath = (path: string, key: string): string => `${path}[${key}]`

// ---- Go value formatting ----

/**
 * How ErrorBody prints BadValue: ints, floats and bools with %v, strings with %q,
 * everything else as encoding/json (nil → `null`, []string{} → `[]`).
 */
export function formatBadValue(v: unknown): string {
  switch (typeof v) {
    case 'string': return goQuote(v)
    case 'number': return goFloat(v)
    case 'boolean': case 'bigint': return String(v)
    default: return goJSON(v)
  }
}

/** strconv.Quote / %q for the characters a Kubernetes value can hold. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"' || ch === '\\') out += '\\' + ch
    else if (c >= 0x20 && c !== 0x7f) out += ch
    else out += GO_ESCAPES[ch] ?? '\\x' + c.toString(16).padStart(2, '0')
  }
  return out + '"'
}
const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
}

/** %v of a float64: shortest digits, exponent form below 1e-4 or from 1e21, exponent ≥ 2 digits. */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'
  if (n === 0) return '0'
  const [mant, exp] = n.toExponential().split('e')
  const e = Number(exp)
  if (e >= -4 && e < 21) return String(n)
  const abs = Math.abs(e)
  return `${mant}e${e < 0 ? '-' : '+'}${abs < 10 ? '0' + abs : abs}`
}

/** encoding/json.Marshal: map keys sorted, `<`, `>`, `&` HTML-escaped as Go does by default. */
function goJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  if (Array.isArray(v)) return `[${v.map(goJSON).join(',')}]`
  const obj = v as Record<string, unknown>
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort()
  return `{${keys.map((k) => `${goJSON(k)}:${goJSON(obj[k])}`).join(',')}}`
}
