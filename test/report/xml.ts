// A strict little XML 1.0 parser for the report tests: elements, attributes, text, comments, the
// XML declaration, the five predefined entities and character references. It throws on what a
// real parser rejects and the JUnit writer could get wrong: characters outside XML's Char
// production, a raw `<` or `&`, `]]>` in text, unknown entities, mismatched or unclosed tags,
// duplicate attributes. Attribute values are normalised as §3.3.3 says (literal tab/CR/LF become
// spaces), so a writer that forgot to escape a line break is caught too.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
// XML 1.0 §2.2 Char (tested per UTF-16 code unit; surrogates must come in pairs).
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  const illegal = ILLEGAL.exec(source);
  if (illegal) throw new Error(`character U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML (offset ${illegal.index})`);
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${pos}: ${JSON.stringify(source.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(source);
    if (!match) return fail('expected a name');
    pos += match[0].length;
    return match[0];
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) return fail(`unterminated reference ${whole}`);
      if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
      const entity = ENTITIES[ref];
      return entity ?? fail(`unknown entity &${ref};`);
    });
  const misc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end === -1) fail('unclosed comment');
        pos = end + 3;
      } else if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end === -1) fail('unclosed processing instruction');
        pos = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[pos] !== '<') fail('expected <');
    pos++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name: tag, attributes, children: [] };
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      const attribute = name();
      skipSpace();
      if (source[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = source.indexOf(quote!, pos + 1);
      if (end === -1) fail('unclosed attribute value');
      const raw = source.slice(pos + 1, end);
      if (raw.includes('<')) fail('raw < in an attribute value');
      if (attribute in attributes) fail(`duplicate attribute ${attribute}`);
      attributes[attribute] = decode(raw.replace(/[\t\r\n]/g, ' '));
      pos = end + 1;
    }
    const children: XmlNode[] = [];
    for (;;) {
      const next = source.indexOf('<', pos);
      if (next === -1) fail(`unclosed <${tag}>`);
      const raw = source.slice(pos, next);
      if (raw.includes(']]>')) fail(']]> in text');
      if (raw.length > 0) children.push(decode(raw.replace(/\r\n?/g, '\n')));
      pos = next;
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (source[pos] !== '>') fail('expected >');
        pos++;
        return { name: tag, attributes, children };
      }
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end === -1) fail('unclosed comment');
        pos = end + 3;
        continue;
      }
      children.push(element());
    }
  };
  misc();
  const root = element();
  misc();
  if (pos !== source.length) fail('content after the root element');
  return root;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name));
}

export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
