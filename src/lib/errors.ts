/**
 * One error hierarchy, caught only at the top (src/cli.ts). Each class carries the
 * process exit code documented in the README ("Exit codes").
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  data: 4,
  broker: 5,
  temporary: 6,
  qualityFailed: 7,
  locked: 8,
  diverged: 9,
} as const;

export class AtsError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.internal, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags or arguments: the user typed something we cannot act on. */
export class UsageError extends AtsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** Missing or invalid configuration, bad credentials, plan limits. Never retried. */
export class ConfigError extends AtsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.config, options);
  }
}

/** Bad or inconsistent data: malformed responses, corrupt database, unusable input files. */
export class DataError extends AtsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.data, options);
  }
}

/** The broker refused or failed an order. Never retried blindly. */
export class BrokerError extends AtsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.broker, options);
  }
}

/** Network failures, 429 and 5xx: worth retrying; exit code tells cron to try later. */
export class TemporaryError extends AtsError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, ExitCode.temporary, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

export class InternalError extends AtsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.internal, options);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
