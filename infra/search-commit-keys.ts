/** The key LanceDB's DynamoDB commit store expects of its table (lance `dynamodb` commit handler). */
export const SEARCH_COMMIT_KEYS = { partition: 'base_uri', sort: 'version' } as const;
