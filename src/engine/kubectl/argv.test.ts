import { describe, expect, it } from 'vitest'
import { splitLine, ShellSyntaxError } from './argv'
import { ExitError } from './errors'
import { kubectlHarness } from './testing'

// Each expectation is what bash 5.2 passes as argv (checked with `printf '[%s]' …`).
describe('splitLine: bash word splitting', () => {
  it.each<[string, string[]]>([
    [`get pods -l 'app=web'`, ['get', 'pods', '-l', 'app=web']],
    [`get pods -l "app=web"`, ['get', 'pods', '-l', 'app=web']],
    [`get pods -l 'app in (web,api)'`, ['get', 'pods', '-l', 'app in (web,api)']],
    [`get pods --selector="app in (a,b)"`, ['get', 'pods', '--selector=app in (a,b)']],
    [`label pod web note='a b'`, ['label', 'pod', 'web', 'note=a b']],
    [`a "x\\"y"`, ['a', 'x"y']],
    [`a "a\\nb" "x\\$y" "q\\\\r"`, ['a', 'a\\nb', 'x$y', 'q\\r']],
    [`a 's\\'`, ['a', 's\\']],
    [`a x\\ y`, ['a', 'x y']],
    [`a \\"x`, ['a', '"x']],
    [`a x\\`, ['a', 'x\\']],
    [`a "" ''`, ['a', '', '']],
    [`a x"y z"w`, ['a', 'xy zw']],
    [`a "it's" 'say "hi"'`, ['a', "it's", 'say "hi"']],
    [`a "$HOME" $X`, ['a', '$HOME', '$X']],
    [`get pods -- --all`, ['get', 'pods', '--', '--all']],
    [`exec web -- sh -c 'echo $((1+2))'`, ['exec', 'web', '--', 'sh', '-c', 'echo $((1+2))']],
    [`a b#c #comment`, ['a', 'b#c']],
    [`  a \t b  `, ['a', 'b']],
    [`get pods -o jsonpath='{.items[*].metadata.name}'`, ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
    [``, []],
  ])('%s', (line, words) => {
    expect(splitLine(line)).toEqual(words)
  })

  it.each([
    [`get pods -l "app=web`, '"'],
    [`get pods -l 'app=web`, "'"],
    [`a "x\\"`, '"'],
    [`a 'it"s`, "'"],
  ])('%s: unterminated quote is bash\'s syntax error, exit 2', (line, quote) => {
    let err: unknown
    try {
      splitLine(line)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ExitError)
    expect((err as ExitError).message).toBe(`bash: unexpected EOF while looking for matching \`${quote}'`)
    expect((err as ExitError).exitCode).toBe(2)
  })

  it.each(['get pods | grep web', 'get pods > out', 'get pods; get rs', 'get pods && echo ok', 'get pods -l app in (a,b)', 'get pods &'])('%s is refused', (line) => {
    expect(() => splitLine(line)).toThrow(ShellSyntaxError)
  })

  it('through runKubectl', () => {
    const h = kubectlHarness()
    expect(h.k('get pods -l "app=web')).toEqual({ code: 2, stdout: '', stderr: 'bash: unexpected EOF while looking for matching `"\'\n' })
  })
})
