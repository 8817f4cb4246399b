import { describe, expect, it } from 'vitest'
import { Backoff } from './backoff'
import { goDuration } from './go-duration'

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

describe('the kubelet container back-off (REFERENCE 6.5)', () => {
  /** A container that exits as soon as it starts: when does `doBackOff` let each restart happen? */
  function restartDelays(runFor: number, n: number): { delays: number[]; messages: string[] } {
    const b = new Backoff(10_000, 300_000, 600_000)
    const delays: number[] = []
    const messages: string[] = []
    let startedAt = 0
    for (let i = 0; i < n; i++) {
      const exitAt = startedAt + runFor
      let restartAt = exitAt
      if (b.isInBackOffSince('k', exitAt, exitAt)) {
        messages.push(goDuration(b.get('k')))
        restartAt = exitAt + b.get('k')
      }
      b.next('k', restartAt, exitAt)
      delays.push(restartAt - exitAt)
      startedAt = restartAt
    }
    return { delays, messages }
  }

  it('restarts after 0, 10s, 20s, 40s, 1m20s, 2m40s, 5m0s, 5m0s', () => {
    const r = restartDelays(0, 8)
    expect(r.delays.map((d) => d / 1000)).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
    expect(r.messages).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s'])
  })

  it('a container that ran more than 10 minutes starts again from nothing (restarted at once)', () => {
    const b = new Backoff(10_000, 300_000, 600_000)
    b.next('k', 0)
    b.next('k', 10_000, 5_000) // 20 s
    // The restarted container (lastUpdate 10 s) runs 10 min and 1 ms before it exits.
    const exitAt = 10_000 + 600_001
    expect(b.isInBackOffSince('k', exitAt, exitAt)).toBe(false)
    expect(b.next('k', exitAt, exitAt)).toBe(10_000)
    // Exactly 10 minutes is not enough.
    const c = new Backoff(10_000, 300_000, 600_000)
    c.next('k', 0)
    expect(c.isInBackOffSince('k', 600_000, 600_000)).toBe(true)
  })
})
