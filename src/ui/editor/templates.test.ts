import { describe, expect, it } from 'vitest'
import { createCluster } from '../../engine/index'
import { syntaxDiagnostics } from './diagnostics'
import { TEMPLATES } from './templates'

/** Every "New" template is a manifest the simulated cluster (like a real one) accepts as is. */
describe('templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.yaml]))('%s applies cleanly', (_id, yaml) => {
    expect(syntaxDiagnostics(yaml)).toEqual([])
    const c = createCluster({ seed: 1 })
    const r = c.kubectl('apply -f -', yaml)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/ created\n$/)
  })

  it('ids are unique', () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length)
  })
})
