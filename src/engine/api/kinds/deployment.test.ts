import { describe, expect, it } from 'vitest'
import { deploymentKind, validateDeploymentSpec } from './deployment'
import { fieldErrorString } from '../field-errors'
import { testContext } from '../../testing/context'
import { Registry } from '../../apiserver/registry'
import { ApiError } from '../../apiserver/errors'
import type { KObject } from '../types'

function raw(spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } },
      ...spec,
    },
  }
}

function defaulted(spec: Record<string, unknown> = {}): KObject {
  const o = raw(spec)
  deploymentKind.default!(o, { now: '2026-01-01T00:00:00Z' })
  return o
}

const errors = (o: KObject) => deploymentKind.validate!(o).map(fieldErrorString)

describe('Deployment kind', () => {
  it('is apps/v1 deployments, short name deploy, in category all', () => {
    expect([deploymentKind.apiVersion, deploymentKind.resource, deploymentKind.shortNames, deploymentKind.categories]).toEqual(['apps/v1', 'deployments', ['deploy'], ['all']])
    const r = new Registry()
    r.register(deploymentKind)
    expect(r.resolve('deploy')).toBe(deploymentKind)
    expect(r.resolve('deployments.apps')).toBe(deploymentKind)
  })

  it('defaults as SetDefaults_Deployment (REFERENCE 1.4)', () => {
    const d = defaulted()
    expect(d.spec.replicas).toBe(1)
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } })
    expect(d.spec.revisionHistoryLimit).toBe(10)
    expect(d.spec.progressDeadlineSeconds).toBe(600)
    // minReadySeconds is omitempty upstream: 0 is never materialised.
    expect(d.spec.minReadySeconds).toBeUndefined()
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' })
    expect(d.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' })
  })

  it('keeps what the user set and adds no rollingUpdate to Recreate', () => {
    const d = defaulted({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0 })
    expect(d.spec.replicas).toBe(0)
    expect(d.spec.strategy).toEqual({ type: 'Recreate' })
    expect(d.spec.revisionHistoryLimit).toBe(0)
    const partial = defaulted({ strategy: { rollingUpdate: { maxSurge: 2 } } })
    expect(partial.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } })
  })

  it.each([
    [{ maxSurge: 0, maxUnavailable: 0 }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    [{ maxSurge: '0%', maxUnavailable: '0%' }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0']],
    [{ maxSurge: '0%', maxUnavailable: 0 }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    [{ maxSurge: 1, maxUnavailable: '90' }, [
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"90\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]],
    [{ maxSurge: '20Percent', maxUnavailable: 1 }, [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]],
    [{ maxSurge: 1, maxUnavailable: '110%' }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%']],
    // Only maxUnavailable is capped at 100%: a 200% surge is allowed.
    [{ maxSurge: '200%', maxUnavailable: 0 }, []],
    [{ maxSurge: -1, maxUnavailable: 1 }, ['spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0']],
    [{ maxSurge: '25%', maxUnavailable: '25%' }, []],
  ])('rollingUpdate %j', (ru, want) => {
    expect(errors(defaulted({ strategy: { type: 'RollingUpdate', rollingUpdate: ru } }))).toEqual(want)
  })

  it('forbids rollingUpdate with Recreate and unknown strategy types', () => {
    expect(errors(defaulted({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ])
    expect(errors(defaulted({ strategy: { type: 'BlueGreen' } }))).toEqual([
      'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
    ])
  })

  it('checks the replicated spec, history limit and progress deadline', () => {
    expect(errors(defaulted({ replicas: -1 }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0'])
    expect(errors(defaulted({ revisionHistoryLimit: -2 }))).toEqual(['spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0'])
    expect(errors(defaulted({ minReadySeconds: 600 }))).toEqual(['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'])
    expect(errors(defaulted({ selector: { matchLabels: { app: 'other' } } }))).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ])
    expect(errors(defaulted({ selector: {} }))).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment'])
    expect(validateDeploymentSpec(defaulted().spec)).toEqual([])
  })

  it('is served by the API server: Invalid text, and the selector is immutable in apps/v1', () => {
    const ctx = testContext()
    ctx.api.registry.register(deploymentKind)
    const bad = raw({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })
    let err: ApiError | undefined
    try {
      ctx.api.create('deployments', bad, { actor: 'test' })
    } catch (e) {
      err = e as ApiError
    }
    expect(err?.kubectlMessage()).toBe('The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0')

    const d = ctx.api.create('deployments', raw(), { actor: 'test' })
    expect(d.status).toEqual({})
    const moved = structuredClone(d)
    moved.spec.selector = { matchLabels: { app: 'web', tier: 'fe' } }
    moved.spec.template.metadata.labels = { app: 'web', tier: 'fe' }
    expect(() => ctx.api.update('deployments', moved, { actor: 'test' })).toThrow(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable',
    )
    // Same selector written with keys in another order is not a change.
    const same = structuredClone(d)
    same.spec.replicas = 3
    expect(ctx.api.update('deployments', same, { actor: 'test' }).metadata.generation).toBe(2)
  })
})
