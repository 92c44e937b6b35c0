/** Who sent a webhook call, as people call it. */
export const sourceLabels: Record<string, string> = {
  ci: 'CI webhook',
  dockerhub: 'Docker Hub',
  ghcr: 'GitHub (GHCR)',
  harbor: 'Harbor',
  quay: 'Quay',
  distribution: 'Distribution',
};
