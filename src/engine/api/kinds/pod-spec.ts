import type { Container, PodSpec } from '../types'
import { type FieldError, duplicate, invalid, notSupported, required } from '../field-errors'
import { isDNS1123Label, isValidPortName } from '../names'
import { parseQuantity } from '../quantity'
import { validateLabels } from '../labels'

/**
 * PodSpec defaulting and validation, shared by Pods and every pod template
 * (`pkg/apis/core/v1/defaults.go`, `pkg/apis/core/validation/validation.go`).
 */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always'
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.terminationGracePeriodSeconds ??= 30
  spec.schedulerName ??= 'default-scheduler'
  spec.securityContext ??= {}
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c)
}

export function defaultContainer(c: Container): void {
  if (!c || typeof c !== 'object') return
  if (!c.imagePullPolicy && typeof c.image === 'string') c.imagePullPolicy = imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent'
  c.terminationMessagePath ??= '/dev/termination-log'
  c.terminationMessagePolicy ??= 'File'
  for (const p of c.ports ?? []) p.protocol ??= 'TCP'
  // Requests default to limits where missing (SetDefaults_Pod).
  const limits = c.resources?.limits
  if (limits) {
    c.resources!.requests = { ...(c.resources!.requests ?? {}) }
    for (const [k, v] of Object.entries(limits)) if (c.resources!.requests[k] === undefined) c.resources!.requests[k] = v
  } else if (c.resources === undefined) c.resources = {}
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const p = c[probe]
    if (!p || typeof p !== 'object') continue
    p.timeoutSeconds ??= 1
    p.periodSeconds ??= 10
    p.successThreshold ??= 1
    p.failureThreshold ??= 3
    if (p.httpGet) {
      p.httpGet.path ??= '/'
      p.httpGet.scheme ??= 'HTTP'
    }
  }
}

/** The tag of an image reference; an untagged image counts as `latest` (digests have none). */
export function imageTag(image: string): string {
  if (image.includes('@')) return ''
  const slash = image.lastIndexOf('/')
  const colon = image.lastIndexOf(':')
  return colon > slash ? image.slice(colon + 1) : 'latest'
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!spec || typeof spec !== 'object') return [required(path, '')]
  const names = new Set<string>()
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errs.push(required(`${path}.containers`, ''))
  else spec.containers.forEach((c, i) => errs.push(...validateContainer(c, `${path}.containers[${i}]`, names)))
  ;(spec.initContainers ?? []).forEach((c, i) => errs.push(...validateContainer(c, `${path}.initContainers[${i}]`, names)))
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy))
    errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES))
  if (spec.dnsPolicy && !DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES))
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0)
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'))
  if (spec.nodeSelector) errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`))
  if (spec.hostname) for (const m of isDNS1123Label(spec.hostname)) errs.push(invalid(`${path}.hostname`, spec.hostname, m))
  if (spec.subdomain) for (const m of isDNS1123Label(spec.subdomain)) errs.push(invalid(`${path}.subdomain`, spec.subdomain, m))
  return errs
}

function validateContainer(c: Container, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = []
  if (!c || typeof c !== 'object') return [required(path, '')]
  if (!c.name) errs.push(required(`${path}.name`, ''))
  else {
    for (const m of isDNS1123Label(c.name)) errs.push(invalid(`${path}.name`, c.name, m))
    if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name))
    names.add(c.name)
  }
  if (!c.image || typeof c.image !== 'string' || !c.image.trim()) errs.push(required(`${path}.image`, ''))
  const portNames = new Set<string>()
  ;(c.ports ?? []).forEach((p, j) => {
    const pp = `${path}.ports[${j}]`
    if (typeof p.containerPort !== 'number' || !Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535)
      errs.push(invalid(`${pp}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'))
    if (p.name) {
      for (const m of isValidPortName(p.name)) errs.push(invalid(`${pp}.name`, p.name, m))
      if (portNames.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name))
      portNames.add(p.name)
    }
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS))
  })
  for (const kind of ['requests', 'limits'] as const) {
    const list = c.resources?.[kind]
    if (!list) continue
    for (const [res, q] of Object.entries(list)) {
      try {
        const v = parseQuantity(q as string)
        if (v.value < 0) errs.push(invalid(`${path}.resources.${kind}[${res}]`, q, 'must be greater than or equal to 0'))
      } catch (e) {
        errs.push(invalid(`${path}.resources.${kind}[${res}]`, q, (e as Error).message))
      }
    }
  }
  const req = c.resources?.requests
  const lim = c.resources?.limits
  if (req && lim) {
    for (const res of Object.keys(req)) {
      if (lim[res] === undefined) continue
      try {
        if (parseQuantity(req[res] as string).value > parseQuantity(lim[res] as string).value)
          errs.push(invalid(`${path}.resources.requests`, req[res], `must be less than or equal to ${res} limit of ${lim[res]}`))
      } catch {
        // already reported above
      }
    }
  }
  return errs
}
