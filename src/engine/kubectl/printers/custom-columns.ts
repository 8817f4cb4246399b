import { JsonPath } from './jsonpath'
import { TABLE, TabWriter } from './tabwriter'
import { KubectlError } from '../errors'

/**
 * `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` (kubectl
 * `pkg/cmd/get/customcolumn.go`): one header line (the names as given), one row per object;
 * each cell is the JSONPath's results joined by `,` with Go's `fmt.Sprint` formatting
 * (`map[app:web]`, `[a b]`), or `<none>` when nothing matched. Paths may be written
 * `.a.b`, `a.b`, `{a.b}` or `{.a.b}` (`RelaxedJSONPathExpression`).
 *
 * @example
 *   customColumns('NAME:.metadata.name,IP:status.podIP').print([pod1, pod2])
 *   // 'NAME    IP\nweb-1   10.244.1.5\nweb-2   <none>\n'
 */
export interface CustomColumns {
  print(objects: unknown[], noHeaders: boolean): string
}

export function customColumns(spec: string): CustomColumns {
  if (spec.length === 0) throw new KubectlError('custom-columns format specified but no custom columns given')
  const columns = spec.split(',').map((part) => {
    const i = part.indexOf(':')
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPath(part.slice(i + 1)) }
  })
  return {
    print(objects, noHeaders) {
      const w = new TabWriter(TABLE)
      if (!noHeaders) w.write(columns.map((c) => c.header).join('\t') + '\n')
      // kubectl parses each column anew per object; a parse error surfaces as printing fails.
      for (const obj of objects) {
        const cells = columns.map((c) => {
          const values = new JsonPath(c.fieldSpec, true).findResults(obj)
          const strings: string[] = []
          if (values.length === 0 || values[0].length === 0) strings.push('<none>')
          for (const vs of values) for (const v of vs) strings.push(escapeTerminal(goSprint(v)))
          return strings.join(',')
        })
        w.write(cells.join('\t') + '\n')
      }
      return w.flush()
    },
  }
}

/** `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}`, `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr)
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
  return `{.${m[1] || m[2]}}`
}

/** Go's `fmt.Sprint` of an unstructured value: maps sorted as `map[k:v]`, slices as `[a b]`, null as `<nil>`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
    return `map[${keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`
  }
  return String(v)
}

/** `printers.EscapeTerminal`: terminal control characters are shown escaped, not interpreted. */
function escapeTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `^${String.fromCharCode(c.charCodeAt(0) ^ 0x40)}`)
}
