import type { ReactNode } from 'react';
import { ChevronRightIcon } from '@/components/ui/icons';
import { vendorNames, type VendorId } from './vendors';

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8em] text-zinc-800">{children}</code>;
}

export function Command({ children }: { children: string }) {
  return <pre className="overflow-x-auto rounded-md bg-zinc-900 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-100">{children}</pre>;
}

function Ext({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" className="font-medium text-accent-700 underline underline-offset-2 hover:text-accent-600">
      {children}
    </a>
  );
}

const guidance: Record<VendorId, ReactNode> = {
  dockerhub: (
    <>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          Public repositories: host <Code>registry.hub.docker.com</Code> with <em>Public (anonymous)</em>. Official images live under <Code>library/</Code>, e.g.{' '}
          <Code>library/nginx:1.25</Code>.
        </li>
        <li>
          Private repositories: host <Code>registry.docker.com</Code> with <em>Basic authentication</em> or a <em>Docker config</em>.
        </li>
        <li>
          Use an <Ext href="https://docs.docker.com/docker-hub/access-tokens/">access token</Ext> (Account settings → Personal access tokens, read-only) instead of your
          account password.
        </li>
      </ul>
    </>
  ),
  ghcr: (
    <ul className="list-disc space-y-1 pl-5">
      <li>
        Host <Code>ghcr.io</Code>, <em>Basic authentication</em>: your GitHub username, and as the password a{' '}
        <Ext href="https://docs.github.com/en/packages/working-with-a-github-packages-registry/working-with-the-container-registry#authenticating-with-a-personal-access-token-classic">
          personal access token (classic)
        </Ext>{' '}
        with the <Code>read:packages</Code> scope.
      </li>
      <li>Your GitHub password is refused: a PAT is required.</li>
      <li>
        Public packages can be pulled with <em>Public (anonymous)</em>.
      </li>
    </ul>
  ),
  gar: (
    <div className="space-y-2">
      <ul className="list-disc space-y-1 pl-5">
        <li>
          Host <Code>LOCATION-docker.pkg.dev</Code>, e.g. <Code>europe-west1-docker.pkg.dev</Code>.
        </li>
        <li>
          <em>Basic authentication</em> with a service-account key: username <Code>_json_key</Code>, password the key file’s JSON minified to one line (the account needs
          the Artifact Registry Reader role):
        </li>
      </ul>
      <Command>jq -c . key.json</Command>
      <p>
        On GKE, choose <em>Vendor-specific</em> and grant the nodes’ service account read access instead.
      </p>
    </div>
  ),
  acr: (
    <ul className="list-disc space-y-1 pl-5">
      <li>
        Host <Code>NAME.azurecr.io</Code>.
      </li>
      <li>
        <em>Basic authentication</em> with a{' '}
        <Ext href="https://learn.microsoft.com/en-us/azure/container-registry/container-registry-auth-service-principal">service principal</Ext>: its application
        (client) ID as the username and a client secret as the password, with the <Code>AcrPull</Code> role.
      </li>
      <li>
        On AKS, choose <em>Vendor-specific</em> and attach the registry to the cluster (<Code>az aks update --attach-acr NAME</Code>).
      </li>
    </ul>
  ),
  ecr: (
    <ul className="list-disc space-y-1 pl-5">
      <li>
        Host <Code>ACCOUNT.dkr.ecr.REGION.amazonaws.com</Code>.
      </li>
      <li>
        ECR has no static passwords: the token from <Code>aws ecr get-login-password</Code> expires after 12 hours, so <em>Basic authentication</em> stops working
        unless someone rotates it.
      </li>
      <li>
        Recommended: on EKS, choose <em>Vendor-specific</em>; nodes pull with their IAM role, which needs the <Code>AmazonEC2ContainerRegistryReadOnly</Code> policy.{' '}
        <Ext href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_EKS.html">ECR on EKS</Ext>
      </li>
    </ul>
  ),
};

/** Collapsible advice for the registry recognised from the host typed. */
export function VendorHelp({ vendor }: { vendor: VendorId }) {
  return (
    <details className="group rounded-md border border-accent-200 bg-accent-50/60 text-sm text-zinc-700">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md px-3 py-2 font-medium text-accent-700 select-none hover:bg-accent-50 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon className="size-4 transition-transform group-open:rotate-90" />
        Help for {vendorNames[vendor]}
      </summary>
      <div className="px-3 pt-1 pb-3">{guidance[vendor]}</div>
    </details>
  );
}
