/**
 * Tab completion for the kubectl console, the way kubectl's shell completion behaves
 * (`kubectl completion bash`: cobra's `__complete`): the verb first, then subcommands, resource
 * types, object names, flags and flag values — all from data: the engine's catalog (verbs,
 * flags, served resources) and the UI's mirror (names of the objects that exist now).
 *
 * Pure: `complete(line, cursor, ctx)` says which part of the line to replace and with what.
 *
 * @example
 *   complete('kubectl get depl', 16, ctx)  // { from: 12, to: 16, options: ['deployments'] }
 */
import type { KubectlCatalog } from '../../protocol'

export interface CompletionContext {
  catalog: KubectlCatalog | null
  /** Names of the objects of `kind` in `namespace` (undefined: all namespaces, or cluster-scoped). */
  names(kind: string, namespace: string | undefined): string[]
  namespaces(): string[]
}

export interface Completion {
  /** Replace line[from, to) … */
  from: number
  to: number
  /** … with one of these (already filtered by what was typed). */
  options: string[]
}

/** Words the console itself understands besides kubectl verbs. */
export const CONSOLE_BUILTINS = ['clear', 'help'] as const

/** Subcommands kubectl has under these verbs (kubectl `pkg/cmd/{rollout,create,set,top}`). */
const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  create: ['deployment', 'namespace', 'service'],
  set: ['image'],
  top: ['node', 'pod'],
  config: ['current-context', 'get-contexts', 'view'],
}
const CREATE_SERVICE = ['clusterip', 'externalname', 'loadbalancer', 'nodeport']

/** Verbs whose first argument is a pod, a node or nothing to complete. */
const POD_VERBS = new Set(['exec', 'logs', 'attach', 'port-forward'])
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain'])
const NO_ARGS = new Set(['run', 'api-resources', 'api-versions', 'version', 'cluster-info', 'apply', 'help'])

const OUTPUTS = ['json', 'yaml', 'wide', 'name', 'custom-columns=', 'jsonpath=']

/** Flags whose value the completion knows how to list. */
const VALUE_KINDS: Record<string, 'namespace' | 'output'> = { namespace: 'namespace', n: 'namespace', output: 'output', o: 'output' }

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const before = line.slice(0, cursor)
  const from = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1
  const current = before.slice(from)
  const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean)
  if (words[0] === 'kubectl') words.shift()
  const done = (options: string[], start = from) => ({ from: start, to: cursor, options: unique(options.filter((o) => o.startsWith(before.slice(start)))).sort(byName) })

  const catalog = ctx.catalog
  const flagDefs = (verb?: string) => [...(catalog?.verbs.find((v) => v.name === verb || v.aliases.includes(verb ?? ''))?.flags ?? []), ...(catalog?.globalFlags ?? [])]
  const { verb, args, namespace, pendingFlag } = parseWords(words, (name) => flagDefs(undefined).concat(flagDefs(verbOf(words))).find((f) => f.name === name || f.short === name)?.takesValue ?? false)

  // A flag's value: `-n <Tab>`, `--output=<Tab>`.
  const inline = /^--?([\w-]+)=/.exec(current)
  const valueOf = inline ? inline[1] : pendingFlag
  if (valueOf !== undefined && VALUE_KINDS[valueOf]) {
    const start = inline ? from + inline[0].length : from
    return done(VALUE_KINDS[valueOf] === 'namespace' ? ctx.namespaces() : OUTPUTS, start)
  }
  if (valueOf !== undefined && !inline) return done([])

  if (verb === undefined) {
    if (current.startsWith('-')) return done(flagDefs(undefined).map((f) => `--${f.name}`))
    const verbs = catalog?.verbs.map((v) => v.name) ?? []
    return done([...verbs, ...(words.length === 0 ? ['kubectl', ...CONSOLE_BUILTINS] : [])])
  }
  if (current.startsWith('-')) return done(flagDefs(verb).map((f) => `--${f.name}`))

  // Positional arguments after the verb.
  let rest = args
  const subs = SUBCOMMANDS[verb]
  if (subs) {
    if (rest.length === 0) return done(subs)
    if (verb === 'create' && (rest[0] === 'service' || rest[0] === 'svc')) return done(rest.length === 1 ? CREATE_SERVICE : [])
    if (verb === 'create' || verb === 'config') return done([])
    if (verb === 'top') return done(rest[0] === 'node' ? names(ctx, 'Node', undefined) : names(ctx, 'Pod', namespace))
    rest = rest.slice(1)
  }
  if (NO_ARGS.has(verb)) return done([])
  if (POD_VERBS.has(verb)) return done(rest.length === 0 ? names(ctx, 'Pod', namespace) : [])
  if (NODE_VERBS.has(verb)) return done(names(ctx, 'Node', undefined))
  if (verb === 'taint') return done(rest.length === 0 ? ['nodes'] : rest.length === 1 ? names(ctx, 'Node', undefined) : [])

  // TYPE[,TYPE] [NAME…] or TYPE/NAME.
  const slash = current.indexOf('/')
  if (slash > 0) {
    const res = resolve(catalog, current.slice(0, slash))
    return done(res ? names(ctx, res.kind, res.namespaced ? namespace : undefined).map((n) => `${current.slice(0, slash + 1)}${n}`) : [])
  }
  if (rest.length === 0) {
    const comma = current.lastIndexOf(',')
    const start = from + comma + 1
    const typed = current.slice(comma + 1)
    return done(resourceWords(catalog, typed, verb === 'get' && comma < 0), start)
  }
  if (rest[0].includes('/')) return done([])
  const res = resolve(catalog, rest[0].split(',')[0])
  if (!res || rest[0].includes(',')) return done([])
  return done(names(ctx, res.kind, res.namespaced ? namespace : undefined))
}

