import { ApiError } from '../apiserver/errors'
import { splitLine, ShellSyntaxError } from './argv'
import { GLOBAL_FLAGS, Output, type Command, type KubectlHost, type ShellRequest, type WatchSpec } from './command'
import { AggregateErrors, ExitError, formatError, KubectlError, PreformattedError } from './errors'
import { FlagError, parseFlags } from './flags'
import { isRealVerb, realFlag } from './unsupported'
import { COMMANDS, findCommand } from './verbs'

export type { KubectlHost, PodLogLine, ShellRequest, WatchSpec } from './command'

/**
 * Run one kubectl command line against the simulated cluster, exactly as kubectl would print
 * it. Never throws: every failure becomes kubectl's error text on stderr and a non-zero code.
 *
 * Flow: split the line like a shell (no pipes) → drop a leading `kubectl` → find the verb
 * (global flags may precede it, as cobra allows) → parse flags (pflag rules) → run the verb,
 * which talks to the API server as actor `kubectl`.
 *
 * @example
 *   runKubectl(cluster, 'apply -f -', yaml)         // { code: 0, stdout: 'replicaset.apps/web created\n', stderr: '' }
 *   runKubectl(cluster, 'get pods -n kube-system')  // { code: 0, stdout: 'NAME  READY ...', stderr: '' }
 */
export function runKubectl(host: KubectlHost, line: string, stdin?: string): KubectlResult {
  const out = new Output()
  let code = 0
  try {
    code = run(host, String(line ?? ''), stdin, out)
  } catch (e) {
    code = e instanceof KubectlError || e instanceof ExitError ? e.exitCode : 1
    out.err(isKnown(e) ? formatError(e) : `error: internal error in the playground's kubectl: ${e instanceof Error ? e.message : String(e)}\n`)
  }
  // services & nodes: `get -w` and `exec -it … sh` hand the worker/UI something to continue with.
  return { code, stdout: out.stdout, stderr: out.stderr, ...(out.watch ? { watch: out.watch } : {}), ...(out.shell ? { shell: out.shell } : {}) }
}

/**
 * What `runKubectl` returns: kubectl's exit code and output, plus (services & nodes) a
 * `watch` to stream later changes with `watchLines` after `get -w`, and a `shell` request
 * after `exec -it POD -- sh`.
 */
export interface KubectlResult {
  code: number
  stdout: string
  stderr: string
  watch?: WatchSpec
  shell?: ShellRequest
}

const isKnown = (e: unknown) =>
  e instanceof KubectlError || e instanceof ApiError || e instanceof AggregateErrors || e instanceof PreformattedError || e instanceof ShellSyntaxError

function run(host: KubectlHost, line: string, stdin: string | undefined, out: Output): number {
  const words = splitLine(line)
  if (words[0] === 'kubectl') words.shift()
  const at = commandIndex(words)
  if (at < 0) {
    // Only flags (or nothing): cobra parses them for the root command, then prints its help.
    try {
      parseFlags(GLOBAL_FLAGS, words)
    } catch (e) {
      if (e instanceof FlagError) throw new PreformattedError(`error: ${e.message}\nSee 'kubectl --help' for usage.`)
      throw e
    }
    out.out(rootHelp())
    return 0
  }
  const name = words[at]
  const cmd = findCommand(name)
  if (!cmd) throw new PreformattedError(isRealVerb(name) ? `error: the playground does not simulate "kubectl ${name}"` : unknownCommand(name))
  const path = `kubectl ${cmd.name}`
  let parsed
  try {
    parsed = parseFlags([...GLOBAL_FLAGS, ...cmd.flags], [...words.slice(0, at), ...words.slice(at + 1)])
  } catch (e) {
    if (e instanceof FlagError) {
      // A real kubectl flag we lack is not a typo: say so instead of pflag's `unknown flag`.
      const real = e.unknown && realFlag(cmd.name, e.unknown)
      if (real) throw new PreformattedError(`error: the playground does not simulate the --${real} flag of "${path}"`)
      throw new PreformattedError(`error: ${e.message}\nSee '${path} --help' for usage.`)
    }
    throw e
  }
  const { args, flags } = parsed
  if (flags.bool('help')) {
    out.out(commandHelp(cmd))
    return 0
  }
  const namespace = flags.string('namespace') || 'default'
  cmd.run({ host, args, flags, stdin, namespace, explicitNamespace: flags.changed('namespace'), path, out })
  return 0
}

/** Cobra finds the subcommand at the first word that is not a flag (skipping the values of global flags). */
function commandIndex(words: string[]): number {
  const withValue = new Set(['-n', '--namespace', '--request-timeout', '-v', '--v'])
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (!w.startsWith('-') || w === '-') return i
    if (withValue.has(w)) i++
  }
  return -1
}

function unknownCommand(name: string): string {
  const suggestions = COMMANDS.filter((c) => c.name.startsWith(name.toLowerCase()) || levenshtein(c.name, name.toLowerCase()) <= 2).map((c) => c.name)
  // cobra's legacyArgs error (with findSuggestions), printed by kubectl's CheckErr.
  const did = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : ''
  return `error: unknown command "${name}" for "kubectl"${did}`
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

function rootHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2
  return [
    'kubectl controls the Kubernetes cluster manager.',
    '',
    ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    '',
    'Commands available in the playground:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.short}`),
    '',
    'Usage:',
    '  kubectl [flags] [options]',
    '',
    'Use "kubectl <command> --help" for more information about a given command.',
    '',
  ].join('\n')
}

function commandHelp(cmd: Command): string {
  const flags = [...cmd.flags, ...GLOBAL_FLAGS].map((f) => {
    const name = (f.short ? `-${f.short}, ` : '    ') + `--${f.name}`
    return `    ${name.padEnd(26)}${f.usage ?? ''}`
  })
  return `${cmd.short}.\n\nOptions:\n${flags.join('\n')}\n\nUsage:\n  ${cmd.use}\n`
}
