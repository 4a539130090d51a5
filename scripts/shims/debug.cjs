// What the bundles get for the `debug` package (@secretlint/core logs through it): a logger that never prints.
// The real one reads DEBUG and loads tty and net at start-up, for output no user of e2e-triage asks for.
function createDebug() {
  const log = () => {};
  log.enabled = false;
  log.extend = createDebug;
  return log;
}
createDebug.enable = () => {};
createDebug.disable = () => '';
createDebug.enabled = () => false;

module.exports = createDebug;
module.exports.default = createDebug;
