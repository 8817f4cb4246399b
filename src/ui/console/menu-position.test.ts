import { describe, expect, it } from 'vitest'
import { placeMenu } from './menu-position'

const rect = (left: number, top: number, width = 80, height = 30) => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect
const view = { width: 1280, height: 720 }

describe('placeMenu', () => {
  it('opens below when it fits', () => {
    expect(placeMenu(rect(10, 10), view, { width: 300, height: 200 })).toEqual({ left: 10, top: 44, maxHeight: 668 })
  })
  it('opens above a button low on the screen, no taller than the room above', () => {
    expect(placeMenu(rect(10, 490), view, { width: 300, height: 400 })).toEqual({ left: 10, bottom: 234, maxHeight: 478 })
  })
  it('stays inside the window, and can align to the button’s right edge', () => {
    expect(placeMenu(rect(1200, 10), view, { width: 300, height: 100 }).left).toBe(972)
    expect(placeMenu(rect(900, 10), view, { width: 300, height: 100 }, 'right').left).toBe(680)
  })
})
