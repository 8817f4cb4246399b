import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../store'
import { shellId } from './slice'

const s = () => useStore.getState()
const entry = (id: number, extra = {}) => ({ id, command: `c${id}`, stdout: '', stderr: '', ...extra })

describe('console slice', () => {
  beforeEach(() => {
    useStore.setState({ consoleLog: [], shells: [], drawerTab: 'console', drawerOpen: true })
  })

  it('watch lines go to the entry of their request, in the console or in a shell', () => {
    s().pushConsole(entry(1, { requestId: 7, stdout: 'NAME\n', watching: true }))
    s().pushConsole(entry(2, { requestId: 8 }))
    s().appendWatch(7, 'web-1 0/1 Pending\n')
    expect(s().consoleLog[0].stdout).toBe('NAME\nweb-1 0/1 Pending\n')
    expect(s().consoleLog[1].stdout).toBe('')
    s().openShell({ kind: 'node', node: 'node-1' })
    s().pushShell('node:node-1', entry(3, { requestId: 9 }))
    s().appendWatch(9, 'x\n')
    expect(s().shells[0].log[0].stdout).toBe('x\n')
  })

  it('Ctrl+C on a watch ends it with ^C at the bottom; clear keeps a live watch', () => {
    s().pushConsole(entry(1, { watching: true }))
    s().pushConsole(entry(2))
    s().clearConsole()
    expect(s().consoleLog.map((e) => e.id)).toEqual([1])
    s().pushConsole(entry(3))
    s().stopWatching(1)
    expect(s().consoleLog.map((e) => [e.id, e.watching, e.info])).toEqual([
      [3, undefined, undefined],
      [1, false, '^C'],
    ])
  })

  it('opening a shell twice focuses the same tab; closing the visible one shows its neighbour', () => {
    const a = s().openShell({ kind: 'node', node: 'node-1' })
    const b = s().openShell({ kind: 'pod', namespace: 'default', pod: 'web-1', container: 'nginx' })
    expect(s().openShell({ kind: 'node', node: 'node-1' })).toBe(a)
    expect(s().shells).toHaveLength(2)
    expect(s().drawerTab).toBe(a)
    s().closeShell('node:node-1')
    expect(s().drawerTab).toBe(b)
    s().closeShell(shellId({ kind: 'pod', namespace: 'default', pod: 'web-1', container: 'nginx' }))
    expect(s().drawerTab).toBe('console')
  })

  it('loading the editor replaces the text, clears old errors and shows the YAML tab', () => {
    s().setEditorErrors('The Pod "x" is invalid: spec: Required value')
    s().loadEditor('kind: Pod\n', { kind: 'edit', name: 'pod/x' })
    expect(s()).toMatchObject({ yamlText: 'kind: Pod\n', editorErrors: null, drawerTab: 'yaml', editorSource: { kind: 'edit', name: 'pod/x' } })
  })

  it('the drawer height stays within bounds', () => {
    s().setDrawerHeight(10)
    expect(s().drawerHeight).toBe(120)
    s().setDrawerHeight(100_000)
    expect(s().drawerHeight).toBeLessThan(100_000)
  })
})
