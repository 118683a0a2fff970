import { Unzip, UnzipInflate } from 'fflate';
import { ExtractionFailed } from '#core/search/limits';

// The members of an office file (a zip) that hold its text, inflated as a stream and counted as
// they come: the sizes a zip declares can lie, so a bomb is stopped by what it actually inflates.

export function unzipMembers(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  maxBytes: number,
): Map<string, Buffer> {
  const parts = new Map<string, Buffer[]>();
  let total = 0;
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Buffer[] = [];
    parts.set(file.name, chunks);
    file.ondata = (err, chunk) => {
      if (err) throw err;
      total += chunk.length;
      if (total > maxBytes) throw new ExtractionFailed(`it inflates past ${Math.round(maxBytes / 1048576)} MB`);
      chunks.push(Buffer.from(chunk));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (e) {
    if (e instanceof ExtractionFailed) throw e;
    throw new ExtractionFailed('it is not a readable zip archive');
  }
  return new Map([...parts].map(([name, chunks]) => [name, Buffer.concat(chunks)]));
}
