/**
 * A seeded random forest of CART classification trees (gini), trained by hand and written in the exact JSON that
 * ml-random-forest's `RandomForestClassifier.load` reads, so the library still predicts every stored model.
 * Why by hand: ml-cart's split search rebuilds both halves of the node and allocates a distribution matrix for every
 * candidate split value of every feature (O(features × n²) per node); it was 107 of the 126 s of the pipeline's
 * learning phase. Here each tree sorts its bag once per feature, every node scans each feature's sorted rows once with
 * running class counts, and a split partitions the sorted lists stably: O(features × n) per tree level.
 *
 * The rules are ml-cart's, so a tree means what it meant: a node with ≤ minSplitRows rows, at maxDepth (the root is
 * depth 0), or whose best gini gain is not above the gain threshold is a leaf holding the class shares [[p0, p1]];
 * a row goes left when x[splitColumn] < splitValue, the split value being the midpoint of two consecutive distinct
 * values; `gain` is the node's gini gain and `numberSamples` its row count (bootstrap duplicates included).
 * Two deliberate differences: every boundary between distinct values is a candidate (ml-cart only tries those where
 * the label changes in its sort order, a subset), and ml-cart's "child gain equals parent gain" stop is dropped: it
 * guards ml-cart against an empty side, which cannot happen here.
 */
import { SeededRandom } from "@/lib/market/seeded-random";

export interface ForestLeaf {
  readonly distribution: number[][];
}
export interface ForestSplit {
  readonly splitColumn: number;
  readonly splitValue: number;
  readonly gain: number;
  readonly numberSamples: number;
  readonly left: ForestNode;
  readonly right: ForestNode;
}
export type ForestNode = ForestLeaf | ForestSplit;

export interface ForestTrainingOptions {
  readonly trees: number;
  readonly maxDepth: number;
  readonly minSplitRows: number;
  /** Features each tree sees, drawn without replacement per tree. */
  readonly featuresPerTree: number;
  readonly gainThreshold: number;
  readonly seed: number;
}

export interface TrainedForest {
  /** Per tree, the columns of X it sees, ascending; a split's `splitColumn` indexes this list. */
  readonly indexes: number[][];
  readonly roots: ForestNode[];
  /** Per training row, the share of the trees that did not see it voting win; NaN for a row every tree saw. */
  readonly oob: number[];
}

/** The class a leaf predicts, as ml-cart's predict reads it: the first largest share (a tie is class 0). */
function leafClass(leaf: ForestLeaf): 0 | 1 {
  const [p0 = 0, p1 = 0] = leaf.distribution[0] ?? [];
  return p1 > p0 ? 1 : 0;
}

/** The 0/1 vote of one tree for a row of the full feature width (the in-memory twin of the library's routing). */
export function routeRow(root: ForestNode, used: readonly number[], row: readonly number[]): 0 | 1 {
  let node = root;
  while ("splitColumn" in node) node = (row[used[node.splitColumn] ?? -1] ?? Number.NaN) < node.splitValue ? node.left : node.right;
  return leafClass(node);
}

/**
 * Σ over classes of count² / rows: gini impurity is 1 − this / rows, so a split's gini gain is
 * (purity(left) + purity(right) − purity(node)) / rows. Summing the two sides commutes exactly, so mirrored splits
 * tie exactly and the first one wins, whatever the rounding.
 */
function purity(n0: number, n1: number): number {
  const n = n0 + n1;
  return n === 0 ? 0 : (n0 * n0 + n1 * n1) / n;
}

/** ml-cart's (a + b) / 2 for a < b, unless rounding lands it on `a` (or overflow beyond `b`): then `b`, still a clean cut. */
function midpoint(a: number, b: number): number {
  const mid = (a + b) / 2;
  return mid > a && mid <= b ? mid : b;
}

interface Split {
  readonly column: number;
  readonly value: number;
  readonly gain: number;
}

/** One tree's working state: its bag's labels and, per column it sees, the bag positions sorted by that column. */
class TreeBuilder {
  private readonly sorted: Int32Array[];
  private readonly values: Float64Array[];
  private readonly goesLeft: Uint8Array;
  private readonly scratch: Int32Array;

  constructor(
    X: readonly (readonly number[])[],
    private readonly labels: Uint8Array,
    bag: readonly number[] | Int32Array,
    used: readonly number[],
    private readonly options: Pick<ForestTrainingOptions, "maxDepth" | "minSplitRows" | "gainThreshold">,
  ) {
    const n = bag.length;
    this.values = used.map((f) => Float64Array.from(bag, (row) => X[row]?.[f] ?? Number.NaN));
    this.sorted = this.values.map((v) => Int32Array.from({ length: n }, (_, p) => p).sort((a, b) => (v[a] ?? 0) - (v[b] ?? 0) || a - b));
    this.goesLeft = new Uint8Array(n);
    this.scratch = new Int32Array(n);
  }

  build(): ForestNode {
    return this.node(0, this.labels.length, 0);
  }

