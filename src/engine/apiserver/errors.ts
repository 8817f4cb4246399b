import type { FieldError } from '../api/field-errors'
import { fieldErrorString } from '../api/field-errors'

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
  ) {
    super(message)
  }

  /** The line kubectl prints. */
  kubectlMessage(): string {
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

/** `NewInvalid`: `The Pod "x" is invalid: <err>` or `... is invalid: [<e1>, <e2>]`. */
export function invalid(qualifiedKind: string, name: string, errs: FieldError[]): ApiError {
  const parts = errs.map(fieldErrorString)
  const body = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${body}`.replace(/^/, 'The '), errs)
}
