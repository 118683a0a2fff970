import { SfnError } from '#infra/local/sfn/sfn-error';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Applies `DefinitionSubstitutions` as CloudFormation does, and refuses to leave any `${...}` behind. */
export function substituteDefinition(text: string, substitutions: Record<string, string>): string {
  const unresolved = new Set<string>();
  const result = text.replace(PLACEHOLDER, (whole, key: string) => {
    if (Object.hasOwn(substitutions, key)) return substitutions[key];
    unresolved.add(key);
    return whole;
  });
  if (unresolved.size > 0) {
    const names = [...unresolved].map((key) => '${' + key + '}').join(', ');
    throw new SfnError('InvalidDefinition', `Unresolved definition substitutions: ${names}`);
  }
  return result;
}
