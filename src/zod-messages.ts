// zod's tree-shakable build (zod/mini) speaks in generic messages until given a locale: load English
// once, for its side effect. The classic build cost the CLI ~30 ms of start-up on import (measured) for
// chainable methods we do not need.

import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
