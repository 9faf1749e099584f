/**
 * Reads the main process's TypeScript (with the compiler's own parser) for the security wiring
 * that no unit test of a single function can show: which settings every window is created
 * with, that startup hardens every web contents and the default session, and that every IPC
 * channel is bound through the sender check. Electronegativity reads only object literals, so
 * it cannot follow `webPreferences: secureWebPreferences(...)`; this can.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

function visit(node: ts.Node, onNode: (node: ts.Node) => void): void {
  onNode(node);
  node.forEachChild((child) => visit(child, onNode));
}

function lineOf(node: ts.Node): number {
  return node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
}

/** `a.b` as text, `f` for an identifier, '' for anything else. */
function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) {
    const left = calleeName(expression.expression);
    return left ? `${left}.${expression.name.text}` : '';
  }
  return '';
}

const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

export interface WindowCreation {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  /**
   * Where its webPreferences come from: the called function's name, 'object literal', or
   * 'none' (Electron's defaults).
   */
  readonly webPreferencesFrom: string;
}

/** Every `new BrowserWindow(...)` (or BrowserView, WebContentsView) in the non-test sources. */
export function windowCreations(dir: string): WindowCreation[] {
  const found: WindowCreation[] = [];
  for (const path of sourceFilesUnder(dir)) {
    visit(parse(path), (node) => {
      if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return;
      if (!WINDOW_CLASSES.has(node.expression.text)) return;
      const [options] = node.arguments ?? [];
      let from = 'none';
      if (options && ts.isObjectLiteralExpression(options)) {
        const property = options.properties.find(
          (p): p is ts.PropertyAssignment =>
            ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'webPreferences',
        );
        if (property && ts.isCallExpression(property.initializer)) {
          from = calleeName(property.initializer.expression) || 'an expression';
        } else if (property) {
          from = ts.isObjectLiteralExpression(property.initializer) ? 'object literal' : 'an expression';
        }
      } else if (options) {
        from = 'an expression';
      }
      found.push({
        file: relative(dir, path).replaceAll('\\', '/'),
        line: lineOf(node),
        kind: node.expression.text,
        webPreferencesFrom: from,
      });
    });
  }
  return found;
}

export interface StartupGuards {
  /** `app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, …))`. */
  readonly hardensEveryWebContents: boolean;
  /** `denyAllPermissions(session.defaultSession)`. */
  readonly deniesPermissionsOnDefaultSession: boolean;
  /** `bindIpcMain(ipcMain, …)`: the registry is bound through the sender check. */
  readonly bindsIpcThroughSenderCheck: boolean;
}

export function startupGuards(path: string): StartupGuards {
  let hardens = false;
  let denies = false;
  let binds = false;
  visit(parse(path), (node) => {
    if (!ts.isCallExpression(node)) return;
    const name = calleeName(node.expression);
    const [first, second] = node.arguments;
    if (
      name === 'app.on' &&
      first &&
      ts.isStringLiteral(first) &&
      first.text === 'web-contents-created' &&
      second &&
      (ts.isArrowFunction(second) || ts.isFunctionExpression(second))
    ) {
      const contents = second.parameters[1]?.name;
      const contentsName = contents && ts.isIdentifier(contents) ? contents.text : '';
      visit(second.body, (inner) => {
        if (
          ts.isCallExpression(inner) &&
          calleeName(inner.expression) === 'hardenWebContents' &&
          inner.arguments[0] &&
          ts.isIdentifier(inner.arguments[0]) &&
          inner.arguments[0].text === contentsName
        ) {
          hardens = true;
        }
      });
    }
    if (name === 'denyAllPermissions' && first && calleeName(first) === 'session.defaultSession')
      denies = true;
    if (name === 'bindIpcMain' && first && calleeName(first) === 'ipcMain') binds = true;
  });
  return {
    hardensEveryWebContents: hardens,
    deniesPermissionsOnDefaultSession: denies,
    bindsIpcThroughSenderCheck: binds,
  };
}

/** `ipcMain.handle/on/once/handleOnce` calls outside `allowedFile`: channels that skip the sender check. */
export function directIpcMainCalls(dir: string, allowedFile: string): Array<{ file: string; line: number }> {
  const found: Array<{ file: string; line: number }> = [];
  for (const path of sourceFilesUnder(dir)) {
    const file = relative(dir, path).replaceAll('\\', '/');
    if (file === allowedFile) continue;
    visit(parse(path), (node) => {
      if (!ts.isCallExpression(node)) return;
      if (/^ipcMain\.(handle|handleOnce|on|once|addListener)$/.test(calleeName(node.expression))) {
        found.push({ file, line: lineOf(node) });
      }
    });
  }
  return found;
}
