import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { DIALECTS } from './harness.js';
import { newInstallation, startNode, type Installation, type NodeProcess } from './nodes.js';

const SWEEP_EVERY_S = 2;

for (const dialect of DIALECTS) {
  describe(`housekeeping across nodes (${dialect})`, () => {
    let installation: Installation;
    let nodes: NodeProcess[] = [];
    beforeAll(async () => {
      installation = await newInstallation(dialect);
    });
    afterAll(async () => {
      await Promise.all(nodes.map((n) => n.stop()));
      await installation.drop();
    });

    it('three nodes sweep expired sessions once a round, not once each', async () => {
      const env = { ...installation.env, MIANTAN_SESSION_SWEEP_SECONDS: String(SWEEP_EVERY_S) };
      nodes = await Promise.all(
        [0, 1, 2].map(() => startNode({ dataDir: installation.dataDir, env })),
      );
      await new Promise((resolve) => setTimeout(resolve, 5 * SWEEP_EVERY_S * 1000));
      await Promise.all(nodes.map((n) => n.stop()));

      const ctx = await openContext(loadConfig(installation.env), { node: false });
      const sweeps = await ctx.db.kysely
        .selectFrom('audit_log')
        .select('at')
        .where('action', '=', 'sessions.swept')
        .orderBy('seq')
        .execute();
      await ctx.db.close();
      // three nodes each sweeping would leave about fifteen, with rounds a few ms apart
      expect(sweeps.length).toBeGreaterThanOrEqual(3);
      expect(sweeps.length).toBeLessThanOrEqual(6);
      const times = sweeps.map((s) => Date.parse(s.at));
      for (let i = 1; i < times.length; i++)
        expect(times[i]! - times[i - 1]!).toBeGreaterThan(SWEEP_EVERY_S * 1000 * 0.75);
    }, 120_000);
  });
}
