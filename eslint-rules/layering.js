// The house's layering, checked on every import (ARCHITECTURE.md, "Rules"). One table, resolved paths: a
// relative import is judged by the file it reaches, not by how its path is spelled.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const DOMAIN_ROOMS = [
  'annotations',
  'atlas',
  'contract',
  'embeddings',
  'graph',
  'ideator',
  'judge',
  'library',
  'literature',
  'llm',
  'local-llm',
  'mining',
  'papers',
  'ratings',
  'reports',
  'shared',
];
const OUTER_LAYERS = ['src-main/core/', 'src-main/server/', 'src-main/cli/', 'e2e/'];

/** @param {string} file absolute path @returns {string} path from the repository root, with forward slashes */
function fromRoot(file) {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The domain room a file lives in, or null. */
function domainRoom(rel) {
  const match = /^src-main\/([^/]+)\//.exec(rel);
  return match && DOMAIN_ROOMS.includes(match[1]) ? match[1] : null;
}

/** The renderer feature a file lives in, or null. */
function feature(rel) {
  const match = /^src-renderer\/features\/([^/]+)\//.exec(rel);
  return match ? match[1] : null;
}

function isTestOrSupport(rel) {
  return /\.test\.ts$/.test(rel) || /(^|\/)test-support\//.test(rel);
}

/** Why importing `target` from `source` breaks the layering, or null. Both are paths from the repository root. */
export function layeringViolation(source, target) {
  // shared/ is plain data both processes import: it reaches nothing else, so the renderer pulls in no main code.
  if (source.startsWith('shared/') && !isTestOrSupport(source) && !target.startsWith('shared/')) {
    return 'shared/ holds plain data both processes import: it may import only from shared/';
  }
  const room = domainRoom(source);
  if (room && !isTestOrSupport(source)) {
    const outer = OUTER_LAYERS.find((layer) => target.startsWith(layer));
    if (outer)
      return `the ${room} room may not import ${outer} (domain rooms sit below core, server, cli and e2e)`;
  }
  const from = feature(source);
  const to = feature(target);
  if (from && to && from !== to) {
    return `features/${from} may not import features/${to}: move what both need to src-renderer/lib/`;
  }
  return null;
}

const layering = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Domain rooms never import outer layers; renderer features never import each other.',
    },
    schema: [],
  },
  create(context) {
    const source = fromRoot(context.filename);
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = fromRoot(path.resolve(path.dirname(context.filename), spec));
      const why = layeringViolation(source, target);
      if (why) context.report({ node: node.source, message: why });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layering } };
