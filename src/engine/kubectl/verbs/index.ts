import type { Command } from '../command'
import { applyCommand } from './apply'
import { createCommand } from './create'
import { deleteCommand } from './delete'
import { describeCommand } from './describe'
import { getCommand } from './get'
import { scaleCommand } from './scale'
// workloads
import { annotateCommand } from './annotate'
import { apiResourcesCommand } from './api-resources'
import { clusterInfoCommand } from './cluster-info'
import { configCommand } from './config'
import { editCommand } from './edit'
import { explainCommand } from './explain'
import { helpCommand } from './help'
import { labelCommand } from './label'
import { patchCommand } from './patch'
import { replaceCommand } from './replace'
import { rolloutCommand } from './rollout'
import { runCommand } from './run'
import { setCommand } from './set'
import { versionCommand } from './version'
// services & nodes
import { cordonCommand, uncordonCommand } from './cordon'
import { drainCommand } from './drain'
import { execCommand } from './exec'
import { exposeCommand } from './expose'
import { logsCommand } from './logs'
import { taintCommand } from './taint'
import { topCommand } from './top'

/** The verbs the playground's kubectl knows, in `kubectl --help` order. Adding a verb: one file, one line here. */
export const COMMANDS: Command[] = [createCommand, getCommand, deleteCommand, applyCommand, scaleCommand, describeCommand]
// workloads
COMMANDS.push(runCommand, setCommand, explainCommand, editCommand, replaceCommand, rolloutCommand, clusterInfoCommand, patchCommand, labelCommand, annotateCommand, apiResourcesCommand, configCommand, versionCommand, helpCommand)
// services & nodes
COMMANDS.push(exposeCommand, cordonCommand, uncordonCommand, drainCommand, taintCommand, logsCommand, execCommand, topCommand)

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name))
}
