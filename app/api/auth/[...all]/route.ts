import { handleAuthRequest } from '@/lib/auth/handler';

export const dynamic = 'force-dynamic';

export { handleAuthRequest as GET, handleAuthRequest as POST };
