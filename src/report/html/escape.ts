// Every piece of text in the page comes from the cluster or a lab file (pod names, event
// messages, exec output, reasons), so all of it goes through here before it reaches HTML or SVG.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside element content and inside a double- or single-quoted attribute. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
