import { servicePort, type EndpointInfo, type ProxyModel, type ServicePortInfo } from './model'

/**
 * Small building blocks for proxy scenarios and tests: the REFERENCE 9.7 worked example
 * (`default/web`, ClusterIP 10.96.45.12:80 → 8080, endpoints on node-1 and node-2) and
 * helpers to vary it. Node IPs follow the playground plan (192.168.10.1x).
 */

export const NODE_IPS: Record<string, string> = { 'node-1': '192.168.10.11', 'node-2': '192.168.10.12', 'node-3': '192.168.10.13' }

export type EndpointState = 'ready' | 'not-ready' | 'terminating' | 'terminating-not-serving'

/** An endpoint in one of the four EndpointSlice condition combinations (REFERENCE 8.5). */
export function ep(ip: string, port: number, nodeName: string, state: EndpointState = 'ready'): EndpointInfo {
  switch (state) {
    case 'ready': return { ip, port, nodeName, ready: true, serving: true, terminating: false }
    case 'not-ready': return { ip, port, nodeName, ready: false, serving: false, terminating: false }
    case 'terminating': return { ip, port, nodeName, ready: false, serving: true, terminating: true }
    case 'terminating-not-serving': return { ip, port, nodeName, ready: false, serving: false, terminating: true }
  }
}

/** The `default/web` service port of REFERENCE 9.7, with overrides. */
export function webService(over: Partial<ServicePortInfo> = {}): ServicePortInfo {
  return servicePort({ namespace: 'default', name: 'web', clusterIP: '10.96.45.12', port: 80, targetPort: 8080, ...over })
}

export const WEB_ENDPOINTS: EndpointInfo[] = [ep('10.244.1.5', 8080, 'node-1'), ep('10.244.2.7', 8080, 'node-2')]

/** A node's view with the given services and endpoints (keyed by ServicePortName). */
export function proxyModel(nodeName: string, services: ServicePortInfo[], endpoints: Record<string, EndpointInfo[]>, over: Partial<ProxyModel> = {}): ProxyModel {
  return {
    nodeName, nodeIP: NODE_IPS[nodeName] ?? '192.168.10.99', podCIDR: '10.244.0.0/16', clusterCIDR: '10.96.0.0/12',
    services, endpoints, ...over,
  }
}

/** REFERENCE 9.7 as seen from `nodeName`, optionally with a changed service. */
export function webModel(nodeName = 'node-1', svc: Partial<ServicePortInfo> = {}, endpoints: EndpointInfo[] = WEB_ENDPOINTS): ProxyModel {
  const s = webService(svc)
  return proxyModel(nodeName, [s], { [`default/web${s.portName ? ':' + s.portName : ''}`]: endpoints })
}
