import { ButtonLink } from '@/components/ui/button';
import { Logo } from '@/components/console/logo';

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <Logo />
      <h1 className="mt-8 text-lg font-semibold text-zinc-900">Not found</h1>
      <p className="mt-2 max-w-sm text-zinc-600">This page does not exist, or it belongs to an organization you are not a member of.</p>
      <ButtonLink href="/" variant="secondary" className="mt-6">
        Go to your organizations
      </ButtonLink>
    </main>
  );
}
