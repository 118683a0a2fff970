import type { UserDirectory } from '#core/approvals/ports';
import { batchGet } from '#store/dynamo/batch-get';
import { META, userPk } from '#store/dynamo/keys';

/** Users are the items the users feature writes (T#<tenant>#user#<id>); an inactive one counts as missing. */
export const dynamoUserDirectory: UserDirectory = {
  async missing(tenantId, ids) {
    if (ids.length === 0) return [];
    const found = await batchGet(
      ids.map((id) => ({ pk: userPk(tenantId, id), sk: META })),
      { consistent: true },
    );
    return ids.filter((_, i) => !found[i] || found[i]!.active === false);
  },
};
