import type { Command } from '../command'
import { KubectlError } from '../errors'
import '../explain/defs-meta'
import '../explain/defs-pod'
import '../explain/defs-apps'
import '../explain/defs-core'
import { explain, ExplainError } from '../explain/render'
import { DEFINITIONS } from '../explain/schema'
import { resolveType } from '../resources'

/**
 * `kubectl explain RESOURCE[.field…] [--recursive]` (kubectl `pkg/cmd/explain/explain.go`,
 * plaintext template in `explain/render.ts`) for the kinds the playground simulates: Pod,
 * Deployment, ReplicaSet, ReplicationController, Service, Node and Namespace. Their schemas
 * (`explain/defs-*.ts`) carry the main fields with Kubernetes' own descriptions — not every
 * field of the real API.
 */
export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  use: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
  flags: [
    { name: 'recursive', type: 'bool', usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
    { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
  ],
  run(ctx) {
    if (ctx.args.length === 0)
      throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n')
    if (ctx.args.length > 1) throw new KubectlError('We accept only this format: explain RESOURCE\n')
    const out = ctx.flags.string('output')
    if (out !== 'plaintext' && out !== 'plaintext-openapiv2') throw new KubectlError(`unsupported output format: ${out}`)
    const [resource, ...path] = ctx.args[0].split('.')
    const def = resolveType(ctx, resource)
    const apiVersion = ctx.flags.string('api-version')
    if (apiVersion && apiVersion !== def.apiVersion) throw new KubectlError(`couldn't find resource for "${apiVersion}, Resource=${def.resource}"`)
    if (!DEFINITIONS.has(def.kind))
      throw new KubectlError(
        `the playground's kubectl has no schema for ${def.kind}; explain covers Pod, Deployment, ReplicaSet, ReplicationController, Service, Node and Namespace`,
      )
    const [group, version] = def.apiVersion.includes('/') ? def.apiVersion.split('/') : ['', def.apiVersion]
    try {
      ctx.out.out(explain({ group, version, kind: def.kind, schema: def.kind }, path.filter((p) => p !== ''), ctx.flags.bool('recursive')))
    } catch (e) {
      if (e instanceof ExplainError) throw new KubectlError(e.message)
      throw e
    }
  },
}
