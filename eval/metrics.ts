/** 1-based rank of the first answer in `names` that `expected` accepts; 0 when none is there. */
export function firstRank(names: readonly string[], expected: ReadonlySet<string>): number {
  const i = names.findIndex((n) => expected.has(n));
  return i < 0 ? 0 : i + 1;
}

export interface Scores {
  /** Mean reciprocal rank of the first right answer in the top 10 (0 when it is not there). */
  readonly mrr: number;
  /** Share of queries with a right answer in the top 10. */
  readonly recall: number;
  readonly n: number;
}

export const CUTOFF = 10;

export function score(ranks: readonly number[]): Scores {
  const n = ranks.length;
  if (n === 0) return { mrr: 0, recall: 0, n };
  const inTop = ranks.filter((r) => r > 0 && r <= CUTOFF);
  return {
    mrr: inTop.reduce((s, r) => s + 1 / r, 0) / n,
    recall: inTop.length / n,
    n,
  };
}

export const fmt = (x: number): string => x.toFixed(3);
