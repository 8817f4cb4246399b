import { useCallback } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { shellLine } from '../engine-client'
import { Terminal } from '../console/Terminal'
import { completeShell, podExecPreview, shellPrompt } from './commands'

let nextEntry = 2_000_000

const NODE_EXAMPLES = ['iptables-save', 'iptables -t nat -L KUBE-SERVICES -n', 'ipvsadm -Ln', 'ipset list', 'ip addr', 'ip route', 'conntrack -L', 'crictl ps', 'nslookup kubernetes.default.svc.cluster.local 10.96.0.10']
const EXTERNAL_EXAMPLES = ['curl http://172.18.0.2:<nodePort>/', 'ip route']
const POD_EXAMPLES = ['curl http://web', 'wget -qO- http://web', 'nslookup web', 'cat /etc/resolv.conf', 'hostname', 'env']

/**
 * A shell tab: a node's own shell (`node-1$`: iptables-save, ipvsadm -Ln, ip route, conntrack
 * -L, curl …) or a container's (`/ #`: each line runs as `kubectl exec POD -- sh -c '<line>'`).
 * `clear` and Ctrl+L clear it, `exit` closes it.
 */
export function ShellTab({ id }: { id: string }) {
  const t = useT()
  const session = useStore((s) => s.shells.find((x) => x.id === id))
  const target = session?.target
  const onRun = useCallback(
    async (line: string) => {
      const s = useStore.getState()
      if (!target) return
      const l = line.trim()
      if (l === 'clear') return s.clearShell(id)
      if (l === 'exit') return s.closeShell(id)
      const entry = ++nextEntry
      s.pushShell(id, { id: entry, command: line, stdout: '', stderr: '', pending: !!l })
      if (!l) return
      const r = await shellLine(target, l)
      useStore.getState().updateShell(id, entry, { pending: false, code: r.code, stdout: r.stdout, stderr: r.stderr })
    },
    [id, target],
  )
  const onInterrupt = useCallback((line: string) => useStore.getState().pushShell(id, { id: ++nextEntry, command: `${line}^C`, stdout: '', stderr: '' }), [id])
  const onClear = useCallback(() => useStore.getState().clearShell(id), [id])
  const doComplete = useCallback((line: string, cursor: number) => completeShell(target!, line, cursor), [target])
  if (!session || !target) return null
  const testid = `shell.${target.kind === 'node' ? target.node : target.pod}`
  const header = (
    <div className="term-header small">
      {target.kind === 'node' ? (
        target.node === 'external' ? (
          t('shell.externalHeader')
        ) : (
          t('shell.nodeHeader', { node: target.node })
        )
      ) : (
        <>
          {t('shell.podHeader', { pod: target.pod, container: target.container ?? '' })} <code className="mono">{podExecPreview(target)}</code>
        </>
      )}
    </div>
  )
  return (
    <Terminal
      key={id}
      testid={testid}
      log={session.log}
      prompt={shellPrompt(target)}
      historyKey={`kp.history.${target.kind}`}
      onRun={(l) => void onRun(l)}
      onInterrupt={onInterrupt}
      onClear={onClear}
      complete={doComplete}
      header={header}
      empty={<span className="muted">{target.kind === 'node' ? t('shell.nodeHint') : t('shell.podHint')}</span>}
      examples={target.kind === 'node' ? (target.node === 'external' ? EXTERNAL_EXAMPLES : NODE_EXAMPLES) : POD_EXAMPLES}
      ariaLabel={t('shell.aria', { name: target.kind === 'node' ? target.node : target.pod })}
    />
  )
}
