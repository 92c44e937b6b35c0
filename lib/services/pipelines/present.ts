import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { pipelineRun, pipelineSecret, pipelineStep, pipelineVariable, pipelineVersion, type PipelineRow, type PipelineRunRow, type PipelineStepRow } from '@/db/schema';
import { parsePipelineYaml, type Parameter } from '@/lib/pipelines/spec';

export interface PipelineView {
  id: string;
  name: string;
  displayName: string;
  description: string;
  source: { kind: 'inline' } | { kind: 'git'; url: string | null; branch: string | null; path: string | null; hasCredentials: boolean };
  version: number;
  yaml: string | null;
  parameters: Parameter[];
  variables: { name: string; value: string }[];
  /** Names only: secret values are write-only. */
  secrets: string[];
  createdAt: string;
  updatedAt: string;
}

export async function presentPipeline(db: Tx, p: PipelineRow): Promise<PipelineView> {
  const [v] = await db.select({ yaml: pipelineVersion.yaml }).from(pipelineVersion).where(and(eq(pipelineVersion.pipelineId, p.id), eq(pipelineVersion.version, p.currentVersion)));
  const vars = await db.select({ name: pipelineVariable.name, value: pipelineVariable.value }).from(pipelineVariable).where(eq(pipelineVariable.pipelineId, p.id)).orderBy(asc(pipelineVariable.name));
  const secrets = await db.select({ name: pipelineSecret.name }).from(pipelineSecret).where(eq(pipelineSecret.pipelineId, p.id)).orderBy(asc(pipelineSecret.name));
  const parsed = v ? parsePipelineYaml(v.yaml) : undefined;
  return {
    id: p.id,
    name: p.name,
    displayName: p.displayName,
    description: p.description,
    source: p.sourceKind === 'inline' ? { kind: 'inline' } : { kind: 'git', url: p.gitUrl, branch: p.gitBranch, path: p.gitPath, hasCredentials: !!p.gitCredentialCiphertext },
    version: p.currentVersion,
    yaml: v?.yaml ?? null,
    parameters: parsed?.spec?.parameters ?? [],
    variables: vars,
    secrets: secrets.map((s) => s.name),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export interface RunView {
  id: string;
  number: number;
  version: number;
  /** The commit a Git pipeline's run read its file at; null for inline pipelines. */
  commit: string | null;
  status: PipelineRunRow['status'];
  parameters: Record<string, string>;
  trigger: string;
  triggeredBy: string;
  reason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  deadlineAt: string | null;
  stopRequested: boolean;
}

export function presentRun(r: PipelineRunRow): RunView {
  return {
    id: r.id,
    number: r.number,
    version: r.version,
    commit: r.gitCommit,
    status: r.status,
    parameters: r.parameters,
    trigger: r.trigger,
    triggeredBy: r.triggeredByLabel,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    deadlineAt: r.deadlineAt?.toISOString() ?? null,
    stopRequested: !!r.stopRequestedAt,
  };
}

export interface StepView {
  id: string;
  stepId: string;
  name: string;
  group: number;
  index: number;
  attempt: number;
  status: PipelineStepRow['status'];
  exitCode: number | null;
  message: string | null;
  outputs: Record<string, unknown>;
  /** Names of the secret outputs the attempt set ("set" on the run page); their values never leave the engine. */
  secretOutputs: string[];
  startedAt: string | null;
  finishedAt: string | null;
}

export async function runSteps(db: Tx, runId: string): Promise<StepView[]> {
  const rows = await db.select().from(pipelineStep).where(eq(pipelineStep.runId, runId)).orderBy(asc(pipelineStep.group), asc(pipelineStep.index), asc(pipelineStep.attempt));
  return rows.map((s) => ({
    id: s.id,
    stepId: s.stepId,
    name: s.name,
    group: s.group,
    index: s.index,
    attempt: s.attempt,
    status: s.status,
    exitCode: s.exitCode,
    message: s.message,
    outputs: s.outputs,
    secretOutputs: Object.keys(s.secretOutputs).sort(),
    startedAt: s.startedAt?.toISOString() ?? null,
    finishedAt: s.finishedAt?.toISOString() ?? null,
  }));
}

export async function latestRuns(db: Tx, pipelineId: string, limit: number) {
  return (await db.select().from(pipelineRun).where(eq(pipelineRun.pipelineId, pipelineId)).orderBy(desc(pipelineRun.number)).limit(limit)).map(presentRun);
}
