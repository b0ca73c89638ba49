// What the link form does to an address before it is sent: the same rule as the library's
// (store::evidence::check_url), so the field shows what will be stored — a bare host such as
// `status.example.com/ok` gets `https://`; anything else is left for the library to judge.
export function normalizeUrl(text: string): string {
  const url = text.trim();
  if (url === "" || url.includes("://") || /^mailto:/i.test(url)) return url;
  const host = url.split(/[/?#]/)[0];
  return host.includes(".") && !host.startsWith(".") && !host.endsWith(".") ? `https://${url}` : url;
}
