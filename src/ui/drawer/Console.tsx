/**
 * The drawer's kubectl tab. The console itself (history, completion, watches, Ctrl+C/L) lives
 * in src/ui/console; this name stays so the drawer's tab table reads the same.
 */
export { KubectlConsole as Console } from '../console/KubectlConsole'
