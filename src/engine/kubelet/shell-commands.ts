import { VIRTUAL_EPOCH_MS, utcDate } from '../clock'
import type { Io, Run, ShellHost } from './shell-run'
import { arith } from './shell-arith'
import { normalise } from './container-fs'

/**
 * The commands the simulated shell knows, with busybox's or GNU coreutils' messages.
 * Anything else succeeds silently (documented in `container-behaviour.ts`): the playground
 * has no binaries, and a typo should not look like a Kubernetes failure.
 */

/** Binaries that turn the process into a server listening until it is stopped. */
export const SERVER_BINARIES = new Set(['nginx', 'httpd', 'httpd-foreground', 'apache2-foreground', 'redis-server', 'docker-entrypoint.sh', 'agnhost', 'etcd'])

const base = (cmd: string) => cmd.slice(cmd.lastIndexOf('/') + 1)

export function* runCommand(argv: string[], h: ShellHost, io: Io): Run {
  const name = base(argv[0])
  const args = argv.slice(1)
  const bb = h.flavour === 'busybox'
  switch (name) {
    case 'true':
    case ':':
      return 0
    case 'false':
      return 1
    case 'sleep': {
      let ms = 0
      for (const a of args) {
        if (/^inf(inity)?$/.test(a)) {
          h.forever = true
          yield Infinity
          return 0
        }
        const v = parseSleep(a)
        if (v === undefined) {
          io.err(bb ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`)
          return 1
        }
        ms += v
      }
      if (ms > 0) yield ms
      return 0
    }
    case 'echo': {
      let i = 0
      let newline = true
      let escapes = !bb
      while (args[i] === '-n' || args[i] === '-e' || args[i] === '-ne' || args[i] === '-en') {
        if (args[i].includes('n')) newline = false
        if (args[i].includes('e')) escapes = true
        i++
      }
      const text = args.slice(i).join(' ')
      io.out((escapes ? unescape(text) : text) + (newline ? '\n' : ''))
      return 0
    }
    case 'printf': {
      io.out(printf(args[0] ?? '', args.slice(1)))
      return 0
    }
    case 'cat': {
      if (args.length === 0) {
        io.out(io.stdin)
        return 0
      }
      let s = 0
      for (const f of args.filter((a) => a !== '-')) {
        const c = h.fs.read(f)
        if (c !== undefined) io.out(c)
        else if (h.fs.isDir(f)) {
          io.err(bb ? `cat: read error: Is a directory\n` : `cat: ${f}: Is a directory\n`)
          s = 1
        } else {
          io.err(bb ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`)
          s = 1
        }
      }
      return s
    }
    case 'touch':
      for (const f of args.filter((a) => !a.startsWith('-'))) if (h.fs.read(f) === undefined) h.fs.write(f, '', false)
      return 0
    case 'rm': {
      const force = args.some((a) => /^-[a-zA-Z]*f/.test(a))
      let s = 0
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        if (h.fs.remove(f) || force) continue
        io.err(bb ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`)
        s = 1
      }
      return s
    }
    case 'mkdir':
      for (const d of args.filter((a) => !a.startsWith('-'))) h.fs.mkdir(d)
      return 0
    case 'ls': {
      const paths = args.filter((a) => !a.startsWith('-'))
      let s = 0
      for (const p of paths.length ? paths : ['.']) {
        if (h.fs.read(p) !== undefined || h.fs.isDir(p)) io.out(`${p}\n`)
        else {
          io.err(bb ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`)
          s = bb ? 1 : 2
        }
      }
      return s
    }
    case 'test':
      return test(args, h) ? 0 : 1
    case '[':
      return test(args[args.length - 1] === ']' ? args.slice(0, -1) : args, h) ? 0 : 2
    case 'date': {
      const fmt = args.find((a) => a.startsWith('+'))
      io.out(formatDate(h.now(), fmt?.slice(1)) + '\n')
      return 0
    }
    case 'hostname':
      io.out(h.hostname + '\n')
      return 0
    case 'env':
    case 'printenv': {
      if (args[0]) {
        const v = h.vars.get(args[0])
        if (v === undefined) return 1
        io.out(v + '\n')
        return 0
      }
      io.out([...h.vars].map(([k, v]) => `${k}=${v}\n`).join(''))
      return 0
    }
    case 'export':
      for (const a of args) {
        const eq = a.indexOf('=')
        if (eq > 0) h.vars.set(a.slice(0, eq), a.slice(eq + 1))
      }
      return 0
    case 'unset':
      for (const a of args) h.vars.delete(a)
      return 0
    case 'expr': {
      const v = arith(args.join(' ').replace(/\\\*/g, '*'), (n) => h.vars.get(n))
      io.out(`${v}\n`)
      return v === 0 ? 1 : 0
    }
    case 'wc': {
      const text = args.filter((a) => !a.startsWith('-')).map((f) => h.fs.read(f) ?? '').join('') || io.stdin
      io.out(`${text.split('\n').length - (text.endsWith('\n') ? 1 : 0)}\n`)
      return 0
    }
    case 'grep': {
      const quiet = args.includes('-q')
      const rest = args.filter((a) => !a.startsWith('-'))
      const pattern = rest[0] ?? ''
      const text = rest.length > 1 ? rest.slice(1).map((f) => h.fs.read(f) ?? '').join('') : io.stdin
      const lines = text.split('\n').filter((l) => l.includes(pattern))
      if (!quiet) io.out(lines.map((l) => l + '\n').join(''))
      return lines.length ? 0 : 1
    }
    case 'head':
    case 'tail': {
      if (name === 'tail' && args.some((a) => a === '-f' || a === '-F')) {
        h.forever = true
        yield Infinity
        return 0
      }
      const n = Number(args[args.indexOf('-n') + 1]) || 10
      const files = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-n')
      const lines = (files.length ? files.map((f) => h.fs.read(f) ?? '').join('') : io.stdin).split('\n')
      if (lines[lines.length - 1] === '') lines.pop()
      io.out((name === 'head' ? lines.slice(0, n) : lines.slice(-n)).map((l) => l + '\n').join(''))
      return 0
    }
    case 'tee': {
      const append = args.includes('-a')
      for (const f of args.filter((a) => !a.startsWith('-'))) h.fs.write(f, io.stdin, append)
      io.out(io.stdin)
      return 0
    }
    case 'nc':
    case 'netcat':
      if (args.some((a) => /^-[a-z]*l/.test(a))) return yield* serve(argv, h)
      return 0
    default:
      if (SERVER_BINARIES.has(name)) return yield* serve(argv, h)
      return 0
  }
}

