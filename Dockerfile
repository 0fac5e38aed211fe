# One image for the whole workspace: the GraphQL server (default command; with TELEGRAM_BOT_TOKEN it runs the
# Telegram bot too) and the admin UI differ only by their command (see docker-compose.yml).
#   docker build -t kurin .
#   docker run --rm -p 4000:4000 -e HOST=0.0.0.0 -e TELEGRAM_BOT_TOKEN=... kurin   # server (and bot)
#   docker run --rm -e TELEGRAM_BOT_TOKEN=... -e KURIN_API_URL=http://host:4000/graphql -e KURIN_API_TOKEN=... -w /app/bot kurin \
#     node --max-semi-space-size=2 --optimize-for-size dist/main.js                   # the bot on its own
#   docker run --rm -p 5173:5173 -e KURIN_API_URL=http://host:4000 kurin \
#     pnpm --filter @kurin/admin-ui exec vite preview --host 0.0.0.0 --port 5173
# The image is built once (`pnpm build`: the server, the bot and the dashboard compiled); it runs plain node on the
# output, never tsx, and starts node itself rather than through pnpm (one process, no package manager in memory).
FROM node:20-bookworm-slim

# pnpm is pinned: other 12.x versions cannot install this lockfile (see TOOLCHAIN.md).
RUN npm i -g pnpm@12.4.2 && pnpm --version

WORKDIR /app
# /data/kurin: the Sheets emulator's working copy of the demo catalogue (a volume in docker-compose.yml).
RUN mkdir -p /data/kurin && chown node:node /app /data/kurin
USER node

# Dependencies first, so that a source change does not download them again.
COPY --chown=node:node package.json pnpm-lock.yaml pnpm-workspace.yaml prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node server/package.json ./server/
COPY --chown=node:node bot/package.json ./bot/
COPY --chown=node:node admin-ui/package.json ./admin-ui/
COPY --chown=node:node sheets-emulator/package.json ./sheets-emulator/
RUN pnpm install --frozen-lockfile

COPY --chown=node:node . .
# Links the workspace again now that the sources are here, and regenerates the Prisma client (postinstall).
RUN pnpm install --frozen-lockfile --offline
# Compiles the server, the bot and the Sheets emulator to their dist/ folders and builds the dashboard.
RUN pnpm build

# production: graphql-js skips its development-only checks (about 5% of a request's CPU).
# The malloc settings and the node flags below are server/package.json's start script (README, "Performance").
ENV HOST=0.0.0.0 \
    PORT=4000 \
    NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072
EXPOSE 4000 5173
WORKDIR /app/server
CMD ["node", "--max-semi-space-size=2", "--optimize-for-size", "dist/bundle/kurin.mjs"]
