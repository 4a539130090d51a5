// The shipped templates as Handlebars itself compiles and runs them (strict, no escaping, our `each`): the
// reference the compiled templates are held to (template-compiler.test.ts). Given src/render/templates.ts as
// it really is (the test mocks that module, so it cannot be imported here).

import Handlebars from 'handlebars';

import { joiningEach } from '../../../src/render/joining-each.js';
import type * as Templates from '../../../src/render/templates.js';

/** `template()` of src/render/templates.ts, through Handlebars compiled from the same sources with its options. */
export function handlebarsTemplates(
  real: Pick<typeof Templates, 'SOURCES' | 'PARTIALS' | 'TEMPLATE_OPTIONS'>,
): (name: Templates.TemplateName) => (view: unknown) => string {
  const instance = Handlebars.create();
  instance.registerHelper('each', joiningEach(instance));
  for (const [name, source] of Object.entries(real.PARTIALS)) instance.registerPartial(name, source as string);
  const compiled = new Map<Templates.TemplateName, Handlebars.TemplateDelegate>();
  return (name) => {
    let delegate = compiled.get(name);
    if (!delegate)
      compiled.set(name, (delegate = instance.compile(real.SOURCES[name] as string, real.TEMPLATE_OPTIONS)));
    return (view) => delegate(view);
  };
}
