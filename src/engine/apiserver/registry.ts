import type { KindDef } from '../api/kinds/kind'

/**
 * The kinds the API server serves, findable by resource, kind, singular or short name —
 * the lookup `kubectl` does through discovery.
 */
export class Registry {
  private byResource = new Map<string, KindDef>()
  private byAlias = new Map<string, KindDef>()

  register(def: KindDef): void {
    this.byResource.set(def.resource, def)
    for (const alias of [def.resource, def.singular, def.kind.toLowerCase(), ...def.shortNames]) {
      this.byAlias.set(alias, def)
      if (def.group) this.byAlias.set(`${alias}.${def.group}`, def)
    }
  }

  /** By plural resource name (what the API server's URLs use). */
  get(resource: string): KindDef | undefined {
    return this.byResource.get(resource)
  }

  /** As kubectl resolves what a user typed: `po`, `pod`, `pods`, `Pod`, `replicasets.apps`. */
  resolve(typed: string): KindDef | undefined {
    return this.byAlias.get(typed.toLowerCase())
  }

  byKind(kind: string, apiVersion?: string): KindDef | undefined {
    for (const d of this.byResource.values()) if (d.kind === kind && (!apiVersion || d.apiVersion === apiVersion)) return d
    return undefined
  }

  all(): KindDef[] {
    return [...this.byResource.values()].sort((a, b) => a.resource.localeCompare(b.resource))
  }
}
