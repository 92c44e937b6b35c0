/**
 * The conformance suite: spec cases as plain data, shared by both engines. The local engine's
 * tests run each case on Podman for real and compare step statuses; the Argo compiler's tests
 * compile each case and validate the Workflow against Argo's JSON schema (lib/pipelines/argo).
 *
 * Cases name no image: engines run them with their test image as the default step image
 * (`planPipeline(spec, { defaultImage })`), busybox-compatible `sh` assumed.
 * Statuses use the vocabulary of db/schema/pipeline.ts. Steps a run never reaches (after a
 * failure, or a Stop) are `skipped`.
 */

export type ConformanceStepStatus = 'succeeded' | 'failed' | 'error' | 'skipped' | 'stopped' | 'timed_out';
export type ConformanceRunStatus = 'succeeded' | 'failed' | 'stopped' | 'timed_out';

export interface ConformanceCase {
  name: string;
  /** What the case shows, in one sentence. */
  about: string;
  yaml: string;
  parameters?: Record<string, string>;
  variables?: Record<string, string>;
  secrets?: Record<string, string>;
  expect: {
    run: ConformanceRunStatus;
    /** Final status of every step, by step id (slug). */
    steps: Record<string, ConformanceStepStatus>;
    /** Attempts made, for steps with a retryStrategy. */
    attempts?: Record<string, number>;
    exitCodes?: Record<string, number>;
    /** Text a step's log contains. */
    logs?: Record<string, string[]>;
    /** Text that must appear in no log line, stored chunk, event or API response (secret values). */
    never?: string[];
  };
}

