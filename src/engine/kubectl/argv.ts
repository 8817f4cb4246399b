import { ExitError } from './errors'

/**
 * Split a typed command line into words the way bash does for a simple command: blanks
 * separate words; `'…'` is literal; in `"…"` a backslash escapes only `$`, `` ` ``, `"`, `\`
 * and newline; outside quotes a backslash escapes the next character (a trailing one stays);
 * `#` starts a comment only at the start of a word; `$VARS` stay literal (kubectl lines carry
 * none). The playground runs kubectl directly, not through a shell, so pipes, redirections and
 * command lists are refused with a clear message instead of being misread.
 *
 * An unterminated quote is bash's syntax error, as interactive bash prints it when the input
 * ends at the continuation prompt (`bash -c` adds `-c: line 1: `), exit status 2:
 *
 *   bash: unexpected EOF while looking for matching `"'
 *
 * @example
 *   splitLine(`kubectl get pods -l 'app in (web,api)'`) // ['kubectl','get','pods','-l','app in (web,api)']
 */
export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError'
}

/** Control operators, longest first (bash `shell_meta_chars` that end a simple command). */
const OPERATORS = ['||', '&&', ';;', '|&', '>>', '<<', '>&', '<&', '&>', '|', '&', ';', '<', '>', '(', ')']
const BLANK = /[ \t\n\r]/

export function splitLine(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false // a word has started (so `""` is an empty word, and `#` is literal)
  let i = 0
  const end = () => {
    if (inWord) words.push(word)
    word = ''
    inWord = false
  }
  while (i < line.length) {
    const c = line[i]
    if (BLANK.test(c)) {
      end()
      i++
    } else if (c === '#' && !inWord) {
      break
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1)
      if (close < 0) throw unexpectedEof("'")
      word += line.slice(i + 1, close)
      inWord = true
      i = close + 1
    } else if (c === '"') {
      i++
      inWord = true
      for (;;) {
        if (i >= line.length) throw unexpectedEof('"')
        const d = line[i]
        if (d === '"') break
        if (d === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') word += line[i + 1]
          i += 2
          continue
        }
        word += d
        i++
      }
      i++
    } else if (c === '\\') {
      if (i + 1 >= line.length) word += '\\'
      else if (line[i + 1] !== '\n') word += line[i + 1]
      inWord = inWord || line[i + 1] !== '\n'
      i += 2
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i))
      if (op)
        throw new ShellSyntaxError(
          `the playground's kubectl runs without a shell, so '${op}' (pipes, redirections, command lists) is not supported; run one kubectl command at a time`,
        )
      word += c
      inWord = true
      i++
    }
  }
  end()
  return words
}

function unexpectedEof(quote: string): ExitError {
  return new ExitError(`bash: unexpected EOF while looking for matching \`${quote}'`, 2)
}
