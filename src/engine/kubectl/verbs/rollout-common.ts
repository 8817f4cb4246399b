import type { Deployment } from '../../api/kinds/deployment'
import type { ReplicaSet } from '../../api/types'
import { replicaSetsOf } from '../../controllers/deployment/history'
import type { CommandContext } from '../command'
import { KubectlError } from '../errors'
import { ACTOR, fetchInfos, parseResourceArgs, type Info } from '../resources'

/**
 * What the `rollout` subcommands share: resolving `TYPE NAME`, `TYPE/NAME` or `TYPE -l …` to
 * objects (the resource builder with `ResourceTypeOrNameArgs(true, …)`, so a bare type selects
 * every object of it), and the Deployment's own ReplicaSets as kubectl's
 * `deploymentutil.GetAllReplicaSets` finds them.
 */
export function rolloutInfos(ctx: CommandContext, args: string[]): { infos: Info[]; errors: unknown[] } {
  const req = parseResourceArgs(ctx, args)
  return fetchInfos(ctx, req, { selector: ctx.flags.string('selector') })
}

/** The Deployment's ReplicaSets (selected by it and controlled by it). */
export function ownedReplicaSets(ctx: CommandContext, d: Deployment): ReplicaSet[] {
  const rss = ctx.host.ctx.api.list('replicasets', d.metadata.namespace, { actor: ACTOR }).items as ReplicaSet[]
  return replicaSetsOf(d, rss)
}

/** `GroupKind.String()`: `Deployment.apps`, `Pod`. */
export function groupKind(info: Info): string {
  return info.def.group ? `${info.def.kind}.${info.def.group}` : info.def.kind
}

/** `deployments.apps`: the group-qualified resource kubectl names in pause/resume/restart errors. */
export function groupResource(info: Info): string {
  return info.def.group ? `${info.def.resource}.${info.def.group}` : info.def.resource
}

export const REQUIRED = () => new KubectlError('required resource not specified')

/** The playground cannot block; this is what replaces kubectl's wait (see rollout-status.ts). */
export const CANNOT_WAIT =
  "the playground's kubectl cannot wait for a rollout: it is still in progress. Let the simulation run and ask again, or use --watch=false to print the current state and exit 0"
