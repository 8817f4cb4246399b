/**
 * The editor's diagnostics, as plain ranges (CodeMirror's lint turns them into squiggles):
 * YAML syntax errors at their line and column (the `yaml` parser's own positions), documents
 * kubectl would refuse before sending (no `apiVersion`/`kind`), and — after a failed Apply —
 * the API server's field errors on the line of the field they name. A field path is walked
 * through the YAML document's nodes (their source ranges); a missing field (`Required value`)
 * lands on its nearest parent that exists.
 *
 * @example
 *   serverDiagnostics(text, 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: …')
 *   // [{ from: 120, to: 132, severity: 'error', message: 'spec.replicas: Invalid value: -1: …' }]
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YNode } from 'yaml'
import { parseApplyErrors, parseFieldPath } from './server-errors'

export interface Diag {
  from: number
  to: number
  severity: 'error' | 'warning'
  message: string
}

type Doc = Document.Parsed

function parse(text: string): Doc[] {
  return parseAllDocuments(text, { uniqueKeys: false }) as Doc[]
}

/** Syntax errors and warnings, and documents without apiVersion or kind (kubectl's client-side validation). */
export function syntaxDiagnostics(text: string): Diag[] {
  const out: Diag[] = []
  for (const doc of parse(text)) {
    for (const e of doc.errors) out.push({ from: e.pos[0], to: Math.max(e.pos[1], e.pos[0] + 1), severity: 'error', message: firstLine(e.message) })
    for (const w of doc.warnings) out.push({ from: w.pos[0], to: Math.max(w.pos[1], w.pos[0] + 1), severity: 'warning', message: firstLine(w.message) })
    if (doc.errors.length || !isMap(doc.contents)) continue
    const missing = ['apiVersion', 'kind'].filter((k) => !doc.contents || !(doc.contents as { has(k: string): boolean }).has(k))
    if (missing.length) {
      out.push({ ...firstLineRange(text, doc.contents.range?.[0] ?? 0), severity: 'warning', message: missing.map((k) => `${k} not set`).join(', ') })
    }
  }
  return clamp(out, text.length)
}

/** kubectl's errors from the last Apply, placed on the lines they are about. Unplaceable errors are left out. */
export function serverDiagnostics(text: string, stderr: string): Diag[] {
  const errors = parseApplyErrors(stderr)
  if (errors.length === 0) return []
  const docs = parse(text)
  const out: Diag[] = []
  for (const e of errors) {
    if (e.type === 'field') {
      const doc = docs.find((d) => get(d, ['kind']) === e.kind && (get(d, ['metadata', 'name']) ?? '') === e.name) ?? (docs.length === 1 ? docs[0] : undefined)
      if (!doc) continue
      const r = locate(doc, parseFieldPath(e.field), text)
      if (r) out.push({ ...r, severity: 'error', message: e.text })
    } else if (e.type === 'yaml') {
      // kubectl counts lines within the document that failed to parse.
      const doc = docs.find((d) => d.errors.length > 0) ?? docs[0]
      let start = lineOf(text, doc?.range?.[0] ?? 0)
      // The document's range starts at its `---`; kubectl's chunk starts on the line after it.
      if (text.slice(lineRange(text, start)[0]).startsWith('---')) start++
      const [from, to] = lineRange(text, start + e.line - 1)
      out.push({ from, to, severity: 'error', message: e.text })
    } else if (e.type === 'document') {
      const doc = e.kind ? docs.find((d) => get(d, ['kind']) === e.kind) : docs.find((d) => !get(d, ['kind']) || !get(d, ['apiVersion']))
      if (!doc) continue
      const r = (e.kind && locate(doc, ['kind'], text)) || firstLineRange(text, doc.contents?.range?.[0] ?? doc.range[0])
      out.push({ ...r, severity: 'error', message: e.text })
    } else {
      for (const d of docs) if (get(d, ['metadata', 'namespace']) === e.namespace) out.push({ ...locate(d, ['metadata', 'namespace'], text)!, severity: 'error', message: e.text })
    }
  }
  return clamp(out, text.length)
}

function get(doc: Doc, path: string[]): unknown {
  const v = doc.getIn(path)
  return isScalar(v) ? v.value : v
}

/**
 * The source range of a field path in a document: the key and its value when found (a
 * collection: just its key's line), or the nearest existing parent's key.
 */
export function locate(doc: Doc, path: (string | number)[], text: string): { from: number; to: number } | undefined {
  let node: YNode | null | undefined = doc.contents as YNode | null
  let best: { from: number; to: number } | undefined = doc.contents?.range ? firstLineRange(text, doc.contents.range[0]) : undefined
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))
      const key = pair?.key as YNode | undefined
      if (!pair || !key?.range) return best
      const value = pair.value as YNode | null
      best = isScalar(value) && value.range ? { from: key.range[0], to: value.range[1] } : { from: key.range[0], to: key.range[1] }
      node = value
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YNode | undefined
      if (!item?.range) return best
      best = isScalar(item) ? { from: item.range[0], to: item.range[1] } : firstLineRange(text, item.range[0])
      node = item
    } else return best
  }
  return best
}

const firstLine = (s: string) => s.split('\n')[0]

function lineOf(text: string, offset: number): number {
  let n = 0
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

/** [start, end) of the 0-based line `n`. */
function lineRange(text: string, n: number): [number, number] {
  let start = 0
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', start)
    if (nl < 0) break
    start = nl + 1
  }
  const end = text.indexOf('\n', start)
  return [start, end < 0 ? text.length : end]
}

/** From `offset` to the end of its line. */
function firstLineRange(text: string, offset: number): { from: number; to: number } {
  const end = text.indexOf('\n', offset)
  return { from: offset, to: end < 0 ? text.length : end }
}

function clamp(ds: Diag[], length: number): Diag[] {
  return ds.map((d) => {
    const from = Math.max(0, Math.min(d.from, length))
    return { ...d, from, to: Math.max(from, Math.min(d.to, length)) }
  })
}
