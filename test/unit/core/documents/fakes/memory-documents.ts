// In-memory fakes of the documents and quota ports, applying the same conditions the DynamoDB
// store must (see functions/core/documents/ports.ts). Every call yields before its atomic step,
// so concurrent use cases interleave between their reads and their conditional writes.
import type { Document, DocumentVersion, RecordLink } from '#core/documents/document';
import { DomainError } from '#core/errors';
import type {
  CommitOutcome,
  DocumentsDeps,
  DocumentsStore,
  ObjectHead,
  ObjectStore,
  Relation,
  ReserveOutcome,
  ShareLink,
  ShareLinkStore,
} from '#core/documents/ports';
import { sameRelation } from '#core/documents/relation';
import type { Upload } from '#core/documents/upload';
import { allows } from '#core/quota/reservation';
import { applyDelta, EMPTY_USAGE, type UsageDelta, type UsageTotals } from '#core/quota/usage';
import type { Plan, Role, TenantCaller } from '#core/tenancy/caller';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const clone = <T>(v: T): T => structuredClone(v);

export function memoryWorld(start = '2026-11-28T10:00:00.000Z') {
  let clock = Date.parse(start);
  const usage = new Map<string, UsageTotals>();
  const documents = new Map<string, Document>();
  const versions = new Map<string, DocumentVersion[]>();
  const uploads = new Map<string, Upload>();
  const relations = new Map<string, Relation>();
  const shareLinks = new Map<string, ShareLink>();
  const objects = new Map<string, ObjectHead>();
  // The bytes of the objects a test put with their content (the attachments a send reads).
  const bodies = new Map<string, Uint8Array>();
  const records = new Set<string>();
  const users = new Set<string>();
  const stats = {
    maxCommittedPlusReserved: 0,
    reserveCalls: 0,
    batchReads: 0,
    documentReads: 0,
    deletedObjects: [] as string[],
  };

  const usageOf = (tenant: string) => usage.get(tenant) ?? EMPTY_USAGE;
  const addUsage = (tenant: string, d: UsageDelta) => {
    const next = applyDelta(usageOf(tenant), d);
    if (next.committedPlusReserved !== next.usedBytes + next.reservedBytes) throw new Error('usage invariant broken');
    usage.set(tenant, next);
    stats.maxCommittedPlusReserved = Math.max(stats.maxCommittedPlusReserved, next.committedPlusReserved);
  };
  // The store's keys lead with the tenant: another tenant's item is simply not there.
  const mine = <T extends { tenantId: string }>(tenant: string, item: T | undefined): T | undefined =>
    item?.tenantId === tenant ? item : undefined;
  const recordKey = (l: RecordLink) => `${l.entity}#${l.id}`;
  const missing = (links: RecordLink[]) => links.filter((l) => !records.has(recordKey(l)));
  // Versions live in their document's partition: another tenant's document has none.
  const versionsOf = (tenant: string, id: string) => (mine(tenant, documents.get(id)) ? (versions.get(id) ?? []) : []);

  const store: DocumentsStore = {
    async getDocument(t, id) {
      await tick();
      stats.documentReads += 1;
      return clone(mine(t, documents.get(id)));
    },
    async getDocuments(t, ids) {
      await tick();
      return ids.flatMap((id) => (mine(t, documents.get(id)) ? [clone(documents.get(id)!)] : []));
    },
    async getVersion(t, id, n) {
      await tick();
      return clone(versionsOf(t, id).find((v) => v.number === n));
    },
    async listVersions(t, id) {
      await tick();
      return clone(versionsOf(t, id));
    },
    async getUpload(t, id) {
      await tick();
      return clone(mine(t, uploads.get(id)));
    },
    async getUploadAndDocument(t, uploadId, documentId) {
      await tick();
      stats.batchReads += 1;
      return { upload: clone(mine(t, uploads.get(uploadId))), document: clone(mine(t, documents.get(documentId))) };
    },
    async reserveUpload(upload, rule, delta): Promise<ReserveOutcome> {
      await tick();
      stats.reserveCalls += 1;
      // All conditions of the one transaction are checked before anything is written.
      const current = usageOf(upload.tenantId);
      if (!allows(rule, current)) return { ok: false, reason: 'quota', usage: clone(current) };
      if (upload.kind === 'version' && !documents.has(upload.documentId)) return { ok: false, reason: 'document-gone' };
      const gone = missing(upload.links);
      if (gone.length) return { ok: false, reason: 'missing-links', links: gone };
      if (uploads.has(upload.id)) throw new Error('upload id reused');
      uploads.set(upload.id, clone(upload));
      addUsage(upload.tenantId, delta);
      return { ok: true };
    },
    async commitUpload(c): Promise<CommitOutcome> {
      await tick();
      const stored = uploads.get(c.upload.id);
      if (!stored || stored.status !== 'pending') return 'not-pending';
      const doc = documents.get(c.document.id);
      if (c.expectedDocumentVersion === null ? doc !== undefined : doc?.version !== c.expectedDocumentVersion)
        return 'document-changed';
      const gone = c.expectedDocumentVersion === null ? missing(c.document.links) : [];
      if (gone.length) return { missingLinks: gone };
      uploads.set(stored.id, {
        ...stored,
        status: 'completed',
        settledAt: c.settledAt,
        versionNumber: c.version.number,
      });
      documents.set(c.document.id, clone(c.document));
      versions.set(c.document.id, [...(versions.get(c.document.id) ?? []), clone(c.version)]);
      addUsage(stored.tenantId, c.delta);
      return 'committed';
    },
    async releaseUpload(r) {
      await tick();
      const stored = uploads.get(r.upload.id);
      if (!stored || stored.status !== 'pending') return false;
      uploads.set(stored.id, { ...stored, status: r.status, reason: r.reason, settledAt: r.settledAt });
      addUsage(stored.tenantId, r.delta);
      return true;
    },
    async pendingUploads(t, documentId) {
      await tick();
      return clone(
        [...uploads.values()].filter(
          (u) => u.tenantId === t && u.documentId === documentId && u.kind === 'version' && u.status === 'pending',
        ),
      );
    },
    async saveDocument(next, expected, links, _actor, _events, version, twin) {
      await tick();
      if (documents.get(next.id)?.version !== expected) return 'version-conflict';
      if (twin && documents.get(twin.next.id)?.version !== twin.expectedVersion) return 'version-conflict';
      const missingLinks = missing(links.added);
      const missingUsers = next.acl.flatMap((e) => ('userId' in e && !users.has(e.userId) ? [e.userId] : []));
      if (missingLinks.length || missingUsers.length) return { missingLinks, missingUsers };
      documents.set(next.id, clone(next));
      if (twin) documents.set(twin.next.id, clone(twin.next));
      if (version)
        versions.set(
          next.id,
          (versions.get(next.id) ?? []).map((v) => (v.number === version.number ? clone(version) : v)),
        );
      return 'saved';
    },
    async deleteDocument(doc, _versions, delta, _actor, twin) {
      await tick();
      const docs = twin ? [doc, twin] : [doc];
      if (docs.some((d) => documents.get(d.id)?.version !== d.version)) return false;
      for (const d of docs) {
        documents.delete(d.id);
        versions.delete(d.id);
        for (const [id, r] of relations) if (r.fromId === d.id || r.toId === d.id) relations.delete(id);
        for (const [id, l] of shareLinks) if (l.documentId === d.id) shareLinks.delete(id);
      }
      addUsage(doc.tenantId, delta);
      return true;
    },
    async putRelation(r) {
      await tick();
      if (!mine(r.tenantId, documents.get(r.fromId)) || !mine(r.tenantId, documents.get(r.toId)))
        return 'document-gone';
      if ([...relations.values()].some((x) => sameRelation(x, r))) return 'duplicate';
      relations.set(r.id, clone(r));
      return 'created';
    },
    async getRelation(t, id) {
      await tick();
      return clone(mine(t, relations.get(id)));
    },
    async listRelations(t, docId) {
      await tick();
      return [...relations.values()]
        .filter((r) => r.tenantId === t && (r.fromId === docId || r.toId === docId))
        .map(clone);
    },
    async deleteRelation(r) {
      await tick();
      return relations.delete(r.id);
    },
    async timeline() {
      throw new Error('document timelines are read from DynamoDB: see test/integration/documents');
    },
  };

  const links: ShareLinkStore = {
    async putShareLink(l) {
      await tick();
      // The store's transaction checks that the document exists (and throws as it does).
      if (!mine(l.tenantId, documents.get(l.documentId)))
        throw new DomainError('NOT_FOUND', `No document with id ${l.documentId}.`);
      if (shareLinks.has(l.id)) throw new Error('share link id reused');
      shareLinks.set(l.id, clone(l));
    },
    async getShareLink(t, id) {
      await tick();
      return clone(mine(t, shareLinks.get(id)));
    },
    async listShareLinks(t, docId) {
      await tick();
      // Newest first, as the store sorts them.
      return [...shareLinks.values()]
        .filter((l) => l.tenantId === t && l.documentId === docId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(clone);
    },
    async revokeShareLink(t, id, at) {
      await tick();
      const l = mine(t, shareLinks.get(id));
      if (!l || l.revokedAt) return false;
      shareLinks.set(id, { ...l, revokedAt: at });
      return true;
    },
    async countDownload(link, at) {
      await tick();
      const l = shareLinks.get(link.id);
      if (!l || l.revokedAt || !(l.expiresAt > at) || (l.maxDownloads !== null && l.downloads >= l.maxDownloads))
        return false;
      shareLinks.set(l.id, { ...l, downloads: l.downloads + 1, lastDownloadAt: at });
      return true;
    },
  };

  const objectStore: ObjectStore = {
    async head(key) {
      await tick();
      return clone(objects.get(key));
    },
    async delete(key) {
      await tick();
      stats.deletedObjects.push(key);
      objects.delete(key);
      bodies.delete(key);
    },
  };

  const deps: DocumentsDeps = {
    documents: store,
    objects: objectStore,
    shareLinks: links,
    usage: {
      async read(t) {
        await tick();
        return clone(usageOf(t));
      },
    },
    clock: { now: () => new Date(clock) },
  };

  return {
    deps,
    usage,
    documents,
    versions,
    uploads,
    relations,
    shareLinks,
    objects,
    bodies,
    records,
    users,
    stats,
    advance(seconds: number) {
      clock += seconds * 1000;
    },
    /** What a client's PUT does: the object appears under the upload's key (with its bytes, when given). */
    put(key: string, head: ObjectHead, body?: Uint8Array) {
      objects.set(key, head);
      if (body) bodies.set(key, new Uint8Array(body));
    },
    usageOf,
  };
}

export type World = ReturnType<typeof memoryWorld>;

export const TENANT = 'ten_01JD0000000000000000000000';

export function callerOf(role: Role, userId: string, plan: Plan = 'free', seats = 1): TenantCaller {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    kind: 'tenant',
    tenantId: TENANT,
    userId,
    role,
    keyId: 'key_01JD0000000000000000000000',
    tenant: { id: TENANT, name: 'Acme', plan, seats, status: 'active', version: 1, createdAt: at, updatedAt: at },
  };
}

export const USERS = {
  owner: 'usr_01JD0000000000000000000001',
  admin: 'usr_01JD0000000000000000000002',
  alice: 'usr_01JD0000000000000000000003',
  bob: 'usr_01JD0000000000000000000004',
  vera: 'usr_01JD0000000000000000000005',
} as const;
