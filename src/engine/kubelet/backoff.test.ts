import { describe, expect, it } from 'vitest'
import { Backoff } from './backoff'

describe('Backoff (client-go flowcontrol)', () => {
  it('10 s doubling to 300 s', () => {
    const b = new Backoff(10_000, 300_000)
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => b.next('k', i * 1000))
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000])
  })

  it('is in back-off for less than the current delay since the last failure', () => {
    const b = new Backoff(10_000, 300_000)
    b.next('k', 1000)
    expect(b.isInBackOffSinceUpdate('k', 10_999)).toBe(true)
    expect(b.isInBackOffSinceUpdate('k', 11_000)).toBe(false)
    expect(b.isInBackOffSinceUpdate('other', 1000)).toBe(false)
  })

  it('starts again after 2 × max without failures', () => {
    const b = new Backoff(10_000, 300_000)
    b.next('k', 0)
    b.next('k', 1)
    expect(b.next('k', 600_002)).toBe(10_000)
  })

  it('forgets a pod', () => {
    const b = new Backoff(10_000, 300_000)
    b.next('uid1_nginx', 0)
    b.next('uid2_nginx', 0)
    b.forgetPrefix('uid1_')
    expect(b.get('uid1_nginx')).toBe(0)
    expect(b.get('uid2_nginx')).toBe(10_000)
  })
})
