'use client';

import type { ComponentRef } from '@/components/deploy/component-ref';
import { DeployBoard } from '@/components/deploy/deploy-board';
import type { DeploymentRow, EnvironmentCard, Release } from '@/components/deploy/types';
import type { Execution, Schedule } from '@/lib/services/tasks/types';
import { TaskEnvironmentCard } from './task-environment-card';

interface TaskDeployBoardProps {
  target: ComponentRef;
  scheduled: boolean;
  cards: EnvironmentCard[];
  history: DeploymentRow[];
  newestRelease: Release;
  /** Per environment name: its schedule (scheduled tasks) and newest execution. */
  schedules: Record<string, Schedule | null>;
  lastExecutions: Record<string, Execution | null>;
  defaultCron: string | null;
  canDeploy: boolean;
  canApprove: boolean;
}

/** The Deploy page of a task: the same Build Area and history as a service, with task environment cards. */
export function TaskDeployBoard({ scheduled, schedules, lastExecutions, defaultCron, ...board }: TaskDeployBoardProps) {
  return (
    <DeployBoard
      {...board}
      activeLabel="Deployed"
      environmentsNote={
        scheduled
          ? 'Deploying chooses the release the schedule runs; each environment has its own schedule.'
          : 'Deploying chooses the release that runs when the task is executed; nothing runs until then.'
      }
      renderCard={(card, next) => (
        <TaskEnvironmentCard
          target={board.target}
          card={card}
          next={next}
          scheduled={scheduled}
          schedule={schedules[card.name] ?? null}
          lastExecution={lastExecutions[card.name] ?? null}
          defaultCron={defaultCron}
          canDeploy={board.canDeploy}
          canApprove={board.canApprove}
        />
      )}
    />
  );
}
