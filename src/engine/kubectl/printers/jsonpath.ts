import { goJson } from './gojson'
import { parseJsonPath, type ArrayParam, type JPList, type JPNode } from './jsonpath-parse'

/**
 * Evaluating kubectl's JSONPath (client-go `util/jsonpath/jsonpath.go`) over an object as
 * kubectl holds it (unstructured: maps, arrays, strings, int64/float64, bools, null):
 *
 * - `{range …}…{end}` repeats the enclosed template per result; text after `{end}` prints once;
 * - results of one `{…}` are separated by a space; maps and arrays print as compact JSON
 *   (`{"app":"web"}`), strings as they are, JSON null as `<nil>`;
 * - a missing field prints nothing (kubectl's printer allows missing keys); an index out of
 *   range is an error (`array index out of bounds: index 5, length 3`);
 * - filters compare with Go's `text/template` rules. kubectl decodes JSON integers as int64
 *   while a number in the filter becomes float64, so `[?(@.port==80)]` never matches an
 *   integer field — exactly as in kubectl (types differ: "incompatible types", ignored).
 *   Strings and booleans compare as expected.
 *
 * @example
 *   new JsonPath('{.items[*].metadata.name}').execute(list)      // 'web-1 web-2'
 *   new JsonPath('{.status.conditions[?(@.type=="Ready")].status}').execute(pod) // 'True'
 */
export class JsonPathError extends Error {
  override name = 'JsonPathError'
}

type Value = unknown

export class JsonPath {
  private readonly root: JPList
  private stack: Value[][] = []
  private cur: Value[] = []
  private beginRange = 0
  private inRange = 0
  private endRange = 0

  constructor(
    template: string,
    private readonly allowMissingKeys = true,
  ) {
    this.root = parseJsonPath(template)
  }

