import type { Command } from '../command'
import { applyCommand } from './apply'
import { createCommand } from './create'
import { deleteCommand } from './delete'
import { describeCommand } from './describe'
import { getCommand } from './get'
import { scaleCommand } from './scale'

/** The verbs the playground's kubectl knows, in `kubectl --help` order. Adding a verb: one file, one line here. */
export const COMMANDS: Command[] = [createCommand, getCommand, deleteCommand, applyCommand, scaleCommand, describeCommand]

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name))
}
