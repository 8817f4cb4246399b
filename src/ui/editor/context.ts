/**
 * Where the cursor is in a YAML manifest, read from indentation alone (so it works while the
 * text is half-typed and does not parse): the path of keys above the cursor (`[]` marks "an
 * item of the list"), whether a key or a value is being typed, the keys already present
 * beside it, and the document's `kind`.
 *
 * @example
 *   yamlContext('kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - ima', 63)
 *   // { path: ['spec','template','spec','containers','[]'], mode: 'key', prefix: 'ima', kind: 'Deployment', … }
 */
export interface YamlContext {
  path: string[]
  mode: 'key' | 'value'
  /** What was typed of the key or value. */
  prefix: string
  /** The key whose value is being typed (mode `value`). */
  key?: string
  kind?: string
  apiVersion?: string
  /** Keys already set in the same mapping. */
  siblings: string[]
  /** Column where the key starts (for indenting what completion inserts). */
  column: number
}

interface Line {
  text: string
  /** Column of a leading `- ` (the last one, for `- - x`), if any. */
  dash?: number
  /** Column of the content (after dashes). */
  col: number
  key?: string
  /** The text after `key:`. */
  rest?: string
}

function parseLine(text: string): Line | undefined {
  const m = /^(\s*)((?:- +)*)(.*)$/.exec(text)!
  const content = m[3]
  if (!content.trim() && !m[2]) return undefined
  if (content.startsWith('#')) return undefined
  const col = m[1].length + m[2].length
  const dash = m[2] ? col - (m[2].length - m[2].lastIndexOf('-')) : undefined
  const kv = /^([^\s:#][^:#]*?)\s*:(?:\s+(.*)|$)/.exec(content)
  return { text, col, dash, key: kv?.[1].replace(/^["']|["']$/g, ''), rest: kv ? (kv[2] ?? '') : undefined }
}

export function yamlContext(text: string, pos: number): YamlContext {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1
  const before = text.slice(lineStart, pos)
  const all = text.split('\n')
  const lineNo = text.slice(0, lineStart).split('\n').length - 1
  // This document: from the line after the previous `---` to the line before the next.
  let docStart = lineNo
  while (docStart > 0 && !all[docStart - 1].startsWith('---')) docStart--
  let docEnd = lineNo
  while (docEnd + 1 < all.length && !all[docEnd + 1].startsWith('---')) docEnd++

  const m = /^(\s*)((?:- +)*)(.*)$/.exec(before)!
  const column = m[1].length + m[2].length
  const typed = m[3]
  const kv = /^([^\s:#][^:#]*?)\s*:\s*(.*)$/.exec(typed)
  const path: string[] = []
  let col = column
  let strict = true
  if (m[2]) {
    // Typing the first key of a new list item.
    path.unshift('[]')
    col = column - (m[2].length - m[2].lastIndexOf('-'))
    strict = false
  }
  const siblings: string[] = []
  for (let i = lineNo - 1; i >= docStart; i--) {
    const l = parseLine(all[i])
    if (!l) continue
    if (strict) {
      if (path.length === 0 && l.col === column && l.key && l.dash === undefined) siblings.push(l.key)
      if (l.dash !== undefined && l.col === col && l.dash < col) {
        // The first line of the list item we are in (`- name: x`, us below it).
        if (path.length === 0 && l.key) siblings.push(l.key)
        path.unshift('[]')
        col = l.dash
        strict = false
        continue
      }
      if (l.col >= col || l.key === undefined) continue
    } else if (l.col > col || l.key === undefined) continue
    // The key that owns our mapping (strict) or our list (an item's dash may sit at the key's column).
    if (l.rest) break // a key with a scalar cannot own a block: the YAML is off here
    path.unshift(l.key)
    col = l.col
    strict = true
    if (l.dash !== undefined) {
      path.unshift('[]')
      col = l.dash
      strict = false
    }
  }
  // Keys below the cursor in the same mapping count as siblings too.
  for (let i = lineNo + 1; i <= docEnd; i++) {
    const l = parseLine(all[i])
    if (!l) continue
    if (l.col < column || (l.dash !== undefined && l.dash < column)) break
    if (l.col === column && l.key && l.dash === undefined) siblings.push(l.key)
  }
  const top = (k: string) => {
    for (let i = docStart; i <= docEnd; i++) {
      const mm = new RegExp(`^${k}:\\s*(\\S+)`).exec(all[i])
      if (mm && i !== lineNo) return mm[1].replace(/^["']|["']$/g, '')
    }
    return undefined
  }
  return {
    path,
    mode: kv ? 'value' : 'key',
    prefix: kv ? kv[2] : typed,
    key: kv?.[1],
    kind: top('kind'),
    apiVersion: top('apiVersion'),
    siblings,
    column,
  }
}
