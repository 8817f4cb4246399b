import { describe, expect, it } from 'vitest'
import {
  DESIRED_REPLICAS, LAST_APPLIED, MAX_REPLICAS, REVISION, REVISION_HISTORY, copyDeploymentAnnotationsToReplicaSet,
  nonNegativeInt32Annotation, replicasAnnotationsNeedUpdate, rollbackAnnotations, setNewReplicaSetAnnotations, setReplicasAnnotations,
} from './annotations'
import { deployment, ownedRS } from './test-fixtures'

describe('ReplicaSet annotations (REFERENCE 5.1)', () => {
  const d = deployment('web', 4, {
    annotations: { team: 'a', [LAST_APPLIED]: '{}', [REVISION]: '3', [DESIRED_REPLICAS]: '9', 'deprecated.deployment.rollback.to': '1' },
  })

  it('copies every Deployment annotation but the skip list', () => {
    const rs = ownedRS(d, { replicas: 1 })
    expect(copyDeploymentAnnotationsToReplicaSet(d, rs)).toBe(true)
    expect(rs.metadata.annotations).toEqual({ team: 'a' })
    expect(copyDeploymentAnnotationsToReplicaSet(d, rs)).toBe(false)
  })

  it('a new RS gets the revision, desired-replicas and max-replicas', () => {
    const rs = ownedRS(d, { replicas: 1 })
    expect(setNewReplicaSetAnnotations(d, rs, '4', false, 1)).toBe(true)
    expect(rs.metadata.annotations).toEqual({ team: 'a', [REVISION]: '4', [DESIRED_REPLICAS]: '4', [MAX_REPLICAS]: '5' })
  })

  it('the revision only goes up, compared as integers; a rollback appends to revision-history', () => {
    const rs = ownedRS(d, { replicas: 1, revision: 10, annotations: { team: 'a' } })
    expect(setNewReplicaSetAnnotations(d, rs, '9', true, 1)).toBe(false)
    expect(rs.metadata.annotations?.[REVISION]).toBe('10')
    expect(setNewReplicaSetAnnotations(d, rs, '11', true, 1)).toBe(true)
    expect(rs.metadata.annotations?.[REVISION_HISTORY]).toBe('10')
    setNewReplicaSetAnnotations(d, rs, '14', true, 1)
    expect(rs.metadata.annotations?.[REVISION_HISTORY]).toBe('10,11')
    // An existing RS is not given replica annotations by this path.
    expect(rs.metadata.annotations?.[DESIRED_REPLICAS]).toBeUndefined()
  })

  it('revision-history is trimmed from the front to the character limit', () => {
    const rs = ownedRS(d, { replicas: 1, revision: 5, annotations: { team: 'a', [REVISION_HISTORY]: '1,2,3,4' } })
    setNewReplicaSetAnnotations(d, rs, '6', true, 1, 8)
    expect(rs.metadata.annotations?.[REVISION_HISTORY]).toBe('2,3,4,5')
  })

  it('a non-integer revision blocks the update', () => {
    const rs = ownedRS(d, { replicas: 1, revision: 'abc', annotations: { team: 'a' } })
    expect(setNewReplicaSetAnnotations(d, rs, '2', true, 1)).toBe(false)
    expect(rs.metadata.annotations?.[REVISION]).toBe('abc')
  })

  it('replica annotations and their parsing', () => {
    const rs = ownedRS(d, { replicas: 1 })
    expect(replicasAnnotationsNeedUpdate(rs, 4, 5)).toBe(true)
    expect(setReplicasAnnotations(rs, 4, 5)).toBe(true)
    expect(replicasAnnotationsNeedUpdate(rs, 4, 5)).toBe(false)
    expect(nonNegativeInt32Annotation(rs, MAX_REPLICAS)).toBe(5)
    rs.metadata.annotations![MAX_REPLICAS] = '+5'
    expect(nonNegativeInt32Annotation(rs, MAX_REPLICAS)).toBeUndefined()
    rs.metadata.annotations![MAX_REPLICAS] = '2147483648'
    expect(nonNegativeInt32Annotation(rs, MAX_REPLICAS)).toBeUndefined()
  })

  it('a rollback keeps the Deployment skip-list annotations and takes the others from the RS', () => {
    const rs = ownedRS(d, { replicas: 1, revision: 2, annotations: { team: 'b', 'kubernetes.io/change-cause': 'x', [MAX_REPLICAS]: '5' } })
    expect(rollbackAnnotations(d, rs)).toEqual({
      [LAST_APPLIED]: '{}', [REVISION]: '3', [DESIRED_REPLICAS]: '9', 'deprecated.deployment.rollback.to': '1', team: 'b', 'kubernetes.io/change-cause': 'x',
    })
  })
})
