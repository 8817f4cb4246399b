import { describe, expect, it } from 'vitest'
import type { Taint } from '../../api/types'
import { conflictingTaints, parseTaint, parseTaints, reorganizeTaints, taintToString } from './taint-parse'

describe('parseTaint (kubectl taint utils.go)', () => {
  it.each<[string, Taint]>([
    ['dedicated', { key: 'dedicated', effect: '' as Taint['effect'] }],
    ['dedicated:NoSchedule', { key: 'dedicated', effect: 'NoSchedule' }],
    ['dedicated=gpu:NoExecute', { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }],
    ['example.com/spot=:PreferNoSchedule', { key: 'example.com/spot', effect: 'PreferNoSchedule' }],
  ])('%s', (spec, want) => expect(parseTaint(spec)).toEqual(want))

  it.each<[string, string]>([
    ['a:b:c', 'invalid taint spec: a:b:c'],
    ['a=b:Never', 'invalid taint effect: Never, unsupported taint effect'],
    ['a=b=c:NoSchedule', 'invalid taint spec: a=b=c:NoSchedule'],
    ['a=-x:NoSchedule', "invalid taint spec: a=-x:NoSchedule, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ])('%s fails', (spec, msg) => expect(() => parseTaint(spec)).toThrow(msg))

  it('additions need an effect; removals keep key and effect only', () => {
    expect(() => parseTaints(['a=b'])).toThrow(/^invalid taint spec: a=b, name part/)
    expect(() => parseTaints(['a'])).toThrow('invalid taint spec: a')
    expect(parseTaints(['a=b:NoSchedule', 'c-', 'd=e:NoExecute-'])).toEqual({
      add: [{ key: 'a', value: 'b', effect: 'NoSchedule' }],
      remove: [
        { key: 'c', effect: '' },
        { key: 'd', effect: 'NoExecute' },
      ],
    })
  })

  it('Taint.ToString', () => {
    expect([{ key: 'k' }, { key: 'k', value: 'v' }, { key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoExecute' }].map((t) => taintToString(t as Taint))).toEqual([
      'k',
      'k=v:',
      'k:NoSchedule',
      'k=v:NoExecute',
    ])
  })
})

describe('reorganizeTaints', () => {
  const t = (key: string, effect: string, value?: string): Taint => ({ key, effect: effect as Taint['effect'], ...(value ? { value } : {}) })
  const old = [t('a', 'NoSchedule', '1'), t('b', 'NoExecute')]
  it.each<[string, boolean, Taint[], Taint[], string, Taint[], string[]]>([
    ['add a new taint: first, then the old ones', false, [t('c', 'NoSchedule')], [], 'tainted', [t('c', 'NoSchedule'), ...old], []],
    ['replace a value (key and effect match)', true, [t('a', 'NoSchedule', '2')], [], 'modified', [t('a', 'NoSchedule', '2'), t('b', 'NoExecute')], []],
    ['remove by key and effect', false, [], [t('a', 'NoSchedule')], 'untainted', [t('b', 'NoExecute')], []],
    ['remove by key (any effect)', false, [], [t('b', '')], 'untainted', [t('a', 'NoSchedule', '1')], []],
    ['add one, remove another', false, [t('c', 'NoSchedule')], [t('b', '')], 'modified', [t('c', 'NoSchedule'), t('a', 'NoSchedule', '1')], []],
    ['remove a missing one', false, [], [t('z', 'NoSchedule')], 'untainted', old, ['taint "z:NoSchedule" not found']],
  ])('%s', (_n, overwrite, add, remove, op, taints, errors) => expect(reorganizeTaints(old, overwrite, add, remove)).toEqual({ operation: op, taints, errors }))

  it('conflicts: the same key added and removed', () => {
    expect(conflictingTaints([t('a', 'NoSchedule')], [t('a', ''), t('a', 'NoSchedule'), t('a', 'NoExecute')])).toEqual(['{"a":""}', '{"a":"NoSchedule"}'])
  })
})
