import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DEFAULT_LOCK_TIMEOUT_SECONDS,
  DEFAULT_SMOKE_TIMEOUT_SECONDS,
  ProjectsInputError,
  SmokeSpecError,
  apiUrlOf,
  build,
  deploy,
  deployProjects,
  deploymentKey,
  drift,
  list,
  lockEventText,
  outcomeJson,
  parseSmokeTarget,
  plan,
  preview,
  resolveProjects,
  runProjects,
  validate
} from "./chunk-F5Y24DJ3.js";
import {
  dotenvText,
  fitDotenv,
  style,
  useColor,
  writeFileAtomic
} from "./chunk-ZOBKSN73.js";
import {
  PREVIEW_ID_ENV,
  deploymentUrl,
  driftedDeployments,
  flowRunUrl,
  liveChangesToText,
  matrixEntry,
  planToJson,
  planToText,
  projectSelector,
  projectsMatrix,
  projectsPlanToJson,
  projectsPlanToText,
  qualifiedName,
  skippedToJson,
  skippedToText
} from "./chunk-KS4GSOAB.js";
import "./chunk-JDZ5Z23Z.js";
import {
  REFERENCE_PREFECT_VERSION
} from "./chunk-5BY6HLOH.js";
import "./chunk-XUNU3GOX.js";
import {
  Secrets,
  applyValues
} from "./chunk-FIONPFPF.js";
import {
  RESERVED_STEP_INPUTS,
  VERSION_TYPES,
  allStepNames,
  findStep,
  formatDiagnostic
} from "./chunk-MK4RGKAP.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-RWVIAWYL.js";
import "./chunk-NYGW7KUL.js";
import {
  require_dist
} from "./chunk-VHMKHZJ2.js";
import "./chunk-46W2O75K.js";
import {
  require_node_child_process
} from "./chunk-4AHN6RY2.js";
import "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import "./chunk-N4OCQ3N2.js";
import {
  require_node_url
} from "./chunk-OGITELCG.js";
import {
  require_node_events
} from "./chunk-BV3FTZC3.js";
import {
  require_node_util
} from "./chunk-NBB35J4E.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import {
  require_node_process
} from "./chunk-3VU2WZMP.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import "./chunk-WXAGQYOS.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// node_modules/commander/lib/error.js
var CommanderError = class extends Error {
  /**
   * Constructs the CommanderError class
   * @param {number} exitCode suggested exit code which could be used with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   */
  constructor(exitCode, code, message) {
    super(message);
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
    this.code = code;
    this.exitCode = exitCode;
    this.nestedError = void 0;
  }
};
var InvalidArgumentError = class extends CommanderError {
  /**
   * Constructs the InvalidArgumentError class
   * @param {string} [message] explanation of why argument is invalid
   */
  constructor(message) {
    super(1, "commander.invalidArgument", message);
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
  }
};

// node_modules/commander/lib/argument.js
var Argument = class {
  /**
   * Initialize a new command argument with the given name and description.
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @param {string} name
   * @param {string} [description]
   */
  constructor(name, description) {
    this.description = description || "";
    this.variadic = false;
    this.parseArg = void 0;
    this.defaultValue = void 0;
    this.defaultValueDescription = void 0;
    this.argChoices = void 0;
    switch (name[0]) {
      case "<":
        this.required = true;
        this._name = name.slice(1, -1);
        break;
      case "[":
        this.required = false;
        this._name = name.slice(1, -1);
        break;
      default:
        this.required = true;
        this._name = name;
        break;
    }
    if (this._name.endsWith("...")) {
      this.variadic = true;
      this._name = this._name.slice(0, -3);
    }
  }
  /**
   * Return argument name.
   *
   * @return {string}
   */
  name() {
    return this._name;
  }
  /**
   * @package
   */
  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }
    previous.push(value);
    return previous;
  }
  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Argument}
   */
  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }
  /**
   * Set the custom handler for processing CLI command arguments into argument values.
   *
   * @param {Function} [fn]
   * @return {Argument}
   */
  argParser(fn) {
    this.parseArg = fn;
    return this;
  }
  /**
   * Only allow argument value to be one of choices.
   *
   * @param {string[]} values
   * @return {Argument}
   */
  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(", ")}.`
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }
  /**
   * Make argument required.
   *
   * @returns {Argument}
   */
  argRequired() {
    this.required = true;
    return this;
  }
  /**
   * Make argument optional.
   *
   * @returns {Argument}
   */
  argOptional() {
    this.required = false;
    return this;
  }
};
function humanReadableArgName(arg) {
  const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
  return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
}

// node_modules/commander/lib/command.js
var import_node_events = __toESM(require_node_events(), 1);
var import_node_child_process = __toESM(require_node_child_process(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_process = __toESM(require_node_process(), 1);
var import_node_util2 = __toESM(require_node_util(), 1);

// node_modules/commander/lib/help.js
var import_node_util = __toESM(require_node_util(), 1);
var Help = class {
  constructor() {
    this.helpWidth = void 0;
    this.minWidthToWrap = 40;
    this.sortSubcommands = false;
    this.sortOptions = false;
    this.showGlobalOptions = false;
  }
  /**
   * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
   * and just before calling `formatHelp()`.
   *
   * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
   *
   * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
   */
  prepareContext(contextOptions) {
    this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
  }
  /**
   * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
   *
   * @param {Command} cmd
   * @returns {Command[]}
   */
  visibleCommands(cmd) {
    const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
    const helpCommand = cmd._getHelpCommand();
    if (helpCommand && !helpCommand._hidden) {
      visibleCommands.push(helpCommand);
    }
    if (this.sortSubcommands) {
      visibleCommands.sort((a, b) => {
        return a.name().localeCompare(b.name());
      });
    }
    return visibleCommands;
  }
  /**
   * Compare options for sort.
   *
   * @param {Option} a
   * @param {Option} b
   * @returns {number}
   */
  compareOptions(a, b) {
    const getSortKey = (option) => {
      return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
    };
    return getSortKey(a).localeCompare(getSortKey(b));
  }
  /**
   * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */
  visibleOptions(cmd) {
    const visibleOptions = cmd.options.filter((option) => !option.hidden);
    const helpOption = cmd._getHelpOption();
    if (helpOption && !helpOption.hidden) {
      const removeShort = helpOption.short && cmd._findOption(helpOption.short);
      const removeLong = helpOption.long && cmd._findOption(helpOption.long);
      if (!removeShort && !removeLong) {
        visibleOptions.push(helpOption);
      } else if (helpOption.long && !removeLong) {
        visibleOptions.push(
          cmd.createOption(helpOption.long, helpOption.description).helpGroup(helpOption.helpGroupHeading)
        );
      } else if (helpOption.short && !removeShort) {
        visibleOptions.push(
          cmd.createOption(helpOption.short, helpOption.description).helpGroup(helpOption.helpGroupHeading)
        );
      }
    }
    if (this.sortOptions) {
      visibleOptions.sort(this.compareOptions);
    }
    return visibleOptions;
  }
  /**
   * Get an array of the visible global options. (Not including help.)
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */
  visibleGlobalOptions(cmd) {
    if (!this.showGlobalOptions) return [];
    const globalOptions = [];
    for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
      const visibleOptions = ancestorCmd.options.filter(
        (option) => !option.hidden
      );
      globalOptions.push(...visibleOptions);
    }
    if (this.sortOptions) {
      globalOptions.sort(this.compareOptions);
    }
    return globalOptions;
  }
  /**
   * Get an array of the arguments if any have a description.
   *
   * @param {Command} cmd
   * @returns {Argument[]}
   */
  visibleArguments(cmd) {
    if (cmd._argsDescription) {
      cmd.registeredArguments.forEach((argument) => {
        argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
      });
    }
    if (cmd.registeredArguments.find((argument) => argument.description)) {
      return cmd.registeredArguments;
    }
    return [];
  }
  /**
   * Get the command term to show in the list of subcommands.
   *
   * @param {Command} cmd
   * @returns {string}
   */
  subcommandTerm(cmd) {
    const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
    return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
    (args ? " " + args : "");
  }
  /**
   * Get the option term to show in the list of options.
   *
   * @param {Option} option
   * @returns {string}
   */
  optionTerm(option) {
    return option.flags;
  }
  /**
   * Get the argument term to show in the list of arguments.
   *
   * @param {Argument} argument
   * @returns {string}
   */
  argumentTerm(argument) {
    return argument.name();
  }
  /**
   * Get the longest command term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */
  longestSubcommandTermLength(cmd, helper) {
    return helper.visibleCommands(cmd).reduce((max, command) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleSubcommandTerm(helper.subcommandTerm(command))
        )
      );
    }, 0);
  }
  /**
   * Get the longest option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */
  longestOptionTermLength(cmd, helper) {
    return helper.visibleOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
      );
    }, 0);
  }
  /**
   * Get the longest global option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */
  longestGlobalOptionTermLength(cmd, helper) {
    return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
      );
    }, 0);
  }
  /**
   * Get the longest argument term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */
  longestArgumentTermLength(cmd, helper) {
    return helper.visibleArguments(cmd).reduce((max, argument) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleArgumentTerm(helper.argumentTerm(argument))
        )
      );
    }, 0);
  }
  /**
   * Get the command usage to be displayed at the top of the built-in help.
   *
   * @param {Command} cmd
   * @returns {string}
   */
  commandUsage(cmd) {
    let cmdName = cmd._name;
    if (cmd._aliases[0]) {
      cmdName = cmdName + "|" + cmd._aliases[0];
    }
    let ancestorCmdNames = "";
    for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
      ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
    }
    return ancestorCmdNames + cmdName + " " + cmd.usage();
  }
  /**
   * Get the description for the command.
   *
   * @param {Command} cmd
   * @returns {string}
   */
  commandDescription(cmd) {
    return cmd.description();
  }
  /**
   * Get the subcommand summary to show in the list of subcommands.
   * (Fallback to description for backwards compatibility.)
   *
   * @param {Command} cmd
   * @returns {string}
   */
  subcommandDescription(cmd) {
    return cmd.summary() || cmd.description();
  }
  /**
   * Get the option description to show in the list of options.
   *
   * @param {Option} option
   * @return {string}
   */
  optionDescription(option) {
    const extraInfo = [];
    if (option.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
      );
    }
    if (option.defaultValue !== void 0) {
      const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
      if (showDefault) {
        extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
        );
      }
    }
    if (option.presetArg !== void 0 && option.optional) {
      extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
    }
    if (option.envVar !== void 0) {
      extraInfo.push(`env: ${option.envVar}`);
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(", ")})`;
      if (option.description) {
        return `${option.description} ${extraDescription}`;
      }
      return extraDescription;
    }
    return option.description;
  }
  /**
   * Get the argument description to show in the list of arguments.
   *
   * @param {Argument} argument
   * @return {string}
   */
  argumentDescription(argument) {
    const extraInfo = [];
    if (argument.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
      );
    }
    if (argument.defaultValue !== void 0) {
      extraInfo.push(
        `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
      );
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(", ")})`;
      if (argument.description) {
        return `${argument.description} ${extraDescription}`;
      }
      return extraDescription;
    }
    return argument.description;
  }
  /**
   * Format a list of items, given a heading and an array of formatted items.
   *
   * @param {string} heading
   * @param {string[]} items
   * @param {Help} helper
   * @returns string[]
   */
  formatItemList(heading, items, helper) {
    if (items.length === 0) return [];
    return [helper.styleTitle(heading), ...items, ""];
  }
  /**
   * Group items by their help group heading.
   *
   * @param {Command[] | Option[]} unsortedItems
   * @param {Command[] | Option[]} visibleItems
   * @param {Function} getGroup
   * @returns {Map<string, Command[] | Option[]>}
   */
  groupItems(unsortedItems, visibleItems, getGroup) {
    const result = /* @__PURE__ */ new Map();
    unsortedItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) result.set(group, []);
    });
    visibleItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) {
        result.set(group, []);
      }
      result.get(group).push(item);
    });
    return result;
  }
  /**
   * Generate the built-in help text.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {string}
   */
  formatHelp(cmd, helper) {
    const termWidth = helper.padWidth(cmd, helper);
    const helpWidth = helper.helpWidth ?? 80;
    function callFormatItem(term, description) {
      return helper.formatItem(term, termWidth, description, helper);
    }
    let output = [
      `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
      ""
    ];
    const commandDescription = helper.commandDescription(cmd);
    if (commandDescription.length > 0) {
      output = output.concat([
        helper.boxWrap(
          helper.styleCommandDescription(commandDescription),
          helpWidth
        ),
        ""
      ]);
    }
    const argumentList = helper.visibleArguments(cmd).map((argument) => {
      return callFormatItem(
        helper.styleArgumentTerm(helper.argumentTerm(argument)),
        helper.styleArgumentDescription(helper.argumentDescription(argument))
      );
    });
    output = output.concat(
      this.formatItemList("Arguments:", argumentList, helper)
    );
    const optionGroups = this.groupItems(
      cmd.options,
      helper.visibleOptions(cmd),
      (option) => option.helpGroupHeading ?? "Options:"
    );
    optionGroups.forEach((options, group) => {
      const optionList = options.map((option) => {
        return callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option))
        );
      });
      output = output.concat(this.formatItemList(group, optionList, helper));
    });
    if (helper.showGlobalOptions) {
      const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
        return callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option))
        );
      });
      output = output.concat(
        this.formatItemList("Global Options:", globalOptionList, helper)
      );
    }
    const commandGroups = this.groupItems(
      cmd.commands,
      helper.visibleCommands(cmd),
      (sub) => sub.helpGroup() || "Commands:"
    );
    commandGroups.forEach((commands, group) => {
      const commandList = commands.map((sub) => {
        return callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
          helper.styleSubcommandDescription(helper.subcommandDescription(sub))
        );
      });
      output = output.concat(this.formatItemList(group, commandList, helper));
    });
    return output.join("\n");
  }
  /**
   * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
   *
   * @param {string} str
   * @returns {number}
   */
  displayWidth(str) {
    return (0, import_node_util.stripVTControlCharacters)(str).length;
  }
  /**
   * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
   *
   * @param {string} str
   * @returns {string}
   */
  styleTitle(str) {
    return str;
  }
  styleUsage(str) {
    return str.split(" ").map((word) => {
      if (word === "[options]") return this.styleOptionText(word);
      if (word === "[command]") return this.styleSubcommandText(word);
      if (word[0] === "[" || word[0] === "<")
        return this.styleArgumentText(word);
      return this.styleCommandText(word);
    }).join(" ");
  }
  styleCommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleOptionDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleSubcommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleArgumentDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleDescriptionText(str) {
    return str;
  }
  styleOptionTerm(str) {
    return this.styleOptionText(str);
  }
  styleSubcommandTerm(str) {
    return str.split(" ").map((word) => {
      if (word === "[options]") return this.styleOptionText(word);
      if (word[0] === "[" || word[0] === "<")
        return this.styleArgumentText(word);
      return this.styleSubcommandText(word);
    }).join(" ");
  }
  styleArgumentTerm(str) {
    return this.styleArgumentText(str);
  }
  styleOptionText(str) {
    return str;
  }
  styleArgumentText(str) {
    return str;
  }
  styleSubcommandText(str) {
    return str;
  }
  styleCommandText(str) {
    return str;
  }
  /**
   * Calculate the pad width from the maximum term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */
  padWidth(cmd, helper) {
    return Math.max(
      helper.longestOptionTermLength(cmd, helper),
      helper.longestGlobalOptionTermLength(cmd, helper),
      helper.longestSubcommandTermLength(cmd, helper),
      helper.longestArgumentTermLength(cmd, helper)
    );
  }
  /**
   * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
   *
   * @param {string} str
   * @returns {boolean}
   */
  preformatted(str) {
    return /\n[^\S\r\n]/.test(str);
  }
  /**
   * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
   *
   * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
   *   TTT  DDD DDDD
   *        DD DDD
   *
   * @param {string} term
   * @param {number} termWidth
   * @param {string} description
   * @param {Help} helper
   * @returns {string}
   */
  formatItem(term, termWidth, description, helper) {
    const itemIndent = 2;
    const itemIndentStr = " ".repeat(itemIndent);
    if (!description) return itemIndentStr + term;
    const paddedTerm = term.padEnd(
      termWidth + term.length - helper.displayWidth(term)
    );
    const spacerWidth = 2;
    const helpWidth = this.helpWidth ?? 80;
    const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
    let formattedDescription;
    if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
      formattedDescription = description;
    } else {
      const wrappedDescription = helper.boxWrap(description, remainingWidth);
      formattedDescription = wrappedDescription.replace(
        /\n/g,
        "\n" + " ".repeat(termWidth + spacerWidth)
      );
    }
    return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
  }
  /**
   * Wrap a string at whitespace, preserving existing line breaks.
   * Wrapping is skipped if the width is less than `minWidthToWrap`.
   *
   * @param {string} str
   * @param {number} width
   * @returns {string}
   */
  boxWrap(str, width) {
    if (width < this.minWidthToWrap) return str;
    const rawLines = str.split(/\r\n|\n/);
    const chunkPattern = /[\s]*[^\s]+/g;
    const wrappedLines = [];
    rawLines.forEach((line) => {
      const chunks = line.match(chunkPattern);
      if (chunks === null) {
        wrappedLines.push("");
        return;
      }
      let sumChunks = [chunks.shift()];
      let sumWidth = this.displayWidth(sumChunks[0]);
      chunks.forEach((chunk) => {
        const visibleWidth = this.displayWidth(chunk);
        if (sumWidth + visibleWidth <= width) {
          sumChunks.push(chunk);
          sumWidth += visibleWidth;
          return;
        }
        wrappedLines.push(sumChunks.join(""));
        const nextChunk = chunk.trimStart();
        sumChunks = [nextChunk];
        sumWidth = this.displayWidth(nextChunk);
      });
      wrappedLines.push(sumChunks.join(""));
    });
    return wrappedLines.join("\n");
  }
};

// node_modules/commander/lib/option.js
var Option = class {
  /**
   * Initialize a new `Option` with the given `flags` and `description`.
   *
   * @param {string} flags
   * @param {string} [description]
   */
  constructor(flags, description) {
    this.flags = flags;
    this.description = description || "";
    this.required = flags.includes("<");
    this.optional = flags.includes("[");
    this.variadic = new RegExp("\\p{ID_Continue}\\.\\.\\.[>\\]]$", "u").test(flags);
    this.mandatory = false;
    const optionFlags = splitOptionFlags(flags);
    this.short = optionFlags.shortFlag;
    this.long = optionFlags.longFlag;
    this.negate = false;
    if (this.long) {
      this.negate = this.long.startsWith("--no-");
    }
    this.defaultValue = void 0;
    this.defaultValueDescription = void 0;
    this.presetArg = void 0;
    this.envVar = void 0;
    this.parseArg = void 0;
    this.hidden = false;
    this.argChoices = void 0;
    this.conflictsWith = [];
    this.implied = void 0;
    this.helpGroupHeading = void 0;
  }
  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Option}
   */
  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }
  /**
   * Preset to use when option used without option-argument, especially optional but also boolean and negated.
   * The custom processing (parseArg) is called.
   *
   * @example
   * new Option('--color').default('GREYSCALE').preset('RGB');
   * new Option('--donate [amount]').preset('20').argParser(parseFloat);
   *
   * @param {*} arg
   * @return {Option}
   */
  preset(arg) {
    this.presetArg = arg;
    return this;
  }
  /**
   * Add option name(s) that conflict with this option.
   * An error will be displayed if conflicting options are found during parsing.
   *
   * @example
   * new Option('--rgb').conflicts('cmyk');
   * new Option('--js').conflicts(['ts', 'jsx']);
   *
   * @param {(string | string[])} names
   * @return {Option}
   */
  conflicts(names) {
    this.conflictsWith = this.conflictsWith.concat(names);
    return this;
  }
  /**
   * Specify implied option values for when this option is set and the implied options are not.
   *
   * The custom processing (parseArg) is not called on the implied values.
   *
   * @example
   * program
   *   .addOption(new Option('--log', 'write logging information to file'))
   *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
   *
   * @param {object} impliedOptionValues
   * @return {Option}
   */
  implies(impliedOptionValues) {
    let newImplied = impliedOptionValues;
    if (typeof impliedOptionValues === "string") {
      newImplied = { [impliedOptionValues]: true };
    }
    this.implied = Object.assign(this.implied || {}, newImplied);
    return this;
  }
  /**
   * Set environment variable to check for option value.
   *
   * An environment variable is only used if when processed the current option value is
   * undefined, or the source of the current value is 'default' or 'config' or 'env'.
   *
   * @param {string} name
   * @return {Option}
   */
  env(name) {
    this.envVar = name;
    return this;
  }
  /**
   * Set the custom handler for processing CLI option arguments into option values.
   *
   * @param {Function} [fn]
   * @return {Option}
   */
  argParser(fn) {
    this.parseArg = fn;
    return this;
  }
  /**
   * Whether the option is mandatory and must have a value after parsing.
   *
   * @param {boolean} [mandatory=true]
   * @return {Option}
   */
  makeOptionMandatory(mandatory = true) {
    this.mandatory = !!mandatory;
    return this;
  }
  /**
   * Hide option in help.
   *
   * @param {boolean} [hide=true]
   * @return {Option}
   */
  hideHelp(hide = true) {
    this.hidden = !!hide;
    return this;
  }
  /**
   * @package
   */
  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }
    previous.push(value);
    return previous;
  }
  /**
   * Only allow option value to be one of choices.
   *
   * @param {string[]} values
   * @return {Option}
   */
  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(", ")}.`
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }
  /**
   * Return option name.
   *
   * @return {string}
   */
  name() {
    if (this.long) {
      return this.long.replace(/^--/, "");
    }
    return this.short.replace(/^-/, "");
  }
  /**
   * Return option name, in a camelcase format that can be used
   * as an object attribute key.
   *
   * @return {string}
   */
  attributeName() {
    if (this.negate) {
      return camelcase(this.name().replace(/^no-/, ""));
    }
    return camelcase(this.name());
  }
  /**
   * Set the help group heading.
   *
   * @param {string} heading
   * @return {Option}
   */
  helpGroup(heading) {
    this.helpGroupHeading = heading;
    return this;
  }
  /**
   * Check if `arg` matches the short or long flag.
   *
   * @param {string} arg
   * @return {boolean}
   * @package
   */
  is(arg) {
    return this.short === arg || this.long === arg;
  }
  /**
   * Return whether a boolean option.
   *
   * Options are one of boolean, negated, required argument, or optional argument.
   *
   * @return {boolean}
   * @package
   */
  isBoolean() {
    return !this.required && !this.optional && !this.negate;
  }
};
var DualOptions = class {
  /**
   * @param {Option[]} options
   */
  constructor(options) {
    this.positiveOptions = /* @__PURE__ */ new Map();
    this.negativeOptions = /* @__PURE__ */ new Map();
    this.dualOptions = /* @__PURE__ */ new Set();
    options.forEach((option) => {
      if (option.negate) {
        this.negativeOptions.set(option.attributeName(), option);
      } else {
        this.positiveOptions.set(option.attributeName(), option);
      }
    });
    this.negativeOptions.forEach((value, key) => {
      if (this.positiveOptions.has(key)) {
        this.dualOptions.add(key);
      }
    });
  }
  /**
   * Did the value come from the option, and not from possible matching dual option?
   *
   * @param {*} value
   * @param {Option} option
   * @returns {boolean}
   */
  valueFromOption(value, option) {
    const optionKey = option.attributeName();
    if (!this.dualOptions.has(optionKey)) return true;
    const preset = this.negativeOptions.get(optionKey).presetArg;
    const negativeValue = preset !== void 0 ? preset : false;
    return option.negate === (negativeValue === value);
  }
};
function camelcase(str) {
  return str.split("-").reduce((str2, word) => {
    return str2 + word[0].toUpperCase() + word.slice(1);
  });
}
function splitOptionFlags(flags) {
  let shortFlag;
  let longFlag;
  const shortFlagExp = /^-[^-]$/;
  const longFlagExp = /^--[^-]/;
  const flagParts = flags.split(/[ |,]+/).concat("guard");
  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
  if (!shortFlag && shortFlagExp.test(flagParts[0]))
    shortFlag = flagParts.shift();
  if (!shortFlag && longFlagExp.test(flagParts[0])) {
    shortFlag = longFlag;
    longFlag = flagParts.shift();
  }
  if (flagParts[0].startsWith("-")) {
    const unsupportedFlag = flagParts[0];
    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
    if (/^-[^-][^-]/.test(unsupportedFlag))
      throw new Error(
        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
      );
    if (shortFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many short flags`);
    if (longFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many long flags`);
    throw new Error(`${baseError}
- unrecognised flag format`);
  }
  if (shortFlag === void 0 && longFlag === void 0)
    throw new Error(
      `option creation failed due to no flags found in '${flags}'.`
    );
  return { shortFlag, longFlag };
}

