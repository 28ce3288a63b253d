import type { KnowledgeStore } from '../../knowledge/ports.js';
import type { CliOutput } from './cli-output.js';
import {
  exportEntries,
  exportSynonyms,
  importEntries,
  importSynonyms,
  listVersions,
  revertVersion,
} from './kb-commands.js';

export interface StoreCommandInput {
  command: 'kb' | 'synonyms';
  subcommand: string | undefined;
  argument: string | undefined;
  values: {
    format?: string | undefined;
    out?: string | undefined;
    entry?: string | undefined;
    limit?: string | undefined;
  };
  actor: string;
  output: CliOutput;
}

/** A `kb` or `synonyms` command ready to run on the store, or what is wrong with how it was called. */
export type StoreCommand =
  { mayCreate: boolean; run: (store: KnowledgeStore) => Promise<number> } | { usage: string };

/**
 * Resolves a `kb`/`synonyms` command line before any database is looked for, so a mistyped command gets
 * its usage rather than "no database", and only the imports may bring a new database into being.
 */
export function storeCommand(input: StoreCommandInput): StoreCommand {
  const { subcommand, argument, values, actor, output } = input;
  if (input.command === 'synonyms') {
    if (subcommand === 'import' && argument)
      return { mayCreate: true, run: (store) => importSynonyms(store, argument, actor, output) };
    if (subcommand === 'export') return { mayCreate: false, run: (store) => exportSynonyms(store, output) };
    return { usage: 'synonyms takes import FILE or export' };
  }
  switch (subcommand) {
    case 'import':
      return argument
        ? {
            mayCreate: true,
            run: (store) => importEntries(store, argument, { format: values.format, actor }, output),
          }
        : { usage: 'kb import needs a FILE' };
    case 'export':
      return {
        mayCreate: false,
        run: (store) => exportEntries(store, { format: values.format, out: values.out }, output),
      };
    case 'versions': {
      const limit = Number(values.limit) || 50;
      return {
        mayCreate: false,
        run: (store) => listVersions(store, { entryId: values.entry, limit }, output),
      };
    }
    case 'revert': {
      const versionId = Number(argument);
      if (!Number.isInteger(versionId) || versionId < 1)
        return { usage: 'kb revert needs a VERSION_ID (a positive integer)' };
      return { mayCreate: false, run: (store) => revertVersion(store, versionId, actor, output) };
    }
    default:
      return { usage: `unknown kb command "${subcommand ?? ''}"` };
  }
}
