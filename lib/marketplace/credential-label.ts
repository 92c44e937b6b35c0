/** The additional authenticated data of a credential's ciphertext: it cannot be moved to another row. */
export const credentialSecretLabel = (credentialId: string) => `marketplace-credential:${credentialId}`;
