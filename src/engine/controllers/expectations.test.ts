import { describe, expect, it } from 'vitest'
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations'

function setup() {
  let now = 0
  const exp = new ControllerExpectations(() => now)
  return { exp, advance: (ms: number) => (now += ms) }
}

describe('ControllerExpectations (UIDTrackingControllerExpectations)', () => {
  it('a key with no expectations is satisfied', () => {
    expect(setup().exp.satisfied('default/web')).toBe(true)
  })

  it('creations: unsatisfied until every creation is observed', () => {
    const { exp } = setup()
    exp.expectCreations('default/web', 3)
    expect(exp.satisfied('default/web')).toBe(false)
    exp.creationObserved('default/web')
    exp.creationObserved('default/web')
    expect(exp.satisfied('default/web')).toBe(false)
    exp.creationObserved('default/web')
    expect(exp.satisfied('default/web')).toBe(true)
    expect(exp.get('default/web')?.add).toBe(0)
  })

  it('deletions count only for the pod keys that were expected, once each', () => {
    const { exp } = setup()
    exp.expectDeletions('default/web', ['default/a', 'default/b'])
    exp.deletionObserved('default/web', 'default/zzz')
    exp.deletionObserved('default/web', 'default/a')
    exp.deletionObserved('default/web', 'default/a')
    expect(exp.satisfied('default/web')).toBe(false)
    expect(exp.get('default/web')).toMatchObject({ del: 1, deleteKeys: ['default/b'] })
    exp.deletionObserved('default/web', 'default/b')
    expect(exp.satisfied('default/web')).toBe(true)
  })

  it('expire after 5 minutes (strictly more) on the virtual clock', () => {
    const { exp, advance } = setup()
    exp.expectCreations('default/web', 1)
    advance(EXPECTATIONS_TIMEOUT_MS)
    expect(exp.satisfied('default/web')).toBe(false)
    advance(1)
    expect(exp.satisfied('default/web')).toBe(true)
  })

  it('observations for a key without expectations are ignored; new expectations replace old ones', () => {
    const { exp } = setup()
    exp.creationObserved('default/web')
    expect(exp.get('default/web')).toBeUndefined()
    exp.expectCreations('default/web', 2)
    exp.expectCreations('default/web', 1)
    exp.creationObserved('default/web')
    expect(exp.satisfied('default/web')).toBe(true)
  })

  it('deleteExpectations forgets the key', () => {
    const { exp } = setup()
    exp.expectDeletions('default/web', ['default/a'])
    exp.deleteExpectations('default/web')
    expect(exp.satisfied('default/web')).toBe(true)
    expect(exp.get('default/web')).toBeUndefined()
  })
})
