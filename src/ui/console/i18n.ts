/**
 * Strings of the console feature (kubectl console, node and pod shells, YAML editor, export
 * and import), English and 简体中文, spread into en.ts / zh.ts. kubectl's output, commands,
 * flags, kinds and field names stay verbatim in both languages, as a real cluster prints them.
 */
export const consoleEn = {
  'term.copy': 'Copy',
  'term.copied': 'Copied',
  'term.fromClick': 'from a click',
  'term.keys': 'Tab completes · ↑↓ history · Ctrl+C stops · Ctrl+L clears',
  'term.more': '… and {n} more',
  'term.stop': 'Stop (Ctrl+C)',
  'term.watching': 'Watching: new lines appear as the cluster changes.',

  'console.empty': 'Type a kubectl command and press Enter — Tab completes verbs, resource types, names and flags; ↑ ↓ bring back earlier commands. Type help to see what is simulated, or start from one of these:',
  'console.help':
    'Keys: Tab completes verbs, resource types, object names and flags · ↑/↓ history (kept across reloads) · Ctrl+C stops a watch or cancels the line · Ctrl+L or "clear" clears.\n' +
    '"kubectl edit TYPE NAME" opens the object in the YAML editor; "kubectl exec -it POD -- sh" opens a shell tab; "+ Shell" opens a node’s shell.\n' +
    'What this kubectl simulates:',
  'console.editOpened': 'Opened in the YAML editor (status and server-set fields left out): change it and press Apply.',
  'console.shellOpened': 'Opened a shell in {pod}: see its tab above.',

  'drawer.resize': 'Drag to resize the panel (double-click: default height)',

  'editor.loading': 'Loading the editor…',
  'editor.new': 'New',
  'editor.newTitle': 'Start from a manifest of a simulated kind',
  'editor.newCaption': 'Start from an example (each applies as is)',
  'editor.untitled': 'Your manifest',
  'editor.newFrom': 'New {name}',
  'editor.editing': 'Editing {name} — Apply saves it',
  'editor.imported': 'Imported {name}',
  'editor.exported': 'The cluster, exported: what kubectl apply -f needs to rebuild it elsewhere',
  'editor.keys': 'Ctrl+Space completes · Ctrl+Enter applies · drop a .yaml file to import it',
  'editor.drop': 'Drop the file to apply it (kubectl apply -f)',
  'editor.errorsOnLines': 'The API server’s errors are marked on their lines ({n}); hover a red mark to read it.',
  'editor.sideHint': 'Apply sends the text to the API server, like kubectl apply -f. Fields the server rejects are marked on their lines.',

  'shell.new': 'Shell',
  'shell.newTitle': 'Open a shell on a node, or on a host outside the cluster',
  'shell.menuCaption': 'A root shell on…',
  'shell.externalItem': 'a host outside the cluster',
  'shell.tabTitle': 'Shell on {name}',
  'shell.close': 'Close the shell on {name}',
  'shell.aria': 'Shell on {name}',
  'shell.nodeHeader': 'A root shell on {node}: the node’s own view — kube-proxy’s rules, routes, connections, the container runtime.',
  'shell.externalHeader': 'A host outside the cluster: reach Services the way clients do — node IP and NodePort, or a load balancer.',
  'shell.podHeader': 'A shell in {pod} (container {container}). Each line runs as',
  'shell.nodeHint': 'Try one of these (a click puts it on the line). Tab completes commands; exit closes the tab.',
  'shell.podHint': 'Try one of these (a click puts it on the line); exit closes the tab.',

  'export.button': 'Export',
  'export.title': 'Save the cluster as YAML that kubectl apply -f accepts, or import such a file',
  'export.caption': 'YAML any cluster accepts with kubectl apply -f: no status, no server-set fields, no objects a controller creates.',
  'export.cluster': 'Whole cluster → cluster.yaml',
  'export.selected': 'Selected: {name}',
  'export.selectedNone': 'Selected object (select one first)',
  'export.toEditor': 'Open the export in the YAML editor',
  'import.button': 'Import a YAML file and apply it…',

  'objects.edit': 'Edit YAML',
  'objects.editTitle': 'Open this object in the YAML editor (kubectl edit)',
  'objects.shell': 'Shell',
  'objects.shellTitle': 'Open a shell here (kubectl exec -it … -- sh, or a node shell)',
  'objects.shellNotRunning': 'The pod is not running: there is no container to exec into',
  'objects.export': 'Export',
  'objects.exportTitle': 'Save this object as YAML for kubectl apply -f',
} as const

