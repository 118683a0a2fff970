import type { Entity } from '#core/records/entities';

export const TEMPLATE_KINDS = ['offer', 'contract', 'invoice', 'letter', 'other', 'email'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const BUILTIN_NAMES = ['offer', 'contract', 'invoice', 'letter'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export interface Paper {
  size: (typeof PAPER_SIZES)[number];
  orientation: 'portrait' | 'landscape';
  /** CSS lengths, e.g. `20mm`. */
  margins: { top: string; right: string; bottom: string; left: string };
}

export const DEFAULT_PAPER: Paper = {
  size: 'A4',
  orientation: 'portrait',
  margins: { top: '22mm', right: '18mm', bottom: '22mm', left: '18mm' },
};

/** What a template renders: the parts a tenant writes. Every save of them is a new immutable version. */
export interface TemplateContent {
  name: string;
  kind: TemplateKind;
  entity: Entity;
  /** Handlebars HTML (for `email`: the message body). */
  body: string;
  css: string;
  /** Handlebars HTML printed on every page; Chromium's `pageNumber` / `totalPages` classes work here. */
  header: string;
  footer: string;
  /** Email templates only. */
  subject: string;
  paper: Paper;
  /** BCP 47, e.g. `en-US`, `de-DE`: number, money and date formats and the spelling dictionary. */
  locale: string;
  sequenceId: string | null;
  /**
   * Handlebars over the document's data naming the file the customer gets (`Arve {{document.number}}.pdf`):
   * the stored document, the download and the email attachment. Null or absent: `<name> <number>.pdf`.
   */
  fileName?: string | null;
}

export interface Template extends TemplateContent {
  id: string;
  tenantId: string;
  /** The latest version number; also the ETag. */
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface TemplateVersion extends TemplateContent {
  templateId: string;
  version: number;
  createdAt: string;
  createdBy: string;
}

/** The Handlebars parts of a template, by the field name a client sends them in. */
export const SOURCE_PARTS = ['body', 'header', 'footer', 'subject'] as const;
export type SourcePart = (typeof SOURCE_PARTS)[number];

export const versionOf = (t: Template, by: string, at: string): TemplateVersion => ({
  templateId: t.id,
  version: t.version,
  name: t.name,
  kind: t.kind,
  entity: t.entity,
  body: t.body,
  css: t.css,
  header: t.header,
  footer: t.footer,
  subject: t.subject,
  paper: t.paper,
  locale: t.locale,
  sequenceId: t.sequenceId,
  fileName: t.fileName ?? null,
  createdAt: at,
  createdBy: by,
});
