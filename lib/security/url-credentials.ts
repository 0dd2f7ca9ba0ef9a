/** What stands in for the password of a `scheme://user:password@host` URL. */
export const URL_PASSWORD_MARK = "[redacted]";

/**
 * A URL written in text, up to what ends it there: whitespace, quotes, markup brackets, a backslash (JSON escapes).
 * The scheme keeps a URL's start recognisable; the rest is read by hand below, not by `new URL`, which ends the
 * authority at the first `/` and so reads `p@ss/word@host` as host `ss` and shows the rest of the password.
 */
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s"'`<>\\]*)/gi;

interface Userinfo {
  user: string;
  password: string;
  /** The `@host…` rest of the URL. */
  rest: string;
}

/**
 * The user and password of the text after `scheme://`: a password may hold an unescaped `@`, so the userinfo runs
 * to the last `@` before the host. A `/`, `?` or `#` before the first `:` means a path, not a user.
 */
function userinfoOf(afterScheme: string): Userinfo | undefined {
  const at = afterScheme.lastIndexOf("@");
  const colon = afterScheme.indexOf(":");
  if (at < 0 || colon < 0 || colon > at) return undefined;
  const user = afterScheme.slice(0, colon);
  if (/[/?#]/.test(user)) return undefined;
  return { user, password: afterScheme.slice(colon + 1, at), rest: afterScheme.slice(at) };
}

/** The password of a `scheme://user:password@host` URL as written in it (percent-encoded or not), if it has one. */
export function urlPassword(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(.*)$/is.exec(url.trim());
  const password = match ? userinfoOf(match[1] ?? "")?.password : undefined;
  return password === "" ? undefined : password;
}

/** Replaces the password of every `scheme://user:password@host` URL in `text` (the user stays, to say who). */
export function redactUrlCredentials(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(URL_IN_TEXT, (whole, scheme: string, afterScheme: string) => {
    const info = userinfoOf(afterScheme);
    return info && info.password !== "" ? `${scheme}${info.user}:${URL_PASSWORD_MARK}${info.rest}` : whole;
  });
}
