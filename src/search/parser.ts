/**
 * Recursive-descent parser: tokens → QueryNode. Grammar (docs/query-language.md):
 *
 *   query   := or? EOF
 *   or      := and ( "OR" and )*
 *   and     := unary ( "AND"? unary )*
 *   unary   := ( "NOT" | "-" ) unary | primary
 *   primary := "(" or ")" | near | field ( value | "(" or ")" ) | word | phrase
 *   near    := "NEAR(" term+ ( "," integer )? ")"
 *
 * Words that carry no searchable character (`---`, `""`) are dropped rather than refused: they
 * match nothing in the tokenizer either. Every refusal is a QuerySyntaxError with a position.
 */
import type { NearGroup, QueryNode, TextColumn, TextTerm } from "./ast.js";
import { filterValue, type RawValue, resolveField, TEXT_FIELDS } from "./fields.js";
import { type Token, tokenize } from "./lexer.js";
import { QuerySyntaxError } from "./types.js";

/** Nesting and size limits: generous for people, small enough to bound SQL and FTS5 work. */
export const MAX_DEPTH = 32;
export const MAX_TERMS = 64;
export const MAX_NEAR_DISTANCE = 1000;
const DEFAULT_NEAR_DISTANCE = 10;

/** Something the FTS5 unicode61 tokenizer would index: a letter, digit or private-use character. */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
export function hasTokenChar(s: string): boolean {
  return TOKEN_CHAR.test(s);
}

/** The field a group such as `subject:( ... )` applies to its terms. */
interface FieldContext {
  field: string;
  pos: number;
}

class Parser {
  private i = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isOp(t: Token, op: "AND" | "OR" | "NOT"): boolean {
    return t.type === "word" && !t.prefix && t.text === op;
  }

  /** True when nothing can start an operand here. */
  private atOperandEnd(): boolean {
    const t = this.peek();
    return t.type === "eof" || t.type === "rparen" || this.isOp(t, "OR") || this.isOp(t, "AND");
  }

  parseQuery(): QueryNode {
    if (this.peek().type === "eof") return { kind: "all", pos: 0 };
    const node = this.parseOr(null);
    const t = this.peek();
    if (t.type === "rparen") throw new QuerySyntaxError("unmatched )", t.pos);
    if (t.type !== "eof") throw new QuerySyntaxError("unexpected input", t.pos);
    return node ?? { kind: "all", pos: 0 };
  }

  private parseOr(ctx: FieldContext | null): QueryNode | null {
    const start = this.peek().pos;
    const children: (QueryNode | null)[] = [this.parseAnd(ctx)];
    while (this.isOp(this.peek(), "OR")) {
      const op = this.next();
      if (this.atOperandEnd()) throw new QuerySyntaxError("missing term after OR", op.pos);
      children.push(this.parseAnd(ctx));
    }
    return combine("or", children, start);
  }

  private parseAnd(ctx: FieldContext | null): QueryNode | null {
    const start = this.peek().pos;
    const first = this.peek();
    if (this.isOp(first, "OR") || this.isOp(first, "AND")) {
      throw new QuerySyntaxError(
        `missing term before ${(first as { text: string }).text}`,
        first.pos,
      );
    }
    const children: (QueryNode | null)[] = [this.parseUnary(ctx)];
    for (;;) {
      const t = this.peek();
      if (t.type === "eof" || t.type === "rparen" || this.isOp(t, "OR")) break;
      if (t.type === "comma") {
        this.next(); // a stray comma separates like a space
        continue;
      }
      if (this.isOp(t, "AND")) {
        this.next();
        if (this.atOperandEnd()) throw new QuerySyntaxError("missing term after AND", t.pos);
      }
      children.push(this.parseUnary(ctx));
    }
    return combine("and", children, start);
  }

