import type { SourcePart } from '#core/templates/template';

/** Something worth a look in a saved template; warnings never block a save. */
export interface TemplateWarning {
  kind: 'unknown-variable' | 'unknown-custom-field' | 'spelling' | 'no-dictionary' | 'nested-loop';
  part: SourcePart;
  line: number;
  column: number;
  message: string;
  /** The variable path, the misspelled word, the locale without a dictionary, or the list looped over. */
  text: string;
  suggestions?: string[];
}
