/** One rejected line (JSON Lines) or record (CSV) of an imported file. `line` 0 stands for the whole file. */
export interface LineError {
  line: number;
  message: string;
}

export interface LineErrorList {
  /** False once the cap is reached: the caller stops reading, and the last error says why. */
  add(line: number, message: string): boolean;
  readonly count: number;
  /** Errors are found in passes (syntax, then schema), but people read them top to bottom. */
  sorted(): LineError[];
}

/**
 * Collects every error up to `maxErrors`. A file of garbage would otherwise produce one error per line,
 * millions of them, which nobody reads and which cost more memory than the file itself.
 */
export function createLineErrorList(maxErrors: number): LineErrorList {
  const errors: LineError[] = [];
  let capMessage: LineError | undefined;
  return {
    add(line, message) {
      if (capMessage) return false;
      if (errors.length >= maxErrors) {
        capMessage = {
          line,
          message: `too many errors: stopped after ${maxErrors}; fix these and import again`,
        };
        return false;
      }
      errors.push({ line, message });
      return true;
    },
    get count() {
      return errors.length + (capMessage ? 1 : 0);
    },
    sorted() {
      const byLine = [...errors].sort((a, b) => a.line - b.line);
      return capMessage ? [...byLine, capMessage] : byLine;
    },
  };
}
