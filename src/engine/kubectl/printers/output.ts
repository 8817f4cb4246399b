import type { KObject } from '../../api/types'
import type { KindDef } from '../../api/kinds/kind'
import { KubectlError } from '../errors'
import { kindName } from '../resources'
import { goJsonIndent } from './gojson'
import { goYaml } from './goyaml'

/**
 * `-o` formats other than tables (cli-runtime `printers`): YAML, JSON and `name`. Several
 * objects are wrapped in a `List` the way `kubectl get` does (`printGeneric`):
 * `apiVersion: v1`, `items`, `kind: List`, `metadata: {resourceVersion: ""}`.
 */
export type OutputFormat = '' | 'wide' | 'yaml' | 'json' | 'name'

const KNOWN = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'

/** Validate `-o`, with kubectl's message for an unknown format. */
export function outputFormat(o: string, allowed: readonly string[] = ['', 'wide', 'yaml', 'json', 'name']): OutputFormat {
  const base = o.split('=')[0]
  if (allowed.includes(o)) return o as OutputFormat
  if (KNOWN.split(',').includes(base))
    throw new KubectlError(`the playground's kubectl does not support -o ${base} yet; use -o yaml, -o json, -o name or -o wide`)
  throw new KubectlError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${KNOWN}`)
}

export function listOf(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }
}

/** Print one object or a list (`single`: kubectl's "single item implied"). */
export function printStructured(format: 'yaml' | 'json', objects: KObject[], single: boolean): string {
  const v = single && objects.length === 1 ? objects[0] : listOf(objects)
  return format === 'yaml' ? goYaml(v) : goJsonIndent(v) + '\n'
}

export function printNames(items: { def: KindDef; object: KObject }[]): string {
  return items.map(({ def, object }) => kindName(def, object.metadata.name ?? '') + '\n').join('')
}
