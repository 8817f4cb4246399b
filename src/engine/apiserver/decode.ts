import type { KObject } from '../api/types'
import type { KindDef } from '../api/kinds/kind'
import { badRequest } from './errors'

/**
 * The decode step: the API server unmarshals JSON into Go structs, so a label or annotation
 * value that is not a string (YAML's `version: 1`, `on: yes`) fails before anything else, with
 * encoding/json's text. Only the string maps are checked here; they are the common mistake.
 */
export function decodeCheck(def: KindDef, obj: KObject): void {
  const version = def.apiVersion
  const check = (map: unknown, field: string, struct: string) => {
    if (map === undefined || map === null) return
    const goType = (v: unknown) => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : v === null ? '' : typeof v === 'object' ? 'object' : '')
    if (typeof map !== 'object' || Array.isArray(map))
      throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: json: cannot unmarshal ${goType(map)} into Go struct field ${struct}.${field} of type map[string]string`)
    for (const v of Object.values(map as Record<string, unknown>)) {
      if (typeof v === 'string' || v === null) continue
      throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: json: cannot unmarshal ${goType(v)} into Go struct field ${struct}.${field} of type string`)
    }
  }
  // Lists of structs: a scalar where a list belongs (`containers: 3`) cannot be decoded.
  const list = (v: unknown, field: string, struct: string, goType: string) => {
    if (v === undefined || v === null || Array.isArray(v)) return
    throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: json: cannot unmarshal ${typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'object'} into Go struct field ${struct}.${field} of type ${goType}`)
  }
  if (def.kind === 'Pod') {
    list(obj.spec?.containers, 'spec.containers', 'PodSpec', '[]v1.Container')
    list(obj.spec?.initContainers, 'spec.initContainers', 'PodSpec', '[]v1.Container')
  }
  if (obj.spec?.template?.spec) {
    list(obj.spec.template.spec.containers, 'spec.template.spec.containers', 'PodSpec', '[]v1.Container')
    list(obj.spec.template.spec.initContainers, 'spec.template.spec.initContainers', 'PodSpec', '[]v1.Container')
  }
  check(obj.metadata?.labels, 'metadata.labels', 'ObjectMeta')
  check(obj.metadata?.annotations, 'metadata.annotations', 'ObjectMeta')
  const tpl = obj.spec?.template
  if (tpl && typeof tpl === 'object') {
    check(tpl.metadata?.labels, 'spec.template.metadata.labels', 'ObjectMeta')
    check(tpl.metadata?.annotations, 'spec.template.metadata.annotations', 'ObjectMeta')
  }
}

