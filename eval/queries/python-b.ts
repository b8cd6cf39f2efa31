// Written 2026-11-29 by a helper from the sources and the symbol list, before
// any ranking was run; the second Python set, held out.

import { q, type Query } from '../libraries';

/**
 * Covers 25 modules of CPython 3.11's standard library (json, csv, random,
 * fractions, pprint, copy, contextlib, queue, ipaddress, uuid, gzip,
 * mimetypes, getopt, gettext, linecache, traceback, webbrowser,
 * http.cookiejar, urllib.robotparser, tarfile, zipfile, plistlib, netrc), at
 * most three queries a file. Each query was drafted before its answer's
 * docstring was read, then reworded wherever it shared three words in a row
 * with that docstring. Module-level names that several modules define
 * (json's and plistlib's load/dumps, gzip's compress beside zipfile's
 * LZMACompressor.compress, webbrowser's get beside Queue.get) are left
 * unasked, since a bare name would accept the unrelated ones too; methods
 * are pinned as `Class.method` where another class has the same name.
 * Internal helpers that do the very thing asked are listed beside the
 * public name.
 */
export const PYTHON_STDLIB_B: readonly Query[] = [
  // json
  q('work out whether raw JSON bytes are UTF-8, UTF-16 or UTF-32', 'detect_encoding'),
  q('parse one JSON value from the front of a string and get the index where it stopped', 'JSONDecoder.raw_decode'),
  q('hook to make the JSON serializer handle my own types such as datetime or set', 'JSONEncoder.default'),
  // csv
  q('read a spreadsheet export row by row as dicts keyed by the header titles', 'DictReader'),
  q('guess the delimiter and quoting of an unknown comma or tab separated file', 'Sniffer', 'Sniffer.sniff', 'Sniffer._guess_quote_and_delimiter', 'Sniffer._guess_delimiter'),
  // random
  q('draw k distinct entries out of a list at random, never the same one twice', 'Random.sample'),
  q('random picks with replacement where some items are weighted more heavily', 'Random.choices'),
  // fractions
  q('nearest fraction whose bottom number stays under a limit, like 355/113 for pi', 'Fraction.limit_denominator'),
  // pprint
  q('nicely indented text of a nested dict as a string rather than printing it', 'pformat', 'PrettyPrinter.pformat'),
  // copy
  q('duplicate a nested list so editing the inner lists leaves the original alone', 'deepcopy', '_deepcopy_list'),
  // contextlib
  q('write a with-statement helper from a generator function using yield', 'contextmanager', '_GeneratorContextManager'),
  q('ignore a particular exception inside a with block and continue', 'suppress'),
  // queue
  q('wait for my worker threads to finish every submitted job before moving on', 'Queue.join', 'Queue.task_done'),
  q('queue that hands out the lowest-valued entry first', 'PriorityQueue'),
  // ipaddress
  q('loop through the addresses I can assign to machines on a subnet like 192.168.1.0/24', '_BaseNetwork.hosts', 'IPv6Network.hosts'),
  q('split a network into smaller blocks with a longer prefix length', '_BaseNetwork.subnets'),
  // uuid
  q('make a new unpredictable unique ID for a database row', 'uuid4'),
  q('same namespace and name always give the same identifier, hashed', 'uuid3', 'uuid5'),
  // gzip
  q('read a .gz compressed file as if it were a normal file object', 'GzipFile', 'GzipFile.read'),
  // mimetypes
  q('what content type, e.g. image/png, does a file name or URL suggest', 'guess_type', 'MimeTypes.guess_type'),
  q('which filename suffix goes with a media type such as application/pdf', 'guess_extension', 'MimeTypes.guess_extension', 'guess_all_extensions', 'MimeTypes.guess_all_extensions'),
  // getopt
  q('parse command-line switches like -v -o out.txt --verbose from sys.argv the way C programs do', 'getopt', 'gnu_getopt'),
  // gettext
  q('translated message that picks singular or plural form from a count', 'ngettext', 'dngettext', 'npgettext', 'dnpgettext'),
  // linecache
  q('fetch line number N of a source file, with caching', 'getline'),
  // traceback
  q("the current exception's traceback as a string for logging", 'format_exc', 'format_exception'),
  q('show how the program got to this point, the chain of calls, with no error raised', 'print_stack', 'format_stack', 'extract_stack'),
  // webbrowser
  q('display a link as an extra tab in whatever browser the user normally uses', 'open_new_tab', 'BaseBrowser.open_new_tab'),
  // http.cookiejar
  q('keep cookies on disk in the text file layout that curl and old Netscape browsers read', 'MozillaCookieJar', 'MozillaCookieJar.save', 'MozillaCookieJar._really_load'),
  q('convert a date from an HTTP header such as Expires into a Unix timestamp', 'http2time'),
  // urllib.robotparser
  q("does the site's robots.txt allow my crawler to fetch this URL", 'RobotFileParser.can_fetch'),
  // tarfile
  q('unpack everything in a tar.gz into a folder', 'TarFile.extractall'),
  q('put a file or a whole directory tree into a tar archive', 'TarFile.add'),
  // zipfile
  q('store a string or bytes as a member of a zip without a file on disk', 'ZipFile.writestr', 'ZipFile.open'),
  q('tell if some path really holds a zip archive before opening it', 'is_zipfile', '_check_zipfile'),
  // plistlib
  q('error raised when a macOS property list file is malformed', 'InvalidFileException'),
  // netrc
  q("look up the login and password for a machine in the user's ~/.netrc", 'netrc.authenticators'),
];
