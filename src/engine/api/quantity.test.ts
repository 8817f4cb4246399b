import { describe, expect, it } from 'vitest'
import {
  cpuMillis, ErrFormatWrong, ErrSuffix, formatBytes, formatCpuMillis, formatQuantity, memoryBytes, parseQuantity,
  QuantityError,
} from './quantity'

// Canonical forms per apimachinery pkg/api/resource (CanonicalizeBytes; quantity_golden_test.go rows).
describe('parseQuantity canonical form', () => {
  it.each([
    ['0', '0', 'DecimalSI'],
    ['1', '1', 'DecimalSI'],
    ['-1', '-1', 'DecimalSI'],
    ['100m', '100m', 'DecimalSI'],
    ['0.1', '100m', 'DecimalSI'],
    ['0.5', '500m', 'DecimalSI'],
    ['1.5', '1500m', 'DecimalSI'],
    ['1000m', '1', 'DecimalSI'],
    ['2500m', '2500m', 'DecimalSI'],
    ['1000', '1k', 'DecimalSI'],
    ['1000M', '1G', 'DecimalSI'],
    ['1500', '1500', 'DecimalSI'],
    ['1.5k', '1500', 'DecimalSI'],
    ['0.1m', '100u', 'DecimalSI'],
    ['0.000000000000001', '1n', 'DecimalSI'], // rounded up to the smallest unit
    ['1E', '1E', 'DecimalSI'],
    ['100E', '100E', 'DecimalSI'],
    ['1000E', '1e21', 'DecimalSI'], // beyond the SI table: exponent form
    ['1Ki', '1Ki', 'BinarySI'],
    ['8Gi', '8Gi', 'BinarySI'],
    ['1024Mi', '1Gi', 'BinarySI'],
    ['1.5Gi', '1536Mi', 'BinarySI'],
    ['0.5Gi', '512Mi', 'BinarySI'],
    ['0.5Ki', '512', 'BinarySI'], // below 1024 prints DecimalSI
    ['1.1Ki', '1126400m', 'BinarySI'], // not integral: DecimalSI rather than rounding
    ['-9.5Gi', '-9728Mi', 'BinarySI'],
    ['-9.5000000001Gi', '-10200547328107374183n', 'BinarySI'],
    ['8Ei', '9223372036854775807', 'BinarySI'], // capped at 2^63-1
    ['-20Ei', '-9223372036854775807', 'BinarySI'],
    ['1e3', '1e3', 'DecimalExponent'],
    ['1.5e3', '1500', 'DecimalExponent'],
    ['1e100', '10e99', 'DecimalExponent'],
    ['9223372036854775808', '9223372036854775808', 'DecimalSI'],
    // ParseQuantity's fast path keeps these inputs verbatim (#138165).
    ['1.441', '1.441', 'DecimalSI'],
    ['1.000001', '1.000001', 'DecimalSI'],
    ['01', '01', 'DecimalSI'],
  ])('%s → %s', (input, canonical, format) => {
    const q = parseQuantity(input)
    expect(q.canonical).toBe(canonical)
    expect(q.format).toBe(format)
  })

  it('reads YAML numbers as their text', () => {
    expect(parseQuantity(2).canonical).toBe('2')
    expect(parseQuantity(0.5).canonical).toBe('500m')
    expect(parseQuantity(0.25).milli).toBe(250)
  })
})

describe('parseQuantity values', () => {
  it.each([
    ['500m', 0.5, 500],
    ['2', 2, 2000],
    ['1Gi', 1073741824, 1073741824000],
    ['128Mi', 134217728, 134217728000],
    ['1e3', 1000, 1000000],
    ['0.1m', 0.0001, 1], // MilliValue rounds up
    ['-1.5', -1.5, -1500],
  ])('%s', (input, value, milli) => {
    const q = parseQuantity(input)
    expect(q.value).toBe(value)
    expect(q.milli).toBe(milli)
  })
})

describe('parseQuantity errors', () => {
  it.each([
    ['', ErrFormatWrong],
    ['abc', ErrFormatWrong],
    ['1x', ErrFormatWrong],
    ['1Gb', ErrFormatWrong],
    ['1 Gi', ErrFormatWrong],
    ['1a', ErrFormatWrong],
    ['1.5.5', ErrFormatWrong],
    ['1K', ErrSuffix],
    ['512mi', ErrSuffix],
    ['1e', ErrSuffix],
    ['1GG', ErrSuffix],
    ['10mm', ErrSuffix],
  ])('%j', (input, msg) => {
    expect(() => parseQuantity(input)).toThrow(new QuantityError(msg))
  })

  it('quotes the regex exactly as Kubernetes does', () => {
    expect(ErrFormatWrong).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    expect(ErrSuffix).toBe("unable to parse quantity's suffix")
  })
})

describe('cpuMillis / memoryBytes', () => {
  it.each([['500m', 500], ['1', 1000], ['0.1', 100], ['1.5', 1500], ['0.0001', 1], [2, 2000]])('cpu %s', (q, m) => {
    expect(cpuMillis(q)).toBe(m)
  })
  it.each([['1Gi', 1073741824], ['512Mi', 536870912], ['1k', 1000], ['1.5', 2], ['100M', 100000000]])('memory %s', (q, b) => {
    expect(memoryBytes(q)).toBe(b)
  })
  it('accept an already parsed quantity', () => {
    const q = parseQuantity('250m')
    expect(cpuMillis(q)).toBe(250)
    expect(memoryBytes(parseQuantity('64Mi'))).toBe(67108864)
  })
})

describe('formatting', () => {
  it.each([[500, '500m'], [1000, '1'], [2500, '2500m'], [0, '0'], [100, '100m'], [3000000, '3k'], [1500000, '1500']])(
    'formatCpuMillis(%d) → %s', (m, want) => expect(formatCpuMillis(m)).toBe(want),
  )
  it.each([
    [8589934592, '8Gi'],
    [536870912, '512Mi'],
    [1000, '1k'],
    [1024, '1Ki'],
    [1500, '1500'],
    [0, '0'],
    [2000000, '2M'],
    [1048576000, '1000Mi'],
  ])('formatBytes(%d) → %s', (b, want) => expect(formatBytes(b)).toBe(want))
  it('formatBytes honours an explicit format', () => {
    expect(formatBytes(1024, 'DecimalSI')).toBe('1024')
    expect(formatBytes(1000000, 'BinarySI')).toBe('1000000')
    expect(formatQuantity(1.5, 'DecimalSI')).toBe('1500m')
    expect(formatQuantity(1e3, 'DecimalExponent')).toBe('1e3')
  })
})
