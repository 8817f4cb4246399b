import { describe, expect, it } from 'vitest'
import { deploymentHistory, historyRevision, historyTable, replicaSetsOf } from './history'
import { pauseDeployment, restartDeployment, resumeDeployment } from './pause'
import { CHANGE_CAUSE, RESTARTED_AT } from './annotations'
import { deployment, ownedRS } from './test-fixtures'

describe('kubectl rollout history', () => {
  const d = deployment('web', 3, { image: 'nginx:1.27' })
  const other = deployment('api', 1, { uid: 'uid-api' })
  const r1 = ownedRS(d, { image: 'nginx:1.26', replicas: 0, revision: 1 })
  const r3 = ownedRS(d, { replicas: 3, revision: 3, annotations: { [CHANGE_CAUSE]: 'kubectl set image deployment/web nginx=nginx:1.27' } })
  const foreign = ownedRS(other, { replicas: 1, revision: 2 })
  const odd = ownedRS(d, { image: 'x', replicas: 0, revision: 'garbage' })

  it("lists the Deployment's own ReplicaSets by revision", () => {
    const mine = replicaSetsOf(d, [r3, foreign, r1, odd])
    expect(mine.map((rs) => rs.metadata.name)).toEqual(['web-nginx127', 'web-nginx126', 'web-x'])
    const entries = deploymentHistory(mine)
    expect(entries.map((e) => [e.revision, e.changeCause])).toEqual([[1, '<none>'], [3, 'kubectl set image deployment/web nginx=nginx:1.27']])
    expect(historyTable(entries)).toBe('REVISION  CHANGE-CAUSE\n1         <none>\n3         kubectl set image deployment/web nginx=nginx:1.27\n')
    expect(historyRevision(entries, 1)).toEqual({ rs: r1 })
    expect(historyRevision(entries, 2)).toEqual({ error: 'unable to find the specified revision' })
  })
})

describe('kubectl rollout pause / resume / restart', () => {
  it('pause and resume flip spec.paused, with kubectl\'s errors', () => {
    const d = deployment('web', 1)
    const p = pauseDeployment(d)
    expect('object' in p && p.object.spec.paused).toBe(true)
    expect('object' in p && p.message).toBe('paused')
    const paused = deployment('web', 1, { paused: true })
    expect(pauseDeployment(paused)).toEqual({ error: 'is already paused' })
    expect(resumeDeployment(d)).toEqual({ error: 'is not paused' })
    const r = resumeDeployment(paused)
    expect('object' in r && r.object.spec.paused).toBeUndefined()
  })

  it('restart stamps the template, unless paused', () => {
    const r = restartDeployment(deployment('web', 1), '2026-01-01T00:05:00Z')
    expect('object' in r && r.object.spec.template.metadata?.annotations).toEqual({ [RESTARTED_AT]: '2026-01-01T00:05:00Z' })
    expect(restartDeployment(deployment('web', 1, { paused: true }), 'x')).toEqual({ error: "can't restart paused deployment (run rollout resume first)" })
  })
})
