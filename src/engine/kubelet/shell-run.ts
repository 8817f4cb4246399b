import type { ContainerFs } from './container-fs'
import { type ShNode, canLeave, parseScript, scanBalanced } from './shell'
import { arith } from './shell-arith'
import { runCommand } from './shell-commands'

/**
 * Runs the tiny shell's AST (`shell.ts`) as a generator: it yields the milliseconds it wants
 * to sleep and returns the exit status, so the container's process can be advanced lazily
 * along the virtual clock (`container-process.ts`) and a probe's `exec` can run to completion
 * at once. Commands themselves are in `shell-commands.ts`.
 */

/** What the shell runs against: the container's files and variables, and the time. */
export interface ShellHost {
  fs: ContainerFs
  vars: Map<string, string>
  /** busybox (busybox, alpine) or GNU coreutils (debian-based images) error messages. */
  flavour: 'busybox' | 'gnu'
  hostname: string
  /** Absolute virtual ms at the script's current point. */
  now(): number
  /** A server binary (`nginx`, `httpd -p 8080`) took over: it listens on these ports until stopped. */
  serve(binary: string, argv: string[]): void
  /** Set once the script can never end on its own (`while true` without exit, `sleep infinity`). */
  forever: boolean
  /** Commands run since time last advanced (guards against a busy loop). */
  steps: number
  /** Exit status of the last command (`$?`). */
  status: number
}

export interface Io {
  stdin: string
  out(text: string): void
  err(text: string): void
}

export type Run = Generator<number, number, void>

export class ExitSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(
    readonly n: number,
    readonly cont: boolean,
  ) {}
}
/** A loop that never sleeps: the process spins; we stop executing it. */
export class SpinSignal {}

/** Commands without a sleep before the process counts as spinning. */
const SPIN_LIMIT = 5_000

export function* run(node: ShNode, h: ShellHost, io: Io): Run {
  switch (node.t) {
    case 'list': {
      let s = 0
      for (const item of node.items) s = yield* run(item, h, io)
      return s
    }
    case 'and': {
      const s = yield* run(node.left, h, io)
      return s === 0 ? yield* run(node.right, h, io) : s
    }
    case 'or': {
      const s = yield* run(node.left, h, io)
      return s !== 0 ? yield* run(node.right, h, io) : s
    }
    case 'pipe': {
      let stdin = io.stdin
      let s = 0
      for (let i = 0; i < node.cmds.length; i++) {
        const last = i === node.cmds.length - 1
        let captured = ''
        const sub: Io = { stdin, out: last ? io.out : (t) => (captured += t), err: io.err }
        s = yield* run(node.cmds[i], h, sub)
        stdin = captured
      }
      return node.negate ? (s === 0 ? 1 : 0) : s
    }
    case 'group':
      return yield* run(node.body, h, io)
    case 'if': {
      for (const b of node.branches) if ((yield* run(b.cond, h, io)) === 0) return yield* run(b.body, h, io)
      return node.otherwise ? yield* run(node.otherwise, h, io) : 0
    }
    case 'while': {
      if (!node.until && isTrue(node.cond) && !canLeave(node.body)) h.forever = true
      let s = 0
      for (;;) {
        const c = yield* run(node.cond, h, io)
        if ((c === 0) === node.until) return s
        try {
          s = yield* run(node.body, h, io)
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e
          if (e.n > 1) throw new LoopSignal(e.n - 1, e.cont)
          if (!e.cont) return 0
        }
      }
    }
    case 'for': {
      const items = node.items ? node.items.flatMap((w) => expand(w, h)) : []
      let s = 0
      for (const v of items) {
        h.vars.set(node.name, v)
        try {
          s = yield* run(node.body, h, io)
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e
          if (e.n > 1) throw new LoopSignal(e.n - 1, e.cont)
          if (!e.cont) return 0
        }
      }
      return s
    }
    case 'simple':
      return yield* simple(node, h, io)
  }
}

function isTrue(n: ShNode): boolean {
  const only = n.t === 'list' && n.items.length === 1 ? n.items[0] : n
  return only.t === 'simple' && only.words.length === 1 && (only.words[0] === 'true' || only.words[0] === ':')
}

function* simple(node: Extract<ShNode, { t: 'simple' }>, h: ShellHost, io: Io): Run {
  if (++h.steps > SPIN_LIMIT) throw new SpinSignal()
  const argv = node.words.flatMap((w) => expand(w, h))
  for (const [name, raw] of node.assigns) h.vars.set(name, expand(raw, h, false).join(' '))
  if (argv.length === 0) return (h.status = 0)
  let out = io.out
  let err = io.err
  let stdin = io.stdin
  for (const r of node.redirs) {
    const target = expand(r.target, h, false).join(' ')
    if (r.op === '<') stdin = h.fs.read(target) ?? ''
    else if (r.op === '>&') {
      // `2>&1` sends stderr where stdout goes; `>&2` the other way.
      if (r.fd === 2 && target === '1') err = out
      else if (target === '2') out = err
    } else {
      const append = r.op === '>>'
      if (!append) h.fs.write(target, '', false)
      const sink = (t: string) => h.fs.write(target, t, true)
      if (r.fd === 1) out = sink
      else if (r.fd === 2) err = sink
      else out = err = sink
    }
  }
  const cmd = argv[0]
  if (cmd === 'exit') throw new ExitSignal(argv[1] === undefined ? h.status : Number(argv[1]) & 255)
  if (cmd === 'break' || cmd === 'continue') throw new LoopSignal(Math.max(1, Number(argv[1] ?? 1) || 1), cmd === 'continue')
  if ((cmd === 'sh' || cmd === 'bash' || cmd === 'ash' || cmd === '/bin/sh' || cmd === '/bin/bash') && argv[1] === '-c') {
    return (h.status = yield* runScript(argv[2] ?? '', h, { stdin, out, err }))
  }
  const s = yield* runCommand(argv, h, { stdin, out, err })
  return (h.status = s)
}

