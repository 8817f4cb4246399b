import { describe, expect, it } from 'vitest'
import { FlagError, parseFlags, parseGoDuration, type FlagDef } from './flags'
import { splitLine, ShellSyntaxError } from './argv'

const DEFS: FlagDef[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'replicas', type: 'int', default: -1 },
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background' },
  { name: 'timeout', type: 'duration' },
]

const parse = (...argv: string[]) => parseFlags(DEFS, argv)
const err = (...argv: string[]) => {
  try {
    parse(...argv)
  } catch (e) {
    return e instanceof FlagError ? e.message : `not a FlagError: ${e}`
  }
  return 'no error'
}

describe('parseFlags (pflag grammar)', () => {
  it.each([
    [['get', 'pods', '-n', 'kube-system'], 'kube-system'],
    [['-n', 'kube-system', 'get', 'pods'], 'kube-system'],
    [['get', 'pods', '-nkube-system'], 'kube-system'],
    [['get', 'pods', '-n=kube-system'], 'kube-system'],
    [['get', 'pods', '--namespace=kube-system'], 'kube-system'],
    [['get', '--namespace', 'kube-system', 'pods'], 'kube-system'],
  ])('%j → namespace %s, args get pods', (argv, ns) => {
    const { args, flags } = parse(...argv)
    expect(args).toEqual(['get', 'pods'])
    expect(flags.string('namespace')).toBe(ns)
    expect(flags.changed('namespace')).toBe(true)
  })

  it('bool flags take no separate value and combine as shorthands', () => {
    const { args, flags } = parse('get', '-Aw', 'pods', '--all-namespaces=false')
    expect(args).toEqual(['get', 'pods'])
    expect(flags.bool('watch')).toBe(true)
    expect(flags.bool('all-namespaces')).toBe(false)
    expect(parse('-A', 'false').args).toEqual(['false'])
  })

  it('attached shorthand values (-owide) and -- ending the flags', () => {
    const { args, flags } = parse('get', 'pods', '-owide', '--', '-n', 'x')
    expect(flags.string('output')).toBe('wide')
    expect(args).toEqual(['get', 'pods', '-n', 'x'])
    expect(flags.changed('namespace')).toBe(false)
  })

  it('int, stringSlice, NoOptDefVal and duration values', () => {
    const { flags } = parse('--replicas', '3', '-f', 'a.yaml,b.yaml', '-f', '-', '--cascade', '--timeout=1m30s')
    expect(flags.int('replicas')).toBe(3)
    expect(flags.strings('filename')).toEqual(['a.yaml', 'b.yaml', '-'])
    expect(flags.string('cascade')).toBe('background')
    expect(flags.duration('timeout')).toBe(90_000)
    expect(parse().flags.int('replicas')).toBe(-1)
    expect(parse('-f', '-').args).toEqual([])
  })

  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['--foo=bar'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-Az'], "unknown shorthand flag: 'z' in -z"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--replicas=x'], 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [['--replicas', '99999999999999999999'], 'invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    [['-A=maybe'], 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [['--timeout=soon'], 'invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"'],
    [['---x'], 'bad flag syntax: ---x'],
  ])('%j → %s', (argv, message) => expect(err(...argv)).toBe(message))

  it('parseGoDuration', () => {
    expect(parseGoDuration('0')).toBe(0)
    expect(parseGoDuration('500ms')).toBe(500)
    expect(parseGoDuration('2h')).toBe(7_200_000)
    expect(parseGoDuration('1.5s')).toBe(1500)
    expect(parseGoDuration('10')).toBeUndefined()
  })
})

describe('splitLine (shell words, no shell operators)', () => {
  it('honours quotes and escapes', () => {
    expect(splitLine(`kubectl get pods -l 'app in (web,api)' --field="a b" c\\ d`)).toEqual(['kubectl', 'get', 'pods', '-l', 'app in (web,api)', '--field=a b', 'c d'])
  })
  it('keeps $ and globs literal', () => {
    expect(splitLine('get pods $X *')).toEqual(['get', 'pods', '$X', '*'])
  })
  it.each(['get pods | grep web', 'get pods > out.txt', 'get pods && get nodes', 'get pods; get nodes'])('rejects %s', (line) => {
    expect(() => splitLine(line)).toThrow(ShellSyntaxError)
  })
})
