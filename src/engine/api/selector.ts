/**
 * Kubernetes label selectors: the string grammar (`kubectl get -l`), metav1.LabelSelector, matching
 * and the canonical string form, with apimachinery's exact error texts.
 *
 * Sources (k8s.io/apimachinery):
 * - pkg/labels/selector.go: Lexer, Parser, NewRequirement, Requirement.Matches/String, SelectorFromValidatedSet
 * - pkg/apis/meta/v1/helpers.go: LabelSelectorAsSelector, FormatLabelSelector
 * - pkg/apis/meta/v1/validation/validation.go: ValidateLabelSelector(Requirement)
 *
 * Example:
 *   selectorString(parseSelector('tier notin (frontend), env in (qa,prod), !legacy, partition'))
 *   // → 'env in (prod,qa),!legacy,partition,tier notin (frontend)'
 */
import {
  aggregateString, childPath, fieldErrorString, forbidden, indexPath, invalid, keyPath, notSupported, required,
  goQuote, type FieldError,
} from './field-errors'
import { isQualifiedName, isValidLabelValue, validateLabelName, validateLabels } from './labels'

export type Operator =
  | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'DoubleEquals' | 'NotEquals' | 'GreaterThan' | 'LessThan'
export type Requirement = { key: string; operator: Operator; values: string[] }
/** ANDed requirements, sorted by key. No requirements selects everything. */
export type Selector = { requirements: Requirement[] }
export type LabelSelector = {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}
export type Labels = Record<string, string> | undefined | null

/** Thrown by parseSelector / fromLabelSelector / newRequirement; `message` is Kubernetes' text. */
export class SelectorParseError extends Error {
  override name = 'SelectorParseError'
}

// selection.Operator spellings, used in messages (`expected: in, notin, =, ==, !=, gt, lt`).
const BINARY_OPS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt']
const VALID_OPS = [...BINARY_OPS, 'exists', '!']

/**
 * NewRequirement: validates key, value count per operator, and each value.
 * `path` null is Go's nil *field.Path (children print as `values`, `key`).
 * Throws the aggregated field errors, e.g. `values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty`.
 */
export function newRequirement(key: string, operator: Operator, values: string[], path: string | null = null, nilValues = false): Requirement {
  const errs: FieldError[] = []
  const sub = (name: string) => (path === null ? name : childPath(path, name))
  const keyErrs = isQualifiedName(key)
  if (keyErrs.length) errs.push(invalid(sub('key'), key, keyErrs.join('; ')))
  const vp = sub('values')
  // LabelSelectorAsSelector copies matchExpressions values with append([]string(nil), …): empty → nil → "null".
  const bad = nilValues && values.length === 0 ? null : values
  switch (operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(invalid(vp, bad, "for 'in', 'notin' operators, values set can't be empty"))
      break
    case 'Equals': case 'DoubleEquals': case 'NotEquals':
      if (values.length !== 1) errs.push(invalid(vp, bad, 'exact-match compatibility requires one single value'))
      break
    case 'Exists': case 'DoesNotExist':
      if (values.length !== 0) errs.push(invalid(vp, bad, 'values set must be empty for exists and does not exist'))
      break
    case 'GreaterThan': case 'LessThan':
      if (values.length !== 1) errs.push(invalid(vp, bad, "for 'Gt', 'Lt' operators, exactly one value is required"))
      values.forEach((v, i) => {
        if (parseInt64(v) === null) errs.push(invalid(indexPath(vp, i), v, "for 'Gt', 'Lt' operators, the value must be an integer"))
      })
      break
    default:
      errs.push(notSupported(sub('operator'), operator, VALID_OPS))
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v)
    if (msgs.length) errs.push(invalid(keyPath(indexPath(vp, i), key), v, msgs.join('; ')))
  })
  if (errs.length) throw new SelectorParseError(aggregateString(errs))
  return { key, operator, values }
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range. */
function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null
  const n = BigInt(s)
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : null
}

const has = (labels: Labels, k: string) => !!labels && Object.prototype.hasOwnProperty.call(labels, k)

/** Requirement.Matches. `!=`/notin match an absent key; `>`/`<` need both sides to be int64. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const present = has(labels, r.key)
  const val = present ? labels![r.key] : ''
  switch (r.operator) {
    case 'In': case 'Equals': case 'DoubleEquals': return present && r.values.includes(val)
    case 'NotIn': case 'NotEquals': return !present || !r.values.includes(val)
    case 'Exists': return present
    case 'DoesNotExist': return !present
    case 'GreaterThan': case 'LessThan': {
      const lv = present ? parseInt64(val) : null
      const rv = r.values.length === 1 ? parseInt64(r.values[0]) : null
      if (lv === null || rv === null) return false
      return r.operator === 'GreaterThan' ? lv > rv : lv < rv
    }
  }
}

/** Selector.Matches: every requirement matches; Nothing() matches nothing. */
export function matches(sel: Selector | 'nothing', labels: Labels): boolean {
  return sel !== 'nothing' && sel.requirements.every((r) => requirementMatches(r, labels))
}

