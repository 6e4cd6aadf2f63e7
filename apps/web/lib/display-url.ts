// URLs as the dashboard shows them: credentials (user:password@) are never displayed.

// The authority ends at the first / ? # (or \, which browsers read as / in http URLs); its last @ ends the userinfo.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i;

/** The URL with any userinfo replaced by `***`, e.g. `http://***@127.0.0.1/`; otherwise unchanged. */
export const redactUrl = (url: string): string => url.replace(USERINFO, "$1***@");
