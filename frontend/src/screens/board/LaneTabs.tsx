// On a phone the board shows one lane at a time: a tab list (the WAI-ARIA tabs pattern, arrows move and
// select, Home/End jump) names each lane with its card count; the chosen lane fills the width.
import { useRef, type KeyboardEvent } from "react";

export type LaneId = "observation" | "story" | "experiment";
export const LANE_IDS: LaneId[] = ["observation", "story", "experiment"];
const TITLES: Record<LaneId, string> = { observation: "Observations", story: "Stories", experiment: "Experiments" };

export const laneTabId = (lane: LaneId) => `lane-tab-${lane}`;
export const lanePanelId = (lane: LaneId) => `lane-panel-${lane}`;

export function LaneTabs({ selected, counts, onSelect }: {
  selected: LaneId; counts: Record<LaneId, number>; onSelect(lane: LaneId): void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = LANE_IDS.indexOf(selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: LANE_IDS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const lane = LANE_IDS[(next + LANE_IDS.length) % LANE_IDS.length];
    onSelect(lane);
    list.current?.querySelector<HTMLElement>(`#${laneTabId(lane)}`)?.focus();
  };
  return (
    <div ref={list} className="lane-tabs" role="tablist" aria-label="Lanes" onKeyDown={onKeyDown}>
      {LANE_IDS.map((lane) => (
        <button key={lane} type="button" role="tab" id={laneTabId(lane)} aria-controls={lanePanelId(lane)}
                aria-selected={lane === selected} tabIndex={lane === selected ? 0 : -1}
                className={`lane-tab lane-tab-${lane}`} onClick={() => onSelect(lane)}>
          {TITLES[lane]} <span className="count">{counts[lane]}</span>
        </button>
      ))}
    </div>
  );
}
