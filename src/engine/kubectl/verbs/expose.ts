import type { KObject, LabelSelectorSpec } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { withLastApplied } from '../apply/merge'
import { dryRunStrategy, F, type Command } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR, fetchInfos, kindName, parseResourceArgs, type Info } from '../resources'
import { NO_RESOURCES_GIVEN } from './node-targets'

/**
 * `kubectl expose (TYPE NAME | TYPE/NAME)` (kubectl `pkg/cmd/expose/expose.go` and the
 * `polymorphichelpers` it uses): the new Service takes the exposed object's pod selector
 * (`MapBasedSelectorForObject` — set-based selectors cannot be expressed in a Service), its
 * container (or service) ports and their protocols, and its labels, unless `--selector`,
 * `--port`, `--protocol`, `--labels` say otherwise. Prints `service/NAME exposed`.
 *
 * @example
 *   kubectl expose rs web --port=80 --target-port=8080 --type=NodePort
 */
export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  use: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  flags: [
    { name: 'protocol', type: 'string', usage: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported.' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'external-ip', type: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service.' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
    F.output,
    F.dryRun,
  ],
  run(ctx) {
    const f = ctx.flags
    const fmt = outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
    const dryRun = dryRunStrategy(f)
    if (ctx.args.length === 0) throw new KubectlError(NO_RESOURCES_GIVEN)
    const req = parseResourceArgs(ctx, ctx.args)
    if (req.tuples.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
    const { infos, errors } = fetchInfos(ctx, req)
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
    for (const info of infos) {
      try {
        let svc = buildExposedService(info, {
          name: f.string('name'),
          selector: f.string('selector'),
          port: f.string('port'),
          protocol: f.string('protocol'),
          targetPort: f.string('target-port'),
          labels: f.string('labels'),
          type: f.string('type'),
          externalIP: f.string('external-ip'),
          loadBalancerIP: f.string('load-balancer-ip'),
          sessionAffinity: f.string('session-affinity'),
          clusterIP: f.string('cluster-ip'),
        })
        if (dryRun === 'client') {
          if (ctx.explicitNamespace) svc.metadata.namespace = ctx.namespace
        } else {
          if (f.bool('save-config')) svc = withLastApplied(svc)
          svc = ctx.host.ctx.api.create('services', { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace } }, { actor: ACTOR, dryRun: dryRun === 'server' })
        }
        const def = ctx.host.ctx.api.kind('services')
        if (fmt === '') ctx.out.out(`${kindName(def, svc.metadata.name ?? '')} exposed${suffix}\n`)
        else if (fmt === 'name') ctx.out.out(`${kindName(def, svc.metadata.name ?? '')}\n`)
        else ctx.out.out(printStructured(fmt as 'yaml' | 'json', [svc], true))
      } catch (e) {
        if (!(e instanceof ApiError || e instanceof KubectlError)) throw e
        errors.push(e)
      }
    }
    if (errors.length) throw new AggregateErrors(errors)
  },
}

export interface ExposeOptions {
  name: string
  selector: string
  port: string
  protocol: string
  targetPort: string
  labels: string
  type: string
  externalIP: string
  loadBalancerIP: string
  sessionAffinity: string
  clusterIP: string
}

/** The GroupKinds `CanBeExposed` accepts. */
const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment.apps', 'ReplicaSet.apps'])

