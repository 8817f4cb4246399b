/**
 * Scalar decisions of go-yaml v2's emitter, used by `goyaml.ts`: which style a string needs
 * (`yaml_emitter_analyze_scalar`, `resolve`), double-quote escaping, and map key order
 * (`keyList.Less`, sorter.go).
 */
/** Scalar writers end the line themselves for literals; callers add '\n' for the rest. */
export type Style = 'plain' | 'single' | 'double' | 'literal'

export function scalarStyle(s: string, simpleKey: boolean): Style {
  const a = analyze(s)
  if (s.includes('\n')) return a.blockAllowed && !simpleKey ? 'literal' : 'double'
  if (resolvesToNonString(s)) return 'double'
  if (a.plainAllowed) return 'plain'
  if (a.singleAllowed) return 'single'
  return 'double'
}

/** `yaml_emitter_analyze_scalar`, for block context. */
function analyze(s: string): { plainAllowed: boolean; singleAllowed: boolean; blockAllowed: boolean } {
  if (s === '') return { plainAllowed: false, singleAllowed: true, blockAllowed: false }
  const chars = [...s]
  let indicators = s.startsWith('---') || s.startsWith('...')
  let special = false
  let spaceBreak = false
  let breakSpace = false
  let lineBreaks = false
  let precededByWs = true
  chars.forEach((c, i) => {
    const next = chars[i + 1]
    const followedByWs = next === undefined || next === ' ' || next === '\t' || next === '\n'
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) indicators = true
      else if ((c === '?' || c === ':' || c === '-') && followedByWs) indicators = true
    } else if (c === ':' && followedByWs) indicators = true
    else if (c === '#' && precededByWs) indicators = true
    if (!isPrintable(c)) special = true
    if (c === '\n') lineBreaks = true
    if (c === ' ' && next === '\n') spaceBreak = true
    if (c === '\n' && next === ' ') breakSpace = true
    precededByWs = c === ' ' || c === '\t' || c === '\n'
  })
  const first = chars[0]
  const last = chars[chars.length - 1]
  const edgeSpace = first === ' ' || first === '\n' || last === ' ' || last === '\n'
  let plainAllowed = !indicators && !edgeSpace && !lineBreaks
  let singleAllowed = true
  let blockAllowed = last !== ' '
  if (breakSpace) (plainAllowed = false), (singleAllowed = false)
  if (spaceBreak || special) (plainAllowed = false), (singleAllowed = false), (blockAllowed = false)
  return { plainAllowed, singleAllowed, blockAllowed }
}

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!
  if (cp === 0x0a) return true
  if (cp >= 0x20 && cp <= 0x7e) return true
  if (cp === 0x85) return true
  if (cp >= 0xa0 && cp <= 0xd7ff) return true
  if (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) return true
  return cp >= 0x10000 && cp <= 0x10ffff
}

const NON_STRING_WORDS = new Set([
  '~', 'null', 'Null', 'NULL', '<<',
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN',
])

/**
 * go-yaml v2 `resolve` for an unquoted scalar: would it read back as null, bool, int, float or
 * timestamp (YAML 1.1 rules)? Such strings must be double-quoted to stay strings.
 */
export function resolvesToNonString(s: string): boolean {
  if (s === '' || NON_STRING_WORDS.has(s)) return true
  if (!/^[-+.0-9]/.test(s)) return false
  const plain = s.replace(/_/g, '')
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true
  // isBase60Float (`1:20`).
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true
  // Timestamps: YYYY-M-D, optionally with a time ('T'/'t' needs a zone, ' ' has none).
  return /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?))|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?))?$/.test(s)
}

export function doubleQuoteBody(s: string): string {
  let out = ''
  for (const c of s) {
    const cp = c.codePointAt(0)!
    const esc = ESCAPES[cp]
    if (esc) out += '\\' + esc
    else if (c === '"') out += '\\"'
    else if (c === '\\') out += '\\\\'
    else if (!isPrintable(c) || c === '\n' || cp === 0xfeff) {
      const hex = cp.toString(16).toUpperCase()
      out += cp <= 0xff ? '\\x' + hex.padStart(2, '0') : cp <= 0xffff ? '\\u' + hex.padStart(4, '0') : '\\U' + hex.padStart(8, '0')
    } else out += c
  }
  return out
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
}

const isLetter = (c: string) => /\p{L}/u.test(c)
const isDigit = (c: string) => c >= '0' && c <= '9'

/** go-yaml v2 `keyList.Less` for string keys (sorter.go). */
export function goYamlKeyLess(a: string, b: string): number {
  const ar = [...a]
  const br = [...b]
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue
    const al = isLetter(ar[i])
    const bl = isLetter(br[i])
    if (al && bl) return ar[i] < br[i] ? -1 : 1
    if (al || bl) return bl ? -1 : 1
    let an = 0
    let bn = 0
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1
          bn = 1
          break
        }
      }
    }
    let ai = i
    let bi = i
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai])
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi])
    if (an !== bn) return an < bn ? -1 : 1
    if (ai !== bi) return ai < bi ? -1 : 1
    return ar[i] < br[i] ? -1 : 1
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1
}
