import { describe, expect, it } from 'vitest'
import type { KObject } from '../../engine/index'
import { containerOfFieldPath, recordsFromEvents } from './from-events'

const ts = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString().replace('.000Z', 'Z')
const ev = (reason: string, message: string, at: number, fieldPath?: string, count = 1, first = at): KObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `e-${reason}-${at}`, namespace: 'default', uid: `e-${reason}-${at}` },
  involvedObject: { kind: 'Pod', name: 'p', uid: 'p', ...(fieldPath ? { fieldPath } : {}) },
  reason,
  message,
  count,
  firstTimestamp: ts(first),
  lastTimestamp: ts(at),
})
const pod: KObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'p' },
  status: { containerStatuses: [{ name: 'liveness', lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt: ts(80) } } }] },
}

describe('lifecycle from Events', () => {
  it('reads the container from fieldPath', () => {
    expect(containerOfFieldPath('spec.containers{nginx}')).toBe('nginx')
    expect(containerOfFieldPath('spec.initContainers{setup}')).toBe('setup')
    expect(containerOfFieldPath(undefined)).toBeUndefined()
  })

  it('turns describe-pod Events and the last termination into timeline records, oldest first', () => {
    const recs = recordsFromEvents(pod, [
      ev('Started', 'Started container liveness', 3, 'spec.containers{liveness}'),
      ev('Unhealthy', "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", 50, 'spec.containers{liveness}', 3, 40),
      ev('Killing', 'Container liveness failed liveness probe, will be restarted', 50, 'spec.containers{liveness}'),
      ev('BackOff', 'Back-off restarting failed container liveness in pod p_default(p)', 90, 'spec.containers{liveness}'),
      ev('BackOff', 'Back-off pulling image "nginx:nope"', 91, 'spec.containers{other}'),
    ])
    expect(recs.map((r) => [r.at / 1000, r.stage, r.container])).toEqual([
      [3, 'Started', 'liveness'],
      [40, 'LivenessProbe', 'liveness'],
      [50, 'LivenessProbe', 'liveness'],
      [50, 'Killing', 'liveness'],
      [80, 'Exited', 'liveness'],
      [90, 'BackOff', 'liveness'],
      [91, 'ImagePullBackOff', 'other'],
    ])
    expect(recs[1].detail).toMatch(/^Failure: cat: can't open/)
    expect(recs[4].detail).toBe('exit code 137 (Error)')
  })
})
