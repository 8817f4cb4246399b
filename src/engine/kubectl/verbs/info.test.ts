import { describe, expect, it } from 'vitest'
import { kubectlHarness } from '../testing'
import { kubeDnsService } from '../../net/system-services'

const h = kubectlHarness()

describe('kubectl api-resources', () => {
  it('NAME SHORTNAMES APIVERSION NAMESPACED KIND, core group first, then by group', () => {
    const out = h.k('api-resources').stdout.split('\n')
    expect(out[0]).toMatch(/^NAME {2,}SHORTNAMES {3}APIVERSION {2,}NAMESPACED {3}KIND$/)
    expect(out).toContainEqual(expect.stringMatching(/^pods {2,}po {11}v1 {2,}true {9}Pod$/))
    expect(out).toContainEqual(expect.stringMatching(/^deployments {2,}deploy {7}apps\/v1 {2,}true {9}Deployment$/))
    const names = out.slice(1, -1).map((l) => l.split(/\s+/)[0])
    expect(names.indexOf('services')).toBeLessThan(names.indexOf('deployments'))
    expect(names.indexOf('replicasets')).toBeLessThan(names.indexOf('endpointslices'))
  })
  it('--namespaced=false, -o name, --api-group', () => {
    expect(h.k('api-resources --namespaced=false -o name').stdout).toBe('namespaces\nnodes\n')
    expect(h.k('api-resources --api-group=apps -o name').stdout).toBe('deployments.apps\nreplicasets.apps\n')
  })
})

describe('kubectl explain', () => {
  it('a kind: header, description, fields with their descriptions', () => {
    const out = h.k('explain pods').stdout
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n    APIVersion defines the versioned schema of this representation of an object.\n')).toBe(true)
    expect(out).toContain('\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n')
    expect(out.endsWith('#spec-and-status\n\n\n')).toBe(true)
  })
  it('a field: GROUP for named groups, FIELD line, descriptions keep their line breaks', () => {
    // funcs.go `wrap` keeps line breaks (kubernetes#126533's removal was reverted): the field's
    // description and its type's are separate lines, the enum list stays a list, and a blank
    // line (indented, as `indent` pads after every newline) separates DESCRIPTION from FIELDS.
    expect(h.k('explain deployment.spec.strategy')).toEqual({
      code: 0,
      stderr: '',
      stdout: `GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new ones.
    DeploymentStrategy describes how to replace existing pods with new ones.
    
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    Rolling update config params. Present only if DeploymentStrategyType =
    RollingUpdate.

  type\t<string>
  enum: Recreate, RollingUpdate
    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is
    RollingUpdate.
    
    Possible enum values:
     - \`"Recreate"\` Kill all existing pods before creating new ones.
     - \`"RollingUpdate"\` Replace the old ReplicaSets by new one using rolling
    update i.e gradually scale down the old ReplicaSets and scale up the new
    one.


`,
    })
    expect(h.k('explain pod.spec.containers').stdout).toContain('    updated.\n    A single application container that you want to run within a pod.\n    \nFIELDS:\n')
  })
  it('list fields, --recursive, errors', () => {
    expect(h.k('explain rs.spec.template.spec.containers').stdout).toContain('FIELD: containers <[]Container>\n\n\nDESCRIPTION:\n')
    expect(h.k('explain deploy --recursive').stdout).toContain('  spec\t<DeploymentSpec>\n    minReadySeconds\t<integer>\n')
    expect(h.k('explain pod.spec.nope')).toEqual({ code: 1, stdout: '', stderr: 'error: field "nope" does not exist\n' })
    expect(h.k('explain foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
    expect(h.k('explain').stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n')
  })
})

describe('version, cluster-info, config, help, edit', () => {
  it('version', () => {
    expect(h.k('version')).toEqual({ code: 0, stderr: '', stdout: 'Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n' })
    expect(h.k('version --client').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\n')
    expect(JSON.parse(h.k('version -o json').stdout).serverVersion.gitVersion).toBe('v1.33.1')
  })
  it('cluster-info: the control plane and each cluster-service Service', () => {
    h.ctx.api.create('services', kubeDnsService(), { actor: 'test' })
    expect(h.k('cluster-info')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'Kubernetes control plane is running at https://172.18.0.1:6443\n' +
        'CoreDNS is running at https://172.18.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n' +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    })
  })
  it('config view / current-context / get-contexts / use-context', () => {
    expect(h.k('config view').stdout).toBe(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://172.18.0.1:6443
  name: kube-playground
contexts:
- context:
    cluster: kube-playground
    user: kube-playground
  name: kube-playground
current-context: kube-playground
kind: Config
preferences: {}
users:
- name: kube-playground
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: REDACTED
`)
    expect(h.k('config current-context').stdout).toBe('kube-playground\n')
    expect(h.k('config get-contexts').stdout).toBe('CURRENT   NAME              CLUSTER           AUTHINFO          NAMESPACE\n*         kube-playground   kube-playground   kube-playground   \n')
    expect(h.k('config use-context kind-kind').stderr).toBe('error: no context exists with the name: "kind-kind"\n')
    expect(h.k('config use-context kube-playground').stdout).toBe('Switched to context "kube-playground".\n')
  })
  it('help lists every verb and kind and what is not simulated', () => {
    const out = h.k('help').stdout
    for (const verb of ['rollout', 'set', 'patch', 'label', 'explain', 'get', 'apply']) expect(out).toMatch(new RegExp(`\\n  ${verb} +\\S`))
    expect(out).toContain('  Deployment ')
    expect(out).toContain('\nNot simulated (these say so when used):\n  - commands: autoscale, certificate, attach, port-forward, proxy, cp, auth, debug, events, diff, wait, kustomize, plugin, completion, alpha, api-versions, options\n')
    // `get -w` streams now; the Commands section lists only real commands of this kubectl.
    expect(out).toContain('  - get -w / --watch-only prints the objects now, then the console streams every later change\n')
    expect(out).not.toMatch(/get -w[^\n]*report the state now/)
    const commands = out.slice(out.indexOf('Commands:\n'), out.indexOf('\n\nKinds'))
    expect(commands).not.toMatch(/\n  wait /)
    for (const m of commands.matchAll(/\n  (\S+)/g)) expect(h.k(`${m[1]} --help`).code, m[1]).toBe(0)
    expect(h.k('help rollout').stdout).toContain('Usage:\n  kubectl rollout SUBCOMMAND')
  })
  it('edit explains that the engine has no editor, after checking the object exists', () => {
    expect(h.k('edit ns default').stderr).toMatch(/^error: the playground's kubectl cannot start an editor from this console: open namespace\/default in the YAML editor/)
    expect(h.k('edit pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
  })
})
