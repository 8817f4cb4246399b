import type { KindDef } from './kind'
import type { ConditionStatus, KObject, LabelSelectorSpec, PodSpec, PodTemplateSpec } from '../types'
import { type FieldError, forbidden, invalid, notSupported, required } from '../field-errors'
import { defaultPodSpec } from './pod-spec'
import { validateReplicatedSpec } from './replicaset'

/**
 * apps/v1 Deployment: the type, its defaults (`pkg/apis/apps/v1/defaults.go`
 * `SetDefaults_Deployment`) and its validation (`pkg/apis/apps/validation/validation.go`
 * `ValidateDeploymentSpec`, `ValidateDeploymentStrategy`, `ValidateRollingUpdateDeployment`).
 *
 * @example
 *   deploymentKind.validate!(obj)
 *   // maxSurge 0 and maxUnavailable 0 →
 *   // spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0
 */

/** intstr.IntOrString as JSON carries it: `3` or `"25%"`. */
export type IntOrString = number | string

export interface RollingUpdateDeployment {
  maxUnavailable?: IntOrString
  maxSurge?: IntOrString
}

export interface DeploymentStrategy {
  type?: 'RollingUpdate' | 'Recreate'
  rollingUpdate?: RollingUpdateDeployment | null
}

export interface DeploymentSpec {
  replicas?: number
  selector: LabelSelectorSpec
  template: PodTemplateSpec
  strategy?: DeploymentStrategy
  minReadySeconds?: number
  revisionHistoryLimit?: number
  paused?: boolean
  progressDeadlineSeconds?: number
}

export interface DeploymentCondition {
  /** `Available`, `Progressing` or `ReplicaFailure`. */
  type: string
  status: ConditionStatus
  lastUpdateTime?: string
  lastTransitionTime?: string
  reason?: string
  message?: string
}

/** Zero counts are omitted, as Go's `omitempty` writes them. */
export interface DeploymentStatus {
  observedGeneration?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  unavailableReplicas?: number
  terminatingReplicas?: number
  conditions?: DeploymentCondition[]
  collisionCount?: number
}

export interface Deployment extends KObject {
  kind: 'Deployment'
  spec: DeploymentSpec
  status?: DeploymentStatus
}

export const deploymentKind: KindDef = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  group: 'apps',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  hasStatus: true,
  default(obj) {
    obj.spec ??= {}
    const spec = obj.spec
    spec.replicas ??= 1
    spec.strategy ??= {}
    const strategy = spec.strategy
    if (!strategy.type) strategy.type = 'RollingUpdate'
    if (strategy.type === 'RollingUpdate') {
      strategy.rollingUpdate ??= {}
      strategy.rollingUpdate.maxUnavailable ??= '25%'
      strategy.rollingUpdate.maxSurge ??= '25%'
    }
    spec.revisionHistoryLimit ??= 10
    spec.progressDeadlineSeconds ??= 600
    // minReadySeconds is a plain int32 with omitempty upstream: 0 is never written out,
    // so readers treat a missing value as 0 rather than the default materialising it.
    if (spec.template?.spec) defaultPodSpec(spec.template.spec as PodSpec)
    obj.status ??= {}
  },
  validate(obj) {
    return validateDeploymentSpec(obj.spec)
  },
  validateUpdate(obj, old) {
    // Since apps/v1 the selector is immutable (`deploymentStrategy.ValidateUpdate`).
    if (canonical(obj.spec?.selector) !== canonical(old.spec?.selector))
      return [invalid('spec.selector', obj.spec?.selector, 'field is immutable')]
    return []
  },
}

/** `ValidateDeploymentSpec`: the replicated-spec rules shared with ReplicaSet, then the Deployment's own. */
export function validateDeploymentSpec(spec: Record<string, any> | undefined): FieldError[] {
  const errs = validateReplicatedSpec(spec, true)
  if (!spec) return errs
  errs.push(...validateDeploymentStrategy(spec.strategy ?? {}))
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null)
    errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== null) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'))
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'))
  }
  return errs
}

/** `ValidateDeploymentStrategy`. */
export function validateDeploymentStrategy(strategy: DeploymentStrategy): FieldError[] {
  const path = 'spec.strategy'
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate != null
        ? [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")]
        : []
    case 'RollingUpdate':
      // Defaulting always fills it in; the text is upstream's.
      if (strategy.rollingUpdate == null) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')]
      return validateRollingUpdateDeployment(strategy.rollingUpdate, `${path}.rollingUpdate`)
    default:
      return [notSupported(path, strategy, ['Recreate', 'RollingUpdate'])]
  }
}

/**
 * `ValidateRollingUpdateDeployment`: both values are non-negative ints or `N%`; they may not
 * both be 0; maxUnavailable may not exceed 100% (maxSurge may: upstream only checks the one).
 */
export function validateRollingUpdateDeployment(ru: RollingUpdateDeployment, path: string): FieldError[] {
  const errs: FieldError[] = []
  errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`))
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`))
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
    errs.push(invalid(`${path}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'))
  const pct = percentValue(ru.maxUnavailable)
  if (pct !== undefined && pct > 100) errs.push(invalid(`${path}.maxUnavailable`, ru.maxUnavailable, 'must not be greater than 100%'))
  return errs
}

/** `validation.IsValidPercent`'s message (RegexError with examples '1%' and '93%'; the double space is upstream's). */
export const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
const PERCENT_RE = /^[0-9]+%$/

/** `ValidatePositiveIntOrPercent`. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return []
  if (typeof v === 'string') return PERCENT_RE.test(v) ? [] : [invalid(path, v, PERCENT_MSG)]
  if (typeof v === 'number' && Number.isInteger(v)) return nonNegative(v, path)
  // The '%%' is printed literally: upstream passes this string to field.Invalid, not to a printf.
  return [invalid(path, v, "must be an integer or percentage (e.g '5%%')")]
}

/** `getPercentValue`: the number in a valid `N%`, else undefined. */
function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && PERCENT_RE.test(v) ? Number(v.slice(0, -1)) : undefined
}

/**
 * `getIntOrPercentValue`: a valid percent's number, else `IntValue()` — which for a string
 * is `strconv.Atoi` (so "90" counts as 90 and "abc" as 0).
 */
function intOrPercentValue(v: unknown): number {
  const pct = percentValue(v)
  if (pct !== undefined) return pct
  if (typeof v === 'number') return v
  if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return Number(v)
  return 0
}

function nonNegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : []
}

/** Key-order-independent JSON, for semantic equality of selectors. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}
