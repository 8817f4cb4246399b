import { describe, expect, it } from 'vitest'
import {
  formatLabelSelector, fromEqualityMap, fromLabelSelector, matches, parseSelector, selectorString, SelectorParseError,
  validateLabelSelector, type LabelSelector,
} from './selector'
import { fieldErrorString } from './field-errors'

const VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
const NAME_ERR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

// String forms per apimachinery pkg/labels/selector.go (Requirement.String, parser sorts ByKey).
describe('parseSelector → selectorString', () => {
  it.each([
    ['tier notin (frontend), env in (qa,prod), !legacy, partition', 'env in (prod,qa),!legacy,partition,tier notin (frontend)'],
    ['', ''],
    ['x=a', 'x=a'],
    ['x==a', 'x==a'],
    ['x!=a', 'x!=a'],
    ['x = a , y', 'x=a,y'],
    ['x=', 'x='],
    ['x=,y=b', 'x=,y=b'],
    ['x>1', 'x>1'],
    ['x<1', 'x<1'],
    ['!x', '!x'],
    ['x in ()', 'x in ()'],
    ['x in (a,,)', 'x in (,a)'],
    ['x in (,a)', 'x in (,a)'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['x in (in,notin)', 'x in (in,notin)'],
    ['in in (in)', 'in in (in)'],
    ['x\tin\n(a)', 'x in (a)'],
    ['app.kubernetes.io/name=web', 'app.kubernetes.io/name=web'],
    ['z,a,m', 'a,m,z'],
  ])('%j', (input, want) => {
    expect(selectorString(parseSelector(input))).toBe(want)
  })

  it('operators map to Requirement.operator', () => {
    expect(parseSelector('a=1,b==2,c!=3,d in (4),e notin (5),f,!g,h>6,i<7').requirements.map((r) => r.operator)).toEqual([
      'Equals', 'DoubleEquals', 'NotEquals', 'In', 'NotIn', 'Exists', 'DoesNotExist', 'GreaterThan', 'LessThan',
    ])
  })
})

describe('parseSelector errors', () => {
  it.each([
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['x!y', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in', "unable to parse requirement: found '' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['! =x', "unable to parse requirement: found '=', expected: identifier"],
    // The longest operator wins: `!=` is one token, so no requirement can start here.
    ['!=x', "found '!=', expected: !, identifier, or 'end of string'"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x=a,', "found '', expected: identifier after ','"],
    ['x=a,,y', "found ',', expected: identifier after ','"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['(x)', "found '(', expected: !, identifier, or 'end of string'"],
    // Key errors use the parser's nil field path; value errors the NewRequirement paths.
    ['x/y/z=a', `unable to parse requirement: <nil>: Invalid value: "x/y/z": a valid label key ${NAME_ERR.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['-x', `unable to parse requirement: <nil>: Invalid value: "-x": ${NAME_ERR}`],
    ['x=-a', `unable to parse requirement: values[0][x]: Invalid value: "-a": ${VALUE_ERR}`],
    ['x>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>', `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>-1,y', `unable to parse requirement: values[0][x]: Invalid value: "-1": ${VALUE_ERR}`],
    ['x in (-a,-b)', `unable to parse requirement: [values[0][x]: Invalid value: "-a": ${VALUE_ERR}, values[1][x]: Invalid value: "-b": ${VALUE_ERR}]`],
  ])('%j', (input, want) => {
    const run = () => parseSelector(input)
    expect(run).toThrow(SelectorParseError)
    expect(run).toThrow(new SelectorParseError(want))
  })
})

describe('matches', () => {
  const L = { env: 'prod', tier: 'frontend', n: '5', s: 'abc', empty: '' }
  it.each([
    ['', true],
    ['env=prod', true],
    ['env==qa', false],
    ['env!=qa', true],
    ['missing!=qa', true],
    ['env in (qa,prod)', true],
    ['missing in (qa)', false],
    ['env notin (prod)', false],
    ['missing notin (prod)', true],
    ['env', true],
    ['missing', false],
    ['!env', false],
    ['!missing', true],
    ['empty=', true],
    ['missing=', false],
    ['n>4', true],
    ['n>5', false],
    ['n<6', true],
    ['s>1', false],
    ['missing<9', false],
    ['env=prod,tier=backend', false],
    ['env in (prod),tier notin (backend),!legacy', true],
  ])('%j → %s', (sel, want) => {
    expect(matches(parseSelector(sel), L)).toBe(want)
  })

  it('nothing matches nothing; everything matches undefined labels', () => {
    expect(matches('nothing', L)).toBe(false)
    expect(matches({ requirements: [] }, undefined)).toBe(true)
    expect(matches(parseSelector('a'), undefined)).toBe(false)
  })
})

describe('fromLabelSelector (LabelSelectorAsSelector)', () => {
  it.each<[LabelSelector | null | undefined, string | 'nothing']>([
    [null, 'nothing'],
    [undefined, 'nothing'],
    [{}, ''],
    [{ matchLabels: {}, matchExpressions: [] }, ''],
    [{ matchLabels: { tier: 'web', app: 'shop' } }, 'app=shop,tier=web'],
    [{
      matchLabels: { app: 'shop' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['qa', 'prod'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'zone', operator: 'Exists', values: [] },
      ],
    }, 'app=shop,env in (prod,qa),!legacy,track notin (canary),zone'],
  ])('%j', (ls, want) => {
    const sel = fromLabelSelector(ls)
    expect(sel === 'nothing' ? 'nothing' : selectorString(sel)).toBe(want)
  })

  it('matches like the parsed equivalent', () => {
    const sel = fromLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] })
    expect(matches(sel, { app: 'web' })).toBe(true)
    expect(matches(sel, { app: 'web', track: 'canary' })).toBe(false)
    expect(matches(fromLabelSelector({}), { anything: 'x' })).toBe(true)
    expect(matches(fromLabelSelector(null), { anything: 'x' })).toBe(false)
  })

  it.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid pod selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    [{ matchLabels: { '-a': 'x' } }, `key: Invalid value: "-a": ${NAME_ERR}`],
  ])('rejects %j', (ls, want) => {
    expect(() => fromLabelSelector(ls)).toThrow(new SelectorParseError(want))
  })
})

