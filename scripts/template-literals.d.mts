/** See template-literals.mjs. */
export function minifyCss(raw: string): string;
export function minifyHtml(raw: string): string;
export function minifyTemplateLiterals(code: string, program: unknown): string | null;
