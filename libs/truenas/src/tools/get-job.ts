import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import type { Job } from '../jobs.js';
import { jobSummary } from './job-summary.js';

const Input = Type.Object(
  { id: Type.Integer({ minimum: 1, description: 'The job id a previous tool reported, e.g. 42.' }) },
  { additionalProperties: false },
);

export const getJob = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_get_job',
  title: 'TrueNAS: check a background job',
  description: [
    'Shows one TrueNAS background job (app start/stop, service control, scrubs, replication…): state (WAITING, RUNNING, SUCCESS, FAILED, ABORTED), percent done, the current step, start and end times, and the error when it failed.',
    'Use it when another tool answered that its job is still running.',
    'Example: {"id": 42}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const [job] = await backend.query<Job[]>('core.get_jobs', [['id', '=', args.id]], {}, signal);
    if (!job) throw new ToolError(`No job ${args.id}: TrueNAS keeps recent jobs only.`);
    return jsonResult(jobSummary(job));
  },
});
