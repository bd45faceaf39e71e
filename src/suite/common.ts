/** What every area shares: the checks any answer is judged by, and a model no target serves. */
import type { Contract } from '../contract/spec';
import type { CheckId } from '../checks/registry';

/** The checks every answer of every operation is judged by: transport, status, headers, bytes. */
export const COMMON_CHECKS: CheckId[] = [
  'transport_complete',
  'status_code_documented',
  'content_type_conformance',
  'request_id_header',
  'response_headers_conformance',
  'request_id_unique',
  'valid_utf8',
  'information_exposure',
];

/** What an operation's own answers are held to: its response schema, the error envelope, and the status each request is due. */
export const ANSWER_CHECKS: CheckId[] = [
  'response_schema_conformance',
  'error_envelope',
  'positive_data_acceptance',
  'negative_data_rejection',
  'auth_and_version',
];

/** A model id outside the spec's model table (info.x-models), which is what the real API serves: a 404 everywhere. */
export const unknownModel = (contract: Pick<Contract, 'models'>): string =>
  ['claude-does-not-exist', 'claude-no-such-model-0'].find((m) => !(m in contract.models))!;
