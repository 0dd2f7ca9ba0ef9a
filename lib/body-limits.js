// Plain JavaScript so next.config.js can import it: the one definition of every request body cap, in bytes.

/**
 * An import's request (the file's text as JSON): the form, the API route and the proxy all take it from here.
 * Larger files go through `npm run data -- import`.
 * @type {number}
 */
export const MAX_IMPORT_BODY_BYTES = 20 * 1024 * 1024;

/**
 * A form's JSON: a hypothesis, a paper account, a rule draft.
 * @type {number}
 */
export const MAX_FORM_BODY_BYTES = 64 * 1024;

/**
 * The largest body any route accepts: the proxy must buffer at least this much, since it silently truncates the rest.
 * @type {number}
 */
export const MAX_REQUEST_BODY_BYTES = Math.max(MAX_IMPORT_BODY_BYTES, MAX_FORM_BODY_BYTES);
