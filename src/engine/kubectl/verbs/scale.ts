import { ApiError } from '../../apiserver/errors'
import { dryRunStrategy, F, type Command } from '../command'
import { AggregateErrors, KubectlError, PreformattedError } from '../errors'
import { ACTOR, fetchInfos, kindName, parseResourceArgs } from '../resources'

/** Kinds with a `/scale` subresource among those the playground serves (and will serve). */
const SCALABLE = new Set(['ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet'])

/**
 * `kubectl scale` (kubectl `pkg/cmd/scale`, `pkg/scale/scale.go`): sets `spec.replicas` through
 * the scale subresource; `--current-replicas` / `--resource-version` are preconditions checked
 * against the current object (`Expected replicas to be 2, was 3`). Prints `replicaset.apps/web scaled`.
 */
export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  use: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  flags: [
    { name: 'replicas', type: 'int', default: -1, usage: 'The new desired number of replicas. Required.' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size.' },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version.' },
    F.selector,
    F.all,
    F.output,
    F.dryRun,
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up on a scale operation.' },
  ],
  run(ctx) {
    const f = ctx.flags
    if (!f.changed('replicas')) throw new PreformattedError('error: required flag(s) "replicas" not set')
    const replicas = f.int('replicas')
    if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
    const current = f.int('current-replicas')
    if (current < -1) throw new KubectlError('The --current-replicas must specify an integer of -1 or greater')
    const rv = f.string('resource-version')
    const dryRun = dryRunStrategy(f)
    if (ctx.args.length === 0)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      )
    const req = parseResourceArgs(ctx, ctx.args)
    if (req.tuples.length === 0 && !f.bool('all') && !f.string('selector')) throw new KubectlError('resource(s) were provided, but no name was specified')
    const { infos, errors } = fetchInfos(ctx, req, { selector: f.string('selector') })
    if (rv && infos.length > 1) throw new KubectlError('cannot use --resource-version with multiple resources')
    if (infos.length === 0) {
      if (errors.length) throw new AggregateErrors(errors)
      throw new KubectlError('no objects passed to scale')
    }
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
    for (const info of infos) {
      if (!SCALABLE.has(info.def.kind)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource')
      const api = ctx.host.ctx.api
      const live = api.get(info.def.resource, info.namespace, info.name, { actor: ACTOR })
      if (current !== -1 && (live.spec?.replicas ?? 1) !== current) throw new KubectlError(`Expected replicas to be ${current}, was ${live.spec?.replicas ?? 1}`)
      if (rv && live.metadata.resourceVersion !== rv) throw new KubectlError(`Expected resource version to be ${rv}, was ${live.metadata.resourceVersion}`)
      if (dryRun !== 'client')
        api.patch(info.def.resource, info.namespace, info.name, { spec: { replicas } }, { actor: ACTOR, dryRun: dryRun === 'server' })
      ctx.out.out(f.string('output') === 'name' ? `${kindName(info.def, info.name)}\n` : `${kindName(info.def, info.name)} scaled${suffix}\n`)
    }
    if (errors.length) throw new AggregateErrors(errors)
  },
}