const OP_TEXT: Record<Operator, string> = {
  Equals: '=', DoubleEquals: '==', NotEquals: '!=', In: ' in ', NotIn: ' notin ', GreaterThan: '>', LessThan: '<',
  Exists: '', DoesNotExist: '',
}

/** Requirement.String: `!k`, `k`, `k=v`, `k in (a,b)`; several values are sorted for output only. */
export function requirementString(r: Requirement): string {
  const head = (r.operator === 'DoesNotExist' ? '!' : '') + r.key
  if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return head
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',')
  const set = r.operator === 'In' || r.operator === 'NotIn'
  return head + OP_TEXT[r.operator] + (set ? `(${vals})` : vals)
}

/** Selector.String: requirements joined with ',' (no space); Nothing() prints ''. */
export function selectorString(sel: Selector | 'nothing'): string {
  return sel === 'nothing' ? '' : sel.requirements.map(requirementString).join(',')
}

// Sorting by key keeps the parser deterministic (selector.go sorts ByKey); JS sort is stable.
const byKey = (reqs: Requirement[]) => reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

// ---------------------------------------------------------------- lexer

type Tok = 'error' | 'eos' | 'id' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '('
type Item = { tok: Tok; lit: string }
const STRING_TO_TOKEN: Record<string, Tok> = {
  ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(',
}
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n'
const isSpecial = (c: string) => '=!(),><'.includes(c) && c !== ''

/** Lexer.Lex over the whole input: identifiers run to whitespace or a special; the longest operator wins. */
function lex(s: string): Item[] {
  const items: Item[] = []
  let pos = 0
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' })
      return items
    }
    const start = pos
    if (isSpecial(s[pos])) {
      let last: Item | null = null
      let buf = ''
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos]
        const t = STRING_TO_TOKEN[buf]
        if (t) last = { tok: t, lit: buf }
        else if (last) break
        pos++
      }
      if (!last) items.push({ tok: 'error', lit: `error expected: keyword found '${buf}'` })
      else {
        pos = start + last.lit.length
        items.push(last)
      }
      continue
    }
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) pos++
    const lit = s.slice(start, pos)
    items.push({ tok: STRING_TO_TOKEN[lit] ?? 'id', lit })
  }
}

// ---------------------------------------------------------------- parser

class Parser {
  private pos = 0
  constructor(private readonly items: Item[]) {}

  // In the Values context `in` / `notin` are plain identifiers (`x in (in)` is legal).
  lookahead(values: boolean): Item {
    const it = this.items[this.pos]
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it
  }
  consume(values: boolean): Item {
    const it = this.lookahead(values)
    this.pos++
    return it
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = []
    for (;;) {
      const { tok, lit } = this.lookahead(true)
      if (tok === 'eos') return reqs
      if (tok !== 'id' && tok !== '!') fail(`found '${lit}', expected: !, identifier, or 'end of string'`)
      try {
        reqs.push(this.parseRequirement())
      } catch (e) {
        fail(`unable to parse requirement: ${(e as Error).message}`)
      }
      const next = this.consume(true)
      if (next.tok === 'eos') return reqs
      if (next.tok !== ',') fail(`found '${next.lit}', expected: ',' or 'end of string'`)
      const after = this.lookahead(true)
      if (after.tok !== 'id' && after.tok !== '!') fail(`found '${after.lit}', expected: identifier after ','`)
    }
  }

  parseRequirement(): Requirement {
    let op: Operator | '' = ''
    let { tok, lit } = this.consume(true)
    if (tok === '!') {
      op = 'DoesNotExist'
      ;({ tok, lit } = this.consume(true))
    }
    if (tok !== 'id') fail(`found '${lit}', expected: identifier`)
    const keyErrs = isQualifiedName(lit)
    // The parser validates the key against its own (nil) path, hence Go's `<nil>:` prefix.
    if (keyErrs.length) fail(fieldErrorString(invalid('<nil>', lit, keyErrs.join('; '))))
    const la = this.lookahead(true).tok
    if ((la === 'eos' || la === ',') && op !== 'DoesNotExist') op = 'Exists'
    if (op === 'Exists' || op === 'DoesNotExist') return newRequirement(lit, op, [])
    const operator = this.parseOperator()
    const values = operator === 'In' || operator === 'NotIn' ? this.parseValues() : this.parseExactValue()
    return newRequirement(lit, operator, [...values].sort())
  }

