import { describe, expect, it } from 'vitest'
import { applyUndo, controllerRollback, getRollbackTo, rolloutUndo, setFromReplicaSetTemplate } from './rollback'
import { CHANGE_CAUSE, LAST_APPLIED, REVISION, POD_TEMPLATE_HASH } from './annotations'
import { deployment, ownedRS } from './test-fixtures'

describe('kubectl rollout undo (REFERENCE 5.7)', () => {
  // Revisions 1, 2, 3; 3 is current (nginx:1.27).
  const d = deployment('web', 3, { image: 'nginx:1.27', annotations: { [REVISION]: '3', [LAST_APPLIED]: '{"x":1}', team: 'now' } })
  const r1 = ownedRS(d, { image: 'nginx:1.25', replicas: 0, revision: 1, created: 1, annotations: { [CHANGE_CAUSE]: 'one', team: 'then' } })
  const r2 = ownedRS(d, { image: 'nginx:1.26', replicas: 0, revision: 2, created: 2, annotations: { [CHANGE_CAUSE]: 'two' } })
  const r3 = ownedRS(d, { replicas: 3, revision: 3, created: 3 })
  const all = [r3, r1, r2]

  it('undo with no revision restores the second-highest: revision 2', () => {
    const r = rolloutUndo(d, all)
    expect(r.kind).toBe('patch')
    if (r.kind !== 'patch') return
    expect(r.message).toBe('rolled back')
    expect(r.revision).toBe(2)
    expect(r.template.spec.containers[0].image).toBe('nginx:1.26')
    expect(r.template.metadata?.labels).toEqual({ app: 'web' })
    expect(r.annotations).toEqual({ [REVISION]: '3', [LAST_APPLIED]: '{"x":1}', [CHANGE_CAUSE]: 'two' })
    const next = applyUndo(d, r)
    expect(next.spec.template.spec.containers[0].image).toBe('nginx:1.26')
    expect(next.metadata.annotations).toEqual(r.annotations)
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27')
  })

  it('--to-revision picks that revision, or fails with kubectl\'s text', () => {
    const r = rolloutUndo(d, all, 1)
    expect(r.kind === 'patch' && r.template.spec.containers[0].image).toBe('nginx:1.25')
    expect(r.kind === 'patch' && r.annotations.team).toBe('then')
    expect(rolloutUndo(d, all, 7)).toEqual({ kind: 'error', message: 'unable to find specified revision 7 in history' })
    expect(rolloutUndo(d, all, -1)).toEqual({ kind: 'error', message: 'unable to find specified revision -1 in history' })
  })

  it('no history, paused, or already there', () => {
    expect(rolloutUndo(d, [r3])).toEqual({ kind: 'error', message: 'no rollout history found for deployment "web"' })
    const paused = deployment('web', 3, { image: 'nginx:1.27', paused: true })
    expect(rolloutUndo(paused, all, 1)).toEqual({
      kind: 'error', message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again",
    })
    // A missing revision is reported before the paused check, as kubectl does.
    expect(rolloutUndo(paused, all, 9)).toEqual({ kind: 'error', message: 'unable to find specified revision 9 in history' })
    expect(rolloutUndo(d, all, 3)).toEqual({ kind: 'skipped', message: 'skipped rollback (current template already matches revision 3)', revision: 3 })
  })
})

describe('the deprecated rollbackTo annotation (controller side)', () => {
  const d = deployment('web', 3, { image: 'nginx:1.27', annotations: { 'deprecated.deployment.rollback.to': '0' } })
  const r1 = ownedRS(d, { image: 'nginx:1.25', replicas: 0, revision: 1 })
  const r2 = ownedRS(d, { replicas: 3, revision: 2 })

  it('reads the annotation; garbage is ignored', () => {
    expect(getRollbackTo(d)).toBe(0)
    expect(getRollbackTo(deployment('web', 1, { annotations: { 'deprecated.deployment.rollback.to': 'x' } }))).toBeUndefined()
    expect(getRollbackTo(deployment('web', 1))).toBeUndefined()
  })

  it('0 means the last revision; messages and reasons as upstream', () => {
    expect(controllerRollback(d, [r1, r2], 0)).toMatchObject({ kind: 'rollback', revision: 1, message: 'Rolled back deployment "web" to revision 1' })
    expect(controllerRollback(d, [r2], 0)).toEqual({ kind: 'not-found', reason: 'DeploymentRollbackRevisionNotFound', message: 'Unable to find last revision.' })
    expect(controllerRollback(d, [r1, r2], 5)).toEqual({ kind: 'not-found', reason: 'DeploymentRollbackRevisionNotFound', message: 'Unable to find the revision to rollback to.' })
    expect(controllerRollback(d, [r1, r2], 2)).toEqual({
      kind: 'unchanged', reason: 'DeploymentRollbackTemplateUnchanged', message: 'The rollback revision contains the same template as current deployment "web"',
    })
  })

  it('SetFromReplicaSetTemplate drops the hash label', () => {
    const copy = structuredClone(d)
    setFromReplicaSetTemplate(copy, r1.spec.template)
    expect(copy.spec.template.metadata?.labels?.[POD_TEMPLATE_HASH]).toBeUndefined()
    expect(copy.spec.template.spec.containers[0].image).toBe('nginx:1.25')
  })
})
