/** What an expected name may say to accept a symbol: its name, or `Container.name`. */
export function answerKeys(symbol: { readonly name: string; readonly container: string }): readonly string[] {
  return symbol.container ? [symbol.name, `${symbol.container}.${symbol.name}`] : [symbol.name];
}

/** Does `expected` accept a symbol with these answer keys? */
export function accepts(keys: readonly string[], expected: ReadonlySet<string>): boolean {
  return keys.some((k) => expected.has(k));
}

/** 1-based rank of the first hit (given by its answer keys) that `expected` accepts; 0 when none is there. */
export function firstRank(hits: readonly (readonly string[])[], expected: ReadonlySet<string>): number {
  const i = hits.findIndex((keys) => accepts(keys, expected));
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
