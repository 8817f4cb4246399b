import { describe, expect, it } from 'vitest'
import { kubectlHarness } from './testing'

describe('what the playground does not simulate is said plainly', () => {
  const h = kubectlHarness()
  const simulated = h.ctx.api.registry.all().map((d) => d.resource).join(', ')

  it.each([
    ['get secrets', 'secrets', 'secrets'],
    ['get cm', 'cm', 'configmaps'],
    ['get sts,pods', 'sts', 'statefulsets'],
    ['describe pvc data', 'pvc', 'persistentvolumeclaims'],
    ['delete networkpolicy deny-all', 'networkpolicy', 'networkpolicies'],
    ['get cronjobs.batch', 'cronjobs.batch', 'cronjobs'],
    ['get crd', 'crd', 'customresourcedefinitions'],
    ['get quota', 'quota', 'resourcequotas'],
  ])('%s: kubectl\'s line, then ours', (line, typed, plural) => {
    expect(h.k(line)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: the server doesn't have a resource type "${typed}"\n(the playground does not simulate ${plural}; simulated: ${simulated})\n`,
    })
  })

  it('a made-up type keeps kubectl\'s single line', () => {
    expect(h.k('get frobs').stderr).toBe('error: the server doesn\'t have a resource type "frobs"\n')
  })

  it('applying an unserved kind keeps the mapping error and adds ours', () => {
    const cj = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n'
    expect(h.k('apply -f -', cj)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: resource mapping not found for name: "nightly" namespace: "" from "STDIN": no matches for kind "CronJob" in version "batch/v1"\nensure CRDs are installed first\n(the playground does not simulate CronJob objects)\n',
    })
  })

  it.each(['port-forward', 'attach', 'proxy', 'cp', 'auth', 'debug', 'wait', 'diff', 'kustomize', 'events', 'autoscale', 'completion'])('kubectl %s', (verb) => {
    expect(h.k(`${verb} pod/web`)).toEqual({ code: 1, stdout: '', stderr: `error: the playground does not simulate "kubectl ${verb}"\n` })
  })

  it.each([
    ['apply -f - --prune', 'prune', 'apply'],
    ['apply --server-side -f -', 'server-side', 'apply'],
    ['apply -f - --force-conflicts=true', 'force-conflicts', 'apply'],
    ['get pods --chunk-size=10', 'chunk-size', 'get'],
    ['get pods --show-managed-fields', 'show-managed-fields', 'get'],
    ['get pods --raw /api', 'raw', 'get'],
    ['get -k .', 'kustomize', 'get'],
    ['delete pod web --raw /api/v1/pods/web', 'raw', 'delete'],
    ['get pods --context kind-kind', 'context', 'get'],
  ])('%s: a real flag we lack', (line, flag, verb) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr: `error: the playground does not simulate the --${flag} flag of "kubectl ${verb}"\n` })
  })

  it('a flag kubectl does not have either stays pflag\'s error', () => {
    expect(h.k('get pods --frob').stderr).toBe("error: unknown flag: --frob\nSee 'kubectl get --help' for usage.\n")
  })
})
