import type { KindDef } from './kind'
import { type FieldError, indexPath, invalid, notSupported, required } from '../field-errors'
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from '../names'
import { isQualifiedName } from '../labels'
import { validateNonSpecialIP } from './service-validation'

/**
 * core/v1 Endpoints (`ValidateEndpoints`, `pkg/apis/core/validation`). Written by the
 * endpoint controller for Services with a selector, and by hand for Services without one.
 * Defaulting: `ports[].protocol: TCP` (`SetDefaults_EndpointPort`).
 *
 * @example
 *   api.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' },
 *     subsets: [{ addresses: [{ ip: '192.168.1.20' }], ports: [{ port: 5432 }] }] })
 */
export const endpointsKind: KindDef = {
  kind: 'Endpoints',
  apiVersion: 'v1',
  group: '',
  resource: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  hasStatus: false,
  default(obj) {
    for (const ss of Array.isArray(obj.subsets) ? obj.subsets : [])
      for (const p of Array.isArray(ss?.ports) ? ss.ports : []) if (p && !p.protocol) p.protocol = 'TCP'
  },
  validate(obj) {
    const errs: FieldError[] = []
    const subsets: any[] = Array.isArray(obj.subsets) ? obj.subsets : []
    subsets.forEach((ss, i) => {
      const path = indexPath('subsets', i)
      const addrs: any[] = ss?.addresses ?? []
      const notReady: any[] = ss?.notReadyAddresses ?? []
      // Headless Services may have endpoints without ports, never without addresses.
      if (!addrs.length && !notReady.length) errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'))
      addrs.forEach((a, j) => errs.push(...validateEndpointAddress(a ?? {}, indexPath(`${path}.addresses`, j))))
      notReady.forEach((a, j) => errs.push(...validateEndpointAddress(a ?? {}, indexPath(`${path}.notReadyAddresses`, j))))
      const ports: any[] = ss?.ports ?? []
      ports.forEach((p, j) => errs.push(...validateEndpointPort(p ?? {}, ports.length > 1, indexPath(`${path}.ports`, j))))
    })
    return errs
  },
}

function validateEndpointAddress(a: any, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (a.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => invalid(`${path}.hostname`, a.hostname, m)))
  if (a.nodeName != null) errs.push(...isDNS1123Subdomain(a.nodeName).map((m) => invalid(`${path}.nodeName`, a.nodeName, m)))
  errs.push(...validateNonSpecialIP(String(a.ip ?? ''), `${path}.ip`))
  return errs
}

/** `validateEndpointPort`: shared with EndpointSlice ports' name and protocol rules. */
export function validateEndpointPort(p: any, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (requireName && !p.name) errs.push(required(`${path}.name`))
  else if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => invalid(`${path}.name`, p.name, m)))
  for (const m of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port ?? 0, m))
  if (!p.protocol) errs.push(required(`${path}.protocol`))
  else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']))
  if (p.appProtocol != null) errs.push(...isQualifiedName(p.appProtocol).map((m) => invalid(`${path}.appProtocol`, p.appProtocol, m)))
  return errs
}
