import { q, type Query } from '../libraries';

/**
 * Part of CPython 3.11's standard library (22 files: heapq, bisect, calendar,
 * statistics, textwrap, shlex, fnmatch, glob, tempfile, shutil, posixpath,
 * genericpath, urllib/parse, email/utils, email/_parseaddr, base64, difflib,
 * html, secrets, string, colorsys, filecmp): mostly module-level functions,
 * a few classes and methods, at most four queries per file.
 *
 * Written 2026-11-29 by a helper from the sources and the symbol list the
 * indexer extracts, before any ranking was run: the queries were drafted from
 * what a user wants of each module before its docstrings were read, and no
 * ranking of this or any other library was seen. Where internal helpers do
 * the very thing a query asks for, they are listed beside the public name.
 *
 * Module-level functions have no container, so a bare name cannot be tied to
 * its file: `split` also accepts posixpath's `split` for the shell query and
 * `mean` also accepts `NormalDist.mean`. Names shared by unrelated modules
 * (`escape`, `quote`, `join`, `unquote`) are therefore not asked for.
 */
export const PYTHON_STDLIB: readonly Query[] = [
  // heapq
  q('the three largest scores from a huge list, without sorting the whole list', 'nlargest'),
  q('interleave several lists that are each already in order into one ordered sequence', 'merge'),
  // bisect
  q('add a value to a list kept in ascending order, at the right place', 'insort_left', 'insort_right'),
  // calendar
  q('is a given year one that has 366 days', 'isleap'),
  q('how many days a month has, and the weekday of its first day', 'monthrange', '_monthlen'),
  // statistics
  q('plain average of a list of floats', 'mean', 'fmean'),
  q('chance that a value from a bell curve with a given average and spread is below x', 'NormalDist.cdf'),
  // textwrap
  q('reflow a long paragraph so no line is wider than 60 characters', 'wrap', 'fill', 'TextWrapper', 'TextWrapper._wrap_chunks'),
  q('strip the shared indentation from a multi-line string written inside indented code', 'dedent'),
  // shlex
  q('break a command line string into a list of arguments, keeping quoted parts together', 'split', 'shlex'),
  // fnmatch
  q('does a file name match a pattern with * and ? wildcards', 'fnmatch', 'fnmatchcase'),
  // glob
  q('every .py file under a folder and all of its subfolders', 'glob', 'iglob', '_iglob', '_glob2', '_rlistdir'),
  // tempfile
  q('a scratch directory that removes itself with everything inside once the with block ends', 'TemporaryDirectory', 'TemporaryDirectory.cleanup', 'TemporaryDirectory._cleanup'),
  q('a throwaway file that has a real path so another process can open it by name', 'NamedTemporaryFile', 'mkstemp'),
  // shutil
  q('copy a folder with all its subfolders and files to a new place', 'copytree', '_copytree'),
  q('remove a folder that still has files in it', 'rmtree', '_rmtree_unsafe', '_rmtree_safe_fd', '_rmtree'),
  q('find where a program like ffmpeg is installed by looking through PATH', 'which'),
  // posixpath
  q('get the extension, like .jpg, of a file name', 'splitext', '_splitext'),
  q('turn ~/Documents into the full home directory path', 'expanduser'),
  q('path of a file as seen from another folder, e.g. ../lib/x.py', 'relpath'),
  // genericpath
  q('when was this file last written to', 'getmtime'),
  // urllib/parse
  q('pull the host name, path and query out of a web address', 'urlparse', 'urlsplit'),
  q('build the ?a=1&b=2 part of a link from a dictionary', 'urlencode'),
  q('read the parameters after the question mark of a URL into a dict', 'parse_qs', 'parse_qsl'),
  // email/utils and email/_parseaddr
  q("get the person's name and the bare address out of 'Ann Lee <ann@example.org>'", 'parseaddr', 'getaddresses', 'AddrlistClass.getaddress', 'AddrlistClass.getaddrlist', 'AddressList'),
  q("now's date and time formatted for the Date: header of a mail", 'formatdate', 'format_datetime', '_format_timetuple_and_zone'),
  q('turn the Date: line of a received message into a datetime or a time tuple', 'parsedate_to_datetime', 'parsedate', 'parsedate_tz', '_parsedate_tz'),
  // base64
  q('base64 text that is safe inside web addresses and file names', 'urlsafe_b64encode', 'urlsafe_b64decode'),
  // difflib
  q('show what changed between two versions of a file the way git diff prints it', 'unified_diff'),
  q('suggest the intended word for a typo from a list of known words', 'get_close_matches'),
  q('a number between 0 and 1 saying how alike two strings are', 'SequenceMatcher', 'SequenceMatcher.ratio', 'SequenceMatcher.quick_ratio', 'SequenceMatcher.real_quick_ratio', '_calculate_ratio'),
  // html
  q('convert &amp; &lt; and &#39; in scraped text back to plain characters', 'unescape', '_replace_charref'),
  // secrets
  q('unguessable random string for a password reset link', 'token_urlsafe', 'token_hex'),
  // string
  q('fill $name style placeholders in a text from a dictionary', 'Template', 'Template.substitute', 'Template.safe_substitute'),
  // colorsys
  q('convert an RGB colour to hue, saturation and brightness', 'rgb_to_hsv', 'rgb_to_hls'),
  // filecmp
  q('are two files byte for byte the same', 'cmp', '_do_cmp'),
];
