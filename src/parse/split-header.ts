// PLACEHOLDER (owner: header helper): separate transmission header from body; detect partial extracts.

export interface SplitResult {
  header: string | null;
  body: string;
  partial: boolean;
  warnings: string[];
}

export function splitHeader(header: string | null, body: string): SplitResult {
  return { header, body, partial: false, warnings: [] };
}