describe('validateLabelSelector (ValidateLabelSelector)', () => {
  it.each<[LabelSelector, string[]]>([
    [{ matchLabels: { app: 'web' } }, []],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] },
      ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] },
      ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'DoesNotExist', values: ['x'] }] },
      ["spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator']],
    [{ matchExpressions: [{ key: '/a', operator: 'In', values: ['ok', '-bad'] }] }, [
      'spec.selector.matchExpressions[0].key: Invalid value: "/a": prefix part must be non-empty',
      `spec.selector.matchExpressions[0].values[1]: Invalid value: "-bad": ${VALUE_ERR}`,
    ]],
    [{ matchLabels: { app: '-web' } }, [`spec.selector.matchLabels: Invalid value: "-web": ${VALUE_ERR}`]],
  ])('%j', (ls, want) => {
    expect(validateLabelSelector(ls, 'spec.selector').map(fieldErrorString)).toEqual(want)
  })
})

describe('fromEqualityMap (ReplicationController)', () => {
  it('builds sorted = requirements; empty selects everything', () => {
    expect(selectorString(fromEqualityMap({ tier: 'web', app: 'shop' }))).toBe('app=shop,tier=web')
    expect(fromEqualityMap({}).requirements).toEqual([])
    expect(fromEqualityMap(undefined).requirements).toEqual([])
    expect(matches(fromEqualityMap({ app: 'shop' }), { app: 'shop', x: 'y' })).toBe(true)
  })
})

describe('formatLabelSelector (kubectl describe)', () => {
  it.each<[LabelSelector | null, string]>([
    [null, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '<error>'],
  ])('%j → %s', (ls, want) => {
    expect(formatLabelSelector(ls)).toBe(want)
  })
})
