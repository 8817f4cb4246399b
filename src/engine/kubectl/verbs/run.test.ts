import { beforeEach, describe, expect, it } from 'vitest'
import { kubectlHarness, type Harness } from '../testing'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
})

describe('kubectl run', () => {
  it('--dry-run=client -o yaml: the run-pod/v1 generator\'s Pod', () => {
    expect(h.k('run nginx --image=nginx --dry-run=client -o yaml')).toEqual({
      code: 0,
      stderr: '',
      stdout: `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
    })
  })

  it('creates the Pod: labels, port, env, restart policy, args or --command', () => {
    expect(h.k('run web --image=nginx:1.27 --port=80 --labels=app=web,tier=fe --env=MODE=prod --env=X=a=b')).toEqual({ code: 0, stdout: 'pod/web created\n', stderr: '' })
    const web = h.ctx.api.get('pods', 'default', 'web')
    expect(web.metadata.labels).toEqual({ app: 'web', tier: 'fe' })
    expect(web.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }])
    expect(web.spec.containers[0].env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'X', value: 'a=b' }])
    h.k('run job --image=busybox --restart=Never -- sleep 3600')
    expect(h.ctx.api.get('pods', 'default', 'job').spec.containers[0].args).toEqual(['sleep', '3600'])
    expect(h.ctx.api.get('pods', 'default', 'job').spec.restartPolicy).toBe('Never')
    h.k('run sh --image=busybox --command -- sh -c "echo hi"')
    expect(h.ctx.api.get('pods', 'default', 'sh').spec.containers[0].command).toEqual(['sh', '-c', 'echo hi'])
    expect(h.k('run web --image=nginx').stderr).toBe('Error from server (AlreadyExists): pods "web" already exists\n')
  })

  it.each([
    ['run web', 'error: required flag(s) "image" not set\n'],
    ['run --image=nginx', 'error: NAME is required for run\n'],
    ['run web --image=Nginx', 'error: Invalid image name "Nginx": invalid reference format\n'],
    ['run web --image=nginx --restart=Sometimes', 'error: invalid restart policy: Sometimes\n'],
    ['run web --image=nginx -t', 'error: -i/--stdin is required for containers with -t/--tty=true\n'],
    ['run web --image=nginx --rm', 'error: --rm should only be used for attached containers\n'],
    ['run web --image=nginx --image-pull-policy=Sometimes', 'error: invalid image pull policy: Sometimes\n'],
    ['run web --image=nginx --env=1X=a', 'error: invalid env: 1X=a\n'],
    ['run web --image=nginx --labels=app', 'error: unexpected label spec: app\n'],
    ['run web --image=nginx --port=http', 'error: strconv.ParseUint: parsing "http": invalid syntax\n'],
    ['run web --image=nginx --expose', 'error: --port must be set when exposing a service\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr })
  })

  it('attaching has no terminal to attach to', () => {
    expect(h.k('run -it bb --image=busybox -- sh').stderr).toMatch(/^error: the playground's kubectl cannot attach to a container/)
  })
})
