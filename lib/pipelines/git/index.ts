export { fetchPipelineYaml, checkoutRepository, MAX_PIPELINE_BYTES, type FetchedPipeline, type GitFetchOptions } from './fetch';
export { sealGitCredentials, openGitCredentials, gitCredentialLabel } from './credentials';
export { gitSourceSchema, gitCredentialsSchema, parseGitSource, parseGitCredentials, urlProblem, type GitSource, type GitCredentials } from './source';