export const conformanceCases: ConformanceCase[] = [
  {
    name: 'groups-share-workspace',
    about: 'A parallel group writes two files into /workspace; the next step reads both.',
    yaml: `steps:
  - name: prepare
    inlineScript: mkdir -p /workspace/out
  - - name: left
      inlineScript: echo L > /workspace/out/left
    - name: right
      inlineScript: echo R > /workspace/out/right
  - name: join
    inlineScript: cat /workspace/out/left /workspace/out/right | tr -d '\\n'; echo
`,
    expect: { run: 'succeeded', steps: { prepare: 'succeeded', left: 'succeeded', right: 'succeeded', join: 'succeeded' }, logs: { join: ['LR'] } },
  },
  {
    name: 'outputs-feed-arguments',
    about: 'An output parameter read from a file becomes the argument of a later template step.',
    yaml: `templates:
  - name: greet
    inputs:
      parameters:
        - name: who
    inlineScript: echo "hello {{inputs.parameters.who}}"
steps:
  - name: Produce Name
    inlineScript: printf world > /tmp/name
    outputs:
      parameters:
        - name: name
          valueFrom:
            path: /tmp/name
  - name: greet
    template: greet
    arguments:
      parameters:
        - name: who
          value: "{{steps.produce-name.outputs.parameters.name}}"
`,
    expect: { run: 'succeeded', steps: { 'produce-name': 'succeeded', greet: 'succeeded' }, logs: { greet: ['hello world'] } },
  },
  {
    name: 'when-false-skips',
    about: 'A when that is false skips its step; the run still succeeds.',
    yaml: `parameters:
  - name: deploy
    default: "no"
    enum: ["yes", "no"]
steps:
  - name: build
    inlineScript: echo built
  - name: deploy
    when: "{{arguments.parameters.deploy}} == yes"
    inlineScript: echo deployed
  - name: report
    when: "{{arguments.parameters.deploy}} != yes"
    inlineScript: echo "not deployed"
`,
    expect: { run: 'succeeded', steps: { build: 'succeeded', deploy: 'skipped', report: 'succeeded' }, logs: { report: ['not deployed'] } },
  },
  {
    name: 'enum-parameter-chosen',
    about: 'A run-time enum parameter chosen at start reaches the step.',
    parameters: { environment: 'Production' },
    yaml: `parameters:
  - name: environment
    default: "Development"
    enum: ["Development", "Production"]
    displayName: "Environment"
steps:
  - name: show
    env:
      - name: TARGET
        value: "{{arguments.parameters.environment}}"
    inlineScript: echo "target=$TARGET"
`,
    expect: { run: 'succeeded', steps: { show: 'succeeded' }, logs: { show: ['target=Production'] } },
  },
  {
    name: 'retry-then-succeed',
    about: 'A step failing on its first attempt succeeds on the second under retryStrategy.',
    yaml: `steps:
  - name: flaky
    retryStrategy:
      limit: 2
    inlineScript: |
      if [ -f /workspace/tried ]; then echo "second try"; exit 0; fi
      touch /workspace/tried
      echo "first try fails"
      exit 1
`,
    expect: { run: 'succeeded', steps: { flaky: 'succeeded' }, attempts: { flaky: 2 }, logs: { flaky: ['second try'] } },
  },
  {
    name: 'continue-on-failed',
    about: 'A failing step with continueOn.failed lets the run carry on and succeed.',
    yaml: `steps:
  - name: lint
    continueOn:
      failed: true
    inlineScript: exit 3
  - name: test
    inlineScript: echo tested
`,
    expect: { run: 'succeeded', steps: { lint: 'failed', test: 'succeeded' }, exitCodes: { lint: 3 } },
  },
  {
    name: 'failure-ends-run',
    about: 'Exit code 3 fails the step and the run; the steps after it never run.',
    yaml: `steps:
  - name: check
    inlineScript: |
      echo "checking"
      exit 3
  - name: after
    inlineScript: echo unreachable
`,
    expect: { run: 'failed', steps: { check: 'failed', after: 'skipped' }, exitCodes: { check: 3 }, logs: { check: ['checking'] } },
  },
  {
    name: 'step-timeout',
    about: 'A step running past its timeout is stopped and the run fails.',
    yaml: `steps:
  - name: slow
    timeout: 2s
    inlineScript: sleep 30
  - name: after
    inlineScript: echo unreachable
`,
    expect: { run: 'failed', steps: { slow: 'timed_out', after: 'skipped' } },
  },
  {
    name: 'run-timeout',
    about: 'The pipeline timeout stops the run as timed out.',
    yaml: `timeout: 3s
steps:
  - name: forever
    inlineScript: sleep 60
`,
    expect: { run: 'timed_out', steps: { forever: 'timed_out' } },
  },
  {
    name: 'variables-and-secrets',
    about: 'Variables are substituted; a secret reaches the step but never a log line (masked).',
    variables: { REGION: 'eu-west-1' },
    secrets: { API_TOKEN: 's3cr3t-t0ken-value' },
    yaml: `steps:
  - name: use
    env:
      - name: REGION
        value: "{{VARIABLES.REGION}}"
      - name: TOKEN
        value: "{{SECRETS.API_TOKEN}}"
      - name: AUTH
        value: "Bearer {{SECRETS.API_TOKEN}}"
    inlineScript: |
      echo "region=$REGION"
      echo "token=$TOKEN"
      echo "script={{SECRETS.API_TOKEN}}"
      [ "$AUTH" = "Bearer $TOKEN" ] && echo "auth ok"
`,
    expect: { run: 'succeeded', steps: { use: 'succeeded' }, logs: { use: ['region=eu-west-1', 'auth ok'] }, never: ['s3cr3t-t0ken-value'] },
  },
  {
    name: 'template-clone-retry',
    about: 'A step adds its own retryStrategy and env to a shared template (Argo: a cloned template).',
    yaml: `templates:
  - name: say
    inputs:
      parameters:
        - name: word
    inlineScript: echo "{{inputs.parameters.word}} $SUFFIX"
steps:
  - - name: plain
      template: say
      arguments:
        parameters:
          - name: word
            value: one
    - name: tuned
      template: say
      env:
        - name: SUFFIX
          value: "!"
      retryStrategy:
        limit: 1
      timeout: 30s
      arguments:
        parameters:
          - name: word
            value: two
`,
    expect: { run: 'succeeded', steps: { plain: 'succeeded', tuned: 'succeeded' }, logs: { plain: ['one'], tuned: ['two !'] } },
  },
  {
    name: 'script-output-in-env',
    about: 'A later step reads an earlier output in its env and script (Argo: hoisted into template inputs).',
    yaml: `steps:
  - name: version
    inlineScript: printf 1.2.3 > /tmp/v
    outputs:
      parameters:
        - name: v
          valueFrom:
            path: /tmp/v
  - name: tag
    env:
      - name: V
        value: "{{steps.version.outputs.parameters.v}}"
    inlineScript: echo "env=$V script={{steps.version.outputs.parameters.v}}"
`,
    expect: { run: 'succeeded', steps: { version: 'succeeded', tag: 'succeeded' }, logs: { tag: ['env=1.2.3 script=1.2.3'] } },
  },
];
