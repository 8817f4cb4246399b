/**
 * Registers every kind's table printer. Adding a kind: write `printers/<kind>.ts` calling
 * `registerTable`, import it here.
 */
import './pod'
import './node'
import './replicaset'
import './namespace'
import './event'
// workloads
import './deployment'
import './replicationcontroller'
// services & nodes
import './service'
import './endpoints'
import './endpointslice'

export { renderTable, printContext, formatLabels, tableFor, type PrintContext, type TableOptions } from './table'
export { goYaml } from './goyaml'
export { goJson, goJsonIndent } from './gojson'
