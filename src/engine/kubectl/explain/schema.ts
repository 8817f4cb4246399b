/**
 * The slice of OpenAPI v3 that `kubectl explain` reads, for the kinds the playground serves.
 * A field whose type is another definition is written `{ ref: 'PodSpec', description }`, which
 * is how the API server's OpenAPI v3 spells it (`allOf: [{$ref}]` beside the description), so
 * explain prints both descriptions as kubectl does. Definitions live in `explain/defs-*.ts`.
 */
export interface Schema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array'
  description?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  additionalProperties?: Schema
  /** A reference to a named definition (`#/components/schemas/io.k8s.api.core.v1.<ref>`). */
  ref?: string
  /** `allOf: [{$ref: ref}]` beside a description (a field of a definition's type). */
  allOfRef?: string
  enum?: string[]
}

/** A kind as explain finds it: its group/version/kind and root definition. */
export interface ExplainKind {
  group: string
  version: string
  kind: string
  schema: string
}

export const DEFINITIONS = new Map<string, Schema>()

export function define(defs: Record<string, Schema>): void {
  for (const [name, s] of Object.entries(defs)) DEFINITIONS.set(name, s)
}

/** Shorthands for writing definitions. */
export const str = (description: string, extra: Partial<Schema> = {}): Schema => ({ type: 'string', description, ...extra })
export const int = (description: string): Schema => ({ type: 'integer', description })
export const bool = (description: string): Schema => ({ type: 'boolean', description })
export const obj = (ref: string, description: string): Schema => ({ description, allOfRef: ref })
export const list = (ref: string, description: string): Schema => ({ type: 'array', description, items: { allOfRef: ref } })
export const strList = (description: string): Schema => ({ type: 'array', description, items: { type: 'string' } })
export const strMap = (description: string): Schema => ({ type: 'object', description, additionalProperties: { type: 'string' } })
export const refMap = (ref: string, description: string): Schema => ({ type: 'object', description, additionalProperties: { allOfRef: ref } })
