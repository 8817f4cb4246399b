import type { KindDef } from './kind'
import type { PodSpec } from '../types'
import { defaultPodSpec, validatePodSpec } from './pod-spec'
import { forbidden } from '../field-errors'
import { qosClass } from '../qos'

/** core/v1 Pod. The API server sets `status.phase: Pending` and the QoS class on create. */
export const podKind: KindDef = {
  kind: 'Pod',
  apiVersion: 'v1',
  group: '',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  hasStatus: true,
  default(obj) {
    obj.spec ??= { containers: [] }
    defaultPodSpec(obj.spec as PodSpec)
    obj.spec.priority ??= 0
    // SetDefaults_Pod, not SetDefaults_PodSpec: templates don't get it.
    obj.spec.enableServiceLinks ??= true
    if (!obj.status) obj.status = { phase: 'Pending', qosClass: qosClass(obj.spec as PodSpec) }
  },
  validate(obj) {
    return validatePodSpec(obj.spec, 'spec')
  },
  validateUpdate(obj, old) {
    // Pod specs are immutable but for images, activeDeadlineSeconds, tolerations (added) and
    // the scheduler's nodeName binding (done through pods/binding).
    const strip = (s: PodSpec) => {
      const c = structuredClone(s) as PodSpec
      for (const k of c.containers ?? []) delete (k as { image?: string }).image
      for (const k of c.initContainers ?? []) delete (k as { image?: string }).image
      delete c.activeDeadlineSeconds
      delete c.tolerations
      delete c.terminationGracePeriodSeconds
      return canonical(c)
    }
    if (strip(obj.spec) !== strip(old.spec))
      return [
        forbidden(
          'spec',
          'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        ),
      ]
    return []
  },
}

/** JSON with object keys sorted: equality of two specs must not depend on key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
  return JSON.stringify(v) ?? 'null'
}
