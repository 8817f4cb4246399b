import type { KEvent, KObject } from '../../api/types'
import { formatLabels, type PrintContext } from '../printers/table'
import { joinHostPort } from '../printers/endpoints'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './writer'
import type { CommandContext } from '../command'
import { ACTOR } from '../resources'

/**
 * `describeService` (kubectl `pkg/describe/describe.go`, v1.33: endpoints come from the
 * Service's EndpointSlices, listed by `kubernetes.io/service-name`). Field order as kubectl:
 * Name, Namespace, Labels, Annotations, Selector, Type, IP Family Policy, IP Families, IP,
 * IPs, External IPs, Desired LoadBalancer IP, External Name, LoadBalancer Ingress, then per
 * port Port / TargetPort / AppProtocol / NodePort / Endpoints, Session Affinity, External and
 * Internal Traffic Policy, HealthCheck NodePort, LoadBalancer Source Ranges, Traffic
 * Distribution, Events.
 */
export function describeService(svc: KObject, slices: KObject[], events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  const spec = svc.spec ?? {}
  w.write(0, `Name:\t${svc.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', svc.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations)
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`)
  w.write(0, `Type:\t${spec.type ?? ''}\n`)
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`)
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`)
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`)
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`)
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`)
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`)
  const ingress: { ip?: string; hostname?: string; ipMode?: string }[] = svc.status?.loadBalancer?.ingress ?? []
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`)
  for (const sp of (spec.ports ?? []) as { name?: string; port: number; protocol?: string; targetPort?: number | string; appProtocol?: string; nodePort?: number }[]) {
    const name = sp.name || '<unset>'
    w.write(0, `Port:\t${name}\t${sp.port}/${sp.protocol}\n`)
    w.write(0, `TargetPort:\t${sp.targetPort ?? 0}/${sp.protocol}\n`)
    if (sp.appProtocol != null) w.write(0, `AppProtocol:\t${sp.appProtocol}\n`)
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol}\n`)
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, new Set([sp.name ?? '']))}\n`)
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`)
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`)
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`)
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`)
  if (events) describeEvents(w, events, p)
  return w.toString()
}

/** `buildIngressString`: `ip (ipMode)` or the hostname, joined by `, `. */
function ingressString(ingress: { ip?: string; hostname?: string; ipMode?: string }[]): string {
  return ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ')
}

interface Slice {
  ports?: { name?: string | null; port?: number | null }[] | null
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean | null } }[] | null
}

/**
 * `formatEndpointSlices(slices, ports)` (describe.go): ready endpoints (a nil `ready` counts
 * as ready) of the ports named in `ports` (undefined = all), `ip:port`, three at most then
 * ` + N more...`; `<none>` when the Service has no slice at all, an empty string when its
 * slices hold no ready endpoint.
 */
export function formatEndpointSlices(slices: KObject[], ports?: Set<string>): string {
  if (slices.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  for (const s of slices as Slice[]) {
    const endpoints = s.endpoints ?? []
    const isReady = (e: (typeof endpoints)[number]) => e.conditions?.ready == null || e.conditions.ready
    if (!s.ports?.length) {
      for (const e of endpoints) {
        if (list.length === max) more = true
        if (!isReady(e)) continue
        if (!more) list.push(e.addresses[0])
        count++
      }
      continue
    }
    for (const port of s.ports) {
      if (ports && !ports.has(port.name ?? '')) continue
      for (const e of endpoints) {
        if (list.length === max) more = true
        if (!isReady(e)) continue
        if (!more) list.push(joinHostPort(e.addresses[0], port.port ?? 0))
        count++
      }
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - max} more...` : ret
}

/** The Service's EndpointSlices, as `ServiceDescriber` lists them (label `kubernetes.io/service-name`). */
export function serviceSlices(ctx: CommandContext, svc: KObject): KObject[] {
  return ctx.host.ctx.api
    .list('endpointslices', svc.metadata.namespace, { actor: ACTOR })
    .items.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name)
}
