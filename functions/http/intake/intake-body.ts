import { isUtf8 } from 'node:buffer';
import busboy from 'busboy';
import { DomainError } from '#core/errors';

// Form intake takes what web forms and form services send: JSON, urlencoded and multipart fields.
// Files are refused: a lead has no place for them, and they would only carry risk.

const refuse = (message: string): never => {
  throw new DomainError('VALIDATION', message, [{ path: '', message }]);
};

/** Repeated names (checkboxes) become lists. */
function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  if (!Object.hasOwn(fields, name)) fields[name] = value;
  else fields[name] = [...[fields[name]].flat(), value];
}

function urlencoded(raw: Buffer): Record<string, string | string[]> {
  const text = raw.toString('utf8');
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of text.split('&').filter(Boolean)) {
    const [name, value = ''] = pair.split('=', 2).map((part) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return refuse('The body is not validly percent-encoded.');
      }
    });
    addField(fields, name, value);
  }
  return { ...fields };
}

function multipart(raw: Buffer, contentType: string): Promise<Record<string, string | string[]>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fields: 200, fieldSize: 64 * 1024 } });
    } catch {
      return reject(
        new DomainError('VALIDATION', 'The multipart body has no boundary.', [
          { path: '', message: 'No multipart boundary.' },
        ]),
      );
    }
    parser.on('file', (name, stream) => {
      stream.resume();
      reject(
        new DomainError('VALIDATION', 'Files are not accepted.', [{ path: name, message: 'Files are not accepted.' }]),
      );
    });
    parser.on('field', (name, value) => addField(fields, name, value));
    parser.on('error', () =>
      reject(
        new DomainError('VALIDATION', 'The multipart body is malformed.', [
          { path: '', message: 'Malformed multipart.' },
        ]),
      ),
    );
    parser.on('close', () => resolve(fields));
    parser.end(raw);
  });
}

/** The fields of a submission by its content type: 400 for a broken body, 415 for another type. */
export async function decodeIntakeBody(raw: Buffer | undefined, contentType: string | undefined): Promise<unknown> {
  const type = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
  if (!raw?.length) return refuse('The submission is empty.');
  // Checked on the bytes, after the signature (verified over the same bytes): decoding would turn
  // bad bytes into U+FFFD silently, and a lead would keep the mangled text. Every field decodes as
  // UTF-8 (busboy's default too), so the whole body must be UTF-8, whatever its type.
  if (!isUtf8(raw)) return refuse('The body is not valid UTF-8.');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new DomainError('MALFORMED_JSON', 'The body is not valid JSON.', [
        { path: '', message: 'Not valid JSON.' },
      ]);
    }
  }
  if (type === 'application/x-www-form-urlencoded') return urlencoded(raw);
  if (type === 'multipart/form-data') return multipart(raw, contentType!);
  throw new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Send the submission as JSON, application/x-www-form-urlencoded or multipart/form-data, not ${type}.`,
  );
}

export const INTAKE_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
