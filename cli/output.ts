/**
 * Results go to stdout through here, so that main can tell whether a command already printed its
 * result before it failed: `--json` must print exactly one JSON document, also on errors.
 */
let written = false;

export function writeOut(text: string): void {
  written = true;
  process.stdout.write(text);
}

export function writeJson(document: unknown): void {
  writeOut(`${JSON.stringify(document, null, 2)}\n`);
}

export const hasWrittenOut = () => written;
