import type { Node, Taint } from '../../api/types'
import { matches } from '../../api/selector'
import { ApiError } from '../../apiserver/errors'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError, usageError } from '../errors'
import { goYaml } from '../printers/goyaml'
import { goJsonIndent } from '../printers/gojson'
import { outputFormat } from '../printers/output'
import { ACTOR, resolveType } from '../resources'
import { dryRunSuffix } from './cordon'
import { selectorOrError } from './selector-arg'
import { conflictingTaints, existingTaintKeys, parseTaints, reorganizeTaints, TaintSpecError } from './taint-parse'

/**
 * `kubectl taint nodes NAME key=value:Effect | key:Effect- | key-` (kubectl
 * `pkg/cmd/taint/taint.go`): resources first, then taint changes; the node's taints are
 * rewritten with `reorganizeTaints` and patched, printing `node/NAME tainted`, `untainted`
 * or `modified` (with `--overwrite`). Adding a taint whose key and effect exist fails
 * unless `--overwrite`; removing one that does not exist fails with `taint "k" not found`.
 */
export const taintCommand: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  use: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
  flags: [
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { name: 'overwrite', type: 'bool', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    F.all,
    F.output,
    F.dryRun,
    F.validate,
  ],
  run(ctx) {
    const f = ctx.flags
    const fmt = outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
    const resources: string[] = []
    const taintArgs: string[] = []
    for (const s of ctx.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-')
      if (isTaint) taintArgs.push(s)
      else if (taintArgs.length === 0) resources.push(s)
      else throw new KubectlError(`all resources must be specified before taint changes: ${s}`)
    }
    if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name>')
    if (taintArgs.length < 1) throw new KubectlError('at least one taint update is required')
    let add: Taint[]
    let remove: Taint[]
    try {
      ;({ add, remove } = parseTaints(taintArgs))
    } catch (e) {
      if (e instanceof TaintSpecError) throw usageError(ctx.path, e.message)
      throw e
    }
    const type = resources[0].toLowerCase()
    if (resolveType(ctx, type).kind !== 'Node') throw new KubectlError(`invalid resource type ${type}, only node types are supported`)
    const conflicts = conflictingTaints(add, remove)
    if (conflicts.length) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`)
    const selector = f.string('selector')
    const all = f.bool('all')
    if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited")
    if (!all && !selector && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set")

    const errors: unknown[] = []
    for (const node of targets(ctx, resources.slice(1), selector, all, errors)) {
      try {
        taintNode(ctx, node, add, remove, fmt)
      } catch (e) {
        // ContinueOnError flattens the visitor's aggregates: one error per line.
        if (e instanceof AggregateErrors) errors.push(...e.errors)
        else if (e instanceof KubectlError || e instanceof ApiError) errors.push(e)
        else throw e
      }
    }
    if (errors.length) throw new AggregateErrors(errors)
  },
}

function targets(ctx: CommandContext, names: string[], selector: string, all: boolean, errors: unknown[]): Node[] {
  const api = ctx.host.ctx.api
  if (selector || all) {
    const sel = selectorOrError(ctx, 'nodes', selector)
    return api.list('nodes', undefined, { actor: ACTOR, filter: (o) => matches(sel, o.metadata.labels) }).items as Node[]
  }
  const nodes: Node[] = []
  for (const name of names) {
    try {
      nodes.push(api.get('nodes', undefined, name, { actor: ACTOR }) as Node)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      errors.push(e)
    }
  }
  return nodes
}

function taintNode(ctx: CommandContext, node: Node, add: Taint[], remove: Taint[], fmt: string): void {
  const overwrite = ctx.flags.bool('overwrite')
  const name = node.metadata.name ?? ''
  const old = node.spec?.taints ?? []
  if (!overwrite) {
    const exists = existingTaintKeys(old, add)
    if (exists) throw new KubectlError(`node ${name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`)
  }
  const { operation, taints, errors } = reorganizeTaints(old, overwrite, add, remove)
  if (errors.length) throw new AggregateErrors(errors.map((m) => new KubectlError(m)))
  const dryRun = dryRunStrategy(ctx.flags)
  // Go omits an empty taints slice, so the two-way merge patch deletes the field.
  const patch = { spec: { taints: taints.length ? taints : null } }
  const result =
    dryRun === 'client'
      ? { ...node, spec: { ...node.spec, taints: taints.length ? taints : undefined } }
      : ctx.host.ctx.api.patch('nodes', undefined, name, patch, { actor: ACTOR, dryRun: dryRun === 'server' })
  if (fmt === '') ctx.out.out(`node/${name} ${operation}${dryRunSuffix(ctx)}\n`)
  else if (fmt === 'name') ctx.out.out(`node/${name}\n`)
  else ctx.out.out(fmt === 'yaml' ? goYaml(result) : goJsonIndent(result) + '\n')
}
