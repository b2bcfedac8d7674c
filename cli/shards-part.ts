/**
 * The part file of a shard (`nsc study FILE -o PART.json`): the study's identity (nsc version, the
 * file's hash, each study's name, cells and the hash of its model, the shard) and the outcomes of
 * every slice done so far, one line each. It is rewritten after every slice, atomically (a temporary
 * file, flushed, then renamed over it): a run killed at any moment leaves the last complete version,
 * and a new run with the same -o goes on from there. docs/schema/study-part.schema.json describes it.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { CellOutcome, StudyCellKey, StudyOutline, StudySlice } from '../engine/placement/study.js';
import type { SpreadOver, StudySpec, TieBreak } from '../engine/placement/model.js';
import type { Shard } from './shards.js';
import { shardLabel, shardSlices } from './shards.js';
import { readFailure, type CliDiagnostic } from './workspace.js';

export const PART_FORMAT = 'nsc-study-part/1';

/** A slice with its outcomes. */
export interface DoneSlice extends StudySlice {
  readonly outcomes: readonly CellOutcome[];
}

export interface PartStudy extends StudyOutline {
  /** sha256 of the study's model: equal hashes, equal sweeps. */
  readonly specHash: string;
}

/** What a part belongs to: two parts merge only when all of it but the shard index is equal. */
export interface PartIdentity {
  readonly nsc: string;
  /** The study file as named on the command line. */
  readonly file: string;
  /** sha256 of the file's bytes. */
  readonly fileHash: string;
  readonly shard: Shard;
  readonly studies: readonly PartStudy[];
}

export interface Part extends PartIdentity {
  /** The file's diagnostics (warnings), for the merged document. */
  readonly diagnostics: readonly CliDiagnostic[];
  /** Per study (same order), the slices done. */
  readonly done: readonly (readonly DoneSlice[])[];
}

export const sha256 = (data: string | Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export const specHash = (spec: StudySpec) => sha256(JSON.stringify(spec));

/** A part file that cannot be used; the message names the file and says why. */
export class PartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartError';
  }
}

const encodeOutcome = (o: CellOutcome) => (o === undefined ? null : [o.aifs, o.maxRoundTime, o.accelerated]);
const sliceKey = (s: StudySlice) => `${s.instance}:${s.firstCell}:${s.endCell}`;

/**
 * A part being written: holds the serialised line of every slice done, so that writing the file
 * after each slice is a concatenation, not a new serialisation of everything.
 */
export class PartWriter {
  private readonly lines: string[][];
  private readonly doneKeys: Set<string>[];

  constructor(
    private readonly path: string,
    private readonly header: Omit<Part, 'done'>,
    /** Per study (in header order), the slices of the shard. */
    private readonly planned: readonly (readonly StudySlice[])[],
    done: readonly (readonly DoneSlice[])[],
  ) {
    this.lines = done.map((slices) => slices.map(doneLine));
    this.doneKeys = done.map((slices) => new Set(slices.map(sliceKey)));
  }

  /** Per study, the planned slices not done yet. */
  remaining(study: number): StudySlice[] {
    return this.planned[study].filter((slice) => !this.doneKeys[study].has(sliceKey(slice)));
  }

  doneCount(study: number): number {
    return this.lines[study].length;
  }

  get complete(): boolean {
    return this.lines.every((lines, s) => lines.length === this.planned[s].length);
  }

  /** Adds a slice's outcomes and rewrites the file. */
  record(study: number, slice: StudySlice, outcomes: readonly CellOutcome[]): void {
    this.lines[study].push(doneLine({ ...slice, outcomes }));
    this.doneKeys[study].add(sliceKey(slice));
    this.write();
  }

  /** Writes the file as it stands (atomically). */
  write(): void {
    const { nsc, file, fileHash, shard, diagnostics } = this.header;
    const head = JSON.stringify({ format: PART_FORMAT, nsc, file, fileHash, shard, complete: this.complete, diagnostics });
    const studies = this.header.studies.map((study, s) => {
      // The study's fields, then its done slices one per line (its `{...}` opened again to append "done").
      const fields = JSON.stringify(study).slice(0, -1);
      return `${fields},"done":[${this.lines[s].length > 0 ? `\n${this.lines[s].join(',\n')}\n` : ''}]}`;
    });
    writeAtomically(this.path, `${head.slice(0, -1)},"studies":[\n${studies.join(',\n')}\n]}\n`);
  }
}

