import type { KObject } from '../api/types'
import type { Rng } from '../rng'
import { type FieldError, invalid as fieldInvalid } from '../api/field-errors'
import { ApiError, invalid } from '../apiserver/errors'
import { isHeadless, needsHealthCheck, validateClusterIPsRelatedFields } from '../api/kinds/service-validation'
import { AllocationError, PortAllocator, ServiceIPAllocator } from './allocators'
import { dropTypeDependentFields, needsClusterIP, needsNodePort, nodePortsOf, normalizeClusterIPs, patchAllocatedValues, sameList } from './service-update'
import { ADDRESS_PLAN, isIPv6, parseIPv4 } from './addresses'

/**
 * The Service registry's allocation step (`pkg/registry/core/service/storage/alloc.go` and
 * the BeginCreate/BeginUpdate/AfterDelete hooks of `storage.go`): ClusterIPs, NodePorts and
 * the health-check NodePort, as a transaction that the API server commits after the write or
 * reverts when the request fails. The playground cluster is single-stack IPv4.
 *
 * Allocator state is not stored: like kube-apiserver's repair controllers, it can be rebuilt
 * from the stored Services at any time (`rebuild`), which is how a restored snapshot gets it.
 *
 * @example
 *   const alloc = new ServiceAllocators()
 *   const txn = alloc.allocateCreate(svc, rng, false)  // svc.spec.clusterIP = '10.10x.y.z'
 *   txn.commit()
 */
export interface Txn {
  commit(): void
  revert(): void
}

