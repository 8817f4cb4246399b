import { describe, expect, it } from 'vitest'
import { pauseCommand, restartCommand, scaleCommand, setImageCommand, strategyCommand, undoCommand } from './commands'

const web = { kind: 'Deployment', name: 'web', namespace: 'default' }
const rc = { kind: 'ReplicationController', name: 'old', namespace: 'shop' }

describe('the kubectl lines behind the Workloads buttons', () => {
  it.each([
    [scaleCommand(web, 4), 'kubectl scale deployment/web --replicas=4'],
    [scaleCommand(rc, 0), 'kubectl scale replicationcontroller/old --replicas=0 -n shop'],
    [setImageCommand(web, 'nginx', 'nginx:1.27'), 'kubectl set image deployment/web nginx=nginx:1.27'],
    [setImageCommand(web, 'nginx', 'registry.local:5000/nginx@sha256:abc'), 'kubectl set image deployment/web nginx=registry.local:5000/nginx@sha256:abc'],
    [setImageCommand(web, 'app', "it's bad"), `kubectl set image deployment/web 'app=it'\\''s bad'`],
    [undoCommand(web), 'kubectl rollout undo deployment/web'],
    [undoCommand(web, 2), 'kubectl rollout undo deployment/web --to-revision=2'],
    [pauseCommand(web, true), 'kubectl rollout pause deployment/web'],
    [pauseCommand(web, false), 'kubectl rollout resume deployment/web'],
    [restartCommand({ ...web, namespace: 'prod' }), 'kubectl rollout restart deployment/web -n prod'],
  ])('%s', (got, want) => expect(got).toBe(want))

  it('switching to Recreate clears rollingUpdate (validation forbids it with Recreate)', () => {
    const line = strategyCommand(web, 'Recreate')
    expect(line).toBe(`kubectl patch deployment/web -p '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}'`)
    expect(JSON.parse(line.slice(line.indexOf("'") + 1, -1))).toEqual({ spec: { strategy: { type: 'Recreate', rollingUpdate: null } } })
  })

  it('switching back to RollingUpdate lets the API server default the fenceposts', () => {
    expect(strategyCommand(web, 'RollingUpdate')).toBe(`kubectl patch deployment/web -p '{"spec":{"strategy":{"type":"RollingUpdate"}}}'`)
  })
})
