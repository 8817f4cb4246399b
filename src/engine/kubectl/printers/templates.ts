import type { KObject } from '../../api/types'
import { goQuote } from '../../api/field-errors'
import { KubectlError } from '../errors'
import { customColumns } from './custom-columns'
import { JsonPath, JsonPathError } from './jsonpath'
import { JsonPathParseError } from './jsonpath-parse'
import { listOf } from './output'

/**
 * The template-driven `-o` formats of kubectl's PrintFlags: `jsonpath=TEMPLATE` and
 * `custom-columns=SPEC` (and their `-file` forms, which the playground cannot read).
 * `templatePrinter(o)` is undefined for every other format, so callers fall back to
 * `outputFormat`.
 *
 * Objects are printed as `kubectl get` hands them over (`printGeneric`): one object when a
 * single item was named, otherwise a `List` (`{"apiVersion":"v1","items":[…],"kind":"List",…}`)
 * — which is why `{.items[*].metadata.name}` works on `get pods` and `{.metadata.name}` on
 * `get pod web`.
 *
 * @example
 *   templatePrinter("jsonpath={.items[*].metadata.name}")!.print(pods, false, false)
 */
export interface TemplatePrinter {
  kind: 'jsonpath' | 'custom-columns'
  print(objects: KObject[], single: boolean, noHeaders: boolean): string
}

export function templatePrinter(output: string): TemplatePrinter | undefined {
  const eq = output.indexOf('=')
  const format = eq >= 0 ? output.slice(0, eq) : output
  const value = eq >= 0 ? output.slice(eq + 1) : ''
  switch (format) {
    case 'jsonpath':
      return jsonPathPrinter(value)
    case 'custom-columns': {
      const cc = customColumns(value)
      return { kind: 'custom-columns', print: (objects, _single, noHeaders) => cc.print(objects, noHeaders) }
    }
    case 'jsonpath-file':
    case 'custom-columns-file':
      if (!value) throw new KubectlError('template format specified but no template given')
      // No file system in the playground: the read fails as it would for a missing file.
      throw new KubectlError(`error reading --template ${value}, open ${value}: no such file or directory\n`)
    default:
      return undefined
  }
}

function jsonPathPrinter(template: string): TemplatePrinter {
  if (!template) throw new KubectlError('template format specified but no template given')
  let jp: JsonPath
  try {
    jp = new JsonPath(template, true)
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new KubectlError(`error parsing jsonpath ${template}, ${e.message}\n`)
    throw e
  }
  return {
    kind: 'jsonpath',
    print(objects, single) {
      const data = single && objects.length === 1 ? objects[0] : listOf(objects)
      try {
        return jp.execute(data)
      } catch (e) {
        if (!(e instanceof JsonPathError)) throw e
        // JSONPathPrinter.PrintObj's message, including its debugging dump of the object.
        const buf =
          `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${template}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`
        throw new KubectlError(`error executing jsonpath ${goQuote(template)}: ${buf}\n`)
      }
    },
  }
}

/** Go's `%#v` of an unstructured value (`map[string]interface {}{"k":"v"}`), for the debugging dump. */
export function goSharpV(v: unknown, top = true): string {
  if (v === null || v === undefined) return top ? 'map[string]interface {}(nil)' : 'interface {}(nil)'
  if (typeof v === 'string') return goQuote(v)
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, false)).join(', ')}}`
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
    return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(o[k], false)}`).join(', ')}}`
  }
  return String(v)
}