  private node(lo: number, hi: number, depth: number): ForestNode {
    const rows = hi - lo;
    let n1 = 0;
    const first = this.sorted[0] ?? new Int32Array(0);
    for (let i = lo; i < hi; i++) n1 += this.labels[first[i] ?? 0] ?? 0;
    const n0 = rows - n1;
    const leaf: ForestLeaf = { distribution: [[n0 / rows, n1 / rows]] };
    if (rows <= this.options.minSplitRows || depth >= this.options.maxDepth || n0 === 0 || n1 === 0) return leaf;
    const split = this.bestSplit(lo, hi, n0, n1);
    if (!split || !(split.gain > this.options.gainThreshold)) return leaf;
    const leftRows = this.partition(lo, hi, split);
    return {
      splitColumn: split.column,
      splitValue: split.value,
      gain: split.gain,
      numberSamples: rows,
      left: this.node(lo, lo + leftRows, depth + 1),
      right: this.node(lo + leftRows, hi, depth + 1),
    };
  }

  /** The first largest gini gain over columns, then ascending split values (ml-cart's order and strict `>`). */
  private bestSplit(lo: number, hi: number, n0: number, n1: number): Split | undefined {
    const rows = hi - lo;
    const parent = purity(n0, n1);
    let best: Split | undefined;
    this.sorted.forEach((order, column) => {
      const v = this.values[column] ?? new Float64Array(0);
      let left1 = 0;
      for (let i = lo; i < hi - 1; i++) {
        const p = order[i] ?? 0;
        left1 += this.labels[p] ?? 0;
        const here = v[p] ?? 0;
        const next = v[order[i + 1] ?? 0] ?? 0;
        if (!(here < next)) continue;
        const leftRows = i - lo + 1;
        const rightRows = rows - leftRows;
        const gain = (purity(leftRows - left1, left1) + purity(rightRows - (n1 - left1), n1 - left1) - parent) / rows;
        if (!best || gain > best.gain) best = { column, value: midpoint(here, next), gain };
      }
    });
    return best;
  }

  /** Stably moves the rows with x < split value to the front of [lo, hi) in every sorted list; returns their count. */
  private partition(lo: number, hi: number, split: Split): number {
    const v = this.values[split.column] ?? new Float64Array(0);
    const order = this.sorted[split.column] ?? new Int32Array(0);
    let leftRows = 0;
    for (let i = lo; i < hi; i++) {
      const p = order[i] ?? 0;
      const left = (v[p] ?? 0) < split.value ? 1 : 0;
      this.goesLeft[p] = left;
      leftRows += left;
    }
    for (const list of this.sorted) {
      let l = lo;
      let r = 0;
      for (let i = lo; i < hi; i++) {
        const p = list[i] ?? 0;
        if (this.goesLeft[p]) list[l++] = p;
        else this.scratch[r++] = p;
      }
      list.set(this.scratch.subarray(0, r), l);
    }
    return leftRows;
  }
}

/**
 * One tree on the bag (row numbers of X, repeats allowed) seeing the columns `used`; its splitColumn indexes `used`.
 * Training input must be validated already (see trainForest).
 */
export function growTree(
  X: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  bag: readonly number[] | Int32Array,
  used: readonly number[],
  options: Pick<ForestTrainingOptions, "maxDepth" | "minSplitRows" | "gainThreshold">,
): ForestNode {
  return new TreeBuilder(X, Uint8Array.from(bag, (row) => y[row] ?? 0), bag, used, options).build();
}

/** `count` distinct columns of `features`, drawn by a partial Fisher-Yates shuffle, ascending. */
function drawColumns(rng: SeededRandom, features: number, count: number): number[] {
  const pool = Array.from({ length: features }, (_, f) => f);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (features - i));
    [pool[i], pool[j]] = [pool[j] ?? 0, pool[i] ?? 0];
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}

/**
 * Trains the forest on validated input: rows X of equal width with finite values, labels y of 0/1, the same length.
 * Each tree bags n rows of n with replacement and sees `featuresPerTree` columns; all draws come from one seeded
 * stream, so the same data and seed give the same forest.
 */
export function trainForest(X: readonly (readonly number[])[], y: readonly (0 | 1)[], options: ForestTrainingOptions): TrainedForest {
  const n = X.length;
  const features = X[0]?.length ?? 0;
  const rng = new SeededRandom(options.seed, "random-forest");
  const oobWins = new Float64Array(n);
  const oobTrees = new Float64Array(n);
  const indexes: number[][] = [];
  const roots: ForestNode[] = [];
  for (let t = 0; t < options.trees; t++) {
    const bag = new Int32Array(n);
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const row = Math.floor(rng.next() * n);
      bag[i] = row;
      seen[row] = 1;
    }
    const used = drawColumns(rng, features, options.featuresPerTree);
    const root = growTree(X, y, bag, used, options);
    for (let i = 0; i < n; i++) {
      if (seen[i]) continue;
      oobWins[i] = (oobWins[i] ?? 0) + routeRow(root, used, X[i] ?? []);
      oobTrees[i] = (oobTrees[i] ?? 0) + 1;
    }
    indexes.push(used);
    roots.push(root);
  }
  const oob = Array.from(oobWins, (wins, i) => ((oobTrees[i] ?? 0) > 0 ? wins / (oobTrees[i] ?? 1) : Number.NaN));
  return { indexes, roots, oob };
}
