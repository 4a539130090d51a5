// Compiles a template, as Handlebars parsed it, into one plain JavaScript function. Handlebars' own compiled
// code runs every field through its runtime (a helper lookup, a location object and a strict check for each
// field, an options object and a program wrapper for each block): some 0.5 s of a 10,000-test run's rendering
// (bench/notes.md). This emits what that code computes for the subset the shipped templates use, with the
// semantics of strict mode without escaping: a missing field throws, `if` and `unless` as Handlebars' helpers,
// `each` as render/joining-each.ts, partials with a hash. Anything else is refused at build time, never guessed.
// Types only from Handlebars: the parse happens in the caller (the bundle step, or templates.ts in tests).

// The AST's types are Handlebars' global `hbs.AST`, declared by its typings.
import type {} from 'handlebars';

/** Helper names a field cannot have: a bare `{{name}}` would call the helper in Handlebars. */
const HELPERS = new Set(['blockHelperMissing', 'each', 'helperMissing', 'if', 'log', 'lookup', 'unless', 'with']);

/**
 * The source of `function (rt) { ... return function (c0, root) { ... } }`: given the runtime
 * (template-runtime.ts), the template's function of its context and the `@root` it was first called with.
 */
export function compileTemplate(program: hbs.AST.Program, name: string): string {
  const compiler = new Compiler(name);
  const body = compiler.program(program, 0, 'o');
  return [
    'function (rt) {',
    '  const { strict: s, get: g, lambda: l, truthy: t, each: e, partial: p } = rt;',
    '  return function (c0, root) {',
    '    let o = "";',
    body,
    '    return o;',
    '  };',
    '}',
  ].join('\n');
}

class Compiler {
  constructor(private readonly name: string) {}

  /** Statements appending to `out`, with `depth` the number of `each` bodies around them (c0 the outermost). */
  program(program: hbs.AST.Program, depth: number, out: string): string {
    if (program.blockParams && program.blockParams.length > 0) this.refuse(program, 'block parameters');
    return program.body.map((statement) => this.statement(statement, depth, out)).join('\n');
  }

  private statement(node: hbs.AST.Statement, depth: number, out: string): string {
    switch (node.type) {
      case 'ContentStatement':
        return `${out} += ${JSON.stringify((node as hbs.AST.ContentStatement).value)};`;
      case 'CommentStatement':
        return '';
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement, depth, out);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement, depth, out);
      case 'PartialStatement':
        return this.partial(node as hbs.AST.PartialStatement, depth, out);
      default:
        return this.refuse(node, node.type);
    }
  }

  /** `{{path}}`: the field, strictly (a missing one throws), called if a function, nothing if null. */
  private mustache(node: hbs.AST.MustacheStatement, depth: number, out: string): string {
    if (node.params.length > 0 || (node.hash && node.hash.pairs.length > 0)) this.refuse(node, 'a helper call');
    if (node.path.type !== 'PathExpression') this.refuse(node, `a ${node.path.type}`);
    const path = node.path as hbs.AST.PathExpression;
    if (!path.data && path.depth === 0 && path.parts.length === 1 && HELPERS.has(path.parts[0]!))
      this.refuse(node, `a field named like the helper ${path.parts[0]}`);
    const context = this.context(path, depth);
    return `{ const v = l(${this.lookup(path, depth, true)}, ${context}); if (v != null) ${out} += v; }`;
  }

  private block(node: hbs.AST.BlockStatement, depth: number, out: string): string {
    const helper = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    if (!['if', 'unless', 'each'].includes(helper)) this.refuse(node, `the block ${helper || node.path.type}`);
    if (node.params.length !== 1) this.refuse(node, `#${helper} with ${node.params.length} arguments`);
    if (node.hash && node.hash.pairs.length > 0) this.refuse(node, `#${helper} with a hash`);
    const value = this.param(node.params[0]!, depth);
    const here = `c${depth}`;
    if (helper === 'each') {
      const inner = depth + 1;
      const body = `(c${inner}) => { let o${inner} = ""; ${this.program(node.program, inner, `o${inner}`)} return o${inner}; }`;
      const inverse = node.inverse
        ? `() => { let o${inner} = ""; ${this.program(node.inverse, depth, `o${inner}`)} return o${inner}; }`
        : 'null';
      return `${out} += e(${value}, ${here}, ${body}, ${inverse});`;
    }
    const [yes, no] = helper === 'if' ? [node.program, node.inverse] : [node.inverse, node.program];
    const branch = (program: hbs.AST.Program | undefined) => (program ? this.program(program, depth, out) : '');
    return `if (t(${value}, ${here})) {\n${branch(yes)}\n} else {\n${branch(no)}\n}`;
  }

  /** `{{> name}}` with the current context, or a copy of it with the hash's fields added. */
  private partial(node: hbs.AST.PartialStatement, depth: number, out: string): string {
    if (node.name.type !== 'PathExpression') this.refuse(node, 'a dynamic partial');
    if (node.params.length > 0) this.refuse(node, 'a partial with a context argument');
    const name = (node.name as hbs.AST.PathExpression).original;
    const pairs = node.hash?.pairs ?? [];
    const context =
      pairs.length === 0
        ? `c${depth}`
        : `Object.assign({}, c${depth}, { ${pairs.map((p) => `${JSON.stringify(p.key)}: ${this.param(p.value, depth)}`).join(', ')} })`;
    // A partial alone on its line keeps that line's indent, once, before it (Handlebars with preventIndent).
    const indent = node.indent ? `${out} += ${JSON.stringify(node.indent)};\n` : '';
    return `${indent}${out} += p(${JSON.stringify(name)}, ${context}, root);`;
  }

  /** A helper's argument or a hash value: looked up without the strict check, as Handlebars does. */
  private param(node: hbs.AST.Expression, depth: number): string {
    switch (node.type) {
      case 'PathExpression':
        return this.lookup(node as hbs.AST.PathExpression, depth, false);
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return JSON.stringify((node as hbs.AST.StringLiteral).value);
      case 'NullLiteral':
        return 'null';
      case 'UndefinedLiteral':
        return 'undefined';
      default:
        return this.refuse(node, `a ${node.type}`);
    }
  }

  /** The context a path starts from: `../` climbs out of `each` bodies; `@root` is the first call's context. */
  private context(path: hbs.AST.PathExpression, depth: number): string {
    if (path.data) return 'root';
    if (path.depth > depth) this.refuse(path, `${path.original} above the template's own context`);
    return `c${depth - path.depth}`;
  }

  /**
   * Each part through Handlebars' property lookup (own properties only); the last one strictly when asked (it
   * must exist, `in` the object), as in a `{{field}}`.
   */
  private lookup(path: hbs.AST.PathExpression, depth: number, strict: boolean): string {
    let parts = path.parts;
    if (path.data) {
      if (parts[0] !== 'root') this.refuse(path, `@${parts[0]}`);
      parts = parts.slice(1);
    }
    let code = this.context(path, depth);
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      code =
        strict && last
          ? `s(${code}, ${JSON.stringify(part)}, ${JSON.stringify(this.where(path))})`
          : `g(${code}, ${JSON.stringify(part)})`;
    });
    return code;
  }

  /** `line:column` as Handlebars' errors end. */
  private where(node: hbs.AST.Node): string {
    return `${node.loc.start.line}:${node.loc.start.column}`;
  }

  private refuse(node: hbs.AST.Node, what: string): never {
    throw new Error(`${this.name}:${this.where(node)}: ${what} is not supported by the template compiler`);
  }
}
