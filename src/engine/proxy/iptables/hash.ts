import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { base32 } from '@scure/base'

/**
 * Chain names, exactly as `pkg/proxy/iptables/proxier.go` derives them (REFERENCE 9.3):
 * SHA-256 of the ServicePortName string + the lower-case protocol (+ the endpoint
 * `ip:port` for SEP chains), RFC 4648 base32, first 16 characters. iptables chain names
 * are limited to 28 characters, hence the truncation.
 *
 * Example: servicePortChainName('default/web', 'tcp') === 'KUBE-SVC-LOLE4ISW44XBNF3G'
 */

/** portProtoHash: the 16 characters shared by a service port's SVC, SVL, EXT and FW chains. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32.encode(sha256(utf8ToBytes(servicePortName + protocol))).slice(0, 16)
}

/** KUBE-SVC-…: dispatches over the cluster endpoints (Cluster traffic policy). */
export function servicePortChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-SVC-' + portProtoHash(servicePortName, protocol)
}

/** KUBE-SVL-…: dispatches over this node's endpoints (Local traffic policy). */
export function serviceLocalChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-SVL-' + portProtoHash(servicePortName, protocol)
}

/** KUBE-FW-…: the loadBalancerSourceRanges allow-list. */
export function serviceFirewallChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-FW-' + portProtoHash(servicePortName, protocol)
}

/** KUBE-EXT-…: the entry for NodePort / externalIP / LB traffic. */
export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-EXT-' + portProtoHash(servicePortName, protocol)
}

/** KUBE-SEP-…: one endpoint of a service port; `endpoint` is Endpoint.String() (`ip:port`). */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + base32.encode(sha256(utf8ToBytes(servicePortName + protocol + endpoint))).slice(0, 16)
}

const SERVICE_CHAIN_PREFIXES = ['KUBE-SVC-', 'KUBE-SVL-', 'KUBE-SEP-', 'KUBE-FW-', 'KUBE-EXT-'] as const

/** isServiceChainName: the chains kube-proxy deletes when they go stale. */
export function isServiceChainName(chain: string): boolean {
  return SERVICE_CHAIN_PREFIXES.some((p) => chain.startsWith(p))
}