  private parseUnary(ctx: FieldContext | null): QueryNode | null {
    const t = this.peek();
    if (this.isOp(t, "NOT") || t.type === "minus") {
      this.next();
      const label = t.type === "minus" ? "-" : "NOT";
      if (this.atOperandEnd()) throw new QuerySyntaxError(`missing term after ${label}`, t.pos);
      const child = this.parseUnary(ctx);
      return child ? { kind: "not", child, pos: t.pos } : null;
    }
    return this.parsePrimary(ctx);
  }

  private parseGroup(ctx: FieldContext | null): QueryNode | null {
    const open = this.next();
    if (++this.depth > MAX_DEPTH) {
      throw new QuerySyntaxError(`too deeply nested (at most ${MAX_DEPTH} levels)`, open.pos);
    }
    if (this.peek().type === "rparen") throw new QuerySyntaxError("empty ( )", open.pos);
    const inner = this.parseOr(ctx);
    const close = this.next();
    if (close.type !== "rparen") throw new QuerySyntaxError("missing ) to close (", open.pos);
    this.depth--;
    return inner;
  }

  private parsePrimary(ctx: FieldContext | null): QueryNode | null {
    const t = this.peek();
    switch (t.type) {
      case "lparen":
        return this.parseGroup(ctx);
      case "near":
        return this.parseNear(ctx ? this.textColumn(ctx, t.pos) : null);
      case "field":
        return this.parseField(ctx);
      case "word":
      case "phrase":
        if (t.type === "word" && t.text === "NEAR" && !t.prefix) throw this.bareNear(t.pos);
        this.next();
        return this.leaf(ctx, {
          text: t.text,
          phrase: t.type === "phrase",
          prefix: t.prefix,
          fuzzy: t.type === "word" && t.fuzzy === true,
          pos: t.pos,
        });
      case "rparen":
        throw new QuerySyntaxError("unmatched )", t.pos);
      case "comma":
        throw new QuerySyntaxError("unexpected ,", t.pos);
      case "minus":
      case "eof":
        throw new QuerySyntaxError("missing term", t.pos);
    }
  }

  private parseField(ctx: FieldContext | null): QueryNode | null {
    const t = this.next() as Extract<Token, { type: "field" }>;
    if (ctx) {
      throw new QuerySyntaxError(`field ${t.name}: inside ${ctx.field}:( ... )`, t.pos);
    }
    const field = resolveField(t.name, t.pos);
    const own = { field, pos: t.pos };
    const v = this.peek();
    if (v.type === "lparen") return this.parseGroup(own);
    if (v.type === "near") return this.parseNear(this.textColumn(own, v.pos));
    if (v.type !== "word" && v.type !== "phrase") {
      throw new QuerySyntaxError(`missing value after ${t.name}:`, t.valuePos);
    }
    this.next();
    return this.leaf(own, {
      text: v.text,
      phrase: v.type === "phrase",
      prefix: v.prefix,
      fuzzy: v.type === "word" && v.fuzzy === true,
      pos: v.pos,
    });
  }

  /**
   * `nuclear NEAR smuggling` reads like proximity but would search the word "near": refused, with
   * the group it probably meant built from the words on either side.
   */
  private bareNear(pos: number): QuerySyntaxError {
    const word = (t: Token | undefined) =>
      t?.type === "word" ? t.text : t?.type === "phrase" ? `"${t.text}"` : null;
    const before = word(this.tokens[this.i - 1]);
    const after = word(this.tokens[this.i + 1]);
    const example = `NEAR(${before ?? "word1"} ${after ?? "word2"}, ${DEFAULT_NEAR_DISTANCE})`;
    return new QuerySyntaxError(
      `NEAR needs parentheses: ${example} finds the words within ${DEFAULT_NEAR_DISTANCE} words of each other; write "near" in lower case to search the word`,
      pos,
    );
  }

  private textColumn(ctx: FieldContext, pos: number): TextColumn {
    if (!TEXT_FIELDS.has(ctx.field)) {
      throw new QuerySyntaxError(`NEAR works on text, not on ${ctx.field}:`, pos);
    }
    return ctx.field as TextColumn;
  }

