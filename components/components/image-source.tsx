'use client';

import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ServerIcon } from '@/components/ui/icons';
import { Field, Input, Select } from '@/components/ui/input';
import { Tabs } from './tabs';

export interface RegistryChoice {
  id: string;
  displayName: string;
  host: string;
  dockerHub: boolean;
}

export type SourceTab = 'dockerhub' | 'registry';

interface ImageSourceProps {
  orgSlug: string;
  registries: RegistryChoice[];
  tab: SourceTab;
  onTab(tab: SourceTab): void;
  registryId: string;
  onRegistry(id: string): void;
  image: string;
  onImage(image: string): void;
  errors: { registryId?: string; image?: string };
  canManageRegistries: boolean;
}

/** Source: a registered registry (Docker Hub or any other) and the full image URL on it. */
export function ImageSource({ orgSlug, registries, tab, onTab, registryId, onRegistry, image, onImage, errors, canManageRegistries }: ImageSourceProps) {
  const shown = registries.filter((r) => r.dockerHub === (tab === 'dockerhub'));
  const selected = shown.find((r) => r.id === registryId);
  const where = tab === 'dockerhub' ? 'Docker Hub' : 'Container Registry';
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">Source</legend>
      <Tabs
        label="Where the image is"
        items={[
          { id: 'dockerhub', label: 'Docker Hub' },
          { id: 'registry', label: 'Container Registry' },
        ]}
        value={tab}
        onChange={onTab}
      >
        {shown.length === 0 ? (
          <EmptyState icon={<ServerIcon className="size-5" />} title={`No ${tab === 'dockerhub' ? 'Docker Hub' : 'container'} registry registered`}>
            {canManageRegistries ? 'Register' : 'Ask a platform engineer or an admin to register'} one in{' '}
            <Link href={`/o/${orgSlug}/settings/credentials`} className="text-accent-700 underline">
              Settings › Credentials
            </Link>
            , then come back to pick it here.
          </EmptyState>
        ) : (
          <div className="space-y-4">
            <p className="text-zinc-600">Deploy an image from {where}.</p>
            <Field id="component-registry" label="Container registry" error={errors.registryId}>
              <Select value={registryId} onChange={(e) => onRegistry(e.target.value)} required>
                {shown.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.displayName} ({r.host})
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              id="component-image"
              label="Image URL"
              error={errors.image}
              hint={
                <>
                  The full URL: <code className="font-mono">[registry-host]/[repository]/[image]:[tag]</code>.
                  {tab === 'dockerhub' && (
                    <>
                      {' '}
                      Official images without a repository live under <code className="font-mono">library/</code>, e.g.{' '}
                      <code className="font-mono">registry.hub.docker.com/library/nginx:1.25</code>.
                    </>
                  )}
                </>
              }
            >
              <Input
                value={image}
                onChange={(e) => onImage(e.target.value)}
                placeholder={`${selected?.host ?? 'registry.example.com'}/team/app:1.0`}
                autoComplete="off"
                spellCheck={false}
                required
                maxLength={512}
                className="font-mono"
              />
            </Field>
          </div>
        )}
      </Tabs>
    </fieldset>
  );
}