/**
 * The writer of the part at `path` for this run: empty, or — when the file is there from an
 * interrupted run of the same shard — with its slices done. Writes the file at once, so that a
 * path that cannot be written fails before any work. Throws PartError when the file holds
 * something else (another shard, study or version of the file), to never overwrite it.
 */
export function openPart(path: string, header: Omit<Part, 'done'>, planned: readonly (readonly StudySlice[])[]): PartWriter {
  const existing = readPart(path);
  let done: (readonly DoneSlice[])[] = planned.map(() => []);
  if (existing !== undefined) {
    const difference =
      identityDifference(existing, path, header, 'this run') ??
      (existing.shard.index !== header.shard.index ? `${path} holds shard ${shardLabel(existing.shard)}, this run is shard ${shardLabel(header.shard)}` : undefined);
    if (difference !== undefined) throw new PartError(`${difference}: delete ${path} to start over, or name another -o file`);
    done = [...existing.done];
  }
  const writer = new PartWriter(path, header, planned, done);
  writer.write();
  return writer;
}

/**
 * Why two parts are not parts of the same run (the shard index aside), in words naming them;
 * undefined when they are.
 */
export function identityDifference(a: PartIdentity, aName: string, b: PartIdentity, bName: string): string | undefined {
  if (a.nsc !== b.nsc) return `${aName} was written by nsc ${a.nsc}, ${bName} by nsc ${b.nsc}`;
  if (a.fileHash !== b.fileHash) return `${aName} and ${bName} are for different contents of the study file (${a.file}${a.file === b.file ? '' : `, ${b.file}`})`;
  if (a.shard.count !== b.shard.count) return `${aName} is one of ${a.shard.count} shards, ${bName} one of ${b.shard.count}`;
  const names = (p: PartIdentity) => p.studies.map((s) => s.name).join(', ');
  if (names(a) !== names(b)) return `${aName} holds the studies ${names(a)}, ${bName} ${names(b)}`;
  const changed = a.studies.find((s, i) => s.specHash !== b.studies[i].specHash);
  if (changed) return `study ${changed.name} differs between ${aName} and ${bName} (its placement, topology or a file it references changed)`;
  return undefined;
}

function doneLine(slice: DoneSlice): string {
  return JSON.stringify({ instance: slice.instance, firstCell: slice.firstCell, outcomes: slice.outcomes.map(encodeOutcome) });
}

/** Writes to a temporary file beside `path`, flushes it to disk, then renames it over `path`. */
export function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new PartError(`cannot write ${path}: ${writeFailure(error as NodeJS.ErrnoException)}`);
  }
}

const WRITE_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a folder on its path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

const writeFailure = (error: NodeJS.ErrnoException) => (error.code && WRITE_FAILURES[error.code]) ?? error.message;

