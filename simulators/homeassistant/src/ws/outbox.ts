import type { WebSocket } from 'ws';

/** `MAX_PENDING_MSG` in `websocket_api/const.py`: a client this far behind is dropped. */
const MAX_PENDING = 4096;

/**
 * Ordered outgoing frames. With a latency, results are held back that long; later frames (events)
 * queue behind them so a subscription's result always precedes its events, as in HA.
 */
export class Outbox {
  private readonly queue: { due: number; frame: string }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly latencyMs: number,
  ) {}

  send(frame: string, delayed: boolean): void {
    if (this.latencyMs <= 0 || (!delayed && this.queue.length === 0)) {
      this.write(frame);
      return;
    }
    const last = this.queue[this.queue.length - 1]?.due ?? 0;
    this.queue.push({ due: Math.max(last, delayed ? Date.now() + this.latencyMs : 0), frame });
    if (this.queue.length > MAX_PENDING) {
      this.socket.terminate();
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || !this.queue.length) return;
    const wait = Math.max(0, (this.queue[0]?.due ?? 0) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = Date.now();
      while (this.queue.length && (this.queue[0]?.due ?? 0) <= now)
        this.write(this.queue.shift()?.frame ?? '');
      this.schedule();
    }, wait);
  }

  private write(frame: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }
}
