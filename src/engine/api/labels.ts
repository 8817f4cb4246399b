/**
 * Label keys and values with Kubernetes' exact error details.
 *
 * Sources (k8s.io/apimachinery):
 * - pkg/api/validate/content/kube.go: IsLabelKey (= IsQualifiedName), IsLabelValue
 * - pkg/apis/meta/v1/validation/validation.go: ValidateLabelName, ValidateLabels
 *
 * Example:
 *   isQualifiedName('/app') // → ['prefix part must be non-empty']
 *   validateLabels({ 'app': '-x' }, 'metadata.labels')
 *   // → [invalid('metadata.labels', '-x', "a valid label must be an empty string or …")]
 */
import { invalid, type FieldError } from './field-errors'
import { byteLength, emptyError, isDNS1123Subdomain, maxLenError, regexError } from './names'

export const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
export const labelValueFmt = `(${labelKeyFmt})?`
export const LabelKeyNameMaxLength = 63
export const LabelValueMaxLength = 63

const labelKeyErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

const labelKeyRe = new RegExp(`^${labelKeyFmt}$`)
const labelValueRe = new RegExp(`^${labelValueFmt}$`)

const nameRegexError = (): string => regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')

/**
 * IsQualifiedName / IsLabelKey: `[prefix/]name`; prefix a DNS-1123 subdomain, name ≤ 63.
 * More than one '/' returns a single whole-key error. The newest source opens that message with
 * "a valid label key"; releases before the `content` package said "a qualified name".
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = []
  const parts = value.split('/')
  let name: string
  if (parts.length === 1) {
    name = parts[0]
  } else if (parts.length === 2) {
    const prefix = parts[0]
    name = parts[1]
    if (prefix.length === 0) errs.push('prefix part ' + emptyError())
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => 'prefix part ' + m))
  } else {
    return ['a valid label key ' + nameRegexError() +
      " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
  }
  // Upstream checks the pattern even after "must be non-empty", so an empty name gets both.
  if (name.length === 0) errs.push('name part ' + emptyError())
  else if (byteLength(name) > LabelKeyNameMaxLength) errs.push('name part ' + maxLenError(LabelKeyNameMaxLength))
  if (!labelKeyRe.test(name)) errs.push('name part ' + nameRegexError())
  return errs
}

/** IsValidLabelValue / IsLabelValue: empty, or the name pattern, ≤ 63. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > LabelValueMaxLength) errs.push(maxLenError(LabelValueMaxLength))
  if (!labelValueRe.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'))
  return errs
}

/** ValidateLabelName: one Invalid error per detail, on the given path, with the key as value. */
export function validateLabelName(key: string, fieldPath: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(fieldPath, key, msg))
}

/**
 * ValidateLabels. Upstream reports every error on the map's own path (`metadata.labels`), not
 * per key. Go walks the map in random order; we walk keys sorted so output is reproducible.
 */
export function validateLabels(labels: Record<string, string> | undefined | null, fieldPath: string): FieldError[] {
  const errs: FieldError[] = []
  if (!labels) return errs
  for (const k of Object.keys(labels).sort()) {
    errs.push(...validateLabelName(k, fieldPath))
    for (const msg of isValidLabelValue(labels[k])) errs.push(invalid(fieldPath, labels[k], msg))
  }
  return errs
}
