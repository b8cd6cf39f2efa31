import { q, type Library } from '../libraries';

/**
 * commander, the command-line argument parser most Node tools are built on.
 * A tuning library: like luxon, its answers are mostly methods of a few
 * classes (Command, Option, Argument, Help), many to a file, with a handful
 * of module-level helpers (suggestSimilar, splitOptionFlags, useColor...).
 * Expected names are `Class.method`, so `Option.choices` does not accept
 * `Argument.choices`. Written in November 2026 from commander's Readme and
 * the signatures the extractor lists, by a query writer who saw no ranking
 * of this or any other library; where internal helpers do the very thing a
 * query asks for, they are listed beside the public method.
 */
export const COMMANDER: Library = {
  name: 'commander',
  spec: 'commander@14.0.3',
  include: ['/lib/'],
  queries: [
    q('add a subcommand to my cli, like git clone', 'Command.command', 'Command.addCommand'),
    q('function that runs when the user invokes the command', 'Command.action'),
    q('read process.argv and run whichever command matches', 'Command.parse', 'Command.parseAsync'),
    q('all the parsed flag values as one plain object', 'Command.opts', 'Command.optsWithGlobals'),
    q('make a flag that the user is obliged to pass', 'Command.requiredOption', 'Option.makeOptionMandatory'),
    q('only allow small, medium or large as the value of a switch', 'Option.choices'),
    q('restrict a positional parameter to a list of accepted words', 'Argument.choices'),
    q('take the setting from an environment variable such as PORT when the flag is missing', 'Option.env', 'Command._parseOptionsEnv'),
    q('two flags that must not be given together', 'Option.conflicts', 'Command._checkForConflictingOptions', 'Command._checkForConflictingLocalOptions', 'Command._conflictingOption'),
    q('giving one option automatically sets another one', 'Option.implies', 'Command._parseOptionsImplied'),
    q('convert the text the user typed into an integer with my own function', 'Option.argParser', 'Argument.argParser'),
    q('value an option gets when it is present but nothing follows it', 'Option.preset'),
    q('fallback when an optional positional parameter is left out', 'Argument.default'),
    q('another name the same subcommand answers to', 'Command.alias', 'Command.aliases'),
    q('callback before or after every action, e.g. to set up tracing', 'Command.hook'),
    q('was this value typed on the command line, taken from the environment or a default', 'Command.getOptionValueSource', 'Command.getOptionValueSourceWithGlobals'),
    q('do not call process.exit, throw an exception I can catch instead', 'Command.exitOverride'),
    q('report my own failure and quit with a chosen exit status', 'Command.error'),
    q('keep going when an unrecognised flag shows up', 'Command.allowUnknownOption'),
    q('accept more positional values than were declared', 'Command.allowExcessArguments'),
    q('forward everything after the arguments to another program untouched', 'Command.passThroughOptions'),
    q('global flags only count when they come before the subcommand name', 'Command.enablePositionalOptions'),
    q('keep an option out of the help listing', 'Option.hideHelp'),
    q('show the whole usage screen after a mistake on the command line', 'Command.showHelpAfterError'),
    q('did you mean --help? for a misspelled flag', 'suggestSimilar', 'Command.showSuggestionAfterError'),
    q('add examples or a footer below the generated help', 'Command.addHelpText'),
    q('get the help as a string instead of printing it', 'Command.helpInformation', 'Help.formatHelp'),
    q('choose different flags for showing help, or turn help off', 'Command.helpOption', 'Command.addHelpOption'),
    q('send output and error messages somewhere other than stdout and stderr', 'Command.configureOutput'),
    q('break long descriptions into lines that fit the terminal', 'Help.boxWrap', 'Help.formatItem'),
    q('visible length of a string ignoring ANSI colour escapes', 'Help.displayWidth'),
    q('list options in alphabetical order in help', 'Help.compareOptions', 'Help.visibleOptions'),
    q('put some options under their own heading in the help', 'Command.optionsGroup', 'Option.helpGroup'),
    q('shorter one-line text shown for a subcommand in the list of commands', 'Command.summary'),
    q('folder searched for stand-alone subcommand scripts', 'Command.executableDir', 'Command._executeSubCommand.findFile'),
    q('error to throw when a custom parser rejects the value', 'InvalidArgumentError'),
    q('should the help be coloured, from NO_COLOR and FORCE_COLOR', 'useColor'),
  ],
};
