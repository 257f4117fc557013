/** Command-line flags of the benchmark programs: `--name value`, `--name=value`, or `--name` alone ('true'). */
export function flag(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true';
}

/** A numeric flag or environment value, or the fallback when absent. */
export const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));
