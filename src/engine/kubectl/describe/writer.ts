import type { KEvent, KObject, Taint, Toleration } from '../../api/types'
import { DESCRIBE, TabWriter } from '../printers/tabwriter'
import type { PrintContext } from '../printers/table'

/**
 * kubectl describe's `PrefixWriter` over `tabbedString`'s tabwriter, and the shared
 * multi-line helpers of kubectl `pkg/describe/describe.go` (labels, annotations, taints,
 * tolerations, events). Each `write(level, text)` prefixes two spaces per level, like
 * `prefixWriter.Write(LEVEL_n, format, …)`.
 */
export class PrefixWriter {
  private tw = new TabWriter(DESCRIBE)
  private done = ''

  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text)
  }
  writeLine(text = ''): void {
    this.tw.write(text + '\n')
  }
  /** Align everything written so far on its own (DescribeEvents does this before its table). */
  flush(): void {
    this.done += this.tw.flush()
  }
  toString(): string {
    this.flush()
    return this.done
  }
}

/** `printLabelsMultilineWithIndent`: first entry after the title, the rest aligned under it. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`)
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) return w.writeLine('<none>')
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent)
    w.write(0, `${k}=${labels![k]}\n`)
  })
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const MAX_ANNOTATION_LEN = 140

/** `printAnnotationsMultiline`: skips last-applied-configuration; long or multi-line values go under the key. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort()
  if (keys.length === 0) return w.writeLine('<none>')
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t')
    const value = annotations![k].replace(/\n$/, '')
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`)
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`)
    } else w.write(0, `${k}: ${value}\n`)
  })
}

const shorten = (s: string, max: number) => (s.length > max ? s.slice(0, max) + '...' : s)

/** `Taint.ToString`: `key=value:effect` or `key:effect`. */
export const taintString = (t: Taint) => (t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`)

/** `printTaintsMultilineWithIndent`: sorted by `effect,key`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`)
  const sorted = [...(taints ?? [])].sort((a, b) => cmp(`${a.effect},${a.key}`, `${b.effect},${b.key}`))
  if (sorted.length === 0) return w.writeLine('<none>')
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t')
    w.write(0, `${taintString(t)}\n`)
  })
}

/** `printTolerationsMultilineWithIndent`: `key=value:effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`)
  const sorted = [...(tolerations ?? [])].sort((a, b) => cmp(a.key ?? '', b.key ?? ''))
  if (sorted.length === 0) return w.writeLine('<none>')
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, initialIndent + '\t')
    let s = t.key ?? ''
    if (t.value) s += `=${t.value}`
    if (t.effect) s += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`
    w.write(0, s + '\n')
  })
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * `DescribeEvents`: `Events:  <none>`, or a table sorted by last time seen, with repeated
 * events as `2m (x3 over 5m)`. The table is aligned separately from the lines above it.
 */
export function describeEvents(w: PrefixWriter, events: KEvent[], p: PrintContext): void {
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n')
  w.flush()
  const when = (e: KEvent) => p.parse(e.lastTimestamp) ?? p.parse(e.firstTimestamp) ?? 0
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => when(a.e) - when(b.e) || a.i - b.i)
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(1, '----\t------\t----\t----\t-------\n')
  for (const { e } of sorted) {
    const first = p.age(e.firstTimestamp)
    const interval = (e.count ?? 1) > 1 ? `${p.age(e.lastTimestamp)} (x${e.count} over ${first})` : first
    const source = e.source?.component || e.reportingComponent || ''
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`)
  }
}

/** `printController`: `ReplicaSet/web` from the controller owner reference. */
export function controlledBy(o: KObject): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller)
  return ref ? `${ref.kind}/${ref.name}` : ''
}
