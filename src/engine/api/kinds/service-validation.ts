import type { KObject } from '../types'
import { type FieldError, duplicate, forbidden, indexPath, invalid, notSupported, required } from '../field-errors'
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../names'
import { isQualifiedName, validateLabels } from '../labels'
import { isIPv6, isValidIP, parseCidr, parseIPv4 } from '../../net/addresses'

/**
 * `ValidateService` / `ValidateServiceUpdate` (`pkg/apis/core/validation/validation.go`),
 * in Kubernetes' order and with its texts. Values are passed as Kubernetes passes them
 * (e.g. the whole `clusterIPs` list), so field-errors prints them.
 *
 * @example
 *   validateService({ ...svc, spec: { ...svc.spec, ports: [] } })
 *   // → [spec.ports: Required value]
 */

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const AFFINITIES = ['ClientIP', 'None']
const TRAFFIC_POLICIES = ['Cluster', 'Local']
/** `core.MaxClientIPServiceAffinitySeconds`. */
const MAX_AFFINITY_SECONDS = 86400

/** `isHeadlessService`: exactly one clusterIP and it is `None`. */
export function isHeadless(svc: KObject): boolean {
  const ips = svc.spec?.clusterIPs
  return Array.isArray(ips) && ips.length === 1 && ips[0] === 'None'
}

/** `apiservice.ExternallyAccessible`: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function externallyAccessible(svc: KObject): boolean {
  const t = svc.spec?.type
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0)
}

/** `apiservice.NeedsHealthCheck`: a LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: KObject): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local'
}

const dns1123Label = (value: string, path: string) => isDNS1123Label(value).map((m) => invalid(path, value, m))

export function validateService(svc: KObject): FieldError[] {
  const errs: FieldError[] = []
  const spec = svc.spec ?? {}
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : []
  const headless = isHeadless(svc)
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'))

  if (spec.type === 'LoadBalancer' && headless)
    errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"))
  if (spec.type === 'NodePort' && headless) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"))
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'))
    if (spec.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'))
    if (spec.ipFamilyPolicy != null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'))
    // The value (a CNAME) may end in a dot to mark it fully qualified.
    const cname = String(spec.externalName ?? '').replace(/\.$/, '')
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalid('spec.externalName', cname, m)))
    else errs.push(required('spec.externalName'))
  }

  const names = new Set<string>()
  ports.forEach((p, i) => errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, indexPath('spec.ports', i))))

  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'))

  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'))
  else if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES))
  if (spec.sessionAffinity === 'ClientIP') errs.push(...validateClientIPAffinity(spec.sessionAffinityConfig))
  else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig != null)
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'))

  errs.push(...validateClusterIPsRelatedFields(svc))

  ;(spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    const path = indexPath('spec.externalIPs', i)
    if (!isValidIP(ip)) errs.push(invalid(path, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'))
    else errs.push(...validateNonSpecialIP(ip, path))
  })

  if (!spec.type) errs.push(required('spec.type'))
  else if (!(SERVICE_TYPES as readonly string[]).includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES))

  if (spec.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p?.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"))
    })

  // Duplicates by (protocol, nodePort) and by (protocol, port).
  const nodePorts = new Set<string>()
  ports.forEach((p, i) => {
    if (!p?.nodePort) return
    const key = `${p.protocol}/${p.nodePort}`
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort))
    nodePorts.add(key)
  })
  const seen = new Set<string>()
  ports.forEach((p, i) => {
    const key = `${p?.protocol}/${p?.port}`
    // Upstream's BadValue is core.ServicePort{Protocol, Port} (the other fields zero).
    if (seen.has(key))
      errs.push(duplicate(`spec.ports[${i}]`, { Name: '', Protocol: p?.protocol, AppProtocol: null, Port: p?.port, TargetPort: { Type: 0, IntVal: 0, StrVal: '' }, NodePort: 0 }))
    seen.add(key)
  })

  if (spec.loadBalancerSourceRanges?.length) {
    // Sic: upstream's path spells the field with a capital L.
    const path = 'spec.LoadBalancerSourceRanges'
    if (spec.type !== 'LoadBalancer') errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"))
    spec.loadBalancerSourceRanges.forEach((v: string, i: number) => {
      const value = String(v).trim()
      if (!parseCidr(value)) errs.push(invalid(indexPath(path, i), value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'))
    })
  }

  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer')
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"))
  // Sic: upstream's path has no `spec.` here.
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) errs.push(required('allocateLoadBalancerNodePorts'))

  if (spec.loadBalancerClass != null) {
    if (spec.type === 'LoadBalancer') errs.push(...isQualifiedName(spec.loadBalancerClass).map((m) => invalid('spec.loadBalancerClass', spec.loadBalancerClass, m)))
    else errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"))
  }

  errs.push(...validateExternalTrafficPolicy(svc))

  if (spec.internalTrafficPolicy == null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'))
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy))
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES))

  if (spec.trafficDistribution != null && spec.trafficDistribution !== 'PreferClose')
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']))
  return errs
}

function validateServicePort(sp: any, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (requireName && !sp.name) errs.push(required(`${path}.name`))
  else if (sp.name) {
    errs.push(...dns1123Label(sp.name, `${path}.name`))
    if (names.has(sp.name)) errs.push(duplicate(`${path}.name`, sp.name))
    else names.add(sp.name)
  }
  for (const m of isValidPortNum(sp.port)) errs.push(invalid(`${path}.port`, sp.port ?? 0, m))
  if (!sp.protocol) errs.push(required(`${path}.protocol`))
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(`${path}.protocol`, sp.protocol, PROTOCOLS))
  errs.push(...validatePortNumOrName(sp.targetPort, `${path}.targetPort`))
  if (sp.appProtocol != null) errs.push(...isQualifiedName(sp.appProtocol).map((m) => invalid(`${path}.appProtocol`, sp.appProtocol, m)))
  return errs
}

/** `ValidatePortNumOrName`: an intstr — a number must be a port, a string a port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m))
  const n = typeof port === 'number' ? port : 0
  return isValidPortNum(n).map((m) => invalid(path, n, m))
}

function validateClientIPAffinity(config: any): FieldError[] {
  const why = 'when session affinity type is ClientIP'
  if (config == null) return [required('spec.sessionAffinityConfig', why)]
  if (config.clientIP == null) return [required('spec.sessionAffinityConfig.clientIP', why)]
  const t = config.clientIP.timeoutSeconds
  if (t == null) return [required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', why)]
  if (!(t > 0 && t <= MAX_AFFINITY_SECONDS))
    return [invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)]
  return []
}

function validateExternalTrafficPolicy(svc: KObject): FieldError[] {
  const errs: FieldError[] = []
  const spec = svc.spec ?? {}
  const etp = spec.externalTrafficPolicy
  if (!externallyAccessible(svc)) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'))
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'))
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES))
  const hc = spec.healthCheckNodePort ?? 0
  if (!needsHealthCheck(svc)) {
    if (hc !== 0)
      errs.push(invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
  } else if (hc === 0) errs.push(required('spec.healthCheckNodePort'))
  else for (const m of isValidPortNum(hc)) errs.push(invalid('spec.healthCheckNodePort', hc, m))
  return errs
}

/**
 * `ValidateServiceClusterIPsRelatedFields`: clusterIP and clusterIPs in sync, families and
 * policy from the supported sets, valid addresses, `None` alone. Exported because the
 * allocator runs it before allocating, as upstream does.
 */
