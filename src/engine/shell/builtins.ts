import { fail, ok, type Command } from './script'

/**
 * The text tools every simulated host has, so the usual one-liners work:
 * `iptables-save | grep KUBE-SVC | wc -l`, `ipvsadm -Ln | head`, `echo $WEB_SERVICE_HOST`.
 * Options are the common GNU/busybox ones; `sleep` returns at once (no virtual time passes
 * inside a command).
 */

function splitLines(s: string): string[] {
  if (!s) return []
  const lines = s.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

const join = (lines: string[]): string => (lines.length ? lines.join('\n') + '\n' : '')

/** `grep [-v] [-i] [-c] [-E] [-F] [-w] [-n] PATTERN` on stdin (exit 1 when nothing matches). */
export const grep: Command = (argv, stdin) => {
  const flags = new Set<string>()
  let pattern: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '-e') pattern = argv[++i]
    else if (/^-[a-zA-Z]+$/.test(a) && pattern === undefined) for (const f of a.slice(1)) flags.add(f)
    else if (pattern === undefined) pattern = a
    else return fail(`grep: ${a}: No such file or directory`, 2)
  }
  if (pattern === undefined) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...', 2)
  let re: RegExp
  try {
    const src = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pattern : basicToExtended(pattern)
    re = new RegExp(flags.has('w') ? `\\b(?:${src})\\b` : src, flags.has('i') ? 'i' : '')
  } catch {
    return fail(`grep: Invalid regular expression`, 2)
  }
  const hits: string[] = []
  splitLines(stdin).forEach((l, i) => {
    if (re.test(l) !== flags.has('v')) hits.push(flags.has('n') ? `${i + 1}:${l}` : l)
  })
  if (flags.has('c')) return { code: hits.length ? 0 : 1, stdout: `${hits.length}\n`, stderr: '' }
  return { code: hits.length ? 0 : 1, stdout: join(hits), stderr: '' }
}

/** POSIX basic regular expressions: `\|`, `\+`, `\?`, `\(`, `\)` are operators, the bare ones are literals. */
function basicToExtended(p: string): string {
  let out = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '\\' && i + 1 < p.length && '|+?(){}'.includes(p[i + 1])) out += p[++i]
    else if ('|+?(){}'.includes(c)) out += '\\' + c
    else out += c
  }
  return out
}

function count(argv: string[], def: number): { n: number; fromEnd: boolean } | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const m = /^-n?(\+?-?\d+)$/.exec(a === '-n' ? `-n${argv[++i] ?? ''}` : a)
    if (m) return { n: Math.abs(Number(m[1])), fromEnd: m[1].startsWith('+') }
    return undefined
  }
  return { n: def, fromEnd: false }
}

export const head: Command = (argv, stdin) => {
  const c = count(argv, 10)
  return c ? ok(join(splitLines(stdin).slice(0, c.n))) : fail(`head: invalid option -- '${argv[0]}'`)
}

export const tail: Command = (argv, stdin) => {
  const c = count(argv, 10)
  if (!c) return fail(`tail: invalid option -- '${argv[0]}'`)
  const lines = splitLines(stdin)
  return ok(join(c.fromEnd ? lines.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : lines.slice(-c.n)))
}

/** `wc -l` / `-w` / `-c`; bare `wc` prints all three like GNU (right-aligned to 7). */
export const wc: Command = (argv, stdin) => {
  const lines = (stdin.match(/\n/g) ?? []).length
  const words = stdin.split(/\s+/).filter(Boolean).length
  const bytes = new TextEncoder().encode(stdin).length
  if (argv.includes('-l')) return ok(`${lines}\n`)
  if (argv.includes('-w')) return ok(`${words}\n`)
  if (argv.includes('-c')) return ok(`${bytes}\n`)
  return ok(`${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(bytes).padStart(7)}\n`)
}

export const sort: Command = (argv, stdin) => {
  let lines = splitLines(stdin).sort()
  if (argv.includes('-u')) lines = [...new Set(lines)]
  if (argv.includes('-r')) lines.reverse()
  return ok(join(lines))
}

export const uniq: Command = (argv, stdin) => {
  const out: { l: string; n: number }[] = []
  for (const l of splitLines(stdin)) if (out.length && out[out.length - 1].l === l) out[out.length - 1].n++
  else out.push({ l, n: 1 })
  return ok(join(out.map((x) => (argv.includes('-c') ? `${String(x.n).padStart(7)} ${x.l}` : x.l))))
}

/** `echo [-n] …`. */
export const echo: Command = (argv) => {
  if (argv[0] === '-n') return ok(argv.slice(1).join(' '))
  return ok(argv.join(' ') + '\n')
}

export const sleep: Command = (argv) => {
  if (!argv.length) return fail('sleep: missing operand')
  if (!argv.every((a) => /^(\d+(\.\d+)?[smhd]?|inf(inity)?)$/.test(a))) return fail(`sleep: invalid time interval '${argv[0]}'`)
  return ok()
}

export const TEXT_TOOLS: Record<string, Command> = {
  grep, head, tail, wc, sort, uniq, echo, sleep,
  true: () => ok(),
  false: () => ({ code: 1, stdout: '', stderr: '' }),
  cat: (argv, stdin) => (argv.length ? fail(`cat: can't open '${argv[0]}': No such file or directory`) : ok(stdin)),
}
