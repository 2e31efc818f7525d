import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * JSON lines when not on a terminal (containers, log shippers), readable text on a terminal;
 * `LOG_FORMAT=json|text` overrides (the launcher asks for text when it runs in a terminal).
 */
export function createLogger(
  service: string,
  level: 'error' | 'warn' | 'log' | 'debug' | 'verbose',
): ConsoleLogger {
  const levels = ORDER.slice(0, ORDER.indexOf(level) + 1);
  const format = process.env['LOG_FORMAT'];
  const json = format === 'json' || (format !== 'text' && !process.stdout.isTTY);
  return new ConsoleLogger(service, {
    json,
    logLevels: levels,
    colors: !json && process.stdout.isTTY,
    prefix: 'gateway',
  });
}
