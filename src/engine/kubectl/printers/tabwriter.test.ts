import { describe, expect, it } from 'vitest'
import { DESCRIBE, TABLE, TabWriter, tabbed } from './tabwriter'

describe('TabWriter (Go text/tabwriter)', () => {
  it('pads to max(minwidth, widest+padding) and leaves the last cell unpadded (kubectl tables)', () => {
    const out = tabbed(TABLE, (w) => w.write('NAME\tREADY\tSTATUS\tAGE\nweb-abcde\t1/1\tRunning\t5s\n'))
    expect(out).toBe('NAME        READY   STATUS    AGE\nweb-abcde   1/1     Running   5s\n')
  })

  it('applies minwidth 6 to narrow columns', () => {
    expect(tabbed(TABLE, (w) => w.write('A\tB\nx\ty\n'))).toBe('A     B\nx     y\n')
  })

  it('aligns each column block separately (describe realigns after a single-cell line)', () => {
    const out = tabbed(DESCRIBE, (w) => {
      w.write('Name:\tweb\nService Account:\tdefault\nIPs:\n  IP:\t10.244.1.2\n')
    })
    expect(out).toBe('Name:             web\nService Account:  default\nIPs:\n  IP:  10.244.1.2\n')
  })

  it('continuation lines with an empty first cell align under the value', () => {
    const out = tabbed(DESCRIBE, (w) => w.write('Labels:\tapp=web\n\ttier=fe\nStatus:\tRunning\n'))
    expect(out).toBe('Labels:  app=web\n         tier=fe\nStatus:  Running\n')
  })

  it('nested blocks: a column only spans lines that have it', () => {
    const out = tabbed(DESCRIBE, (w) => w.write('a\tb\tc\naaaa\tb\nx\ty\tz\n'))
    expect(out).toBe('a     b  c\naaaa  b\nx     y  z\n')
  })

  it('counts runes, not UTF-16 units', () => {
    expect(tabbed(TABLE, (w) => w.write('名前\tX\nab\tY\n'))).toBe('名前    X\nab    Y\n')
  })

  it('keeps text after the last newline without adding one', () => {
    const w = new TabWriter(TABLE)
    w.write('a\tb')
    expect(w.flush()).toBe('a     b')
  })
})
