import { describe, expect, it } from 'vitest'
import {
  aggregateString, childPath, duplicate, errorBody, fieldErrorString, forbidden, formatBadValue, goQuote, indexPath,
  invalid, invalidMessage, keyPath, notSupported, required, tooLong, type FieldError,
} from './field-errors'
import { isDNS1123Subdomain } from './names'

// Texts per apimachinery pkg/util/validation/field/errors.go (Error, ErrorBody, NotSupported, TooLong).
describe('fieldErrorString', () => {
  const cases: [FieldError, string][] = [
    [invalid('metadata.name', 'Web_1', isDNS1123Subdomain('Web_1')[0]),
      'metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')'],
    [invalid('spec.replicas', -1, 'must be greater than or equal to 0'),
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [required('metadata.name', 'name or generateName is required'),
      'metadata.name: Required value: name or generateName is required'],
    [required('spec.containers'), 'spec.containers: Required value'],
    [notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'Never', 'OnFailure']),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"'],
    [notSupported('spec.x', 'y', []), 'spec.x: Unsupported value: "y"'],
    [forbidden('spec.selector.matchExpressions[0].values', "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
    [duplicate('spec.containers[1].name', 'web'), 'spec.containers[1].name: Duplicate value: "web"'],
    [tooLong('metadata.annotations', 262144), 'metadata.annotations: Too long: may not be more than 262144 bytes'],
    [tooLong('x', 1), 'x: Too long: may not be more than 1 byte'],
    [invalid('spec.paused', true, 'bad'), 'spec.paused: Invalid value: true: bad'],
    [invalid('values', [], 'empty'), 'values: Invalid value: []: empty'],
    [invalid('values', null, 'empty'), 'values: Invalid value: null: empty'],
    [invalid('values', ['b', 'a'], 'x'), 'values: Invalid value: ["b","a"]: x'],
    // Maps marshal with sorted keys, as encoding/json does.
    [invalid('spec.template.metadata.labels', { tier: 'web', app: 'x' }, '`selector` does not match template `labels`'),
      'spec.template.metadata.labels: Invalid value: {"app":"x","tier":"web"}: `selector` does not match template `labels`'],
    [invalid('x', 'v', ''), 'x: Invalid value: "v"'],
  ]
  it.each(cases)('%j', (e, want) => {
    expect(fieldErrorString(e)).toBe(want)
  })

  it('errorBody omits the field (StatusCause.message)', () => {
    expect(errorBody(invalid('spec.replicas', -1, 'must be greater than or equal to 0'))).toBe(
      'Invalid value: -1: must be greater than or equal to 0',
    )
  })
})

describe('formatBadValue (Go %v / %q / json)', () => {
  it.each([
    [0.5, '0.5'],
    [1e21, '1e+21'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [123456789, '123456789'],
    ['tab\there', '"tab\\there"'],
    ['q"uote', '"q\\"uote"'],
    ['\x00', '"\\x00"'],
    ['日本', '"日本"'],
    [undefined, 'null'],
    [['<a>&'], '["\\u003ca\\u003e\\u0026"]'],
  ])('%j → %s', (v, want) => {
    expect(formatBadValue(v)).toBe(want)
  })
  it('goQuote is strconv.Quote', () => {
    expect(goQuote('web')).toBe('"web"')
    expect(goQuote('a\\b\n')).toBe('"a\\\\b\\n"')
  })
})

describe('aggregateString', () => {
  const a = invalid('spec.replicas', -1, 'must be greater than or equal to 0')
  const b = required('spec.selector')
  it.each([
    [[], ''],
    [[a], 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [[a, b], '[spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]'],
    // ToAggregate drops repeated messages.
    [[a, a, b], '[spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]'],
    [[b, b], 'spec.selector: Required value'],
  ])('%#', (errs, want) => {
    expect(aggregateString(errs)).toBe(want)
  })
})

describe('invalidMessage (errors.NewInvalid)', () => {
  it.each([
    ['Deployment.apps', 'web', [invalid('spec.replicas', -1, 'must be greater than or equal to 0')],
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['Pod', 'p', [required('spec.containers'), required('metadata.name', 'name or generateName is required')],
      'Pod "p" is invalid: [spec.containers: Required value, metadata.name: Required value: name or generateName is required]'],
    ['Pod', 'p', [], 'Pod "p" is invalid'],
  ])('%s %s', (kind, name, errs, want) => {
    expect(invalidMessage(kind, name, errs)).toBe(want)
  })
})

it('path helpers follow field.Path.String()', () => {
  const p = indexPath(childPath('spec.selector', 'matchExpressions'), 0)
  expect(childPath(p, 'values')).toBe('spec.selector.matchExpressions[0].values')
  expect(keyPath(indexPath('values', 0), 'env')).toBe('values[0][env]')
  expect(childPath('', 'metadata')).toBe('metadata')
})
