import type { KindDef } from './kind'
import { invalid, notSupported, type FieldError } from '../field-errors'
import { isQualifiedName } from '../labels'

const EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule']

/** core/v1 Node. Registered by each kubelet; taints validated as `ValidateNodeSpecificAnnotations`/`validateNodeTaints` do. */
export const nodeKind: KindDef = {
  kind: 'Node',
  apiVersion: 'v1',
  group: '',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  hasStatus: true,
  validate(obj) {
    const errs: FieldError[] = []
    const taints = obj.spec?.taints ?? []
    const seen = new Set<string>()
    taints.forEach((t: { key: string; effect: string; value?: string }, i: number) => {
      const p = `spec.taints[${i}]`
      for (const m of isQualifiedName(t.key ?? '')) errs.push(invalid(`${p}.key`, t.key ?? '', m))
      if (!EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS))
      const id = `${t.key}:${t.effect}`
      if (seen.has(id)) errs.push({ type: 'FieldValueDuplicate', field: `${p}`, value: t, detail: `taints must be unique by key and effect pair` })
      seen.add(id)
    })
    return errs
  },
}
