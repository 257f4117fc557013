import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('is safe by default: stack traces and internal messages only when development is asked for', () => {
    expect(loadConfig({}).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).production).toBe(false);
  });

  it('keeps the read cache and the technique-profile store on unless IPKG_READ_CACHE / IPKG_PROFILE_STORE turn them off', () => {
    expect(loadConfig({})).toMatchObject({ readCache: true, profileStore: true });
    expect(loadConfig({ IPKG_READ_CACHE: '', IPKG_PROFILE_STORE: '' })).toMatchObject({ readCache: true, profileStore: true });
    for (const off of ['off', 'OFF', '0', 'false', 'no']) {
      expect(loadConfig({ IPKG_READ_CACHE: off })).toMatchObject({ readCache: false, profileStore: true });
      expect(loadConfig({ IPKG_PROFILE_STORE: off })).toMatchObject({ readCache: true, profileStore: false });
    }
    for (const on of ['on', '1', 'true', 'yes'])
      expect(loadConfig({ IPKG_READ_CACHE: on, IPKG_PROFILE_STORE: on })).toMatchObject({ readCache: true, profileStore: true });
  });

  it('refuses a cache switch that is neither on nor off, rather than guessing', () => {
    expect(() => loadConfig({ IPKG_READ_CACHE: 'disabled' })).toThrow('IPKG_READ_CACHE must be true or false, got "disabled"');
    expect(() => loadConfig({ IPKG_PROFILE_STORE: 'nostore' })).toThrow('IPKG_PROFILE_STORE must be true or false, got "nostore"');
  });
});
