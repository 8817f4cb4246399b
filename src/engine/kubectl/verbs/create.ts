import type { KObject } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { withLastApplied } from '../apply/merge'
import { placeInNamespace, readManifests, SOURCE_STDIN } from '../apply/manifest'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { addSourceToErr, AggregateErrors, KubectlError, PreformattedError, usageError } from '../errors'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR, kindName } from '../resources'
import { validates } from './apply'
import { CREATE_DEPLOYMENT_FLAGS, createDeploymentGenerator } from './create-deployment' // workloads
import { CREATE_SERVICE_FLAGS, createServiceGenerator } from './create-service' // services & nodes

/**
 * `kubectl create -f` and `kubectl create namespace NAME` (kubectl `pkg/cmd/create`):
 * `kind.group/name created`; AlreadyExists and other failures as
 * `Error from server (AlreadyExists): error when creating "STDIN": …`.
 * Generators for more kinds (`create deployment`, `create service`) plug in as subcommands.
 */
/** A generator builds the object; `wrapError` rewords a failed create (`failed to create deployment: …`). */
type Generated = { resource: string; object: KObject; wrapError?: (e: unknown) => unknown }
const SUBCOMMANDS: Record<string, (ctx: CommandContext, args: string[]) => Generated> = {
  namespace: (_ctx, args) => {
    if (args.length !== 1) throw usageError('kubectl create namespace', `exactly one NAME is required, got ${args.length}`)
    return { resource: 'namespaces', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: args[0] } } }
  },
}
SUBCOMMANDS.ns = SUBCOMMANDS.namespace
// workloads
SUBCOMMANDS.deployment = createDeploymentGenerator
SUBCOMMANDS.deploy = createDeploymentGenerator
// services & nodes
SUBCOMMANDS.service = createServiceGenerator
SUBCOMMANDS.svc = createServiceGenerator

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  use: 'kubectl create -f FILENAME [flags]',
  flags: [
    F.filename,
    F.output,
    F.dryRun,
    F.validate,
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
    // workloads: the flags of `create deployment` (cobra keeps them on the subcommand)
    ...CREATE_DEPLOYMENT_FLAGS,
    // services & nodes: the flags of `create service <type>`
    ...CREATE_SERVICE_FLAGS,
  ],
  run(ctx) {
    const fmt = outputFormat(ctx.flags.string('output'), ['', 'name', 'yaml', 'json'])
    const dryRun = dryRunStrategy(ctx.flags)
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
    const print = (resource: string, obj: KObject, results: KObject[]) => {
      const def = ctx.host.ctx.api.kind(resource)
      if (fmt === '') ctx.out.out(`${kindName(def, obj.metadata.name ?? '')} created${suffix}\n`)
      else if (fmt === 'name') ctx.out.out(`${kindName(def, obj.metadata.name ?? '')}\n`)
      results.push(obj)
    }
    const results: KObject[] = []
    const [sub, ...rest] = ctx.args
    if (sub !== undefined) {
      const gen = SUBCOMMANDS[sub]
      if (!gen) throw usageError('kubectl create', `Unexpected args: [${ctx.args.join(' ')}]`)
      const { resource, object, wrapError } = gen(ctx, rest)
      let created = object
      try {
        if (dryRun !== 'client') created = ctx.host.ctx.api.create(resource, object, { actor: ACTOR, dryRun: dryRun === 'server' })
      } catch (e) {
        throw wrapError ? wrapError(e) : e
      }
      print(resource, created, results)
    } else {
      const filenames = ctx.flags.strings('filename')
      if (filenames.length === 0) {
        ctx.out.err('Error: must specify one of -f and -k\n\n')
        throw new PreformattedError(`Create a resource from a file or from stdin.\n\nAvailable Commands:\n  namespace   Create a namespace with the specified name\n\nUsage:\n  ${this.use}`)
      }
      const { manifests, errors } = readManifests(ctx, filenames, validates(ctx))
      if (manifests.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to create')
      for (const m of manifests) {
        try {
          let obj = placeInNamespace(ctx, m)
          if (ctx.flags.bool('save-config')) obj = withLastApplied(obj)
          const created = dryRun === 'client' ? obj : ctx.host.ctx.api.create(m.def.resource, obj, { actor: ACTOR, dryRun: dryRun === 'server' })
          print(m.def.resource, created, results)
        } catch (e) {
          errors.push(e instanceof ApiError ? addSourceToErr('creating', SOURCE_STDIN, e) : e)
        }
      }
      if ((fmt === 'yaml' || fmt === 'json') && results.length) ctx.out.out(printStructured(fmt, results, results.length === 1))
      if (errors.length) throw new AggregateErrors(errors)
      return
    }
    if ((fmt === 'yaml' || fmt === 'json') && results.length) ctx.out.out(printStructured(fmt, results, true))
  },
}
