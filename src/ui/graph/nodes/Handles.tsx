import { Handle, Position } from '@xyflow/react'

/**
 * Invisible connection points. React Flow draws no edge to a custom node without a Handle
 * (TOOLCHAIN gotcha 3); each side gets a source and a target with the side's name as id.
 */
const SIDES = { top: Position.Top, right: Position.Right, bottom: Position.Bottom, left: Position.Left } as const

export function Handles({ sides }: { sides: readonly (keyof typeof SIDES)[] }) {
  return (
    <>
      {sides.map((s) => (
        <span key={s}>
          <Handle className="handle" type="source" id={s} position={SIDES[s]} isConnectable={false} />
          <Handle className="handle" type="target" id={s} position={SIDES[s]} isConnectable={false} />
        </span>
      ))}
    </>
  )
}

/** A single named handle (pods: `in` on top; workloads: `out` at the bottom). */
export function OneHandle({ id, type, side }: { id: string; type: 'source' | 'target'; side: keyof typeof SIDES }) {
  return <Handle className="handle" type={type} id={id} position={SIDES[side]} isConnectable={false} />
}
