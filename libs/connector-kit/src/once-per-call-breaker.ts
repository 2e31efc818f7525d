import { CircuitState, ConsecutiveBreaker, type IBreaker } from 'cockatiel';
import { currentCallScope, type CallScope } from './call-scope.js';

/**
 * cockatiel's ConsecutiveBreaker, counting each tool call at most once: a call that fans out to several
 * requests against a dead backend (Home Assistant's entity list asks REST and four registries at once)
 * is one failure, not five, so "open after N failures" means N failed calls. Requests outside a tool call
 * count one each. A trial call in the half-open state always counts: its failure reopens the circuit.
 */
export class OncePerCallBreaker implements IBreaker {
  private readonly consecutive: ConsecutiveBreaker;
  private readonly counted = new WeakSet<CallScope>();

  constructor(threshold: number) {
    this.consecutive = new ConsecutiveBreaker(threshold);
  }

  get state(): unknown {
    return this.consecutive.state;
  }

  set state(value: unknown) {
    this.consecutive.state = value as number;
  }

  success(): void {
    this.consecutive.success();
  }

  failure(state: CircuitState): boolean {
    // cockatiel calls this in the failed request's async context, so the scope is that request's call.
    const scope = currentCallScope();
    if (state === CircuitState.Closed && scope) {
      if (this.counted.has(scope)) return false;
      this.counted.add(scope);
    }
    return this.consecutive.failure();
  }
}
