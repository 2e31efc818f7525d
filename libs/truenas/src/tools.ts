import type { ToolDefinition } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from './backend.js';
import { dismissAlert, listAlerts } from './tools/alerts.js';
import { listApps, startApp, stopApp } from './tools/apps.js';
import { createDataset } from './tools/create-dataset.js';
import { createSnapshot } from './tools/create-snapshot.js';
import { deleteSnapshot } from './tools/delete-snapshot.js';
import { getJob } from './tools/get-job.js';
import { listDatasets } from './tools/list-datasets.js';
import { listDisks } from './tools/list-disks.js';
import { listPools } from './tools/list-pools.js';
import { listShares } from './tools/list-shares.js';
import { listSnapshots } from './tools/list-snapshots.js';
import { rollbackSnapshot } from './tools/rollback-snapshot.js';
import { controlService, listServices } from './tools/services.js';
import { systemInfo } from './tools/system-info.js';

export const trueNasTools: readonly ToolDefinition<TrueNasBackend>[] = [
  systemInfo,
  listPools,
  listDatasets,
  createDataset,
  listSnapshots,
  createSnapshot,
  deleteSnapshot,
  rollbackSnapshot,
  listAlerts,
  dismissAlert,
  listApps,
  startApp,
  stopApp,
  listShares,
  listDisks,
  listServices,
  controlService,
  getJob,
];
