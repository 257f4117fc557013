/**
 * A strict reader for the XML this project writes (no DTDs, no CDATA): it throws on anything not well-formed
 * (unbalanced or crossed tags, unquoted or duplicate attributes, bad entity references, stray `<` or `&`) and
 * returns the element tree. Used by the tests to check the GraphML export, since no XML parser is a dependency.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: number): string {
  if (/[<]/.test(raw)) throw new Error(`stray "<" near offset ${where}`);
  if (/&/.test(raw.replace(ENTITY, ''))) throw new Error(`bad entity reference near offset ${where}`);
  return raw.replace(ENTITY, (e) =>
    e === '&amp;'
      ? '&'
      : e === '&lt;'
        ? '<'
        : e === '&gt;'
          ? '>'
          : e === '&quot;'
            ? '"'
            : e === '&apos;'
              ? "'"
              : String.fromCodePoint(Number(e.slice(2, -1).replace(/^x/, '0x'))),
  );
}

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>/, '');
  const token = new RegExp(`<!--[\\s\\S]*?-->|<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>|<|[^<]+`, 'g');
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const [all, close, name, attrText, selfClose] = m;
    const top = stack[stack.length - 1];
    if (all.startsWith('<!--')) continue;
    if (all === '<') throw new Error(`malformed tag at offset ${m.index}`);
    if (!name) {
      if (stack.length === 1 && all.trim()) throw new Error(`text outside the root element at offset ${m.index}`);
      top.text += decode(all, m.index);
      continue;
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> at offset ${m.index}`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} at offset ${m.index}`);
      attrs[a[1]] = decode(a[2] ?? a[3], m.index);
    }
    const el: XmlElement = { name, attrs, children: [], text: '' };
    if (stack.length === 1 && root.children.length) throw new Error('more than one root element');
    top.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0];
}

export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
