import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the embedded Neo4j launcher', () => {
  it('without Java, says what to install or which alternative to use', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'ipkg-nojava-'));
    const r = spawnSync(process.execPath, ['bin/ipkg.js', 'neo4j-fetch'], { env: { ...process.env, PATH: emptyPath }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('needs Java 17');
    expect(r.stderr).toContain('docker compose up');
    expect(r.stderr).toContain('NEO4J_URI');
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
