/**
 * Parameter heatmaps: hypotheses whose rules are the same text up to their numbers form a family (the catalog expands
 * each template over config.indicatorRanges, e.g. RSI(14) < 20, 25, 30, 35), and the numbers that differ are the
 * family's parameters. A grid of one metric over them shows whether an edge is a plateau (neighbours agree) or a
 * spike (one lucky setting among failures), which a ranked list of trials hides.
 */

/** What a heatmap reads of a hypothesis: its rule texts (entry conditions, stop, target) hold its parameters. */
export interface HeatmapHypothesis {
  readonly id: string;
  readonly name: string;
  readonly timeframe: string;
  readonly direction: string;
  readonly rules: readonly string[];
}

/** One trial's out-of-sample figures. */
export interface HeatmapTrial {
  readonly hypothesisId: string;
  readonly symbol: string;
  readonly trades: number;
  readonly profitFactor: number | null;
  readonly profitFactorUnbounded: boolean;
}

export interface HeatmapAxis {
  /** The rule text with the parameter as □, e.g. `RSI(14) < □`. */
  readonly label: string;
  readonly values: readonly number[];
}

export interface HeatmapCell {
  readonly x: number;
  /** Null on a strip (a family with one parameter). */
  readonly y: number | null;
  readonly hypothesisId: string;
  readonly hypothesisName: string;
  /** Null when the trial was not analysed. */
  readonly trial: HeatmapTrial | null;
}

export interface ParameterHeatmap {
  /** Stable key: family, fixed values of further parameters, instrument. */
  readonly key: string;
  readonly timeframe: string;
  readonly direction: string;
  readonly symbol: string;
  /** The family's rules with its parameters as □ (numbers they vary with included), shared numbers as they are. */
  readonly family: string;
  readonly x: HeatmapAxis;
  readonly y: HeatmapAxis | null;
  /** Further parameters held fixed in this grid, e.g. `ATR stop 1.5`; null when the family has at most two. */
  readonly fixed: string | null;
  readonly cells: readonly HeatmapCell[];
}

const NUMBER = /\d+(?:\.\d+)?/g;

interface Parsed {
  readonly hypothesis: HeatmapHypothesis;
  readonly numbers: readonly number[];
}

function parse(h: HeatmapHypothesis): Parsed {
  const text = h.rules.join(" · ");
  return { hypothesis: h, numbers: (text.match(NUMBER) ?? []).map(Number) };
}

/** The family a hypothesis belongs to: its timeframe, direction and rules with every number as #. */
export function parameterFamilyKey(h: Pick<HeatmapHypothesis, "timeframe" | "direction" | "rules">): string {
  return `${h.timeframe} ${h.direction} ${h.rules.join(" · ").replace(NUMBER, "#")}`;
}

/** The rule holding the number at `position`, that number as □ and the family's other parameters as · (they vary too). */
function axisLabel(h: HeatmapHypothesis, position: number, parameters: readonly number[]): string {
  let seen = 0;
  for (const rule of h.rules) {
    const count = (rule.match(NUMBER) ?? []).length;
    if (position < seen + count) {
      let k = seen;
      return rule.replace(NUMBER, (m) => {
        const at = k++;
        return at === position ? "□" : parameters.includes(at) ? "·" : m;
      });
    }
    seen += count;
  }
  return `parameter ${position + 1}`;
}

/** The family's rules with its parameters as □ and the numbers every member shares as they are. */
function familyLabel(h: HeatmapHypothesis, parameters: readonly number[]): string {
  let k = 0;
  return h.rules.map((rule) => rule.replace(NUMBER, (m) => (parameters.includes(k++) ? "□" : m))).join(" · ");
}

const distinctSorted = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);

/** The positions of the numbers that differ between the family's members. */
function varyingPositions(members: readonly Parsed[]): number[] {
  const width = members[0]?.numbers.length ?? 0;
  return Array.from({ length: width }, (_, p) => p).filter((p) => distinctSorted(members.map((m) => m.numbers[p] ?? Number.NaN)).length > 1);
}

/**
 * The positions whose numbers differ inside the family, one per parameter: a number that moves in step with an
 * earlier one (an ATR target computed from the ATR stop) is the same parameter, not a second axis.
 */
