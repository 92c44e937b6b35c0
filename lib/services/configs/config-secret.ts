export const configSecretLabel = (configId: string) => `config:${configId}`;
