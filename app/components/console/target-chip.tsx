import { useId } from 'react';
import type { ChipView } from '@/lib/console/chip-view';
import './console.css';

/**
 * One target of an order. The reason (or destination) shows on hover and on keyboard focus; screen
 * readers get it as the chip's description.
 */
export function TargetChip({ view }: { view: ChipView }) {
  const tipId = useId();
  const className = `ob-chip ob-chip-${view.state}`;
  return (
    <span className="ob-chip-slot" data-testid="target-chip" data-state={view.state}>
      {view.href ? (
        <a href={view.href} target="_blank" rel="noreferrer" aria-describedby={tipId} className={`${className} hover:underline`}>
          {view.text}
        </a>
      ) : (
        <span tabIndex={0} aria-describedby={tipId} className={`${className} cursor-help`}>
          {view.text}
        </span>
      )}
      <span role="tooltip" id={tipId} className="ob-chip-tip">
        {view.tip}
      </span>
    </span>
  );
}
