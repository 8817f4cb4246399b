import { doubleQuoteBody, goYamlKeyLess, scalarStyle } from './goyaml-scalar'

export { goYamlKeyLess, resolvesToNonString } from './goyaml-scalar'

/**
 * YAML as kubectl prints it (`-o yaml`): `sigs.k8s.io/yaml` turns the object into JSON and
 * re-emits it with go-yaml v2, so the output follows go-yaml's emitter, not a JS library's:
 *
 * - map keys in go-yaml's `keyList.Less` order (natural: digit runs compare numerically,
 *   non-letters before letters), so `node-2` sorts before `node-10`;
 * - block sequences inside a mapping are not indented (`containers:\n- name: web`);
 * - a string that would read back as another type (`"80"`, `"true"`, `""`, timestamps like
 *   `"2026-01-01T00:00:00Z"`) is double-quoted; one that plain style cannot carry (`a: b`,
 *   `[x]`, leading `-` + space) is single-quoted; one with a newline is a literal block (`|`,
 *   `|-`, `|+`);
 * - long plain/quoted scalars fold at the first space after column 80 (`best_width`), with
 *   continuation lines indented two more than the key.
 *
 * The `yaml` package parses manifests; emitting is done here because its output differs from
 * go-yaml in quoting and folding, and kubectl output must be byte-exact.
 *
 * @example
 *   goYaml({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web' } })
 *   // 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n'
 */
export function goYaml(v: unknown): string {
  const e = new Emitter()
  if (isMap(v) && nonEmpty(v)) e.mapping(v, 0, false)
  else if (Array.isArray(v) && v.length > 0) e.sequence(v, 0, false)
  else {
    e.scalar(v, 2, false)
    e.endLine()
  }
  return e.out
}

const BEST_WIDTH = 80

type Obj = Record<string, unknown>
const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const nonEmpty = (v: Obj | unknown[]) => (Array.isArray(v) ? v.length > 0 : keysOf(v).length > 0)
const keysOf = (o: Obj) => Object.keys(o).filter((k) => o[k] !== undefined)

class Emitter {
  out = ''
  private column = 0

  write(s: string): void {
    this.out += s
    const nl = s.lastIndexOf('\n')
    this.column = nl >= 0 ? runes(s.slice(nl + 1)) : this.column + runes(s)
  }

  newline(): void {
    this.write('\n')
  }

  private indentTo(n: number): void {
    this.write(' '.repeat(n))
  }

  /** A block mapping whose keys sit at `indent`; `inline`: the first key continues the current line (`- key:`). */
  mapping(o: Obj, indent: number, inline: boolean): void {
    keysOf(o)
      .sort(goYamlKeyLess)
      .forEach((k, i) => {
        if (i > 0 || !inline) this.indentTo(indent)
        this.scalar(k, indent + 2, true)
        this.write(':')
        this.value(o[k], indent)
      })
  }

  /** A block sequence whose dashes sit at `indent`. */
  sequence(a: unknown[], indent: number, inline: boolean): void {
    a.forEach((item, i) => {
      if (i > 0 || !inline) this.indentTo(indent)
      this.write('-')
      if (isMap(item) && nonEmpty(item)) {
        this.write(' ')
        this.mapping(item, indent + 2, true)
      } else if (Array.isArray(item) && item.length > 0) {
        this.write(' ')
        this.sequence(item, indent + 2, true)
      } else {
        this.write(' ')
        this.scalar(item, indent + 2, false)
        this.endLine()
      }
    })
  }

  /** The value after `key:` of a mapping at `indent`. */
  private value(v: unknown, indent: number): void {
    if (isMap(v) && nonEmpty(v)) {
      this.newline()
      this.mapping(v, indent + 2, false)
    } else if (Array.isArray(v) && v.length > 0) {
      this.newline()
      // Indentless: a sequence in a mapping puts its dashes at the key's column.
      this.sequence(v, indent, false)
    } else {
      this.write(' ')
      this.scalar(v, indent + 2, false)
      this.endLine()
    }
  }

  /** Literal blocks end their own last line; everything else needs the newline. */
  endLine(): void {
    if (this.column !== 0 || !this.out.endsWith('\n')) this.newline()
  }

  /** Any non-collection value (and empty collections, which go-yaml writes in flow style). */
  scalar(v: unknown, contIndent: number, simpleKey: boolean): void {
    if (v === null || v === undefined) return this.write('null')
    if (typeof v === 'boolean') return this.write(v ? 'true' : 'false')
    if (typeof v === 'number' || typeof v === 'bigint') return this.write(formatNumber(v))
    if (Array.isArray(v)) return this.write('[]')
    if (isMap(v)) return this.write('{}')
    const s = String(v)
    switch (scalarStyle(s, simpleKey)) {
      case 'plain':
        return this.folded(s, contIndent, !simpleKey, '', '')
      case 'single':
        return this.folded(s.replace(/'/g, "''"), contIndent, !simpleKey, "'", "'")
      case 'literal':
        return this.literal(s, contIndent)
      default:
        return this.folded(doubleQuoteBody(s), contIndent, !simpleKey, '"', '"')
    }
  }

  /**
   * Plain and quoted scalars: at a space, once the column is past best_width and the next
   * character is not a space, go-yaml breaks the line instead of writing the space.
   */
  private folded(body: string, contIndent: number, allowBreaks: boolean, open: string, close: string): void {
    this.write(open)
    const chars = [...body]
    let spaces = false
    let line = ''
    let col = this.column
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]
      const inner = open === '' || (i > 0 && i < chars.length - 1)
      if (ch === ' ' && allowBreaks && !spaces && col > BEST_WIDTH && inner && chars[i + 1] !== ' ') {
        line += '\n' + ' '.repeat(contIndent)
        col = contIndent
      } else {
        line += ch
        col++
      }
      spaces = ch === ' '
    }
    this.write(line + close)
  }

  private literal(s: string, indent: number): void {
    let hints = ''
    if (s.startsWith(' ') || s.startsWith('\n')) hints += '2'
    if (!s.endsWith('\n')) hints += '-'
    else if (s === '\n' || s.endsWith('\n\n')) hints += '+'
    this.write('|' + hints)
    this.newline()
    let atStart = true
    let buf = ''
    for (const ch of s) {
      if (ch === '\n') {
        buf += '\n'
        atStart = true
      } else {
        if (atStart) buf += ' '.repeat(indent)
        atStart = false
        buf += ch
      }
    }
    this.write(buf)
    // A literal without a trailing newline still ends its line before the next node.
    if (!s.endsWith('\n')) this.newline()
    else this.column = 0
  }
}

/** go-yaml writes int64 plainly and float64 with strconv 'g' (shortest; exponent when < -4 or ≥ 6 digits). */
function formatNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString()
  if (Number.isNaN(n)) return '.nan'
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf'
  if (Number.isInteger(n)) return String(n)
  const exp = Math.floor(Math.log10(Math.abs(n)))
  if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')
  return String(n)
}

const runes = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}
