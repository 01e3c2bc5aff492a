/** The per-response nonce the server writes into index.html; the CSP refuses styles without it. */
export function readCspNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  // Under `vite dev` nothing replaces the placeholder, and no CSP applies either.
  return content && content !== '__CSP_NONCE__' ? content : undefined;
}

/**
 * antd hands the nonce to the styles it injects through `ConfigProvider csp`, but its scroll
 * locker (used by every Modal and Drawer) and its scrollbar measurement create `<style>` elements
 * without one, which the CSP refuses. Giving every style element created on this page the nonce
 * closes that gap; it adds no power, since any script of ours can read the nonce anyway.
 */
export function nonceNewStyleElements(nonce: string): void {
  const create = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = create(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
