import type { ReactNode } from 'react';
import { Logo } from '@/components/console/logo';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Logo />
      </div>
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">{children}</div>
      <p className="mt-6 text-xs text-zinc-500">Gantry · deploy your own container images</p>
    </main>
  );
}
