import { beforeEach, describe, expect, it } from 'vitest'
import type { Harness } from '../testing'
import { deploymentYaml, workloadsHarness } from '../testing-workloads'

let h: Harness
beforeEach(() => {
  h = workloadsHarness()
  h.k('apply -f -', deploymentYaml('web'))
})
const get = () => h.ctx.api.get('deployments', 'default', 'web')

describe('kubectl patch', () => {
  it('strategic merge (default): containers merge by name', () => {
    const p = `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}`
    expect(h.k(`patch deployment web -p '${p}'`)).toEqual({ code: 0, stdout: 'deployment.apps/web patched\n', stderr: '' })
    expect(get().spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.28', ports: [{ containerPort: 80, protocol: 'TCP' }] })
    expect(h.k(`patch deployment web -p '${p}'`).stdout).toBe('deployment.apps/web patched (no change)\n')
  })
  it('YAML patches are accepted', () => {
    expect(h.k("patch deploy/web -p 'spec: {replicas: 5}'").stdout).toBe('deployment.apps/web patched\n')
    expect(get().spec.replicas).toBe(5)
  })
  it('--type=merge replaces lists', () => {
    h.k(`patch deploy web --type=merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}'`)
    expect(get().spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['c'])
  })
  it('--type=json applies RFC 6902 operations; a failing one is the server\'s opaque 422', () => {
    expect(h.k(`patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`).stdout).toBe('deployment.apps/web patched\n')
    expect(get().spec.replicas).toBe(2)
    expect(h.k(`patch deploy web --type=json -p '[{"op":"replace","path":"/spec/nope/x","value":2}]'`)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The request is invalid: the server rejected our request due to an error in our request\n',
    })
    expect(h.k(`patch deploy web --type=json -p '{"op":"add"}'`).stderr).toBe('Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n')
    expect(h.k(`patch deploy web --type=json --dry-run=client -p '[{"op":"replace","path":"/spec/nope","value":2}]'`).stderr).toBe(
      'error: Object to be patched is missing field (/spec/nope: missing value)\n',
    )
  })
  it('the server validates the result', () => {
    expect(h.k(`patch deploy web -p '{"spec":{"replicas":-1}}'`).stderr).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n')
    expect(get().spec.replicas).toBe(3)
  })
  it('--dry-run prints without writing', () => {
    expect(h.k(`patch deploy web -p '{"spec":{"replicas":9}}' --dry-run=client`).stdout).toBe('deployment.apps/web patched (dry run)\n')
    expect(h.k(`patch deploy web -p '{"spec":{"replicas":9}}' --dry-run=server`).stdout).toBe('deployment.apps/web patched (server dry run)\n')
    expect(get().spec.replicas).toBe(3)
  })
  it.each([
    ['patch deploy web', 'error: must specify --patch or --patch-file containing the contents of the patch\n'],
    ["patch deploy web --type=xml -p '{}'", 'error: --type must be one of [json merge strategic], not "xml"\n'],
    ["patch deploy -p '{}'", 'error: resource(s) were provided, but no name was specified\n'],
    ["patch deploy nope -p '{}'", 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ["patch deploy web -p '{bad'", "Error from server (BadRequest): invalid character 'b' looking for beginning of object key string\n"],
    ["patch deploy web -p 'a: [b'", 'error: unable to parse "a: [b": yaml: line 1: did not find expected \',\' or \']\'\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr })
  })
})
