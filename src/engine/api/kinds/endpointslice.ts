import type { KindDef } from './kind'
import { type FieldError, duplicate, indexPath, invalid, notSupported, required } from '../field-errors'
import { isDNS1123Label, isDNS1123Subdomain } from '../names'
import { isQualifiedName } from '../labels'
import { parseIPv4 } from '../../net/addresses'
import { validateNonSpecialIP } from './service-validation'

/** Limits of `pkg/apis/discovery/validation`. */
export const ENDPOINTSLICE_LIMITS = { maxEndpoints: 1000, maxAddresses: 100, maxPorts: 20000 } as const
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

/**
 * discovery.k8s.io/v1 EndpointSlice (`ValidateEndpointSlice`, `SetDefaults_EndpointPort`:
 * port name "" and protocol TCP). `addressType` is immutable.
 *
 * @example
 *   api.create('endpointslices', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
 *     metadata: { generateName: 'web-', labels: { 'kubernetes.io/service-name': 'web' } },
 *     addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
 *     ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] })
 */
export const endpointSliceKind: KindDef = {
  kind: 'EndpointSlice',
  apiVersion: 'discovery.k8s.io/v1',
  group: 'discovery.k8s.io',
  resource: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  hasStatus: false,
  default(obj) {
    for (const p of Array.isArray(obj.ports) ? obj.ports : []) {
      if (!p || typeof p !== 'object') continue
      p.name ??= ''
      p.protocol ??= 'TCP'
    }
  },
  validate(obj) {
    const errs: FieldError[] = []
    if (!obj.addressType) errs.push(required('addressType'))
    else if (!ADDRESS_TYPES.includes(obj.addressType)) errs.push(notSupported('addressType', obj.addressType, ADDRESS_TYPES))
    errs.push(...validateEndpoints(obj.endpoints, obj.addressType))
    errs.push(...validatePorts(obj.ports))
    return errs
  },
  validateUpdate(obj, old) {
    return obj.addressType !== old.addressType ? [invalid('addressType', obj.addressType, 'field is immutable')] : []
  },
}

function validateEndpoints(endpoints: any, addressType: string): FieldError[] {
  const errs: FieldError[] = []
  const list: any[] = Array.isArray(endpoints) ? endpoints : []
  // Upstream: field.TooMany ("Too many: N: must have at most 1000 items").
  if (list.length > ENDPOINTSLICE_LIMITS.maxEndpoints)
    return [invalid('endpoints', list.length, `must have at most ${ENDPOINTSLICE_LIMITS.maxEndpoints} items`)]
  list.forEach((ep, i) => {
    const path = indexPath('endpoints', i)
    const addrs: any[] = Array.isArray(ep?.addresses) ? ep.addresses : []
    if (!addrs.length) errs.push(required(`${path}.addresses`, 'must contain at least 1 address'))
    else if (addrs.length > ENDPOINTSLICE_LIMITS.maxAddresses)
      errs.push(invalid(`${path}.addresses`, addrs.length, `must have at most ${ENDPOINTSLICE_LIMITS.maxAddresses} items`))
    addrs.forEach((a, j) => {
      const ap = indexPath(`${path}.addresses`, j)
      if (addressType === 'IPv4') {
        if (parseIPv4(a) === undefined) errs.push(invalid(ap, a, 'must be a valid IPv4 address'))
        else errs.push(...validateNonSpecialIP(a, ap))
      } else if (addressType === 'FQDN') errs.push(...isDNS1123Subdomain(String(a)).map((m) => invalid(ap, a, m)))
    })
    if (ep?.nodeName != null) errs.push(...isDNS1123Subdomain(ep.nodeName).map((m) => invalid(`${path}.nodeName`, ep.nodeName, m)))
    if (ep?.hostname != null) errs.push(...isDNS1123Label(ep.hostname).map((m) => invalid(`${path}.hostname`, ep.hostname, m)))
  })
  return errs
}

function validatePorts(ports: any): FieldError[] {
  const errs: FieldError[] = []
  const list: any[] = Array.isArray(ports) ? ports : []
  const names = new Set<string>()
  list.forEach((p, i) => {
    const path = indexPath('ports', i)
    const name = p?.name ?? ''
    if (name) errs.push(...isDNS1123Label(name).map((m) => invalid(`${path}.name`, name, m)))
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name))
    else names.add(name)
    if (p?.protocol == null) errs.push(required(`${path}.protocol`))
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS))
    if (p?.appProtocol != null) errs.push(...isQualifiedName(p.appProtocol).map((m) => invalid(`${path}.appProtocol`, p.appProtocol, m)))
  })
  return errs
}
