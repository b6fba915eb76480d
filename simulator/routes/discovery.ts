import type { StoreIdentity } from '@/simulator/store-identity';

/** GET /wp-json/ trimmed to what clients look at (capture 28). */
export function siteIndex(identity: StoreIdentity) {
  return {
    name: identity.title,
    description: '',
    url: identity.homeUrl,
    home: identity.homeUrl,
    gmt_offset: String(identity.utcOffsetMinutes / 60),
    timezone_string: '',
    namespaces: [
      'oembed/1.0',
      'wc/v3',
      'wc/v1',
      'jetpack/v4',
      'wc-admin',
      'wc-analytics',
      'wc/store',
      'wc/store/v1',
      'wc/private',
      'wc/v2',
      'wc-admin-email',
      'wc-telemetry',
      'wccom-site/v3',
      'wp/v2',
      'wp-site-health/v1',
      'wp-block-editor/v1',
    ],
    authentication: {
      'application-passwords': {
        endpoints: { authorization: `${identity.homeUrl}/wp-admin/authorize-application.php` },
      },
    },
    routes: {},
  };
}

export function namespaceIndex() {
  return { namespace: 'wc/v3', routes: {} };
}
