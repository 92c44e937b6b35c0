/**
 * Copy-paste snippets for external CI systems. Each CI system is described once (where its
 * secret lives, how a step is written); all of them send the image CI just pushed to the
 * deploy webhook and then wait on the status URL, failing the job when the rollout fails.
 * The token always comes from the CI system's own secret store, never inlined.
 */

export interface SnippetContext {
  /** This console's base URL (GANTRY_BASE_URL). */
  baseUrl: string;
  /** The image reference CI pushed, e.g. "ghcr.io/acme/shop". */
  repository: string;
}

export interface CiSystem {
  id: 'curl' | 'github' | 'gitlab' | 'jenkins' | 'azure' | 'bitbucket' | 'circleci';
  label: string;
  language: 'shell' | 'yaml' | 'groovy';
  /** Where to keep the token, said to the user next to the snippet. */
  secretHint: string;
  render(ctx: SnippetContext): string;
}

/**
 * The portable part: POST the image, then long-poll the status URL. Only POSIX sh, curl
 * and sed, so it runs on any runner image. `$TOKEN_EXPR` and `$IMAGE_EXPR` are the
 * CI system's own ways to name the secret and the image.
 */
export function deployScript(baseUrl: string, tokenExpr: string, imageExpr: string, keyExpr: string): string {
  return [
    'set -eu',
    `RESPONSE=$(curl -fsS -X POST "${baseUrl}/api/v1/ci/deploy" \\`,
    `  -H "Authorization: Bearer ${tokenExpr}" \\`,
    '  -H "Content-Type: application/json" \\',
    `  -H "Idempotency-Key: ${keyExpr}" \\`,
    `  -d "{\\"image\\": \\"${imageExpr}\\"}")`,
    `STATUS_URL=$(printf '%s' "$RESPONSE" | sed -n 's/.*"statusUrl":"\\([^"]*\\)".*/\\1/p')`,
    'echo "Deployment accepted: $STATUS_URL"',
    'for attempt in 1 2 3 4 5 6 7 8 9 10; do',
    `  STATUS=$(curl -fsS -H "Authorization: Bearer ${tokenExpr}" "$STATUS_URL?wait=60" | sed -n 's/.*"status":"\\([a-z-]*\\)".*/\\1/p')`,
    '  echo "Deployment status: $STATUS"',
    '  case "$STATUS" in',
    '    active) exit 0 ;;',
    '    failed|superseded) exit 1 ;;',
    '  esac',
    'done',
    'echo "The deployment did not finish in time." >&2',
    'exit 1',
  ].join('\n');
}

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((l) => (l ? ' '.repeat(spaces) + l : l))
    .join('\n');

export const ciSystems: CiSystem[] = [
  {
    id: 'curl',
    label: 'curl',
    language: 'shell',
    secretHint: 'Export the token as GANTRY_TOKEN from your secret store; set IMAGE to the image you pushed.',
    render: ({ baseUrl, repository }) => `#!/bin/sh\n# IMAGE=${repository}:<tag>   GANTRY_TOKEN=<from your secret store>\n${deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '${IDEMPOTENCY_KEY:-$IMAGE}')}\n`,
  },
  {
    id: 'github',
    label: 'GitHub Actions',
    language: 'yaml',
    secretHint: 'Repository Settings > Secrets and variables > Actions: add GANTRY_TOKEN.',
    render: ({ baseUrl, repository }) =>
      [
        '# After docker/build-push-action has pushed the image:',
        '- name: Deploy to Gantry',
        '  env:',
        '    GANTRY_TOKEN: ${{ secrets.GANTRY_TOKEN }}',
        `    IMAGE: ${repository}:\${{ github.sha }}`,
        '  run: |',
        indent(deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '${{ github.run_id }}-${{ github.run_attempt }}'), 4),
        '',
      ].join('\n'),
  },
  {
    id: 'gitlab',
    label: 'GitLab CI',
    language: 'yaml',
    secretHint: 'Settings > CI/CD > Variables: add GANTRY_TOKEN (masked, protected).',
    render: ({ baseUrl, repository }) =>
      [
        'deploy-to-gantry:',
        '  stage: deploy',
        '  image: curlimages/curl:latest',
        '  needs: [build]',
        '  variables:',
        `    IMAGE: ${repository}:$CI_COMMIT_SHA`,
        '  script:',
        '    - |',
        indent(deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '$CI_PIPELINE_ID'), 6),
        '',
      ].join('\n'),
  },
  {
    id: 'jenkins',
    label: 'Jenkins',
    language: 'groovy',
    secretHint: 'Manage Jenkins > Credentials: add a "Secret text" credential with id gantry-token.',
    render: ({ baseUrl, repository }) =>
      [
        'pipeline {',
        '  agent any',
        '  environment {',
        `    IMAGE = "${repository}:\${env.GIT_COMMIT}"`,
        '  }',
        '  stages {',
        '    stage(\'Deploy to Gantry\') {',
        '      steps {',
        "        withCredentials([string(credentialsId: 'gantry-token', variable: 'GANTRY_TOKEN')]) {",
        "          sh '''",
        indent(deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '$BUILD_TAG'), 12),
        "          '''",
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
  },
  {
    id: 'azure',
    label: 'Azure Pipelines',
    language: 'yaml',
    secretHint: 'Pipeline > Edit > Variables: add GANTRY_TOKEN and tick "Keep this value secret".',
    render: ({ baseUrl, repository }) =>
      [
        '- script: |',
        indent(deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '$(Build.BuildId)'), 4),
        '  displayName: Deploy to Gantry',
        '  env:',
        '    GANTRY_TOKEN: $(GANTRY_TOKEN)',
        `    IMAGE: ${repository}:$(Build.SourceVersion)`,
        '',
      ].join('\n'),
  },
  {
    id: 'bitbucket',
    label: 'Bitbucket Pipelines',
    language: 'yaml',
    secretHint: 'Repository settings > Repository variables: add GANTRY_TOKEN (secured).',
    render: ({ baseUrl, repository }) =>
      [
        '- step:',
        '    name: Deploy to Gantry',
        '    image: curlimages/curl:latest',
        '    script:',
        `      - export IMAGE=${repository}:$BITBUCKET_COMMIT`,
        '      - |',
        indent(deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '$BITBUCKET_BUILD_NUMBER'), 8),
        '',
      ].join('\n'),
  },
  {
    id: 'circleci',
    label: 'CircleCI',
    language: 'yaml',
    secretHint: 'Project Settings > Environment Variables (or a context): add GANTRY_TOKEN.',
    render: ({ baseUrl, repository }) =>
      [
        'deploy-to-gantry:',
        '  docker:',
        '    - image: cimg/base:stable',
        '  steps:',
        '    - run:',
        '        name: Deploy to Gantry',
        '        command: |',
        `          export IMAGE=${repository}:$CIRCLE_SHA1`,
        indent(deployScript(baseUrl, '$GANTRY_TOKEN', '$IMAGE', '$CIRCLE_WORKFLOW_ID'), 10),
        '',
      ].join('\n'),
  },
];