  /** `FindResults`: one array of values per printed action or text. */
  findResults(data: Value, nodes: JPNode[] = this.root.nodes): Value[][] {
    this.cur = [data]
    const full: Value[][] = []
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(this.cur, nodes[i])
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--
        break
      }
      if (this.beginRange > 0) {
        this.beginRange--
        this.inRange++
        results.forEach((value, k) => {
          if (k === results.length - 1) this.inRange--
          full.push(...this.findResults(value, nodes.slice(i + 1)))
        })
        break
      }
      full.push(results)
    }
    return full
  }

  /** `Execute` + `PrintResults`. */
  execute(data: Value): string {
    this.stack = []
    this.beginRange = this.inRange = this.endRange = 0
    return this.findResults(data)
      .map((results) => results.map(printValue).join(' '))
      .join('')
  }

  private walk(input: Value[], node: JPNode): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node)
      case 'text':
        return [node.text]
      case 'field':
        return this.evalField(input, node.value)
      case 'array':
        return evalArray(input, node.params)
      case 'filter':
        return this.evalFilter(input, node)
      case 'int':
        return input.map(() => ({ [INT_LITERAL]: node.value }))
      case 'float':
      case 'bool':
        return input.map(() => node.value)
      case 'wildcard':
        return input.flatMap((v) => children(v) ?? [])
      case 'recursive':
        return evalRecursive(input)
      case 'union':
        return node.nodes.flatMap((l) => this.evalList(input, l))
      case 'identifier':
        return this.evalIdentifier(input, node.name)
    }
  }

  private evalList(input: Value[], node: JPList): Value[] {
    let cur = input
    for (const n of node.nodes) cur = this.walk(cur, n)
    return cur
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.stack.push(this.cur)
      this.beginRange++
      return input
    }
    if (name === 'end') {
      if (this.endRange < this.inRange) {
        this.endRange++
        return []
      }
      if (this.stack.length === 0) throw new JsonPathError('not in range, nothing to end')
      this.cur = this.stack.pop()!
      return []
    }
    throw new JsonPathError(`unrecognized identifier ${name}`)
  }

  private evalField(input: Value[], key: string): Value[] {
    if (input.length === 0) return []
    const results: Value[] = []
    for (const v of input) {
      if (v === null || v === undefined) continue
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined) results.push(v[key])
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${key} is not found`)
    return results
  }

  private evalFilter(input: Value[], node: Extract<JPNode, { type: 'filter' }>): Value[] {
    const results: Value[] = []
    for (const value of input) {
      const items = children(value) ?? [value]
      for (const item of items) {
        let lefts: Value[] = []
        try {
          lefts = this.evalList([item], node.left)
        } catch (e) {
          if (!this.allowMissingKeys) throw e
        }
        const rights = this.evalList([item], node.right)
        if (lefts.length === 0) continue
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time')
        if (node.operator === 'exists') {
          results.push(item)
          continue
        }
        if (rights.length === 0) continue
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time')
        if (compare(node.operator, lefts[0], rights[0])) results.push(item)
      }
    }
    return results
  }
}

/** Marks an int literal from the template (Go `int`, turned into float64 before comparing). */
const INT_LITERAL = Symbol('int')

const isMap = (v: Value): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(INT_LITERAL in v)

/** `iterHelper`: arrays in order, maps by sorted key (Go's fmtsort); anything else is not iterable. */
function children(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v
  if (isMap(v))
    return Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => v[k])
  return undefined
}

function evalRecursive(input: Value[]): Value[] {
  const result: Value[] = []
  for (const v of input) {
    if (v === null || v === undefined) continue
    const kids = children(v)
    if (!kids || kids.length === 0) continue
    result.push(v)
    result.push(...evalRecursive(kids))
  }
  return result
}

function evalArray(input: Value[], node: ArrayParam[]): Value[] {
  const result: Value[] = []
  for (const value of input) {
    if (value === null || value === undefined) continue
    if (!Array.isArray(value)) throw new JsonPathError(`${goTypeName(value)} is not array or slice`)
    const p = node.map((x) => ({ ...x }))
    const len = value.length
    if (!p[0].known) p[0].value = 0
    if (p[0].value < 0) p[0].value += len
    if (!p[1].known) p[1].value = len
    if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len
    if (p[1].value === p[0].value) return result
    if (p[0].value >= len || p[0].value < 0) throw new JsonPathError(`array index out of bounds: index ${p[0].value}, length ${len}`)
    if (p[1].value > len || p[1].value < 0) throw new JsonPathError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`)
    if (p[0].value > p[1].value) throw new JsonPathError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`)
    let step = 1
    if (p[2].known) {
      if (p[2].value <= 0) throw new JsonPathError('step must be > 0')
      step = p[2].value
    }
    const slice = value.slice(p[0].value, p[1].value)
    for (let i = 0; i < slice.length; i += step) result.push(slice[i])
  }
  return result
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid'

/** text/template `basicKind`, with kubectl's int64 data and float64 literals. */
function kindOf(v: Value): Kind {
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float'
  // An int literal is converted to float64 before comparing (evalOperator).
  if (typeof v === 'object' && v !== null && INT_LITERAL in v) return 'float'
  return 'invalid'
}

const num = (v: Value): number => (typeof v === 'object' && v !== null && INT_LITERAL in v ? (v as Record<symbol, number>)[INT_LITERAL] : (v as number))

/** `evalOperator`: incompatible or uncomparable types are not an error, just no match. */
function compare(op: string, l: Value, r: Value): boolean {
  const kl = kindOf(l)
  const kr = kindOf(r)
  if (kl === 'invalid' || kr === 'invalid' || kl !== kr) return false
  const a = kl === 'float' || kl === 'int' ? num(l) : l
  const b = kr === 'float' || kr === 'int' ? num(r) : r
  switch (op) {
    case '==':
      return a === b
    case '!=':
      return a !== b
    case '<':
    case '>':
    case '<=':
    case '>=': {
      // text/template's lt/gt reject booleans.
      if (kl === 'bool') return false
      const x = a as number | string
      const y = b as number | string
      return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y
    }
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`)
  }
}

/** `PrintResults` for one value: JSON for maps and arrays, `fmt.Fprint` otherwise. */
function printValue(v: Value): string {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'object' && INT_LITERAL in v) return String(num(v))
  if (typeof v === 'object') return goJson(v)
  return String(v)
}

/** `reflect.Type.String()` of an unstructured value, for error texts. */
export function goTypeName(v: Value): string {
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64'
  if (Array.isArray(v)) return '[]interface {}'
  if (typeof v === 'object' && v !== null && INT_LITERAL in v) return 'int'
  return 'map[string]interface {}'
}
