/**
 * JSON exactly as Go's `encoding/json` writes kubectl's unstructured objects: map keys sorted
 * (Go sorts map keys), HTML-sensitive characters escaped (`<` → `\u003c`, `>`, `&`, U+2028,
 * U+2029), control characters as `\u00XX` except `\n` `\r` `\t`.
 *
 * - `goJson(v)` is `json.Marshal` (compact) — what kubectl stores in the
 *   `kubectl.kubernetes.io/last-applied-configuration` annotation (plus a trailing newline,
 *   added by the caller, as `json.Encoder.Encode` does).
 * - `goJsonIndent(v, '    ')` is `json.MarshalIndent(obj, "", "    ")`, kubectl's `-o json`.
 *
 * @example
 *   goJson({ b: 1, a: '<x>' }) // '{"a":"\u003cx\u003e","b":1}'
 */
export function goJson(v: unknown): string {
  return encode(v, null, '')
}

export function goJsonIndent(v: unknown, indent = '    '): string {
  return encode(v, indent, '')
}

function encode(v: unknown, indent: string | null, cur: string): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return quote(v)
  if (typeof v === 'number') return formatNumber(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'bigint') return v.toString()
  const next = indent === null ? '' : cur + indent
  const nl = indent === null ? '' : '\n'
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    const parts = v.map((x) => next + encode(x, indent, next))
    return `[${nl}${parts.join(`,${nl}`)}${nl}${indent === null ? '' : cur}]`
  }
  if (typeof v === 'object') {
    // Fields set to undefined do not exist in Go's map; skip them like JSON.stringify does.
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort(compareGo)
    if (keys.length === 0) return '{}'
    const sep = indent === null ? ':' : ': '
    const parts = keys.map((k) => next + quote(k) + sep + encode((v as Record<string, unknown>)[k], indent, next))
    return `{${nl}${parts.join(`,${nl}`)}${nl}${indent === null ? '' : cur}}`
  }
  return 'null'
}

/** Go compares strings bytewise (UTF-8); for BMP text that is code-point order. */
export function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Go float64 formatting: integers plainly, others shortest round-trip with Go's exponent style. */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null'
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n)
  const abs = Math.abs(n)
  if (abs < 1e-6 || abs >= 1e21) {
    // Go: 1e-07 → "1e-07"; JS: "1e-7". Go pads the exponent to two digits.
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')
  }
  return String(n)
}

const HEX = '0123456789abcdef'

function quote(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x09) out += '\\t'
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029)
      out += '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15]
    else out += s[i]
  }
  return out + '"'
}
