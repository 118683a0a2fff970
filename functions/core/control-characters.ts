/**
 * The control characters a one-line text (a name, a subject) must not hold: C0 (U+0000–U+001F),
 * DEL and C1 (U+0080–U+009F). C1 counts too: NEL (U+0085) breaks lines in mail readers, terminals
 * and some CSV readers, and no printable text needs any of them.
 */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** A zod `regex` for one-line texts (the pattern shows in OpenAPI, as every field's does). */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;
export const NO_CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters (U+0000–U+001F, U+007F–U+009F)';
