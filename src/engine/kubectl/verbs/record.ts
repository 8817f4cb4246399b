import type { KObject } from '../../api/types'
import { GLOBAL_FLAGS, type CommandContext } from '../command'
import type { FlagDef } from '../flags'

/**
 * kubectl's deprecated `--record` (cli-runtime `RecordFlags`): the command line is stored in
 * the `kubernetes.io/change-cause` annotation, which `rollout history` shows. The text is
 * `parseCommandArguments`: the command path, the arguments, then every flag that was set as
 * ` --name=value` in flag-name order — e.g.
 * `kubectl set image deployment/web nginx=nginx:1.28 --record=true`.
 */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause'

export const RECORD_FLAG: FlagDef = { name: 'record', type: 'bool', usage: 'Record current kubectl command in the resource annotation. (deprecated)' }

/** The change-cause text, or undefined when `--record` was not given. Warns as pflag does. */
export function changeCause(ctx: CommandContext, commandPath: string, args: string[], flags: FlagDef[]): string | undefined {
  if (!ctx.flags.changed('record')) return undefined
  ctx.out.err('Flag --record has been deprecated, --record will be removed in the future\n')
  if (!ctx.flags.bool('record')) return undefined
  const defs = [...flags, ...GLOBAL_FLAGS].filter((d) => ctx.flags.changed(d.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  let text = commandPath
  if (args.length) text += ' ' + args.join(' ')
  for (const d of defs) text += ` --${d.name}=${flagValue(ctx, d)}`
  return text
}

/** pflag `Value.String()` per type. */
function flagValue(ctx: CommandContext, d: FlagDef): string {
  switch (d.type) {
    case 'bool':
      return String(ctx.flags.bool(d.name))
    case 'int':
      return String(ctx.flags.int(d.name))
    case 'stringSlice':
    case 'stringArray':
      return `[${ctx.flags.strings(d.name).join(',')}]`
    default:
      return ctx.flags.string(d.name)
  }
}

/** `Recorder.Record`: set the annotation on a copy. */
export function withChangeCause<T extends KObject>(o: T, cause: string | undefined): T {
  if (cause === undefined) return o
  return { ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause } } }
}
