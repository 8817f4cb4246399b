import { describe, expect, it } from 'vitest'
import {
  byteLength, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, maskTrailingDash,
  nameValidatorForKind, regexError,
} from './names'

// Exact texts from apimachinery pkg/api/validate/content/dns.go and pkg/util/validation/validation.go.
const LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
const SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const DNS1035_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

describe('regexError', () => {
  it.each([
    [[], "m (regex used for validation is 're')"],
    [['a'], "m (e.g. 'a', regex used for validation is 're')"],
    // Two spaces before "or": each example is written `'x', ` and joined with ` or `.
    [['a', 'b', 'c'], "m (e.g. 'a',  or 'b',  or 'c', regex used for validation is 're')"],
  ])('examples %j', (examples, want) => {
    expect(regexError('m', 're', ...examples)).toBe(want)
  })
})

describe('isDNS1123Label', () => {
  it.each(['a', '0', 'a-1', 'a--1--2--b', '1-a', 'a'.repeat(63)])('accepts %s', (v) => {
    expect(isDNS1123Label(v)).toEqual([])
  })
  it.each([
    ['', [LABEL_ERR]],
    ['Web_1', [LABEL_ERR]],
    ['-a', [LABEL_ERR]],
    ['a-', [LABEL_ERR]],
    ['a b', [LABEL_ERR]],
    // A valid subdomain that is not a label fails only on its dots.
    ['a.b', ['must not contain dots']],
    ['web.v1', ['must not contain dots']],
    ['a..b', [LABEL_ERR]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['A'.repeat(64), ['must be no more than 63 characters', LABEL_ERR]],
  ])('rejects %j', (v, want) => {
    expect(isDNS1123Label(v)).toEqual(want)
  })
})

describe('isDNS1123Subdomain', () => {
  it.each(['a', 'a.b.c', '1.2.3.4', 'web-7d9f.default', 'a'.repeat(253)])('accepts %s', (v) => {
    expect(isDNS1123Subdomain(v)).toEqual([])
  })
  it.each([
    ['', [SUBDOMAIN_ERR]],
    ['Web_1', [SUBDOMAIN_ERR]],
    ['a.', [SUBDOMAIN_ERR]],
    ['.a', [SUBDOMAIN_ERR]],
    ['a..b', [SUBDOMAIN_ERR]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('rejects %j', (v, want) => {
    expect(isDNS1123Subdomain(v)).toEqual(want)
  })
})

describe('isDNS1035Label', () => {
  it.each(['a', 'my-name', 'abc-123', 'a'.repeat(63)])('accepts %s', (v) => {
    expect(isDNS1035Label(v)).toEqual([])
  })
  it.each([
    ['1web', [DNS1035_ERR]],
    ['123-abc', [DNS1035_ERR]],
    ['web.v1', [DNS1035_ERR]],
    ['Web', [DNS1035_ERR]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('rejects %j', (v, want) => {
    expect(isDNS1035Label(v)).toEqual(want)
  })
})

describe('isValidPortName (IANA_SVC_NAME)', () => {
  it.each(['http', 'web-8080', 'a', 'h2c', 'a'.repeat(15)])('accepts %s', (v) => {
    expect(isValidPortName(v)).toEqual([])
  })
  it.each([
    ['', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['my--port', ['must not contain consecutive hyphens']],
    ['-http', ['must not begin or end with a hyphen']],
    ['http-', ['must not begin or end with a hyphen']],
    ['a'.repeat(16), ['must be no more than 15 characters']],
    ['http_alt', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
  ])('rejects %j', (v, want) => {
    expect(isValidPortName(v)).toEqual(want)
  })
})

describe('isValidPortNum', () => {
  it.each([[1, []], [65535, []], [0, ['must be between 1 and 65535, inclusive']], [65536, ['must be between 1 and 65535, inclusive']]])(
    '%d', (p, want) => expect(isValidPortNum(p)).toEqual(want),
  )
})

describe('nameValidatorForKind', () => {
  it.each([
    ['Pod', 'web.v1', []],
    ['Deployment', 'web.v1', []],
    ['ReplicationController', '1web', []],
    ['Node', 'node-1.example.com', []],
    ['Pod', 'Web_1', [SUBDOMAIN_ERR]],
    ['Namespace', 'team.a', ['must not contain dots']],
    ['Namespace', 'team-a', []],
    ['Service', '1web', [DNS1035_ERR]],
    ['Service', 'web.v1', [DNS1035_ERR]],
    ['Service', 'web', []],
  ])('%s %j', (kind, name, want) => {
    expect(nameValidatorForKind(kind)(name)).toEqual(want)
  })

  it('accepts a generateName prefix ending in "-" (maskTrailingDash)', () => {
    expect(nameValidatorForKind('Pod')('web-', true)).toEqual([])
    expect(nameValidatorForKind('Pod')('web-')).toEqual([SUBDOMAIN_ERR])
    expect(nameValidatorForKind('Service')('1web-', true)).toEqual([DNS1035_ERR])
  })

  it('maskTrailingDash keeps the upstream quirk (drops two characters)', () => {
    expect(maskTrailingDash('web-')).toBe('wea')
    expect(maskTrailingDash('-')).toBe('-')
    expect(maskTrailingDash('web')).toBe('web')
  })
})

it('byteLength counts UTF-8 bytes like Go len()', () => {
  expect(byteLength('abc')).toBe(3)
  expect(byteLength('ā')).toBe(2)
  expect(byteLength('日')).toBe(3)
  expect(byteLength('😀')).toBe(4)
})