// node_modules/commander/lib/suggestSimilar.js
var maxDistance = 3;
function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > maxDistance)
    return Math.max(a.length, b.length);
  const d = [];
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
  }
  for (let j = 0; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      let cost;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
      } else {
        cost = 1;
      }
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        // deletion
        d[i][j - 1] + 1,
        // insertion
        d[i - 1][j - 1] + cost
        // substitution
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
function suggestSimilar(word, candidates) {
  if (!candidates || candidates.length === 0) return "";
  candidates = Array.from(new Set(candidates));
  const searchingOptions = word.startsWith("--");
  if (searchingOptions) {
    word = word.slice(2);
    candidates = candidates.map((candidate) => candidate.slice(2));
  }
  let similar = [];
  let bestDistance = maxDistance;
  const minSimilarity = 0.4;
  candidates.forEach((candidate) => {
    if (candidate.length <= 1) return;
    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    const similarity = (length - distance) / length;
    if (similarity > minSimilarity) {
      if (distance < bestDistance) {
        bestDistance = distance;
        similar = [candidate];
      } else if (distance === bestDistance) {
        similar.push(candidate);
      }
    }
  });
  similar.sort((a, b) => a.localeCompare(b));
  if (searchingOptions) {
    similar = similar.map((candidate) => `--${candidate}`);
  }
  if (similar.length > 1) {
    return `
(Did you mean one of ${similar.join(", ")}?)`;
  }
  if (similar.length === 1) {
    return `
(Did you mean ${similar[0]}?)`;
  }
  return "";
}

