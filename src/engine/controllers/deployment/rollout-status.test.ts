import { describe, expect, it } from 'vitest'
import { rolloutStatus } from './rollout-status'
import { deployment } from './test-fixtures'
import type { DeploymentStatus } from '../../api/kinds/deployment'

describe('kubectl rollout status (REFERENCE 5.7)', () => {
  const at = (status: DeploymentStatus, generation = 2) => rolloutStatus(deployment('web', 4, { generation, status }))
  const wait = 'Waiting for deployment "web" rollout to finish: '

  it.each([
    [{ observedGeneration: 1 }, 'Waiting for deployment spec update to be observed...\n'],
    [{ observedGeneration: 2, replicas: 5, updatedReplicas: 1, availableReplicas: 4 }, `${wait}1 out of 4 new replicas have been updated...\n`],
    [{ observedGeneration: 2, replicas: 5, updatedReplicas: 4, availableReplicas: 4 }, `${wait}1 old replicas are pending termination...\n`],
    [{ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 3 }, `${wait}3 of 4 updated replicas are available...\n`],
  ])('%j', (status, message) => {
    expect(at(status)).toEqual({ message, done: false })
  })

  it('finishes, or fails on a progress deadline', () => {
    expect(at({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 4 })).toEqual({ message: 'deployment "web" successfully rolled out\n', done: true })
    const timedOut: DeploymentStatus = {
      observedGeneration: 2, replicas: 5, updatedReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-x" has timed out progressing.' }],
    }
    expect(at(timedOut)).toEqual({ error: 'deployment "web" exceeded its progress deadline' })
    // The generation check comes first.
    expect(at(timedOut, 3)).toEqual({ message: 'Waiting for deployment spec update to be observed...\n', done: false })
  })

  it('--revision must be the running one', () => {
    const d = deployment('web', 1, { annotations: { 'deployment.kubernetes.io/revision': '3' }, status: { observedGeneration: 1 } })
    expect(rolloutStatus(d, 2)).toEqual({ error: 'desired revision (2) is different from the running revision (3)' })
    expect(rolloutStatus(d, 3)).toMatchObject({ done: false })
  })
})
