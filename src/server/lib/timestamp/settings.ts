import type { Config } from '../../config.js';
import { readTrustAnchors } from './anchors.js';
import type { TimestampSettings } from './client.js';

/** The configured authorities; refuses to start with authorities but nothing to check them against. */
export function timestampSettings(config: Config): TimestampSettings {
  if (config.tsaUrls.length > 0 && !config.tsaCaFile)
    throw new Error(
      'MIANTAN_TSA_URL is set but MIANTAN_TSA_CA_FILE is not: name the PEM file of the roots its certificate chains to',
    );
  return {
    urls: config.tsaUrls,
    // also without authorities: tokens stored earlier still verify
    trustAnchors: config.tsaCaFile ? readTrustAnchors(config.tsaCaFile) : [],
    timeoutMs: config.tsaTimeoutMs,
  };
}
