// The search box's concept arithmetic: `parseJson - json + yaml` asks for
// what is to yaml what parseJson is to json (LatentIndex.arithmetic).

/** Terms added and taken away, in the order typed. */
export interface Arithmetic {
  readonly plus: readonly string[];
  readonly minus: readonly string[];
}

/**
 * An operator is a `+` or `-` with white space on both sides, so that
 * `kebab-case`, `a+b` and `-1` stay words of an ordinary query.
 */
const OPERATOR = /\s+([+-])(?=\s)/;

/**
 * The arithmetic a query spells, or undefined for an ordinary query: no
 * operator, or a term left empty (`parseJson -` while it is being typed), or
 * nothing added (`- json`).
 */
export function parseArithmetic(query: string): Arithmetic | undefined {
  const parts = ` ${query} `.split(OPERATOR);
  if (parts.length < 3) return undefined;
  const plus: string[] = [];
  const minus: string[] = [];
  const first = parts[0]!.trim();
  if (!first) return undefined;
  plus.push(first);
  for (let i = 1; i < parts.length; i += 2) {
    const term = parts[i + 1]!.trim();
    if (!term) return undefined;
    (parts[i] === '+' ? plus : minus).push(term);
  }
  return { plus, minus };
}
