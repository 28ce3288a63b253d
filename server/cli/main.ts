import { ConfigError } from '../config.js';
import { processOutput } from './cli-output.js';
import { runCli } from './run-cli.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), { env: process.env, output: processOutput });
} catch (error) {
  processOutput.error(
    error instanceof ConfigError ? error.message : `livedesk: ${(error as Error).stack ?? String(error)}`,
  );
  process.exitCode = 1;
}
