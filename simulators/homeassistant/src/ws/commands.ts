import type { CommandTable } from './command.js';
import { CORE_COMMANDS } from './core-commands.js';
import { DATA_COMMANDS } from './data-commands.js';
import { REGISTRY_COMMANDS } from './registry-commands.js';
import { SUBSCRIPTION_COMMANDS } from './subscription-commands.js';

/** Every WS command the simulator answers; anything else is `unknown_command`. */
export const COMMANDS: CommandTable = {
  ...CORE_COMMANDS,
  ...SUBSCRIPTION_COMMANDS,
  ...REGISTRY_COMMANDS,
  ...DATA_COMMANDS,
};
