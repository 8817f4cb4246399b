/**
 * The tiny POSIX-ish shell the simulated busybox/alpine containers run (see the model in
 * `container-behaviour.ts`): a tokenizer and a recursive-descent parser into a small AST.
 * Execution lives in `shell-run.ts`. Words keep their raw text (quotes, `$x`, `$(…)`) and are
 * expanded when they run, because variables change while a loop runs (`i=$((i+1))`).
 *
 * Grammar (a subset of POSIX `sh`):
 *   list     := andor ((';' | '&' | NEWLINE) andor)*
 *   andor    := pipeline (('&&' | '||') pipeline)*
 *   pipeline := ['!'] command ('|' command)*
 *   command  := while/until list do list done | for NAME [in words] do list done
 *             | if list then list [elif list then list]* [else list] fi
 *             | '{' list '}' | '(' list ')' | simple
 *   simple   := (NAME=word)* word* (redirect word)*
 */

export type Redir = { fd: number; op: '>' | '>>' | '<' | '>&'; target: string }

export type ShNode =
  | { t: 'list'; items: ShNode[] }
  | { t: 'and' | 'or'; left: ShNode; right: ShNode }
  | { t: 'pipe'; cmds: ShNode[]; negate: boolean }
  | { t: 'simple'; assigns: [string, string][]; words: string[]; redirs: Redir[] }
  | { t: 'while'; until: boolean; cond: ShNode; body: ShNode }
  | { t: 'for'; name: string; items: string[] | undefined; body: ShNode }
  | { t: 'if'; branches: { cond: ShNode; body: ShNode }[]; otherwise?: ShNode }
  | { t: 'group'; body: ShNode }

type Tok = { k: 'word'; v: string } | { k: 'op'; v: string } | { k: 'redir'; r: Omit<Redir, 'target'> }

export class ShellSyntaxError extends Error {}

const OP_CHARS = new Set([';', '&', '|', '<', '>', '(', ')', '\n'])

