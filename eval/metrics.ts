import { seededRandom } from '../src/core/project/random';

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

/** Reciprocal rank at the cutoff: 1/rank in the top 10, else 0. */
function reciprocal(rank: number): number {
  return rank > 0 && rank <= CUTOFF ? 1 / rank : 0;
}

/**
 * A 95 % interval for the difference in MRR@10 between two rankings of the
 * same queries (a − b), by the paired bootstrap (Efron & Tibshirani 1993;
 * Sakai, SIGIR 2006, for IR metrics): queries are resampled with
 * replacement, the difference recomputed each time. A seeded generator, so
 * the report is the same on every run.
 */
export function pairedInterval(a: readonly number[], b: readonly number[], resamples = 10_000): { low: number; high: number } {
  const n = a.length;
  if (n === 0 || n !== b.length) return { low: 0, high: 0 };
  const diff = a.map((r, i) => reciprocal(r) - reciprocal(b[i]!));
  const next = seededRandom(0x9e3779b9);
  const means = new Float64Array(resamples);
  for (let s = 0; s < resamples; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diff[Math.floor(next() * n)]!;
    means[s] = sum / n;
  }
  means.sort();
  return { low: means[Math.floor(resamples * 0.025)]!, high: means[Math.ceil(resamples * 0.975) - 1]! };
}
