import type { KObject } from '../../api/types'
import { matches, parseSelector } from '../../api/selector'
import type { KubectlHost, WatchSpec } from '../command'
import { fieldFilter } from '../fieldselector'
import { kindString } from '../resources'
import { goJsonIndent } from './gojson'
import { goYaml } from './goyaml'
import { formatLabels, printContext, tableFor, type PrintContext } from './table'
import { TABLE } from './tabwriter'

/**
 * `kubectl get -w` output (kubectl `pkg/cmd/get/get.go` `watch`): the header once, then one
 * row per change, printed through one tabwriter that is flushed after every event and keeps
 * its column widths (cli-runtime's tabwriter uses `RememberWidths`): a row is padded to the
 * widest cell seen so far in its column, and a wider cell widens the column from then on.
 * Deleted objects print their last state, as kubectl does without `--output-watch-events`.
 *
 * The engine API is synchronous, so `get -w` prints the current table and returns a
 * `WatchSpec`; the worker calls `watchLines` with the objects each diff changed and appends
 * the lines it returns. `watchLines` updates `spec.widths`, `spec.headerPrinted` and
 * `spec.printed` in place — the spec is the watch's whole state, plain data.
 *
 * @example
 *   const r = runKubectl(cluster, 'get pods -w')       // r.watch: WatchSpec
 *   for each diff: console.push(...watchLines(cluster, r.watch, diff.changedObjects))
 */
export function watchLines(host: KubectlHost, spec: WatchSpec, changed: readonly KObject[]): string[] {
  const def = host.ctx.api.registry.get(spec.resource)
  if (!def) return []
  const sel = spec.selector ? parseSelector(spec.selector) : undefined
  const byField = spec.fieldSelector ? fieldFilter(def, spec.selector ?? '', spec.fieldSelector) : undefined
  const p = printContext(host.now(), (ts) => host.ctx.clock.parse(ts ?? undefined), spec.columns.output === 'wide')
  const out: string[] = []
  for (const o of changed) {
    if (o.kind !== def.kind) continue
    if (spec.namespace !== undefined && def.namespaced && o.metadata.namespace !== spec.namespace) continue
    if (spec.name !== undefined && o.metadata.name !== spec.name) continue
    if (sel && !matches(sel, o.metadata.labels)) continue
    if (byField && !byField(o)) continue
    out.push(...printWatched(spec, [o], p, kindString(def)).split('\n').slice(0, -1))
  }
  return out
}

/** Print objects as one flush of the watch's tabwriter (or the structured printers); text ends with '\n'. */
export function printWatched(spec: WatchSpec, objects: readonly KObject[], p: PrintContext, kind: string): string {
  if (objects.length === 0) return ''
  const c = spec.columns
  if (c.output === 'name') return objects.map((o) => `${kind}/${o.metadata.name}\n`).join('')
  if (c.output === 'json') return objects.map((o) => goJsonIndent(o) + '\n').join('')
  if (c.output === 'yaml')
    return objects
      .map((o) => {
        // The YAML printer separates documents after the first with `---`.
        const sep = spec.printed++ > 0 ? '---\n' : ''
        return sep + goYaml(o)
      })
      .join('')
  const rows = objects.map((o) => rowCells(spec, o, p))
  if (!spec.headerPrinted && !c.noHeaders) rows.unshift(headerCells(spec, objects[0].kind))
  spec.headerPrinted = true
  return alignRemembering(rows, spec.widths)
}

function headerCells(spec: WatchSpec, kind: string): string[] {
  const c = spec.columns
  const h = tableFor(kind)
  const cells = h.columns.filter((col) => c.output === 'wide' || !col.priority).map((col) => col.name.toUpperCase())
  cells.push(...c.labelColumns.map((l) => l.split('/').pop()!.toUpperCase()))
  if (c.showLabels) cells.push('LABELS')
  if (c.withNamespace) cells.unshift('NAMESPACE')
  return cells
}

/** The cells `renderTable` prints for one object (same columns, label columns and namespace). */
function rowCells(spec: WatchSpec, o: KObject, p: PrintContext): string[] {
  const c = spec.columns
  const h = tableFor(o.kind)
  const all = h.row(o, p)
  const cells = h.columns.map((col, i) => ({ col, v: all[i] })).filter(({ col }) => c.output === 'wide' || !col.priority).map(({ v }) => cellText(v))
  cells.push(...c.labelColumns.map((l) => cellText(o.metadata.labels?.[l] ?? '')))
  if (c.showLabels) cells.push(formatLabels(o.metadata.labels))
  if (c.withNamespace) cells.unshift(o.metadata.namespace ?? '')
  return cells
}

/** Table cells stop at the first line break, with `...` (cellBreakChars). */
function cellText(v: unknown): string {
  if (v === undefined) return ''
  const s = String(v)
  const br = s.search(/[\f\n\r]/)
  return br >= 0 ? s.slice(0, br) + '...' : s
}

const runes = (s: string) => [...s].length

/**
 * One flush of a tabwriter with minwidth 6, padding 3 and `RememberWidths`: every cell but
 * the last of a row is padded to max(remembered, widest cell + padding, minwidth).
 */
export function alignRemembering(rows: string[][], widths: number[]): string {
  const columns = Math.max(0, ...rows.map((r) => r.length - 1))
  for (let i = 0; i < columns; i++) {
    let w = Math.max(TABLE.minwidth, widths[i] ?? 0)
    for (const r of rows) if (i < r.length - 1) w = Math.max(w, runes(r[i]) + TABLE.padding)
    widths[i] = w
  }
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell + ' '.repeat(widths[i] - runes(cell)) : cell)).join('') + '\n').join('')
}
