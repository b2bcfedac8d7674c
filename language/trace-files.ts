/**
 * The trace files that `traffic from "load.csv"` clauses name. Validation and lowering are
 * synchronous, reading a file is not: every trace a document names is read (through the workspace's
 * FileSystemProvider, the language server's and the CLI's alike) just before the document is
 * validated, and kept per clause until the document is rebuilt. A path is relative to the folder of
 * the scenario that names it.
 *
 * When a trace file changes on disk, the documents that read it are validated again
 * (save-events.ts), and its hash is part of what a solve of such a document depends on
 * (signatureOf), so their results follow the file.
 */
import { AstUtils, URI, UriUtils, type FileSystemProvider, type LangiumDocument } from 'langium';
import { isTraffic, type Traffic } from './generated/ast.js';
import { parseTrace, type ParsedTrace } from './trace-csv.js';

export type TraceContent = ParsedTrace & {
  /** Where the file is: its message names it as written, this is for re-reading it. */
  readonly uri: string;
  /** Of the text, so a solve can tell that the file changed. */
  readonly hash: number;
};

/** What lowering needs: the rows read for a clause (undefined when the document was not validated). */
export type TraceLookup = (traffic: Traffic) => TraceContent | undefined;

export class TraceFiles {
  private readonly contents = new WeakMap<Traffic, TraceContent>();
  /** Scenario document URI -> the trace file URIs its last validation read. */
  private readonly readers = new Map<string, readonly string[]>();

  constructor(private readonly fileSystem: FileSystemProvider) {}

  /** Reads every trace file the document names; run before its validation. */
  async readAll(document: LangiumDocument): Promise<void> {
    const read: string[] = [];
    for (const traffic of AstUtils.streamAst(document.parseResult.value).filter(isTraffic)) {
      if (traffic.file === undefined) continue;
      const uri = UriUtils.resolvePath(UriUtils.dirname(document.uri), traffic.file);
      read.push(uri.toString());
      this.contents.set(traffic, await this.read(uri));
    }
    this.readers.set(document.uri.toString(), read);
  }

  readonly lookup: TraceLookup = (traffic) => this.contents.get(traffic);

  /** The scenario documents whose last validation read one of `changed`. */
  readersOf(changed: readonly URI[]): URI[] {
    const names = new Set(changed.map((uri) => uri.toString()));
    return [...this.readers].filter(([, traces]) => traces.some((trace) => names.has(trace))).map(([document]) => URI.parse(document));
  }

  /** The hashes of the traces the document's clauses hold now: equal signatures, same traces. */
  signatureOf(document: LangiumDocument): string {
    return AstUtils.streamAst(document.parseResult.value)
      .filter(isTraffic)
      .map((traffic) => this.contents.get(traffic)?.hash ?? '')
      .join(',');
  }

  forget(document: URI): void {
    this.readers.delete(document.toString());
  }

  private async read(uri: URI): Promise<TraceContent> {
    let text: string;
    try {
      text = await this.fileSystem.readFile(uri);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
      return { ok: false, line: 0, message: `cannot read it: ${reason}`, uri: uri.toString(), hash: 0 };
    }
    return { ...parseTrace(text), uri: uri.toString(), hash: fnv1a(text) };
  }
}

/** 32-bit FNV-1a: enough to notice that a file changed, not a security hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
