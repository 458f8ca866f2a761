// The program's own output (stdout and stderr) as faultguard passes it on: live up to a limit, then
// only the end is kept (the end is where a failure shows), and what was cut is said, with its size.
import { type Readable } from "node:stream";

/** Output passed on live before the rest is held back (bytes). */
export const LIVE_OUTPUT_BYTES = 64 * 1024;
/** Output kept from the end once the live part is used up (bytes). */
export const KEPT_TAIL_BYTES = 256 * 1024;

export class ProgramOutput {
  private live = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private cut = 0;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly liveBytes = LIVE_OUTPUT_BYTES,
    private readonly keptBytes = KEPT_TAIL_BYTES,
  ) {}

  write(chunk: Buffer): void {
    if (this.live < this.liveBytes && this.tailBytes === 0) {
      const now = chunk.subarray(0, this.liveBytes - this.live);
      this.live += now.length;
      this.emit(now.toString());
      chunk = chunk.subarray(now.length);
      if (chunk.length === 0) return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailBytes - this.tail[0].length >= this.keptBytes) {
      this.tailBytes -= this.tail[0].length;
      this.cut += this.tail.shift()!.length;
    }
  }

  /** Passes on the kept end, after a line that says how much was cut. */
  finish(): void {
    let rest = Buffer.concat(this.tail);
    this.tail = [];
    this.tailBytes = 0;
    if (rest.length > this.keptBytes) {
      this.cut += rest.length - this.keptBytes;
      rest = rest.subarray(rest.length - this.keptBytes);
    }
    if (this.cut > 0) {
      this.emit(`\n[faultguard: ${this.cut} bytes of the program's output were cut here; the first ${this.live} and the last ${rest.length} bytes are shown]\n`);
    }
    if (rest.length > 0) this.emit(rest.toString());
  }
}

/** Resolves when the stream has ended, or after `limitMs` (a helper outside the group may hold it open). */
export function ended(stream: Readable | null, limitMs: number): Promise<void> {
  // Already closed: its "close" event has been emitted and will not come again.
  if (!stream || stream.closed || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    // Not unref'd: while we wait, this timer is what keeps the process alive.
    const timer = setTimeout(resolve, limitMs);
    stream.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
