const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_GLOBAL = /[\u007f-\uffff]/g;

/** Encodes like PHP's json_encode (as WordPress sends it): slashes and non-ASCII escaped. */
export function phpJsonEncode(value: unknown): string {
  const json = JSON.stringify(value).replaceAll('/', '\\/');
  if (!NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII_GLOBAL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
