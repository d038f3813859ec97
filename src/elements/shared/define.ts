/**
 * Registers a tag once. Defining the same class again is a no-op (a module loaded twice, two
 * bundles of the same version); a different class under the tag is left in place with a
 * warning, because throwing would break the host page over a duplicate import.
 */
export function defineElement(
  tag: string,
  constructor: CustomElementConstructor,
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): void {
  // Imported on a server (SSR, a Node test): there is no registry, and nothing to define.
  if (!registry) return;
  const existing = registry.get(tag);
  if (existing === constructor) return;
  if (existing) {
    console.warn(`omneo-pos-kit: <${tag}> is already defined by another class; keeping that one.`);
    return;
  }
  registry.define(tag, constructor);
}
