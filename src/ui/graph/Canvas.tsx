import { useCallback, useEffect, useMemo, useRef } from 'react'
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type NodeMouseHandler } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useStore } from '../store'
import { useT } from '../i18n'
import { GraphBuilder, type AppNode } from './derive'
import { ControlPlaneNode } from './nodes/ControlPlaneNode'
import { WorkerNodeGroup } from './nodes/WorkerNodeGroup'
import { PendingArea } from './nodes/PendingArea'
import { PodNode } from './nodes/PodNode'
import { WorkloadNode } from './nodes/WorkloadNode'
import { SERVICE_NODE_TYPES, ServicesOverlay, useServiceGraph } from '../services/canvas'
import { RevisionNode } from '../workloads/RevisionNode'

/** Module-level, so React Flow never sees a new nodeTypes object (it would remount everything). */
const nodeTypes = {
  controlPlane: ControlPlaneNode,
  workerNode: WorkerNodeGroup,
  pendingArea: PendingArea,
  pod: PodNode,
  workload: WorkloadNode,
  ...SERVICE_NODE_TYPES,
  revision: RevisionNode,
}
// Room at the bottom for the zoom controls, so they never cover a node.
const FIT = { padding: { top: '14px', left: '14px', right: '14px', bottom: '40px' }, maxZoom: 1.25 } as const
const PRO = { hideAttribution: false } as const

/** Re-fit when the drawing grows or the canvas resizes — until the person pans or zooms. */
function AutoFit({ nodes, userMoved, box }: { nodes: AppNode[]; userMoved: React.RefObject<boolean>; box: React.RefObject<HTMLDivElement | null> }) {
  const { fitView } = useReactFlow()
  const extent = useMemo(() => {
    let w = 0
    let h = 0
    for (const n of nodes) {
      if (n.parentId) continue
      w = Math.max(w, n.position.x + (n.width ?? 0))
      h = Math.max(h, n.position.y + (n.height ?? 0))
    }
    return `${w}x${h}`
  }, [nodes])
  useEffect(() => {
    if (!userMoved.current) void fitView({ ...FIT, duration: 250 })
  }, [extent, fitView, userMoved])
  useEffect(() => {
    const el = box.current
    if (!el) return
    const ro = new ResizeObserver(() => {
      if (!userMoved.current) void fitView(FIT)
    })
    ro.observe(el)
    return () => ro.disconnect()
  }, [box, fitView, userMoved])
  return null
}

function Flow() {
  const t = useT()
  const layout = useStore((s) => s.layout)
  const theme = useStore((s) => s.theme)
  const builder = useMemo(() => new GraphBuilder(), [])
  const services = useServiceGraph()
  const { nodes, edges } = builder.build(layout, services)
  const userMoved = useRef(false)
  const box = useRef<HTMLDivElement>(null)

  const onNodeClick: NodeMouseHandler<AppNode> = useCallback((_e, n) => {
    const uid = 'uid' in n.data ? (n.data.uid as string) : null
    useStore.getState().select(uid)
  }, [])
  const onPaneClick = useCallback(() => useStore.getState().select(null), [])

  return (
    <div className="canvas" ref={box}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onMove={(e) => {
          // `e` is null for programmatic moves (fitView); only a person's pan/zoom stops auto-fit.
          // (onMoveStart would also fire on a plain click: d3-zoom starts a gesture on pointerdown.)
          if (e) userMoved.current = true
        }}
        fitView
        fitViewOptions={FIT}
        minZoom={0.1}
        maxZoom={2.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        colorMode={theme}
        proOptions={PRO}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} />
        <Controls orientation="horizontal" showInteractive={false} position="bottom-right" fitViewOptions={FIT} onFitView={() => (userMoved.current = false)} aria-label={t('canvas.fit')} />
        <AutoFit nodes={nodes} userMoved={userMoved} box={box} />
        <ServicesOverlay />
      </ReactFlow>
    </div>
  )
}

/** The centre of the screen: the cluster as a live graph. */
export function Canvas() {
  return (
    <ReactFlowProvider>
      <Flow />
    </ReactFlowProvider>
  )
}
