import type { Node, Pod } from '../../api/types'
import { matches } from '../../api/selector'
import { ApiError } from '../../apiserver/errors'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { ACTOR } from '../resources'
import { dryRunSuffix, runCordonOrUncordon } from './cordon'
import { deleteErrors, deleteWarnings, filterPods, podsToDelete } from './drain-filters'
import { resolveNodes } from './node-targets'
import { selectorOrError } from './selector-arg'

/**
 * `kubectl drain NODE` (kubectl `pkg/cmd/drain/drain.go` with `pkg/drain`): cordon, then
 * evict every pod on the node that the filters allow (`drain-filters.ts`), printing
 * `evicting pod ns/name` for each and `pod/name evicted` when it is gone, then
 * `node/NAME drained`. Pods that may not be removed (no controller without `--force`,
 * DaemonSet pods without `--ignore-daemonsets`, emptyDir without `--delete-emptydir-data`)
 * stop the drain of that node: `error: unable to drain node "x" due to error: …, continuing
 * command...`, `There are pending nodes to be drained:` and the error again, exit 1.
 *
 * Playground differences, both because kubectl here cannot block while virtual time runs:
 * - The API server has no `pods/eviction` subresource (and there are no
 *   PodDisruptionBudgets to consult), so an eviction is a DELETE with the pod's own grace
 *   period (or `--grace-period`) — what the eviction API does when no PDB objects. The
 *   output is the eviction's, as kubectl prints it against a server that supports eviction;
 *   `--disable-eviction` prints the delete form (`pod/x deleted`).
 * - kubectl waits for each pod to disappear before printing `pod/x evicted`; here the line
 *   is printed as soon as the eviction is accepted, while the pod is still Terminating.
 */
export const drainCommand: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  use: 'kubectl drain NODE',
  flags: [
    { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'delete-local-data', type: 'bool', usage: 'Deprecated: use --delete-emptydir-data.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up, zero means infinite' },
    { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
    { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported.' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
    F.selector,
    F.dryRun,
  ],
  run(ctx) {
    const f = ctx.flags
    if (f.changed('delete-local-data'))
      ctx.out.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n')
    const nodes = resolveNodes(ctx, 'drain NODE')
    if (f.string('pod-selector')) {
      try {
        selectorOrError(ctx, 'pods', f.string('pod-selector'))
      } catch {
        throw new KubectlError('--pod-selector=<pod_selector> must be a valid label selector')
      }
    }
    runCordonOrUncordon(ctx, nodes, true)
    const fatal: unknown[] = []
    const remaining: string[] = []
    for (const node of nodes) {
      const name = node.metadata.name ?? ''
      const err = drainNode(ctx, node)
      if (!err) {
        ctx.out.out(`node/${name} drained${dryRunSuffix(ctx)}\n`)
        continue
      }
      ctx.out.err(`error: unable to drain node "${name}" due to error: ${aggregateMessage(err)}, continuing command...\n`)
      fatal.push(err)
      remaining.push(name)
    }
    if (remaining.length) ctx.out.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`)
    if (fatal.length) throw new AggregateErrors(fatal)
  },
}

/** `utilerrors.Aggregate.Error()`: one message as is, several as `[a, b]`. */
function aggregateMessage(e: AggregateErrors): string {
  const msgs = e.errors.map((x) => (x instanceof Error ? x.message : String(x)))
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`
}

/** `deleteOrEvictPodsSimple` for one node: an aggregate error, or undefined when drained. */
function drainNode(ctx: CommandContext, node: Node): AggregateErrors | undefined {
  const f = ctx.flags
  const api = ctx.host.ctx.api
  const podSel = selectorOrError(ctx, 'pods', f.string('pod-selector'))
  // GetPodsForDeletion: all namespaces, field selector spec.nodeName=<node>.
  const pods = api.list('pods', undefined, { actor: ACTOR, filter: (p) => p.spec?.nodeName === node.metadata.name && matches(podSel, p.metadata.labels) }).items as Pod[]
  const list = filterPods(pods, {
    force: f.bool('force'),
    ignoreDaemonSets: f.bool('ignore-daemonsets'),
    deleteEmptyDirData: f.bool('delete-emptydir-data') || f.bool('delete-local-data'),
    skipWaitForDeleteTimeoutSeconds: f.int('skip-wait-for-delete-timeout'),
    now: ctx.host.now(),
    parse: (ts) => ctx.host.ctx.clock.parse(ts),
    daemonSetError: (ns, name) => {
      if (!api.registry.get('daemonsets')) return { message: `daemonsets.apps "${name}" not found`, notFound: true }
      try {
        api.get('daemonsets', ns, name, { actor: ACTOR })
        return undefined
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        return { message: e.message, notFound: e.reason === 'NotFound' }
      }
    },
  })
  const errs = deleteErrors(list)
  if (errs.length) return new AggregateErrors(errs.map((m) => new Error(m)))
  const warnings = deleteWarnings(list)
  if (warnings) ctx.out.err(`Warning: ${warnings}\n`)
  const victims = podsToDelete(list)
  const dryRun = dryRunStrategy(f)
  if (dryRun === 'client') {
    for (const p of victims) ctx.out.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`)
    return undefined
  }
  const eviction = !f.bool('disable-eviction')
  const grace = f.int('grace-period')
  const failures: Error[] = []
  const removed: Pod[] = []
  for (const p of victims) {
    if (eviction) ctx.out.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dryRun === 'server' ? ' (server dry run)' : ''}\n`)
    try {
      // No eviction subresource in the playground: the eviction is carried out as the DELETE it ends in.
      api.delete('pods', p.metadata.namespace, p.metadata.name ?? '', { actor: ACTOR, gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: dryRun === 'server' })
      removed.push(p)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.reason === 'NotFound') continue
      if (!eviction) return new AggregateErrors([e])
      failures.push(new Error(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": ${e.message}`))
    }
  }
  // Server dry run returns without waiting, so nothing is reported as evicted.
  if (dryRun !== 'server') for (const p of removed) ctx.out.out(`pod/${p.metadata.name} ${eviction ? 'evicted' : 'deleted'}\n`)
  if (failures.length) {
    ctx.out.err(`There are pending pods in node "${node.metadata.name}" when an error occurred: ${failures.length === 1 ? failures[0].message : `[${failures.map((x) => x.message).join(', ')}]`}\n`)
    return new AggregateErrors(failures)
  }
  return undefined
}
