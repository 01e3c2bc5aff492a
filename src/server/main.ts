#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { buildApp } from './app.js';
import { openContext } from './bootstrap.js';
import { loadConfig } from './config.js';
import { SYSTEM_META } from './lib/audit/events.js';
import { addKeyToFile, retireOldKeysInFile } from './lib/crypto/keyring.js';
import { startCheckpoints } from './modules/audit/checkpoint-timer.js';
import { reportText } from './modules/audit/report-text.js';
import { checkAudit, checkpointAudit, recordVerification } from './modules/audit/service.js';
import { auditWarnings, warningText } from './modules/audit/warnings.js';
import { sweepExpiredSessions } from './modules/auth/service.js';
import { DEMO_PASSWORD, seedDemo, type DemoLogin } from './modules/demo/seed.js';
import { importOrg } from './modules/import/service.js';
import { countStaleKeys, rewrapAll } from './modules/keys/rotate.js';
import { createAccount } from './modules/users/service.js';

const SESSION_SWEEP_EVERY_MS = 10 * 60_000;

function printDemoLogins(logins: DemoLogin[]) {
  console.log('\n演示账号 Demo logins (password for all: %s)', DEMO_PASSWORD);
  for (const l of logins) console.log(`  ${l.username.padEnd(12)} ${l.role.padEnd(10)} ${l.who}`);
  console.log('  (people with past interviews: their employee no. in lower case, e.g. e100006)');
  console.log('');
}

const program = new Command()
  .name('miantan')
  .description('Miantan 面谈 — performance-conversation records')
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'serve the web app and API (migrates first; creates the demo organisation on first start)',
  )
  .option('--no-demo', 'do not create the demo organisation')
  .action(async (opts: { demo: boolean }) => {
    const config = loadConfig();
    const ctx = await openContext(config);
    if (opts.demo && config.demo) {
      const logins = await seedDemo(ctx, { history: true });
      if (logins) printDemoLogins(logins);
    }
    const users = await ctx.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (!users)
      console.log('No accounts yet: create the first administrator with `miantan create-admin`.');
    const app = await buildApp(ctx);
    for (const warning of auditWarnings(ctx)) console.warn(`Warning: ${warningText(warning)}`);
    const checkpoints = await startCheckpoints(ctx, app.log);
    const timer = setInterval(() => {
      sweepExpiredSessions(ctx).catch((err: unknown) =>
        app.log.error({ err }, 'session sweep failed'),
      );
    }, SESSION_SWEEP_EVERY_MS);
    const stop = async () => {
      clearInterval(timer);
      await app.close();
      await checkpoints
        .stop()
        .catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
      await ctx.db.close();
      process.exit(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    await app.listen({ host: config.host, port: config.port });
    const scheme = config.tlsCert ? 'https' : 'http';
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Miantan is running at ${scheme}://localhost:${port} (${ctx.db.dialect})`);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const ctx = await openContext(loadConfig());
    console.log('database is up to date');
    await ctx.db.close();
  });

program
  .command('seed-demo')
  .description('create the demo organisation and logins in an empty database')
  .action(async () => {
    const ctx = await openContext(loadConfig());
    const logins = await seedDemo(ctx, { history: true });
    if (logins) printDemoLogins(logins);
    else console.log('the database already has employees; nothing done');
    await ctx.db.close();
  });

program
  .command('create-admin')
  .description('create an administrator account (password from MIANTAN_ADMIN_PASSWORD or stdin)')
  .requiredOption('-u, --username <username>')
  .option('-n, --display-name <name>', 'shown name', 'Administrator')
  .action(async (opts: { username: string; displayName: string }) => {
    const password =
      process.env.MIANTAN_ADMIN_PASSWORD ?? fs.readFileSync(0, 'utf8').split('\n')[0]!;
    const ctx = await openContext(loadConfig());
    await ctx.db.kysely.transaction().execute((db) =>
      createAccount(db, SYSTEM_META, null, {
        username: opts.username,
        displayName: opts.displayName,
        password,
        roles: [{ role: 'admin', scopeKind: 'org' }],
      }),
    );
    console.log(`administrator ${opts.username} created`);
    await ctx.db.close();
  });

program
  .command('import <file>')
  .description('import regions, departments and employees from XLSX or CSV (all or nothing)')
  .action(async (file: string) => {
    const ctx = await openContext(loadConfig());
    try {
      const result = await importOrg(ctx, null, SYSTEM_META, fs.readFileSync(file), 'zh-CN', null);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await ctx.db.close();
    }
  });

program
  .command('verify')
  .description(
    "verify every link of the audit chain against its signed checkpoints (the database's, this server's file, and an exported copy); exits 1 on any problem",
  )
  .option('--checkpoints <file>', 'also check against checkpoints exported from the audit page')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { checkpoints?: string; json?: boolean }) => {
    const ctx = await openContext(loadConfig());
    try {
      const report = await checkAudit(ctx, opts.checkpoints && path.resolve(opts.checkpoints));
      // the report is out before anything is written
      console.log(opts.json ? JSON.stringify(report, null, 2) : reportText(report));
      if (!report.ok) process.exitCode = 1;
      const outcome = await recordVerification(ctx, SYSTEM_META, report);
      if (outcome?.kind === 'signed') console.error(`checkpoint #${outcome.checkpoint.seq} signed`);
      if (outcome?.kind === 'refused') {
        console.error(`no checkpoint signed: ${outcome.problem.detail}`);
        process.exitCode = 1;
      }
    } finally {
      await ctx.db.close();
    }
  });

program
  .command('rotate-key')
  .description('add a new master key, re-wrap every data key under it, then retire the old keys')
  .action(async () => {
    const config = loadConfig();
    if (config.masterKey) {
      throw new Error(
        'MIANTAN_MASTER_KEY is set: rotate by adding a key to its JSON form (see docs/security.md)',
      );
    }
    const ctx = await openContext(config);
    const keyring = addKeyToFile(config.dataDir);
    const report = await rewrapAll(ctx, keyring);
    const stale = await countStaleKeys(ctx, keyring);
    if (stale === 0) retireOldKeysInFile(config.dataDir);
    console.log(
      `active key ${keyring.activeId}; ${report.rewrapped} values re-wrapped; ${stale} still on old keys`,
    );
    for (const row of report.unreadable)
      console.log(`  unreadable (tampered or moved): ${row.table} ${row.id}`);
    if (report.unreadable.length > 0) process.exitCode = 1;
    await ctx.db.close();
  });

program
  .command('checkpoint')
  .description(
    'sign a checkpoint of the audit chain head now, once the chain since the last one proves',
  )
  .action(async () => {
    const ctx = await openContext(loadConfig());
    try {
      const outcome = await checkpointAudit(ctx);
      if (outcome.kind === 'signed') console.log(`checkpoint #${outcome.checkpoint.seq} signed`);
      if (outcome.kind === 'current') console.log('the head is already checkpointed');
      if (outcome.kind === 'refused') {
        console.error(
          `no checkpoint signed: the chain since the last checkpoint does not prove (${outcome.problem.detail}); run \`miantan verify\``,
        );
        process.exitCode = 1;
      }
    } finally {
      await ctx.db.close();
    }
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
