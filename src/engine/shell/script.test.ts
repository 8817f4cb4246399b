import { describe, expect, it } from 'vitest'
import { TEXT_TOOLS } from './builtins'
import { runLine, type Shell } from './script'

const shell = (env: Record<string, string> = {}): Shell => ({
  env: { ...env },
  lookup: (n) => TEXT_TOOLS[n] ?? (n === 'lines' ? () => ({ code: 0, stdout: 'a\nb web\nc\nweb d\n', stderr: '' }) : n === 'oops' ? () => ({ code: 3, stdout: '', stderr: 'oops\n' }) : undefined),
})

describe('runLine', () => {
  it.each([
    ['echo hello world', 0, 'hello world\n', ''],
    ["echo 'a  b' \"c\"", 0, 'a  b c\n', ''],
    ['echo $NAME', 0, 'web\n', ''],
    ['lines | grep web', 0, 'b web\nweb d\n', ''],
    ['lines | grep -v web | wc -l', 0, '2\n', ''],
    ['lines | grep -c zzz', 1, '0\n', ''],
    ['lines | head -n 1; lines | tail -1', 0, 'a\nweb d\n', ''],
    ['lines | grep -E "^(a|c)$"', 0, 'a\nc\n', ''],
    ['oops && echo no', 3, '', 'oops\n'],
    ['oops || echo yes', 0, 'yes\n', 'oops\n'],
    ['oops 2>/dev/null; echo after', 0, 'after\n', ''],
    ['oops 2>&1 | wc -l', 0, '1\n', ''],
    ['echo hidden > /dev/null', 0, '', ''],
    ['nope', 127, '', 'sh: nope: not found\n'],
    ["sh -c 'echo $NAME; false'", 1, 'web\n', ''],
    ['X=1 echo ok # a comment', 0, 'ok\n', ''],
    ['echo $(hostname)', 2, '', 'sh: command substitution and subshells are not supported in the playground\n'],
    ['echo one; echo > /etc/x', 1, '', "sh: can't create /etc/x: Read-only file system\n"],
    ['sleep 5 && echo slept', 0, 'slept\n', ''],
    ['sleep later', 1, '', "sleep: invalid time interval 'later'\n"],
  ])('%s', (line, code, stdout, stderr) => {
    expect(runLine(line, shell({ NAME: 'web' }))).toEqual({ code, stdout, stderr })
  })
})
