import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_PASSWORD } from './tests/support';

// Starts the damson server that `scripts/test` built, on a free port with a fresh data directory,
// and hands its address to the tests. The returned function stops it.
export default async function globalSetup(): Promise<() => void> {
  const root = resolve(__dirname, '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'damson-e2e-'));
  // damson writes the address it serves on here once it does.
  const addressFile = join(dataDir, 'address');
  const server = spawn(join(root, 'target/debug/damson'), [], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DAMSON_DATA_DIR: dataDir,
      LEPTOS_SITE_ADDR: '127.0.0.1:0',
      DAMSON_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DAMSON_ADDRESS_FILE: addressFile,
      // Not the default, so that a page showing 128 MB has not asked the server.
      DAMSON_MAX_UPLOAD_MB: '64',
      // The webhooks test's receiver listens on 127.0.0.1, which damson refuses by default.
      DAMSON_WEBHOOK_PRIVATE_TARGETS: 'true',
      RUST_LOG: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The server's log, for reading after a failure.
  const logFile = join(__dirname, 'test-results', 'server.log');
  mkdirSync(join(__dirname, 'test-results'), { recursive: true });
  writeFileSync(logFile, '');
  let log = '';
  server.stdout.on('data', (chunk: Buffer) => {
    appendFileSync(logFile, chunk);
    log += chunk.toString();
  });
  const address = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`damson did not serve within 60 s:\n${log}`)), 60_000);
    const told = setInterval(() => {
      if (existsSync(addressFile)) {
        clearTimeout(timer);
        clearInterval(told);
        done(readFileSync(addressFile, 'utf8').trim());
      }
    }, 50);
    server.on('exit', (code) => {
      clearInterval(told);
      fail(new Error(`damson exited with ${code} before serving:\n${log}`));
    });
  });
  // Wait until it answers, as a browser would need.
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await fetch(`${address}/healthz`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.DAMSON_URL = address;
  return () => {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
