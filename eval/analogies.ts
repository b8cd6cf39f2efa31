// The analogy set: "a is to b as c is to d" on the exported names of
// published libraries, for `latent-map analogy` and the map's `a - b + c`.
//
// Written from the libraries' documented exports before any ranking was
// looked at (the same rule as the search queries in libraries.ts), in two
// kinds:
// - 'swap': a word swap in the names solves it (`addDays : subDays ::
//   addMonths : ?`): what a name-word-swap baseline can do alone.
// - 'meaning': the relation is the same but the words differ (`isBefore :
//   isAfter :: isPast : ?`): only meaning can solve it.
// `d` lists every name that answers it; a result counts when its name is one.

export type AnalogyKind = 'swap' | 'meaning';

export interface Analogy {
  readonly a: string;
  readonly b: string;
  readonly c: string;
  readonly d: readonly string[];
  readonly kind: AnalogyKind;
}

/** A library of libraries.ts (read the way the search evaluation reads it) and its analogies. */
export interface AnalogyLibrary {
  readonly name: string;
  readonly analogies: readonly Analogy[];
}

function swap(a: string, b: string, c: string, ...d: string[]): Analogy {
  return { a, b, c, d, kind: 'swap' };
}
function meaning(a: string, b: string, c: string, ...d: string[]): Analogy {
  return { a, b, c, d, kind: 'meaning' };
}

export const ANALOGY_LIBRARIES: readonly AnalogyLibrary[] = [
  {
    name: 'lodash',
    analogies: [
      swap('padStart', 'padEnd', 'trimStart', 'trimEnd'),
      swap('findIndex', 'findLastIndex', 'find', 'findLast'),
      swap('forEach', 'forEachRight', 'reduce', 'reduceRight'),
      swap('sortedIndexOf', 'sortedLastIndexOf', 'indexOf', 'lastIndexOf'),
      swap('unionBy', 'unionWith', 'xorBy', 'xorWith'),
      swap('pickBy', 'omitBy', 'pick', 'omit'),
      swap('flatMap', 'flatMapDeep', 'flatten', 'flattenDeep'),
      swap('assignIn', 'assignInWith', 'assign', 'assignWith'),
      swap('takeRight', 'takeRightWhile', 'dropRight', 'dropRightWhile'),
      swap('toUpper', 'toLower', 'upperFirst', 'lowerFirst'),
      swap('union', 'intersection', 'unionBy', 'intersectionBy'),
      swap('clone', 'cloneDeep', 'cloneWith', 'cloneDeepWith'),
      swap('keys', 'values', 'keysIn', 'valuesIn'),
      swap('every', 'some', 'overEvery', 'overSome'),
      meaning('add', 'subtract', 'multiply', 'divide'),
      meaning('max', 'min', 'ceil', 'floor'),
      meaning('fromPairs', 'toPairs', 'zip', 'unzip'),
      meaning('escape', 'unescape', 'zip', 'unzip'),
      meaning('padStart', 'padEnd', 'dropWhile', 'dropRightWhile'),
      meaning('trimStart', 'trimEnd', 'takeWhile', 'takeRightWhile'),
      meaning('gt', 'lt', 'gte', 'lte'),
      meaning('startsWith', 'endsWith', 'head', 'last'),
      meaning('after', 'before', 'last', 'head'),
      meaning('upperFirst', 'lowerFirst', 'ceil', 'floor'),
    ],
  },
  {
    name: 'date-fns',
    analogies: [
      swap('addDays', 'subDays', 'addMonths', 'subMonths'),
      swap('startOfWeek', 'endOfWeek', 'startOfMonth', 'endOfMonth'),
      swap('getMonth', 'setMonth', 'getYear', 'setYear'),
      swap('formatISO', 'parseISO', 'format', 'parse'),
      swap('nextMonday', 'previousMonday', 'nextFriday', 'previousFriday'),
      swap('isToday', 'isTomorrow', 'startOfToday', 'startOfTomorrow'),
      swap('getDay', 'getMonth', 'addDays', 'addMonths'),
      swap('differenceInDays', 'addDays', 'differenceInMonths', 'addMonths'),
      swap('startOfDecade', 'endOfDecade', 'startOfYear', 'endOfYear'),
      meaning('isBefore', 'isAfter', 'isPast', 'isFuture'),
      meaning('addDays', 'subDays', 'nextMonday', 'previousMonday'),
      meaning('min', 'max', 'startOfDay', 'endOfDay'),
      meaning('isBefore', 'isAfter', 'startOfYesterday', 'startOfTomorrow'),
      meaning('isYesterday', 'isTomorrow', 'subDays', 'addDays'),
      meaning('fromUnixTime', 'getUnixTime', 'toDate', 'getTime'),
      meaning('isFirstDayOfMonth', 'isLastDayOfMonth', 'startOfMonth', 'endOfMonth'),
    ],
  },
  {
    name: 'rxjs',
    analogies: [
      swap('take', 'skip', 'takeLast', 'skipLast'),
      swap('takeUntil', 'skipUntil', 'takeWhile', 'skipWhile'),
      swap('debounceTime', 'throttleTime', 'debounce', 'throttle'),
      swap('bufferTime', 'bufferCount', 'windowTime', 'windowCount'),
      swap('mergeMap', 'concatMap', 'mergeAll', 'concatAll'),
      swap('switchMap', 'switchAll', 'exhaustMap', 'exhaustAll'),
      swap('firstValueFrom', 'lastValueFrom', 'first', 'last'),
      swap('debounceTime', 'debounce', 'auditTime', 'audit'),
      meaning('first', 'last', 'startWith', 'endWith'),
      meaning('min', 'max', 'first', 'last'),
      meaning('takeLast', 'last', 'take', 'first'),
    ],
  },
];
