import type { KObject } from '../../api/types'
import { humanDuration } from '../duration'
import { TABLE, TabWriter } from './tabwriter'

/**
 * kubectl's human-readable tables: per-kind column definitions and row functions (ports of
 * `pkg/printers/internalversion/printers.go`), decorated and printed like cli-runtime's
 * `HumanReadablePrinter` (`tableprinter.go`): headers upper-cased, priority-1 columns only with
 * `-o wide`, `NAMESPACE` first with `-A`, `kind/` before the name when several kinds are
 * printed, `LABELS` last with `--show-labels`, `-L` columns before it.
 *
 * Adding a kind: one file in this folder calling `registerTable`, imported from `printers/index.ts`.
 *
 * @example
 *   registerTable({ kind: 'Namespace', columns: [NAME, { name: 'Status' }, AGE],
 *                   row: (ns, p) => [ns.metadata.name, ns.status?.phase ?? '', p.age(ns.metadata.creationTimestamp)] })
 */
export interface Column {
  name: string
  /** 1 = only with `-o wide`. */
  priority?: 0 | 1
  /** 'name': the column that gets the `kind/` prefix. */
  format?: 'name'
}

export type Cell = string | number | boolean

export interface PrintContext {
  /** Virtual now, ms. */
  now: number
  /** Virtual ms of an RFC 3339 timestamp. */
  parse(ts: string | undefined | null): number | undefined
  /** `translateTimestampSince`: HumanDuration since the timestamp, `<unknown>` when unset. */
  age(ts: string | undefined | null): string
  wide: boolean
}

export interface TableHandler {
  kind: string
  columns: Column[]
  /** One cell per column (wide cells included; they are dropped without `-o wide`). */
  row(obj: KObject, p: PrintContext): Cell[]
}

export const NAME: Column = { name: 'Name', format: 'name' }
export const AGE: Column = { name: 'Age' }

const handlers = new Map<string, TableHandler>()

export function registerTable(h: TableHandler): void {
  handlers.set(h.kind, h)
}

/** `printObjectMeta`, the default for kinds without a handler: NAME, AGE. */
const defaultHandler: TableHandler = {
  kind: '',
  columns: [NAME, AGE],
  row: (o, p) => [o.metadata.name ?? '', p.age(o.metadata.creationTimestamp)],
}

export function tableFor(kind: string): TableHandler {
  return handlers.get(kind) ?? defaultHandler
}

export function printContext(now: number, parse: (ts: string | undefined | null) => number | undefined, wide: boolean): PrintContext {
  return {
    now,
    parse,
    wide,
    age(ts) {
      const t = parse(ts ?? undefined)
      return t === undefined ? '<unknown>' : humanDuration(now - t)
    },
  }
}

export interface TableOptions {
  wide?: boolean
  noHeaders?: boolean
  withNamespace?: boolean
  /** `pod`, `replicaset.apps`: prefix names with it (several kinds printed together). */
  withKind?: string
  showLabels?: boolean
  labelColumns?: string[]
}

/** `labels.FormatLabels`: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort()
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>'
}

/**
 * One table for objects of one kind. Empty when there are no objects (kubectl prints no header
 * then). Cells are cut at the first newline with `...` appended (cellBreakChars).
 */
export function renderTable(objects: KObject[], p: PrintContext, opts: TableOptions = {}): string {
  if (objects.length === 0) return ''
  const h = tableFor(objects[0].kind)
  const visible = h.columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || !c.priority)
  const headers = visible.map(({ c }) => c.name.toUpperCase())
  const labelCols = opts.labelColumns ?? []
  headers.push(...labelCols.map((l) => l.split('/').pop()!.toUpperCase()))
  if (opts.showLabels) headers.push('LABELS')
  if (opts.withNamespace) headers.unshift('NAMESPACE')
  const w = new TabWriter(TABLE)
  if (!opts.noHeaders) w.write(headers.join('\t') + '\n')
  for (const o of objects) {
    const cells = h.row(o, p)
    const row = visible.map(({ c, i }) => {
      const v = cellText(cells[i])
      return c.format === 'name' && opts.withKind ? `${opts.withKind}/${v}` : v
    })
    for (const l of labelCols) row.push(cellText(o.metadata.labels?.[l] ?? ''))
    if (opts.showLabels) row.push(formatLabels(o.metadata.labels))
    if (opts.withNamespace) row.unshift(o.metadata.namespace ?? '')
    w.write(row.join('\t') + '\n')
  }
  return w.flush()
}

function cellText(v: Cell | undefined): string {
  if (v === undefined) return ''
  const s = String(v)
  const br = s.search(/[\f\n\r]/)
  return br >= 0 ? s.slice(0, br) + '...' : s
}
