// Structural validation of a parsed XML document against an XML Schema, for the constructs
// junit-10-subset.xsd uses and nothing more: global xs:element declarations (type="xs:string" or
// an inline xs:complexType), xs:sequence / xs:choice of element refs with minOccurs/maxOccurs,
// mixed content, xs:attribute with use="required", and named xs:simpleType restrictions with an
// xs:pattern. Any other construct in the schema throws, so the check cannot silently weaken.
// A content model becomes a regular expression over the child element names.

import { childElements, textOf, type XmlElement } from './xml.js';

interface ElementRule {
  /** type="xs:string": text only, no attributes, no child elements. */
  simple: boolean;
  mixed: boolean;
  /** Matches the children's names, each written as `<name>`. */
  content: RegExp;
  attributes: Map<string, { required: boolean; pattern?: RegExp }>;
}

export type Schema = Map<string, ElementRule>;

const XS = 'xs:';

export function compileSchema(schema: XmlElement): Schema {
  if (schema.name !== `${XS}schema`) throw new Error(`not an XML Schema: <${schema.name}>`);
  const patterns = new Map<string, RegExp>();
  for (const simple of childElements(schema, `${XS}simpleType`)) {
    const restriction = only(simple, `${XS}restriction`);
    const pattern = only(restriction, `${XS}pattern`);
    // XSD patterns are implicitly anchored.
    patterns.set(simple.attributes.name!, new RegExp(`^(?:${pattern.attributes.value})$`, 'u'));
  }
  const rules: Schema = new Map();
  for (const declaration of childElements(schema)) {
    if (declaration.name === `${XS}simpleType`) continue;
    if (declaration.name !== `${XS}element`) throw new Error(`unsupported schema construct <${declaration.name}>`);
    const name = declaration.attributes.name!;
    if (declaration.attributes.type === `${XS}string`) {
      rules.set(name, { simple: true, mixed: true, content: /^$/, attributes: new Map() });
      continue;
    }
    const complex = only(declaration, `${XS}complexType`);
    const attributes = new Map<string, { required: boolean; pattern?: RegExp }>();
    let model = '';
    for (const part of childElements(complex)) {
      if (part.name === `${XS}attribute`) {
        const type = part.attributes.type ?? `${XS}string`;
        if (type !== `${XS}string` && !patterns.has(type)) throw new Error(`unknown attribute type ${type}`);
        attributes.set(part.attributes.name!, { required: part.attributes.use === 'required', pattern: patterns.get(type) });
      } else {
        if (model) throw new Error(`${name}: more than one content model`);
        model = particle(part);
      }
    }
    rules.set(name, { simple: false, mixed: complex.attributes.mixed === 'true', content: new RegExp(`^${model}$`), attributes });
  }
  return rules;
}

function particle(node: XmlElement): string {
  let body: string;
  if (node.name === `${XS}element`) {
    if (!node.attributes.ref) throw new Error('only element refs are supported inside content models');
    body = `<${node.attributes.ref}>`;
  } else if (node.name === `${XS}sequence`) {
    body = childElements(node).map(particle).join('');
  } else if (node.name === `${XS}choice`) {
    body = childElements(node).map(particle).join('|');
  } else {
    throw new Error(`unsupported content model <${node.name}>`);
  }
  const min = node.attributes.minOccurs ?? '1';
  const max = node.attributes.maxOccurs ?? '1';
  return `(?:${body}){${min},${max === 'unbounded' ? '' : max}}`;
}

function only(parent: XmlElement, name: string): XmlElement {
  const found = childElements(parent);
  if (found.length !== 1 || found[0]!.name !== name) throw new Error(`<${parent.name}>: expected exactly one <${name}>, found ${found.map((e) => `<${e.name}>`).join(' ') || 'none'}`);
  return found[0]!;
}

/** Every violation in the document, as `path: problem` lines (empty when it is valid). */
export function validate(root: XmlElement, schema: Schema, rootName: string): string[] {
  const problems: string[] = [];
  if (root.name !== rootName) problems.push(`/${root.name}: the root element must be <${rootName}>`);
  const visit = (element: XmlElement, path: string) => {
    const rule = schema.get(element.name);
    if (!rule) {
      problems.push(`${path}: <${element.name}> is not declared`);
      return;
    }
    for (const [name, value] of Object.entries(element.attributes)) {
      const attribute = rule.attributes.get(name);
      if (!attribute) problems.push(`${path}: attribute ${name} is not allowed`);
      else if (attribute.pattern && !attribute.pattern.test(value)) problems.push(`${path}: ${name}="${value}" does not match ${attribute.pattern}`);
    }
    for (const [name, attribute] of rule.attributes) {
      if (attribute.required && !(name in element.attributes)) problems.push(`${path}: required attribute ${name} is missing`);
    }
    const children = childElements(element);
    if (rule.simple && children.length > 0) problems.push(`${path}: <${element.name}> holds text only`);
    if (!rule.content.test(children.map((child) => `<${child.name}>`).join(''))) {
      problems.push(`${path}: children ${children.map((c) => c.name).join(', ') || '(none)'} do not fit the content model ${rule.content.source}`);
    }
    const strayText = element.children.some((child) => typeof child === 'string' && child.trim() !== '');
    if (strayText && !rule.mixed) problems.push(`${path}: text is not allowed in <${element.name}>: ${JSON.stringify(textOf(element).trim().slice(0, 40))}`);
    children.forEach((child, index) => visit(child, `${path}/${child.name}[${index}]`));
  };
  visit(root, `/${root.name}`);
  return problems;
}