function parameterPositions(members: readonly Parsed[]): number[] {
  const column = (p: number) => members.map((m) => m.numbers[p] ?? Number.NaN);
  const varying = varyingPositions(members);
  const kept: number[] = [];
  for (const p of varying) {
    const follows = kept.some((q) => {
      const pairs = new Set(members.map((m) => `${m.numbers[q]}|${m.numbers[p]}`));
      return pairs.size === distinctSorted(column(q)).length && pairs.size === distinctSorted(column(p)).length;
    });
    if (!follows) kept.push(p);
  }
  return kept;
}

/**
 * One grid per family, per setting of any parameters beyond the first two, per instrument: x is the parameter with
 * the most values, y the next (none for a one-parameter strip). Families of one hypothesis have nothing to compare
 * and give no grid.
 */
export function parameterHeatmaps(hypotheses: readonly HeatmapHypothesis[], trials: readonly HeatmapTrial[]): ParameterHeatmap[] {
  const trialOf = new Map(trials.map((t) => [`${t.hypothesisId} ${t.symbol}`, t]));
  const symbols = [...new Set(trials.map((t) => t.symbol))].sort();
  const families = new Map<string, Parsed[]>();
  for (const h of hypotheses) {
    const key = parameterFamilyKey(h);
    families.set(key, [...(families.get(key) ?? []), parse(h)]);
  }
  const maps: ParameterHeatmap[] = [];
  for (const [familyKey, members] of families) {
    const first = members[0];
    if (!first || members.length < 2) continue;
    const positions = parameterPositions(members).sort((a, b) => distinctSorted(members.map((m) => m.numbers[b] ?? 0)).length - distinctSorted(members.map((m) => m.numbers[a] ?? 0)).length || a - b);
    const [xp, yp, ...rest] = positions;
    if (xp === undefined) continue;
    const slices = new Map<string, Parsed[]>();
    for (const m of members) {
      const fixed = rest.map((p) => axisLabel(m.hypothesis, p, []).replace("□", String(m.numbers[p]))).join(", ");
      slices.set(fixed, [...(slices.get(fixed) ?? []), m]);
    }
    for (const [fixed, slice] of slices) {
      const x = { label: axisLabel(first.hypothesis, xp, positions), values: distinctSorted(slice.map((m) => m.numbers[xp] ?? 0)) };
      const y = yp === undefined ? null : { label: axisLabel(first.hypothesis, yp, positions), values: distinctSorted(slice.map((m) => m.numbers[yp] ?? 0)) };
      for (const symbol of symbols) {
        maps.push({
          key: `${familyKey} ${fixed} ${symbol}`,
          timeframe: first.hypothesis.timeframe,
          direction: first.hypothesis.direction,
          symbol,
          family: familyLabel(first.hypothesis, varyingPositions(members)),
          x,
          y,
          fixed: fixed === "" ? null : fixed,
          cells: slice.map((m) => ({
            x: m.numbers[xp] ?? 0,
            y: yp === undefined ? null : (m.numbers[yp] ?? 0),
            hypothesisId: m.hypothesis.id,
            hypothesisName: m.hypothesis.name,
            trial: trialOf.get(`${m.hypothesis.id} ${symbol}`) ?? null,
          })),
        });
      }
    }
  }
  return maps;
}

/** A cell's colour band: where its profit factor stands against breaking even and the timeframe's bar. */
export type ProfitFactorBand = "no-trades" | "not-analysed" | "loss-deep" | "loss" | "below-bar" | "at-bar" | "strong" | "unbounded";

/** Bands: < 0.8, 0.8–1, 1–bar, bar–1.5×bar, ≥ 1.5×bar; no trades and no losses apart (neither is a ratio to compare). */
export function profitFactorBand(trial: HeatmapTrial | null, required: number): ProfitFactorBand {
  if (!trial) return "not-analysed";
  if (trial.trades === 0) return "no-trades";
  if (trial.profitFactorUnbounded) return "unbounded";
  const pf = trial.profitFactor ?? 0;
  if (pf < 0.8) return "loss-deep";
  if (pf < 1) return "loss";
  if (pf < required) return "below-bar";
  return pf < 1.5 * required ? "at-bar" : "strong";
}
