import { describe, expect, it } from 'vitest'
import { isQualifiedName, isValidLabelValue, validateLabels } from './labels'
import { aggregateString, fieldErrorString } from './field-errors'

// Exact texts from apimachinery pkg/api/validate/content/kube.go (IsLabelKey, IsLabelValue).
const NAME_ERR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const PREFIX_ERR =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const SLASHES_ERR =
  "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
const VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

describe('isQualifiedName', () => {
  it.each([
    'simple', '1-starts-with-num', 'Uppercase_Is_OK_123', 'app.kubernetes.io/name', 'example.com/Uppercase_Is_OK_123',
    '1.2.3.4/5678', 'requests.storage-foo', 'a'.repeat(63), 'a'.repeat(253) + '/' + 'b'.repeat(63),
  ])('accepts %s', (k) => {
    expect(isQualifiedName(k)).toEqual([])
  })

  it.each([
    ['cantendwithadash-', [NAME_ERR]],
    ['nospecialchars%^=@', [NAME_ERR]],
    ['/simple', ['prefix part must be non-empty']],
    // An empty name gets both the "non-empty" and the pattern error (upstream checks both).
    ['example.com/', ['name part must be non-empty', NAME_ERR]],
    ['', ['name part must be non-empty', NAME_ERR]],
    ['Example.com/abc', [PREFIX_ERR]],
    ['only/one/slash', [SLASHES_ERR]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['a'.repeat(254) + '/abc', ['prefix part must be no more than 253 characters']],
  ])('rejects %j', (k, want) => {
    expect(isQualifiedName(k)).toEqual(want)
  })
})

describe('isValidLabelValue', () => {
  it.each(['', 'simple', 'end-with-num-1', '1234', 'My_Value.1', 'a'.repeat(63)])('accepts %j', (v) => {
    expect(isValidLabelValue(v)).toEqual([])
  })
  it.each([
    ['-starts-with-dash', [VALUE_ERR]],
    ['ends.with.dot.', [VALUE_ERR]],
    ['has space', [VALUE_ERR]],
    ['Tama-nui-te-rā', [VALUE_ERR]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('rejects %j', (v, want) => {
    expect(isValidLabelValue(v)).toEqual(want)
  })
})

describe('validateLabels', () => {
  it('reports key and value errors on the map path, keys in sorted order', () => {
    const errs = validateLabels({ tier: '-x', '/app': 'web' }, 'metadata.labels')
    expect(errs.map(fieldErrorString)).toEqual([
      'metadata.labels: Invalid value: "/app": prefix part must be non-empty',
      `metadata.labels: Invalid value: "-x": ${VALUE_ERR}`,
    ])
    expect(aggregateString(errs)).toBe(
      `[metadata.labels: Invalid value: "/app": prefix part must be non-empty, metadata.labels: Invalid value: "-x": ${VALUE_ERR}]`,
    )
  })

  it('accepts valid and missing maps', () => {
    expect(validateLabels({ app: 'web', 'app.kubernetes.io/name': '' }, 'metadata.labels')).toEqual([])
    expect(validateLabels(undefined, 'metadata.labels')).toEqual([])
  })
})