/** Split a script into words, operators and redirections; quotes and `$(…)` stay inside words. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const ch = src[i]
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++
      continue
    }
    if (ch === '\\' && src[i + 1] === '\n') {
      i += 2
      continue
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++
      continue
    }
    if (OP_CHARS.has(ch)) {
      const two = src.slice(i, i + 2)
      if (two === '&&' || two === '||' || two === ';;') {
        out.push({ k: 'op', v: two })
        i += 2
      } else if (ch === '>' || ch === '<') {
        i = readRedir(src, i, 1, out)
      } else if (ch === '&' && src[i + 1] === '>') {
        // `&>file`: stdout and stderr to a file
        out.push({ k: 'redir', r: { fd: 3, op: '>' } })
        i += 2
      } else {
        out.push({ k: 'op', v: ch })
        i++
      }
      continue
    }
    // A word; `2>` style redirections start with digits.
    const m = /^(\d)[<>]/.exec(src.slice(i, i + 2))
    if (m) {
      i = readRedir(src, i + 1, Number(m[1]), out)
      continue
    }
    const start = i
    i = scanWord(src, i)
    out.push({ k: 'word', v: src.slice(start, i) })
  }
  return out
}

function readRedir(src: string, i: number, fd: number, out: Tok[]): number {
  const ch = src[i]
  if (ch === '<') {
    out.push({ k: 'redir', r: { fd: 0, op: '<' } })
    return i + 1
  }
  if (src[i + 1] === '>') {
    out.push({ k: 'redir', r: { fd, op: '>>' } })
    return i + 2
  }
  if (src[i + 1] === '&') {
    out.push({ k: 'redir', r: { fd, op: '>&' } })
    return i + 2
  }
  out.push({ k: 'redir', r: { fd, op: '>' } })
  return i + 1
}

/** The end of a word starting at `i`: quotes, escapes, `$(…)`, `${…}` and backticks nest. */
function scanWord(src: string, i: number): number {
  while (i < src.length) {
    const ch = src[i]
    if (ch === ' ' || ch === '\t' || ch === '\r' || OP_CHARS.has(ch)) return i
    if (ch === '\\') i += 2
    else if (ch === "'") {
      const end = src.indexOf("'", i + 1)
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string')
      i = end + 1
    } else if (ch === '"') i = scanDouble(src, i + 1)
    else if (ch === '`') {
      const end = src.indexOf('`', i + 1)
      if (end < 0) throw new ShellSyntaxError('unterminated backquote')
      i = end + 1
    } else if (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{')) i = scanBalanced(src, i + 1)
    else i++
  }
  return i
}

function scanDouble(src: string, i: number): number {
  while (i < src.length) {
    const ch = src[i]
    if (ch === '\\') i += 2
    else if (ch === '"') return i + 1
    else if (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{')) i = scanBalanced(src, i + 1)
    else i++
  }
  throw new ShellSyntaxError('unterminated quoted string')
}

/** From an opening `(` or `{`, the index after its match (quotes inside are skipped). */
export function scanBalanced(src: string, i: number): number {
  const open = src[i]
  const close = open === '(' ? ')' : '}'
  let depth = 0
  while (i < src.length) {
    const ch = src[i]
    if (ch === "'" ) {
      const end = src.indexOf("'", i + 1)
      i = end < 0 ? src.length : end + 1
      continue
    }
    if (ch === '"') {
      i = scanDouble(src, i + 1)
      continue
    }
    if (ch === '\\') {
      i += 2
      continue
    }
    if (ch === open) depth++
    else if (ch === close && --depth === 0) return i + 1
    i++
  }
  throw new ShellSyntaxError(`missing '${close}'`)
}

const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', '}', 'in'])

/** Parse a script. Throws `ShellSyntaxError` (the caller reports it like `sh` would, exit 2). */
export function parseScript(src: string): ShNode {
  const p = new Parser(tokenize(src))
  const node = p.list(new Set())
  if (!p.eof()) throw new ShellSyntaxError(`syntax error: unexpected "${p.peekText()}"`)
  return node
}

class Parser {
  private i = 0
  constructor(private readonly toks: Tok[]) {}

  eof(): boolean {
    return this.i >= this.toks.length
  }

  peekText(): string {
    const t = this.toks[this.i]
    return !t ? 'end of file' : t.k === 'redir' ? '>' : t.v
  }

  private isWord(v: string): boolean {
    const t = this.toks[this.i]
    return t?.k === 'word' && t.v === v
  }

  private isOp(v: string): boolean {
    const t = this.toks[this.i]
    return t?.k === 'op' && t.v === v
  }

  private expectWord(v: string): void {
    this.skipNewlines()
    if (!this.isWord(v)) throw new ShellSyntaxError(`syntax error: unexpected "${this.peekText()}" (expecting "${v}")`)
    this.i++
  }

  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.i++
  }

  /** A list, stopping before any of the `stop` words (or `)`). */
  list(stop: Set<string>): ShNode {
    const items: ShNode[] = []
    for (;;) {
      this.skipNewlines()
      const t = this.toks[this.i]
      if (!t || (t.k === 'word' && (stop.has(t.v) || t.v === '}')) || (t.k === 'op' && t.v === ')')) break
      items.push(this.andor())
      if (this.isOp(';') || this.isOp('&') || this.isOp('\n') || this.isOp(';;')) this.i++
      else break
    }
    return { t: 'list', items }
  }

  private andor(): ShNode {
    let left = this.pipeline()
    for (;;) {
      if (this.isOp('&&') || this.isOp('||')) {
        const t = (this.toks[this.i++] as { v: string }).v === '&&' ? 'and' : 'or'
        while (this.isOp('\n')) this.i++
        left = { t, left, right: this.pipeline() }
      } else return left
    }
  }

  private pipeline(): ShNode {
    let negate = false
    if (this.isWord('!')) {
      negate = true
      this.i++
    }
    const cmds = [this.command()]
    while (this.isOp('|')) {
      this.i++
      while (this.isOp('\n')) this.i++
      cmds.push(this.command())
    }
    return cmds.length === 1 && !negate ? cmds[0] : { t: 'pipe', cmds, negate }
  }

  private command(): ShNode {
    const t = this.toks[this.i]
    if (!t) throw new ShellSyntaxError('syntax error: unexpected end of file')
    if (t.k === 'op' && t.v === '(') {
      this.i++
      const body = this.list(new Set())
      if (!this.isOp(')')) throw new ShellSyntaxError('syntax error: missing ")"')
      this.i++
      return { t: 'group', body }
    }
    if (t.k === 'word') {
      if (t.v === '{') {
        this.i++
        const body = this.list(new Set())
        this.expectWord('}')
        return { t: 'group', body }
      }
      if (t.v === 'while' || t.v === 'until') {
        this.i++
        const cond = this.list(new Set(['do']))
        this.expectWord('do')
        const body = this.list(new Set(['done']))
        this.expectWord('done')
        return { t: 'while', until: t.v === 'until', cond, body }
      }
      if (t.v === 'for') {
        this.i++
        const name = this.toks[this.i++]
        if (name?.k !== 'word') throw new ShellSyntaxError('syntax error: bad for loop variable')
        let items: string[] | undefined
        while (this.isOp('\n')) this.i++
        if (this.isWord('in')) {
          this.i++
          items = []
          while (this.toks[this.i]?.k === 'word' && !this.isWord('do')) items.push((this.toks[this.i++] as { v: string }).v)
        }
        this.expectWord('do')
        const body = this.list(new Set(['done']))
        this.expectWord('done')
        return { t: 'for', name: name.v, items, body }
      }
      if (t.v === 'if') {
        this.i++
        const branches: { cond: ShNode; body: ShNode }[] = []
        let otherwise: ShNode | undefined
        for (;;) {
          const cond = this.list(new Set(['then']))
          this.expectWord('then')
          const body = this.list(new Set(['elif', 'else', 'fi']))
          branches.push({ cond, body })
          this.skipNewlines()
          if (this.isWord('elif')) {
            this.i++
            continue
          }
          if (this.isWord('else')) {
            this.i++
            otherwise = this.list(new Set(['fi']))
          }
          this.expectWord('fi')
          return { t: 'if', branches, otherwise }
        }
      }
      if (RESERVED.has(t.v)) throw new ShellSyntaxError(`syntax error: unexpected "${t.v}"`)
    }
    return this.simple()
  }

  private simple(): ShNode {
    const assigns: [string, string][] = []
    const words: string[] = []
    const redirs: Redir[] = []
    for (;;) {
      const t = this.toks[this.i]
      if (!t || t.k === 'op') break
      if (t.k === 'redir') {
        this.i++
        const target = this.toks[this.i]
        if (target?.k !== 'word') throw new ShellSyntaxError('syntax error: unexpected redirection')
        this.i++
        redirs.push({ ...t.r, target: target.v })
        continue
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.v)
      if (m && words.length === 0) assigns.push([m[1], t.v.slice(m[0].length)])
      else words.push(t.v)
      this.i++
    }
    if (!assigns.length && !words.length && !redirs.length) throw new ShellSyntaxError(`syntax error: unexpected "${this.peekText()}"`)
    return { t: 'simple', assigns, words, redirs }
  }
}

/**
 * Whether running `node` inside a loop can ever leave that loop: an `exit` anywhere, or a
 * `break` that is not inside a nested loop. A `while true` whose body cannot leave runs forever.
 */
export function canLeave(node: ShNode, nested = false): boolean {
  switch (node.t) {
    case 'list':
      return node.items.some((n) => canLeave(n, nested))
    case 'and':
    case 'or':
      return canLeave(node.left, nested) || canLeave(node.right, nested)
    case 'pipe':
      return node.cmds.some((n) => canLeave(n, nested))
    case 'simple': {
      const w = node.words[0] ?? ''
      return w === 'exit' || w === 'return' || (w === 'break' && !nested)
    }
    case 'while':
      return canLeave(node.cond, nested) || canLeave(node.body, true)
    case 'for':
      return canLeave(node.body, true)
    case 'if':
      return node.branches.some((b) => canLeave(b.cond, nested) || canLeave(b.body, nested)) || (!!node.otherwise && canLeave(node.otherwise, nested))
    case 'group':
      return canLeave(node.body, nested)
  }
}
