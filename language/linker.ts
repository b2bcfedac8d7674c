/**
 * Unresolved names in the user's words: "Unknown module 'zz'." with the closest name in scope,
 * instead of Langium's "Could not resolve reference to Module named 'zz'." (a type name of the AST).
 */
import { DefaultLinker, type LinkingError, type ReferenceInfo, type AstNodeDescription } from 'langium';
import { closestWord } from './suggestions.js';

/** The AST type a reference points at, as the language calls it. */
const WORDS: Readonly<Record<string, string>> = {
  TopologyNode: 'node',
  Topology: 'topology',
  Curve: 'curve',
  Placement: 'placement',
  Module: 'module',
  Worker: 'worker',
  Flow: 'flow',
};

export class NetScenarioLinker extends DefaultLinker {
  override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
    const error = super.createLinkingError(refInfo, targetDescription);
    const type = this.reflection.getReferenceType(refInfo);
    const name = refInfo.reference.$refText;
    const names = this.scopeProvider
      .getScope(refInfo)
      .getAllElements()
      .map((description) => description.name);
    const suggestion = closestWord(name, names);
    return { ...error, message: `Unknown ${WORDS[type] ?? type.toLowerCase()} '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}` };
  }
}
