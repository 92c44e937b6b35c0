'use client';

import { useState } from 'react';
import { Tabs } from '@/components/components/tabs';
import { EndpointPane } from '@/components/endpoints/endpoint-pane';
import { Dialog } from '@/components/ui/dialog';
import type { ComponentRef } from './component-ref';
import { tagOf } from './format';
import { PreviousImagesOption } from './previous-images-option';
import { TagOption } from './tag-option';
import { UrlOption } from './url-option';
import { useDeploy } from './use-deploy';

type Option = 'tag' | 'url' | 'previous';
const options: { id: Option; label: string }[] = [
  { id: 'tag', label: 'Update Image Tag' },
  { id: 'url', label: 'Update Image URL' },
  { id: 'previous', label: 'Previous Images' },
];

interface UpdateImageDialogProps {
  open: boolean;
  onClose(): void;
  target: ComponentRef;
  currentImage: string;
  environment: { name: string; displayName: string };
  /** Release id → display names of the environments where it is active. */
  runningIn: Map<string, string[]>;
}

/** The three ways to choose the image to deploy to the first environment. */
export function UpdateImageDialog({ open, onClose, target, currentImage, environment, runningIn }: UpdateImageDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Update Image & Deploy" size="lg" description={<>The image is resolved to a digest now and deployed to {environment.displayName}.</>}>
      <EndpointPane target={target} />
      <Options onClose={onClose} target={target} currentImage={currentImage} environment={environment} runningIn={runningIn} />
    </Dialog>
  );
}

function Options({ onClose, target, currentImage, environment, runningIn }: Omit<UpdateImageDialogProps, 'open'>) {
  const [option, setOption] = useState<Option>('tag');
  const deploy = useDeploy(target.api, target.org, environment.displayName, onClose);
  return (
    <Tabs
      label="How to choose the image"
      items={options}
      value={option}
      onChange={(o) => {
        deploy.reset();
        setOption(o);
      }}
    >
      {option === 'tag' && <TagOption target={target} currentTag={tagOf(currentImage)} deploy={deploy} onCancel={onClose} />}
      {option === 'url' && <UrlOption target={target} currentImage={currentImage} deploy={deploy} onCancel={onClose} />}
      {option === 'previous' && <PreviousImagesOption target={target} runningIn={runningIn} deploy={deploy} environment={environment} />}
    </Tabs>
  );
}
