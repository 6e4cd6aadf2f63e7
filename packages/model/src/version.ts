/**
 * The version of Frontline's schemas and API contracts: the same as this package's semver version
 * (a test keeps them equal). A breaking change to any exported schema bumps it as the README describes.
 */
export const SCHEMA_VERSION = "0.6.0";
