import { parseDocument, type YAMLError } from 'yaml'
import type { KindDef } from '../../api/kinds/kind'
import type { KObject } from '../../api/types'
import type { CommandContext } from '../command'
import { KubectlError } from '../errors'
import { goJson } from '../printers/gojson'
import { isUnservedKind } from '../unsupported'

/**
 * Reading `-f` input the way kubectl's resource builder does (cli-runtime `StreamVisitor` with
 * `YAMLOrJSONDecoder`): the text is split into documents at `---` lines, each converted to
 * JSON, validated (`apiVersion`/`kind` set) and mapped to a resource. Empty documents are
 * skipped. A syntax or validation error ends the stream (earlier documents are still used); a
 * document whose kind the server does not serve is reported and the rest continue.
 *
 * Messages are kubectl's:
 *   error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context
 *   error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false
 *   resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first
 */
export interface Manifest {
  def: KindDef
  object: KObject
}

export interface ReadResult {
  manifests: Manifest[]
  errors: unknown[]
}

export const SOURCE_STDIN = 'STDIN'

export function readManifests(ctx: CommandContext, filenames: string[], validate: boolean): ReadResult {
  const result: ReadResult = { manifests: [], errors: [] }
  for (const f of filenames) {
    if (f !== '-') {
      // The playground has no file system: only stdin (the editor's text) can be read.
      result.errors.push(new KubectlError(`the path "${f}" does not exist`))
      continue
    }
    readStream(ctx, ctx.stdin ?? '', SOURCE_STDIN, validate, result)
  }
  return result
}

function readStream(ctx: CommandContext, text: string, source: string, validate: boolean, out: ReadResult): void {
  for (const chunk of splitDocuments(text)) {
    // YAML 1.1 like go-yaml v2 (`yes`, `on` are booleans), but timestamps stay strings as in sigs.k8s.io/yaml.
    const doc = parseDocument(chunk, {
      uniqueKeys: false,
      version: '1.1',
      customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
    })
    if (doc.errors.length > 0) {
      out.errors.push(new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: ${goYamlMessage(doc.errors[0])}`))
      return
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 })
    if (value === null || value === undefined) continue
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.errors.push(new KubectlError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`))
      return
    }
    const obj = value as Record<string, unknown>
    const missing = [!obj.apiVersion && 'apiVersion not set', !obj.kind && 'kind not set'].filter(Boolean) as string[]
    if (missing.length > 0) {
      if (validate) {
        const detail = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`
        out.errors.push(new KubectlError(`error validating "${source}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`))
      } else {
        out.errors.push(new KubectlError(`unable to decode "${source}": Object '${obj.kind ? 'apiVersion' : 'Kind'}' is missing in '${goJson(obj)}'`))
      }
      return
    }
    const meta = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<string, unknown>
    const def = ctx.host.ctx.api.registry.byKind(String(obj.kind), String(obj.apiVersion))
    if (!def) {
      out.errors.push(
        new KubectlError(
          `resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first` +
            (isUnservedKind(String(obj.kind)) ? `\n(the playground does not simulate ${obj.kind} objects)` : ''),
        ),
      )
      continue
    }
    out.manifests.push({ def, object: obj as KObject })
  }
}

/** `yaml.NewYAMLReader`: documents are separated by lines that are `---` plus optional trailing space. */
export function splitDocuments(text: string): string[] {
  const docs: string[] = []
  let cur: string[] = []
  for (const line of text.split('\n')) {
    if (line.startsWith('---') && line.slice(3).trim() === '') {
      if (cur.join('\n').trim() !== '') docs.push(cur.join('\n') + '\n')
      cur = []
    } else cur.push(line)
  }
  if (cur.join('\n').trim() !== '') docs.push(cur.join('\n'))
  return docs
}

/** go-yaml's wording for the common syntax errors, at the line the `yaml` parser reports. */
export function goYamlMessage(e: YAMLError): string {
  const line = e.linePos?.[0]?.line ?? 1
  const msg = (() => {
    switch (e.code) {
      case 'BLOCK_AS_IMPLICIT_KEY':
        return 'mapping values are not allowed in this context'
      case 'MULTILINE_IMPLICIT_KEY':
        return "could not find expected ':'"
      case 'TAB_AS_INDENT':
        return 'found character that cannot start any token'
      case 'BAD_INDENT':
        return /Flow sequence/.test(e.message) ? "did not find expected ',' or ']'" : /Flow map/.test(e.message) ? "did not find expected ',' or '}'" : 'did not find expected key'
      case 'MISSING_CHAR':
        return /quote/.test(e.message) ? 'found unexpected end of stream' : "did not find expected ',' or ']'"
      case 'BAD_DQ_ESCAPE':
        return 'found unknown escape character while parsing a quoted scalar'
      case 'BAD_ALIAS':
        return 'unknown anchor referenced'
      default:
        return 'did not find expected node content'
    }
  })()
  return `line ${line}: ${msg}`
}

/**
 * The builder's `SetNamespace` / `RequireNamespace`: a namespaced object without a namespace
 * gets the command's; with `-n` given, a different one is an error.
 */
export function placeInNamespace(ctx: CommandContext, m: Manifest): KObject {
  const obj = structuredClone(m.object)
  obj.metadata = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}
  if (!m.def.namespaced) return obj
  const ns = obj.metadata.namespace
  if (!ns) obj.metadata.namespace = ctx.namespace
  else if (ctx.explicitNamespace && ns !== ctx.namespace)
    throw new KubectlError(
      `the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
    )
  return obj
}

/** `Info.String()`: `Resource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "web", Namespace: "default"`. */
export function infoString(def: KindDef, name: string, namespace: string): string {
  const version = def.apiVersion.split('/').pop()
  return `Resource: "${def.group}/${version}, Resource=${def.resource}", GroupVersionKind: "${def.group}/${version}, Kind=${def.kind}"\nName: "${name}", Namespace: "${namespace}"`
}
