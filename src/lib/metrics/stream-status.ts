/**
 * The live feed's health as the process holding it sees it (`ats serve`, a stream command): connected or not,
 * and the lag of the last event (receipt time − the event's own time). The holder updates one instance; the
 * metrics registry reads it at scrape time. No module state: each holder owns its instance.
 */
export class StreamStatus {
  connected = false;
  lagSeconds = 0;
  lastEventAt: number | null = null;

  setConnected(connected: boolean): void {
    this.connected = connected;
  }

  /** An event stamped `eventMs` arrived at `receivedMs` (both UTC ms). */
  recordEvent(eventMs: number, receivedMs: number): void {
    this.lagSeconds = Math.max(0, (receivedMs - eventMs) / 1000);
    this.lastEventAt = receivedMs;
  }
}
