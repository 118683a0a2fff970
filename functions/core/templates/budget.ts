import { TemplateTooExpensive, type TemplatePart } from '#core/templates/too-expensive';

/** Bounds on the Handlebars stage of one render (all parts together). */
export interface HtmlLimits {
  /** Output cap (RENDER_MAX_BYTES), counted in characters while rendering; the bytes are checked after. */
  maxBytes: number;
  /** RENDER_HTML_MS: wall time for the whole HTML, separate from Chromium's RENDER_TIMEOUT_MS. */
  timeMs: number;
}

/** `each` and `with` iterations per render: three nested loops over 50 lines are 125,000. */
export const MAX_ITERATIONS = 100_000;

/**
 * Counted by the budgeted `each`/`with` (engine.ts) at every iteration, so a template that would
 * loop for minutes or build gigabytes stops within its budget instead of after it. Output is what
 * iterations add: an iteration's own characters, not those of the loops nested in it (counted there).
 */
export class RenderBudget {
  part: TemplatePart = 'body';
  /** Where the client named the template, when that is not the part itself (a send's `templateId`). */
  path?: string;
  private iterations = 0;
  private chars = 0;
  private readonly nested: number[] = [];
  private readonly until: number;

  constructor(
    readonly limits: HtmlLimits,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.until = clock() + limits.timeMs;
  }

  enter(): void {
    if (++this.iterations > MAX_ITERATIONS)
      throw new TemplateTooExpensive(
        this.part,
        'iterations',
        `The template's ${this.part} runs more than ${MAX_ITERATIONS} each/with iterations; nest fewer loops over long lists.`,
        this.path,
      );
    this.checkTime();
    this.nested.push(0);
  }

  leave(output: string): void {
    const inner = this.nested.pop() ?? 0;
    this.chars += output.length - inner;
    if (this.nested.length) this.nested[this.nested.length - 1] += output.length;
    if (this.chars > this.limits.maxBytes)
      throw new TemplateTooExpensive(
        this.part,
        'output',
        `The template's ${this.part} makes more than the ${this.limits.maxBytes}-byte output cap.`,
        this.path,
      );
  }

  checkTime(): void {
    if (this.clock() > this.until) throw timeBudget(this.part, this.limits.timeMs, this.path);
  }
}

export const timeBudget = (part: TemplatePart, ms: number, path?: string) =>
  new TemplateTooExpensive(part, 'time', `The template's ${part} took longer than ${ms} ms to fill in.`, path);
