import { TABLE, TabWriter } from '../printers/tabwriter'
import { mebibytes, milliCPU, type PodMetrics, type Usage } from './usage'

/**
 * kubectl's `TopCmdPrinter` (kubectl `pkg/metricsutil/metrics_printer.go`). Every cell,
 * the last one included, ends with a tab, so the last column is padded too (trailing spaces
 * are part of kubectl's output). CPU prints as `%vm` of the milli value (rounded up), memory
 * as `%vMi` (rounded down), node percentages as the truncated share of allocatable (or
 * capacity). Nodes without metrics come last as `<unknown>` lines.
 */

export interface NodeRow {
  name: string
  usage?: Usage
  /** Allocatable (or capacity): millicores and bytes. */
  availableCpuMilli: number
  availableMemoryBytes: number
}

const percent = (used: number, available: number) => (available === 0 ? 0 : Math.trunc((used / available) * 100))

export function printNodeMetrics(rows: NodeRow[], noHeaders: boolean, sortBy: string): string {
  const measured = rows.filter((r) => r.usage)
  if (measured.length === 0) return ''
  const w = new TabWriter(TABLE)
  if (!noHeaders) w.write('NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n')
  for (const r of sortRows(measured, sortBy, (x) => x.usage!, (x) => x.name)) {
    const u = r.usage!
    const cpu = milliCPU(u.cpuNano)
    w.write(`${r.name}\t${cpu}m\t${percent(cpu, r.availableCpuMilli)}%\t${mebibytes(u.memoryBytes)}Mi\t${percent(u.memoryBytes, r.availableMemoryBytes)}%\t\n`)
  }
  for (const r of rows.filter((x) => !x.usage)) w.write(`${r.name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`)
  return w.flush()
}

export function printPodMetrics(pods: PodMetrics[], opts: { containers: boolean; withNamespace: boolean; noHeaders: boolean; sortBy: string; sum: boolean }): string {
  if (pods.length === 0) return ''
  const w = new TabWriter(TABLE)
  let columns = 3
  if (!opts.noHeaders) {
    if (opts.withNamespace) (w.write('NAMESPACE\t'), columns++)
    if (opts.containers) (w.write('POD\t'), columns++)
    w.write('NAME\tCPU(cores)\tMEMORY(bytes)\t\n')
  }
  const total = (p: PodMetrics): Usage => ({ cpuNano: p.containers.reduce((s, c) => s + c.cpuNano, 0), memoryBytes: p.containers.reduce((s, c) => s + c.memoryBytes, 0) })
  const line = (name: string, u: Usage) => `${name}\t${milliCPU(u.cpuNano)}m\t${mebibytes(u.memoryBytes)}Mi\t\n`
  const sorted = sortRows(pods, opts.sortBy, total, (p) => (opts.withNamespace ? `${p.namespace}\u0000${p.name}` : p.name))
  for (const p of sorted) {
    const ns = opts.withNamespace ? `${p.namespace}\t` : ''
    if (opts.containers) for (const c of sortRows(p.containers, opts.sortBy, (x) => x, (x) => x.name)) w.write(`${ns}${p.name}\t${line(c.name, c)}`)
    else w.write(ns + line(p.name, total(p)))
  }
  if (opts.sum) {
    // printPodResourcesSum: the rulers under the two value columns, then the totals.
    const sum = pods.map(total).reduce((a, b) => ({ cpuNano: a.cpuNano + b.cpuNano, memoryBytes: a.memoryBytes + b.memoryBytes }), { cpuNano: 0, memoryBytes: 0 })
    w.write('\t'.repeat(columns - 2) + '________\t________\t\n')
    w.write('\t'.repeat(columns - 3) + line('', sum))
  }
  return w.flush()
}

/** The metrics sorters: by name (namespace first with -A), or by CPU / memory, highest first. */
function sortRows<T>(rows: T[], sortBy: string, usage: (r: T) => Usage, name: (r: T) => string): T[] {
  const byName = [...rows].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0))
  if (sortBy === 'cpu') return byName.sort((a, b) => milliCPU(usage(b).cpuNano) - milliCPU(usage(a).cpuNano))
  if (sortBy === 'memory') return byName.sort((a, b) => usage(b).memoryBytes - usage(a).memoryBytes)
  return byName
}