/** Parse and run a script; a syntax error is reported like `sh` does (exit 2). */
export function* runScript(script: string, h: ShellHost, io: Io): Run {
  let node: ShNode
  try {
    node = parseScript(script)
  } catch (e) {
    io.err(`sh: ${(e as Error).message}\n`)
    return 2
  }
  try {
    return yield* run(node, h, io)
  } catch (e) {
    if (e instanceof ExitSignal) return e.code
    if (e instanceof LoopSignal) return 0
    throw e
  }
}

// ---- expansion ------------------------------------------------------------------------

/**
 * Expand one word: quotes removed, `$x` `${x}` `${x:-d}` `$?` `$((…))` `$(…)` and backticks
 * substituted; unquoted substitutions are split into fields (no globbing).
 */
export function expand(raw: string, h: ShellHost, split = true): string[] {
  const fields: string[] = []
  let cur = ''
  let has = false
  const addSplit = (text: string) => {
    if (!split) {
      cur += text
      has = true
      return
    }
    const parts = text.split(/[ \t\n]+/)
    for (let k = 0; k < parts.length; k++) {
      if (k > 0 && (has || cur)) {
        fields.push(cur)
        cur = ''
        has = false
      }
      if (parts[k]) {
        cur += parts[k]
        has = true
      }
    }
  }
  let i = 0
  while (i < raw.length) {
    const ch = raw[i]
    if (ch === "'") {
      const end = raw.indexOf("'", i + 1)
      cur += raw.slice(i + 1, end < 0 ? raw.length : end)
      has = true
      i = end < 0 ? raw.length : end + 1
    } else if (ch === '"') {
      has = true
      i++
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === '\\' && '$`"\\\n'.includes(raw[i + 1] ?? '')) {
          cur += raw[i + 1]
          i += 2
        } else if (raw[i] === '$' || raw[i] === '`') {
          const [text, next] = dollar(raw, i, h)
          cur += text
          i = next
        } else cur += raw[i++]
      }
      i++
    } else if (ch === '\\') {
      cur += raw[i + 1] ?? ''
      has = true
      i += 2
    } else if (ch === '$' || ch === '`') {
      const [text, next] = dollar(raw, i, h)
      if (next === i + 1 && text === '$') {
        cur += '$'
        has = true
      } else addSplit(text)
      i = next
    } else {
      cur += ch
      has = true
      i++
    }
  }
  if (has || cur) fields.push(cur)
  return fields
}

/** One `$…` or backtick substitution at `i`: its text and the index after it. */
function dollar(raw: string, i: number, h: ShellHost): [string, number] {
  if (raw[i] === '`') {
    const end = raw.indexOf('`', i + 1)
    const stop = end < 0 ? raw.length : end
    return [substitute(raw.slice(i + 1, stop), h), stop + 1]
  }
  const next = raw[i + 1]
  if (next === '(' && raw[i + 2] === '(') {
    const end = scanBalanced(raw, i + 1)
    return [String(arith(raw.slice(i + 3, end - 2), (n) => h.vars.get(n))), end]
  }
  if (next === '(') {
    const end = scanBalanced(raw, i + 1)
    return [substitute(raw.slice(i + 2, end - 1), h), end]
  }
  if (next === '{') {
    const end = scanBalanced(raw, i + 1)
    const inner = raw.slice(i + 2, end - 1)
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])(?::?([-=+])(.*))?$/.exec(inner)
    if (!m) return ['', end]
    const v = special(m[1], h)
    if (m[2] === '-' || m[2] === '=') {
      if (v) return [v, end]
      const d = expand(m[3] ?? '', h, false).join(' ')
      if (m[2] === '=') h.vars.set(m[1], d)
      return [d, end]
    }
    if (m[2] === '+') return [v ? expand(m[3] ?? '', h, false).join(' ') : '', end]
    return [v, end]
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(raw.slice(i + 1))
  if (!m) return ['$', i + 1]
  return [special(m[1], h), i + 1 + m[1].length]
}

function special(name: string, h: ShellHost): string {
  if (name === '?') return String(h.status)
  if (name === '$') return '1'
  if (name === '#') return '0'
  if (name === '0') return 'sh'
  return h.vars.get(name) ?? ''
}

/** `$(cmd)`: run it to completion now (a sleep inside does not move the clock) and capture stdout. */
function substitute(script: string, h: ShellHost): string {
  let out = ''
  const g = runScript(script, h, { stdin: '', out: (t) => (out += t), err: () => {} })
  for (let r = g.next(); !r.done; r = g.next()) {
    // sleeping inside a substitution is not modelled
  }
  return out.replace(/\n+$/, '')
}
