/**
 * Throws an Error naming the first problem unless `svg` is a well-formed XML document with an `<svg>`
 * root: every tag closed in order, every attribute quoted, no stray `<` or unescaped `&` in text. A
 * small checker for the SVG files the examples write (no XML parser among the dependencies).
 */
export function checkSvgWellFormed(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  const textOk = (text: string, where: number) => {
    const bad = /<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
    if (bad !== null) throw new Error(`svg: unescaped '${bad[0]}' in text at ${where + bad.index}`);
  };
  for (const m of svg.matchAll(/<[^<>]*>/g)) {
    const tag = m[0];
    const index = m.index;
    const text = svg.slice(at, index);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`svg: text outside the root element at ${at}`);
    textOk(text, at);
    at = index + tag.length;
    if (tag.startsWith('<?') || tag.startsWith('<!--')) continue;
    const close = /^<\/([A-Za-z][\w:.-]*)\s*>$/.exec(tag);
    if (close !== null) {
      const open = stack.pop();
      if (open !== close[1]) throw new Error(`svg: </${close[1]}> at ${index} closes <${open ?? 'nothing'}>`);
      continue;
    }
    const open = /^<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>$/.exec(tag);
    if (open === null) throw new Error(`svg: malformed tag ${tag.slice(0, 60)} at ${index}`);
    textOk(open[2], index);
    const names = [...open[2].matchAll(/([\w:.-]+)=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) throw new Error(`svg: repeated attribute in ${tag.slice(0, 60)} at ${index}`);
    if (stack.length === 0) {
      roots++;
      if (roots > 1 || open[1] !== 'svg') throw new Error(`svg: the document's root must be one <svg>, found <${open[1]}> at ${index}`);
    }
    if (open[3] !== '/') stack.push(open[1]);
    else if (stack.length === 0) throw new Error('svg: the root <svg> is empty');
  }
  if (svg.slice(at).trim() !== '') throw new Error(`svg: text after the root element at ${at}`);
  if (stack.length > 0) throw new Error(`svg: <${stack[stack.length - 1]}> is never closed`);
  if (roots === 0) throw new Error('svg: no <svg> element');
}
