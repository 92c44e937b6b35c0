import type { NextConfig } from 'next';

const config: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'undici', 'dockerode', 'ssh2', 'cpu-features', '@kubernetes/client-node'],
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  poweredByHeader: false,
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
};

export default config;
