/**
 * Kubernetes-aware completion for the YAML editor (pure; the CodeMirror adapter is in
 * YamlEditor.tsx): the apiVersion/kind pairs the cluster serves, the fields of the kind being
 * written at the cursor's path (minus the ones already there), and the enumerated values
 * (`type: NodePort`, `imagePullPolicy: IfNotPresent`, `protocol: TCP`, …).
 *
 * @example
 *   completeYaml('kind: Service\nspec:\n  ty', 30).options.map((o) => o.label)  // ['type']
 */
import { yamlContext } from './context'
import { fieldAt, KINDS, type Field } from './schema'

export interface YamlOption {
  label: string
  /** Text that replaces the typed prefix. */
  apply: string
  detail?: string
  type: 'property' | 'enum' | 'class' | 'text'
}

/** Images the simulated kubelet knows how to behave as (DESIGN "Simulated containers"). */
const IMAGES = ['nginx:1.27', 'nginx:1.16.1', 'httpd:2.4', 'busybox:1.36', 'alpine:3.20', 'registry.k8s.io/e2e-test-images/agnhost:2.53']

/** Extra kinds the server serves (from the console's catalog), besides the ones with a schema here. */
export type ServedKind = { kind: string; apiVersion: string }

export function completeYaml(text: string, pos: number, served: readonly ServedKind[] = []): { from: number; options: YamlOption[] } {
  const c = yamlContext(text, pos)
  const from = pos - c.prefix.length
  const kinds = allKinds(served)
  const filter = (o: YamlOption[]) => o.filter((x) => x.label.toLowerCase().startsWith(c.prefix.toLowerCase()) || (x.type === 'class' && x.detail?.toLowerCase().startsWith(c.prefix.toLowerCase())))

  if (c.mode === 'value') {
    if (c.path.length === 0 && c.key === 'kind') return { from, options: filter(kinds.map((k) => ({ label: k.kind, apply: k.kind, detail: k.apiVersion, type: 'enum' }))) }
    if (c.path.length === 0 && c.key === 'apiVersion') {
      const versions = [...new Set([...(c.kind ? kinds.filter((k) => k.kind === c.kind).map((k) => k.apiVersion) : []), ...kinds.map((k) => k.apiVersion)])]
      return { from, options: filter(versions.map((v) => ({ label: v, apply: v, type: 'enum' }))) }
    }
    const f = c.key ? fieldAt(c.kind, [...c.path, c.key]) : undefined
    if (c.key === 'image') return { from, options: filter(IMAGES.map((i) => ({ label: i, apply: i, type: 'text' }))) }
    const values = f && 'values' in f ? (f.values ?? []) : []
    return { from, options: filter(values.filter(Boolean).map((v) => ({ label: v, apply: v, type: 'enum' }))) }
  }

  const options: YamlOption[] = []
  if (c.path.length === 0 && !c.kind) {
    // A new document: the apiVersion/kind pair in one go.
    for (const k of kinds) options.push({ label: k.kind, apply: `apiVersion: ${k.apiVersion}\nkind: ${k.kind}\n`, detail: `apiVersion: ${k.apiVersion}`, type: 'class' })
  }
  const f = fieldAt(c.kind, c.path)
  if (f?.t === 'object') {
    const pad = ' '.repeat(c.column)
    for (const [name, child] of Object.entries(f.fields)) {
      if (c.siblings.includes(name)) continue
      options.push({ label: name, apply: keyText(name, child, pad), detail: describe(child), type: 'property' })
    }
  }
  return { from, options: filter(options) }
}

function allKinds(served: readonly ServedKind[]): ServedKind[] {
  const out: ServedKind[] = Object.entries(KINDS).map(([kind, k]) => ({ kind, apiVersion: k.apiVersion }))
  for (const s of served) if (!out.some((o) => o.kind === s.kind)) out.push(s)
  return out.sort((a, b) => a.kind.localeCompare(b.kind))
}

/** What a chosen key inserts: `replicas: `, `metadata:\n  `, `containers:\n- ` (lists unindented, as kubectl prints them). */
function keyText(name: string, f: Field, pad: string): string {
  switch (f.t) {
    case 'object':
    case 'map':
      return `${name}:\n${pad}  `
    case 'objects':
    case 'list':
      return `${name}:\n${pad}- `
    default:
      return `${name}: `
  }
}

function describe(f: Field): string {
  switch (f.t) {
    case 'objects':
      return 'list of objects'
    case 'list':
      return 'list'
    case 'map':
      return 'map of strings'
    case 'object':
      return 'object'
    default:
      return 'values' in f && f.values?.length ? f.values.join(' | ') : f.t
  }
}
