/**
 * Command-line flags the way kubectl parses them (spf13/pflag, interspersed): flags may come
 * before or after arguments; `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`;
 * bool flags take no separate value (`--all`, `--all=false`, `-A`), and bool shorthands combine
 * (`-Aw`); `--` ends the flags. Errors carry pflag's exact texts:
 *
 *   unknown flag: --foo
 *   unknown shorthand flag: 'z' in -z
 *   flag needs an argument: --namespace        flag needs an argument: 'n' in -n
 *   invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax
 *
 * @example
 *   const { args, flags } = parseFlags([NAMESPACE_FLAG], ['get', 'pods', '-n', 'kube-system'])
 *   flags.string('namespace') // 'kube-system'
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'duration'

export interface FlagDef {
  name: string
  short?: string
  type: FlagType
  default?: boolean | string | number | string[]
  /** pflag NoOptDefVal: the value used when the flag is given without one (`--cascade`, `--dry-run`). */
  noOptDefVal?: string
  usage?: string
}

export class FlagError extends Error {
  override name = 'FlagError'
  constructor(
    message: string,
    /** For `unknown flag` errors: the flag as typed (`{ long: 'prune' }`, `{ short: 'k' }`). */
    readonly unknown?: { long?: string; short?: string },
  ) {
    super(message)
  }
}

export class Flags {
  constructor(
    private readonly values: Map<string, unknown>,
    private readonly changedSet: Set<string>,
    // workloads: where `--` stood among the arguments (cobra's ArgsLenAtDash), -1 without one.
    private readonly dashAt = -1,
  ) {}

  /** cobra `ArgsLenAtDash`: how many arguments came before `--`, or -1 when there was none. */
  argsLenAtDash(): number {
    return this.dashAt
  }

  /** Was the flag given on the command line (pflag `Changed`)? */
  changed(name: string): boolean {
    return this.changedSet.has(name)
  }
  bool(name: string): boolean {
    return this.values.get(name) === true
  }
  string(name: string): string {
    const v = this.values.get(name)
    return typeof v === 'string' ? v : ''
  }
  int(name: string): number {
    const v = this.values.get(name)
    return typeof v === 'number' ? v : 0
  }
  strings(name: string): string[] {
    const v = this.values.get(name)
    return Array.isArray(v) ? v : []
  }
  /** Durations in milliseconds. */
  duration(name: string): number {
    return this.int(name)
  }
}

export function parseFlags(defs: readonly FlagDef[], argv: readonly string[]): { args: string[]; flags: Flags } {
  const byName = new Map<string, FlagDef>()
  const byShort = new Map<string, FlagDef>()
  for (const d of defs) {
    byName.set(d.name, d)
    if (d.short) byShort.set(d.short, d)
  }
  const values = new Map<string, unknown>()
  for (const d of defs) values.set(d.name, d.default ?? defaultFor(d.type))
  const changed = new Set<string>()
  const set = (d: FlagDef, value: string) => {
    values.set(d.name, convert(d, value, values.get(d.name), changed.has(d.name)))
    changed.add(d.name)
  }

  const args: string[] = []
  let dashAt = -1 // workloads
  const rest = [...argv]
  while (rest.length > 0) {
    const s = rest.shift()!
    if (s.length < 2 || s[0] !== '-') {
      args.push(s)
      continue
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        dashAt = args.length // workloads
        args.push(...rest.splice(0))
        break
      }
      const body = s.slice(2)
      if (body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`)
      const eq = body.indexOf('=')
      const name = eq >= 0 ? body.slice(0, eq) : body
      const d = byName.get(name)
      if (!d) throw new FlagError(`unknown flag: --${name}`, { long: name })
      if (eq >= 0) set(d, body.slice(eq + 1))
      else if (noOpt(d) !== undefined) set(d, noOpt(d)!)
      else if (rest.length > 0) set(d, rest.shift()!)
      else throw new FlagError(`flag needs an argument: ${s}`)
      continue
    }
    let shorts = s.slice(1)
    while (shorts.length > 0) {
      const c = shorts[0]
      const d = byShort.get(c)
      if (!d) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`, { short: c })
      if (shorts.length > 2 && shorts[1] === '=') {
        set(d, shorts.slice(2))
        shorts = ''
      } else if (noOpt(d) !== undefined) {
        set(d, noOpt(d)!)
        shorts = shorts.slice(1)
      } else if (shorts.length > 1) {
        set(d, shorts.slice(1))
        shorts = ''
      } else if (rest.length > 0) {
        set(d, rest.shift()!)
        shorts = ''
      } else throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`)
    }
  }
  return { args, flags: new Flags(values, changed, dashAt) }
}

function noOpt(d: FlagDef): string | undefined {
  return d.noOptDefVal ?? (d.type === 'bool' ? 'true' : undefined)
}

function defaultFor(t: FlagType): unknown {
  if (t === 'bool') return false
  if (t === 'int' || t === 'duration') return 0
  if (t === 'stringSlice' || t === 'stringArray') return []
  return ''
}

function convert(d: FlagDef, value: string, prev: unknown, wasChanged: boolean): unknown {
  const fail = (why: string): never => {
    const flagName = d.short ? `-${d.short}, --${d.name}` : `--${d.name}`
    throw new FlagError(`invalid argument "${value}" for "${flagName}" flag: ${why}`)
  }
  switch (d.type) {
    case 'bool': {
      if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true
      if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false
      return fail(`strconv.ParseBool: parsing "${value}": invalid syntax`)
    }
    case 'int': {
      const n = parseGoInt(value)
      if (n === 'syntax') return fail(`strconv.ParseInt: parsing "${value}": invalid syntax`)
      if (n === 'range') return fail(`strconv.ParseInt: parsing "${value}": value out of range`)
      return n
    }
    case 'duration': {
      const ms = parseGoDuration(value)
      return ms === undefined ? fail(`time: invalid duration "${value}"`) : ms
    }
    case 'stringSlice': {
      // pflag's stringSlice replaces its default on first use, then appends; values are CSV.
      const parts = value === '' ? [] : value.split(',')
      return wasChanged ? [...(prev as string[]), ...parts] : parts
    }
    case 'stringArray':
      return wasChanged ? [...(prev as string[]), value] : [value]
    default:
      return value
  }
}

/** strconv.ParseInt(s, 0, 64) for the forms people type (decimal, 0x, 0o, 0b, leading-0 octal). */
function parseGoInt(s: string): number | 'syntax' | 'range' {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s)
  if (!m) return 'syntax'
  const body = m[2]
  let big: bigint
  if (/^0[oO]/.test(body)) big = BigInt('0o' + body.slice(2))
  else if (/^0[0-7]+$/.test(body)) big = BigInt('0o' + body.slice(1))
  else big = BigInt(body)
  if (m[1] === '-') big = -big
  if (big > 2n ** 63n - 1n || big < -(2n ** 63n)) return 'range'
  return Number(big)
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** time.ParseDuration, in milliseconds (`1m30s` → 90000, `0` → 0). */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0
  const m = /^([+-]?)((?:[0-9]*\.?[0-9]+(?:ns|us|µs|ms|s|m|h))+)$/.exec(s)
  if (!m) return undefined
  let total = 0
  for (const part of m[2].matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNITS[part[2]]
  return m[1] === '-' ? -total : total
}
