import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * The engine is headless and deterministic (DESIGN principle 2): no wall time, no
 * Math.random, no timers, no UUIDs from crypto, and no imports of the UI or the worker.
 * This test scans every engine source file so a violation fails the build.
 */
const ROOT = new URL('.', import.meta.url).pathname

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sources(p))
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p)
  }
  return out
}

/** Strip comments and string literals so a comment that *mentions* Date.now() doesn't trip the check. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now() reads wall time: use ctx.clock'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date() reads wall time: use ctx.clock'],
  [/\bperformance\.now\s*\(/, 'performance.now() reads wall time'],
  [/\bMath\.random\s*\(/, 'Math.random(): use the seeded ctx.rng'],
  [/\bsetTimeout\s*\(|\bsetInterval\s*\(|\bsetImmediate\s*\(|\brequestAnimationFrame\s*\(|\bqueueMicrotask\s*\(/, 'timers: schedule on the virtual clock'],
  [/\bcrypto\.(randomUUID|getRandomValues)\b/, 'crypto randomness: use the uid counter / ctx.rng'],
  [/\bprocess\.(hrtime|env)\b/, 'process state: the engine must not depend on its host'],
]

describe('engine architecture', () => {
  const files = sources(ROOT)

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s is headless and deterministic', (_name, file) => {
    const text = readFileSync(file, 'utf8')
    const body = code(text)
    const problems: string[] = []
    for (const [re, why] of FORBIDDEN) if (re.test(body)) problems.push(why)
    // Imports are checked on the raw text (specifiers are strings).
    for (const m of text.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2]
      if (/(^|\/)(ui|worker)(\/|$)/.test(spec) || spec.includes('protocol')) problems.push(`imports ${spec}`)
      if (/^(react|react-dom|zustand|@xyflow|framer-motion|motion)(\/|$)/.test(spec)) problems.push(`imports UI package ${spec}`)
    }
    expect(problems).toEqual([])
  })

  it('the checker itself catches a violation', () => {
    expect(FORBIDDEN.some(([re]) => re.test(code('const t = Date.now()')))).toBe(true)
    expect(FORBIDDEN.some(([re]) => re.test(code('// Date.now() is forbidden')))).toBe(false)
    expect(FORBIDDEN.some(([re]) => re.test(code('x = Math.random() * 2')))).toBe(true)
  })
})
