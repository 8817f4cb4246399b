import { beforeEach, describe, expect, it } from 'vitest'
import { kubectlHarness, type Harness } from '../testing'
import { parsePorts } from './create-service'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
})

describe('kubectl create service', () => {
  it('clusterip: label and selector app=NAME, port named after the spec, TCP', () => {
    expect(h.k('create service clusterip my-cs --tcp=5678:8080')).toEqual({ code: 0, stdout: 'service/my-cs created\n', stderr: '' })
    const svc = h.ctx.api.get('services', 'default', 'my-cs')
    expect(svc.metadata.labels).toEqual({ app: 'my-cs' })
    expect(svc.spec.selector).toEqual({ app: 'my-cs' })
    expect(svc.spec.type).toBe('ClusterIP')
    expect(svc.spec.ports).toEqual([{ name: '5678-8080', port: 5678, protocol: 'TCP', targetPort: 8080 }])
    expect(svc.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z')
  })

  it('nodeport with --node-port and a named target port; several --tcp', () => {
    expect(h.k('create svc nodeport my-ns --tcp=80:http --node-port=30080').stdout).toBe('service/my-ns created\n')
    expect(h.ctx.api.get('services', 'default', 'my-ns').spec.ports).toEqual([{ name: '80-http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080 }])
    expect(h.k('create svc nodeport two --tcp=80,443:8443').code).toBe(0)
    expect(h.ctx.api.get('services', 'default', 'two').spec.ports.map((p: { name: string; targetPort: number }) => `${p.name}>${p.targetPort}`)).toEqual(['80>80', '443-8443>8443'])
  })

  it('headless, loadbalancer, externalname', () => {
    expect(h.k('create service clusterip db --clusterip=None').stdout).toBe('service/db created\n')
    expect(h.k('create service loadbalancer lb --tcp=80').stdout).toBe('service/lb created\n')
    expect(h.k('create service externalname ext --external-name db.example.com').stdout).toBe('service/ext created\n')
    expect(h.ctx.api.get('services', 'default', 'db').spec.clusterIP).toBe('None')
    expect(h.ctx.api.get('services', 'default', 'ext').spec).toMatchObject({ type: 'ExternalName', externalName: 'db.example.com' })
    expect(h.k('get svc db ext lb --no-headers').stdout).toMatch(/^db +ClusterIP +None +<none> +<none> +0s\next +ExternalName +<none> +db\.example\.com +<none> +0s\nlb +LoadBalancer +10\.\d+\.\d+\.\d+ +<pending> +80:3\d{4}\/TCP +0s\n$/)
  })

  it('--dry-run=client -o yaml prints the object as kubectl builds it (Go zero values included)', () => {
    expect(h.k('create service nodeport web --tcp=80:8080 --dry-run=client -o yaml -n kube-system')).toEqual({
      code: 0,
      stderr: '',
      stdout: `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
  namespace: kube-system
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: NodePort
status:
  loadBalancer: {}
`,
    })
    expect(h.ctx.api.peek('services', 'kube-system', 'web')).toBeUndefined()
    expect(h.k('create service clusterip web --tcp=80 --dry-run=server').stdout).toBe('service/web created (server dry run)\n')
    expect(h.k('create service clusterip web --tcp=80 -o name').stdout).toBe('service/web\n')
  })

  it.each<[string, string]>([
    ['create service clusterip my-cs', 'error: at least one tcp port specifier must be provided\n'],
    ['create service nodeport np --clusterip=None', "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n"],
    ['create service clusterip x --tcp=80 --node-port=30000', "error: unknown flag: --node-port\nSee 'kubectl create service clusterip --help' for usage.\n"],
    ['create service clusterip --tcp=80', "error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples\n"],
    ['create service clusterip a b --tcp=80', "error: exactly one NAME is required, got 2\nSee 'kubectl create service clusterip -h' for help and examples\n"],
    ['create service externalname ext', 'error: required flag(s) "external-name" not set\n'],
    ['create service externalname ext --external-name=Bad_Name', 'error: invalid service external name Bad_Name\n'],
    ['create service clusterip x --tcp=abc', 'error: strconv.ParseUint: parsing "abc": invalid syntax\n'],
    ['create service clusterip x --tcp=70000', 'error: strconv.ParseUint: parsing "70000": value out of range\n'],
    ['create service clusterip x --tcp=80:0', 'error: must be between 1 and 65535, inclusive\n'],
    ['create service clusterip x --tcp=80:Http', 'error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n'],
    ['create service headless x', "error: unknown command \"headless x\"\nSee 'kubectl create service -h' for help and examples\n"],
    ['create service clusterip x --tcp=80 --image=nginx', "error: unknown flag: --image\nSee 'kubectl create service clusterip --help' for usage.\n"],
  ])('%s', (line, stderr) => expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr }))

  it('an existing Service: failed to create <Type> service', () => {
    h.k('create service clusterip web --tcp=80')
    expect(h.k('create service clusterip web --tcp=80')).toEqual({ code: 1, stdout: '', stderr: 'error: failed to create ClusterIP service: services "web" already exists\n' })
  })

  it('without a type: the help on stderr, exit 1', () => {
    const r = h.k('create service')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('Available Commands:\n  clusterip     Create a ClusterIP service\n  externalname  Create an ExternalName service\n')
  })
})

describe('parsePorts', () => {
  it.each<[string, number, number | string]>([
    ['80', 80, 80],
    ['5678:8080', 5678, 8080],
    ['80:http', 80, 'http'],
    ['0', 0, 0],
  ])('%s', (spec, port, target) => expect(parsePorts(spec)).toEqual({ port, targetPort: target }))
})