  parseOperator(): Operator {
    const { tok, lit } = this.consume(false)
    const op = ({ in: 'In', '=': 'Equals', '==': 'DoubleEquals', '>': 'GreaterThan', '<': 'LessThan', notin: 'NotIn', '!=': 'NotEquals' } as Partial<Record<Tok, Operator>>)[tok]
    return op ?? fail(`found '${lit}', expected: ${BINARY_OPS.join(', ')}`)
  }

  parseValues(): Set<string> {
    const open = this.consume(true)
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`)
    const { tok, lit } = this.lookahead(true)
    if (tok === ')') {
      this.consume(true)
      return new Set([''])
    }
    if (tok !== 'id' && tok !== ',') fail(`found '${lit}', expected: ',', ')' or identifier`)
    const s = this.parseIdentifiersList()
    if (this.consume(true).tok !== ')') fail(`found '${lit}', expected: ')'`)
    return s
  }

  // Empty entries count as "": `(,a)`, `(a,,b)` and `(a,)` all add "" (a set, so once).
  parseIdentifiersList(): Set<string> {
    const s = new Set<string>()
    for (;;) {
      const { tok, lit } = this.consume(true)
      if (tok === 'id') {
        s.add(lit)
        const next = this.lookahead(true)
        if (next.tok === ')') return s
        if (next.tok !== ',') fail(`found '${next.lit}', expected: ',' or ')'`)
      } else if (tok === ',') {
        if (s.size === 0) s.add('')
        const next = this.lookahead(true).tok
        if (next === ')') {
          s.add('')
          return s
        }
        if (next === ',') s.add('')
      } else fail(`found '${lit}', expected: ',', or identifier`)
    }
  }

  // `k=` (followed by end or ',') means the empty value.
  parseExactValue(): Set<string> {
    const la = this.lookahead(true).tok
    if (la === 'eos' || la === ',') return new Set([''])
    const { tok, lit } = this.consume(true)
    return tok === 'id' ? new Set([lit]) : fail(`found '${lit}', expected: identifier`)
  }
}

function fail(message: string): never {
  throw new SelectorParseError(message)
}

/**
 * labels.Parse. Throws SelectorParseError with Kubernetes' message, e.g.
 * `unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt` for `x y`.
 */
export function parseSelector(s: string): Selector {
  return { requirements: byKey(new Parser(lex(s)).parse()) }
}

/**
 * LabelSelectorAsSelector: null/undefined selects nothing, `{}` everything; matchLabels become `=`,
 * matchExpressions In/NotIn/Exists/DoesNotExist. Throws SelectorParseError on invalid input
 * (`"Foo" is not a valid pod selector operator`, or NewRequirement's errors).
 * Go walks matchLabels in map order; we walk sorted keys, then sort all by key as upstream does.
 */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector | 'nothing' {
  if (!ls) return 'nothing'
  const ml = ls.matchLabels ?? {}
  const me = ls.matchExpressions ?? []
  const reqs: Requirement[] = Object.keys(ml).sort().map((k) => newRequirement(k, 'Equals', [ml[k]]))
  for (const expr of me) {
    const op = LABEL_SELECTOR_OPS[expr.operator]
    if (!op) fail(`${goQuote(expr.operator)} is not a valid pod selector operator`)
    reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])], null, true))
  }
  return { requirements: byKey(reqs) }
}
const LABEL_SELECTOR_OPS: Record<string, Operator | undefined> = {
  In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist',
}

/** SelectorFromValidatedSet (ReplicationController's equality map): no validation, empty → everything. */
export function fromEqualityMap(map: Record<string, string> | undefined | null): Selector {
  const m = map ?? {}
  return { requirements: Object.keys(m).sort().map((k) => ({ key: k, operator: 'Equals', values: [m[k]] })) }
}

/** metav1.FormatLabelSelector (kubectl describe): `<none>` when empty or nil, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  let s: string
  try {
    s = selectorString(fromLabelSelector(ls))
  } catch {
    return '<error>'
  }
  return s === '' ? '<none>' : s
}

/**
 * ValidateLabelSelector (API validation, with label values checked as on create):
 * e.g. `spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'`.
 */
export function validateLabelSelector(ls: LabelSelector | undefined | null, fieldPath: string): FieldError[] {
  if (!ls) return []
  const errs = validateLabels(ls.matchLabels, childPath(fieldPath, 'matchLabels'))
  ;(ls.matchExpressions ?? []).forEach((expr, i) => {
    const p = indexPath(childPath(fieldPath, 'matchExpressions'), i)
    const vp = childPath(p, 'values')
    const values = expr.values ?? []
    switch (expr.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) errs.push(required(vp, "must be specified when `operator` is 'In' or 'NotIn'"))
        break
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        break
      default:
        errs.push(invalid(childPath(p, 'operator'), expr.operator, 'not a valid selector operator'))
    }
    errs.push(...validateLabelName(expr.key, childPath(p, 'key')))
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(indexPath(vp, j), v, msg))
    })
  })
  return errs
}
