// The frames that stand for "before charging", "charged" and "discharged" in the figures of a run: the
// frames the curve names so (lib/frames/observation-names.ts), or, in a run that has no frame at rest in that state,
// the nearest thing the run has, marked as such so that the page can say so.

export type CellStateName = "pristine" | "charged" | "discharged";

export interface ObservationOnCurve {
  frame: number;
  name: string;
  cycle: number;
  atMiddle: {stateOfCharge: number};
}

export interface StateFrame {
  state: CellStateName;
  frame: number;
  /** The frame's own observation name on the curve (e.g. "charging 3" where no frame is named "charged"). */
  name: string;
  /** true when the frame carries the state's own name; false for the nearest substitute. */
  exact: boolean;
}

/**
 * One frame per state in the first cycle of a region's observations (in time order): the one named so, or
 * else the first frame (before charging), the frame at the highest state of charge (charged), and the frame
 * at the lowest state of charge after it (discharged). States the run cannot show are left out.
 */
export function stateFrames(observations: readonly ObservationOnCurve[]): StateFrame[] {
  if (observations.length === 0) return [];
  const cycle = observations[0]!.cycle;
  const inCycle = observations.filter((o) => o.cycle === cycle);
  const named = (state: CellStateName) => inCycle.find((o) => o.name === state);
  const chosen: StateFrame[] = [];
  const choose = (state: CellStateName, exact: ObservationOnCurve | undefined, substitute: ObservationOnCurve | undefined) => {
    const o = exact ?? substitute;
    if (o && !chosen.some((c) => c.frame === o.frame)) chosen.push({state, frame: o.frame, name: o.name, exact: exact !== undefined});
  };
  choose("pristine", named("pristine"), inCycle[0]);
  const highest = inCycle.reduce((best, o) => (o.atMiddle.stateOfCharge > best.atMiddle.stateOfCharge ? o : best));
  const charged = named("charged") ?? highest;
  choose("charged", named("charged"), highest);
  const after = inCycle.slice(inCycle.indexOf(charged) + 1);
  const lowestAfter = after.length > 0 ? after.reduce((best, o) => (o.atMiddle.stateOfCharge < best.atMiddle.stateOfCharge ? o : best)) : undefined;
  choose("discharged", named("discharged"), lowestAfter);
  return chosen;
}

/** Column titles of a figure of state frames: "before charging", "charged", "discharged", or the substitute's own name. */
export function stateTitle(state: StateFrame): string {
  const names: Record<CellStateName, string> = {pristine: "before charging", charged: "after the first charge", discharged: "after discharge"};
  return state.exact ? names[state.state] : `${state.name} (nearest to ${state.state === "pristine" ? "before charging" : state.state})`;
}
