import type { Container, KObject } from '../../api/types'
import { deepCopy } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError, PreformattedError, usageError } from '../errors'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR, fetchInfos, kindName, parseResourceArgs } from '../resources'
import { parsePairs, resourcesAndPairs } from './pairs'
import { changeCause, RECORD_FLAG, withChangeCause } from './record'

/**
 * `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE…` (kubectl
 * `pkg/cmd/set/set_image.go`): sets the image of the named containers (init containers too;
 * `*` means every container) in a Pod, or in the pod template of a Deployment, ReplicaSet,
 * ReplicationController (or DaemonSet, StatefulSet, Job, CronJob). Prints
 * `deployment.apps/web image updated`; prints nothing for an object that does not change.
 * A container that does not exist is `error: unable to find container named "x"` (the other
 * updates still happen). The other `set` subcommands (env, resources, selector,
 * serviceaccount, subject) are not simulated.
 */
const FLAGS = [F.selector, F.all, F.dryRun, F.output, F.filename, { name: 'local', type: 'bool' as const, usage: 'If true, set image will NOT contact api-server but run locally.' }, RECORD_FLAG]

export const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  use: 'kubectl set SUBCOMMAND',
  flags: FLAGS,
  run(ctx) {
    const [sub, ...args] = ctx.args
    if (sub === undefined) {
      ctx.out.err(setHelp())
      throw new PreformattedError('')
    }
    if (['env', 'resources', 'selector', 'serviceaccount', 'sa', 'subject'].includes(sub))
      throw new KubectlError(`the playground's kubectl does not simulate 'kubectl set ${sub}'; only 'kubectl set image' is available (or edit the object with 'kubectl patch' / 'kubectl apply')`)
    if (sub !== 'image') throw usageError('kubectl set', `unknown command "${ctx.args.join(' ')}"`)
    setImage(ctx, args)
  },
}

function setImage(ctx: CommandContext, args: string[]): void {
  const f = ctx.flags
  const dryRun = dryRunStrategy(f)
  const fmt = outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
  if (f.bool('local') || f.strings('filename').length) throw new KubectlError("the playground's kubectl has no local files; name the object instead (e.g. deployment/web)")
  const { resources, pairs } = resourcesAndPairs(args, 'image')
  const { set: images } = parsePairs(pairs, 'image', false)
  if (resources.length === 0)
    throw new KubectlError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    )
  const req = parseResourceArgs(ctx, resources)
  if (req.tuples.length === 0 && !f.bool('all') && !f.string('selector')) throw new KubectlError('resource(s) were provided, but no name was specified')
  const fetched = fetchInfos(ctx, req, { selector: f.string('selector') })
  if (fetched.errors.length) throw new AggregateErrors(fetched.errors)
  // `Validate`.
  const problems: string[] = []
  if (f.bool('all') && f.string('selector')) problems.push('cannot set --all and --selector at the same time')
  if (images.size < 1) problems.push('at least one image update is required')
  else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs')
  if (problems.length) throw new AggregateErrors(problems.map((p) => new KubectlError(p)))

  const cause = changeCause(ctx, 'kubectl set image', args, FLAGS)
  const errors: unknown[] = []
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  for (const info of fetched.infos) {
    const updated = deepCopy(info.object)
    const spec = podSpecOf(updated)
    if (!spec) {
      errors.push(new KubectlError(`error: ${info.def.resource}/${info.name} the object is not a pod or does not have a pod template: *${goType(info.def.apiVersion, info.def.kind)}\n`))
      continue
    }
    for (const [name, image] of images) {
      const inInit = setImageIn(spec.initContainers, name, image)
      const inMain = setImageIn(spec.containers, name, image)
      if (!inInit && !inMain) errors.push(new KubectlError(`error: unable to find container named "${name}"`))
    }
    const next = withChangeCause(updated, cause)
    if (JSON.stringify(next) === JSON.stringify(info.object)) continue // an empty patch: kubectl prints nothing
    let shown: KObject = next
    if (dryRun !== 'client') {
      try {
        shown = ctx.host.ctx.api.patch(info.def.resource, info.namespace, info.name, (cur) => applyImages(cur, images, cause), { actor: ACTOR, dryRun: dryRun === 'server' })
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        errors.push(new KubectlError(`failed to patch image update to pod template: ${e.message}`))
        continue
      }
    }
    if (fmt === 'yaml' || fmt === 'json') ctx.out.out(printStructured(fmt, [shown], true))
    else ctx.out.out(fmt === 'name' ? `${kindName(info.def, info.name)}\n` : `${kindName(info.def, info.name)} image updated${suffix}\n`)
  }
  if (errors.length) throw new AggregateErrors(errors)
}

/** The strategic patch kubectl sends, applied to the current object: containers matched by name. */
function applyImages(cur: KObject, images: Map<string, string>, cause: string | undefined): KObject {
  const spec = podSpecOf(cur)
  if (spec) for (const [name, image] of images) {
    setImageIn(spec.initContainers, name, image)
    setImageIn(spec.containers, name, image)
  }
  return withChangeCause(cur, cause)
}

function setImageIn(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false
  for (const c of containers ?? [])
    if (c.name === name || name === '*') {
      found = true
      c.image = image
    }
  return found
}

/** `UpdatePodSpecForObject`: where each kind keeps its pod spec. */
export function podSpecOf(o: KObject): { containers: Container[]; initContainers?: Container[] } | undefined {
  switch (o.kind) {
    case 'Pod':
      return o.spec
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return o.spec?.template?.spec
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec
    default:
      return undefined
  }
}

/** `%T` of the typed object kubectl decodes: `v1.Service`, `v1.Namespace`. */
function goType(apiVersion: string, kind: string): string {
  return `${apiVersion.split('/').pop()}.${kind}`
}

function setHelp(): string {
  return [
    'Configure application resources.',
    '',
    ' These commands help you make changes to existing application resources.',
    '',
    'Available Commands:',
    '  env              Update environment variables on a pod template',
    '  image            Update the image of a pod template',
    '  resources        Update resource requests/limits on objects with pod templates',
    '  selector         Set the selector on a resource',
    '  serviceaccount   Update the service account of a resource',
    '  subject          Update the user, group, or service account in a role binding or cluster role binding',
    '',
    'Usage:',
    '  kubectl set SUBCOMMAND [options]',
    '',
  ].join('\n')
}
