/** Where the CLI writes; tests pass a recorder instead of the process streams. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
  write(text: string): void;
}

export const processOutput: CliOutput = {
  log: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
  write: (text) => process.stdout.write(text),
};
