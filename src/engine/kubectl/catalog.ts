import type { Registry } from '../apiserver/registry'
import { GLOBAL_FLAGS } from './command'
import type { FlagDef } from './flags'
import { COMMANDS } from './verbs'

/**
 * What the playground's kubectl knows, as data for a console's Tab completion: the verbs with
 * their flags (the same tables the parser uses, so completion never offers a flag the parser
 * would reject) and the resource types the API server serves (what discovery gives real
 * kubectl's completion — `kubectl api-resources`).
 *
 * @example
 *   kubectlCatalog(cluster.api.registry).verbs.find((v) => v.name === 'get')!.flags
 *   // [{ name: 'output', short: 'o', takesValue: true }, …]
 */
export interface KubectlCatalog {
  verbs: CatalogVerb[]
  /** Flags every verb accepts (`-n`, `-h`, …). */
  globalFlags: CatalogFlag[]
  resources: CatalogResource[]
}

export interface CatalogVerb {
  name: string
  aliases: string[]
  short: string
  flags: CatalogFlag[]
}

export interface CatalogFlag {
  name: string
  short?: string
  /** `--flag value` (not a boolean switch). */
  takesValue: boolean
}

export interface CatalogResource {
  /** Plural resource name: `deployments`. */
  name: string
  singular: string
  shortNames: string[]
  kind: string
  group: string
  apiVersion: string
  namespaced: boolean
}

const flag = (f: FlagDef): CatalogFlag => ({ name: f.name, ...(f.short ? { short: f.short } : {}), takesValue: f.type !== 'bool' })

export function kubectlCatalog(registry: Registry): KubectlCatalog {
  return {
    verbs: COMMANDS.map((c) => ({ name: c.name, aliases: [...(c.aliases ?? [])], short: c.short, flags: c.flags.map(flag) })),
    globalFlags: GLOBAL_FLAGS.map(flag),
    resources: registry.all().map((d) => ({
      name: d.resource,
      singular: d.singular,
      shortNames: [...d.shortNames],
      kind: d.kind,
      group: d.group,
      apiVersion: d.apiVersion,
      namespaced: d.namespaced,
    })),
  }
}
