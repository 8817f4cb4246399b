import { describe, expect, it } from 'vitest'
import { yamlContext } from './context'

/** `|` marks the cursor. */
const ctx = (withCursor: string) => yamlContext(withCursor.replace('|', ''), withCursor.indexOf('|'))

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: nginx
        image: nginx
`

describe('yamlContext', () => {
  it('a top-level key', () => {
    expect(ctx('apiVersion: v1\nki|')).toMatchObject({ path: [], mode: 'key', prefix: 'ki', siblings: ['apiVersion'] })
  })

  it('a key inside spec, with the siblings above and below', () => {
    const c = ctx(DEPLOY.replace('  replicas: 2\n', '  replicas: 2\n  sel|\n'))
    expect(c).toMatchObject({ path: ['spec'], mode: 'key', prefix: 'sel', kind: 'Deployment', apiVersion: 'apps/v1' })
    expect(c.siblings.sort()).toEqual(['replicas', 'template'])
  })

  it('a key of a container (inside a list item), the item’s first key is a sibling', () => {
    const c = ctx(DEPLOY.replace('        image: nginx\n', '        image: nginx\n        po|\n'))
    expect(c).toMatchObject({ path: ['spec', 'template', 'spec', 'containers', '[]'], mode: 'key', prefix: 'po', column: 8 })
    expect(c.siblings.sort()).toEqual(['image', 'name'])
  })

  it('a new list item', () => {
    expect(ctx(DEPLOY + '      - na|')).toMatchObject({ path: ['spec', 'template', 'spec', 'containers', '[]'], prefix: 'na', siblings: [] })
  })

  it('a list item under a non-indented list (go-yaml style) and nested lists', () => {
    const text = `kind: Service\nspec:\n  ports:\n  - port: 80\n    prot|`
    expect(ctx(text)).toMatchObject({ path: ['spec', 'ports', '[]'], prefix: 'prot', kind: 'Service' })
    const nested = DEPLOY + '        ports:\n        - containerPort: 80\n          pro|'
    expect(ctx(nested).path).toEqual(['spec', 'template', 'spec', 'containers', '[]', 'ports', '[]'])
  })

  it('a key under a key that sits on a dash line', () => {
    expect(ctx('kind: Pod\nspec:\n  containers:\n  - livenessProbe:\n      httpGet:\n        pa|').path).toEqual(['spec', 'containers', '[]', 'livenessProbe', 'httpGet'])
  })

  it('a value', () => {
    expect(ctx('kind: Service\nspec:\n  type: No|')).toMatchObject({ path: ['spec'], mode: 'value', key: 'type', prefix: 'No' })
    expect(ctx('apiVersion: |')).toMatchObject({ path: [], mode: 'value', key: 'apiVersion', prefix: '' })
  })

  it('only the current document counts', () => {
    expect(ctx('kind: Service\nspec:\n  type: ClusterIP\n---\nkind: Pod\nsp|')).toMatchObject({ kind: 'Pod', path: [], siblings: ['kind'] })
  })
})
