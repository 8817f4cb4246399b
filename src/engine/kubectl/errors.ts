import { ApiError } from '../apiserver/errors'
import { fieldErrorString } from '../api/field-errors'

/**
 * Errors and how kubectl prints them (`cmdutil.CheckErr` in kubectl `pkg/cmd/util/helpers.go`):
 *
 * - an API status error → `Error from server (<Reason>): <message>`;
 * - an Invalid status → `The <Kind> "<name>" is invalid: <field>: <detail>` (kubectl rebuilds
 *   this from the status details, so the kind is unqualified: `ReplicaSet`, not `ReplicaSet.apps`),
 *   several causes as a `* ` list;
 * - any other error → `error: <message>`;
 * - several errors (an aggregate) → one line each, without the `error: ` prefix.
 *
 * Exit code 1 for all of them.
 */
export class KubectlError extends Error {
  override name = 'KubectlError'
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/** Errors collected while continuing on error (`ContinueOnError`), reported together at the end. */
export class AggregateErrors extends Error {
  override name = 'AggregateErrors'
  constructor(readonly errors: unknown[]) {
    super(errors.map(messageForError).join('\n'))
  }
}

/** An error whose text is already exactly what kubectl prints (flag errors, usage errors). */
export class PreformattedError extends Error {
  override name = 'PreformattedError'
}

// services & nodes
/**
 * `cmdutil.ErrExit` and `utilexec.ExitError`: the message printed as it is (nothing for an
 * empty one, e.g. after a subcommand's help) and the process's own exit code
 * (`command terminated with exit code 2` exits 2).
 */
export class ExitError extends PreformattedError {
  override name = 'ExitError'
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/** `cmdutil.UsageErrorf`: the message plus `See '<cmd> -h' for help and examples`. */
export function usageError(commandPath: string, message: string): KubectlError {
  return new KubectlError(`${message}\nSee '${commandPath} -h' for help and examples`)
}

/** `AddSourceToErr`: `error when creating "STDIN": <message>` for API errors and plain ones alike. */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (!source) return err
  if (err instanceof ApiError) {
    const wrapped = new ApiError(err.code, err.reason, `error when ${verb} "${source}": ${err.message}`, err.causes)
    ;(wrapped as ApiError & { invalidKind?: string }).invalidKind = (err as ApiError & { invalidKind?: string }).invalidKind ?? invalidKindOf(err)
    return wrapped
  }
  return new KubectlError(`error when ${verb} "${source}": ${err instanceof Error ? err.message : String(err)}`)
}

/** The complete stderr text for an error, newline-terminated, as `CheckErr` prints it. */
export function formatError(err: unknown): string {
  if (err instanceof AggregateErrors && err.errors.length === 1) err = err.errors[0]
  if (err instanceof AggregateErrors) return err.errors.map((e) => messageForError(e) + '\n').join('')
  if (err instanceof ApiError && err.reason === 'Invalid') return invalidMessage(err)
  if (err instanceof ExitError && err.message === '') return ''
  if (err instanceof PreformattedError) return withNewline(err.message)
  if (err instanceof ApiError) return withNewline(err.kubectlMessage())
  const msg = err instanceof Error ? err.message : String(err)
  return withNewline(msg.startsWith('error: ') ? msg : `error: ${msg}`)
}

/** `messageForError`: the standard message without adding `error: ` to plain errors. */
export function messageForError(err: unknown): string {
  if (err instanceof ApiError && err.reason === 'Invalid') return invalidMessage(err).replace(/\n$/, '')
  if (err instanceof ApiError) return err.kubectlMessage()
  return err instanceof Error ? err.message : String(err)
}

function invalidMessage(err: ApiError): string {
  const kindName = (err as ApiError & { invalidKind?: string }).invalidKind ?? invalidKindOf(err)
  if (!kindName) return withNewline(err.message)
  const prefix = `The ${kindName} is invalid: `
  const causes = [...new Set(err.causes.map(fieldErrorString))]
  if (causes.length === 0) return withNewline(err.message)
  if (causes.length === 1) return `${prefix}${causes[0]}\n`
  return `${prefix}\n${causes.map((c) => `* ${c}\n`).join('')}`
}

function invalidKindOf(err: ApiError): string | undefined {
  // `ReplicaSet.apps "web" is invalid: …` (NewInvalid); kubectl prints the kind without its group.
  const m = /^(?:The )?(\S+) "([^"]*)" is invalid/.exec(err.message)
  return m ? `${m[1].split('.')[0]} "${m[2]}"` : undefined
}

const withNewline = (s: string) => (s.endsWith('\n') ? s : s + '\n')
