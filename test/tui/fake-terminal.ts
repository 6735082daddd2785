import { EventEmitter } from 'node:events';

/**
 * Just enough of a TTY's stdin/stdout for ink's real render(): lets runPositionViewer run
 * in-process and records what a terminal would see (raw-mode switches, written bytes).
 */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  readonly rawModeCalls: boolean[] = [];
  private pending: string | null = null;

  write(data: string): void {
    this.pending = data;
    this.emit('readable');
  }
  read(): string | null {
    const data = this.pending;
    this.pending = null;
    return data;
  }
  setRawMode(on: boolean): this {
    this.rawModeCalls.push(on);
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
}

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 30;
  output = '';

  write(chunk: string): boolean {
    this.output += chunk;
    return true;
  }
}

export function fakeTerminal() {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  return {
    stdin,
    stdout,
    streams: { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream },
  };
}
