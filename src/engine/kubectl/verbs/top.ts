import type { Node, Pod } from '../../api/types'
import { cpuMillis, memoryBytes } from '../../api/quantity'
import { matches } from '../../api/selector'
import { ApiError } from '../../apiserver/errors'
import { goDuration } from '../../kubelet/go-duration'
import { F, type Command, type CommandContext } from '../command'
import { ExitError, KubectlError, usageError } from '../errors'
import { printNodeMetrics, printPodMetrics, type NodeRow } from '../metrics/printer'
import { nodeUsage, podMetrics, type PodMetrics } from '../metrics/usage'
import { ACTOR } from '../resources'
import { selectorOrError } from './selector-arg'

/**
 * `kubectl top node|pod` (kubectl `pkg/cmd/top`) against the playground's simulated
 * metrics-server (`metrics/usage.ts` documents the usage model). Errors as kubectl and
 * metrics-server print them: `error: metrics not available yet` for pods too young to have
 * a sample, `Metrics not available for pod default/web, age: 3m0s` for older ones,
 * `--sort-by accepts only cpu or memory`.
 */
export const topCommand: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  use: 'kubectl top [flags] [options]',
  flags: [
    F.selector,
    F.allNamespaces,
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort the list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers' },
    { name: 'show-capacity', type: 'bool', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' },
    { name: 'sum', type: 'bool', usage: 'Print the sum of the resource usage' },
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
  ],
  run(ctx) {
    const [sub, ...rest] = ctx.args
    if (sub === undefined) {
      ctx.out.err(topHelp())
      throw new ExitError('')
    }
    if (['node', 'nodes', 'no'].includes(sub)) return topNode(ctx, rest)
    if (['pod', 'pods', 'po'].includes(sub)) return topPod(ctx, rest)
    throw usageError('kubectl top', `unknown command "${ctx.args.join(' ')}"`)
  },
}

function validateSortBy(ctx: CommandContext): string {
  const sortBy = ctx.flags.string('sort-by')
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory')
  return sortBy
}

/** Metrics of every running pod the simulated metrics-server has sampled, in a namespace or all. */
function allPodMetrics(ctx: CommandContext, namespace: string | undefined, filter: (p: Pod) => boolean): PodMetrics[] {
  const host = ctx.host
  const now = host.now()
  const parse = (ts: string | undefined) => host.ctx.clock.parse(ts)
  const out: PodMetrics[] = []
  for (const pod of host.ctx.api.list('pods', namespace, { actor: ACTOR }).items as Pod[]) {
    if (!filter(pod)) continue
    const rps = host.podRequestRate?.(pod.metadata.namespace ?? '', pod.metadata.name ?? '') ?? 0
    const m = podMetrics(pod, now, parse, rps)
    if (m) out.push(m)
  }
  return out
}

function topNode(ctx: CommandContext, args: string[]): void {
  const f = ctx.flags
  if (args.length > 1) throw usageError('kubectl top node', 'node [NAME | -l label]')
  const name = args[0] ?? ''
  const sortBy = validateSortBy(ctx)
  const selector = f.string('selector')
  if (name && selector) throw new KubectlError('only one of NAME or --selector can be provided')
  const api = ctx.host.ctx.api
  let nodes: Node[]
  if (name) {
    const node = api.peek('nodes', undefined, name)
    // metrics-server's node lister answers first.
    if (!node) throw new ApiError(404, 'NotFound', `node "${name}" not found`)
    nodes = [node as Node]
  } else {
    const sel = selectorOrError(ctx, 'nodes', selector)
    nodes = api.list('nodes', undefined, { actor: ACTOR, filter: (n) => matches(sel, n.metadata.labels) }).items as Node[]
  }
  const pods = allPodMetrics(ctx, undefined, () => true)
  const podNode = new Map((api.list('pods', undefined, { actor: ACTOR }).items as Pod[]).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.spec.nodeName]))
  const rows: NodeRow[] = nodes.map((n) => {
    const mine = pods.filter((p) => podNode.get(`${p.namespace}/${p.name}`) === n.metadata.name)
    const avail = (f.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable) ?? {}
    return {
      name: n.metadata.name ?? '',
      usage: nodeUsage(n, mine, ctx.host.now()),
      availableCpuMilli: avail.cpu !== undefined ? cpuMillis(avail.cpu) : 0,
      availableMemoryBytes: avail.memory !== undefined ? memoryBytes(avail.memory) : 0,
    }
  })
  if (name && !rows[0].usage) throw new ApiError(404, 'NotFound', `nodemetrics.metrics.k8s.io "${name}" not found`)
  if (!rows.some((r) => r.usage)) throw new KubectlError('metrics not available yet')
  ctx.out.out(printNodeMetrics(rows, f.bool('no-headers'), sortBy))
}

/** `metricsCreationDelay`: a pod older than this should have metrics. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000

function topPod(ctx: CommandContext, args: string[]): void {
  const f = ctx.flags
  if (args.length > 1) throw usageError('kubectl top pod', 'pod [NAME | -l label]')
  const name = args[0] ?? ''
  const sortBy = validateSortBy(ctx)
  const selector = f.string('selector')
  if (name && selector) throw new KubectlError('only one of NAME or selector can be provided')
  const all = f.bool('all-namespaces')
  const ns = all ? undefined : ctx.namespace
  const api = ctx.host.ctx.api
  let metrics: PodMetrics[]
  if (name) {
    const pod = api.peek('pods', ctx.namespace, name)
    if (!pod) throw new ApiError(404, 'NotFound', `pods "${name}" not found`)
    metrics = allPodMetrics(ctx, ctx.namespace, (p) => p.metadata.name === name)
    if (metrics.length === 0) throw new ApiError(404, 'NotFound', `podmetrics.metrics.k8s.io "${ctx.namespace}/${name}" not found`)
  } else {
    const sel = selectorOrError(ctx, 'pods', selector)
    metrics = allPodMetrics(ctx, ns, (p) => matches(sel, p.metadata.labels))
    if (metrics.length === 0) {
      // verifyEmptyMetrics: pods that exist but have no sample yet.
      const pods = api.list('pods', ctx.namespace, { actor: ACTOR, filter: (p) => matches(sel, p.metadata.labels) }).items
      if (pods.length) {
        for (const p of pods) {
          const age = ctx.host.now() - (ctx.host.ctx.clock.parse(p.metadata.creationTimestamp) ?? 0)
          if (age > METRICS_CREATION_DELAY_MS) throw new KubectlError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDuration(age)}`)
        }
        throw new KubectlError('metrics not available yet')
      }
      ctx.out.err(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`)
      return
    }
  }
  ctx.out.out(printPodMetrics(metrics, { containers: f.bool('containers'), withNamespace: all, noHeaders: f.bool('no-headers'), sortBy, sum: f.bool('sum') }))
}

function topHelp(): string {
  return [
    'Display resource (CPU/memory) usage.',
    '',
    ' The top command allows you to see the resource consumption for nodes or pods.',
    '',
    ' This command requires Metrics Server to be correctly configured and working on the server.',
    '',
    'Available Commands:',
    '  node          Display resource (CPU/memory) usage of nodes',
    '  pod           Display resource (CPU/memory) usage of pods',
    '',
    'Usage:',
    '  kubectl top [flags] [options]',
    '',
    'Use "kubectl top <command> --help" for more information about a given command.',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  ].join('\n')
}