/** `RunExpose`'s per-object part and `createService`: the Service kubectl would send (Go JSON of a typed Service). */
export function buildExposedService(info: Info, o: ExposeOptions): KObject {
  const groupKind = info.def.group ? `${info.def.kind}.${info.def.group}` : info.def.kind
  if (!EXPOSABLE.has(groupKind)) throw new KubectlError(`cannot expose a ${groupKind}`)
  const obj = info.object
  let selector = o.selector
  if (!selector) {
    try {
      selector = mapBasedSelectorForObject(obj)
    } catch (e) {
      throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`)
    }
  }
  const headless = o.clusterIP === 'None'
  let port = o.port
  let ports = ''
  if (!port) {
    const found = portsForObject(obj)
    if (found.length === 0 && !headless) throw new KubectlError("couldn't find port via --port flag or introspection")
    if (found.length === 1) port = found[0]
    else ports = found.join(',')
  }
  const protocols = multiProtocolsForObject(obj)
  const labels = o.labels || makeLabels(obj.metadata.labels)

  // createService
  const sel = parseLabels(selector)
  const svcLabels = labels ? parseLabels(labels) : undefined
  const name = o.name || info.name.slice(0, 63)
  const portStrings = (ports || port) ? (ports || port).split(',') : []
  const svcPorts: Record<string, unknown>[] = []
  portStrings.forEach((s, i) => {
    const n = atoi(s)
    const portName = portStrings.length > 1 ? `port-${i + 1}` : ''
    let protocol = o.protocol
    if (!protocol && protocols.size === 0) protocol = 'TCP'
    else if (!protocol) {
      protocol = 'TCP'
      const found = protocols.get(s)
      if (found && found.length > 1) {
        for (const p of found) svcPorts.push(servicePort(`port-${i + 1}-${p.toLowerCase()}`, n, p))
        return
      }
      if (found) protocol = found[0]
    }
    svcPorts.push(servicePort(portName, n, protocol))
  })
  for (const sp of svcPorts) sp.targetPort = o.targetPort ? intstrParse(o.targetPort) : sp.port
  // Go omits an empty ports slice (`omitempty`).
  const spec: Record<string, unknown> = svcPorts.length ? { ports: svcPorts, selector: sel } : { selector: sel }
  if (o.externalIP) spec.externalIPs = [o.externalIP]
  if (o.type) spec.type = o.type
  if (spec.type === 'LoadBalancer' && o.loadBalancerIP) spec.loadBalancerIP = o.loadBalancerIP
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new KubectlError(`unknown session affinity: ${o.sessionAffinity}`)
    spec.sessionAffinity = o.sessionAffinity
  }
  if (o.clusterIP) spec.clusterIP = o.clusterIP
  // A typed ObjectMeta's zero creationTimestamp marshals as null.
  const metadata = { creationTimestamp: null, name } as unknown as KObject['metadata']
  if (svcLabels) metadata.labels = svcLabels
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } }
}

function servicePort(name: string, port: number, protocol: string): Record<string, unknown> {
  return name ? { name, port, protocol } : { port, protocol }
}

/** `MapBasedSelectorForObject` (polymorphichelpers): errors are kubectl's texts. */
export function mapBasedSelectorForObject(obj: KObject): string {
  switch (obj.kind) {
    case 'ReplicationController':
      return makeLabels(obj.spec?.selector)
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw new Error('the pod has no labels and cannot be exposed')
      return makeLabels(obj.metadata.labels)
    case 'Service':
      if (obj.spec?.selector == null) throw new Error('the service has no pod selector set')
      return makeLabels(obj.spec.selector)
    case 'Deployment':
    case 'ReplicaSet': {
      const s: LabelSelectorSpec | undefined = obj.spec?.selector
      const what = obj.kind === 'Deployment' ? 'deployment' : 'replicaset'
      if (!s || !Object.keys(s.matchLabels ?? {}).length) throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`)
      if (s.matchExpressions?.length) throw new Error(`couldn't convert expressions - "${goExpressions(s.matchExpressions)}" to map-based selector format`)
      return makeLabels(s.matchLabels)
    }
    default:
      throw new Error(`cannot extract pod selector from *v1.${obj.kind}`)
  }
}

/** Go's `%+v` of `[]metav1.LabelSelectorRequirement`: `[{Key:app Operator:In Values:[web api]}]`. */
function goExpressions(exprs: { key: string; operator: string; values?: string[] }[]): string {
  return `[${exprs.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ')}]`
}

/** `MakeLabels`: `k=v,k=v` (Go iterates the map in random order; we keep insertion order). */
export function makeLabels(labels: Record<string, string> | undefined | null): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}

/** `parseLabels` of expose.go: only `k=v` pairs. */
export function parseLabels(spec: string): Record<string, string> {
  if (!spec) throw new KubectlError('no label spec passed')
  const out: Record<string, string> = {}
  for (const item of spec.split(',')) {
    const kv = item.split('=')
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${item}`)
    if (!kv[0]) throw new KubectlError('unexpected empty label key')
    out[kv[0]] = kv[1]
  }
  return out
}

type Spec = { containers?: { ports?: { containerPort: number; protocol?: string }[] }[] }

function podSpecOf(obj: KObject): Spec | undefined {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec
}

/** `PortsForObject`: container ports (or service ports), de-duplicated, in order. */
export function portsForObject(obj: KObject): string[] {
  const raw: number[] =
    obj.kind === 'Service'
      ? ((obj.spec?.ports ?? []) as { port: number }[]).map((p) => p.port)
      : (podSpecOf(obj)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort))
  return [...new Set(raw.map(String))]
}

/** `MultiProtocolsForObject`: port → protocols (an empty protocol counts as TCP). */
export function multiProtocolsForObject(obj: KObject): Map<string, string[]> {
  const list: { port: number; protocol?: string }[] =
    obj.kind === 'Service'
      ? obj.spec?.ports ?? []
      : (podSpecOf(obj)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })))
  const out = new Map<string, string[]>()
  for (const p of list) {
    const key = String(p.port)
    out.set(key, [...(out.get(key) ?? []), p.protocol || 'TCP'])
  }
  return out
}

/** `strconv.Atoi`. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new KubectlError(`strconv.Atoi: parsing "${s}": invalid syntax`)
  const n = Number(s)
  if (!Number.isSafeInteger(n)) throw new KubectlError(`strconv.Atoi: parsing "${s}": value out of range`)
  return n
}

/** `intstr.Parse`: a number when it parses as one, else the string. */
function intstrParse(s: string): number | string {
  return /^[+-]?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s
}
