// What the bundles get for `handlebars`: their templates are compiled to JavaScript when bundled
// (scripts/bundle-lib.mjs), so only the text path of src/render/templates.ts, which tests take, would parse.
function parse() {
  throw new Error('templates are compiled when bundled: Handlebars is not in the bundle');
}

module.exports = { parse };
module.exports.default = module.exports;