  private countTerm(pos: number): void {
    if (++this.terms > MAX_TERMS) {
      throw new QuerySyntaxError(`too many terms (at most ${MAX_TERMS})`, pos);
    }
  }

  private leaf(ctx: FieldContext | null, v: RawValue): QueryNode | null {
    this.countTerm(v.pos);
    if (ctx && !TEXT_FIELDS.has(ctx.field)) {
      if (v.fuzzy) {
        throw new QuerySyntaxError(`${ctx.field}: does not take ~ (variants are for words)`, v.pos);
      }
      return { kind: "filter", filter: filterValue(ctx.field, v), pos: v.pos };
    }
    return this.textTerm(ctx ? (ctx.field as TextColumn) : null, v);
  }

  private textTerm(column: TextColumn | null, v: RawValue): TextTerm | null {
    if (!hasTokenChar(v.text)) return null;
    const term: TextTerm = {
      kind: "text",
      column,
      text: v.text,
      phrase: v.phrase,
      prefix: v.prefix,
      pos: v.pos,
    };
    if (v.fuzzy) term.fuzzy = true;
    return term;
  }

  private parseNear(column: TextColumn | null): NearGroup {
    const near = this.next();
    this.next(); // the "(" the lexer put right after NEAR
    if (++this.depth > MAX_DEPTH) {
      throw new QuerySyntaxError(`too deeply nested (at most ${MAX_DEPTH} levels)`, near.pos);
    }
    const terms: TextTerm[] = [];
    let distance = DEFAULT_NEAR_DISTANCE;
    for (;;) {
      const t = this.next();
      if (t.type === "word" || t.type === "phrase") {
        if (t.type === "word" && t.fuzzy) {
          throw new QuerySyntaxError("NEAR( ) takes words and phrases, not variant~ words", t.pos);
        }
        this.countTerm(t.pos);
        const term = this.textTerm(column, {
          text: t.text,
          phrase: t.type === "phrase",
          prefix: t.prefix,
          pos: t.pos,
        });
        if (term) terms.push(term);
      } else if (t.type === "comma") {
        const n = this.next();
        if (n.type !== "word" || !/^\d{1,4}$/.test(n.text) || Number(n.text) > MAX_NEAR_DISTANCE) {
          throw new QuerySyntaxError(
            `NEAR distance must be a number from 0 to ${MAX_NEAR_DISTANCE}`,
            n.pos,
          );
        }
        distance = Number(n.text);
        const close = this.next();
        if (close.type !== "rparen")
          throw new QuerySyntaxError("missing ) to close NEAR(", near.pos);
        break;
      } else if (t.type === "rparen") {
        break;
      } else if (t.type === "eof") {
        throw new QuerySyntaxError("missing ) to close NEAR(", near.pos);
      } else {
        throw new QuerySyntaxError("NEAR( ) takes only words and phrases", t.pos);
      }
    }
    this.depth--;
    if (terms.length < 2) throw new QuerySyntaxError("NEAR( ) needs at least two terms", near.pos);
    return { kind: "near", column, terms, distance, pos: near.pos };
  }
}

/** An and/or of the children that survived, flattened: `(a b) c` is one AND of three. */
function combine(
  kind: "and" | "or",
  children: (QueryNode | null)[],
  pos: number,
): QueryNode | null {
  const kept: QueryNode[] = [];
  for (const c of children) {
    if (!c) continue;
    if (c.kind === kind) kept.push(...c.children);
    else kept.push(c);
  }
  if (kept.length === 0) return null;
  if (kept.length === 1) return kept[0]!;
  return { kind, children: kept, pos };
}

/** Query text → AST. Throws QuerySyntaxError (message + 0-based position), nothing else. */
export function parseQuery(query: string): QueryNode {
  return new Parser(tokenize(query)).parseQuery();
}
