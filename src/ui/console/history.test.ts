import { describe, expect, it } from 'vitest'
import { History } from './history'

function memory(init: Record<string, string> = {}) {
  const data = { ...init }
  return { data, getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v) }
}

describe('History', () => {
  it('↑ walks to older lines, ↓ back to the draft', () => {
    const h = new History('h', memory())
    h.push('get pods')
    h.push('get nodes')
    expect(h.up('get s')).toBe('get nodes')
    expect(h.up('get nodes')).toBe('get pods')
    expect(h.up('get pods')).toBeUndefined() // oldest: stays
    expect(h.down()).toBe('get nodes')
    expect(h.down()).toBe('get s') // the draft comes back
    expect(h.down()).toBeUndefined()
  })

  it('stores a repeated line once, skips blanks, and keeps the newest N', () => {
    const h = new History('h', memory(), 3)
    for (const l of ['a', 'a', ' ', 'b', 'c', 'd']) h.push(l)
    expect(h.all()).toEqual(['b', 'c', 'd'])
  })

  it('persists in storage and reads it back (a reload keeps the history)', () => {
    const m = memory()
    new History('kp.history.kubectl', m).push('get pods')
    expect(JSON.parse(m.data['kp.history.kubectl'])).toEqual(['get pods'])
    expect(new History('kp.history.kubectl', m).up('')).toBe('get pods')
  })

  it('ignores garbage in storage', () => {
    expect(new History('h', memory({ h: '{nope' })).all()).toEqual([])
    expect(new History('h', memory({ h: '[1,"x"]' })).all()).toEqual(['x'])
  })
})
