import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** JSON lines on stdout when not on a terminal (containers, log shippers); readable text on a terminal. */
export function createLogger(service: string, level: 'error' | 'warn' | 'log' | 'debug' | 'verbose'): ConsoleLogger {
  const levels = ORDER.slice(0, ORDER.indexOf(level) + 1);
  return new ConsoleLogger(service, { json: !process.stdout.isTTY, logLevels: levels, colors: process.stdout.isTTY });
}
