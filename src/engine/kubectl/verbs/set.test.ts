import { beforeEach, describe, expect, it } from 'vitest'
import { addPod, type Harness } from '../testing'
import { deploymentYaml, workloadsHarness } from '../testing-workloads'

let h: Harness
beforeEach(() => {
  h = workloadsHarness()
  h.k('apply -f -', deploymentYaml('web'))
})

const image = (kind: string, name: string) => h.ctx.api.get(kind, 'default', name).spec.template.spec.containers.map((c: { image: string }) => c.image)

describe('kubectl set image', () => {
  it('sets a container image in a pod template and prints `image updated`', () => {
    expect(h.k('set image deployment/web nginx=nginx:1.28')).toEqual({ code: 0, stdout: 'deployment.apps/web image updated\n', stderr: '' })
    expect(image('deployments', 'web')).toEqual(['nginx:1.28'])
  })
  it('an unchanged image sends an empty patch, which kubectl does not print', () => {
    expect(h.k('set image deploy web nginx=nginx:1.27')).toEqual({ code: 0, stdout: '', stderr: '' })
  })
  it('`*` sets every container; pods, replica sets and replication controllers work too', () => {
    addPod(h, 'p', { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:1' }] })
    expect(h.k('set image pod/p *=busybox:1.36').stdout).toBe('pod/p image updated\n')
    expect(h.ctx.api.get('pods', 'default', 'p').spec.containers.map((c: { image: string }) => c.image)).toEqual(['busybox:1.36', 'busybox:1.36'])
  })
  it('a missing container is an error; the other changes still happen', () => {
    h.k('create deployment two --image=nginx --image=busybox')
    const r = h.k('set image deployment/two nginx=nginx:1.28 sidecar=envoy')
    expect(r).toEqual({ code: 1, stdout: 'deployment.apps/two image updated\n', stderr: 'error: unable to find container named "sidecar"\n' })
    expect(image('deployments', 'two')).toEqual(['nginx:1.28', 'busybox'])
  })
  it('--record stores the command line as the change-cause (and warns that it is deprecated)', () => {
    const r = h.k('set image deployment/web nginx=nginx:1.28 --record')
    expect(r.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n')
    expect(h.ctx.api.get('deployments', 'default', 'web').metadata.annotations?.['kubernetes.io/change-cause']).toBe('kubectl set image deployment/web nginx=nginx:1.28 --record=true')
  })
  it('--dry-run=client changes nothing', () => {
    expect(h.k('set image deployment/web nginx=nginx:1.28 --dry-run=client').stdout).toBe('deployment.apps/web image updated (dry run)\n')
    expect(image('deployments', 'web')).toEqual(['nginx:1.27'])
  })
  it.each([
    ['set image deployment/web', 'error: at least one image update is required\n'],
    ['set image nginx=nginx:1.28', "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
    ['set image deployment/web *=a nginx=b', 'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n'],
    ['set image deployment/web nginx=b web', 'error: all resources must be specified before image changes: web\n'],
    ['set image deployment/nope nginx=b', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['set image ns/default nginx=b', 'error: namespaces/default the object is not a pod or does not have a pod template: *v1.Namespace\n'],
    ['set env deployment/web A=1', "error: the playground's kubectl does not simulate 'kubectl set env'; only 'kubectl set image' is available (or edit the object with 'kubectl patch' / 'kubectl apply')\n"],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr })
  })
})
