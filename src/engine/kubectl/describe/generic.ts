import type { KEvent, KObject } from '../../api/types'
import type { PrintContext } from '../printers/table'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './writer'

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'])

/** `genericDescriber`: name, namespace, labels, annotations, then every field with a "smart" label. */
export function describeGeneric(o: KObject, events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${o.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', o.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations)
  printContent(w, 0, o as Record<string, unknown>, '')
  if (events) describeEvents(w, events, p)
  return w.toString()
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const v = content[field]
    const path = `${prefix}.${field}`
    if (SKIP.has(path) || v === undefined) continue
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      w.write(level, `${smartLabel(field)}:\n`)
      printContent(w, level + 1, v as Record<string, unknown>, path)
    } else if (Array.isArray(v)) {
      w.write(level, `${smartLabel(field)}:\n`)
      for (const child of v) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path)
        else w.write(level + 1, `${goValue(child)}\n`)
      }
    } else w.write(level, `${smartLabel(field)}:\t${goValue(v)}\n`)
  }
}

const goValue = (v: unknown) => (v === null ? '<nil>' : String(v))

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID']

/** `smartLabelFor`: `apiVersion` → `API Version`, `involvedObject` → `Involved Object`. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^A-Za-z]+/g) ?? [field]
  return parts
    .filter((s) => s !== '_')
    .map((s) => (ACRONYMS.includes(s.toUpperCase()) ? s.toUpperCase() : s[0].toUpperCase() + s.slice(1)))
    .join(' ')
}
