// Which extractor reads a file, by its content type and, when that is generic, its name. Anything
// else (images, archives, audio) has no text here: it is found by its name and tags, and says
// `textStatus: "none"`. Scanned images are where OCR will plug in (a new kind here, its extractor
// beside the others in store/search/extract/).

export const TEXT_KINDS = ['pdf', 'docx', 'odt', 'xlsx', 'ods', 'plain', 'html', 'eml'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

const BY_TYPE: Record<string, TextKind> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/plain': 'plain',
  'text/markdown': 'plain',
  'text/csv': 'plain',
  'text/html': 'html',
  'message/rfc822': 'eml',
};

const BY_EXTENSION: Record<string, TextKind> = {
  pdf: 'pdf',
  docx: 'docx',
  odt: 'odt',
  xlsx: 'xlsx',
  ods: 'ods',
  txt: 'plain',
  md: 'plain',
  markdown: 'plain',
  csv: 'plain',
  html: 'html',
  htm: 'html',
  eml: 'eml',
};

export function textKind(contentType: string, fileName: string): TextKind | undefined {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const byType = BY_TYPE[type];
  if (byType) return byType;
  if (type !== 'application/octet-stream' && type !== '') return undefined;
  return BY_EXTENSION[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''];
}
