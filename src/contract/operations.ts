/**
 * The operations the suite knows, as values. The spec states each one's method, path, request schema
 * and responses; this table only names them (our short id, the spec's operationId) and says which
 * group `CONTRACT_OPERATIONS` selects them by and what kind of answer a 200 carries.
 */
export const OPERATION_IDS = ['messages', 'count_tokens', 'models_list', 'models_retrieve'] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** What `CONTRACT_OPERATIONS` names: the operations a client calls together. */
export const OPERATION_GROUPS = ['messages', 'count_tokens', 'models'] as const;
export type OperationGroup = (typeof OPERATION_GROUPS)[number];

/** What a 200 answer is: the checks that read a Message must never read a token count. */
export type ResponseKind = 'message' | 'token_count' | 'model_list' | 'model';

export const OPERATION_NAMES: Record<OperationId, { operationId: string; group: OperationGroup; kind: ResponseKind }> =
  {
    messages: { operationId: 'createMessage', group: 'messages', kind: 'message' },
    count_tokens: { operationId: 'countMessageTokens', group: 'count_tokens', kind: 'token_count' },
    models_list: { operationId: 'listModels', group: 'models', kind: 'model_list' },
    models_retrieve: { operationId: 'getModel', group: 'models', kind: 'model' },
  };

export const ALL_OPERATIONS: readonly OperationId[] = OPERATION_IDS;

export const groupOf = (id: OperationId): OperationGroup => OPERATION_NAMES[id].group;
export const operationsOf = (group: OperationGroup): OperationId[] =>
  OPERATION_IDS.filter((id) => groupOf(id) === group);
