import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundleOptions } from '@ocop/nest-common';
import { HISTORIES_DIR } from '../test/record-history';

jest.setTimeout(120_000);


/**
 * Replays stored histories of real runs (recorded by the workflow specs with RECORD_WORKFLOW_HISTORIES=1) against today's workflow code: a change that would break running
 * workflows (non-determinism) fails here, before it reaches a server full of parked products.
 */
describe('the workflows replay their recorded histories', () => {
  const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory({ ...workflowBundleOptions(), replayName: file }, history);
  });
});