function* serve(argv: string[], h: ShellHost): Run {
  h.serve(base(argv[0]), argv)
  h.forever = true
  yield Infinity
  return 0
}

/** `sleep 10`, `sleep 1.5`, `sleep 2m` (busybox and GNU accept s/m/h/d suffixes). */
export function parseSleep(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg)
  if (!m) return undefined
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd']
  return Math.round(Number(m[1]) * unit)
}

function unescape(s: string): string {
  return s.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c)
}

function printf(fmt: string, args: string[]): string {
  let out = ''
  let k = 0
  do {
    out += unescape(fmt).replace(/%([sd%])/g, (_, c: string) => (c === '%' ? '%' : c === 'd' ? String(Number.parseInt(args[k++] ?? '0', 10) || 0) : (args[k++] ?? '')))
  } while (k < args.length && /%[sd]/.test(fmt))
  return out
}

/** `test` / `[`: file tests, string and integer comparisons, `!`. */
function test(a: string[], h: ShellHost): boolean {
  if (a[0] === '!') return !test(a.slice(1), h)
  if (a.length === 0) return false
  if (a.length === 1) return a[0] !== ''
  if (a.length === 2) {
    const [op, v] = a
    switch (op) {
      case '-f': return h.fs.read(v) !== undefined && normalise(v) !== '/dev/null'
      case '-e': return h.fs.exists(v)
      case '-d': return h.fs.isDir(v)
      case '-s': return (h.fs.read(v) ?? '').length > 0
      case '-r': case '-w': case '-x': return h.fs.exists(v)
      case '-z': return v === ''
      case '-n': return v !== ''
      default: return false
    }
  }
  const [l, op, r] = a
  const n = (x: string) => Number.parseInt(x, 10) || 0
  switch (op) {
    case '=': case '==': return l === r
    case '!=': return l !== r
    case '-eq': return n(l) === n(r)
    case '-ne': return n(l) !== n(r)
    case '-lt': return n(l) < n(r)
    case '-le': return n(l) <= n(r)
    case '-gt': return n(l) > n(r)
    case '-ge': return n(l) >= n(r)
    default: return false
  }
}

/** `date`'s default format (busybox and GNU in the C locale): `Thu Jan  1 00:00:05 UTC 2026`. */
export function formatDate(ms: number, format = '%a %b %e %H:%M:%S %Z %Y'): string {
  const d = utcDate(VIRTUAL_EPOCH_MS + ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return format.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'a': return days[d.getUTCDay()]
      case 'b': return months[d.getUTCMonth()]
      case 'e': return String(d.getUTCDate()).padStart(2, ' ')
      case 'd': return pad(d.getUTCDate())
      case 'm': return pad(d.getUTCMonth() + 1)
      case 'Y': return String(d.getUTCFullYear())
      case 'H': return pad(d.getUTCHours())
      case 'M': return pad(d.getUTCMinutes())
      case 'S': return pad(d.getUTCSeconds())
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
      case 's': return String(Math.floor((VIRTUAL_EPOCH_MS + ms) / 1000))
      case 'Z': return 'UTC'
      case 'z': return '+0000'
      case '%': return '%'
      default: return '%' + c
    }
  })
}
