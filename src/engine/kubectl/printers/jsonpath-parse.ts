/**
 * The parser of kubectl's JSONPath dialect (client-go `util/jsonpath/parser.go`), ported
 * state for state so that what it accepts, what it rejects and its error texts match:
 * text outside `{…}` is literal; inside, `.field`, `[n]`, `[a:b:c]`, `[*]`, `['key']`,
 * `[a,b]` (union), `..` (recursive descent), `[?(@.x=="y")]` (filter), `"quoted text"`,
 * numbers, `true`/`false`, and the `range`/`end` keywords.
 *
 * It differs from the JSONPath of `jsonpath-plus` and RFC 9535 (no `$` root requirement,
 * `range … end` blocks, the filter grammar), which is why it is written here.
 *
 * @example
 *   parseJsonPath('{range .items[*]}{.metadata.name}{"\t"}{end}')
 */
export type JPNode =
  | { type: 'list'; nodes: JPNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'array'; params: ArrayParam[] }
  | { type: 'filter'; left: JPList; right: JPList; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: JPList[] }
  | { type: 'identifier'; name: string }

export type JPList = Extract<JPNode, { type: 'list' }>

export interface ArrayParam {
  value: number
  known: boolean
  derived: boolean
}

export class JsonPathParseError extends Error {
  override name = 'JsonPathParseError'
}

const EOF = ''
const list = (): JPList => ({ type: 'list', nodes: [] })

/** Parse a template; throws JsonPathParseError with client-go's message. */
export function parseJsonPath(text: string): JPList {
  return new Parser(text).parse()
}

/** `parseAction`: parse `{text}` and return the action's own list. */
function parseAction(text: string): JPList {
  const root = parseJsonPath(`{${text}}`)
  return root.nodes[0] as JPList
}

class Parser {
  private pos = 0
  private start = 0
  private width = 0
  readonly root = list()

  constructor(private readonly input: string) {}

