import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@woocommerce/woocommerce-rest-api', 'pg', 'ws'],
  poweredByHeader: false,
};

export default nextConfig;
