import type { KObject } from '../../api/types'
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../api/names'
import { ApiError } from '../../apiserver/errors'
import type { CommandContext } from '../command'
import { ExitError, KubectlError, PreformattedError, usageError } from '../errors'
import type { FlagDef } from '../flags'

/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` (kubectl
 * `pkg/cmd/create/create_service.go`). The Service is built as kubectl builds it: label and
 * selector `app=NAME`, one TCP port per `--tcp=port[:targetPort]` named after the spec with
 * `:` turned into `-` (`5678:8080` → `5678-8080`), `--node-port` on every port, `--clusterip`
 * (`None` makes it headless), `--external-name`. The object is shaped like Go's JSON of a
 * typed Service (`creationTimestamp: null`, `status: {loadBalancer: {}}`), which is what
 * `--dry-run=client -o yaml` prints.
 *
 * Plugged into `verbs/create.ts` as its `service` (`svc`) subcommand.
 */

const TYPES: Record<string, { type: string; use: string; short: string }> = {
  clusterip: { type: 'ClusterIP', use: 'clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]', short: 'Create a ClusterIP service' },
  externalname: { type: 'ExternalName', use: 'externalname NAME --external-name external.name [--dry-run=server|client|none]', short: 'Create an ExternalName service' },
  loadbalancer: { type: 'LoadBalancer', use: 'loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]', short: 'Create a LoadBalancer service' },
  nodeport: { type: 'NodePort', use: 'nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]', short: 'Create a NodePort service' },
}

/** Flags of the four subcommands (cobra keeps them per subcommand; `checkFlags` rejects the others). */
export const CREATE_SERVICE_FLAGS: FlagDef[] = [
  { name: 'tcp', type: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." },
  { name: 'clusterip', type: 'string', usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." },
  { name: 'node-port', type: 'int', usage: 'Port used to expose the service on each node in a cluster.' },
  { name: 'external-name', type: 'string', usage: 'External name of service' },
]

const ONLY_FOR: Record<string, string> = { clusterip: 'clusterip', 'node-port': 'nodeport', 'external-name': 'externalname' }

/** The generator `create service` runs: validate as `ServiceOptions.Validate`, build as `createService`. */
export function createServiceGenerator(ctx: CommandContext, args: string[]): { resource: string; object: KObject; wrapError: (e: unknown) => unknown } {
  const [sub, ...rest] = args
  if (sub === undefined) {
    // `DefaultSubCommandRun`: help on stderr, exit 1 without a message.
    ctx.out.err(serviceHelp())
    throw new ExitError('')
  }
  const t = TYPES[sub]
  if (!t) throw usageError('kubectl create service', `unknown command "${args.join(' ')}"`)
  const path = `kubectl create service ${sub}`
  // `create deployment`'s flags share create's flag set here; cobra would not know them.
  for (const flag of ['image', 'port', 'replicas'])
    if (ctx.flags.changed(flag)) throw new PreformattedError(`error: unknown flag: --${flag}\nSee '${path} --help' for usage.`)
  for (const [flag, owner] of Object.entries(ONLY_FOR))
    if (ctx.flags.changed(flag) && owner !== sub) throw new PreformattedError(`error: unknown flag: --${flag}\nSee '${path} --help' for usage.`)
  if (sub === 'externalname' && !ctx.flags.changed('external-name')) throw new PreformattedError('error: required flag(s) "external-name" not set')
  // `NameFromCommandArgs`.
  if (rest.length !== 1) throw usageError(path, `exactly one NAME is required, got ${rest.length}`)
  const name = rest[0]
  const tcp = ctx.flags.strings('tcp')
  const clusterIP = ctx.flags.string('clusterip')
  const externalName = ctx.flags.string('external-name')
  if (clusterIP === 'None' && t.type !== 'ClusterIP') throw new KubectlError('ClusterIP=None can only be used with ClusterIP service type')
  if (clusterIP !== 'None' && tcp.length === 0 && t.type !== 'ExternalName') throw new KubectlError('at least one tcp port specifier must be provided')
  if (t.type === 'ExternalName' && isDNS1123Subdomain(externalName).length) throw new KubectlError(`invalid service external name ${externalName}`)

  const nodePort = ctx.flags.int('node-port')
  const ports = tcp.map((spec) => {
    const { port, targetPort } = parsePorts(spec)
    const sp: Record<string, unknown> = { name: spec.replace(/:/g, '-'), port, protocol: 'TCP', targetPort }
    if (nodePort) sp.nodePort = nodePort
    return sp
  })
  // A typed ObjectMeta's zero creationTimestamp marshals as null.
  const metadata = { creationTimestamp: null, labels: { app: name }, name } as unknown as KObject['metadata']
  if (ctx.explicitNamespace) metadata.namespace = ctx.namespace
  const spec: Record<string, unknown> = { selector: { app: name }, type: t.type }
  if (ports.length) spec.ports = ports
  if (externalName) spec.externalName = externalName
  if (clusterIP) spec.clusterIP = clusterIP
  const object: KObject = { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } }
  return {
    resource: 'services',
    object,
    // `Run`: a failed create is reported as `failed to create <Type> service: <error>`.
    wrapError: (e) => (e instanceof ApiError ? new KubectlError(`failed to create ${t.type} service: ${e.message}`) : e),
  }
}

/** `parsePorts`: `port[:targetPort]`; a non-numeric target port must be a valid port name. */
export function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':')
  const port = parseUint16(parts[0])
  if (parts.length === 1) return { port, targetPort: port }
  const target = parts[1]
  if (!/^[+-]?\d+$/.test(target)) {
    const errs = isValidPortName(target)
    if (errs.length) throw new KubectlError(errs.join(','))
    return { port, targetPort: target }
  }
  const n = Number(target)
  const errs = isValidPortNum(n)
  if (errs.length) throw new KubectlError(errs.join(','))
  return { port, targetPort: n }
}

/** `utilsnet.ParsePort(s, true)` = `strconv.ParseUint(s, 10, 16)`. */
function parseUint16(s: string): number {
  if (!/^\d+$/.test(s)) throw new KubectlError(`strconv.ParseUint: parsing "${s}": invalid syntax`)
  const n = Number(s)
  if (n > 65535) throw new KubectlError(`strconv.ParseUint: parsing "${s}": value out of range`)
  return n
}

function serviceHelp(): string {
  const cmds = Object.keys(TYPES)
    .sort()
    .map((k) => `  ${k.padEnd(14)}${TYPES[k].short}`)
  return [
    'Create a service using a specified subcommand.',
    '',
    'Aliases:',
    'service, svc',
    '',
    'Available Commands:',
    ...cmds,
    '',
    'Usage:',
    '  kubectl create service [flags] [options]',
    '',
    'Use "kubectl create service <command> --help" for more information about a given command.',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  ].join('\n')
}
