export { startLlmSimulator } from './server.js';
export type { LlmSimulatorOptions, RecordedRequest, RunningLlmSimulator } from './server.js';
export type { LlmStep, ScriptedError, ScriptedToolCall } from './steps.js';
