import type { KObject } from '../api/types'
import type { KindDef } from '../api/kinds/kind'
import { type FieldError, invalid, required } from '../api/field-errors'
import { nameValidatorForKind, isDNS1123Label } from '../api/names'
import { validateLabels } from '../api/labels'

/**
 * ObjectMeta validation shared by every kind (`ValidateObjectMeta` in apimachinery):
 * name or generateName, the kind's name rule, namespace, labels and annotations.
 */
export function validateObjectMeta(def: KindDef, obj: KObject): FieldError[] {
  const errs: FieldError[] = []
  const meta = obj.metadata
  if (!meta.name) {
    errs.push(required('metadata.name', 'name or generateName is required'))
  } else {
    for (const msg of nameValidatorForKind(def.kind)(meta.name)) errs.push(invalid('metadata.name', meta.name, msg))
  }
  if (def.namespaced) {
    if (!meta.namespace) errs.push(required('metadata.namespace', ''))
    else for (const msg of isDNS1123Label(meta.namespace)) errs.push(invalid('metadata.namespace', meta.namespace, msg))
  }
  errs.push(...validateLabels(meta.labels ?? {}, 'metadata.labels'))
  if (meta.annotations) {
    let size = 0
    for (const [k, v] of Object.entries(meta.annotations)) size += k.length + String(v).length
    // apimachinery TotalAnnotationSizeLimitB = 256 KiB.
    if (size > 256 * 1024) errs.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', value: '', detail: `may not be more than 262144 bytes` })
  }
  return errs
}
