import type { KindDef } from './kind'
import type { PodSpec } from '../types'
import { type FieldError, invalid, notSupported, required } from '../field-errors'
import { defaultPodSpec, validatePodSpec } from './pod-spec'
import { validateLabelSelector, fromLabelSelector, matches } from '../selector'
import { validateLabels } from '../labels'

/** apps/v1 ReplicaSet (`pkg/apis/apps/validation`): set-based selector that must match the template. */
export const replicaSetKind: KindDef = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  group: 'apps',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  categories: ['all'],
  namespaced: true,
  hasStatus: true,
  default(obj) {
    obj.spec ??= {}
    obj.spec.replicas ??= 1
    obj.spec.minReadySeconds ??= 0
    if (obj.spec.template?.spec) defaultPodSpec(obj.spec.template.spec as PodSpec)
    if (!obj.status) obj.status = { replicas: 0 }
  },
  validate(obj) {
    return validateReplicatedSpec(obj.spec, true)
  },
  validateUpdate(obj, old) {
    if (JSON.stringify(obj.spec?.selector) !== JSON.stringify(old.spec?.selector))
      return [invalid('spec.selector', obj.spec?.selector, 'field is immutable')]
    return []
  },
}

/**
 * Validation shared by ReplicaSet and (later) Deployment: replicas ≥ 0, a non-empty
 * selector matching the template's labels, and a template whose restartPolicy is Always.
 */
export function validateReplicatedSpec(spec: Record<string, any> | undefined, setBased: boolean): FieldError[] {
  const errs: FieldError[] = []
  if (!spec) return [required('spec', '')]
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0))
    errs.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'))
  if (spec.minReadySeconds !== undefined && spec.minReadySeconds < 0)
    errs.push(invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'))
  let selector: ReturnType<typeof fromLabelSelector> | undefined
  if (!spec.selector) errs.push(required('spec.selector', ''))
  else if (setBased) {
    const selErrs = validateLabelSelector(spec.selector, 'spec.selector')
    errs.push(...selErrs)
    if (!selErrs.length) {
      selector = fromLabelSelector(spec.selector)
      if (selector !== 'nothing' && selector.requirements.length === 0)
        errs.push(invalid('spec.selector', spec.selector, 'empty selector is invalid for deployment'))
    }
  }
  const tpl = spec.template
  if (!tpl) errs.push(required('spec.template', ''))
  else {
    const labels = tpl.metadata?.labels ?? {}
    errs.push(...validateLabels(labels, 'spec.template.metadata.labels'))
    if (selector && selector !== 'nothing' && selector.requirements.length && !matches(selector, labels))
      errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'))
    errs.push(...validatePodSpec(tpl.spec, 'spec.template.spec'))
    const rp = tpl.spec?.restartPolicy
    if (rp && rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']))
  }
  return errs
}
