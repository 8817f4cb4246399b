import { DEFINITIONS, type ExplainKind, type Schema } from './schema'

/**
 * kubectl explain's plaintext output (kubectl `pkg/explain/v2/templates/plaintext.tmpl` with
 * the functions of `funcs.go`), evaluated over the playground's schemas:
 *
 * ```
 * GROUP:      apps                       (only for a named group)
 * KIND:       Deployment
 * VERSION:    v1
 *
 * FIELD: spec <DeploymentSpec>           (when a field path is given)
 *
 *
 * DESCRIPTION:
 *     <descriptions, wrapped at 76, indented 4>
 * FIELDS:
 *   <name>\t<type> -required-
 *     <description, wrapped at 78 − indent>
 *
 * ```
 * `wrap` is go-wordwrap's `WrapString` over the description as it is: its line breaks stay
 * (a field's own description and its type's are separate lines; "…#updating-images", a blank
 * line, then "Possible enum values:" and one " - " line per value). kubernetes#126533 briefly
 * removed every line break first, which glued sentences together ("Cannot be updated.A single
 * application container…"); that was reverted after it broke formatted descriptions.
 */
export class ExplainError extends Error {
  override name = 'ExplainError'
}

export function explain(k: ExplainKind, fieldPath: string[], recursive: boolean): string {
  let out = ''
  if (k.group) out += `GROUP:      ${k.group}\n`
  out += `KIND:       ${k.kind}\n`
  out += `VERSION:    ${k.version}\n`
  out += '\n'
  const body = output(DEFINITIONS.get(k.schema)!, fieldPath, recursive, new Set())
  if (!body) throw new ExplainError(`field "${fieldPath[fieldPath.length - 1]}" does not exist`)
  return out + body + '\n'
}

const resolve = (s: Schema): Schema => (s.ref ? (DEFINITIONS.get(s.ref) ?? s) : s)
const allOf = (s: Schema): Schema[] => (s.allOfRef ? [{ ref: s.allOfRef }] : [])

function output(schema: Schema, path: string[], recursive: boolean, history: Set<string>): string {
  const ref = schema.ref ?? ''
  const resolved = resolve(schema)
  if (path.length === 0) {
    let out = 'DESCRIPTION:\n' + indent(4, wrap(76, description(resolved) || '<empty>')) + '\n'
    const fields = fieldList(resolved, 1, recursive, new Set())
    if (fields) out += 'FIELDS:\n' + fields
    return out
  }
  if (ref && history.has(ref)) return ''
  const next = new Set(history)
  if (ref) next.add(ref)
  const sub = resolved.properties?.[path[0]]
  if (sub) {
    let out = ''
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub)}>\n` + enumText(sub, true, -1, 0) + '\n' + '\n'
    return out + output(sub, path.slice(1), recursive, new Set())
  }
  if (resolved.items) return output(resolved.items, path, recursive, next)
  if (resolved.additionalProperties) return output(resolved.additionalProperties, path, recursive, next)
  for (const alt of allOf(resolved)) {
    const o = output(alt, path, recursive, next)
    if (o) return o
  }
  return ''
}

/** The "description" template: the schema's, then its allOf / items / additionalProperties'. */
function description(s: Schema): string {
  const r = resolve(s)
  let out = r.description ? r.description + '\n' : ''
  for (const alt of allOf(r)) out += description(alt)
  if (r.items) out += description(r.items)
  if (r.additionalProperties) out += description(r.additionalProperties)
  return out
}

function fieldList(schema: Schema, level: number, recursive: boolean, history: Set<string>): string {
  const ref = schema.ref ?? ''
  if (ref && history.has(ref)) return ''
  const next = new Set(history)
  next.add(ref)
  const resolved = resolve(schema)
  let out = ''
  for (const name of Object.keys(resolved.properties ?? {}).sort()) {
    out += fieldDetail(resolved, name, level, recursive)
    if (recursive) out += fieldList(resolved.properties![name], level + 1, recursive, next)
  }
  for (const alt of allOf(resolved)) out += fieldList(alt, level, recursive, next)
  if (resolved.items) out += fieldList(resolved.items, level, recursive, next)
  if (resolved.additionalProperties) out += fieldList(resolved.additionalProperties, level, recursive, next)
  return out
}

function fieldDetail(parent: Schema, name: string, level: number, short: boolean): string {
  const n = level * 2
  const field = parent.properties![name]
  let out = ' '.repeat(n) + name + '\t<' + typeGuess(field) + '>'
  if ((parent.required ?? []).includes(name)) out += ' -required-'
  out += enumText(field, false, 4, n) + '\n'
  if (!short) out += indent(n + 2, wrap(78 - n, field.description || '<no description>')) + '\n' + '\n'
  return out
}

/** The "typeGuess" template: `string`, `[]Container`, `map[string]string`, `ObjectMeta`, `Object`. */
export function typeGuess(s: Schema): string {
  if (s.items) return '[]' + typeGuess(s.items)
  if (s.additionalProperties) return 'map[string]' + typeGuess(s.additionalProperties)
  if (s.allOfRef && !s.properties) return typeGuess({ ref: s.allOfRef })
  if (s.ref) {
    const r = DEFINITIONS.get(s.ref)
    if (!r || !r.type || r.type === 'object') return s.ref.split('.').pop() || 'Object'
    return r.type
  }
  return s.type === 'object' ? 'Object' : (s.type ?? 'Object')
}

/** The "extractEnum" template. */
function enumText(s: Schema, long: boolean, limit: number, indentAmount: number): string {
  const values = s.enum
  if (!values?.length) return ''
  let out = long ? 'ENUM:' : '\n' + ' '.repeat(indentAmount) + 'enum: '
  for (let i = 0; i < values.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....'
      break
    }
    if (i > 0 && !long) out += ', '
    else if (long) out += '\n    '
    out += values[i] === '' ? '""' : values[i]
  }
  return out
}

/** funcs.go `indent`: the pad before the text and after every newline. */
function indent(n: number, s: string): string {
  const pad = ' '.repeat(n)
  return pad + s.replace(/\n/g, '\n' + pad)
}

/** funcs.go `wrap`: `term.NewWordWrapWriter`, i.e. go-wordwrap's `WrapString`, line breaks kept. */
export function wrap(limit: number, s: string): string {
  return wordWrap(s, limit)
}

/** mitchellh/go-wordwrap `WrapString`: break at spaces; a word longer than the limit stays whole. */
export function wordWrap(s: string, lim: number): string {
  let buf = ''
  let current = 0
  let word = ''
  let space = ''
  for (const ch of s) {
    if (ch === '\n') {
      buf += space + word + ch
      space = word = ''
      current = 0
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += [...space].length + [...word].length
        buf += space + word
        space = word = ''
      }
      space += ch
    } else {
      word += ch
      if (current + [...space].length + [...word].length > lim && [...word].length < lim) {
        buf += '\n'
        current = 0
        space = ''
      }
    }
  }
  if (word.length === 0) {
    if (current + [...space].length <= lim) buf += space
  } else buf += space + word
  return buf
}
