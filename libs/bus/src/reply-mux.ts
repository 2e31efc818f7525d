import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/** One caller's reply subject, open until closed. */
export interface ReplyInbox {
  readonly subject: string;
  close(): void;
}

/**
 * Reply subjects for requests that receive more than one message (an acknowledgement, progress, then the
 * result), all served by one wildcard subscription: opening an inbox costs a map entry, not a SUB and an
 * UNSUB on the server for every call.
 */
export class ReplyMux {
  private subscription: Subscription | undefined;
  private prefix = '';
  private next = 0;
  private readonly listeners = new Map<string, (msg: Msg) => void>();

  constructor(private readonly nc: NatsConnection) {}

  open(listener: (msg: Msg) => void): ReplyInbox {
    if (!this.subscription || this.subscription.isClosed()) this.subscribe();
    const token = (this.next++).toString(36);
    this.listeners.set(token, listener);
    return { subject: `${this.prefix}.${token}`, close: () => this.listeners.delete(token) };
  }

  private subscribe(): void {
    const prefix = createInbox();
    this.prefix = prefix;
    this.subscription = this.nc.subscribe(`${prefix}.*`, {
      callback: (err, msg) => {
        if (err) return;
        this.listeners.get(msg.subject.slice(prefix.length + 1))?.(msg);
      },
    });
  }
}
