import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      const env = {
        ...installation.env,
        MIANTAN_SESSION_SWEEP_SECONDS: String(SWEEP_EVERY_S),
        LOG_LEVEL: 'info',
      };
      nodes = await Promise.all(
        [0, 1, 2].map(() => startNode({ dataDir: installation.dataDir, env })),
      );
      await new Promise((resolve) => setTimeout(resolve, 5 * SWEEP_EVERY_S * 1000));
      await Promise.all(nodes.map((n) => n.stop()));

      // every round a node runs is a line of its log
      const rounds = nodes
        .flatMap((n) => n.output().split('\n'))
        .filter((line) => line.includes('"msg":"housekeeping round"'))
        .map((line) => JSON.parse(line) as { time: number; job: string })
        .filter((r) => r.job === 'session-sweep')
        .map((r) => r.time)
        .sort((a, b) => a - b);
      // three nodes each sweeping would make about fifteen rounds, a few ms apart
      expect(rounds.length).toBeGreaterThanOrEqual(3);
      expect(rounds.length).toBeLessThanOrEqual(6);
      for (let i = 1; i < rounds.length; i++)
        expect(rounds[i]! - rounds[i - 1]!).toBeGreaterThan(SWEEP_EVERY_S * 1000 * 0.75);
    }, 120_000);
  });
}
