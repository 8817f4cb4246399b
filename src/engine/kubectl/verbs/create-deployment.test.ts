import { beforeEach, describe, expect, it } from 'vitest'
import { workloadsHarness } from '../testing-workloads'
import type { Harness } from '../testing'

let h: Harness
beforeEach(() => {
  h = workloadsHarness()
})

describe('kubectl create deployment', () => {
  it('--dry-run=client -o yaml prints the object kubectl builds', () => {
    expect(h.k('create deployment web --image=nginx:1.27 --replicas=3 --port=80 --dry-run=client -o yaml')).toEqual({
      code: 0,
      stderr: '',
      stdout: `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`,
    })
    expect(h.ctx.api.peek('deployments', 'default', 'web')).toBeUndefined()
  })

  it('creates through the API server; container names come from the images', () => {
    expect(h.k('create deployment api --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --image=busybox@sha256:abc')).toEqual({
      code: 0,
      stdout: 'deployment.apps/api created\n',
      stderr: '',
    })
    const d = h.ctx.api.get('deployments', 'default', 'api')
    expect(d.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['agnhost', 'busybox'])
    expect(d.spec.replicas).toBe(1)
    expect(d.metadata.labels).toEqual({ app: 'api' })
  })

  it('a name with . or _ gets - and a random suffix; args after -- become the command', () => {
    h.k('create deployment x --image=my_registry/web.app:1 -- /bin/serve --port 8080')
    const c = h.ctx.api.get('deployments', 'default', 'x').spec.template.spec.containers[0]
    expect(c.name).toMatch(/^web-app-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(c.command).toEqual(['/bin/serve', '--port', '8080'])
  })

  it('-n puts the namespace in the printed object; --dry-run=server runs the server defaults', () => {
    expect(h.k('create deployment web --image=nginx -n kube-system --dry-run=client -o yaml').stdout).toContain('  name: web\n  namespace: kube-system\nspec:')
    const out = h.k('create deployment web --image=nginx --dry-run=server -o yaml').stdout
    expect(out).toContain('  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n    type: RollingUpdate\n')
    expect(h.k('create deployment web --image=nginx --dry-run=server').stdout).toBe('deployment.apps/web created (server dry run)\n')
    expect(h.ctx.api.peek('deployments', 'default', 'web')).toBeUndefined()
  })

  it.each([
    ['create deployment web', 'error: required flag(s) "image" not set\n'],
    ['create deployment --image=nginx', "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n"],
    ['create deployment a b --image=nginx', "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n"],
    ['create deployment a --image=nginx --image=busybox -- sleep 1', 'error: cannot specify multiple --image options and command\n'],
    ['create deploy a --image=nginx --replicas=x', 'error: invalid argument "x" for "-r, --replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl create --help\' for usage.\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr })
  })

  it('a failed create is wrapped as kubectl wraps it', () => {
    h.k('create deployment web --image=nginx')
    expect(h.k('create deployment web --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n')
    expect(h.k('create deployment Web --image=nginx').stderr).toMatch(/^error: failed to create deployment: Deployment.apps "Web" is invalid: /)
  })
})