// node_modules/commander/lib/command.js
var Command = class _Command extends import_node_events.EventEmitter {
  /**
   * Initialize a new `Command`.
   *
   * @param {string} [name]
   */
  constructor(name) {
    super();
    this.commands = [];
    this.options = [];
    this.parent = null;
    this._allowUnknownOption = false;
    this._allowExcessArguments = false;
    this.registeredArguments = [];
    this._args = this.registeredArguments;
    this.args = [];
    this.rawArgs = [];
    this.processedArgs = [];
    this._scriptPath = null;
    this._name = name || "";
    this._optionValues = {};
    this._optionValueSources = {};
    this._storeOptionsAsProperties = false;
    this._actionHandler = null;
    this._executableHandler = false;
    this._executableFile = null;
    this._executableDir = null;
    this._defaultCommandName = null;
    this._exitCallback = null;
    this._aliases = [];
    this._combineFlagAndOptionalValue = true;
    this._description = "";
    this._summary = "";
    this._argsDescription = void 0;
    this._enablePositionalOptions = false;
    this._passThroughOptions = false;
    this._lifeCycleHooks = {};
    this._showHelpAfterError = false;
    this._showSuggestionAfterError = true;
    this._savedState = null;
    this._outputConfiguration = {
      writeOut: (str) => import_node_process.default.stdout.write(str),
      writeErr: (str) => import_node_process.default.stderr.write(str),
      outputError: (str, write) => write(str),
      getOutHelpWidth: () => import_node_process.default.stdout.isTTY ? import_node_process.default.stdout.columns : void 0,
      getErrHelpWidth: () => import_node_process.default.stderr.isTTY ? import_node_process.default.stderr.columns : void 0,
      getOutHasColors: () => useColor2() ?? (import_node_process.default.stdout.isTTY && import_node_process.default.stdout.hasColors?.()),
      getErrHasColors: () => useColor2() ?? (import_node_process.default.stderr.isTTY && import_node_process.default.stderr.hasColors?.()),
      stripColor: (str) => (0, import_node_util2.stripVTControlCharacters)(str)
    };
    this._hidden = false;
    this._helpOption = void 0;
    this._addImplicitHelpCommand = void 0;
    this._helpCommand = void 0;
    this._helpConfiguration = {};
    this._helpGroupHeading = void 0;
    this._defaultCommandGroup = void 0;
    this._defaultOptionGroup = void 0;
  }
  /**
   * Copy settings that are useful to have in common across root command and subcommands.
   *
   * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
   *
   * @param {Command} sourceCommand
   * @return {Command} `this` command for chaining
   */
  copyInheritedSettings(sourceCommand) {
    this._outputConfiguration = sourceCommand._outputConfiguration;
    this._helpOption = sourceCommand._helpOption;
    this._helpCommand = sourceCommand._helpCommand;
    this._helpConfiguration = sourceCommand._helpConfiguration;
    this._exitCallback = sourceCommand._exitCallback;
    this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
    this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
    this._allowExcessArguments = sourceCommand._allowExcessArguments;
    this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
    this._showHelpAfterError = sourceCommand._showHelpAfterError;
    this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
    return this;
  }
  /**
   * @returns {Command[]}
   * @private
   */
  _getCommandAndAncestors() {
    const result = [];
    for (let command = this; command; command = command.parent) {
      result.push(command);
    }
    return result;
  }
  /**
   * Define a command.
   *
   * There are two styles of command: pay attention to where to put the description.
   *
   * @example
   * // Command implemented using action handler (description is supplied separately to `.command`)
   * program
   *   .command('clone <source> [destination]')
   *   .description('clone a repository into a newly created directory')
   *   .action((source, destination) => {
   *     console.log('clone command called');
   *   });
   *
   * // Command implemented using separate executable file (description is second parameter to `.command`)
   * program
   *   .command('start <service>', 'start named service')
   *   .command('stop [service]', 'stop named service, or all if no name supplied');
   *
   * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
   * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
   * @param {object} [execOpts] - configuration options (for executable)
   * @return {Command} returns new command for action handler, or `this` for executable command
   */
  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
    let desc = actionOptsOrExecDesc;
    let opts = execOpts;
    if (typeof desc === "object" && desc !== null) {
      opts = desc;
      desc = null;
    }
    opts = opts || {};
    const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
    const cmd = this.createCommand(name);
    if (desc) {
      cmd.description(desc);
      cmd._executableHandler = true;
    }
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    cmd._hidden = !!(opts.noHelp || opts.hidden);
    cmd._executableFile = opts.executableFile || null;
    if (args) cmd.arguments(args);
    this._registerCommand(cmd);
    cmd.parent = this;
    cmd.copyInheritedSettings(this);
    if (desc) return this;
    return cmd;
  }
  /**
   * Factory routine to create a new unattached command.
   *
   * See .command() for creating an attached subcommand, which uses this routine to
   * create the command. You can override createCommand to customise subcommands.
   *
   * @param {string} [name]
   * @return {Command} new command
   */
  createCommand(name) {
    return new _Command(name);
  }
  /**
   * You can customise the help with a subclass of Help by overriding createHelp,
   * or by overriding Help properties using configureHelp().
   *
   * @return {Help}
   */
  createHelp() {
    return Object.assign(new Help(), this.configureHelp());
  }
  /**
   * You can customise the help by overriding Help properties using configureHelp(),
   * or with a subclass of Help by overriding createHelp().
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */
  configureHelp(configuration) {
    if (configuration === void 0) return this._helpConfiguration;
    this._helpConfiguration = configuration;
    return this;
  }
  /**
   * The default output goes to stdout and stderr. You can customise this for special
   * applications. You can also customise the display of errors by overriding outputError.
   *
   * The configuration properties are all functions:
   *
   *     // change how output being written, defaults to stdout and stderr
   *     writeOut(str)
   *     writeErr(str)
   *     // change how output being written for errors, defaults to writeErr
   *     outputError(str, write) // used for displaying errors and not used for displaying help
   *     // specify width for wrapping help
   *     getOutHelpWidth()
   *     getErrHelpWidth()
   *     // color support, currently only used with Help
   *     getOutHasColors()
   *     getErrHasColors()
   *     stripColor() // used to remove ANSI escape codes if output does not have colors
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */
  configureOutput(configuration) {
    if (configuration === void 0) return this._outputConfiguration;
    this._outputConfiguration = {
      ...this._outputConfiguration,
      ...configuration
    };
    return this;
  }
  /**
   * Display the help or a custom message after an error occurs.
   *
   * @param {(boolean|string)} [displayHelp]
   * @return {Command} `this` command for chaining
   */
  showHelpAfterError(displayHelp = true) {
    if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
    this._showHelpAfterError = displayHelp;
    return this;
  }
  /**
   * Display suggestion of similar commands for unknown commands, or options for unknown options.
   *
   * @param {boolean} [displaySuggestion]
   * @return {Command} `this` command for chaining
   */
  showSuggestionAfterError(displaySuggestion = true) {
    this._showSuggestionAfterError = !!displaySuggestion;
    return this;
  }
  /**
   * Add a prepared subcommand.
   *
   * See .command() for creating an attached subcommand which inherits settings from its parent.
   *
   * @param {Command} cmd - new subcommand
   * @param {object} [opts] - configuration options
   * @return {Command} `this` command for chaining
   */
  addCommand(cmd, opts) {
    if (!cmd._name) {
      throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
    }
    opts = opts || {};
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    if (opts.noHelp || opts.hidden) cmd._hidden = true;
    this._registerCommand(cmd);
    cmd.parent = this;
    cmd._checkForBrokenPassThrough();
    return this;
  }
  /**
   * Factory routine to create a new unattached argument.
   *
   * See .argument() for creating an attached argument, which uses this routine to
   * create the argument. You can override createArgument to return a custom argument.
   *
   * @param {string} name
   * @param {string} [description]
   * @return {Argument} new argument
   */
  createArgument(name, description) {
    return new Argument(name, description);
  }
  /**
   * Define argument syntax for command.
   *
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @example
   * program.argument('<input-file>');
   * program.argument('[output-file]');
   *
   * @param {string} name
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom argument processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  argument(name, description, parseArg, defaultValue) {
    const argument = this.createArgument(name, description);
    if (typeof parseArg === "function") {
      argument.default(defaultValue).argParser(parseArg);
    } else {
      argument.default(parseArg);
    }
    this.addArgument(argument);
    return this;
  }
  /**
   * Define argument syntax for command, adding multiple at once (without descriptions).
   *
   * See also .argument().
   *
   * @example
   * program.arguments('<cmd> [env]');
   *
   * @param {string} names
   * @return {Command} `this` command for chaining
   */
  arguments(names) {
    names.trim().split(/ +/).forEach((detail) => {
      this.argument(detail);
    });
    return this;
  }
  /**
   * Define argument syntax for command, adding a prepared argument.
   *
   * @param {Argument} argument
   * @return {Command} `this` command for chaining
   */
  addArgument(argument) {
    const previousArgument = this.registeredArguments.slice(-1)[0];
    if (previousArgument?.variadic) {
      throw new Error(
        `only the last argument can be variadic '${previousArgument.name()}'`
      );
    }
    if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
      throw new Error(
        `a default value for a required argument is never used: '${argument.name()}'`
      );
    }
    this.registeredArguments.push(argument);
    return this;
  }
  /**
   * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
   *
   * @example
   *    program.helpCommand('help [cmd]');
   *    program.helpCommand('help [cmd]', 'show help');
   *    program.helpCommand(false); // suppress default help command
   *    program.helpCommand(true); // add help command even if no subcommands
   *
   * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
   * @param {string} [description] - custom description
   * @return {Command} `this` command for chaining
   */
  helpCommand(enableOrNameAndArgs, description) {
    if (typeof enableOrNameAndArgs === "boolean") {
      this._addImplicitHelpCommand = enableOrNameAndArgs;
      if (enableOrNameAndArgs && this._defaultCommandGroup) {
        this._initCommandGroup(this._getHelpCommand());
      }
      return this;
    }
    const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
    const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
    const helpDescription = description ?? "display help for command";
    const helpCommand = this.createCommand(helpName);
    helpCommand.helpOption(false);
    if (helpArgs) helpCommand.arguments(helpArgs);
    if (helpDescription) helpCommand.description(helpDescription);
    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
    return this;
  }
  /**
   * Add prepared custom help command.
   *
   * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
   * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
   * @return {Command} `this` command for chaining
   */
  addHelpCommand(helpCommand, deprecatedDescription) {
    if (typeof helpCommand !== "object") {
      this.helpCommand(helpCommand, deprecatedDescription);
      return this;
    }
    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    this._initCommandGroup(helpCommand);
    return this;
  }
  /**
   * Lazy create help command.
   *
   * @return {(Command|null)}
   * @package
   */
  _getHelpCommand() {
    const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
    if (hasImplicitHelpCommand) {
      if (this._helpCommand === void 0) {
        this.helpCommand(void 0, void 0);
      }
      return this._helpCommand;
    }
    return null;
  }
  /**
   * Add hook for life cycle event.
   *
   * @param {string} event
   * @param {Function} listener
   * @return {Command} `this` command for chaining
   */
  hook(event, listener) {
    const allowedValues = ["preSubcommand", "preAction", "postAction"];
    if (!allowedValues.includes(event)) {
      throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
    }
    if (this._lifeCycleHooks[event]) {
      this._lifeCycleHooks[event].push(listener);
    } else {
      this._lifeCycleHooks[event] = [listener];
    }
    return this;
  }
  /**
   * Register callback to use as replacement for calling process.exit.
   *
   * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
   * @return {Command} `this` command for chaining
   */
  exitOverride(fn) {
    if (fn) {
      this._exitCallback = fn;
    } else {
      this._exitCallback = (err) => {
        if (err.code !== "commander.executeSubCommandAsync") {
          throw err;
        } else {
        }
      };
    }
    return this;
  }
  /**
   * Call process.exit, and _exitCallback if defined.
   *
   * @param {number} exitCode exit code for using with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   * @return never
   * @private
   */
  _exit(exitCode, code, message) {
    if (this._exitCallback) {
      this._exitCallback(new CommanderError(exitCode, code, message));
    }
    import_node_process.default.exit(exitCode);
  }
  /**
   * Register callback `fn` for the command.
   *
   * @example
   * program
   *   .command('serve')
   *   .description('start service')
   *   .action(function() {
   *      // do work here
   *   });
   *
   * @param {Function} fn
   * @return {Command} `this` command for chaining
   */
  action(fn) {
    const listener = (args) => {
      const expectedArgsCount = this.registeredArguments.length;
      const actionArgs = args.slice(0, expectedArgsCount);
      if (this._storeOptionsAsProperties) {
        actionArgs[expectedArgsCount] = this;
      } else {
        actionArgs[expectedArgsCount] = this.opts();
      }
      actionArgs.push(this);
      return fn.apply(this, actionArgs);
    };
    this._actionHandler = listener;
    return this;
  }
  /**
   * Factory routine to create a new unattached option.
   *
   * See .option() for creating an attached option, which uses this routine to
   * create the option. You can override createOption to return a custom option.
   *
   * @param {string} flags
   * @param {string} [description]
   * @return {Option} new option
   */
  createOption(flags, description) {
    return new Option(flags, description);
  }
  /**
   * Wrap parseArgs to catch 'commander.invalidArgument'.
   *
   * @param {(Option | Argument)} target
   * @param {string} value
   * @param {*} previous
   * @param {string} invalidArgumentMessage
   * @private
   */
  _callParseArg(target, value, previous, invalidArgumentMessage) {
    try {
      return target.parseArg(value, previous);
    } catch (err) {
      if (err.code === "commander.invalidArgument") {
        const message = `${invalidArgumentMessage} ${err.message}`;
        this.error(message, { exitCode: err.exitCode, code: err.code });
      }
      throw err;
    }
  }
  /**
   * Check for option flag conflicts.
   * Register option if no conflicts found, or throw on conflict.
   *
   * @param {Option} option
   * @private
   */
  _registerOption(option) {
    const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
    if (matchingOption) {
      const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
      throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
    }
    this._initOptionGroup(option);
    this.options.push(option);
  }
  /**
   * Check for command name and alias conflicts with existing commands.
   * Register command if no conflicts found, or throw on conflict.
   *
   * @param {Command} command
   * @private
   */
  _registerCommand(command) {
    const knownBy = (cmd) => {
      return [cmd.name()].concat(cmd.aliases());
    };
    const alreadyUsed = knownBy(command).find(
      (name) => this._findCommand(name)
    );
    if (alreadyUsed) {
      const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
      const newCmd = knownBy(command).join("|");
      throw new Error(
        `cannot add command '${newCmd}' as already have command '${existingCmd}'`
      );
    }
    this._initCommandGroup(command);
    this.commands.push(command);
  }
  /**
   * Add an option.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addOption(option) {
    this._registerOption(option);
    const oname = option.name();
    const name = option.attributeName();
    if (option.defaultValue !== void 0) {
      this.setOptionValueWithSource(name, option.defaultValue, "default");
    }
    const handleOptionValue = (val, invalidValueMessage, valueSource) => {
      if (val == null && option.presetArg !== void 0) {
        val = option.presetArg;
      }
      const oldValue = this.getOptionValue(name);
      if (val !== null && option.parseArg) {
        val = this._callParseArg(option, val, oldValue, invalidValueMessage);
      } else if (val !== null && option.variadic) {
        val = option._collectValue(val, oldValue);
      }
      if (val == null) {
        if (option.negate) {
          val = false;
        } else if (option.isBoolean() || option.optional) {
          val = true;
        } else {
          val = "";
        }
      }
      this.setOptionValueWithSource(name, val, valueSource);
    };
    this.on("option:" + oname, (val) => {
      const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
      handleOptionValue(val, invalidValueMessage, "cli");
    });
    if (option.envVar) {
      this.on("optionEnv:" + oname, (val) => {
        const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
        handleOptionValue(val, invalidValueMessage, "env");
      });
    }
    return this;
  }
  /**
   * Internal implementation shared by .option() and .requiredOption()
   *
   * @return {Command} `this` command for chaining
   * @private
   */
  _optionEx(config, flags, description, fn, defaultValue) {
    if (typeof flags === "object" && flags instanceof Option) {
      throw new Error(
        "To add an Option object use addOption() instead of option() or requiredOption()"
      );
    }
    const option = this.createOption(flags, description);
    option.makeOptionMandatory(!!config.mandatory);
    if (typeof fn === "function") {
      option.default(defaultValue).argParser(fn);
    } else if (fn instanceof RegExp) {
      const regex = fn;
      fn = (val, def) => {
        const m = regex.exec(val);
        return m ? m[0] : def;
      };
      option.default(defaultValue).argParser(fn);
    } else {
      option.default(fn);
    }
    return this.addOption(option);
  }
  /**
   * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
   * option-argument is indicated by `<>` and an optional option-argument by `[]`.
   *
   * See the README for more details, and see also addOption() and requiredOption().
   *
   * @example
   * program
   *     .option('-p, --pepper', 'add pepper')
   *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
   *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
   *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  option(flags, description, parseArg, defaultValue) {
    return this._optionEx({}, flags, description, parseArg, defaultValue);
  }
  /**
   * Add a required option which must have a value after parsing. This usually means
   * the option must be specified on the command line. (Otherwise the same as .option().)
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  requiredOption(flags, description, parseArg, defaultValue) {
    return this._optionEx(
      { mandatory: true },
      flags,
      description,
      parseArg,
      defaultValue
    );
  }
  /**
   * Alter parsing of short flags with optional values.
   *
   * @example
   * // for `.option('-f,--flag [value]'):
   * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
   * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
   *
   * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
   * @return {Command} `this` command for chaining
   */
  combineFlagAndOptionalValue(combine = true) {
    this._combineFlagAndOptionalValue = !!combine;
    return this;
  }
  /**
   * Allow unknown options on the command line.
   *
   * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
   * @return {Command} `this` command for chaining
   */
  allowUnknownOption(allowUnknown = true) {
    this._allowUnknownOption = !!allowUnknown;
    return this;
  }
  /**
   * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
   *
   * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
   * @return {Command} `this` command for chaining
   */
  allowExcessArguments(allowExcess = true) {
    this._allowExcessArguments = !!allowExcess;
    return this;
  }
  /**
   * Enable positional options. Positional means global options are specified before subcommands which lets
   * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
   * The default behaviour is non-positional and global options may appear anywhere on the command line.
   *
   * @param {boolean} [positional]
   * @return {Command} `this` command for chaining
   */
  enablePositionalOptions(positional = true) {
    this._enablePositionalOptions = !!positional;
    return this;
  }
  /**
   * Pass through options that come after command-arguments rather than treat them as command-options,
   * so actual command-options come before command-arguments. Turning this on for a subcommand requires
   * positional options to have been enabled on the program (parent commands).
   * The default behaviour is non-positional and options may appear before or after command-arguments.
   *
   * @param {boolean} [passThrough] for unknown options.
   * @return {Command} `this` command for chaining
   */
  passThroughOptions(passThrough = true) {
    this._passThroughOptions = !!passThrough;
    this._checkForBrokenPassThrough();
    return this;
  }
  /**
   * @private
   */
  _checkForBrokenPassThrough() {
    if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
      throw new Error(
        `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
      );
    }
  }
  /**
   * Whether to store option values as properties on command object,
   * or store separately (specify false). In both cases the option values can be accessed using .opts().
   *
   * @param {boolean} [storeAsProperties=true]
   * @return {Command} `this` command for chaining
   */
  storeOptionsAsProperties(storeAsProperties = true) {
    if (this.options.length) {
      throw new Error("call .storeOptionsAsProperties() before adding options");
    }
    if (Object.keys(this._optionValues).length) {
      throw new Error(
        "call .storeOptionsAsProperties() before setting option values"
      );
    }
    this._storeOptionsAsProperties = !!storeAsProperties;
    return this;
  }
  /**
   * Retrieve option value.
   *
   * @param {string} key
   * @return {object} value
   */
  getOptionValue(key) {
    if (this._storeOptionsAsProperties) {
      return this[key];
    }
    return this._optionValues[key];
  }
  /**
   * Store option value.
   *
   * @param {string} key
   * @param {object} value
   * @return {Command} `this` command for chaining
   */
  setOptionValue(key, value) {
    return this.setOptionValueWithSource(key, value, void 0);
  }
  /**
   * Store option value and where the value came from.
   *
   * @param {string} key
   * @param {object} value
   * @param {string} source - expected values are default/config/env/cli/implied
   * @return {Command} `this` command for chaining
   */
  setOptionValueWithSource(key, value, source) {
    if (this._storeOptionsAsProperties) {
      this[key] = value;
    } else {
      this._optionValues[key] = value;
    }
    this._optionValueSources[key] = source;
    return this;
  }
  /**
   * Get source of option value.
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */
  getOptionValueSource(key) {
    return this._optionValueSources[key];
  }
  /**
   * Get source of option value. See also .optsWithGlobals().
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */
  getOptionValueSourceWithGlobals(key) {
    let source;
    this._getCommandAndAncestors().forEach((cmd) => {
      if (Object.hasOwn(cmd._optionValueSources, key)) {
        source = cmd.getOptionValueSource(key);
      }
    });
    return source;
  }
  /**
   * Get user arguments from implied or explicit arguments.
   * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
   *
   * @private
   */
  _prepareUserArgs(argv, parseOptions) {
    if (argv !== void 0 && !Array.isArray(argv)) {
      throw new Error("first parameter to parse must be array or undefined");
    }
    parseOptions = parseOptions || {};
    if (argv === void 0 && parseOptions.from === void 0) {
      if (import_node_process.default.versions?.electron) {
        parseOptions.from = "electron";
      }
      const execArgv = import_node_process.default.execArgv ?? [];
      if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
        parseOptions.from = "eval";
      }
    }
    if (argv === void 0) {
      argv = import_node_process.default.argv;
    }
    this.rawArgs = argv.slice();
    let userArgs;
    switch (parseOptions.from) {
      case void 0:
      case "node":
        this._scriptPath = argv[1];
        userArgs = argv.slice(2);
        break;
      case "electron":
        if (import_node_process.default.defaultApp) {
          this._scriptPath = argv[1];
          userArgs = argv.slice(2);
        } else {
          userArgs = argv.slice(1);
        }
        break;
      case "user":
        userArgs = argv.slice(0);
        break;
      case "eval":
        userArgs = argv.slice(1);
        break;
      default:
        throw new Error(
          `unexpected parse option { from: '${parseOptions.from}' }`
        );
    }
    if (!this._name && this._scriptPath)
      this.nameFromFilename(this._scriptPath);
    this._name = this._name || "program";
    return userArgs;
  }
  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Use parseAsync instead of parse if any of your action handlers are async.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * program.parse(); // parse process.argv and auto-detect electron and special node flags
   * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
   * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv] - optional, defaults to process.argv
   * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
   * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
   * @return {Command} `this` command for chaining
   */
  parse(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    this._parseCommand([], userArgs);
    return this;
  }
  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
   * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
   * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv]
   * @param {object} [parseOptions]
   * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
   * @return {Promise}
   */
  async parseAsync(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    await this._parseCommand([], userArgs);
    return this;
  }
  _prepareForParse() {
    if (this._savedState === null) {
      this.options.filter(
        (option) => option.negate && option.defaultValue === void 0 && this.getOptionValue(option.attributeName()) === void 0
      ).forEach((option) => {
        const positiveLongFlag = option.long.replace(/^--no-/, "--");
        if (!this._findOption(positiveLongFlag)) {
          this.setOptionValueWithSource(
            option.attributeName(),
            true,
            "default"
          );
        }
      });
      this.saveStateBeforeParse();
    } else {
      this.restoreStateBeforeParse();
    }
  }
  /**
   * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state saved.
   */
  saveStateBeforeParse() {
    this._savedState = {
      // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
      _name: this._name,
      // option values before parse have default values (including false for negated options)
      // shallow clones
      _optionValues: { ...this._optionValues },
      _optionValueSources: { ...this._optionValueSources }
    };
  }
  /**
   * Restore state before parse for calls after the first.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state restored.
   */
  restoreStateBeforeParse() {
    if (this._storeOptionsAsProperties)
      throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
    this._name = this._savedState._name;
    this._scriptPath = null;
    this.rawArgs = [];
    this._optionValues = { ...this._savedState._optionValues };
    this._optionValueSources = { ...this._savedState._optionValueSources };
    this.args = [];
    this.processedArgs = [];
  }
  /**
   * Throw if expected executable is missing. Add lots of help for author.
   *
   * @param {string} executableFile
   * @param {string} executableDir
   * @param {string} subcommandName
   */
  _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
    if (import_node_fs.default.existsSync(executableFile)) return;
    const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
    const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
    throw new Error(executableMissing);
  }
  /**
   * Execute a sub-command executable.
   *
   * @private
   */
  _executeSubCommand(subcommand, args) {
    args = args.slice();
    const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
    function findFile(baseDir, baseName) {
      const localBin = import_node_path.default.resolve(baseDir, baseName);
      if (import_node_fs.default.existsSync(localBin)) return localBin;
      if (sourceExt.includes(import_node_path.default.extname(baseName))) return void 0;
      const foundExt = sourceExt.find(
        (ext) => import_node_fs.default.existsSync(`${localBin}${ext}`)
      );
      if (foundExt) return `${localBin}${foundExt}`;
      return void 0;
    }
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();
    let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
    let executableDir = this._executableDir || "";
    if (this._scriptPath) {
      let resolvedScriptPath;
      try {
        resolvedScriptPath = import_node_fs.default.realpathSync(this._scriptPath);
      } catch {
        resolvedScriptPath = this._scriptPath;
      }
      executableDir = import_node_path.default.resolve(
        import_node_path.default.dirname(resolvedScriptPath),
        executableDir
      );
    }
    if (executableDir) {
      let localFile = findFile(executableDir, executableFile);
      if (!localFile && !subcommand._executableFile && this._scriptPath) {
        const legacyName = import_node_path.default.basename(
          this._scriptPath,
          import_node_path.default.extname(this._scriptPath)
        );
        if (legacyName !== this._name) {
          localFile = findFile(
            executableDir,
            `${legacyName}-${subcommand._name}`
          );
        }
      }
      executableFile = localFile || executableFile;
    }
    const launchWithNode = sourceExt.includes(import_node_path.default.extname(executableFile));
    let proc;
    if (import_node_process.default.platform !== "win32") {
      if (launchWithNode) {
        args.unshift(executableFile);
        args = incrementNodeInspectorPort(import_node_process.default.execArgv).concat(args);
        proc = import_node_child_process.default.spawn(import_node_process.default.argv[0], args, { stdio: "inherit" });
      } else {
        proc = import_node_child_process.default.spawn(executableFile, args, { stdio: "inherit" });
      }
    } else {
      this._checkForMissingExecutable(
        executableFile,
        executableDir,
        subcommand._name
      );
      args.unshift(executableFile);
      args = incrementNodeInspectorPort(import_node_process.default.execArgv).concat(args);
      proc = import_node_child_process.default.spawn(import_node_process.default.execPath, args, { stdio: "inherit" });
    }
    if (!proc.killed) {
      const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
      signals.forEach((signal) => {
        import_node_process.default.on(signal, () => {
          if (proc.killed === false && proc.exitCode === null) {
            proc.kill(signal);
          }
        });
      });
    }
    const exitCallback = this._exitCallback;
    proc.on("close", (code) => {
      code = code ?? 1;
      if (!exitCallback) {
        import_node_process.default.exit(code);
      } else {
        exitCallback(
          new CommanderError(
            code,
            "commander.executeSubCommandAsync",
            "(close)"
          )
        );
      }
    });
    proc.on("error", (err) => {
      if (err.code === "ENOENT") {
        this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name
        );
      } else if (err.code === "EACCES") {
        throw new Error(`'${executableFile}' not executable`);
      }
      if (!exitCallback) {
        import_node_process.default.exit(1);
      } else {
        const wrappedError = new CommanderError(
          1,
          "commander.executeSubCommandAsync",
          "(error)"
        );
        wrappedError.nestedError = err;
        exitCallback(wrappedError);
      }
    });
    this.runningCommand = proc;
  }
  /**
   * @private
   */
  _dispatchSubcommand(commandName, operands, unknown) {
    const subCommand = this._findCommand(commandName);
    if (!subCommand) this.help({ error: true });
    subCommand._prepareForParse();
    let promiseChain;
    promiseChain = this._chainOrCallSubCommandHook(
      promiseChain,
      subCommand,
      "preSubcommand"
    );
    promiseChain = this._chainOrCall(promiseChain, () => {
      if (subCommand._executableHandler) {
        this._executeSubCommand(subCommand, operands.concat(unknown));
      } else {
        return subCommand._parseCommand(operands, unknown);
      }
    });
    return promiseChain;
  }
  /**
   * Invoke help directly if possible, or dispatch if necessary.
   * e.g. help foo
   *
   * @private
   */
  _dispatchHelpCommand(subcommandName) {
    if (!subcommandName) {
      this.help();
    }
    const subCommand = this._findCommand(subcommandName);
    if (subCommand && !subCommand._executableHandler) {
      subCommand.help();
    }
    return this._dispatchSubcommand(
      subcommandName,
      [],
      [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
    );
  }
  /**
   * Check this.args against expected this.registeredArguments.
   *
   * @private
   */
  _checkNumberOfArguments() {
    this.registeredArguments.forEach((arg, i) => {
      if (arg.required && this.args[i] == null) {
        this.missingArgument(arg.name());
      }
    });
    if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
      return;
    }
    if (this.args.length > this.registeredArguments.length) {
      this._excessArguments(this.args);
    }
  }
  /**
   * Process this.args using this.registeredArguments and save as this.processedArgs!
   *
   * @private
   */
  _processArguments() {
    const myParseArg = (argument, value, previous) => {
      let parsedValue = value;
      if (value !== null && argument.parseArg) {
        const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
        parsedValue = this._callParseArg(
          argument,
          value,
          previous,
          invalidValueMessage
        );
      }
      return parsedValue;
    };
    this._checkNumberOfArguments();
    const processedArgs = [];
    this.registeredArguments.forEach((declaredArg, index) => {
      let value = declaredArg.defaultValue;
      if (declaredArg.variadic) {
        if (index < this.args.length) {
          value = this.args.slice(index);
          if (declaredArg.parseArg) {
            value = value.reduce((processed, v) => {
              return myParseArg(declaredArg, v, processed);
            }, declaredArg.defaultValue);
          }
        } else if (value === void 0) {
          value = [];
        }
      } else if (index < this.args.length) {
        value = this.args[index];
        if (declaredArg.parseArg) {
          value = myParseArg(declaredArg, value, declaredArg.defaultValue);
        }
      }
      processedArgs[index] = value;
    });
    this.processedArgs = processedArgs;
  }
  /**
   * Once we have a promise we chain, but call synchronously until then.
   *
   * @param {(Promise|undefined)} promise
   * @param {Function} fn
   * @return {(Promise|undefined)}
   * @private
   */
  _chainOrCall(promise, fn) {
    if (promise?.then && typeof promise.then === "function") {
      return promise.then(() => fn());
    }
    return fn();
  }
  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */
  _chainOrCallHooks(promise, event) {
    let result = promise;
    const hooks = [];
    this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
      hookedCommand._lifeCycleHooks[event].forEach((callback) => {
        hooks.push({ hookedCommand, callback });
      });
    });
    if (event === "postAction") {
      hooks.reverse();
    }
    hooks.forEach((hookDetail) => {
      result = this._chainOrCall(result, () => {
        return hookDetail.callback(hookDetail.hookedCommand, this);
      });
    });
    return result;
  }
  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {Command} subCommand
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */
  _chainOrCallSubCommandHook(promise, subCommand, event) {
    let result = promise;
    if (this._lifeCycleHooks[event] !== void 0) {
      this._lifeCycleHooks[event].forEach((hook) => {
        result = this._chainOrCall(result, () => {
          return hook(this, subCommand);
        });
      });
    }
    return result;
  }
  /**
   * Process arguments in context of this command.
   * Returns action result, in case it is a promise.
   *
   * @private
   */
  _parseCommand(operands, unknown) {
    const parsed = this.parseOptions(unknown);
    this._parseOptionsEnv();
    this._parseOptionsImplied();
    operands = operands.concat(parsed.operands);
    unknown = parsed.unknown;
    this.args = operands.concat(unknown);
    if (operands && this._findCommand(operands[0])) {
      return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
    }
    if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
      return this._dispatchHelpCommand(operands[1]);
    }
    if (this._defaultCommandName) {
      this._outputHelpIfRequested(unknown);
      return this._dispatchSubcommand(
        this._defaultCommandName,
        operands,
        unknown
      );
    }
    if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
      this.help({ error: true });
    }
    this._outputHelpIfRequested(parsed.unknown);
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();
    const checkForUnknownOptions = () => {
      if (parsed.unknown.length > 0) {
        this.unknownOption(parsed.unknown[0]);
      }
    };
    const commandEvent = `command:${this.name()}`;
    if (this._actionHandler) {
      checkForUnknownOptions();
      this._processArguments();
      let promiseChain;
      promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
      promiseChain = this._chainOrCall(
        promiseChain,
        () => this._actionHandler(this.processedArgs)
      );
      if (this.parent) {
        promiseChain = this._chainOrCall(promiseChain, () => {
          this.parent.emit(commandEvent, operands, unknown);
        });
      }
      promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
      return promiseChain;
    }
    if (this.parent?.listenerCount(commandEvent)) {
      checkForUnknownOptions();
      this._processArguments();
      this.parent.emit(commandEvent, operands, unknown);
    } else if (operands.length) {
      if (this._findCommand("*")) {
        return this._dispatchSubcommand("*", operands, unknown);
      }
      if (this.listenerCount("command:*")) {
        this.emit("command:*", operands, unknown);
      } else if (this.commands.length) {
        this.unknownCommand();
      } else {
        checkForUnknownOptions();
        this._processArguments();
      }
    } else if (this.commands.length) {
      checkForUnknownOptions();
      this.help({ error: true });
    } else {
      checkForUnknownOptions();
      this._processArguments();
    }
  }
  /**
   * Find matching command.
   *
   * @private
   * @return {Command | undefined}
   */
  _findCommand(name) {
    if (!name) return void 0;
    return this.commands.find(
      (cmd) => cmd._name === name || cmd._aliases.includes(name)
    );
  }
  /**
   * Return an option matching `arg` if any.
   *
   * @param {string} arg
   * @return {Option}
   * @package
   */
  _findOption(arg) {
    return this.options.find((option) => option.is(arg));
  }
  /**
   * Display an error message if a mandatory option does not have a value.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */
  _checkForMissingMandatoryOptions() {
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd.options.forEach((anOption) => {
        if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
          cmd.missingMandatoryOptionValue(anOption);
        }
      });
    });
  }
  /**
   * Display an error message if conflicting options are used together in this.
   *
   * @private
   */
  _checkForConflictingLocalOptions() {
    const definedNonDefaultOptions = this.options.filter((option) => {
      const optionKey = option.attributeName();
      if (this.getOptionValue(optionKey) === void 0) {
        return false;
      }
      return this.getOptionValueSource(optionKey) !== "default";
    });
    const optionsWithConflicting = definedNonDefaultOptions.filter(
      (option) => option.conflictsWith.length > 0
    );
    optionsWithConflicting.forEach((option) => {
      const conflictingAndDefined = definedNonDefaultOptions.find(
        (defined) => option.conflictsWith.includes(defined.attributeName())
      );
      if (conflictingAndDefined) {
        this._conflictingOption(option, conflictingAndDefined);
      }
    });
  }
  /**
   * Display an error message if conflicting options are used together.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */
  _checkForConflictingOptions() {
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd._checkForConflictingLocalOptions();
    });
  }
  /**
   * Parse options from `argv` removing known options,
   * and return argv split into operands and unknown arguments.
   *
   * Side effects: modifies command by storing options. Does not reset state if called again.
   *
   * Examples:
   *
   *     argv => operands, unknown
   *     --known kkk op => [op], []
   *     op --known kkk => [op], []
   *     sub --unknown uuu op => [sub], [--unknown uuu op]
   *     sub -- --unknown uuu op => [sub --unknown uuu op], []
   *
   * @param {string[]} args
   * @return {{operands: string[], unknown: string[]}}
   */
  parseOptions(args) {
    const operands = [];
    const unknown = [];
    let dest = operands;
    function maybeOption(arg) {
      return arg.length > 1 && arg[0] === "-";
    }
    const negativeNumberArg = (arg) => {
      if (!/^-(\d+|\d*\.\d+)([eE][+-]?\d+)?$/.test(arg)) return false;
      return !this._getCommandAndAncestors().some(
        (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
      );
    };
    let activeVariadicOption = null;
    let activeGroup = null;
    let i = 0;
    while (i < args.length || activeGroup) {
      const arg = activeGroup ?? args[i++];
      activeGroup = null;
      if (arg === "--") {
        if (dest === unknown) dest.push(arg);
        dest.push(...args.slice(i));
        break;
      }
      if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
        this.emit(`option:${activeVariadicOption.name()}`, arg);
        continue;
      }
      activeVariadicOption = null;
      if (maybeOption(arg)) {
        const option = this._findOption(arg);
        if (option) {
          if (option.required) {
            const value = args[i++];
            if (value === void 0) this.optionMissingArgument(option);
            this.emit(`option:${option.name()}`, value);
          } else if (option.optional) {
            let value = null;
            if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
              value = args[i++];
            }
            this.emit(`option:${option.name()}`, value);
          } else {
            this.emit(`option:${option.name()}`);
          }
          activeVariadicOption = option.variadic ? option : null;
          continue;
        }
      }
      if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
        const option = this._findOption(`-${arg[1]}`);
        if (option) {
          if (option.required || option.optional && this._combineFlagAndOptionalValue) {
            this.emit(`option:${option.name()}`, arg.slice(2));
          } else {
            this.emit(`option:${option.name()}`);
            activeGroup = `-${arg.slice(2)}`;
          }
          continue;
        }
      }
      if (/^--[^=]+=/.test(arg)) {
        const index = arg.indexOf("=");
        const option = this._findOption(arg.slice(0, index));
        if (option && (option.required || option.optional)) {
          this.emit(`option:${option.name()}`, arg.slice(index + 1));
          continue;
        }
      }
      if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
        dest = unknown;
      }
      if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
        if (this._findCommand(arg)) {
          operands.push(arg);
          unknown.push(...args.slice(i));
          break;
        } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
          operands.push(arg, ...args.slice(i));
          break;
        } else if (this._defaultCommandName) {
          unknown.push(arg, ...args.slice(i));
          break;
        }
      }
      if (this._passThroughOptions) {
        dest.push(arg, ...args.slice(i));
        break;
      }
      dest.push(arg);
    }
    return { operands, unknown };
  }
  /**
   * Return an object containing local option values as key-value pairs.
   *
   * @return {object}
   */
  opts() {
    if (this._storeOptionsAsProperties) {
      const result = {};
      const len = this.options.length;
      for (let i = 0; i < len; i++) {
        const key = this.options[i].attributeName();
        result[key] = key === this._versionOptionName ? this._version : this[key];
      }
      return result;
    }
    return this._optionValues;
  }
  /**
   * Return an object containing merged local and global option values as key-value pairs.
   *
   * @return {object}
   */
  optsWithGlobals() {
    return this._getCommandAndAncestors().reduce(
      (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
      {}
    );
  }
  /**
   * Display error message and exit (or call exitOverride).
   *
   * @param {string} message
   * @param {object} [errorOptions]
   * @param {string} [errorOptions.code] - an id string representing the error
   * @param {number} [errorOptions.exitCode] - used with process.exit
   */
  error(message, errorOptions) {
    this._outputConfiguration.outputError(
      `${message}
`,
      this._outputConfiguration.writeErr
    );
    if (typeof this._showHelpAfterError === "string") {
      this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
    } else if (this._showHelpAfterError) {
      this._outputConfiguration.writeErr("\n");
      this.outputHelp({ error: true });
    }
    const config = errorOptions || {};
    const exitCode = config.exitCode || 1;
    const code = config.code || "commander.error";
    this._exit(exitCode, code, message);
  }
  /**
   * Apply any option related environment variables, if option does
   * not have a value from cli or client code.
   *
   * @private
   */
  _parseOptionsEnv() {
    this.options.forEach((option) => {
      if (option.envVar && option.envVar in import_node_process.default.env) {
        const optionKey = option.attributeName();
        if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
          this.getOptionValueSource(optionKey)
        )) {
          if (option.required || option.optional) {
            this.emit(`optionEnv:${option.name()}`, import_node_process.default.env[option.envVar]);
          } else {
            this.emit(`optionEnv:${option.name()}`);
          }
        }
      }
    });
  }
  /**
   * Apply any implied option values, if option is undefined or default value.
   *
   * @private
   */
  _parseOptionsImplied() {
    const dualHelper = new DualOptions(this.options);
    const hasCustomOptionValue = (optionKey) => {
      return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
    };
    this.options.filter(
      (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
        this.getOptionValue(option.attributeName()),
        option
      )
    ).forEach((option) => {
      Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
        this.setOptionValueWithSource(
          impliedKey,
          option.implied[impliedKey],
          "implied"
        );
      });
    });
  }
  /**
   * Argument `name` is missing.
   *
   * @param {string} name
   * @private
   */
  missingArgument(name) {
    const message = `error: missing required argument '${name}'`;
    this.error(message, { code: "commander.missingArgument" });
  }
  /**
   * `Option` is missing an argument.
   *
   * @param {Option} option
   * @private
   */
  optionMissingArgument(option) {
    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: "commander.optionMissingArgument" });
  }
  /**
   * `Option` does not have a value, and is a mandatory option.
   *
   * @param {Option} option
   * @private
   */
  missingMandatoryOptionValue(option) {
    const message = `error: required option '${option.flags}' not specified`;
    this.error(message, { code: "commander.missingMandatoryOptionValue" });
  }
  /**
   * `Option` conflicts with another option.
   *
   * @param {Option} option
   * @param {Option} conflictingOption
   * @private
   */
  _conflictingOption(option, conflictingOption) {
    const findBestOptionFromValue = (option2) => {
      const optionKey = option2.attributeName();
      const optionValue = this.getOptionValue(optionKey);
      const negativeOption = this.options.find(
        (target) => target.negate && optionKey === target.attributeName()
      );
      const positiveOption = this.options.find(
        (target) => !target.negate && optionKey === target.attributeName()
      );
      if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
        return negativeOption;
      }
      return positiveOption || option2;
    };
    const getErrorMessage = (option2) => {
      const bestOption = findBestOptionFromValue(option2);
      const optionKey = bestOption.attributeName();
      const source = this.getOptionValueSource(optionKey);
      if (source === "env") {
        return `environment variable '${bestOption.envVar}'`;
      }
      return `option '${bestOption.flags}'`;
    };
    const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
    this.error(message, { code: "commander.conflictingOption" });
  }
  /**
   * Unknown option `flag`.
   *
   * @param {string} flag
   * @private
   */
  unknownOption(flag) {
    if (this._allowUnknownOption) return;
    let suggestion = "";
    if (flag.startsWith("--") && this._showSuggestionAfterError) {
      let candidateFlags = [];
      let command = this;
      do {
        const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
        candidateFlags = candidateFlags.concat(moreFlags);
        command = command.parent;
      } while (command && !command._enablePositionalOptions);
      suggestion = suggestSimilar(flag, candidateFlags);
    }
    const message = `error: unknown option '${flag}'${suggestion}`;
    this.error(message, { code: "commander.unknownOption" });
  }
  /**
   * Excess arguments, more than expected.
   *
   * @param {string[]} receivedArgs
   * @private
   */
  _excessArguments(receivedArgs) {
    if (this._allowExcessArguments) return;
    const expected = this.registeredArguments.length;
    const s = expected === 1 ? "" : "s";
    const received = receivedArgs.length;
    const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
    const details = receivedArgs.join(", ");
    const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${received}: ${details}.`;
    this.error(message, { code: "commander.excessArguments" });
  }
  /**
   * Unknown command.
   *
   * @private
   */
  unknownCommand() {
    const unknownName = this.args[0];
    let suggestion = "";
    if (this._showSuggestionAfterError) {
      const candidateNames = [];
      this.createHelp().visibleCommands(this).forEach((command) => {
        candidateNames.push(command.name());
        if (command.alias()) candidateNames.push(command.alias());
      });
      suggestion = suggestSimilar(unknownName, candidateNames);
    }
    const message = `error: unknown command '${unknownName}'${suggestion}`;
    this.error(message, { code: "commander.unknownCommand" });
  }
  /**
   * Get or set the program version.
   *
   * This method auto-registers the "-V, --version" option which will print the version number.
   *
   * You can optionally supply the flags and description to override the defaults.
   *
   * @param {string} [str]
   * @param {string} [flags]
   * @param {string} [description]
   * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
   */
  version(str, flags, description) {
    if (str === void 0) return this._version;
    this._version = str;
    flags = flags || "-V, --version";
    description = description || "output the version number";
    const versionOption = this.createOption(flags, description);
    this._versionOptionName = versionOption.attributeName();
    this._registerOption(versionOption);
    this.on("option:" + versionOption.name(), () => {
      this._outputConfiguration.writeOut(`${str}
`);
      this._exit(0, "commander.version", str);
    });
    return this;
  }
  /**
   * Set the description.
   *
   * @param {string} [str]
   * @param {object} [argsDescription]
   * @return {(string|Command)}
   */
  description(str, argsDescription) {
    if (str === void 0 && argsDescription === void 0)
      return this._description;
    this._description = str;
    if (argsDescription) {
      this._argsDescription = argsDescription;
    }
    return this;
  }
  /**
   * Set the summary. Used when listed as subcommand of parent.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  summary(str) {
    if (str === void 0) return this._summary;
    this._summary = str;
    return this;
  }
  /**
   * Set an alias for the command.
   *
   * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
   *
   * @param {string} [alias]
   * @return {(string|Command)}
   */
  alias(alias) {
    if (alias === void 0) return this._aliases[0];
    let command = this;
    if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
      command = this.commands[this.commands.length - 1];
    }
    if (alias === command._name)
      throw new Error("Command alias can't be the same as its name");
    const matchingCommand = this.parent?._findCommand(alias);
    if (matchingCommand) {
      const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
      throw new Error(
        `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
      );
    }
    command._aliases.push(alias);
    return this;
  }
  /**
   * Set aliases for the command.
   *
   * Only the first alias is shown in the auto-generated help.
   *
   * @param {string[]} [aliases]
   * @return {(string[]|Command)}
   */
  aliases(aliases) {
    if (aliases === void 0) return this._aliases;
    aliases.forEach((alias) => this.alias(alias));
    return this;
  }
  /**
   * Set / get the command usage `str`.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  usage(str) {
    if (str === void 0) {
      if (this._usage) return this._usage;
      const args = this.registeredArguments.map((arg) => {
        return humanReadableArgName(arg);
      });
      return [].concat(
        this.options.length || this._helpOption !== null ? "[options]" : [],
        this.commands.length ? "[command]" : [],
        this.registeredArguments.length ? args : []
      ).join(" ");
    }
    this._usage = str;
    return this;
  }
  /**
   * Get or set the name of the command.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  name(str) {
    if (str === void 0) return this._name;
    this._name = str;
    return this;
  }
  /**
   * Set/get the help group heading for this subcommand in parent command's help.
   *
   * @param {string} [heading]
   * @return {Command | string}
   */
  helpGroup(heading) {
    if (heading === void 0) return this._helpGroupHeading ?? "";
    this._helpGroupHeading = heading;
    return this;
  }
  /**
   * Set/get the default help group heading for subcommands added to this command.
   * (This does not override a group set directly on the subcommand using .helpGroup().)
   *
   * @example
   * program.commandsGroup('Development Commands:');
   * program.command('watch')...
   * program.command('lint')...
   * ...
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  commandsGroup(heading) {
    if (heading === void 0) return this._defaultCommandGroup ?? "";
    this._defaultCommandGroup = heading;
    return this;
  }
  /**
   * Set/get the default help group heading for options added to this command.
   * (This does not override a group set directly on the option using .helpGroup().)
   *
   * @example
   * program
   *   .optionsGroup('Development Options:')
   *   .option('-d, --debug', 'output extra debugging')
   *   .option('-p, --profile', 'output profiling information')
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  optionsGroup(heading) {
    if (heading === void 0) return this._defaultOptionGroup ?? "";
    this._defaultOptionGroup = heading;
    return this;
  }
  /**
   * @param {Option} option
   * @private
   */
  _initOptionGroup(option) {
    if (this._defaultOptionGroup && !option.helpGroupHeading)
      option.helpGroup(this._defaultOptionGroup);
  }
  /**
   * @param {Command} cmd
   * @private
   */
  _initCommandGroup(cmd) {
    if (this._defaultCommandGroup && !cmd.helpGroup())
      cmd.helpGroup(this._defaultCommandGroup);
  }
  /**
   * Set the name of the command from script filename, such as process.argv[1],
   * or import.meta.filename.
   *
   * (Used internally and public although not documented in README.)
   *
   * @example
   * program.nameFromFilename(import.meta.filename);
   *
   * @param {string} filename
   * @return {Command}
   */
  nameFromFilename(filename) {
    this._name = import_node_path.default.basename(filename, import_node_path.default.extname(filename));
    return this;
  }
  /**
   * Get or set the directory for searching for executable subcommands of this command.
   *
   * @example
   * program.executableDir(import.meta.dirname);
   * // or
   * program.executableDir('subcommands');
   *
   * @param {string} [path]
   * @return {(string|null|Command)}
   */
  executableDir(path6) {
    if (path6 === void 0) return this._executableDir;
    this._executableDir = path6;
    return this;
  }
  /**
   * Return program help documentation.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
   * @return {string}
   */
  helpInformation(contextOptions) {
    const helper = this.createHelp();
    const context = this._getOutputContext(contextOptions);
    helper.prepareContext({
      error: context.error,
      helpWidth: context.helpWidth,
      outputHasColors: context.hasColors
    });
    const text2 = helper.formatHelp(this, helper);
    if (context.hasColors) return text2;
    return this._outputConfiguration.stripColor(text2);
  }
  /**
   * @typedef HelpContext
   * @type {object}
   * @property {boolean} error
   * @property {number} helpWidth
   * @property {boolean} hasColors
   * @property {function} write - includes stripColor if needed
   *
   * @returns {HelpContext}
   * @private
   */
  _getOutputContext(contextOptions) {
    contextOptions = contextOptions || {};
    const error = !!contextOptions.error;
    let baseWrite;
    let hasColors;
    let helpWidth;
    if (error) {
      baseWrite = (str) => this._outputConfiguration.writeErr(str);
      hasColors = this._outputConfiguration.getErrHasColors();
      helpWidth = this._outputConfiguration.getErrHelpWidth();
    } else {
      baseWrite = (str) => this._outputConfiguration.writeOut(str);
      hasColors = this._outputConfiguration.getOutHasColors();
      helpWidth = this._outputConfiguration.getOutHelpWidth();
    }
    const write = (str) => {
      if (!hasColors) str = this._outputConfiguration.stripColor(str);
      return baseWrite(str);
    };
    return { error, write, hasColors, helpWidth };
  }
  /**
   * Output help information for this command.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */
  outputHelp(contextOptions) {
    let deprecatedCallback;
    if (typeof contextOptions === "function") {
      deprecatedCallback = contextOptions;
      contextOptions = void 0;
    }
    const outputContext = this._getOutputContext(contextOptions);
    const eventContext = {
      error: outputContext.error,
      write: outputContext.write,
      command: this
    };
    this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
    this.emit("beforeHelp", eventContext);
    let helpInformation = this.helpInformation({ error: outputContext.error });
    if (deprecatedCallback) {
      helpInformation = deprecatedCallback(helpInformation);
      if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
        throw new Error("outputHelp callback must return a string or a Buffer");
      }
    }
    outputContext.write(helpInformation);
    if (this._getHelpOption()?.long) {
      this.emit(this._getHelpOption().long);
    }
    this.emit("afterHelp", eventContext);
    this._getCommandAndAncestors().forEach(
      (command) => command.emit("afterAllHelp", eventContext)
    );
  }
  /**
   * You can pass in flags and a description to customise the built-in help option.
   * Pass in false to disable the built-in help option.
   *
   * @example
   * program.helpOption('-?, --help', 'show help'); // customise
   * program.helpOption(false); // disable
   *
   * @param {(string | boolean)} flags
   * @param {string} [description]
   * @return {Command} `this` command for chaining
   */
  helpOption(flags, description) {
    if (typeof flags === "boolean") {
      if (flags) {
        if (this._helpOption === null) this._helpOption = void 0;
        if (this._defaultOptionGroup) {
          this._initOptionGroup(this._getHelpOption());
        }
      } else {
        this._helpOption = null;
      }
      return this;
    }
    this._helpOption = this.createOption(
      flags ?? "-h, --help",
      description ?? "display help for command"
    );
    if (flags || description) this._initOptionGroup(this._helpOption);
    return this;
  }
  /**
   * Lazy create help option.
   * Returns null if has been disabled with .helpOption(false).
   *
   * @returns {(Option | null)} the help option
   * @package
   */
  _getHelpOption() {
    if (this._helpOption === void 0) {
      this.helpOption(void 0, void 0);
    }
    return this._helpOption;
  }
  /**
   * Supply your own option to use for the built-in help option.
   * This is an alternative to using helpOption() to customise the flags and description etc.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addHelpOption(option) {
    this._helpOption = option;
    this._initOptionGroup(option);
    return this;
  }
  /**
   * Output help information and exit.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */
  help(contextOptions) {
    this.outputHelp(contextOptions);
    let exitCode = Number(import_node_process.default.exitCode ?? 0);
    if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
      exitCode = 1;
    }
    this._exit(exitCode, "commander.help", "(outputHelp)");
  }
  /**
   * // Do a little typing to coordinate emit and listener for the help text events.
   * @typedef HelpTextEventContext
   * @type {object}
   * @property {boolean} error
   * @property {Command} command
   * @property {function} write
   */
  /**
   * Add additional text to be displayed with the built-in help.
   *
   * Position is 'before' or 'after' to affect just this command,
   * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
   *
   * @param {string} position - before or after built-in help
   * @param {(string | Function)} text - string to add, or a function returning a string
   * @return {Command} `this` command for chaining
   */
  addHelpText(position, text2) {
    const allowedValues = ["beforeAll", "before", "after", "afterAll"];
    if (!allowedValues.includes(position)) {
      throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
    }
    const helpEvent = `${position}Help`;
    this.on(helpEvent, (context) => {
      let helpStr;
      if (typeof text2 === "function") {
        helpStr = text2({ error: context.error, command: context.command });
      } else {
        helpStr = text2;
      }
      if (helpStr) {
        context.write(`${helpStr}
`);
      }
    });
    return this;
  }
  /**
   * Output help information if help flags specified
   *
   * @param {Array} args - array of options to search for help flags
   * @private
   */
  _outputHelpIfRequested(args) {
    const helpOption = this._getHelpOption();
    const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
    if (helpRequested) {
      this.outputHelp();
      this._exit(0, "commander.helpDisplayed", "(outputHelp)");
    }
  }
};
function incrementNodeInspectorPort(args) {
  return args.map((arg) => {
    if (!arg.startsWith("--inspect")) {
      return arg;
    }
    let debugOption;
    let debugHost = "127.0.0.1";
    let debugPort = "9229";
    let match;
    if ((match = arg.match(/^(--inspect(-brk|-wait)?)$/)) !== null) {
      debugOption = match[1];
    } else if ((match = arg.match(
      /^(--inspect(-brk|-port|-wait)?)=(\[[^\]]+\]|[^:]+)$/
    )) !== null) {
      debugOption = match[1];
      if (/^\d+$/.test(match[3])) {
        debugPort = match[3];
      } else {
        debugHost = match[3];
      }
    } else if ((match = arg.match(
      /^(--inspect(-brk|-port|-wait)?)=(\[[^\]]+\]|[^:]+):(\d+)$/
    )) !== null) {
      debugOption = match[1];
      debugHost = match[3];
      debugPort = match[4];
    }
    if (debugOption && debugPort !== "0") {
      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
    }
    return arg;
  });
}
function useColor2() {
  if (import_node_process.default.env.NO_COLOR || import_node_process.default.env.FORCE_COLOR === "0" || import_node_process.default.env.FORCE_COLOR === "false")
    return false;
  if (import_node_process.default.env.FORCE_COLOR || import_node_process.default.env.CLICOLOR_FORCE !== void 0)
    return true;
  return void 0;
}

// node_modules/commander/index.js
var program = new Command();

// src/cli/flags.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);
var collect = (value, previous = []) => [...previous, value];
var collectInt = (value, previous = []) => [...previous, parseInteger(value)];
function parseInteger(value) {
  if (!/^[-+]?\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return Number.parseInt(value, 10);
}
function parseNonNegativeInteger(value) {
  const n = parseInteger(value);
  if (n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number of seconds`);
  return n;
}
function parsePositiveInteger(value) {
  const n = parseInteger(value);
  if (n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return n;
}
function stepOutputsParser(cwd) {
  return (value) => {
    let text2 = value;
    if (!value.trim().startsWith("{")) {
      try {
        text2 = (0, import_node_fs2.readFileSync)(import_node_path2.default.resolve(cwd, value), "utf8");
      } catch (e) {
        throw new InvalidArgumentError(`"${value}" is neither a JSON object nor a readable file: ${e.message}`);
      }
    }
    let parsed;
    try {
      parsed = JSON.parse(text2);
    } catch (e) {
      throw new InvalidArgumentError(`must be a JSON object: ${e.message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError("must be a JSON object");
    return parsed;
  };
}
var SHORT_ALIASES = { "-jv": "--job-variable", "-cl": "--concurrency-limit", "--variable": "--job-variable" };
function deployOptions(f) {
  return {
    description: f.description,
    version: f.version,
    versionType: f.versionType,
    tags: f.tag,
    concurrencyLimit: f.concurrencyLimit,
    collisionStrategy: f.collisionStrategy,
    workPoolName: f.pool,
    workQueueName: f.workQueue,
    jobVariables: f.jobVariable,
    cron: f.cron,
    interval: f.interval,
    anchorDate: f.anchorDate,
    rrule: f.rrule,
    timezone: f.timezone,
    param: f.param,
    params: f.params,
    enforceParameterSchema: f.enforceParameterSchema,
    triggers: f.trigger,
    sla: f.sla
  };
}
var EXAMPLES = (lines) => `
Examples:
${lines.map((l) => `  ${l}`).join("\n")}`;
var OUTPUT_HELP = `
Output for pipelines:
  --output-file F   writes what --json prints (also on failure), atomically
  --dotenv F        GitLab dotenv report (artifacts: reports: dotenv: F); see docs/ci.md
Exit codes: 0 success, 1 invalid configuration or failed deployment, 2 usage error.`;
var planEnvOption = () => new Option(
  "--plan-env <name>",
  "an environment variable whose value the plan may show; the others show as (from $NAME), since prefect.yaml may come from a pull request (repeatable)"
).argParser(collect);
var changedSinceOption = () => new Option(
  "--changed-since <ref>",
  "only the selected deployments whose inputs (prefect.yaml section, flow files, files their steps read) changed between this git revision and the working tree; the others are skipped"
);
var projectOption = () => new Option(
  "--project <dir>",
  "a project directory holding the prefect file, used as its working directory (as cd DIR && prefect deploy); repeatable, globs allowed ('flows/*'); select one project's deployment with -n DIR:flow/name"
).argParser(collect);
var ownerOption = () => new Option(
  "--owner <id>",
  "the project identity deployments are marked with (label deploy-action.owner) and --prune deletes by (default: the repository, from GITHUB_REPOSITORY or the origin remote, and the prefect.yaml path in it); with --project, each project gets :<project> appended"
);
var pruneOption = () => new Option(
  "--prune",
  "after every create and update succeeded, delete the deployments this project owns that prefect.yaml no longer has, with their automations (needs --all)"
);
var selectionOptions = (cmd) => cmd.option("--all", "select every deployment in the file").addOption(projectOption()).addOption(new Option("-n, --name <name>", "a deployment name, flow/name, or * pattern (repeatable)").argParser(collect)).option("--api-url <url>", "Prefect API URL (default: PREFECT_API_URL; PREFECT_API_KEY authenticates with Prefect Cloud)").option("--offline", "do not contact the Prefect API even when PREFECT_API_URL is set").addOption(
  new Option("--concurrency <n>", "deployments processed at once (default 8; writes to a self-hosted server default to 1 at a time)").argParser(parsePositiveInteger)
).option("--dotenv <path>", "write a GitLab dotenv report of the result (artifacts: reports: dotenv:)").addOption(changedSinceOption()).optionsGroup("Deployment options (as prefect deploy; applied when one deployment is selected):").option("-d, --description <text>", "override the description").option("--version <version>", "override the version").option("--version-type <type>", "version type when prefect.yaml sets none (prefect:simple, vcs:github, vcs:gitlab, vcs:bitbucket, vcs:azuredevops, vcs:git)").addOption(new Option("-t, --tag <tag>", "a tag; replaces the tags of prefect.yaml (repeatable)").argParser(collect)).addOption(new Option("--concurrency-limit <n>", "maximum concurrent runs (alias -cl)").argParser(parseInteger)).option("--collision-strategy <strategy>", "with --concurrency-limit: ENQUEUE or CANCEL_NEW").option("-p, --pool <name>", "work pool name").option("-q, --work-queue <name>", "work queue name").addOption(new Option("--job-variable <key=value|json>", "a job variable; replaces the job variables of prefect.yaml (repeatable, alias -jv)").argParser(collect)).addOption(new Option("--cron <expr>", "add a cron schedule (repeatable)").argParser(collect)).addOption(new Option("--interval <seconds>", "add an interval schedule (repeatable)").argParser(collectInt)).option("--anchor-date <date>", "anchor date for interval schedules").addOption(new Option("--rrule <rule>", "add an RRule schedule (repeatable)").argParser(collect)).option("--timezone <tz>", "timezone for every schedule").addOption(new Option("--param <key=value>", "a parameter; JSON values are parsed (repeatable)").argParser(collect)).option("--params <json>", "parameters as a JSON object").option("--enforce-parameter-schema", "validate parameters against the flow signature (default)").option("--no-enforce-parameter-schema", "do not validate parameters against the flow signature").addOption(
  new Option("--trigger <json|file>", "a trigger as JSON, or a .yaml/.json file with a triggers: list; replaces the triggers of prefect.yaml (repeatable)").argParser(
    collect
  )
).addOption(
  new Option("--sla <json|file>", "an SLA as JSON, or a .yaml/.json file with an sla: list; replaces the SLAs of prefect.yaml (repeatable; Prefect Cloud)").argParser(
    collect
  )
);

// src/cli/list.ts
function listDeployments(plan2) {
  return plan2.deployments.map((d) => {
    const pool = d.payload.work_pool_name;
    const queue = d.payload.work_queue_name;
    return {
      ...matrixEntry(d),
      work_pool: typeof pool === "string" ? pool : null,
      work_queue: typeof queue === "string" ? queue : null
    };
  });
}
function matrixJson(listed) {
  return { include: listed.map(({ deployment, name, flow, entrypoint }) => ({ deployment, name, flow, entrypoint })) };
}
function listToText(listed) {
  if (listed.length === 0) return "no deployments selected";
  const rows = [
    ["DEPLOYMENT", "FLOW", "ENTRYPOINT", "WORK POOL"],
    ...listed.map((d) => [d.deployment, d.flow, d.entrypoint, d.work_pool ? `${d.work_pool}${d.work_queue ? ` (${d.work_queue})` : ""}` : "-"])
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => i === r.length - 1 ? cell : cell.padEnd(widths[i])).join("  ")).join("\n");
}

// src/cli/session.ts
var import_node_path4 = __toESM(require_node_path(), 1);

// src/cli/ci.ts
var import_node_path3 = __toESM(require_node_path(), 1);
var set = (v) => v === void 0 || v === "" ? void 0 : v;
var truthy = (v) => v !== void 0 && v !== "" && !/^(0|false|no)$/i.test(v);
function githubData(s) {
  return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
function githubProperty(s) {
  return githubData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
function azureData(s) {
  return s.replaceAll("%", "%AZP25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
function azureProperty(s) {
  return azureData(s).replaceAll("]", "%5D").replaceAll(";", "%3B");
}
function repoPath(d, cwd, root) {
  const absolute = import_node_path3.default.resolve(cwd, d.file);
  return (root ? import_node_path3.default.relative(root, absolute) : import_node_path3.default.relative(cwd, absolute)).split(import_node_path3.default.sep).join("/");
}
function githubAnnotation(env) {
  return (d, cwd) => {
    const props = [`file=${githubProperty(repoPath(d, cwd, set(env.GITHUB_WORKSPACE)))}`];
    if (d.line !== void 0) props.push(`line=${d.line}`);
    if (d.column !== void 0) props.push(`col=${d.column}`);
    if (d.deployment !== void 0) props.push(`title=${githubProperty(`deployment ${d.deployment}`)}`);
    return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${githubData(formatDiagnostic(d))}`;
  };
}
function azureAnnotation(env) {
  return (d, cwd) => {
    const props = [`type=${d.severity === "error" ? "error" : "warning"}`, `sourcepath=${azureProperty(repoPath(d, cwd, set(env.BUILD_SOURCESDIRECTORY)))}`];
    if (d.line !== void 0) props.push(`linenumber=${d.line}`);
    if (d.column !== void 0) props.push(`columnnumber=${d.column}`);
    return `##vso[task.logissue ${props.join(";")}]${azureData(formatDiagnostic(d))}`;
  };
}
function pullNumber(ref) {
  return ref ? /^refs\/pull\/(\d+)\//.exec(ref)?.[1] : void 0;
}
function detectCi(env) {
  if (env.GITHUB_ACTIONS === "true") {
    const server = set(env.GITHUB_SERVER_URL);
    const repo = set(env.GITHUB_REPOSITORY);
    const run = set(env.GITHUB_RUN_ID);
    return {
      name: "github-actions",
      title: "GitHub Actions",
      isCi: true,
      versionInfoType: "vcs:github",
      ref: set(env.GITHUB_HEAD_REF) ?? set(env.GITHUB_REF_NAME),
      commitSha: set(env.GITHUB_SHA),
      changeRequest: env.GITHUB_EVENT_NAME?.startsWith("pull_request") ? pullNumber(env.GITHUB_REF) : void 0,
      jobUrl: server && repo && run ? `${server}/${repo}/actions/runs/${run}` : void 0,
      annotation: githubAnnotation(env)
    };
  }
  if (env.GITLAB_CI === "true") {
    return {
      name: "gitlab-ci",
      title: "GitLab CI",
      isCi: true,
      versionInfoType: "vcs:gitlab",
      ref: set(env.CI_COMMIT_REF_NAME),
      commitSha: set(env.CI_COMMIT_SHA),
      changeRequest: set(env.CI_MERGE_REQUEST_IID),
      defaultBranch: set(env.CI_DEFAULT_BRANCH),
      jobUrl: set(env.CI_JOB_URL)
    };
  }
  if (set(env.BITBUCKET_BUILD_NUMBER)) {
    const origin = set(env.BITBUCKET_GIT_HTTP_ORIGIN);
    return {
      name: "bitbucket-pipelines",
      title: "Bitbucket Pipelines",
      isCi: true,
      versionInfoType: "vcs:bitbucket",
      ref: set(env.BITBUCKET_BRANCH) ?? set(env.BITBUCKET_TAG),
      commitSha: set(env.BITBUCKET_COMMIT),
      changeRequest: set(env.BITBUCKET_PR_ID),
      jobUrl: origin ? `${origin}/pipelines/results/${env.BITBUCKET_BUILD_NUMBER}` : void 0
    };
  }
  if (env.TF_BUILD?.toLowerCase() === "true") {
    const collection = set(env.SYSTEM_COLLECTIONURI);
    const project = set(env.SYSTEM_TEAMPROJECT);
    const build2 = set(env.BUILD_BUILDID);
    return {
      name: "azure-pipelines",
      title: "Azure Pipelines",
      isCi: true,
      versionInfoType: "vcs:azuredevops",
      ref: set(env.SYSTEM_PULLREQUEST_SOURCEBRANCH)?.replace(/^refs\/heads\//, "") ?? set(env.BUILD_SOURCEBRANCHNAME),
      commitSha: set(env.BUILD_SOURCEVERSION),
      changeRequest: env.BUILD_REASON === "PullRequest" ? set(env.SYSTEM_PULLREQUEST_PULLREQUESTNUMBER) ?? set(env.SYSTEM_PULLREQUEST_PULLREQUESTID) : void 0,
      jobUrl: collection && project && build2 ? `${collection.replace(/\/?$/, "/")}${encodeURIComponent(project)}/_build/results?buildId=${build2}` : void 0,
      annotation: azureAnnotation(env)
    };
  }
  if (set(env.JENKINS_URL)) {
    return {
      name: "jenkins",
      title: "Jenkins",
      isCi: true,
      versionInfoType: "vcs:git",
      ref: set(env.CHANGE_BRANCH) ?? set(env.BRANCH_NAME) ?? set(env.GIT_BRANCH)?.replace(/^origin\//, ""),
      commitSha: set(env.GIT_COMMIT),
      changeRequest: set(env.CHANGE_ID),
      jobUrl: set(env.BUILD_URL)
    };
  }
  if (truthy(env.CI)) return { name: "ci", title: "CI", isCi: true, versionInfoType: "vcs:git" };
  return { name: "local", title: "a terminal or script", isCi: false, versionInfoType: "vcs:git" };
}
function ciSummary(ci) {
  if (!ci.isCi) return void 0;
  const parts = [
    ci.ref ? `ref ${ci.ref}` : void 0,
    ci.commitSha ? `commit ${ci.commitSha.slice(0, 8)}` : void 0,
    ci.changeRequest ? `${ci.name === "gitlab-ci" ? "merge" : "pull"} request ${ci.changeRequest}` : void 0
  ].filter(Boolean);
  return `${ci.title}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

// src/cli/session.ts
var EXIT_OK = 0;
var EXIT_FAILED = 1;
var EXIT_USAGE = 2;
var EXIT_CHANGES = 2;
var Session = class {
  // Templating puts the values of Secret blocks (and other blocks' secret fields) in clear into
  // payloads, step inputs and step outputs; everything printed or written goes through `secrets`,
  // which learns each value as the client reads its block document.
  constructor(rawIo, secrets = new Secrets()) {
    this.secrets = secrets;
    secrets.addEnvironment(rawIo.env);
    this.io = redactingIo(rawIo, secrets);
    this.ci = detectCi(this.io.env);
  }
  secrets;
  io;
  ci;
  exitCode = EXIT_OK;
  output;
  globals;
  dotenvFile;
  /** `plan --detailed-exitcode`: exit 2 means changes, so any error (a result that cannot be written) is 1. */
  detailedExitcode = false;
  /** Global flags with the command's own, and the colours that follow from them. */
  context(cmd) {
    const flags = cmd.optsWithGlobals();
    this.globals = flags;
    const s = style(useColor({ noColorFlag: flags.color === false, env: this.io.env, isTTY: this.io.terminal !== void 0 }));
    return { flags, s };
  }
  /** Leaves the command's output and exit code. */
  done(output, exitCode) {
    this.output = output;
    this.exitCode = exitCode;
  }
  paint(s, d) {
    return d.severity === "error" ? s.red(formatDiagnostic(d)) : s.yellow(formatDiagnostic(d));
  }
  /** Each problem as a line (a CI annotation where the CI reads them), then how many errors stopped the command. */
  printProblems(s, diagnostics, verb) {
    for (const d of diagnostics) this.io.stderr(this.ci.annotation ? this.ci.annotation(d, this.io.cwd) : this.paint(s, d));
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    if (errors > 0) this.io.stderr(s.red(`${errors} problem${errors === 1 ? "" : "s"} found; nothing ${verb}.`));
    return errors > 0;
  }
  /** With --json only the CI annotations go to stderr: stdout holds the JSON. */
  annotateOnly(diagnostics) {
    for (const d of diagnostics) if (this.ci.annotation) this.io.stderr(this.ci.annotation(d, this.io.cwd));
  }
  /** The files a pipeline reads after us; a file that cannot be written fails the command. */
  writeResult() {
    const { io, globals, dotenvFile, output, exitCode } = this;
    if (!output) return exitCode;
    const redact = (text2) => this.secrets.redactText(text2);
    try {
      if (globals?.outputFile) writeFileAtomic(import_node_path4.default.resolve(io.cwd, globals.outputFile), redact(`${JSON.stringify(output.json, null, 2)}
`));
      if (dotenvFile && output.dotenv) {
        const { variables, truncated } = fitDotenv(output.dotenv.scalars, output.dotenv.lists);
        if (truncated)
          io.stderr(
            `warning: ${dotenvFile}: lists cut to stay under GitLab's 5 KiB dotenv limit${globals?.outputFile ? `; ${globals.outputFile} has them whole` : " (--output-file keeps them whole)"}`
          );
        writeFileAtomic(import_node_path4.default.resolve(io.cwd, dotenvFile), redact(dotenvText(variables)));
      }
    } catch (e) {
      io.stderr(`error: cannot write the result: ${e.message}`);
      return exitCode === EXIT_OK || this.detailedExitcode ? EXIT_FAILED : exitCode;
    }
    return exitCode;
  }
};
function status(reason) {
  return [
    ["PREFECT_DEPLOY_STATUS", reason ? "failed" : "success"],
    ["PREFECT_DEPLOY_FAILURE_REASON", reason ?? ""]
  ];
}
var NO_API_MESSAGE = "no Prefect API: set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud) or pass --api-url";
function refused(session, s, refusal) {
  const { message, reason, file } = refusal;
  session.io.stderr(s.red(`error: ${message}`));
  session.done(
    {
      json: { [refusal.list ?? "deployments"]: [], errors: [{ file, line: null, column: null, deployment: null, message }], warnings: [], failure_reason: reason },
      dotenv: { scalars: status(reason), lists: [] }
    },
    EXIT_USAGE
  );
}
function redactingIo(io, secrets) {
  const { terminal } = io;
  return {
    ...io,
    stdout: (text2) => io.stdout(secrets.redactText(text2)),
    stderr: (text2) => io.stderr(secrets.redactText(text2)),
    ...terminal ? { terminal: { write: (raw) => terminal.write(secrets.redactText(raw)), columns: () => terminal.columns(), rows: () => terminal.rows() } } : {}
  };
}

// src/cli/projects.ts
function projectsOf(session, s, request, given) {
  try {
    return resolveProjects(given, request.cwd, request.prefectFile);
  } catch (e) {
    if (!(e instanceof ProjectsInputError)) throw e;
    usageError(session, s, e.message);
    return void 0;
  }
}
function usageError(session, s, message) {
  refused(session, s, { message, reason: "invalid-input", file: null, list: "projects" });
}
async function guarded(session, s, run) {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof ProjectsInputError)) throw e;
    usageError(session, s, e.message);
    return void 0;
  }
}
var diagnosticsJson = (result) => {
  const { errors, warnings } = planToJson({ prefectFile: "", deployments: [], diagnostics: result.diagnostics });
  return { errors, warnings };
};
async function planProjects(session, s, json, verb, request, given, reporter) {
  const { io, secrets } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  const result = await guarded(session, s, () => runProjects(request, projects, verb === "plan" ? plan : validate, reporter));
  if (!result) return;
  const parts = result.projects.map((p) => ({
    project: p.project,
    plan: secrets.redactValue(p.result.plan),
    live: p.result.live && secrets.redactValue(p.result.live),
    deletions: p.result.deletions && secrets.redactValue(p.result.deletions),
    changedSince: p.result.changedSince
  }));
  const out = projectsPlanToJson(parts);
  const failed = result.failureReason !== void 0;
  if (json) {
    session.annotateOnly(result.diagnostics);
    io.stdout(JSON.stringify(out, null, 2));
  } else if (!session.printProblems(s, result.diagnostics, "would be registered")) {
    if (verb === "validate")
      for (const p of parts) io.stdout(`${p.project}: ${p.plan.deployments.length} deployment(s) valid${request.apiUrl ? " against " + request.apiUrl : ""}`);
    else io.stdout(projectsPlanToText(parts, { now: request.now, paint: s.paint }));
  }
  const selected = failed ? [] : projectsMatrix(parts).include.map((e) => e.deployment);
  const byAction = (a) => parts.flatMap((p) => (p.live ?? []).filter((c) => c.action === a).map((c) => projectSelector(p.project, qualifiedName(c.deployment))));
  const live = parts.some((p) => p.live);
  const lists = [["DEPLOYMENTS_SELECTED", selected]];
  if (live) lists.push(["DEPLOYMENTS_TO_CREATE", byAction("created")], ["DEPLOYMENTS_TO_UPDATE", byAction("updated")], ["DEPLOYMENTS_UNCHANGED", byAction("unchanged")]);
  const scalars = [...status(result.failureReason), ...live ? [["PREFECT_PLAN_HAS_CHANGES", String(result.hasChanges)]] : []];
  session.done({ json: out, dotenv: { scalars, lists } }, failed ? EXIT_FAILED : EXIT_OK);
  return result;
}
async function deployProjectsCli(session, s, json, request, given, reporter) {
  const { io, secrets } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  let result;
  try {
    result = await guarded(session, s, () => deployProjects(request, projects, reporter));
  } finally {
    if (!result) reporter.finish(s.red("stopped"));
  }
  if (!result) return;
  const reason = result.failureReason;
  if (reason === "no-api-url") return usageError(session, s, NO_API_MESSAGE);
  const outcomes = result.projects.flatMap((p) => (p.result.outcomes ?? []).map((o) => ({ project: p.project, o })));
  const count = (a) => outcomes.filter(({ o }) => o.action === a).length;
  const failed = reason !== void 0 || result.diagnostics.some((d) => d.severity === "error");
  const skipped = result.projects.flatMap((p) => p.result.changedSince ? [{ project: p.project, changedSince: inProject(p.project, p.result.changedSince) }] : []);
  const skippedCount = skipped.reduce((n, p) => n + p.changedSince.skipped.length, 0);
  reporter.finish(
    outcomes.length === 0 && failed ? s.red("nothing registered") : `${result.projects.length} projects: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("failed")} failed${skippedCount ? `, ${skippedCount} skipped` : ""}`
  );
  const out = secrets.redactValue({
    projects: result.projects.map((p) => ({
      project: p.project,
      deployments: (p.result.outcomes ?? []).map((o) => ({ ...outcomeJson(o, p.result.uiUrl), step_outputs: o.stepOutputs, ...o.error ? { error: o.error } : {} })),
      ...p.result.changedSince ? { skipped: skippedToJson(p.result.changedSince) } : {},
      failure_reason: p.result.failureReason ?? null
    })),
    ...diagnosticsJson(result),
    failure_reason: reason ?? null
  });
  if (json) {
    session.annotateOnly(result.diagnostics);
    io.stdout(JSON.stringify(out, null, 2));
  } else if (outcomes.length === 0) {
    session.printProblems(s, result.diagnostics, "was registered");
  } else {
    for (const d of result.diagnostics)
      if (d.severity === "warning" || session.ci.annotation) io.stderr(session.ci.annotation ? session.ci.annotation(d, io.cwd) : session.paint(s, d));
  }
  const names = (a) => outcomes.filter(({ o }) => o.action === a).map(({ project, o }) => projectSelector(project, qualifiedName(o)));
  const lists = [
    ["DEPLOYMENTS_CREATED", names("created")],
    ["DEPLOYMENTS_UPDATED", names("updated")],
    ["DEPLOYMENTS_UNCHANGED", names("unchanged")],
    ["DEPLOYMENTS_FAILED", names("failed")],
    ...skipped.length ? [["DEPLOYMENTS_SKIPPED", skipped.flatMap((p) => p.changedSince.skipped.map((d) => d.deployment))]] : []
  ];
  if (!json && !failed) {
    for (const p of skipped) if (skippedToText(p.changedSince)) io.stdout(skippedToText(p.changedSince));
  }
  session.done({ json: out, dotenv: { scalars: status(reason), lists } }, failed ? EXIT_FAILED : EXIT_OK);
}
function inProject(project, changedSince) {
  return { ...changedSince, skipped: changedSince.skipped.map((d) => ({ ...d, deployment: projectSelector(project, d.deployment) })) };
}
async function buildProjects(session, s, json, request, given, reporter) {
  const { io, secrets } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  const result = await guarded(session, s, () => runProjects(request, projects, build, reporter));
  if (!result) return;
  const reason = result.failureReason;
  const stepOutputs = {};
  for (const p of reason ? [] : result.projects) {
    for (const d of p.result.plan?.deployments ?? []) stepOutputs[projectSelector(p.project, deploymentKey(d))] = p.result.stepOutputs?.get(d.index) ?? {};
  }
  const out = secrets.redactValue({ step_outputs: stepOutputs, ...diagnosticsJson(result), failure_reason: reason ?? null });
  if (json) {
    session.annotateOnly(result.diagnostics);
    io.stdout(JSON.stringify(out, null, 2));
  } else if (!session.printProblems(s, result.diagnostics, "was built")) {
    io.stdout(JSON.stringify(out.step_outputs, null, 2));
  }
  const built = (reason ? [] : result.projects).flatMap(
    (p) => (p.result.plan?.deployments ?? []).filter((d) => d.steps.build.length + d.steps.push.length > 0).map((d) => projectSelector(p.project, deploymentKey(d)))
  );
  session.done({ json: out, dotenv: { scalars: status(reason), lists: [["DEPLOYMENTS_BUILT", built]] } }, reason ? EXIT_FAILED : EXIT_OK);
}
async function listProjects(session, s, flags, request, given, reporter) {
  const { io } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  const result = await guarded(session, s, () => runProjects(request, projects, list, reporter));
  if (!result) return;
  const failed = session.printProblems(s, result.diagnostics, "listed");
  const parts = failed ? [] : result.projects.map((p) => ({ project: p.project, plan: p.result.plan }));
  const matrix = projectsMatrix(parts);
  const listed = parts.flatMap((p) => listDeployments(p.plan).map((d) => ({ ...d, project: p.project, deployment: projectSelector(p.project, d.deployment) })));
  const out = flags.matrix ? matrix : { deployments: listed };
  if (!failed) {
    if (flags.matrix) io.stdout(JSON.stringify(out));
    else if (flags.json) io.stdout(JSON.stringify(out, null, 2));
    else io.stdout(listToText(listed));
  }
  const lists = [["DEPLOYMENTS_SELECTED", matrix.include.map((e) => e.deployment)]];
  session.done({ json: failed ? { ...out, ...diagnosticsJson(result) } : out, dotenv: { scalars: status(result.failureReason), lists } }, failed ? EXIT_FAILED : EXIT_OK);
}