export function validateClusterIPsRelatedFields(svc: KObject): FieldError[] {
  const spec = svc.spec ?? {}
  if (spec.type === 'ExternalName') return []
  const errs: FieldError[] = []
  const ips: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : []
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'))
    else if (ips[0] !== spec.clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'))
  } else if (ips.length) errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'))

  const families: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []
  const seen = new Set<string>()
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']))
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f))
    seen.add(f)
  })
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack']
  if (spec.ipFamilyPolicy != null && !policies.includes(spec.ipFamilyPolicy)) errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, policies))

  let badIPs = false
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true
        errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"))
      }
      return
    }
    if (!isValidIP(ip)) {
      badIPs = true
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'))
    }
  })
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'))
  if (badIPs) return errs
  if (ips.length > 1 && isIPv6(ips[0]) === isIPv6(ips[1]))
    errs.push(invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'))
  if (!isHeadless(svc))
    ips.forEach((ip, i) => {
      if (i >= families.length) return
      if (families[i] === 'IPv4' && isIPv6(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``))
      if (families[i] === 'IPv6' && !isIPv6(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``))
    })
  return errs
}

/** `ValidateNonSpecialIP` (externalIPs) and `ValidateEndpointIP` (endpoint addresses) share these checks. */
export function validateNonSpecialIP(ip: string, path: string): FieldError[] {
  const n = parseIPv4(ip)
  if (n === undefined) return isValidIP(ip) ? [] : [invalid(path, ip, 'must be a valid IP address')]
  const errs: FieldError[] = []
  if (n === 0) errs.push(invalid(path, ip, `may not be unspecified (${ip})`))
  if (n >>> 24 === 127) errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'))
  if (n >>> 16 === 0xa9fe) errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'))
  if (n >>> 8 === 0xe00000) errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'))
  return errs
}

/**
 * The update-only half of `ValidateServiceUpdate`: the primary clusterIP and family may not
 * change (unless to/from ExternalName), nor the loadBalancerClass, nor a needed health-check port.
 */
export function validateServiceUpdate(svc: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = []
  const spec = svc.spec ?? {}
  const was = old.spec ?? {}
  if (spec.type !== 'ExternalName' && was.type !== 'ExternalName' && !(isHeadless(svc) && isHeadless(old))) {
    const a: string[] = was.clusterIPs ?? []
    const b: string[] = spec.clusterIPs ?? []
    if (a.length === b.length) {
      a.forEach((ip, i) => {
        if (ip !== b[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, b, 'may not change once set'))
      })
    } else if (a.length > b.length) {
      if (b.length === 0) errs.push(invalid('spec.clusterIPs[0]', b, 'primary clusterIP can not be unset'))
      if (a.length > 0 && b.length > 0 && b[0] !== a[0]) errs.push(invalid('spec.clusterIPs[0]', b, 'may not change once set'))
      if (b.length === 1 && spec.ipFamilyPolicy !== 'SingleStack')
        errs.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"))
    } else if (a.length > 0 && b[0] !== a[0]) errs.push(invalid('spec.clusterIPs[0]', b, 'may not change once set'))
    const fa: string[] = was.ipFamilies ?? []
    const fb: string[] = spec.ipFamilies ?? []
    if (isHeadless(svc) === isHeadless(old) && !isHeadless(svc) && fa.length === fb.length && fa.some((f, i) => f !== fb[i]))
      errs.push(invalid('spec.ipFamilies[0]', fb, 'may not change once set'))
  }
  if (was.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (was.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null))
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'))
  if (needsHealthCheck(old) && needsHealthCheck(svc) && spec.healthCheckNodePort !== was.healthCheckNodePort)
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'))
  return errs
}