export const consoleZh: Record<keyof typeof consoleEn, string> = {
  'term.copy': '复制',
  'term.copied': '已复制',
  'term.fromClick': '来自点击',
  'term.keys': 'Tab 补全 · ↑↓ 历史 · Ctrl+C 停止 · Ctrl+L 清屏',
  'term.more': '……还有 {n} 项',
  'term.stop': '停止（Ctrl+C）',
  'term.watching': '正在监视：集群一有变化就会出现新行。',

  'console.empty': '输入 kubectl 命令后按回车——Tab 可补全动词、资源类型、对象名称和参数；↑ ↓ 调出之前的命令。输入 help 查看模拟了哪些功能，或从下面这些开始：',
  'console.help':
    '按键：Tab 补全动词、资源类型、对象名称和参数 · ↑/↓ 历史（刷新后仍保留）· Ctrl+C 停止监视或取消当前行 · Ctrl+L 或 "clear" 清屏。\n' +
    '"kubectl edit TYPE NAME" 在 YAML 编辑器中打开对象；"kubectl exec -it POD -- sh" 打开一个 Shell 标签页；"+ Shell" 打开节点的 Shell。\n' +
    '此 kubectl 模拟的功能：',
  'console.editOpened': '已在 YAML 编辑器中打开（省略了 status 和服务器设置的字段）：修改后点击“应用”。',
  'console.shellOpened': '已在 {pod} 中打开 Shell：见上方的标签页。',

  'drawer.resize': '拖动以调整面板高度（双击恢复默认高度）',

  'editor.loading': '正在加载编辑器…',
  'editor.new': '新建',
  'editor.newTitle': '从一个模拟资源类型的清单开始',
  'editor.newCaption': '从示例开始（每个都可直接应用）',
  'editor.untitled': '你的清单',
  'editor.newFrom': '新建 {name}',
  'editor.editing': '正在编辑 {name}——点击“应用”保存',
  'editor.imported': '已导入 {name}',
  'editor.exported': '导出的集群：在别处用 kubectl apply -f 重建它所需的内容',
  'editor.keys': 'Ctrl+Space 补全 · Ctrl+Enter 应用 · 拖入 .yaml 文件即可导入',
  'editor.drop': '松开即应用该文件（kubectl apply -f）',
  'editor.errorsOnLines': 'API 服务器的错误已标在对应行上（{n} 处）；将鼠标悬停在红色标记上查看。',
  'editor.sideHint': '“应用”会像 kubectl apply -f 一样把文本发送给 API 服务器。被服务器拒绝的字段会标在对应行上。',

  'shell.new': 'Shell',
  'shell.newTitle': '在节点上或集群外的主机上打开 Shell',
  'shell.menuCaption': '以 root 身份打开 Shell：',
  'shell.externalItem': '集群外的一台主机',
  'shell.tabTitle': '{name} 上的 Shell',
  'shell.close': '关闭 {name} 上的 Shell',
  'shell.aria': '{name} 上的 Shell',
  'shell.nodeHeader': '{node} 上的 root Shell：节点自己的视角——kube-proxy 的规则、路由、连接、容器运行时。',
  'shell.externalHeader': '集群外的一台主机：像客户端那样访问 Service——节点 IP 加 NodePort，或负载均衡器。',
  'shell.podHeader': '{pod} 中的 Shell（容器 {container}）。每一行都这样运行：',
  'shell.nodeHint': '试试下面这些命令（点击即可填入输入行）。Tab 补全命令；exit 关闭标签页。',
  'shell.podHint': '试试下面这些命令（点击即可填入输入行）；exit 关闭标签页。',

  'export.button': '导出',
  'export.title': '把集群保存为 kubectl apply -f 可接受的 YAML，或导入这样的文件',
  'export.caption': '任何集群都能用 kubectl apply -f 接受的 YAML：没有 status，没有服务器设置的字段，没有控制器创建的对象。',
  'export.cluster': '整个集群 → cluster.yaml',
  'export.selected': '选中的对象：{name}',
  'export.selectedNone': '选中的对象（请先选择一个）',
  'export.toEditor': '在 YAML 编辑器中打开导出结果',
  'import.button': '导入 YAML 文件并应用…',

  'objects.edit': '编辑 YAML',
  'objects.editTitle': '在 YAML 编辑器中打开此对象（kubectl edit）',
  'objects.shell': 'Shell',
  'objects.shellTitle': '在这里打开 Shell（kubectl exec -it … -- sh，或节点 Shell）',
  'objects.shellNotRunning': 'Pod 未在运行：没有可以 exec 进入的容器',
  'objects.export': '导出',
  'objects.exportTitle': '把此对象保存为 kubectl apply -f 用的 YAML',
}