function verbOf(words: string[]): string | undefined {
  return words.find((w) => !w.startsWith('-'))
}

/** Split the finished words into verb, positional args and the namespace (`-n`, `--namespace=`, `-A`). */
function parseWords(words: string[], takesValue: (name: string) => boolean) {
  let verb: string | undefined
  const args: string[] = []
  let namespace: string | undefined = 'default'
  let pendingFlag: string | undefined
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w.startsWith('-') && w !== '-') {
      const m = /^--?([\w-]+)(=(.*))?$/.exec(w)
      const name = m?.[1] ?? ''
      const value = m?.[3]
      if (name === 'A' || name === 'all-namespaces') namespace = undefined
      if (value !== undefined) {
        if (name === 'n' || name === 'namespace') namespace = value
        continue
      }
      if (w === '--') break
      if (takesValue(name)) {
        if (i + 1 < words.length) {
          if (name === 'n' || name === 'namespace') namespace = words[i + 1]
          i++
        } else pendingFlag = name
      }
      continue
    }
    if (verb === undefined) verb = w
    else args.push(w)
  }
  return { verb, args, namespace, pendingFlag }
}

type Resource = KubectlCatalog['resources'][number]

/** As discovery resolves a typed type: plural, singular, short name, Kind, optionally `.group`. */
export function resolve(catalog: KubectlCatalog | null, typed: string): Resource | undefined {
  const t = typed.toLowerCase()
  return catalog?.resources.find((r) =>
    [r.name, r.singular, r.kind.toLowerCase(), ...r.shortNames].some((a) => a === t || (r.group !== '' && `${a}.${r.group}` === t)),
  )
}

/** Plural names (what kubectl's completion offers); short names when the prefix only fits those (`sv` → `svc`). */
function resourceWords(catalog: KubectlCatalog | null, typed: string, withAll: boolean): string[] {
  const all = catalog?.resources ?? []
  const plural = all.map((r) => r.name).concat(withAll ? ['all'] : [])
  if (plural.some((p) => p.startsWith(typed))) return plural
  return all.flatMap((r) => [r.singular, ...r.shortNames])
}

function names(ctx: CompletionContext, kind: string, namespace: string | undefined): string[] {
  return ctx.names(kind, namespace)
}

/** What Tab does with a completion: the text to put in `[from, to)` and whether it is final. */
export function applyCompletion(line: string, c: Completion): { line: string; cursor: number; list?: string[] } {
  if (c.options.length === 0) return { line, cursor: c.to }
  const typed = line.slice(c.from, c.to)
  if (c.options.length === 1) {
    const only = c.options[0]
    const open = only.endsWith('/') || only.endsWith('=')
    const insert = open ? only : `${only} `
    const next = line.slice(0, c.from) + insert + line.slice(c.to).replace(/^ /, '')
    return { line: next, cursor: c.from + insert.length }
  }
  const prefix = commonPrefix(c.options)
  if (prefix.length > typed.length) {
    const next = line.slice(0, c.from) + prefix + line.slice(c.to)
    return { line: next, cursor: c.from + prefix.length, list: c.options }
  }
  return { line, cursor: c.to, list: c.options }
}

export function commonPrefix(xs: string[]): string {
  if (xs.length === 0) return ''
  let p = xs[0]
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1)
  return p
}

const unique = (xs: string[]) => [...new Set(xs)]
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })
