/**
 * Object-name checks with Kubernetes' exact error details.
 *
 * Sources (k8s.io/apimachinery):
 * - pkg/api/validate/content/dns.go (newest wording "a lowercase RFC 1123 …"),
 *   older copies in pkg/util/validation/validation.go (IsDNS1123Label, IsDNS1035Label, IsValidPortName,
 *   MaxLenError, RegexError, EmptyError, InclusiveRangeError)
 * - pkg/api/validation/generic.go (NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label, maskTrailingDash)
 *
 * Every check returns a list of detail strings; an empty list means valid. Callers wrap each
 * detail in a field error, e.g. `invalid('metadata.name', name, detail)`.
 *
 * Example:
 *   isDNS1123Label('web.v1') // → ['must not contain dots']
 */

export const DNS1123LabelMaxLength = 63
export const DNS1123SubdomainMaxLength = 253
export const DNS1035LabelMaxLength = 63

/**
 * MaxLenError. v1.31–v1.33 say "characters"; Go measures len() in bytes, which we reproduce
 * with byteLength(). (A newer content/errors.go may say "bytes": change it here if so.)
 */
export const maxLenError = (length: number): string => `must be no more than ${length} characters`

/** EmptyError. */
export const emptyError = (): string => 'must be non-empty'

/** InclusiveRangeError. */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`

/**
 * RegexError. Each example is written `'x', ` and joined with ` or `, so two examples give the
 * upstream double space: ` (e.g. 'my-name',  or '123-abc', regex used for validation is '…')`.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  let out = msg + ' (e.g. '
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or '
    out += `'${ex}', `
  })
  return out + `regex used for validation is '${fmt}')`
}

/** Go's len(): UTF-8 bytes, not UTF-16 code units. */
export function byteLength(s: string): number {
  let n = 0
  for (const ch of String(s)) {
    const c = ch.codePointAt(0)!
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
  }
  return n
}

// The format strings are printed in messages exactly as Go holds them (`\.` is one backslash).
export const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
export const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`
export const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?'

const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"

const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`)
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`)
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`)

/** IsDNS1123Label: Namespace names, container names. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > DNS1123LabelMaxLength) errs.push(maxLenError(DNS1123LabelMaxLength))
  if (!dns1123LabelRe.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots
    // (length was already checked), so Kubernetes says just that.
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots')
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'))
  }
  return errs
}

/** IsDNS1123Subdomain: most object names (Pod, Deployment, Node, …). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength))
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'))
  return errs
}

/** IsDNS1035Label: Service names (they become DNS labels that must not start with a digit). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > DNS1035LabelMaxLength) errs.push(maxLenError(DNS1035LabelMaxLength))
  if (!dns1035LabelRe.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'))
  return errs
}

/** IsValidPortName (IANA_SVC_NAME): ≤ 15 of [-a-z0-9], ≥ 1 letter, no `--`, no leading/trailing `-`. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = []
  if (byteLength(port) > 15) errs.push(maxLenError(15))
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)')
  if (port.includes('--')) errs.push('must not contain consecutive hyphens')
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen')
  return errs
}

/** IsValidPortNum: 1–65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)]
}

/**
 * maskTrailingDash, verbatim including its upstream quirk: it drops the last *two* characters and
 * appends "a". It only matters that a generateName prefix may end in '-' (a suffix follows).
 */
export function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name
}

/** ValidateNameFunc: `prefix` is true when checking a generateName (a random suffix is appended). */
export type NameValidator = (name: string, prefix?: boolean) => string[]

const withPrefix = (check: (v: string) => string[]): NameValidator =>
  (name, prefix = false) => check(prefix ? maskTrailingDash(name) : name)

export const nameIsDNSSubdomain: NameValidator = withPrefix(isDNS1123Subdomain)
export const nameIsDNSLabel: NameValidator = withPrefix(isDNS1123Label)
export const nameIsDNS1035Label: NameValidator = withPrefix(isDNS1035Label)

/**
 * The name rule per kind (REFERENCE 1.1, mapping unverified): Service → DNS-1035 label
 * (ValidateServiceName), Namespace → DNS-1123 label (ValidateNamespaceName), everything else
 * the playground has (Pod, ReplicaSet, Deployment, ReplicationController, Node, EndpointSlice, …)
 * → DNS-1123 subdomain.
 *
 * Example: nameValidatorForKind('Service')('1web') → ['a DNS-1035 label must consist of …']
 */
export function nameValidatorForKind(kind: string): NameValidator {
  switch (kind) {
    case 'Service': return nameIsDNS1035Label
    case 'Namespace': return nameIsDNSLabel
    default: return nameIsDNSSubdomain
  }
}