  parse(): JPList {
    this.parseText(this.root)
    return this.root
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos)
    this.start = this.pos
    return v
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0
      return EOF
    }
    const cp = this.input.codePointAt(this.pos)!
    const ch = String.fromCodePoint(cp)
    this.width = ch.length
    this.pos += this.width
    return ch
  }

  private peek(): string {
    const r = this.next()
    this.backup()
    return r
  }

  private backup(): void {
    this.pos -= this.width
  }

  private rest(): string {
    return this.input.slice(this.pos)
  }

  private parseText(cur: JPList): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() })
        return this.parseLeftDelim(cur)
      }
      if (this.next() === EOF) break
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() })
  }

  private parseLeftDelim(cur: JPList): void {
    this.pos += 1
    this.consumeText()
    const node = list()
    cur.nodes.push(node)
    this.parseInsideAction(node)
  }

  private parseInsideAction(cur: JPList): void {
    // client-go iterates these in map order; they cannot both match, so order does not matter.
    if (this.rest().startsWith('}')) return this.parseRightDelim()
    if (this.rest().startsWith('[?(')) return this.parseFilter(cur)
    if (this.rest().startsWith('..')) return this.parseRecursive(cur)
    const r = this.next()
    if (r === EOF || r === '\r' || r === '\n') throw new JsonPathParseError('unclosed action')
    if (r === ' ') this.consumeText()
    else if (r === '@' || r === '$') this.consumeText()
    else if (r === '[') return this.parseArray(cur)
    else if (r === '"' || r === "'") return this.parseQuote(cur, r)
    else if (r === '.') return this.parseField(cur)
    else if (r === '+' || r === '-' || isDigit(r)) {
      this.backup()
      return this.parseNumber(cur)
    } else if (isAlphaNumeric(r)) {
      this.backup()
      return this.parseIdentifier(cur)
    } else throw new JsonPathParseError(`unrecognized character in action: ${goRuneU(r)}`)
    return this.parseInsideAction(cur)
  }

  private parseRightDelim(): void {
    this.pos += 1
    this.consumeText()
    this.parseText(this.root)
  }

  private parseIdentifier(cur: JPList): void {
    for (;;) {
      const r = this.next()
      if (isTerminator(r)) {
        this.backup()
        break
      }
    }
    const value = this.consumeText()
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' })
    else cur.nodes.push({ type: 'identifier', name: value })
    this.parseInsideAction(cur)
  }

  private parseRecursive(cur: JPList): void {
    const last = cur.nodes[cur.nodes.length - 1]
    if (last && last.type === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent')
    this.pos += 2
    this.consumeText()
    cur.nodes.push({ type: 'recursive' })
    if (isAlphaNumeric(this.peek())) return this.parseField(cur)
    this.parseInsideAction(cur)
  }

  private parseNumber(cur: JPList): void {
    let r = this.peek()
    if (r === '+' || r === '-') this.next()
    for (;;) {
      r = this.next()
      if (r !== '.' && !isDigit(r)) {
        this.backup()
        break
      }
    }
    const value = this.consumeText()
    if (/^[+-]?[0-9]+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) })
    else if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) })
    else throw new JsonPathParseError(`cannot parse number ${value}`)
    this.parseInsideAction(cur)
  }

  private parseArray(cur: JPList): void {
    for (;;) {
      const r = this.next()
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated array')
      if (r === ']') break
    }
    let text = this.consumeText()
    text = text.slice(1, -1)
    if (text === '*') text = ':'
    const parts = text.split(',')
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((s) => parseAction(`[${s.trim()}]`)) })
      return this.parseInsideAction(cur)
    }
    const dict = /^'([^']*)'$/.exec(text)
    if (dict) {
      for (const n of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(n)
      return this.parseInsideAction(cur)
    }
    const m = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/.exec(text)
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`)
    const values = [m[1] ?? '', m[2] ?? '', m[3] ?? '']
    const params: ArrayParam[] = []
    for (let i = 0; i < 3; i++) {
      let v = values[i]
      if (v !== '') {
        if (i > 0) v = v.slice(1)
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false })
        else {
          if (!/^-?[0-9]+$/.test(v)) throw new JsonPathParseError(`array index ${v} is not a number`)
          params.push({ value: Number(v), known: true, derived: false })
        }
      } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true })
      else params.push({ value: 0, known: false, derived: false })
    }
    cur.nodes.push({ type: 'array', params })
    this.parseInsideAction(cur)
  }

  private parseFilter(cur: JPList): void {
    this.pos += 3
    this.consumeText()
    let begin = false
    let end = false
    let pair = ''
    for (;;) {
      const r = this.next()
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated filter')
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true
          pair = r
          continue
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true
      } else if (r === ')' && begin === end) break
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]')
    let text = this.consumeText()
    text = text.slice(0, -2)
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text)
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: list(), operator: 'exists' })
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] })
    this.parseInsideAction(cur)
  }

  private parseQuote(cur: JPList, end: string): void {
    for (;;) {
      const r = this.next()
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated quoted string')
      if (r === end && this.input[this.pos - 2] !== '\\') break
    }
    const value = this.consumeText()
    cur.nodes.push({ type: 'text', text: unquoteExtend(value) })
    this.parseInsideAction(cur)
  }

  private parseField(cur: JPList): void {
    this.consumeText()
    while (this.advance());
    const value = this.consumeText()
    if (value === '*') cur.nodes.push({ type: 'wildcard' })
    else cur.nodes.push({ type: 'field', value: value.replace(/\\/g, '') })
    this.parseInsideAction(cur)
  }

  private advance(): boolean {
    const r = this.next()
    if (r === '\\') this.next()
    else if (isTerminator(r)) {
      this.backup()
      return false
    }
    return true
  }
}

function isDigit(r: string): boolean {
  return /^\p{Nd}$/u.test(r)
}

function isAlphaNumeric(r: string): boolean {
  return r === '_' || /^[\p{L}\p{Nd}]$/u.test(r)
}

function isTerminator(r: string): boolean {
  return r === EOF || ' \t\r\n.,[]$@{}'.includes(r)
}

/** Go's `%#U`: `U+0023 '#'`. */
function goRuneU(r: string): string {
  return `U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${r}'`
}

/**
 * `UnquoteExtend`: strconv.Unquote for double- or single-quoted text (the usual Go escapes),
 * e.g. `"\t"` → a tab. An invalid escape is client-go's `unquote string … error invalid syntax`.
 */
function unquoteExtend(s: string): string {
  const quote = s[0]
  const body = s.slice(1, -1)
  if (!body.includes('\\')) return body
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c !== '\\') {
      out += c
      continue
    }
    const e = body[++i]
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }
    if (e in simple) out += simple[e]
    else if (e === quote) out += e
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16))
      i += 2
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16))
      i += 4
    } else throw new JsonPathParseError(`unquote string ${s} error invalid syntax`)
  }
  return out
}
