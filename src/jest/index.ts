/** The jest entry point (`anthropic-messages-conformance/jest`): jest is a peer dependency of this file only. */
export { describeConformance, type DescribeOptions } from './describe-conformance';
