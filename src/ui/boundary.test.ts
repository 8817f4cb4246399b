import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * DESIGN "Layout": the UI never imports engine internals — only protocol.ts and, for types,
 * engine/index.ts; the worker imports the engine only through engine/index.ts. The UI must not
 * pull the engine into the main bundle, so even engine/index is `import type` there.
 */
const SRC = new URL('..', import.meta.url).pathname

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sources(p))
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p)
  }
  return out
}

function engineImports(file: string): { spec: string; typeOnly: boolean }[] {
  return engineImportsIn(readFileSync(file, 'utf8'))
}

function engineImportsIn(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = []
  for (const m of text.matchAll(/^\s*(import|export)(\s+type)?[^'"]*?from\s*['"]([^'"]+)['"]/gm)) {
    if (/(^|\/)engine(\/|$)/.test(m[3])) out.push({ spec: m[3], typeOnly: !!m[2] })
  }
  return out
}

describe('UI and worker boundaries', () => {
  const ui = sources(join(SRC, 'ui')).filter((f) => !f.endsWith('fake-cluster.ts'))
  const worker = sources(join(SRC, 'worker')).filter((f) => !f.endsWith('fake-cluster.ts'))

  it('finds the sources', () => {
    expect(ui.length).toBeGreaterThan(10)
    expect(worker.length).toBeGreaterThan(2)
  })

  it('the checker itself sees value imports and internals', () => {
    expect(engineImportsIn("import { createCluster } from '../engine/index'")).toEqual([{ spec: '../engine/index', typeOnly: false }])
    // Built from parts so a plain-text scan of src/ui for internal imports doesn't mistake this sample for one.
    const internal = ['..', '..', 'engine', 'api', 'types'].join('/')
    expect(engineImportsIn(`import type { Pod } from '${internal}'`)).toEqual([{ spec: internal, typeOnly: true }])
  })

  it.each(ui.map((f) => [relative(SRC, f), f]))('%s imports only types from engine/index', (_n, file) => {
    for (const i of engineImports(file)) {
      expect(i.spec).toMatch(/engine\/index$/)
      expect(i.typeOnly).toBe(true)
    }
  })

  it.each(worker.map((f) => [relative(SRC, f), f]))('%s reaches the engine only through engine/index', (_n, file) => {
    for (const i of engineImports(file)) expect(i.spec).toMatch(/engine\/index$/)
  })
})
