import { z } from 'zod';

/** A remote service's base URL in settings: http(s) only; null means the public service. */
export const ServiceBaseUrl = z
  .url({ protocol: /^https?$/ })
  .nullable()
  .default(null);
