import { parseDocument } from 'yaml'
import type { KObject } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { mergePatch } from '../../apiserver/patch'
import { goYamlMessage } from '../apply/manifest'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { AggregateErrors, KubectlError } from '../errors'
import { goJson } from '../printers/gojson'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR, fetchInfos, kindName, parseResourceArgs, type Info } from '../resources'
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from '../patch/json-patch'
import { strategicMerge } from '../patch/strategic'

/**
 * `kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type=strategic|merge|json]` (kubectl
 * `pkg/cmd/patch/patch.go`): the patch (JSON, or YAML converted to JSON) is applied by the API
 * server — strategic merge by default (patch/strategic.ts), JSON merge patch (RFC 7386), or JSON
 * Patch (RFC 6902, patch/json-patch.ts). Prints `deployment.apps/web patched`, or
 * `patched (no change)` when the object came back unchanged.
 *
 * A JSON Patch the server cannot apply is a 422 without details, which kubectl prints as
 * `The request is invalid: the server rejected our request due to an error in our request`
 * (the server keeps the reason to itself). With `--dry-run=client` kubectl applies the patch
 * itself and shows the reason.
 */
const PATCH_TYPES = ['json', 'merge', 'strategic']

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  use: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  flags: [
    { name: 'patch', short: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
    { name: 'local', type: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    { name: 'subresource', type: 'string', usage: "If specified, patch will operate on the subresource of the requested object. Must be one of ['status', 'scale']." },
    F.output,
    F.dryRun,
    F.filename,
  ],
  run(ctx) {
    const f = ctx.flags
    const dryRun = dryRunStrategy(f)
    const fmt = outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
    const patchText = f.string('patch')
    if (patchText && f.string('patch-file')) throw new KubectlError('cannot specify --patch and --patch-file together')
    if (!patchText && !f.string('patch-file')) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch')
    if (f.bool('local') || f.strings('filename').length) throw new KubectlError("the playground's kubectl reads no files; name the object instead (e.g. deployment/web)")
    const type = f.string('type').toLowerCase()
    if (!PATCH_TYPES.includes(type)) throw new KubectlError(`--type must be one of [${PATCH_TYPES.join(' ')}], not "${f.string('type')}"`)
    if (f.string('patch-file')) throw new KubectlError(`unable to read patch file: open ${f.string('patch-file')}: no such file or directory`)
    if (f.string('subresource')) throw new KubectlError("the playground's kubectl does not patch subresources; patch the object itself")
    const patch = parsePatch(patchText)
    if (ctx.args.length === 0)
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      )
    const req = parseResourceArgs(ctx, ctx.args)
    if (req.tuples.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
    const { infos, errors } = fetchInfos(ctx, req)
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
    for (const info of infos) {
      try {
        const result = patchOne(ctx, info, type, patch, dryRun)
        const op = goJson(result) === goJson(info.object) ? 'patched (no change)' : 'patched'
        if (fmt === 'yaml' || fmt === 'json') ctx.out.out(printStructured(fmt, [result], true))
        else ctx.out.out(fmt === 'name' ? `${kindName(info.def, info.name)}\n` : `${kindName(info.def, info.name)} ${op}${suffix}\n`)
      } catch (e) {
        errors.push(e)
      }
    }
    if (errors.length) throw new AggregateErrors(errors)
    if (infos.length === 0) throw new KubectlError('no objects passed to patch')
  },
}

function patchOne(ctx: CommandContext, info: Info, type: string, patch: unknown, dryRun: 'none' | 'client' | 'server'): KObject {
  if (dryRun === 'client') {
    try {
      return applyPatch(info.object, type, patch)
    } catch (e) {
      if (e instanceof JsonPatchError && e.message.includes('doc is missing key')) {
        const key = e.message.slice(e.message.indexOf('key:') + 5)
        throw new KubectlError(`Object to be patched is missing field (${key})`)
      }
      throw e instanceof JsonPatchError ? new KubectlError(e.message) : e
    }
  }
  return ctx.host.ctx.api.patch(
    info.def.resource,
    info.namespace,
    info.name,
    (cur) => {
      try {
        return applyPatch(cur, type, patch)
      } catch (e) {
        if (!(e instanceof JsonPatchError)) throw e
        if (e.message.startsWith('json: cannot unmarshal')) throw new ApiError(400, 'BadRequest', e.message)
        // NewGenericServerResponse(422): the reason stays on the server.
        throw new ApiError(422, 'Invalid', 'The request is invalid: the server rejected our request due to an error in our request')
      }
    },
    { actor: ACTOR, dryRun: dryRun === 'server' },
  )
}

function applyPatch(obj: KObject, type: string, patch: unknown): KObject {
  if (type === 'json') return applyJsonPatch(obj, decodeJsonPatch(patch)) as KObject
  if (type === 'merge') return mergePatch(obj, patch) as KObject
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}')
  return strategicMerge(obj, patch) as KObject
}

/**
 * `yaml.ToJSON`: text starting with `{` is taken as JSON (and a malformed one is the server's
 * 400, in Go's `encoding/json` words); anything else is YAML.
 */
function parsePatch(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text)
    } catch {
      throw new ApiError(400, 'BadRequest', goJsonSyntaxError(text))
    }
  }
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false })
  if (doc.errors.length) {
    throw new KubectlError(`unable to parse "${text}": yaml: ${goYamlMessage(doc.errors[0])}`)
  }
  return doc.toJS()
}

/** Go `encoding/json`'s syntax error for the first bad byte of a JSON text (the common cases). */
function goJsonSyntaxError(text: string): string {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++
  }
  // Walk the text with a tiny recursive-descent scanner to find where it goes wrong.
  const fail = (what: string): never => {
    if (i >= text.length) throw new Error('unexpected end of JSON input')
    throw new Error(`invalid character '${text[i]}' ${what}`)
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail('looking for beginning of object key string')
        str()
        ws()
        if (text[i] !== ':') fail("after object key")
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail("after object key:value pair")
      }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail('after array element')
      }
    } else if (c === '"') str()
    else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i))
      if (!m) fail('looking for beginning of value')
      i += m![0].length
    }
  }
  const str = () => {
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    if (i >= text.length) fail('')
    i++
  }
  try {
    value()
    ws()
    if (i < text.length) fail('after top-level value')
    return 'invalid JSON'
  } catch (e) {
    return (e as Error).message
  }
}
