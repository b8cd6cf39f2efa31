import { q, type Library } from '../libraries';

/**
 * Held-out library: its numbers are to be looked at once, after every ranking
 * setting is fixed. fs-extra was picked because it is one of the most widely
 * used Node packages, its code is many small top-level functions to a folder
 * (copy, move, remove, mkdirs, ensure, output-file, json, util/stat) rather
 * than classes, its public functions are exported under several alias names
 * (ensureDir, mkdirs and mkdirp are all `makeDir`; ensureFile is `createFile`),
 * and it has almost no JSDoc, so names and a few inline comments carry the
 * meaning. The queries were written from fs-extra's README, docs and sources
 * by a query writer who saw no ranking, and committed before any ranking was
 * run on fs-extra (2026-11-28).
 *
 * Caveats. The extractor yields declared functions only, so alias names
 * (ensureDir, mkdirp, ensureFile, ensureSymlink, pathExistsSync, ...) are not
 * symbols and the expectations name the declared function. `emptyDir` is a
 * named function expression passed to universalify and is not extracted, so
 * the empty-a-folder query expects `emptyDirSync` only; readJson/writeJson
 * come from the jsonfile dependency and are not in the package, so no query
 * asks to read JSON. The copy and move internals exist twice with the same
 * names (onFile, copyFile, onDir, onLink, fileIsNotWritable, makeFileWritable
 * in copy.js and copy-sync.js; doRename, moveAcrossDevice in move.js and
 * move-sync.js; getStats in copy-sync.js and util/stat.js); top-level
 * functions have no container to tell them apart, so an expectation naming
 * one accepts either copy, and queries that ask for a synchronous version do
 * not name them.
 */
export const FS_EXTRA: Library = {
  name: 'fs-extra (held out)',
  spec: 'fs-extra@11.4.1',
  include: ['/lib/'],
  // ESM entry point: only re-exports the CommonJS functions.
  exclude: ['/lib/esm.mjs'],
  queries: [
    // copy
    q('copy a whole folder with everything inside it to another location', 'copy', 'copySync', 'onDir', 'copyDir', 'mkDirAndCopy'),
    q('duplicate a file to a new path synchronously, blocking until it is done', 'copySync'),
    q('copy a tree but skip some of the entries based on my own predicate', 'copy', 'copySync', 'runFilter'),
    q('keep the original modification and access times on the copies', 'copy', 'copySync', 'copyFile', 'handleTimestamps', 'setDestTimestamps', 'utimesMillis', 'utimesMillisSync'),
    q('when copying, recreate symlinks as links instead of following them to their target', 'copy', 'copySync', 'onLink', 'copyLink'),
    q('copied file came out read-only; add the owner write bit so its times can be set', 'makeFileWritable'),
    // move
    q('relocate a file or directory, even onto another disk', 'move', 'moveSync', 'moveAcrossDevice'),
    q('moveSync replacing whatever is already at the target', 'moveSync'),
    q('rename fails with EXDEV because the paths are on different filesystems, so copy it over and delete the original', 'moveAcrossDevice'),
    q('case-only rename like Readme.md to README.md on a case-insensitive filesystem', 'isCosmeticRename'),
    // remove, empty
    q('rm -rf a directory from node', 'remove', 'removeSync'),
    q('how do I delete all the files in a folder but leave the folder itself in place?', 'emptyDirSync'),
    // directories
    q('mkdir -p', 'makeDir', 'makeDirSync'),
    q('synchronously create nested directories with a specific permission mode like 0o755', 'makeDirSync'),
    q('reject a directory name containing characters that are illegal on Windows', 'checkPath'),
    // files, output
    q('create an empty file if it is missing, and leave it alone if it is already there', 'createFile', 'createFileSync'),
    q('touch a file synchronously, making any missing parent folders', 'createFileSync'),
    q('write text to a file whose parent directories may not exist yet', 'outputFile', 'outputFileSync'),
    q('save an object as a JSON file, creating the directory on the way', 'outputJson', 'outputJsonSync'),
    q('dump settings to config.json synchronously', 'outputJsonSync'),
    // links
    q('make a hard link and create the folder it should live in first', 'createLink', 'createLinkSync'),
    q('ensure symlink', 'createSymlink', 'createSymlinkSync'),
    q('should a new symbolic link be created as a file link or a directory link', 'symlinkType', 'symlinkTypeSync'),
    q('is a relative symlink source meant relative to the link location or to the current working directory?', 'symlinkPaths', 'symlinkPathsSync'),
    // path checks
    q('does this path exist? give me a promise of true or false', 'pathExists', 'exists'),
    q('do two stat results refer to the same file on disk, same inode and device', 'areIdentical'),
    q('prevent copying or moving a directory into a subfolder of itself', 'isSrcSubdir', 'checkParentPaths', 'checkParentPathsSync', 'checkPaths', 'checkPathsSync'),
    // low level
    q('set a file\'s access and modification time with millisecond precision through its file descriptor', 'utimesMillis', 'utimesMillisSync'),
    q('go through directory entries as they stream in, handle them all in parallel, and throw if any handler failed', 'asyncIteratorConcurrentProcess'),
    q('promise-returning read from a file descriptor that resolves with how many bytes were read and the buffer', 'read', 'readv'),
  ],
};
