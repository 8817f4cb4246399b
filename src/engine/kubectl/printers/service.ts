import type { KObject } from '../../api/types'
import { AGE, NAME, formatLabels, registerTable } from './table'

/**
 * `kubectl get services` (`printService`, kubectl `pkg/printers/internalversion/printers.go`):
 * NAME, TYPE, CLUSTER-IP (`spec.clusterIPs[0]`, `<none>` without one — ExternalName),
 * EXTERNAL-IP, PORT(S) (`80/TCP`, `80:31234/TCP`, `<none>`), AGE; `-o wide` adds SELECTOR.
 *
 * @example
 *   makePortString([{ port: 80, nodePort: 31234, protocol: 'TCP' }])  // '80:31234/TCP'
 */

/** `loadBalancerWidth`: without `-o wide` the LB addresses are cut to 16 bytes. */
const LOAD_BALANCER_WIDTH = 16

interface LoadBalancerIngress {
  ip?: string
  hostname?: string
}

/** `loadBalancerStatusStringer`: the ingress IPs (or hostnames), sorted and de-duplicated (a `sets.String`). */
export function loadBalancerStatusString(svc: KObject, wide: boolean): string {
  const set = new Set<string>()
  for (const ing of (svc.status?.loadBalancer?.ingress ?? []) as LoadBalancerIngress[]) {
    if (ing?.ip) set.add(ing.ip)
    else if (ing?.hostname) set.add(ing.hostname)
  }
  let r = [...set].sort().join(',')
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...'
  return r
}

/**
 * `getServiceExternalIP`: ClusterIP and NodePort show `spec.externalIPs` or `<none>`;
 * LoadBalancer shows its ingress addresses (then any externalIPs) or `<pending>` until the
 * cloud controller has written one; ExternalName shows the external name.
 */
export function serviceExternalIP(svc: KObject, wide: boolean): string {
  const externalIPs: string[] = svc.spec?.externalIPs ?? []
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(svc, wide)
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? ''
    default:
      return '<unknown>'
  }
}

interface ServicePort {
  port: number
  nodePort?: number
  protocol?: string
}

/** `makePortString`: `port/proto`, or `port:nodePort/proto` when a node port is allocated. */
export function makePortString(ports: ServicePort[] | undefined | null): string {
  return (ports ?? []).map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',')
}

registerTable({
  kind: 'Service',
  columns: [NAME, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' }, AGE, { name: 'Selector', priority: 1 }],
  row(svc, p) {
    const clusterIPs: string[] = svc.spec?.clusterIPs ?? []
    return [
      svc.metadata.name ?? '',
      svc.spec?.type ?? '',
      clusterIPs.length ? clusterIPs[0] : '<none>',
      serviceExternalIP(svc, p.wide),
      makePortString(svc.spec?.ports) || '<none>',
      p.age(svc.metadata.creationTimestamp),
      formatLabels(svc.spec?.selector),
    ]
  },
})
