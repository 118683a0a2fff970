import type { SourcePart } from '#core/templates/template';

/** Something worth a look in a saved template; warnings never block a save. */
export interface TemplateWarning {
  kind: 'unknown-variable' | 'spelling';
  part: SourcePart;
  line: number;
  column: number;
  message: string;
  /** The variable path or the misspelled word. */
  text: string;
  suggestions?: string[];
}
