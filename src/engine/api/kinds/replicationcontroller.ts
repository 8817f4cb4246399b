import type { KindDef } from './kind'
import type { PodSpec } from '../types'
import { type FieldError, invalid } from '../field-errors'
import { defaultPodSpec } from './pod-spec'
import { validateReplicatedSpec } from './replicaset'
import { validateLabels } from '../labels'

/**
 * core/v1 ReplicationController: the original replica controller. Its selector is a plain
 * equality map (no `matchExpressions` — the one real difference from a ReplicaSet), and it
 * defaults both the selector and its own labels from the template
 * (`pkg/apis/core/v1/defaults.go` SetDefaults_ReplicationController).
 */
export const replicationControllerKind: KindDef = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  group: '',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  categories: ['all'],
  namespaced: true,
  hasStatus: true,
  default(obj) {
    obj.spec ??= {}
    const tplLabels = obj.spec.template?.metadata?.labels
    if (tplLabels && (!obj.spec.selector || Object.keys(obj.spec.selector).length === 0)) obj.spec.selector = { ...tplLabels }
    if (tplLabels && (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0)) obj.metadata.labels = { ...tplLabels }
    obj.spec.replicas ??= 1
    obj.spec.minReadySeconds ??= 0
    if (obj.spec.template?.spec) defaultPodSpec(obj.spec.template.spec as PodSpec)
    if (!obj.status) obj.status = { replicas: 0 }
  },
  validate(obj) {
    // ValidateReplicationControllerSpec: a non-empty equality selector that matches the template.
    const errs: FieldError[] = validateReplicatedSpec(obj.spec, false)
    const sel = obj.spec?.selector
    if (sel && typeof sel === 'object') {
      if (Object.keys(sel).length === 0) errs.push({ type: 'FieldValueRequired', field: 'spec.selector', detail: '' })
      errs.push(...validateLabels(sel, 'spec.selector'))
      const labels = obj.spec?.template?.metadata?.labels ?? {}
      const ok = Object.entries(sel).every(([k, v]) => labels[k] === v)
      if (Object.keys(sel).length && !ok) errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'))
    }
    return errs
  },
}
