/** Logs go to stderr; results go to stdout. Levels: quiet (errors only) < normal < verbose. */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
  error(msg: string): void;
}

export function createLogger(
  opts: { verbose: boolean; quiet: boolean; scrub?: (s: string) => string },
  write: (s: string) => void = (s) => process.stderr.write(s),
): Logger {
  const clean = opts.scrub ?? ((s: string) => s);
  return {
    info: (m) => {
      if (!opts.quiet) write(`${clean(m)}\n`);
    },
    warn: (m) => {
      if (!opts.quiet) write(`warning: ${clean(m)}\n`);
    },
    debug: (m) => {
      if (opts.verbose) write(`debug: ${clean(m)}\n`);
    },
    error: (m) => write(`error: ${clean(m)}\n`),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, debug: () => {}, error: () => {} };
