// Node module hooks (see ../register.mjs): a bare specifier bench/ does not have is resolved as if imported from
// server/. Relative and absolute specifiers, and anything found the normal way, are left alone.
const fromServer = new URL("../../server/package.json", import.meta.url).href;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const bare = !/^(\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
    if (!bare || error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    return next(specifier, { ...context, parentURL: fromServer });
  }
}
