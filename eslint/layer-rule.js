import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYER_OF } from './layer-table.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Unit tests beside the code may use the shared test helpers; nothing else under src/ may reach into test/.
const TEST_SUPPORT = 'test/support';

/** `src/<folder>`, `taggers` or `manifests` for a path in the repository; null outside the layered code. */
function layerFolder(file) {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts[0] === 'taggers' || parts[0] === 'manifests') return parts[0];
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : 'src';
  return null;
}

function describe(folder) {
  const layer = LAYER_OF.get(folder);
  return layer ? `${folder} (layer ${layer})` : folder;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerRule = {
  meta: {
    type: 'problem',
    docs: { description: "imports follow the design map's layers (eslint/layer-table.js)" },
    schema: [],
  },
  create(context) {
    const from = layerFolder(context.filename);
    if (!from) return {};
    if (!LAYER_OF.has(from)) {
      return {
        Program(node) {
          context.report({
            node,
            message: `${from} is in no layer of the design map: add it to eslint/layer-table.js`,
          });
        },
      };
    }
    const isTest = context.filename.endsWith('.test.ts');
    const check = (node) => {
      const request = node?.type === 'Literal' ? node.value : undefined;
      if (typeof request !== 'string' || !request.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), request);
      const relative = path.relative(ROOT, target).split(path.sep).join('/');
      const to = layerFolder(target);
      if (!to) {
        if (isTest && relative.startsWith(`${TEST_SUPPORT}/`)) return;
        if (relative.startsWith('..') || relative.startsWith('node_modules/')) return;
        context.report({
          node,
          message: `${describe(from)} may not import ${relative}: it is outside the layered code`,
        });
        return;
      }
      if (to === from) return;
      const toLayer = LAYER_OF.get(to);
      if (!toLayer) {
        context.report({
          node,
          message: `${describe(from)} imports ${to}, which is in no layer of the design map`,
        });
      } else if (toLayer > LAYER_OF.get(from)) {
        context.report({
          node,
          message: `${describe(from)} may not import ${describe(to)}: a folder imports only its own line and the lines above it (${request})`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
