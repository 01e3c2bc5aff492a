#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { buildApp } from './app.js';
import { startHousekeeping } from './housekeeping.js';
import { openContext } from './bootstrap.js';
import { loadConfig } from './config.js';
import { SYSTEM_META } from './lib/audit/events.js';
import { openCheckpointStore } from './lib/audit/checkpoints.js';
import { retiredFileOf, rotateSealKey } from './lib/seal/keys.js';
import { BackupProblem, neededKeys } from './modules/backup/check.js';
import { createBackup, newestBackupFile, verifyBackup } from './modules/backup/jobs.js';
import { backupKeyring, restoreBackup } from './modules/backup/restore.js';
import { backupsBesideData } from './modules/backup/service.js';
import { startCheckpoints } from './modules/audit/checkpoint-timer.js';
import { reportText } from './modules/audit/report-text.js';
import { checkAudit, checkpointAudit, recordVerification } from './modules/audit/service.js';
import { auditWarnings, warningText } from './modules/audit/warnings.js';
import { DEMO_PASSWORD, seedDemo, type DemoLogin } from './modules/demo/seed.js';
import { importOrg } from './modules/import/service.js';
import { rotateMasterKey, RotationRefused } from './modules/keys/rotate.js';
import { createAccount } from './modules/users/service.js';
import { signatureReportText, verifySignatures } from './modules/signatures/verify.js';
import { AppError } from '../core/errors.js';

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
      const logins = await seedDemo(ctx, { history: true, everyone: true });
      if (logins) printDemoLogins(logins);
    }
    const users = await ctx.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (!users)
      console.log('No accounts yet: create the first administrator with `miantan create-admin`.');
    if (backupsBesideData(config))
      console.warn(
        `Backups go to ${config.backupDir}, on the same disk as the database and its keys: that is not a backup. Set MIANTAN_BACKUP_DIR to another disk or host.`,
      );
    const app = await buildApp(ctx);
    for (const warning of auditWarnings(ctx)) console.warn(`Warning: ${warningText(warning)}`);
    // first: a node with another audit key than the log's stops here, before it writes anything
    const checkpoints = await startCheckpoints(ctx, app.log);
    const housekeeping = startHousekeeping(ctx, app.log);
    const stop = async () => {
      await housekeeping.stop();
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
    const logins = await seedDemo(ctx, { history: true, everyone: true });
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
  .command('verify-record <id>')
  .description(
    "verify one interview record's signatures: the record hash each signer signed, every signature against its signer's public key; exits 1 on any failure",
  )
  .option('--json', 'print the report as JSON')
  .action(async (id: string, opts: { json?: boolean }) => {
    const ctx = await openContext(loadConfig());
    try {
      const report = await verifySignatures({ ctx, db: ctx.db.kysely }, id);
      console.log(opts.json ? JSON.stringify(report, null, 2) : signatureReportText(report));
      if (!report.ok) process.exitCode = 1;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      console.error(`no record ${id}`);
      process.exitCode = 1;
    } finally {
      await ctx.db.close();
    }
  });

program
  .command('backup')
  .description(
    'back up the database now, while it serves (encrypted under the master key); with --verify, check a backup instead',
  )
  .argument('[file]', 'with --verify: the backup file (.mtbk) to check; the newest when left out')
  .option('--dir <dir>', 'where to write the backup (default: MIANTAN_BACKUP_DIR)')
  .option(
    '--verify',
    'restore a backup into a scratch place and check it: integrity, rows, audit chain, decryption',
  )
  .option('--key-file <file>', 'a key file with master keys the key store no longer holds')
  .action(
    async (
      file: string | undefined,
      opts: { dir?: string; verify?: boolean; keyFile?: string },
    ) => {
      const config = loadConfig();
      if (opts.dir) config.backupDir = path.resolve(opts.dir);
      if (file && !opts.verify) throw new Error('a file is given only with --verify');
      const ctx = await openContext(config);
      try {
        if (!opts.verify) {
          const m = await createBackup(ctx);
          const rows = Object.values(m.rows).reduce((a, b) => a + b, 0);
          console.log(`backup ${m.name} written to ${config.backupDir}`);
          console.log(
            `  ${m.file.bytes} bytes, ${rows} rows in ${Object.keys(m.rows).length} tables, audit log up to entry ${m.auditHead.seq}`,
          );
          console.log(`  restoring it needs master key ${neededKeys(m).join(', ')}`);
          return;
        }
        const target = file ?? newestBackupFile(config);
        if (!target) throw new Error(`no backup in ${config.backupDir}`);
        const keyring = backupKeyring(config, opts.keyFile ?? null);
        const report = await verifyBackup(ctx, path.resolve(target), keyring);
        if (report.facts) {
          const f = report.facts;
          console.log(
            `backup ${report.name}: ok (restored into a scratch database: integrity ok, ${f.rows} rows as in the manifest, audit chain of ${f.auditEntries} entries verified, ${f.decrypted} encrypted values decrypted)`,
          );
        } else {
          console.log(
            `backup ${report.name}: FAILED (${report.problem!.check}): ${report.problem!.detail}`,
          );
          process.exitCode = 1;
        }
      } finally {
        await ctx.db.close();
      }
    },
  );

program
  .command('restore <file>')
  .description(
    'restore a backup into a new data directory (SQLite) or an empty database (PostgreSQL)',
  )
  .option('--to-data-dir <dir>', 'a data directory that does not exist yet or is empty')
  .option('--to-database <url>', 'an empty PostgreSQL database (postgres://…)')
  .option('--key-file <file>', 'a key file with master keys the key store no longer holds')
  .action(
    async (file: string, opts: { toDataDir?: string; toDatabase?: string; keyFile?: string }) => {
      if (Boolean(opts.toDataDir) === Boolean(opts.toDatabase))
        throw new Error('give one target: --to-data-dir DIR or --to-database URL');
      const config = loadConfig();
      const target = opts.toDataDir
        ? { dataDir: path.resolve(opts.toDataDir) }
        : { databaseUrl: opts.toDatabase! };
      try {
        const {
          manifest,
          facts,
          neededKeys: keys,
        } = await restoreBackup(
          path.resolve(file),
          target,
          backupKeyring(config, opts.keyFile ?? null),
          openCheckpointStore(config.checkpointDir, config.auditSigningKey),
        );
        console.log(
          `restored ${manifest.name} (taken ${manifest.createdAt}) into ${opts.toDataDir ?? 'the database'}: ${facts.rows} rows, audit chain of ${facts.auditEntries} entries verified, ${facts.decrypted} encrypted values decrypted`,
        );
        console.log(
          `  start it with master key ${keys.join(', ')} (the key file master.keys in its data directory, or MIANTAN_MASTER_KEY) and the audit signing key of the instance it came from (MIANTAN_AUDIT_SIGNING_KEY, or audit-signing.pem in its checkpoint directory); then run \`miantan verify\``,
        );
      } catch (err) {
        if (!(err instanceof BackupProblem)) throw err;
        throw new Error(`restore refused (${err.check}): ${err.message}`);
      }
    },
  );

program
  .command('rotate-key')
  .description(
    'add a new master key, wait until every running node holds it, make it active, move every value to it, then retire the old keys',
  )
  .option('--reencrypt', 're-encrypt the data under fresh data keys, not only re-wrap the keys')
  .option('--wait <seconds>', 'how long to wait for the nodes at each step', '120')
  .action(async (opts: { reencrypt?: boolean; wait: string }) => {
    const config = loadConfig();
    if (config.masterKey) {
      throw new Error(
        'MIANTAN_MASTER_KEY is set: rotate by adding a key to its JSON form (see docs/security.md)',
      );
    }
    const ctx = await openContext(config, { node: false });
    try {
      const result = await rotateMasterKey(ctx, {
        keyFile: config.keyFile,
        reencrypt: opts.reencrypt === true,
        waitMs: Number(opts.wait) * 1000,
        log: (line) => console.log(line),
      });
      console.log(
        `active key ${result.activeKey}; ${result.changed} values ${opts.reencrypt ? 're-encrypted' : 're-wrapped'}; retired: ${result.retired.join(', ') || 'none'}`,
      );
      if (result.retired.length > 0)
        console.log(
          `the retired keys were appended to ${config.keyFile}.retired: backups taken before now need them; move that file to offline storage`,
        );
      for (const row of result.unreadable)
        console.log(`  unreadable (tampered or moved): ${row.table} ${row.id}`);
      if (result.unreadable.length > 0) process.exitCode = 1;
    } catch (err) {
      if (!(err instanceof RotationRefused)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    } finally {
      await ctx.db.close();
    }
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

program
  .command('rotate-seal-key')
  .description(
    'make a new platform seal key; the old public key joins the .retired file beside it, so earlier seals still verify (restart every node afterwards)',
  )
  .action(() => {
    const config = loadConfig();
    const { retired, current } = rotateSealKey(config.sealKeyFile);
    console.log(
      `seal key ${retired} retired (its public key is in ${retiredFileOf(config.sealKeyFile)}); new seal key ${current} in ${config.sealKeyFile}. Restart every node, and back up both files.`,
    );
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