/** `errors.NewInternalError`. */
function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`)
}

const invalidService = (svc: KObject, errs: FieldError[]) => invalid('Service', svc.metadata.name ?? '', errs)

/**
 * A PortAllocationOperation (`portallocator/operation.go`): allocate at once, release
 * deferred to commit; dry runs reserve nothing and invent port 32769, 32770, … as upstream.
 */
class NodePortOperation {
  private allocated: number[] = []
  private deferred: number[] = []
  constructor(
    private readonly ports: PortAllocator,
    private readonly rng: Rng,
    private readonly dryRun: boolean,
  ) {}

  allocate(port: number): void {
    if (this.dryRun) {
      if (this.ports.has(port) || this.allocated.includes(port)) throw new AllocationError('allocated', 'provided port is already allocated')
      this.allocated.push(port)
      return
    }
    this.ports.allocate(port)
    this.allocated.push(port)
  }

  allocateNext(): number {
    if (this.dryRun) {
      // Upstream: "a sensible guess for a dummy port number" — 32768 + 1, then past the last one.
      const last = this.allocated.length ? Math.max(...this.allocated) : 32768
      this.allocated.push(last + 1)
      return last + 1
    }
    const port = this.ports.allocateNext(this.rng)
    this.allocated.push(port)
    return port
  }

  releaseDeferred(port: number): void {
    this.deferred.push(port)
  }

  commit(): void {
    if (!this.dryRun) for (const p of this.deferred) this.ports.release(p)
  }

  rollback(): void {
    if (!this.dryRun) for (const p of this.allocated) this.ports.release(p)
  }
}

export class ServiceAllocators {
  readonly ips: ServiceIPAllocator
  readonly ports: PortAllocator

  constructor(serviceCIDR: string = ADDRESS_PLAN.serviceCIDR, nodePorts: { base: number; size: number } = ADDRESS_PLAN.nodePortRange) {
    this.ips = new ServiceIPAllocator(serviceCIDR)
    this.ports = new PortAllocator(nodePorts.base, nodePorts.size)
  }

  /** The repair controllers' job: mark every address and port the stored Services hold. */
  rebuild(services: KObject[]): void {
    this.ips.clear()
    this.ports.clear()
    for (const svc of services) {
      if (needsClusterIP(svc) && !isHeadless(svc))
        for (const ip of svc.spec?.clusterIPs ?? []) if (parseIPv4(ip) !== undefined && !this.ips.has(ip)) tryIt(() => this.ips.allocate(ip))
      for (const p of nodePortsOf(svc)) if (!this.ports.has(p)) tryIt(() => this.ports.allocate(p))
      const hc = svc.spec?.healthCheckNodePort
      if (needsHealthCheck(svc) && hc > 0 && !this.ports.has(hc)) tryIt(() => this.ports.allocate(hc))
    }
  }

  /** `allocateCreate` (with `normalizeClusterIPs` and PrepareForCreate's status reset before it). Mutates `svc`. */
  allocateCreate(svc: KObject, rng: Rng, dryRun: boolean): Txn {
    svc.spec ??= {}
    svc.status = { loadBalancer: {} }
    if (svc.spec.clusterIP && !svc.spec.clusterIPs?.length) svc.spec.clusterIPs = [svc.spec.clusterIP]
    this.initIPFamilyFields(svc, undefined)
    const ips = this.allocClusterIPs(svc, rng, dryRun)
    const op = new NodePortOperation(this.ports, rng, dryRun)
    const revert = () => {
      op.rollback()
      if (!dryRun) for (const ip of ips) this.ips.release(ip)
    }
    try {
      if (needsNodePort(svc)) initNodePorts(svc, op)
      if (needsHealthCheck(svc)) allocHealthCheckNodePort(svc, op)
    } catch (e) {
      revert()
      throw e
    }
    return { commit: () => op.commit(), revert }
  }

  /** `beginUpdate`: dropTypeDependentFields, patchAllocatedValues, normalizeClusterIPs, then `allocateUpdate`. */
  allocateUpdate(svc: KObject, old: KObject, rng: Rng, dryRun: boolean): Txn {
    svc.spec ??= {}
    dropTypeDependentFields(svc, old)
    patchAllocatedValues(svc, old)
    normalizeClusterIPs(svc, old)
    this.initIPFamilyFields(svc, old)

    // ClusterIPs: ExternalName → other allocates; other → ExternalName releases on commit.
    let allocated: string[] = []
    let toRelease: string[] = []
    if (old.spec?.type === 'ExternalName' && svc.spec.type !== 'ExternalName') allocated = this.allocClusterIPs(svc, rng, dryRun)
    else if (!isHeadless(old) && old.spec?.type !== 'ExternalName' && svc.spec.type === 'ExternalName') toRelease = [...(old.spec?.clusterIPs ?? [])]

    const op = new NodePortOperation(this.ports, rng, dryRun)
    const revert = () => {
      op.rollback()
      if (!dryRun) for (const ip of allocated) this.ips.release(ip)
    }
    try {
      if (needsNodePort(old) && (svc.spec.type === 'ExternalName' || svc.spec.type === 'ClusterIP'))
        for (const p of nodePortsOf(old)) op.releaseDeferred(p)
      if (needsNodePort(svc)) updateNodePorts(svc, old, op)
      // Health-check port transitions.
      if (!needsHealthCheck(old) && needsHealthCheck(svc)) allocHealthCheckNodePort(svc, op)
      else if (needsHealthCheck(old) && !needsHealthCheck(svc)) op.releaseDeferred(old.spec.healthCheckNodePort)
    } catch (e) {
      revert()
      throw e
    }
    return {
      commit: () => {
        op.commit()
        if (!dryRun) for (const ip of toRelease) this.ips.release(ip)
      },
      revert,
    }
  }

  /** `releaseAllocatedResources` (AfterDelete). */
  release(svc: KObject): void {
    if (needsClusterIP(svc) && !isHeadless(svc)) for (const ip of svc.spec?.clusterIPs ?? []) this.ips.release(ip)
    for (const p of nodePortsOf(svc)) this.ports.release(p)
    if (needsHealthCheck(svc) && svc.spec.healthCheckNodePort > 0) this.ports.release(svc.spec.healthCheckNodePort)
  }

  /**
   * `initIPFamilyFields` for a single-stack IPv4 cluster: default ipFamilyPolicy (SingleStack;
   * RequireDualStack for headless without selector) and ipFamilies, and reject what the cluster
   * cannot serve.
   */
  private initIPFamilyFields(svc: KObject, old: KObject | undefined): void {
    const spec = svc.spec
    if (spec.type === 'ExternalName') return
    if (old && spec.ipFamilyPolicy === 'PreferDualStack' && old.spec?.ipFamilyPolicy === 'PreferDualStack' && old.spec?.type === spec.type &&
      sameList(old.spec?.clusterIPs, spec.clusterIPs) && sameList(old.spec?.ipFamilies, spec.ipFamilies)) return
    if (spec.ipFamilyPolicy == null) {
      if (old?.spec?.ipFamilyPolicy != null) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy
      // Special case: headless and selectorless defaults to dual-stack.
      else if (spec.clusterIP === 'None' && !Object.keys(spec.selector ?? {}).length) spec.ipFamilyPolicy = 'RequireDualStack'
      else spec.ipFamilyPolicy = 'SingleStack'
    }
    const pre = validateClusterIPsRelatedFields(svc)
    if (pre.length) throw invalidService(svc, pre)

    const errs: FieldError[] = []
    if (old && spec.ipFamilyPolicy === 'SingleStack') {
      if (sameList(old.spec?.clusterIPs, spec.clusterIPs) && spec.clusterIPs?.length > 1) spec.clusterIPs = spec.clusterIPs.slice(0, 1)
      if (sameList(old.spec?.ipFamilies, spec.ipFamilies) && spec.ipFamilies?.length > 1) spec.ipFamilies = spec.ipFamilies.slice(0, 1)
    }
    if (spec.ipFamilyPolicy === 'SingleStack') {
      if (spec.clusterIPs?.length === 2)
        errs.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"))
      if (spec.ipFamilies?.length === 2)
        errs.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"))
    }
    // Infer ipFamilies from clusterIPs.
    const ips: string[] = spec.clusterIPs ?? []
    const families: string[] = [...(spec.ipFamilies ?? [])]
    for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
      const fam = isIPv6(ips[i]) ? 'IPv6' : 'IPv4'
      if (i < families.length) continue
      if (fam === 'IPv6') errs.push(fieldInvalid(`spec.clusterIPs[${i}]`, ips, 'IPv6 is not configured on this cluster'))
      else families.push(fam)
    }
    if (errs.length) throw invalidService(svc, errs)
    spec.ipFamilies = families

    if (spec.clusterIP === 'None' && !Object.keys(spec.selector ?? {}).length) {
      // Headless without selector may carry both families even on a single-stack cluster.
      if (!spec.ipFamilies.length) spec.ipFamilies = ['IPv4']
      if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') spec.ipFamilies.push(spec.ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4')
      return
    }
    if (spec.ipFamilyPolicy === 'RequireDualStack')
      errs.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'))
    spec.ipFamilies.forEach((f: string, i: number) => {
      if (f !== 'IPv4') errs.push(fieldInvalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'))
    })
    if (errs.length) throw invalidService(svc, errs)
    if (!spec.ipFamilies.length) spec.ipFamilies = ['IPv4']
  }

  /** `allocClusterIPs`: the requested address, or the next free one; none for ExternalName and headless. */
  private allocClusterIPs(svc: KObject, rng: Rng, dryRun: boolean): string[] {
    const spec = svc.spec
    if (spec.type === 'ExternalName' || spec.clusterIPs?.[0] === 'None') return []
    const want: string = spec.clusterIPs?.[0] ?? ''
    let ip: string
    if (!want) {
      try {
        ip = dryRun ? this.ips.networkAddress() : this.ips.allocateNext(rng)
      } catch (e) {
        throw internalError(`failed to allocate a serviceIP: ${(e as Error).message}`)
      }
    } else {
      try {
        if (dryRun) this.ips.checkInRange(want)
        else this.ips.allocate(want)
      } catch (e) {
        throw invalidService(svc, [fieldInvalid('spec.clusterIPs', spec.clusterIPs, `failed to allocate IP ${want}: ${(e as Error).message}`)])
      }
      ip = want
    }
    spec.clusterIPs = [ip, ...(spec.clusterIPs ?? []).slice(1)]
    spec.clusterIP = ip
    return dryRun ? [] : [ip]
  }
}

function tryIt(fn: () => void): void {
  try {
    fn()
  } catch (e) {
    if (!(e instanceof AllocationError)) throw e
  }
}

/** `shouldAllocateNodePorts`: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false. */
function shouldAllocateNodePorts(svc: KObject): boolean {
  return svc.spec.type === 'NodePort' || (svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false)
}

function nodePortError(svc: KObject, i: number, port: number, e: unknown): ApiError {
  if (!(e instanceof AllocationError)) throw e
  return invalidService(svc, [fieldInvalid(`spec.ports[${i}].nodePort`, port, e.message)])
}

/** `initNodePorts`: ports with the same `port` number (e.g. 53/TCP and 53/UDP) share one NodePort. */
function initNodePorts(svc: KObject, op: NodePortOperation): void {
  const ports: any[] = svc.spec.ports ?? []
  const byPort = new Map<number, number>()
  ports.forEach((sp, i) => {
    if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return
    const allocated = byPort.get(sp.port)
    if (!allocated) {
      const requested = ports.find((p) => p.port === sp.port && p.nodePort)?.nodePort ?? 0
      if (requested) {
        try {
          op.allocate(requested)
        } catch (e) {
          throw nodePortError(svc, i, requested, e)
        }
        sp.nodePort = requested
      } else {
        try {
          sp.nodePort = op.allocateNext()
        } catch (e) {
          throw internalError(`failed to allocate a nodePort: ${(e as Error).message}`)
        }
      }
      byPort.set(sp.port, sp.nodePort)
    } else if (sp.nodePort !== allocated) {
      if (!sp.nodePort) sp.nodePort = allocated
      else
        try {
          op.allocate(sp.nodePort)
        } catch (e) {
          throw nodePortError(svc, i, sp.nodePort, e)
        }
    }
  })
}

/** `updateNodePorts`: keep ports the Service already had, allocate new ones, release the rest on commit. */
function updateNodePorts(svc: KObject, old: KObject, op: NodePortOperation): void {
  const had = nodePortsOf(old)
  const taken = new Set<number>()
  const seen = new Set<string>()
  ;(svc.spec.ports ?? []).forEach((sp: any, i: number) => {
    if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return
    if (sp.nodePort) {
      if (!had.includes(sp.nodePort) && !taken.has(sp.nodePort)) {
        try {
          op.allocate(sp.nodePort)
        } catch (e) {
          throw nodePortError(svc, i, sp.nodePort, e)
        }
        taken.add(sp.nodePort)
      }
    } else {
      try {
        sp.nodePort = op.allocateNext()
      } catch (e) {
        throw internalError(`failed to allocate a nodePort: ${(e as Error).message}`)
      }
    }
    const key = `${sp.protocol}/${sp.nodePort}`
    if (seen.has(key)) throw internalError(`duplicate nodePort: {${sp.protocol} ${sp.nodePort}}`)
    seen.add(key)
  })
  const now = nodePortsOf(svc)
  for (const p of had) if (!now.includes(p)) op.releaseDeferred(p)
}

/** `allocHealthCheckNodePort`: the requested port or any free one. */
function allocHealthCheckNodePort(svc: KObject, op: NodePortOperation): void {
  const want = svc.spec.healthCheckNodePort ?? 0
  if (want) {
    try {
      op.allocate(want)
    } catch (e) {
      throw internalError(`failed to allocate requested HealthCheck NodePort ${want}: ${(e as Error).message}`)
    }
    return
  }
  try {
    svc.spec.healthCheckNodePort = op.allocateNext()
  } catch (e) {
    throw internalError(`failed to allocate a HealthCheck NodePort 0: ${(e as Error).message}`)
  }
}

