import type { ApiServer } from '../apiserver/apiserver'
import { ApiError } from '../apiserver/errors'
import type { KObject } from '../api/types'
import { ADDRESS_PLAN } from './addresses'

/**
 * The Services every cluster has:
 * - `default/kubernetes`, which kube-apiserver itself keeps (`pkg/controlplane/controller/
 *   kubernetesservice`): ClusterIP 10.96.0.1, port `https` 443 → 6443, no selector. Its
 *   Endpoints and EndpointSlice (both named `kubernetes`) are written by the apiserver's
 *   endpoint reconciler (`reconcilers/endpointsadapter.go`); the Endpoints carry
 *   `endpointslice.kubernetes.io/skip-mirror: "true"` so the mirroring controller leaves them.
 * - `kube-system/kube-dns` at 10.96.0.10 for CoreDNS, as kubeadm installs it.
 *
 * @example
 *   ensureKubernetesService(api)            // at API server start, idempotent
 *   api.create('services', kubeDnsService(), { actor: 'kubeadm' })
 */

const APISERVER = { actor: 'kube-apiserver' }

export function kubernetesService(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: ADDRESS_PLAN.kubernetesServiceIP,
      sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: ADDRESS_PLAN.apiserverPort }],
    },
  }
}

export function kubernetesEndpoints(ip: string = ADDRESS_PLAN.controlPlaneIP): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port: ADDRESS_PLAN.apiserverPort, protocol: 'TCP' }] }],
  }
}

/** `endpointSliceFromEndpoints`: named like the Service, no managed-by label, ready endpoints. */
export function kubernetesEndpointSlice(ip: string = ADDRESS_PLAN.controlPlaneIP): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: 'https', port: ADDRESS_PLAN.apiserverPort, protocol: 'TCP' }],
  }
}

/** Create the `kubernetes` Service, Endpoints and EndpointSlice unless they exist (a restart keeps them). */
export function ensureKubernetesService(api: ApiServer, ip: string = ADDRESS_PLAN.controlPlaneIP): void {
  const items: [string, KObject][] = [
    ['services', kubernetesService()],
    ['endpoints', kubernetesEndpoints(ip)],
    ['endpointslices', kubernetesEndpointSlice(ip)],
  ]
  for (const [resource, obj] of items) {
    if (api.peek(resource, 'default', obj.metadata.name as string)) continue
    try {
      api.create(resource, obj, APISERVER)
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'AlreadyExists') throw e
    }
  }
}

/** kubeadm's CoreDNS Service (`kube-system/kube-dns`). */
export function kubeDnsService(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      clusterIP: ADDRESS_PLAN.dnsServiceIP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  }
}

/**
 * kubeadm's CoreDNS Deployment (`kube-system/coredns`, 2 replicas, pods labelled
 * `k8s-app=kube-dns`), so the kube-dns Service has real endpoints and a DNS query travels
 * through the same rules as any other Service packet. Simplified from kubeadm's manifest:
 * no ConfigMap volume and no probes (the simulated image answers on its declared ports only),
 * and no priorityClassName (priorities are not simulated).
 */
export function coreDnsDeployment(): KObject {
  const labels = { 'k8s-app': 'kube-dns' }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            },
          ],
          dnsPolicy: 'Default',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
        },
      },
    },
  }
}
