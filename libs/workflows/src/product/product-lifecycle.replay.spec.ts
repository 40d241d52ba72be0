import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundleOptions } from '@ocop/nest-common';

jest.setTimeout(120_000);

const HISTORIES_DIR = join(__dirname, '..', '..', 'test', 'histories');

/**
 * Replays stored histories of real runs (recorded by product-lifecycle.workflow.spec.ts with
 * RECORD_WORKFLOW_HISTORIES=1) against today's workflow code: a change that would break running
 * workflows (non-determinism) fails here, before it reaches a server full of parked products.
 */
describe('productLifecycle replays its recorded histories', () => {
  const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory({ ...workflowBundleOptions(), replayName: file }, history);
  });
});