/** Reads and checks a part file; undefined when it does not exist. Throws PartError when it is not a usable part. */
export function readPart(path: string): Part | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const failure = error as NodeJS.ErrnoException;
    throw new PartError(`cannot read ${path}: ${failure.code === 'EISDIR' ? 'it is a folder' : readFailure(failure)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PartError(`${path} is not a part file of nsc study: it is not JSON (${(error as Error).message})`);
  }
  if (!isRecord(json) || json.format !== PART_FORMAT) throw new PartError(`${path} is not a part file of nsc study (its "format" is not "${PART_FORMAT}")`);
  try {
    return parsePart(json);
  } catch (error) {
    throw new PartError(`${path} is a damaged part file: ${(error as Error).message}`);
  }
}

/** Like readPart, for a file that must be there. */
export function requiredPart(path: string): Part {
  const part = readPart(path);
  if (part === undefined) throw new PartError(`cannot read ${path}: no such file`);
  return part;
}

// ------------------------------------------------------------------------------------- checking

type JsonRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(record: JsonRecord, name: string, check: (value: unknown) => value is T, what: string): T {
  const value = record[name];
  if (!check(value)) throw new Error(`"${name}" must be ${what}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

function parsePart(json: JsonRecord): Part {
  const shardJson = field(json, 'shard', isRecord, 'an object');
  const shard = { index: field(shardJson, 'index', isCount, 'a whole number'), count: field(shardJson, 'count', isCount, 'a whole number') };
  if (shard.index < 1 || shard.index > shard.count) throw new Error(`"shard" ${shardLabel(shard)} is not one of 1..${shard.count}`);
  const studiesJson = field(json, 'studies', isArray, 'a list');
  const studies = studiesJson.map((s, i) => {
    if (!isRecord(s)) throw new Error(`studies[${i}] must be an object`);
    return parseStudy(s, shard);
  });
  return {
    nsc: field(json, 'nsc', isString, 'a version'),
    file: field(json, 'file', isString, 'a path'),
    fileHash: field(json, 'fileHash', isString, 'a hash'),
    shard,
    diagnostics: field(json, 'diagnostics', isArray, 'a list') as CliDiagnostic[],
    studies: studies.map((s) => s.study),
    done: studies.map((s) => s.done),
  };
}

function parseStudy(json: JsonRecord, shard: Shard): { study: PartStudy; done: DoneSlice[] } {
  const name = field(json, 'name', isString, 'a name');
  const cellsJson = field(json, 'cells', isArray, 'a list');
  const cells = cellsJson.map((c, i) => {
    if (!isRecord(c)) throw new Error(`study ${name}: cells[${i}] must be an object`);
    return parseCellKey(c);
  });
  const study: PartStudy = {
    name,
    placement: field(json, 'placement', isString, 'a name'),
    instances: field(json, 'instances', isCount, 'a whole number'),
    cells,
    specHash: field(json, 'specHash', isString, 'a hash'),
  };
  const done = field(json, 'done', isArray, 'a list').map((d, i) => {
    if (!isRecord(d)) throw new Error(`study ${name}: done[${i}] must be an object`);
    return parseDoneSlice(d, `study ${name}: done[${i}]`);
  });
  // Only the shard's own slices, each once: then the parts of all shards never overlap.
  const planned = new Set(shardSlices(cells.length, study.instances, shard).map(sliceKey));
  for (const slice of done) {
    if (!planned.delete(sliceKey(slice)))
      throw new Error(`study ${name}: instance ${slice.instance}, cells ${slice.firstCell}..${slice.endCell - 1} are not, or not once, in shard ${shardLabel(shard)}`);
  }
  return { study, done };
}

function parseCellKey(json: JsonRecord): StudyCellKey {
  const objective = json.objective;
  if (objective !== 'min-aifs' && objective !== 'balanced' && objective !== 'baseline') throw new Error(`unknown objective ${JSON.stringify(objective)}`);
  const reading =
    objective === 'balanced'
      ? {
          aifWeight: field(json, 'aifWeight', isNonNegative, 'a number'),
          spreadWeight: field(json, 'spreadWeight', isNonNegative, 'a number'),
          spreadOver: field(json, 'spreadOver', (v): v is SpreadOver => v === 'aifs' || v === 'all-nodes', 'aifs or all-nodes'),
        }
      : { tieBreak: field(json, 'tieBreak', (v): v is TieBreak => v === 'fastest-round' || v === 'fewest-accelerators', 'fastest-round or fewest-accelerators') };
  return { objective, ...reading, target: field(json, 'target', isNonNegative, 'a number'), rounds: field(json, 'rounds', isCount, 'a whole number') };
}

function parseDoneSlice(json: JsonRecord, where: string): DoneSlice {
  const instance = field(json, 'instance', isCount, 'a whole number');
  const firstCell = field(json, 'firstCell', isCount, 'a whole number');
  const outcomes = field(json, 'outcomes', isArray, 'a list').map((o): CellOutcome => {
    if (o === null) return undefined;
    if (!Array.isArray(o) || o.length !== 3 || !isCount(o[0]) || !isNonNegative(o[1]) || !isCount(o[2]))
      throw new Error(`${where}: an outcome must be null or [aifs, maxRoundTime, accelerated]`);
    return { aifs: o[0], maxRoundTime: o[1], accelerated: o[2] };
  });
  return { instance, firstCell, endCell: firstCell + outcomes.length, outcomes };
}
