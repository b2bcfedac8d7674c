/** Test helpers: a fresh, connection-less language service and documents built from text. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import { EmptyFileSystemProvider, type LangiumDocument } from 'langium';
import { createNetScenarioServices } from '../../language/netscenario-module.js';
import type { Scenario } from '../../language/generated/ast.js';
import { lowerScenario, type LoweredScenario } from '../../language/lowering.js';
import { loweringContext } from '../../language/lowering-context.js';

/** Files other than scenarios (trace CSVs), by path under /ws/, as the services' file system holds them. */
export type OtherFiles = Readonly<Record<string, string>>;

class MemoryFileSystem extends EmptyFileSystemProvider {
  constructor(private readonly files: OtherFiles) {
    super();
  }

  override readFile(uri?: URI): Promise<string> {
    const text = uri && uri.path.startsWith('/ws/') ? this.files[uri.path.slice('/ws/'.length)] : undefined;
    return text === undefined ? Promise.reject(Object.assign(new Error(`no file ${uri?.path}`), { code: 'ENOENT' })) : Promise.resolve(text);
  }
}

export function createServices(otherFiles: OtherFiles = {}) {
  return createNetScenarioServices({ fileSystemProvider: () => new MemoryFileSystem(otherFiles) }).NetScenario;
}

type Services = ReturnType<typeof createServices>;

/** Builds (parses, links, validates) the given files together as one workspace. */
export async function buildWorkspace(services: Services, files: Record<string, string>): Promise<Map<string, LangiumDocument<Scenario>>> {
  const documents = new Map<string, LangiumDocument<Scenario>>();
  const factory = services.shared.workspace.LangiumDocumentFactory;
  for (const [name, text] of Object.entries(files)) {
    const document = factory.fromString<Scenario>(text, URI.file(`/ws/${name}`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    documents.set(name, document);
  }
  await services.shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });
  return documents;
}

export async function validate(text: string, others: Record<string, string> = {}, otherFiles: OtherFiles = {}) {
  const services = createServices(otherFiles);
  const documents = await buildWorkspace(services, { 'main.nsc': text, ...others });
  const document = documents.get('main.nsc')!;
  return { document, diagnostics: document.diagnostics ?? [], services };
}

/** The lowered models of a document that must lower (a valid example); fails with the problems otherwise. */
export function lowered(document: LangiumDocument<Scenario>, services: Services): LoweredScenario {
  const lowering = lowerScenario(document.parseResult.value, loweringContext(services));
  if (!lowering.ok) throw new Error(`expected ${document.uri.path} to lower: ${lowering.problems.map((p) => p.message).join('; ')}`);
  return lowering.scenario;
}

/** examples/: its scenarios by file name, and the other files (trace files) they read. */
export function exampleFiles(): { readonly scenarios: Record<string, string>; readonly otherFiles: OtherFiles } {
  const folder = join(import.meta.dirname, '../../examples');
  const read = (keep: (name: string) => boolean) =>
    Object.fromEntries(
      readdirSync(folder)
        .filter(keep)
        .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
    );
  return { scenarios: read((name) => name.endsWith('.nsc')), otherFiles: read((name) => !name.endsWith('.nsc')) };
}