// src/cli/progress.ts
var seconds = (ms) => `${(ms / 1e3).toFixed(1)}s`;
function outcomeLine(o, ui, s) {
  const painted = { created: s.green, updated: s.yellow, unchanged: s.dim, failed: s.red, deleted: s.yellow }[o.action];
  const what = o.action === "failed" ? `failed: ${o.error}` : o.action;
  const fields = o.action === "updated" && o.changes.length ? ` (${o.changes.map((c) => c.field).join(", ")})` : "";
  const url = o.action === "deleted" ? void 0 : deploymentUrl(ui, o.id);
  const link = url ? `  ${s.dim(url)}` : "";
  return `${qualifiedName(o)}: ${painted(what)}${fields} in ${seconds(o.durationMs)}${link}`;
}
var PlainReporter = class {
  constructor(lines, s, ui, now = Date.now) {
    this.lines = lines;
    this.s = s;
    this.ui = ui;
    this.now = now;
    this.startedAt = now();
  }
  lines;
  s;
  ui;
  now;
  startedAt;
  stepsSince = /* @__PURE__ */ new Map();
  progress(event) {
    if (event.phase === "validated") {
      const n = event.deployments.length;
      this.lines.out(`validated ${n} deployment${n === 1 ? "" : "s"} in ${seconds(this.now() - this.startedAt)}`);
    } else if (event.phase === "steps") {
      this.stepsSince.set(qualifiedName(event), this.now());
      this.lines.out(`${qualifiedName(event)}: running build and push steps`);
    } else if (event.phase === "built") {
      const key = qualifiedName(event);
      this.lines.out(`${key}: steps done in ${seconds(this.now() - (this.stepsSince.get(key) ?? this.now()))}`);
    }
  }
  stepLog(deployment, line) {
    this.lines.out(this.s.dim(`[${deployment}] ${line}`));
  }
  result(o) {
    (o.action === "failed" ? this.lines.err : this.lines.out)(outcomeLine(o, this.ui, this.s));
  }
  note(line, isError = false) {
    (isError ? this.lines.err : this.lines.out)(line);
  }
  finish(summary) {
    this.lines.out(`${summary} in ${seconds(this.now() - this.startedAt)}`);
  }
};
var SPINNER = ["\u280B", "\u2819", "\u2839", "\u2838", "\u283C", "\u2834", "\u2826", "\u2827", "\u2807", "\u280F"];
var PHASE_TEXT = { waiting: "waiting", steps: "build/push steps", built: "steps done", registering: "registering" };
var LiveReporter = class {
  constructor(term, s, ui, now = Date.now, tickMs = 100) {
    this.term = term;
    this.s = s;
    this.ui = ui;
    this.now = now;
    this.startedAt = now();
    if (tickMs > 0) {
      this.timer = setInterval(() => this.redraw([]), tickMs);
      this.timer.unref();
    }
    this.redraw([]);
  }
  term;
  s;
  ui;
  now;
  startedAt;
  drawn = 0;
  total;
  done = 0;
  failed = 0;
  running = /* @__PURE__ */ new Map();
  timer;
  progress(event) {
    if (event.phase === "validated") {
      this.total = event.deployments.length;
      for (const d of event.deployments) this.running.set(qualifiedName(d), { label: qualifiedName(d), phase: "waiting", since: this.now() });
    } else {
      const key = qualifiedName(event);
      this.running.set(key, { label: key, phase: event.phase, since: this.now() });
    }
    this.redraw([]);
  }
  stepLog(deployment, line) {
    this.redraw([this.s.dim(`[${deployment}] ${line}`)]);
  }
  result(o) {
    this.running.delete(qualifiedName(o));
    this.done++;
    if (o.action === "failed") this.failed++;
    this.redraw([outcomeLine(o, this.ui, this.s)]);
  }
  note(line) {
    this.redraw([line]);
  }
  finish(summary) {
    if (this.timer) clearInterval(this.timer);
    this.term.write(this.erase() + `${summary} in ${seconds(this.now() - this.startedAt)}
`);
    this.drawn = 0;
  }
  erase() {
    return this.drawn > 0 ? `\x1B[${this.drawn}F\x1B[J` : "";
  }
  redraw(permanent) {
    const block = this.block();
    this.term.write(this.erase() + permanent.map((l) => `${l}
`).join("") + block.map((l) => `${l}
`).join(""));
    this.drawn = block.length;
  }
  block() {
    const now = this.now();
    const width = Math.max(20, this.term.columns() - 1);
    const frame = (since) => SPINNER[Math.floor((now - since) / 80) % SPINNER.length];
    const cut = (line) => {
      const visible = line.replace(/\x1b\[\d*m/g, "");
      return visible.length > width ? `${visible.slice(0, width - 1)}\u2026` : line;
    };
    const elapsed = seconds(now - this.startedAt);
    if (this.total === void 0) return [cut(`${frame(this.startedAt)} validating \xB7 ${elapsed}`)];
    const active = [...this.running.values()].filter((r) => r.phase !== "waiting");
    const waiting = this.running.size - active.length;
    const head = [
      `${this.done}/${this.total} done`,
      this.failed ? this.s.red(`${this.failed} failed`) : void 0,
      `${active.length} in progress`,
      waiting ? `${waiting} waiting` : void 0,
      elapsed
    ].filter(Boolean).join(" \xB7 ");
    const lines = [cut(`${frame(this.startedAt)} ${head}`)];
    const room = Math.max(1, this.term.rows() - 2);
    const labelWidth = Math.min(48, Math.max(0, ...active.map((r) => r.label.length)));
    for (const r of active.slice(0, room)) {
      lines.push(cut(`  ${frame(r.since)} ${r.label.padEnd(labelWidth)}  ${PHASE_TEXT[r.phase]} ${seconds(now - r.since)}`));
    }
    if (active.length > room) lines.push(`  \u2026 ${active.length - room} more in progress`);
    return lines;
  }
};

// src/cli/reporter.ts
var TerminalReporter = class {
  /** `json`: stdout holds only the JSON result, so progress goes to stderr. */
  constructor(session, s, json) {
    this.session = session;
    this.s = s;
    this.json = json;
  }
  session;
  s;
  json;
  display;
  ui;
  info(line) {
    this.line(line, false);
  }
  warning(line) {
    this.line(this.s.yellow(`warning: ${line}`), true);
  }
  notice(line) {
    this.line(line, false);
  }
  diagnostics(_list) {
  }
  deploying(uiUrl) {
    const { io, ci } = this.session;
    this.ui = uiUrl;
    const lines = { out: this.json ? io.stderr : io.stdout, err: io.stderr };
    const live = io.terminal && !ci.isCi && !this.json && io.env.TERM !== "dumb";
    this.display = live ? new LiveReporter(io.terminal, this.s, uiUrl) : new PlainReporter(lines, this.s, uiUrl);
    const header = ciSummary(ci);
    if (header && !live) lines.out(this.s.dim(`prefect-deploy on ${header}`));
  }
  step(_deployment, _event) {
  }
  stepLog(deployment, line) {
    if (this.display) this.display.stepLog(deployment, line);
    else this.session.io.stderr(this.s.dim(`[${deployment}] ${line}`));
  }
  progress(event) {
    this.display?.progress(event);
  }
  result(outcome) {
    this.display?.result(this.session.secrets.redactValue(outcome));
  }
  lock(event) {
    const { text: text2, warning } = lockEventText(event);
    this.line(warning ? this.s.yellow(`warning: ${text2}`) : this.s.dim(text2), warning);
  }
  smoke(event) {
    const { s } = this;
    if (event.phase === "started") {
      const url = flowRunUrl(this.ui, event.runId);
      this.line(s.dim(`smoke: ${event.deployment} run ${event.runName} started${url ? `  ${url}` : ""}`), false);
    } else if (event.phase === "state") {
      this.line(s.dim(`smoke: ${event.deployment} run ${event.runName}: ${event.state}`), false);
    } else {
      const o = event.outcome;
      const ok = o.status === "completed";
      this.line(ok ? s.green(o.line) : s.red(o.line), !ok);
      for (const l of o.logs) this.line(s.dim(`  | ${l}`), !ok || this.json);
    }
  }
  clientLog(line) {
    this.line(line, true);
  }
  /** Ends a deploy's display with its summary line. */
  finish(summary) {
    this.display?.finish(summary);
    this.display = void 0;
  }
  line(text2, isError) {
    if (this.display) this.display.note(text2, isError);
    else if (isError || this.json) this.session.io.stderr(text2);
    else this.session.io.stdout(text2);
  }
};

// src/cli/commands/plan.ts
var label = qualifiedName;
function planRequest(session, flags) {
  const { io } = session;
  const apiUrl = apiUrlOf(io.env, flags);
  return {
    prefectFile: flags.prefectFile,
    selection: { all: Boolean(flags.all), names: flags.name ?? [] },
    cwd: io.cwd,
    env: io.env,
    now: io.now(),
    options: deployOptions(flags),
    ...apiUrl ? { apiUrl } : {},
    ...flags.concurrency ? { concurrency: flags.concurrency } : {},
    ...flags.debug ? { debug: true } : {},
    secrets: session.secrets,
    planEnv: flags.planEnv ?? [],
    ...flags.changedSince ? { changedSince: flags.changedSince } : {},
    ...flags.owner ? { owner: flags.owner } : {}
  };
}
async function runPlan(session, cmd, verb) {
  const { flags, s } = session.context(cmd);
  const { io, secrets } = session;
  session.dotenvFile = flags.dotenv;
  const request = planRequest(session, flags);
  const detailed = verb === "plan" && Boolean(flags.detailedExitcode);
  session.detailedExitcode = detailed;
  if (detailed && !request.apiUrl) {
    const message = `--detailed-exitcode compares with the server: set PREFECT_API_URL${flags.offline ? " and drop --offline" : ""} (and PREFECT_API_KEY for Prefect Cloud)`;
    io.stderr(`error: ${message}`);
    return session.done({ json: { error: message }, dotenv: { scalars: status("no-api-url"), lists: [] } }, EXIT_FAILED);
  }
  if (flags.project?.length) {
    const reporter = new TerminalReporter(session, s, Boolean(flags.json));
    const projects = await planProjects(session, s, Boolean(flags.json), verb, request, flags.project, reporter);
    const drifted2 = projects?.projects.some((p) => driftedDeployments(p.result.live ?? []).length + (p.result.deletions?.length ?? 0) > 0);
    if (detailed && drifted2 && session.exitCode === EXIT_OK) session.exitCode = EXIT_CHANGES;
    return;
  }
  const result = await (verb === "validate" ? validate : detailed ? drift : plan)(request, new TerminalReporter(session, s, Boolean(flags.json)));
  const planned = result.plan;
  const { live } = result;
  const drifted = result.failureReason === "drift";
  const failed = result.failureReason !== void 0 && !drifted;
  const shown = secrets.redactValue(planned);
  const shownLive = live && secrets.redactValue(live);
  const deletions = result.deletions && secrets.redactValue(result.deletions);
  const because = result.changedSince?.because;
  const json = { ...planToJson(shown, shownLive, deletions, because), ...result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {} };
  if (flags.json) {
    session.annotateOnly(planned.diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else if (!session.printProblems(s, planned.diagnostics, "would be registered")) {
    if (verb === "validate") io.stdout(`${planned.prefectFile}: ${planned.deployments.length} deployment(s) valid${request.apiUrl ? " against " + request.apiUrl : ""}`);
    else {
      const options = { now: request.now, changedBecause: because };
      io.stdout(shownLive ? liveChangesToText(shown, shownLive, { ...options, paint: s.paint, ...deletions ? { deletions } : {} }) : planToText(shown, options));
    }
    const skipped = skippedToText(result.changedSince);
    if (skipped) io.stdout(skipped);
  }
  if (drifted && result.message) io.stderr(`drift: ${result.message}`);
  const byAction = (a) => (live ?? []).filter((c) => c.action === a).map((c) => label(c.deployment));
  const lists = [["DEPLOYMENTS_SELECTED", failed ? [] : planned.deployments.map(label)]];
  if (live) lists.push(["DEPLOYMENTS_TO_CREATE", byAction("created")], ["DEPLOYMENTS_TO_UPDATE", byAction("updated")], ["DEPLOYMENTS_UNCHANGED", byAction("unchanged")]);
  if (result.changedSince) lists.push(["DEPLOYMENTS_SKIPPED", result.changedSince.skipped.map((d) => d.deployment)]);
  if (deletions) lists.push(["DEPLOYMENTS_TO_DELETE", deletions.map(label)]);
  const scalars = [
    ...status(drifted ? void 0 : result.failureReason),
    ...live ? [["PREFECT_PLAN_HAS_CHANGES", String(result.hasChanges)]] : []
  ];
  session.done({ json, dotenv: { scalars, lists } }, failed ? EXIT_FAILED : drifted ? EXIT_CHANGES : EXIT_OK);
}
function registerPlan(program3, session) {
  selectionOptions(
    program3.command("plan").description("show what would be registered for each selected deployment; with PREFECT_API_URL, what a deploy would create, update or leave unchanged").addHelpText(
      "after",
      EXAMPLES([
        "prefect-deploy plan --all",
        "prefect-deploy plan -n etl/nightly --json",
        'prefect-deploy plan -n "etl-*" --prefect-file deploy/prefect.yaml',
        "prefect-deploy plan --all --offline --output-file plan.json --dotenv plan.env",
        "prefect-deploy plan --all --detailed-exitcode   # a drift check: 0 in sync, 2 the server differs, 1 error"
      ])
    )
  ).addOption(planEnvOption()).addOption(ownerOption()).option(
    "--detailed-exitcode",
    "exit 0 when a deploy would change nothing, 2 when it would (the server differs from prefect.yaml: a drift check), 1 on errors, as terraform plan's; needs PREFECT_API_URL"
  ).action((_flags, cmd) => runPlan(session, cmd, "plan"));
}
function registerValidate(program3, session) {
  selectionOptions(
    program3.command("validate").description(
      "check everything deploy checks before its first write: prefect.yaml, entrypoints, flows, schedules, parameters against the flow schema, a Python for steps that need one (and, with PREFECT_API_URL, work pools, blocks and variables); write nothing"
    ).addHelpText("after", EXAMPLES(["prefect-deploy validate --all", "prefect-deploy validate --all --offline --json"]))
  ).addOption(planEnvOption()).action((_flags, cmd) => runPlan(session, cmd, "validate"));
}

// src/cli/commands/build.ts
async function runBuild(session, cmd) {
  const { flags, s } = session.context(cmd);
  const { io, secrets } = session;
  session.dotenvFile = flags.dotenv;
  const { planEnv: _planEnv, ...request } = planRequest(session, flags);
  if (flags.project?.length) return buildProjects(session, s, Boolean(flags.json), request, flags.project, new TerminalReporter(session, s, Boolean(flags.json)));
  const result = await build(request, new TerminalReporter(session, s, Boolean(flags.json)));
  const { plan: plan2, diagnostics, failureReason: reason } = result;
  const outputs = result.stepOutputs ?? /* @__PURE__ */ new Map();
  const stepOutputs = Object.fromEntries((reason ? [] : plan2?.deployments ?? []).map((d) => [deploymentKey(d), outputs.get(d.index) ?? {}]));
  const diagJson = planToJson({ prefectFile: plan2?.prefectFile ?? flags.prefectFile, deployments: [], diagnostics });
  const skipped = result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {};
  const json = secrets.redactValue({ step_outputs: stepOutputs, ...skipped, errors: diagJson.errors, warnings: diagJson.warnings, failure_reason: reason ?? null });
  if (flags.json) {
    session.annotateOnly(diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else if (!session.printProblems(s, diagnostics, "was built")) {
    io.stdout(JSON.stringify(json.step_outputs, null, 2));
  }
  const built = (plan2?.deployments ?? []).filter((d) => d.steps.build.length + d.steps.push.length > 0);
  session.done({ json, dotenv: { scalars: status(reason), lists: [["DEPLOYMENTS_BUILT", reason ? [] : built.map(deploymentKey)]] } }, reason ? EXIT_FAILED : EXIT_OK);
}
function registerBuild(program3, session) {
  selectionOptions(
    program3.command("build").description(
      "run the build and push steps of the selected deployments once and register nothing; print their outputs as JSON (keyed by flow/name) for deploy --step-outputs"
    ).addHelpText(
      "after",
      EXAMPLES([
        "prefect-deploy build --all > step-outputs.json",
        "prefect-deploy deploy --all --step-outputs step-outputs.json",
        "prefect-deploy build -n etl/nightly --json --output-file build.json"
      ])
    )
  ).action((_flags, cmd) => runBuild(session, cmd));
}

// src/cli/commands/deploy.ts
var import_node_os = __toESM(require_node_os(), 1);
function collectSmoke(value, previous = []) {
  try {
    return [...previous, parseSmokeTarget(value)];
  } catch (e) {
    if (e instanceof SmokeSpecError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}
function parseSmokeTimeout(value) {
  const n = parseNonNegativeInteger(value);
  if (n < 1) throw new InvalidArgumentError(`"${value}" is not a positive number of seconds`);
  return n;
}
var smokeJson = (outcomes) => outcomes.map((o) => ({
  deployment: o.deployment,
  run_id: o.runId ?? null,
  run_name: o.runName ?? null,
  status: o.status,
  state: o.state ?? null,
  message: o.message ?? null,
  parameters: o.parameters,
  duration_ms: o.durationMs,
  logs: o.logs
}));
var label2 = qualifiedName;
function lockHolder(ci) {
  const where = ci.isCi ? ci.jobUrl ?? ciSummary(ci) : void 0;
  if (where) return where;
  let user = "someone";
  try {
    user = import_node_os.default.userInfo().username;
  } catch {
  }
  return `${user}@${import_node_os.default.hostname()} (pid ${process.pid})`;
}
function lockFromFlags(flags, ci) {
  return flags.lock === false ? false : { timeoutSeconds: flags.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_SECONDS, holder: lockHolder(ci) };
}
var outcomesJson = (outcomes, ui) => outcomes.map((o) => ({ ...outcomeJson(o, ui), step_outputs: o.stepOutputs, ...o.error ? { error: o.error } : {} }));
async function runDeploy(session, cmd) {
  const { flags, s } = session.context(cmd);
  const { io, ci, secrets } = session;
  if (flags.prune && !flags.all)
    cmd.error("error: --prune requires --all (a partial selection must not delete the deployments it does not select)", { exitCode: EXIT_USAGE });
  if (flags.smoke?.length && flags.project?.length)
    cmd.error("error: --smoke does not work with --project yet; smoke each project in its own deploy", { exitCode: EXIT_USAGE });
  session.dotenvFile = flags.dotenv;
  const reporter = new TerminalReporter(session, s, Boolean(flags.json));
  const request = {
    ...planRequest(session, flags),
    planEnv: [],
    lock: lockFromFlags(flags, ci),
    skipSteps: Boolean(flags.skipSteps),
    ...flags.stepOutputs ? { stepOutputs: flags.stepOutputs } : {},
    ...flags.prune ? { prune: true } : {},
    ...flags.smoke?.length ? { smoke: { targets: flags.smoke, timeoutSeconds: flags.smokeTimeout ?? DEFAULT_SMOKE_TIMEOUT_SECONDS } } : {}
  };
  if (flags.project?.length) return deployProjectsCli(session, s, Boolean(flags.json), request, flags.project, reporter);
  let result;
  try {
    result = await deploy(request, reporter);
  } finally {
    if (!result) reporter.finish(s.red("stopped"));
  }
  const reason = result.failureReason;
  if (reason === "no-api-url") return refused(session, s, { message: NO_API_MESSAGE, reason, file: flags.prefectFile });
  const outcomes = result.outcomes ?? [];
  const { diagnostics, uiUrl: ui } = result;
  const failed = diagnostics.some((d) => d.severity === "error");
  const count = (a) => outcomes.filter((o) => o.action === a).length;
  const smoked = result.smoke ?? [];
  const passed = smoked.filter((o) => o.status === "completed").length;
  const smokeSummary = smoked.length ? `; smoke: ${passed} completed${passed < smoked.length ? `, ${s.red(`${smoked.length - passed} failed`)}` : ""}` : "";
  reporter.finish(
    outcomes.length === 0 && failed ? s.red("nothing registered") : `${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("failed")} failed${count("deleted") ? `, ${count("deleted")} deleted` : ""}${smokeSummary}`
  );
  const diagJson = planToJson({ prefectFile: result.plan?.prefectFile ?? flags.prefectFile, deployments: [], diagnostics });
  const skipped = result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {};
  const json = secrets.redactValue({
    deployments: outcomesJson(outcomes, ui),
    ...flags.smoke?.length ? { smoke: smokeJson(smoked) } : {},
    ...skipped,
    errors: diagJson.errors,
    warnings: diagJson.warnings,
    failure_reason: reason ?? null
  });
  if (flags.json) {
    session.annotateOnly(diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else if (outcomes.length === 0) {
    session.printProblems(s, diagnostics, "was registered");
  } else {
    for (const d of diagnostics) if (d.severity === "warning" || ci.annotation) io.stderr(ci.annotation ? ci.annotation(d, io.cwd) : session.paint(s, d));
  }
  if (!flags.json && !failed && skippedToText(result.changedSince)) io.stdout(skippedToText(result.changedSince));
  const registered = outcomes.filter((o) => o.action !== "deleted");
  const only = registered.length === 1 ? registered[0] : void 0;
  const names = (a) => outcomes.filter((o) => o.action === a).map(label2);
  const scalars = [
    ...status(reason),
    ...only?.id ? [["DEPLOYMENT_ID", only.id], ...ui ? [["DEPLOYMENT_URL", deploymentUrl(ui, only.id)]] : []] : []
  ];
  const lists = [
    ["DEPLOYMENTS_CREATED", names("created")],
    ["DEPLOYMENTS_UPDATED", names("updated")],
    ["DEPLOYMENTS_UNCHANGED", names("unchanged")],
    ["DEPLOYMENTS_FAILED", names("failed")],
    ...result.changedSince ? [["DEPLOYMENTS_SKIPPED", result.changedSince.skipped.map((d) => d.deployment)]] : [],
    ...flags.prune ? [["DEPLOYMENTS_DELETED", names("deleted")]] : []
  ];
  session.done({ json, dotenv: { scalars, lists } }, failed || reason ? EXIT_FAILED : EXIT_OK);
}
function registerDeploy(program3, session) {
  selectionOptions(
    program3.command("deploy").description("validate every selected deployment, run their build/push steps, then register them with the Prefect API (unchanged ones are not written)").addHelpText(
      "after",
      EXAMPLES([
        "PREFECT_API_URL=http://127.0.0.1:4200/api prefect-deploy deploy --all",
        `prefect-deploy deploy -n etl/nightly --pool k8s --param day='"2026-01-01"'`,
        "prefect-deploy deploy --all --json --concurrency 4",
        "prefect-deploy deploy --all --output-file deploy.json --dotenv deploy.env   # GitLab: artifacts: reports: dotenv: deploy.env",
        "prefect-deploy deploy --all --lock-timeout 1800   # wait up to 30 minutes for another deploy of this prefect.yaml",
        "prefect-deploy build --all > step-outputs.json && prefect-deploy deploy --all --step-outputs step-outputs.json",
        `prefect-deploy deploy --all --smoke etl/nightly --smoke 'report={"day": "2026-01-01"}' --smoke-timeout 300`
      ])
    )
  ).addOption(
    new Option(
      "--lock-timeout <seconds>",
      `how long to wait for another deploy of the same prefect.yaml to the same server to finish writing (default ${DEFAULT_LOCK_TIMEOUT_SECONDS}; 0: fail at once)`
    ).argParser(parseNonNegativeInteger)
  ).option("--no-lock", "write without taking the deploy lock on the server (concurrent deploys of the same prefect.yaml may then duplicate automations)").addOption(pruneOption()).addOption(ownerOption()).option("--skip-steps", "do not run the build/push steps; what they would fill must come from --step-outputs").addOption(
    new Option(
      "--step-outputs <json|file>",
      "outputs of build/push steps run earlier, as a JSON object or a file holding one: one set for every deployment, or what `prefect-deploy build` printed (keyed by flow/name); the steps are not run"
    ).argParser(stepOutputsParser(session.io.cwd))
  ).addOption(
    new Option(
      "--smoke <name[=json]>",
      'after a successful deploy, run this deployment (name or flow/name) once, with the parameters of the JSON object after "=", and fail unless the run reaches Completed (repeatable; runs go in parallel)'
    ).argParser(collectSmoke)
  ).addOption(
    new Option(
      "--smoke-timeout <seconds>",
      `how long each smoke run may take to reach Completed (default ${DEFAULT_SMOKE_TIMEOUT_SECONDS}); a run still going then is cancelled`
    ).argParser(parseSmokeTimeout)
  ).action((_flags, cmd) => runDeploy(session, cmd));
}

// src/commands/init.ts
var import_node_child_process2 = __toESM(require_node_child_process(), 1);
var import_node_fs3 = __toESM(require_node_fs(), 1);
var import_node_path5 = __toESM(require_node_path(), 1);
var import_node_url = __toESM(require_node_url(), 1);
var import_node_util3 = __toESM(require_node_util(), 1);
var import_yaml = __toESM(require_dist(), 1);

// src/commands/pyyaml-dump.ts
var BEST_INDENT = 2;
var BEST_WIDTH = 80;
var BREAKS = "\n\x85\u2028\u2029";
var SPACE_OR_BREAK = "\0 	\r\n\x85\u2028\u2029";
var RESOLVERS = [
  ["yYnNtTfFoO", /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    "-+0123456789.",
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
  ],
  ["-+0123456789", /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
  ["<", /^(?:<<)$/],
  ["~nN", /^(?:~|null|Null|NULL|)$/],
  [
    "0123456789",
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/
  ],
  ["=", /^(?:=)$/],
  ["!&*", /^(?:!|&|\*)$/]
];
function resolvesToString(value) {
  if (value === "") return false;
  const candidates = value.endsWith("\n") ? [value, value.slice(0, -1)] : [value];
  for (const [first, re] of RESOLVERS) {
    if (!first.includes(value[0])) continue;
    if (candidates.some((c) => re.test(c))) return false;
  }
  return true;
}
function analyzeScalar(scalar) {
  const chars = Array.from(scalar);
  if (chars.length === 0) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (scalar.startsWith("---") || scalar.startsWith("...")) blockIndicators = true;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1]);
  let previousSpace = false;
  let previousBreak = false;
  for (let index = 0; index < chars.length; index++) {
    const ch = chars[index];
    if (index === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      if ("?:".includes(ch) && followedByWhitespace) blockIndicators = true;
      if (ch === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ":" && followedByWhitespace) blockIndicators = true;
      if (ch === "#" && precededByWhitespace) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const cp = ch.codePointAt(0);
    if (!(ch === "\n" || cp >= 32 && cp <= 126)) {
      special = true;
    }
    if (ch === " ") {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = SPACE_OR_BREAK.includes(ch);
    followedByWhitespace = index + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[index + 2]);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}
var ESCAPES = {
  "\0": "0",
  "\x07": "a",
  "\b": "b",
  "	": "t",
  "\n": "n",
  "\v": "v",
  "\f": "f",
  "\r": "r",
  "\x1B": "e",
  '"': '"',
  "\\": "\\",
  "\x85": "N",
  "\xA0": "_",
  "\u2028": "L",
  "\u2029": "P"
};
var Emitter = class {
  out = "";
  column = 0;
  indent = 0;
  whitespace = true;
  indention = true;
  write(data) {
    this.out += data;
    this.column += Array.from(data).length;
  }
  indicator(indicator, needWhitespace, whitespace = false, indention = false) {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }
  writeIndent() {
    if (!this.indention || this.column > this.indent || this.column === this.indent && !this.whitespace) this.lineBreak();
    if (this.column < this.indent) {
      this.whitespace = true;
      this.write(" ".repeat(this.indent - this.column));
    }
  }
  lineBreak(data = "\n") {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }
  scalar(value, simpleKey) {
    const a = analyzeScalar(value);
    const split = !simpleKey;
    if (resolvesToString(value) && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) this.plain(value, split);
    else if (a.allowSingleQuoted && !(simpleKey && a.multiline)) this.singleQuoted(value, split);
    else this.doubleQuoted(value, split);
  }
  plain(text2, split) {
    if (!text2) return;
    if (!this.whitespace) this.write(" ");
    this.whitespace = false;
    this.indention = false;
    const t = Array.from(text2);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : void 0;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(t.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === void 0 || !BREAKS.includes(ch)) {
          if (t[start] === "\n") this.lineBreak();
          for (const br of t.slice(start, end)) this.lineBreak(br);
          this.writeIndent();
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (ch === void 0 || ` ${BREAKS}`.includes(ch)) {
        this.write(t.slice(start, end).join(""));
        start = end;
      }
      if (ch !== void 0) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
  }
  singleQuoted(text2, split) {
    this.indicator("'", true);
    const t = Array.from(text2);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : void 0;
      if (spaces) {
        if (ch === void 0 || ch !== " ") {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== t.length) this.writeIndent();
          else this.write(t.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === void 0 || !BREAKS.includes(ch)) {
          if (t[start] === "\n") this.lineBreak();
          for (const br of t.slice(start, end)) this.lineBreak(br);
          this.writeIndent();
          start = end;
        }
      } else if (ch === void 0 || ` ${BREAKS}`.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(t.slice(start, end).join(""));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== void 0) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }
  doubleQuoted(text2, split) {
    this.indicator('"', true);
    const t = Array.from(text2);
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : void 0;
      const cp = ch?.codePointAt(0) ?? 0;
      if (ch === void 0 || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(cp >= 32 && cp <= 126)) {
        if (start < end) {
          this.write(t.slice(start, end).join(""));
          start = end;
        }
        if (ch !== void 0) {
          const hex = (n, w) => cp.toString(16).toUpperCase().padStart(w, "0").slice(-Math.max(w, n));
          this.write(`\\${ESCAPES[ch] ?? (cp <= 255 ? `x${hex(0, 2)}` : cp <= 65535 ? `u${hex(0, 4)}` : `U${hex(0, 8)}`)}`);
          start = end + 1;
        }
      }
      if (end > 0 && end < t.length - 1 && (ch === " " || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        const data = `${t.slice(start, end).join("")}\\`;
        if (start < end) start = end;
        this.write(data);
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (t[start] === " ") this.write("\\");
      }
    }
    this.indicator('"', false);
  }
  node(value, indent, context) {
    if (Array.isArray(value) && value.length > 0) {
      this.sequence(value, context === "mapping" ? indent : indent + (context === "root" ? 0 : BEST_INDENT));
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      this.mapping(value, context === "root" ? 0 : indent + BEST_INDENT);
    } else {
      const saved = this.indent;
      this.indent = context === "root" ? 0 : indent + BEST_INDENT;
      if (Array.isArray(value)) {
        this.indicator("[", true, true);
        this.indicator("]", false);
      } else if (isPlainObject(value)) {
        this.indicator("{", true, true);
        this.indicator("}", false);
      } else this.scalarValue(value);
      this.indent = saved;
    }
  }
  scalarValue(value) {
    if (value === null || value === void 0) this.plain("null", false);
    else if (typeof value === "boolean") this.plain(value ? "true" : "false", false);
    else if (typeof value === "number") this.plain(Number.isInteger(value) ? String(value) : String(value), false);
    else this.scalar(String(value), false);
  }
  mapping(value, indent) {
    for (const [key, item] of Object.entries(value)) {
      this.indent = indent;
      this.writeIndent();
      this.scalar(key, true);
      this.indicator(":", false);
      this.node(item, indent, "mapping");
    }
  }
  sequence(value, indent) {
    for (const item of value) {
      this.indent = indent;
      this.writeIndent();
      this.indicator("-", true, false, true);
      this.node(item, indent, "sequence");
    }
  }
};
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function pyyamlDump(value) {
  const e = new Emitter();
  e.node(value, 0, "root");
  return `${e.out}
`;
}

// src/commands/init.ts
var exec = (0, import_node_util3.promisify)(import_node_child_process2.execFile);
function recipesDir() {
  const here = import_node_path5.default.dirname((0, import_node_url.fileURLToPath)(import.meta.url));
  for (const candidate of [import_node_path5.default.resolve(here, "../recipes"), import_node_path5.default.resolve(here, "../../recipes")]) {
    if ((0, import_node_fs3.existsSync)(import_node_path5.default.join(candidate, "local", "prefect.yaml"))) return candidate;
  }
  throw new Error(`the recipes folder was not found next to ${here} (is the package installed completely?)`);
}
function recipeNames() {
  const dir = recipesDir();
  return (0, import_node_fs3.readdirSync)(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && (0, import_node_fs3.existsSync)(import_node_path5.default.join(dir, e.name, "prefect.yaml"))).map((e) => e.name).sort();
}
function loadRecipe(name) {
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) return void 0;
  const file = import_node_path5.default.join(recipesDir(), name, "prefect.yaml");
  if (!(0, import_node_fs3.existsSync)(file)) return void 0;
  const template = (0, import_yaml.parse)((0, import_node_fs3.readFileSync)(file, "utf8"));
  const inputs = template.required_inputs ?? {};
  return {
    name,
    description: typeof template.description === "string" ? template.description : "(no description available)",
    requiredInputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)])),
    template
  };
}
async function git(args, cwd) {
  try {
    const { stdout } = await exec("git", args, { cwd });
    return stdout.trim();
  } catch {
    return void 0;
  }
}
async function inspectProject(cwd) {
  const facts = { directory: (0, import_node_fs3.realpathSync)(cwd), hasDockerfile: (0, import_node_fs3.existsSync)(import_node_path5.default.join(cwd, "Dockerfile")) };
  const remote = await git(["config", "--get", "remote.origin.url"], cwd);
  if (remote) {
    facts.repository = remote;
    facts.branch = await git(["rev-parse", "--abbrev-ref", "HEAD"], cwd) || "main";
  }
  return facts;
}
function guessRecipe(facts) {
  if (facts.repository) return facts.hasDockerfile ? "docker-git" : "git";
  return facts.hasDockerfile ? "docker" : "local";
}
function recipeValues(recipe, facts, cwd, fields) {
  const values = { directory: facts.directory };
  if (facts.repository) {
    values.repository = facts.repository;
    values.branch = facts.branch;
  }
  values.name = import_node_path5.default.basename(cwd);
  if (facts.hasDockerfile) values.dockerfile = "Dockerfile";
  else if (recipe.includes("docker")) values.dockerfile = "auto";
  return { ...values, ...fields };
}
var DEFAULT_DEPLOYMENTS = [
  {
    name: null,
    version: null,
    tags: [],
    description: null,
    schedule: {},
    concurrency_limit: null,
    flow_name: null,
    entrypoint: null,
    parameters: {},
    work_pool: { name: null, work_queue_name: null, job_variables: {} }
  }
];
function renderPrefectYaml(projectName, configuration) {
  const section = (key, fallback) => pyyamlDump({ [key]: key in configuration ? configuration[key] : fallback });
  return "---\n# Welcome to your prefect.yaml file! You can use this file for\n# storing and managing configuration for deploying your flows.\n# We recommend committing this file to source control along\n# with your flow code.\n\n# Generic metadata about this project\n" + pyyamlDump({ name: projectName }) + pyyamlDump({ "prefect-version": REFERENCE_PREFECT_VERSION }) + "\n# build section allows you to manage and build docker images\n" + section("build", null) + "\n# push section allows you to manage if and how this project\n# is uploaded to remote locations\n" + section("push", null) + "\n# pull section allows you to provide instructions for cloning\n# this project in remote locations\n" + section("pull", null) + "\n# the deployments section allows you to provide configuration\n# for deploying flows\n" + section("deployments", DEFAULT_DEPLOYMENTS);
}
async function initProject(req) {
  const target = import_node_path5.default.join(req.cwd, "prefect.yaml");
  if ((0, import_node_fs3.existsSync)(target) && !req.force) {
    return { ok: false, message: `${target} already exists; nothing written (pass --force to overwrite it)` };
  }
  const facts = await inspectProject(req.cwd);
  const guess = guessRecipe(facts);
  const chosen = req.recipe ?? (await req.chooseRecipe?.(recipeNames(), guess) || void 0);
  const recipeName = chosen ?? guess;
  const recipe = loadRecipe(recipeName);
  if (!recipe) return { ok: false, message: `unknown recipe "${recipeName}" (available: ${recipeNames().join(", ")})` };
  const fields = { ...req.fields };
  const warnings = [];
  const extra = Object.keys(fields).filter((k) => !(k in recipe.requiredInputs));
  if (extra.length > 0 && Object.keys(recipe.requiredInputs).length > 0) {
    warnings.push(`extra fields for the "${recipe.name}" recipe are used as template values only: ${extra.join(", ")}`);
  }
  const missing = Object.keys(recipe.requiredInputs).filter((k) => !(k in fields));
  if (missing.length > 0) {
    if (!req.ask) {
      const example = missing.map((k) => `--field ${k}=...`).join(" ");
      return { ok: false, message: `the "${recipe.name}" recipe needs ${missing.join(", ")}; pass ${example} (no terminal to ask on)` };
    }
    for (const key of missing) fields[key] = await req.ask(key, recipe.requiredInputs[key]);
  }
  const values = recipeValues(recipe.name, facts, req.cwd, fields);
  const configuration = applyValues(recipe.template, values, { removeNotset: false, env: req.env });
  const files = [];
  const ignoreFile = import_node_path5.default.join(req.cwd, ".prefectignore");
  if (!(0, import_node_fs3.existsSync)(ignoreFile)) {
    (0, import_node_fs3.writeFileSync)(ignoreFile, (0, import_node_fs3.readFileSync)(import_node_path5.default.join(recipesDir(), "default.prefectignore"), "utf8"));
    files.push(".prefectignore");
  }
  (0, import_node_fs3.writeFileSync)(target, renderPrefectYaml(req.name ?? import_node_path5.default.basename(req.cwd), configuration));
  files.push("prefect.yaml");
  return { ok: true, recipe: recipe.name, guessed: chosen === void 0, directory: facts.directory, files, warnings };
}
function parseField(field) {
  const at = field.indexOf("=");
  if (at <= 0) return void 0;
  return [field.slice(0, at), field.slice(at + 1)];
}

// src/cli/commands/init.ts
function safeRecipeNames() {
  try {
    return recipeNames().join(", ");
  } catch {
    return "see recipes/";
  }
}
async function runInit(session, cmd) {
  const { flags, s } = session.context(cmd);
  const { io } = session;
  const fail = (message, code) => {
    io.stderr(s.red(`error: ${message}`));
    const json2 = { error: message };
    if (flags.json) io.stdout(JSON.stringify(json2, null, 2));
    session.done({ json: json2 }, code);
  };
  const fields = {};
  for (const field of flags.field ?? []) {
    const parsed = parseField(field);
    if (!parsed) return fail(`--field "${field}" is not key=value (for example --field image_name=ghcr.io/acme/etl)`, EXIT_USAGE);
    fields[parsed[0]] = parsed[1];
  }
  const prompt = io.isTTY ? io.prompt : void 0;
  const outcome = await initProject({
    cwd: io.cwd,
    env: io.env,
    recipe: flags.recipe,
    fields,
    name: flags.name,
    force: Boolean(flags.force),
    ask: prompt ? (field, description) => prompt(`${field} (${description}): `) : void 0,
    chooseRecipe: prompt ? async (names, guess) => {
      const width = Math.max(...names.map((n) => n.length));
      io.stdout(`Recipes:
${names.map((n) => `  ${n.padEnd(width)}  ${loadRecipe(n)?.description ?? ""}`).join("\n")}`);
      return (await prompt(`Recipe (Enter for ${guess}): `)).trim();
    } : void 0
  });
  if (!outcome.ok) return fail(outcome.message, EXIT_FAILED);
  for (const w of outcome.warnings) io.stderr(s.yellow(`warning: ${w}`));
  const { recipe, guessed, directory, files, warnings } = outcome;
  const json = { recipe, guessed, directory, files, warnings };
  if (flags.json) io.stdout(JSON.stringify(json, null, 2));
  else
    io.stdout(
      `Created project in ${directory} from the ${recipe} recipe${guessed ? " (guessed; choose another with --recipe)" : ""} with the following new files:
${files.join("\n")}`
    );
  session.done({ json }, EXIT_OK);
}
function registerInit(program3, session) {
  program3.command("init").description("write prefect.yaml (and .prefectignore) from one of prefect init's recipes").option(
    "--recipe <name>",
    `the recipe (${safeRecipeNames()}); when omitted: chosen on a terminal, else guessed as prefect init does (a git remote gives git or docker-git, a Dockerfile docker, else local)`
  ).addOption(
    new Option("-f, --field <key=value>", "a recipe input such as image_name=ghcr.io/acme/etl (repeatable); asked for on a terminal when missing").argParser(collect)
  ).option("--name <name>", "the project name written to prefect.yaml (default: the directory name)").option("--force", "overwrite an existing prefect.yaml").addHelpText(
    "after",
    EXAMPLES([
      "prefect-deploy init",
      "prefect-deploy init --recipe docker-git --field image_name=ghcr.io/acme/etl --field tag=latest",
      "prefect-deploy init --recipe s3 -f bucket=acme-flows --force"
    ])
  ).action((_flags, cmd) => runInit(session, cmd));
}

// src/cli/commands/list.ts
async function runList(session, cmd) {
  const { flags, s } = session.context(cmd);
  const { io } = session;
  session.dotenvFile = flags.dotenv;
  const request = {
    prefectFile: flags.prefectFile,
    selection: { all: Boolean(flags.all), names: flags.name ?? [] },
    cwd: io.cwd,
    env: io.env,
    now: io.now(),
    secrets: session.secrets,
    ...flags.changedSince ? { changedSince: flags.changedSince } : {}
  };
  if (flags.project?.length) return listProjects(session, s, flags, request, flags.project, new TerminalReporter(session, s, Boolean(flags.json)));
  const result = await list(request, new TerminalReporter(session, s, Boolean(flags.json)));
  const plan2 = result.plan;
  const failed = session.printProblems(s, plan2.diagnostics, "listed");
  const listed = failed ? [] : listDeployments(plan2);
  const json = flags.matrix ? matrixJson(listed) : { deployments: listed, ...result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {} };
  if (!failed) {
    if (flags.matrix) io.stdout(JSON.stringify(json));
    else if (flags.json) io.stdout(JSON.stringify(json, null, 2));
    else {
      io.stdout(listToText(listed));
      const skipped = skippedToText(result.changedSince);
      if (skipped) io.stdout(skipped);
    }
  }
  const errors = planToJson(plan2).errors;
  const output = {
    json: failed ? { ...json, errors } : json,
    dotenv: { scalars: status(result.failureReason), lists: [["DEPLOYMENTS_SELECTED", listed.map((d) => d.deployment)]] }
  };
  session.done(output, failed ? EXIT_FAILED : EXIT_OK);
}
function registerList(program3, session) {
  program3.command("list").description("list the selected deployments of prefect.yaml (no server needed)").option("--all", "select every deployment in the file (the default when no -n is given)").addOption(projectOption()).addOption(new Option("-n, --name <name>", "a deployment name, flow/name, or * pattern (repeatable)").argParser(collect)).option("--matrix", 'print {"include": [...]} for a CI matrix (GitHub strategy.matrix, GitLab parallel:matrix)').option("--dotenv <path>", "write a GitLab dotenv report (DEPLOYMENTS_SELECTED)").addOption(changedSinceOption()).addHelpText(
    "after",
    EXAMPLES(["prefect-deploy list", 'prefect-deploy list -n "etl-*" --json', 'echo "matrix=$(prefect-deploy list --all --matrix)" >> "$GITHUB_OUTPUT"'])
  ).action((_flags, cmd) => runList(session, cmd));
}

// src/cli/commands/preview.ts
async function runPreview(session, cmd, action) {
  const { flags, s } = session.context(cmd);
  const { io, ci, secrets } = session;
  session.dotenvFile = flags.dotenv;
  const reporter = new TerminalReporter(session, s, Boolean(flags.json));
  const request = {
    ...planRequest(session, flags),
    planEnv: [],
    lock: lockFromFlags(flags, ci),
    skipSteps: Boolean(flags.skipSteps),
    ...flags.stepOutputs ? { stepOutputs: flags.stepOutputs } : {},
    action,
    preview: { id: flags.id, ...flags.withSchedules ? { withSchedules: true } : {}, ...flags.withTriggers ? { withTriggers: true } : {} }
  };
  let result;
  try {
    result = await preview(request, reporter);
  } finally {
    if (!result) reporter.finish(s.red("stopped"));
  }
  const reason = result.failureReason;
  if (reason === "no-api-url" || reason === "invalid-input" && result.message) {
    reporter.finish(s.red("nothing done"));
    return refused(session, s, { message: result.message ?? NO_API_MESSAGE, reason, file: flags.prefectFile });
  }
  const outcomes = result.outcomes ?? [];
  const { diagnostics, uiUrl: ui } = result;
  const failed = diagnostics.some((d) => d.severity === "error");
  const count = (a) => outcomes.filter((o) => o.action === a).length;
  reporter.finish(
    action === "down" ? `preview ${flags.id}: ${count("deleted")} deleted, ${count("failed")} failed` : outcomes.length === 0 && failed ? s.red("nothing registered") : `preview ${flags.id}: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("failed")} failed`
  );
  const diagJson = planToJson({ prefectFile: result.plan?.prefectFile ?? flags.prefectFile, deployments: [], diagnostics });
  const json = secrets.redactValue({
    preview: result.preview ?? { id: flags.id },
    deployments: outcomesJson(outcomes, ui),
    errors: diagJson.errors,
    warnings: diagJson.warnings,
    failure_reason: reason ?? null
  });
  if (flags.json) {
    session.annotateOnly(diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else {
    if (outcomes.length === 0) session.printProblems(s, diagnostics, action === "up" ? "was registered" : "was deleted");
    else for (const d of diagnostics) io.stderr(ci.annotation ? ci.annotation(d, io.cwd) : session.paint(s, d));
    if (action === "down" && outcomes.length === 0 && !failed) io.stdout(`preview ${flags.id}: no deployments to delete`);
    for (const o of outcomes) {
      const url = o.action === "deleted" ? null : deploymentUrl(ui, o.id);
      io.stdout(`${qualifiedName(o)} (${o.action})${url ? ` ${url}` : ""}`);
    }
  }
  const names = (a) => outcomes.filter((o) => o.action === a).map(qualifiedName);
  const scalars = [...status(reason), ["PREVIEW_ID", flags.id]];
  const lists = action === "up" ? [
    ["DEPLOYMENTS_CREATED", names("created")],
    ["DEPLOYMENTS_UPDATED", names("updated")],
    ["DEPLOYMENTS_UNCHANGED", names("unchanged")],
    ["DEPLOYMENTS_FAILED", names("failed")]
  ] : [
    ["DEPLOYMENTS_DELETED", names("deleted")],
    ["DEPLOYMENTS_FAILED", names("failed")]
  ];
  session.done({ json, dotenv: { scalars, lists } }, failed || reason ? EXIT_FAILED : EXIT_OK);
}
var idOption = () => new Option("--id <id>", "the preview id (e.g. pr-42): copies are named <name>-<id>, tagged preview:<id> and marked as that preview's").makeOptionMandatory();
function registerPreview(program3, session) {
  const group = program3.command("preview").description("preview deployments: copies of the selected deployments named <name>-<id> (up), and their removal (down)").addHelpText(
    "after",
    EXAMPLES([
      "prefect-deploy preview up --id pr-42 --all",
      "prefect-deploy preview up --id pr-42 -n etl/nightly --with-schedules",
      "prefect-deploy preview down --id pr-42"
    ])
  );
  selectionOptions(
    group.command("up").description(
      `register the selected deployments as preview copies <name>-<id> (same flow): schedules inactive and triggers left out unless asked, tagged preview:<id>; build/push steps run as for deploy, with ${PREVIEW_ID_ENV}=<id> in their environment`
    )
  ).addOption(idOption()).option("--with-schedules", "keep the copies' schedules active (default: every schedule inactive)").option("--with-triggers", "register the deployments' triggers for the copies too (default: left out)").addOption(ownerOption()).addOption(
    new Option("--lock-timeout <seconds>", `how long to wait for another deploy of the same deployments (default ${DEFAULT_LOCK_TIMEOUT_SECONDS})`).argParser(
      parseNonNegativeInteger
    )
  ).option("--no-lock", "write without taking the deploy lock on the server").option("--skip-steps", "do not run the build/push steps; what they would fill must come from --step-outputs").addOption(
    new Option("--step-outputs <json|file>", "outputs of build/push steps run earlier (as deploy --step-outputs)").argParser(stepOutputsParser(session.io.cwd))
  ).action((_flags, cmd) => runPreview(session, cmd, "up"));
  group.command("down").description("delete every deployment of the preview <id> (the ones its up registered, found by their mark), with the automations they own; no other deployment").addOption(idOption()).option("--api-url <url>", "Prefect API URL (default: PREFECT_API_URL)").option("--dotenv <path>", "write a GitLab dotenv report of the result").addOption(ownerOption()).action((_flags, cmd) => runPreview(session, cmd, "down"));
}

// src/cli/schema.ts
var text = (description) => ({ type: ["string", "null"], description });
var LAX_BOOL = ["true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "1", "0", "True", "False", "Yes", "No"];
var bool = (description) => ({
  description,
  anyOf: [{ type: ["boolean", "null"] }, { enum: [0, 1] }, { type: "string", enum: LAX_BOOL }]
});
var TEMPLATE = "\\{\\{.*\\}\\}";
var CUSTOM_STEP_NAME = "^(?!prefect\\.deployments\\.steps\\.|prefect_docker\\.|prefect_aws\\.|prefect_gcp\\.|prefect_azure\\.)[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*[.:][A-Za-z_]\\w*$";
function stepSchema() {
  const reserved = {
    id: { type: ["string", "null"], description: "Name under which later steps and the deployment reference this step's outputs: {{ <id>.<output> }}" },
    requires: {
      description: "Package(s) the step needs; prefect deploy installs them when missing",
      anyOf: [{ type: ["string", "null"] }, { type: "array", items: { type: "string" } }]
    }
  };
  const properties = {};
  for (const name of allStepNames()) {
    const def = findStep(name);
    const outputs = def.outputs.length > 0 ? ` Outputs: ${def.outputs.join(", ")}.` : "";
    const alias = def.name === name ? "" : ` (alias of ${def.name})`;
    properties[name] = {
      type: "object",
      description: `Built-in step ${name}${alias}.${outputs}`,
      properties: { ...reserved, ...Object.fromEntries((def.inputs ?? []).map((i) => [i, {}])) },
      ...def.inputs ? { additionalProperties: false } : {}
    };
  }
  return {
    type: "object",
    description: `One step: a mapping of one fully-qualified step function name to its inputs. ${RESERVED_STEP_INPUTS.join(" and ")} are accepted by every step.`,
    minProperties: 1,
    maxProperties: 1,
    properties,
    patternProperties: {
      [CUSTOM_STEP_NAME]: { type: "object", description: "A custom step: any importable Python function (package.module.function)", properties: reserved }
    },
    additionalProperties: false
  };
}
var steps = (description) => ({
  description,
  anyOf: [{ type: "null" }, { type: "array", items: { $ref: "#/definitions/step" } }, { $ref: "#/definitions/step" }, { type: "object", maxProperties: 0 }]
});
var scheduleProperties = {
  cron: { type: "string", description: 'A cron expression, e.g. "0 2 * * *"' },
  interval: { type: ["number", "string"], description: "Seconds between runs, or an ISO 8601 / HH:MM:SS duration" },
  rrule: { type: "string", description: "An RFC 5545 RRULE string" },
  timezone: text("IANA timezone, e.g. Europe/Paris"),
  anchor_date: text("Start of interval schedules (ISO 8601 datetime)"),
  day_or: bool("Cron: combine day-of-month and day-of-week with OR (default true)"),
  active: bool("Whether the schedule is active (default true)"),
  parameters: { type: "object", description: "Parameter overrides for runs of this schedule" },
  slug: text("A stable identifier of the schedule within the deployment"),
  replaces: text("The slug of an existing schedule this one replaces")
};
var scheduleItem = {
  type: "object",
  description: "A schedule: exactly one of cron, interval, rrule",
  properties: scheduleProperties,
  additionalProperties: false,
  oneOf: [{ required: ["cron"] }, { required: ["interval"] }, { required: ["rrule"] }]
};
function prefectYamlSchema() {
  const deployment = {
    type: "object",
    description: "One deployment",
    additionalProperties: false,
    properties: {
      name: { type: ["string", "null"], pattern: "^[^/%&<>]*$", description: "The deployment name (must not contain / % & < >)" },
      version: text('The version; quote numbers ("1.0")'),
      version_type: {
        description: "How the version is computed when none is given",
        anyOf: [{ enum: [...VERSION_TYPES, null] }, { type: "string", pattern: TEMPLATE }]
      },
      tags: { description: "Tags of the deployment", anyOf: [{ type: "array", items: { type: ["string", "number", "boolean"] } }, { type: "string" }] },
      description: text("The description; the flow docstring when absent"),
      schedule: { description: "Legacy single schedule; prefer schedules", anyOf: [{ type: "null" }, { type: "object", maxProperties: 0 }, scheduleItem] },
      schedules: { description: "Schedules of the deployment", anyOf: [{ type: "null" }, { type: "array", items: scheduleItem }] },
      paused: bool(
        "Whether the deployment is paused. Left out: created running, and an existing deployment keeps its state on the server (prefect deploy would un-pause it)"
      ),
      concurrency_limit: {
        description: "Maximum concurrent runs: a number, or a mapping with collision_strategy",
        anyOf: [
          { type: ["integer", "null"] },
          { type: "string", pattern: "^\\s*[-+]?\\d+\\s*$" },
          {
            type: "object",
            additionalProperties: false,
            required: ["collision_strategy"],
            properties: {
              limit: { type: ["integer", "string", "null"], description: "Maximum concurrent runs" },
              collision_strategy: { enum: ["ENQUEUE", "CANCEL_NEW"], description: "What happens to a run over the limit" },
              grace_period_seconds: { type: ["integer", "null"], minimum: 60, maximum: 86400, description: "Seconds a slot stays held after a crash (60-86400)" }
            }
          }
        ]
      },
      flow_name: text("Ignored: the flow name comes from the @flow decorator"),
      entrypoint: text("path/to/file.py:flow_function"),
      parameters: { type: "object", description: "Default parameter values" },
      enforce_parameter_schema: bool("Validate parameters against the flow signature (default true)"),
      build: steps("Build steps for this deployment (replace the top-level build section)"),
      push: steps("Push steps for this deployment (replace the top-level push section)"),
      pull: steps("Pull steps for this deployment (replace the top-level pull section)"),
      work_pool: {
        type: "object",
        description: "Where the deployment runs",
        additionalProperties: false,
        properties: {
          name: text("The work pool name"),
          work_queue_name: text("The work queue name (default queue when absent)"),
          job_variables: { type: "object", description: "Overrides of the work pool's base job template variables" }
        }
      },
      triggers: {
        description: "Event triggers; each becomes an automation that runs the deployment",
        anyOf: [{ type: "null" }, { type: "array", items: { type: "object" } }]
      },
      sla: { description: "Service level agreements (Prefect Cloud)", anyOf: [{ type: "null" }, { type: "array", items: { type: "object" } }] }
    }
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "prefect.yaml",
    description: "Deployment configuration read by prefect deploy (Prefect 3) and prefect-deploy",
    type: "object",
    additionalProperties: false,
    properties: {
      name: text("The project name"),
      "prefect-version": text("The Prefect version the file was written for"),
      prefect_version: text("The Prefect version the file was written for"),
      description: { type: ["string", "null"], description: "Ignored (written by prefect init recipes)" },
      required_inputs: { type: ["object", "null"], description: "Ignored (written by prefect init recipes)" },
      definitions: { description: "Ignored: a place for YAML anchors (&name) to reuse with *name" },
      build: steps("Steps run before deploying, e.g. building a Docker image"),
      push: steps("Steps that upload the code, e.g. to S3"),
      pull: steps("Steps a worker runs to fetch the code before a flow run"),
      deployments: { type: "array", description: "The deployments", items: deployment }
    },
    definitions: { step: stepSchema() }
  };
}
function prefectYamlSchemaText() {
  return `${JSON.stringify(prefectYamlSchema(), null, 2)}
`;
}

// src/cli/commands/schema.ts
function registerSchema(program3, session) {
  program3.command("schema").description("print the JSON schema of prefect.yaml (for editor completion and validation)").addHelpText(
    "after",
    EXAMPLES(["prefect-deploy schema > prefect-yaml.schema.json"]) + "\n\nThen start prefect.yaml with:\n  # yaml-language-server: $schema=./prefect-yaml.schema.json"
  ).action((_flags, cmd) => {
    session.context(cmd);
    session.io.stdout(prefectYamlSchemaText());
    session.done({ json: prefectYamlSchema() }, EXIT_OK);
  });
}

// src/cli/version.ts
var import_node_fs4 = __toESM(require_node_fs(), 1);
function toolVersion() {
  if (true) return "1.0.0";
  return JSON.parse((0, import_node_fs4.readFileSync)(new URL("../../package.json", import.meta.url), "utf8")).version;
}
var GLOBAL_OPTIONS_WITH_VALUE = /* @__PURE__ */ new Set(["--prefect-file", "--output-file"]);
function asksToolVersion(argv) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") return true;
    if (arg === "--") return false;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith("-")) return false;
  }
  return false;
}

// src/cli/main.ts
async function terminalPrompt(question) {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
var defaultIo = {
  stdout: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}
`),
  stderr: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}
`),
  cwd: process.cwd(),
  env: process.env,
  now: () => /* @__PURE__ */ new Date(),
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  prompt: terminalPrompt,
  ...process.stdout.isTTY ? { terminal: { write: (raw) => void process.stdout.write(raw), columns: () => process.stdout.columns || 80, rows: () => process.stdout.rows || 24 } } : {}
};
var VERSION_OPTION = new Option("-V, --version", "print prefect-deploy's version (after plan or deploy, --version V is the deployment's)");
function program2(session) {
  const { io } = session;
  const root = new Command().name("prefect-deploy").description("Plan and register Prefect deployments from prefect.yaml, without Python.").exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).configureHelp({
    showGlobalOptions: true,
    // -V/--version is listed in the program's help, not declared (see asksToolVersion); and only
    // listed, not offered as a suggestion for an unknown option (`list --version`).
    formatHelp(cmd, helper) {
      if (!cmd.parent) {
        const visibleOptions = helper.visibleOptions.bind(helper);
        helper.visibleOptions = (c) => {
          const options = visibleOptions(c);
          return c === cmd ? [...options.slice(0, -1), VERSION_OPTION, ...options.slice(-1)] : options;
        };
      }
      return Help.prototype.formatHelp.call(this, cmd, helper);
    }
  }).showHelpAfterError("(run prefect-deploy --help for usage)").option("--prefect-file <path>", "path to prefect.yaml, relative to the working directory", "prefect.yaml").option("--json", "print the result as JSON on stdout (progress and problems go to stderr)").option("--output-file <path>", "also write the JSON result to this file (written whole: temp file + rename)").option("--debug", "print stack traces for unexpected errors and every Prefect API request").option("--no-color", "no ANSI colours (also: NO_COLOR=1; FORCE_COLOR=1 forces them, e.g. in CI logs)").addHelpText(
    "after",
    EXAMPLES(["prefect-deploy plan --all", "prefect-deploy deploy --all --output-file deploy.json --dotenv deploy.env", "prefect-deploy <command> --help"]) + "\n" + OUTPUT_HELP
  );
  registerPlan(root, session);
  registerDeploy(root, session);
  registerBuild(root, session);
  registerValidate(root, session);
  registerInit(root, session);
  registerSchema(root, session);
  registerList(root, session);
  registerPreview(root, session);
  return root;
}
async function main(argv, rawIo = defaultIo) {
  const session = new Session(rawIo);
  const { io } = session;
  const root = program2(session);
  if (asksToolVersion(argv)) {
    io.stdout(toolVersion());
    return EXIT_OK;
  }
  try {
    await root.parseAsync(
      argv.map((a) => SHORT_ALIASES[a] ?? a),
      { from: "user" }
    );
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : argv.includes("--detailed-exitcode") ? EXIT_FAILED : EXIT_USAGE;
    const debug = argv.includes("--debug");
    io.stderr(debug && e instanceof Error ? e.stack ?? e.message : `error: ${e.message} (run with --debug for details)`);
    session.done({ json: { error: e.message } }, EXIT_FAILED);
  }
  if (argv.length === 0) {
    io.stderr(root.helpInformation());
    return EXIT_USAGE;
  }
  return session.writeResult();
}
export {
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  main
};
