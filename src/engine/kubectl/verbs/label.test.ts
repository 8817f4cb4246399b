import { beforeEach, describe, expect, it } from 'vitest'
import { addPod, kubectlHarness, type Harness } from '../testing'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  addPod(h, 'web', { labels: { app: 'web' } })
  addPod(h, 'db', { labels: { app: 'db' } })
})
const labels = (name: string) => h.ctx.api.get('pods', 'default', name).metadata.labels
const annotations = (name: string) => h.ctx.api.get('pods', 'default', name).metadata.annotations

describe('kubectl label', () => {
  it('adds, overwrites with --overwrite, removes with key-', () => {
    expect(h.k('label pod web tier=fe')).toEqual({ code: 0, stdout: 'pod/web labeled\n', stderr: '' })
    expect(h.k('label pods/web app=v2')).toEqual({ code: 1, stdout: '', stderr: "error: 'app' already has a value (web), and --overwrite is false\n" })
    expect(h.k('label pod web app=v2 --overwrite').stdout).toBe('pod/web labeled\n')
    expect(labels('web')).toEqual({ app: 'v2', tier: 'fe' })
    expect(h.k('label pod web tier- gone-')).toEqual({ code: 0, stdout: 'label "gone" not found.\npod/web unlabeled\n', stderr: '' })
    expect(labels('web')).toEqual({ app: 'v2' })
  })
  it('the same value again is still refused without --overwrite; with it nothing changes', () => {
    expect(h.k('label pod web app=web').stderr).toBe("error: 'app' already has a value (web), and --overwrite is false\n")
    expect(h.k('label pod web app=web --overwrite').stdout).toBe('pod/web not labeled\n')
  })
  it('-l, --all, --field-selector select several objects', () => {
    expect(h.k('label pods -l app=db role=primary').stdout).toBe('pod/db labeled\n')
    expect(h.k('label pods --all env=dev').stdout).toBe('pod/db labeled\npod/web labeled\n')
    expect(h.k('label pods --field-selector metadata.name=web zone=a').stdout).toBe('pod/web labeled\n')
    expect(labels('db')).toEqual({ app: 'db', env: 'dev', role: 'primary' })
  })
  it('--list, --dry-run, -o name', () => {
    expect(h.k('label pod web --list').stdout).toBe('app=web\n')
    expect(h.k('label pod web x=1 --dry-run=client').stdout).toBe('pod/web labeled (dry run)\n')
    expect(h.k('label pod web x=1 --dry-run=server').stdout).toBe('pod/web labeled (server dry run)\n')
    expect(labels('web')).toEqual({ app: 'web' })
    expect(h.k('label pod web x=1 -o name').stdout).toBe('pod/web\n')
  })
  it.each([
    ['label pod web', 'error: at least one label update is required\n'],
    ['label app=x', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['label pod web a=b=c', 'error: invalid label spec: a=b=c\n'],
    ['label pod web a', 'error: at least one label update is required\n'],
    ['label pod web a=b a-', 'error: can not both modify and remove a label in the same command\n'],
    ['label pods x=y', 'error: resource(s) were provided, but no name was specified\n'],
    ['label pods --all -l app=web x=y', 'error: cannot set --all and --selector at the same time\n'],
    ['label pod nope x=y', 'Error from server (NotFound): pods "nope" not found\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr })
  })
  it('a bad value is rejected by kubectl; a bad key by the server', () => {
    expect(h.k('label pod web a=-x').stderr).toMatch(/^error: invalid label value: "a=-x": a valid label must be an empty string or consist of alphanumeric characters/)
    expect(h.k('label pod web -- -bad=x').stderr).toMatch(/^The Pod "web" is invalid: metadata.labels: Invalid value: "-bad": name part must consist of alphanumeric characters/)
  })
})

describe('kubectl annotate', () => {
  it('adds (values may hold =), refuses overwrites in one message, removes', () => {
    expect(h.k("annotate pod web note='a=b c' owner=team")).toEqual({ code: 0, stdout: 'pod/web annotated\n', stderr: '' })
    expect(annotations('web')).toEqual({ note: 'a=b c', owner: 'team' })
    expect(h.k('annotate pod web note=x owner=y').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (a=b c); 'owner' already has a value (team)\n",
    )
    expect(h.k('annotate pod web note=x --overwrite').stdout).toBe('pod/web annotated\n')
    expect(h.k('annotate pod web owner-').stdout).toBe('pod/web annotated\n')
    expect(annotations('web')).toEqual({ note: 'x' })
  })
  it('kubernetes.io/change-cause may always be replaced', () => {
    h.k('annotate pod web kubernetes.io/change-cause=one')
    expect(h.k('annotate pod web kubernetes.io/change-cause=two').code).toBe(0)
    expect(annotations('web')?.['kubernetes.io/change-cause']).toBe('two')
  })
  it.each([
    ['annotate pod web', 'error: at least one annotation update is required\n'],
    ['annotate pod web =x', 'error: at least one annotation update is required\n'],
    ['annotate pod web a=1 a-', 'error: can not both modify and remove the following annotation(s) in the same command: a\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr })
  })
})
