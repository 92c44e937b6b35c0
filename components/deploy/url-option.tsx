'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/input';
import type { ComponentRef } from './component-ref';
import type { DeployMutation } from './use-deploy';

/** Update Image URL: another repository, image or tag on the component's registry. */
export function UrlOption({ target, currentImage, deploy, onCancel }: { target: ComponentRef; currentImage: string; deploy: DeployMutation; onCancel(): void }) {
  const [image, setImage] = useState(currentImage);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        deploy.run(target.org, target.project, target.component, { image: image.trim() });
      }}
    >
      {deploy.formError && <Alert>{deploy.formError}</Alert>}
      <Field
        id="image-url"
        label="Full image URL"
        error={deploy.fields.image}
        hint={
          <>
            Format <code className="font-mono">[registry-host]/[repository]/[image]:[tag]</code>, on this component&apos;s registry{' '}
            <code className="font-mono">{target.registryHost}</code>.
          </>
        }
      >
        <Input value={image} onChange={(e) => setImage(e.target.value)} autoFocus autoComplete="off" spellCheck={false} required maxLength={512} className="font-mono" />
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={deploy.pending} disabled={!image.trim()}>
          {deploy.pending ? 'Resolving image…' : 'Deploy'}
        </Button>
      </DialogFooter>
    </form>
  );
}
