import type { FieldError } from '../api/field-errors'
import { fieldErrorString, invalidMessage } from '../api/field-errors'

/**
 * A failed API request, shaped like metav1.Status. kubectl prints it as
 * `Error from server (<reason>): <message>` (apimachinery `pkg/api/errors/errors.go`).
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'InternalError'

export class ApiError extends Error {
  constructor(
    public readonly code: number,
    public readonly reason: StatusReason,
    message: string,
    public readonly causes: FieldError[] = [],
    /** StatusDetails.kind / name (set for Invalid; kubectl prints the unqualified kind). */
    public readonly details: { kind?: string; name?: string } = {},
  ) {
    super(message)
  }

  /**
   * What kubectl prints (`cmdutil.CheckErr`): `Error from server (<Reason>): <message>`, except
   * Invalid, which kubectl rebuilds from the details: `The Pod "x" is invalid: <cause>`, or
   * with several causes a `* ` bulleted list (`MultilineError`).
   */
  kubectlMessage(): string {
    if (this.reason === 'Invalid' && (this.details.kind || this.details.name)) {
      const head = `The ${this.details.kind ?? ''} "${this.details.name ?? ''}" is invalid`
      const causes = [...new Set(this.causes.map(fieldErrorString))]
      if (causes.length === 0) return head
      if (causes.length === 1) return `${head}: ${causes[0]}`
      return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`
    }
    return `Error from server (${this.reason}): ${this.message}`
  }
}

export const notFound = (qualifiedResource: string, name: string) =>
  new ApiError(404, 'NotFound', `${qualifiedResource} "${name}" not found`)

export const alreadyExists = (qualifiedResource: string, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualifiedResource} "${name}" already exists`)

/** `NewConflict` with the registry's OptimisticLockErrorMsg. */
export const conflict = (qualifiedResource: string, name: string) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  )

export const forbidden = (qualifiedResource: string, name: string, why: string) =>
  new ApiError(403, 'Forbidden', `${qualifiedResource} "${name}" is forbidden: ${why}`)

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message)

/** `NewInvalid`: `Pod "x" is invalid: <err>` or `Deployment.apps "x" is invalid: [<e1>, <e2>]`. */
export function invalid(qualifiedKind: string, name: string, errs: FieldError[]): ApiError {
  const kind = qualifiedKind.split('.')[0]
  return new ApiError(422, 'Invalid', invalidMessage(qualifiedKind, name, errs), errs, { kind, name })
}
