import { parse } from 'shell-quote'

/**
 * Split a typed command line into words the way a POSIX shell would (quotes, escapes), using
 * `shell-quote`. The playground runs kubectl directly, not through a shell, so pipes,
 * redirections and `$VARS` are refused with a clear message instead of being misread.
 *
 * @example
 *   splitLine(`kubectl get pods -l 'app in (web,api)'`) // ['kubectl','get','pods','-l','app in (web,api)']
 */
export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError'
}

export function splitLine(line: string): string[] {
  // Keep `$` literal: kubectl lines carry no variables, and shell-quote would drop `$FOO`.
  const entries = parse(line, (key: string) => `$${key}`)
  const words: string[] = []
  for (const e of entries) {
    if (typeof e === 'string') {
      words.push(e)
      continue
    }
    if ('comment' in e) break
    if ('op' in e) {
      if (e.op === 'glob') {
        words.push((e as { pattern: string }).pattern)
        continue
      }
      throw new ShellSyntaxError(
        `the playground's kubectl runs without a shell, so '${e.op}' (pipes, redirections, command lists) is not supported; run one kubectl command at a time`,
      )
    }
  }
  return words
}
