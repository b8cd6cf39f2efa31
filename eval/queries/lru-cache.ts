import { q, type Library } from '../libraries';

/**
 * Held-out library: its numbers are to be looked at once, after every ranking
 * setting is fixed. lru-cache was picked because it is a widely used npm
 * package whose answers are mostly the documented methods, getters and
 * options of one class, LRUCache, plus the option and callback types declared
 * in its namespace, so the questions have to tell apart many near neighbours
 * of the same class (get, peek, has; keys, values, entries and their reverse
 * forms; fetch, forceFetch, memo). The queries were written from lru-cache's
 * README and sources by a query writer who saw no ranking, and committed
 * before any ranking was run on lru-cache (2026-11-28).
 *
 * The package ships only built code: dist/esm and dist/commonjs hold the same
 * index.js and index.d.ts, so one folder is read. Both of its files name the
 * class's members alike (LRUCache.get in each), so an expectation accepts
 * either copy; the option and callback types (OptionsBase, Disposer, Status,
 * Entry, ...) and the comments of fetch, forceFetch and memo exist only in
 * index.d.ts. Single options (ttl, sizeCalculation, ...) are properties of
 * LRUCache.OptionsBase and not symbols of their own, so questions about them
 * expect that interface, the read-only getter of the same name where the
 * class has one, and the callback's type.
 */
export const LRU_CACHE: Library = {
  name: 'lru-cache (held out)',
  spec: 'lru-cache@11.2.2',
  // dist/, where the package keeps all its code, is a folder the indexer skips by default.
  root: 'dist/esm',
  include: ['*.js', '*.d.ts'],
  queries: [
    q('empty the cache completely, forgetting everything stored so far', 'LRUCache.clear'),
    q('how many entries are in it right now', 'LRUCache.size'),
    q('remember a value under a key so later lookups find it', 'LRUCache.set'),
    q('look up the value saved for a key, counting it as a use so it stays around longer', 'LRUCache.get'),
    q('read an entry without it counting as a recent use', 'LRUCache.peek'),
    q('is anything cached for this key, yes or no, without moving it up the recency order', 'LRUCache.has'),
    q('remove a single key and its value', 'LRUCache.delete'),
    q('throw out the entry that has gone unused the longest and give me its value', 'LRUCache.pop'),
    q('how many milliseconds until this key expires', 'LRUCache.getRemainingTTL', 'LRUCache.info'),
    q('everything known about one key at once: what it holds, how big it is, when it runs out', 'LRUCache.info'),
    q('export the whole contents so they can be written to disk and restored later', 'LRUCache.dump'),
    q('fill a cache back up from a previously saved snapshot', 'LRUCache.load'),
    q('sweep out every item whose lifetime has already run out', 'LRUCache.purgeStale'),
    q('use a for...of loop over the cache to get [key, value] pairs', 'LRUCache.[Symbol.iterator]', 'LRUCache.entries'),
    q('walk the items starting from the one used least recently', 'LRUCache.rentries', 'LRUCache.rkeys', 'LRUCache.rvalues', 'LRUCache.rforEach'),
    q('get just the stored values, without their keys', 'LRUCache.values', 'LRUCache.rvalues'),
    q('search the cached values for the first one a test function accepts', 'LRUCache.find'),
    q('on a miss, load the value asynchronously from a backend and keep the result', 'LRUCache.fetch', 'LRUCache.forceFetch', 'LRUCache.fetchMethod'),
    q('async lookup that rejects instead of resolving to undefined when nothing comes back', 'LRUCache.forceFetch'),
    q('compute a value synchronously the first time a key is asked for and reuse it afterwards', 'LRUCache.memo', 'LRUCache.memoMethod', 'LRUCache.Memoizer'),
    q('run cleanup code when an item gets evicted', 'LRUCache.dispose', 'LRUCache.disposeAfter', 'LRUCache.Disposer', 'LRUCache.OptionsBase'),
    q('why did an item leave: pushed out for room, expired, overwritten or removed by hand', 'LRUCache.DisposeReason'),
    q('get a callback every time something new is added', 'LRUCache.onInsert', 'LRUCache.Inserter'),
    q('cap the cache by the combined weight of its entries instead of how many there are', 'LRUCache.maxSize', 'LRUCache.SizeCalculator', 'LRUCache.OptionsBase', 'LRUCache.OptionsSizeLimit'),
    q('total weight of everything stored at the moment', 'LRUCache.calculatedSize'),
    q('what settings can I pass when creating a cache', 'LRUCache.constructor', 'LRUCache.Options', 'LRUCache.OptionsBase', 'LRUCache.OptionsMaxLimit', 'LRUCache.OptionsTTLLimit', 'LRUCache.OptionsSizeLimit'),
    q('find out whether a lookup was a hit, a miss or stale, for logging', 'LRUCache.Status'),
    q('hand extra per-request data through to my loader function', 'LRUCache.FetchOptions', 'LRUCache.FetchOptionsWithContext', 'LRUCache.FetcherOptions', 'LRUCache.MemoOptions', 'LRUCache.MemoOptionsWithContext', 'LRUCache.MemoizerOptions'),
    q('replace the clock used for expiry times, e.g. with a fake timer in tests', 'LRUCache.perf', 'Perf', 'Perf.now'),
    q('shape of one saved record: the value plus its lifetime, size and start time', 'LRUCache.Entry'),
  ],
};
