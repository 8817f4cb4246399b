import { parse, type ParseEntry } from 'shell-quote'

/**
 * The tiny shell the node and pod consoles run: a command line is split with `shell-quote`
 * (quotes, `$VAR` from the environment), then run as `a | b | c` pipelines joined by `;`,
 * `&&` and `||`, with `> /dev/null`, `2> /dev/null` and `2>&1`. `sh -c '…'` runs its script
 * the same way. Each command is a function of (argv, stdin); nothing throws out of here.
 *
 * @example
 *   runLine('iptables-save | grep web | wc -l', env, commands)   // { code: 0, stdout: '9\n', stderr: '' }
 */

export interface ShellResult {
  code: number
  stdout: string
  stderr: string
}

export type Command = (argv: string[], stdin: string) => ShellResult

export interface Shell {
  env: Record<string, string>
  /** The commands this host has; absent → `sh: <cmd>: not found` (127). */
  lookup(name: string): Command | undefined
}

interface Stage {
  argv: string[]
  stdoutNull: boolean
  stderrNull: boolean
  stderrToStdout: boolean
}

type Op = ';' | '&&' | '||'

export function ok(stdout = ''): ShellResult {
  return { code: 0, stdout, stderr: '' }
}

export function fail(stderr: string, code = 1, stdout = ''): ShellResult {
  return { code, stdout, stderr: stderr.endsWith('\n') || stderr === '' ? stderr : stderr + '\n' }
}

/** Run one command line. The whole line is parsed first: a syntax error runs nothing, as in sh. */
export function runLine(line: string, shell: Shell): ShellResult {
  const parsed = parseLine(line, shell.env)
  if ('code' in parsed) return parsed
  const out: ShellResult = { code: 0, stdout: '', stderr: '' }
  let lastCode = 0
  for (const { op, stages } of parsed) {
    if ((op === '&&' && lastCode !== 0) || (op === '||' && lastCode === 0)) continue
    const r = runPipeline(stages, shell)
    out.stdout += r.stdout
    out.stderr += r.stderr
    lastCode = r.code
  }
  return { code: lastCode, stdout: out.stdout, stderr: out.stderr }
}

/** Split a line into pipelines, each with the operator that joins it to the previous one. */
function parseLine(line: string, env: Record<string, string>): { op?: Op; stages: Stage[] }[] | ShellResult {
  let entries: ParseEntry[]
  try {
    entries = parse(line, (key) => env[key] ?? '')
  } catch (e) {
    return fail(`sh: syntax error: ${(e as Error).message}`, 2)
  }
  const items: { op?: Op; stages: Stage[] }[] = []
  let stages: Stage[] = []
  let stage = newStage()
  let op: Op | undefined
  const endPipeline = (next: Op | undefined): void => {
    if (stage.argv.length) stages.push(stage)
    if (stages.length) items.push({ op, stages })
    ;[stages, stage, op] = [[], newStage(), next]
  }
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]
    if (typeof e === 'string') {
      stage.argv.push(e)
      continue
    }
    if ('comment' in e) break
    if (!('op' in e)) continue
    const o = e.op as string
    if (o === 'glob') stage.argv.push((e as { pattern: string }).pattern)
    else if (o === '|') {
      if (!stage.argv.length) return fail("sh: syntax error: unexpected '|'", 2)
      stages.push(stage)
      stage = newStage()
    } else if (o === ';' || o === '&&' || o === '||') endPipeline(o)
    else if (o === '>' || o === '>>') {
      // `2> x` arrives as '2' then '>': the fd is the previous word.
      const fd = stage.argv[stage.argv.length - 1] === '2' ? stage.argv.pop() : undefined
      const target = entries[++i]
      if (target !== '/dev/null') return fail(`sh: can't create ${typeof target === 'string' ? target : ''}: Read-only file system`, 1)
      if (fd === '2') stage.stderrNull = true
      else stage.stdoutNull = true
    } else if (o === '>&' && stage.argv[stage.argv.length - 1] === '2' && entries[i + 1] === '1') {
      stage.argv.pop()
      stage.stderrToStdout = true
      i++
    } else if (o === '$(' || o === '(' || o === '`') return fail('sh: command substitution and subshells are not supported in the playground', 2)
    else return fail(`sh: syntax error: unsupported operator '${o}'`, 2)
  }
  endPipeline(undefined)
  return items
}

function newStage(): Stage {
  return { argv: [], stdoutNull: false, stderrNull: false, stderrToStdout: false }
}

function runPipeline(stages: Stage[], shell: Shell): ShellResult {
  let stdin = ''
  let stderr = ''
  let code = 0
  for (const s of stages) {
    const r = runCommand(s.argv, stdin, shell)
    let so = r.stdout
    let se = r.stderr
    if (s.stderrToStdout) [so, se] = [so + se, '']
    if (s.stderrNull) se = ''
    if (s.stdoutNull) so = ''
    stdin = so
    stderr += se
    code = r.code
  }
  return { code, stdout: stdin, stderr }
}

function runCommand(argv: string[], stdin: string, shell: Shell): ShellResult {
  // Leading `VAR=value` words set the environment of this one command.
  let i = 0
  const saved: Record<string, string | undefined> = {}
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) {
    const [k, ...v] = argv[i].split('=')
    saved[k] = shell.env[k]
    shell.env[k] = v.join('=')
    i++
  }
  const words = argv.slice(i)
  try {
    if (!words.length) return ok()
    const [name, ...args] = words
    const base = name.split('/').pop() ?? name
    if ((base === 'sh' || base === 'bash' || base === 'ash') && args[0] === '-c') return runLine(args.slice(1).join(' '), shell)
    const cmd = shell.lookup(base)
    if (!cmd) return fail(`sh: ${name}: not found`, 127)
    try {
      return cmd(args, stdin)
    } catch (e) {
      return fail(`${base}: ${(e as Error).message}`, 1)
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete shell.env[k]
      else shell.env[k] = v
    }
  }
}
