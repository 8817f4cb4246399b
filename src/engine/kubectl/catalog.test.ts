import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../api/kinds/registry'
import { kubectlCatalog } from './catalog'

describe('kubectlCatalog', () => {
  const c = kubectlCatalog(defaultRegistry())

  it('lists the verbs with the flags their parser accepts', () => {
    const get = c.verbs.find((v) => v.name === 'get')!
    expect(get.flags).toContainEqual({ name: 'output', short: 'o', takesValue: true })
    expect(get.flags).toContainEqual({ name: 'all-namespaces', short: 'A', takesValue: false })
    expect(c.globalFlags).toContainEqual({ name: 'namespace', short: 'n', takesValue: true })
  })

  it('lists the served resources as discovery names them', () => {
    const deploy = c.resources.find((r) => r.name === 'deployments')!
    expect(deploy).toEqual({ name: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', apiVersion: 'apps/v1', namespaced: true })
    expect(c.resources.find((r) => r.name === 'nodes')?.namespaced).toBe(false)
  })
})
